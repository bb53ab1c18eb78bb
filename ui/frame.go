package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// frame draws lines inside a rounded border of exactly w × h cells, with
// title set into the top edge and a one-column margin on each side, so
// lines have w−4 columns. Lines too long are cut with "…", missing lines
// are blank, and lines beyond the height are dropped. A line must not hold
// a newline.
func frame(st styles, active bool, title string, lines []string, w, h int) string {
	if w < 4 || h < 2 {
		return ""
	}
	border := st.Panel
	if active {
		border = st.ActivePanel
	}
	edge := border.GetBorderTopForeground()
	paint := lipgloss.NewStyle().Foreground(edge)
	inner := w - 2

	var b strings.Builder
	head := ansi.Truncate(" "+title+" ", inner-1, "…")
	b.WriteString(paint.Render("╭─"))
	b.WriteString(st.PanelTitle.Render(head))
	b.WriteString(paint.Render(strings.Repeat("─", max(0, inner-1-ansi.StringWidth(head))) + "╮"))
	side := paint.Render("│")
	for i := range h - 2 {
		line := " "
		if i < len(lines) {
			line = ansi.Truncate(" "+lines[i], inner-1, "…")
		}
		b.WriteString("\n" + side + line +
			strings.Repeat(" ", inner-ansi.StringWidth(line)) + side)
	}
	b.WriteString("\n" + paint.Render("╰"+strings.Repeat("─", inner)+"╯"))
	return b.String()
}

// pad makes s exactly w columns wide, cutting or filling with spaces.
func pad(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	return s + strings.Repeat(" ", w-ansi.StringWidth(s))
}

// padLeft right-aligns s in w columns.
func padLeft(s string, w int) string {
	s = ansi.Truncate(s, w, "…")
	return strings.Repeat(" ", w-ansi.StringWidth(s)) + s
}
