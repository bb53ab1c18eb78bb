package ui

import (
	"image/color"
	"math"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// levels is how many shades each sign of a weight gets.
const levels = 4

// styles is every style nnviz draws with, made once by defaultStyles.
type styles struct {
	Panel, ActivePanel lipgloss.Style
	PanelTitle         lipgloss.Style
	Status, StatusKey  lipgloss.Style
	Phase              lipgloss.Style // the phase that just ran
	Header, Dim, Bold  lipgloss.Style
	Error              lipgloss.Style
	Selected           lipgloss.Style // the neuron whose maths is shown
	Curve              lipgloss.Style // a fitted curve
	// Positive and Negative colour a value by its sign, from faint
	// (index 0, small magnitude) to strong.
	Positive, Negative [levels]lipgloss.Style
	Help               help.Styles
	// PickItem, PickList and PickFilter style the scenario picker's
	// items, page dots and filter line.
	PickItem   list.DefaultItemStyles
	PickList   list.Styles
	PickFilter textinput.Styles
}

func defaultStyles() styles {
	accent := lipgloss.Color("#7D56F4")
	border := lipgloss.Color("#5C5C7A")
	grey := lipgloss.Color("#8A8A8A")
	panel := lipgloss.NewStyle().
		Border(lipgloss.RoundedBorder()).
		BorderForeground(border)
	s := styles{
		Panel:       panel,
		ActivePanel: panel.BorderForeground(accent),
		PanelTitle:  lipgloss.NewStyle().Foreground(lipgloss.Color("#C8C8E8")).Bold(true),
		Status: lipgloss.NewStyle().Foreground(lipgloss.Color("#E8E8F8")).
			Background(lipgloss.Color("#3A2F6B")),
		StatusKey: lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF")).
			Background(accent).Bold(true),
		Phase:    lipgloss.NewStyle().Foreground(lipgloss.Color("#FFD75F")).Bold(true),
		Header:   lipgloss.NewStyle().Foreground(grey),
		Dim:      lipgloss.NewStyle().Foreground(lipgloss.Color("#5F5F5F")),
		Bold:     lipgloss.NewStyle().Bold(true),
		Error:    lipgloss.NewStyle().Foreground(lipgloss.Color("#FF5F5F")).Bold(true),
		Selected: lipgloss.NewStyle().Reverse(true),
		Curve:    lipgloss.NewStyle().Foreground(lipgloss.Color("#FFD75F")).Bold(true),
	}
	// Playground's colours: blue for positive, orange for negative.
	pos := [levels]color.Color{lipgloss.Color("#6C8EBF"), lipgloss.Color("#4F8FE0"),
		lipgloss.Color("#2E86FF"), lipgloss.Color("#1F6FFF")}
	neg := [levels]color.Color{lipgloss.Color("#C8A070"), lipgloss.Color("#E0983C"),
		lipgloss.Color("#F5871F"), lipgloss.Color("#FF7700")}
	for i := range levels {
		s.Positive[i] = lipgloss.NewStyle().Foreground(pos[i])
		s.Negative[i] = lipgloss.NewStyle().Foreground(neg[i])
	}
	s.Positive[levels-1] = s.Positive[levels-1].Bold(true)
	s.Negative[levels-1] = s.Negative[levels-1].Bold(true)

	key := lipgloss.NewStyle().Foreground(lipgloss.Color("#B0A0F0")).Bold(true)
	desc := lipgloss.NewStyle().Foreground(lipgloss.Color("#9A9AB0"))
	sep := lipgloss.NewStyle().Foreground(lipgloss.Color("#5C5C7A"))
	s.Help = help.Styles{
		Ellipsis: sep, ShortKey: key, ShortDesc: desc, ShortSeparator: sep,
		FullKey: key, FullDesc: desc, FullSeparator: sep,
	}
	pickStyles(&s, accent, grey)
	return s
}

// pickStyles fills the scenario picker's styles, in the panels' colours.
func pickStyles(s *styles, accent, grey color.Color) {
	item := lipgloss.NewStyle().PaddingLeft(2)
	mark := lipgloss.NewStyle().PaddingLeft(1).
		Border(lipgloss.NormalBorder(), false, false, false, true).
		BorderForeground(accent)
	s.PickItem = list.DefaultItemStyles{
		NormalTitle:   item.Foreground(lipgloss.Color("#C8C8E8")),
		NormalDesc:    item.Foreground(grey),
		SelectedTitle: mark.Foreground(lipgloss.Color("#FFFFFF")).Bold(true),
		SelectedDesc:  mark.Foreground(lipgloss.Color("#B0A0F0")),
		DimmedTitle:   item.Foreground(grey),
		DimmedDesc:    item.Foreground(lipgloss.Color("#5F5F5F")),
		FilterMatch:   lipgloss.NewStyle().Underline(true),
	}

	s.PickList = list.DefaultStyles(true)
	s.PickList.ActivePaginationDot = lipgloss.NewStyle().
		Foreground(lipgloss.Color("#B0A0F0")).SetString("•")
	s.PickList.InactivePaginationDot = lipgloss.NewStyle().
		Foreground(lipgloss.Color("#5C5C7A")).SetString("•")

	s.PickFilter = textinput.DefaultStyles(true)
	prompt := lipgloss.NewStyle().Foreground(lipgloss.Color("#B0A0F0")).Bold(true)
	text := lipgloss.NewStyle().Foreground(lipgloss.Color("#FFFFFF"))
	s.PickFilter.Focused.Prompt, s.PickFilter.Focused.Text = prompt, text
	s.PickFilter.Blurred.Prompt, s.PickFilter.Blurred.Text = prompt.Foreground(grey), text
	// a steady cursor: a blinking one would redraw the screen twice a second
	s.PickFilter.Cursor = textinput.CursorStyle{Color: accent}
}

// signed returns the style for v, whose shade grows with |v| relative to
// scale (the largest magnitude in view).
// Non-finite values get the error style.
func (s styles) signed(v, scale float64) lipgloss.Style {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return s.Error
	}
	i := 0
	if scale > 0 {
		r := min(math.Abs(v)/scale, 1)
		i = min(int(r*levels), levels-1)
	}
	if v < 0 {
		return s.Negative[i]
	}
	return s.Positive[i]
}
