package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nnviz/scenarios"
)

// The scenario picker: every scenario in a list that / filters by name
// and summary, with the lesson of the one under the cursor beside the
// list or below it. It covers the panels while open. The top model pauses
// play, takes enter, esc, q and ? itself and passes the other keys on.

const (
	// besideWidth is the narrowest inner width that puts the lesson
	// beside the list rather than below it.
	besideWidth = 96
	// lessonWidth is the lesson's width when it is beside the list; the
	// list takes the rest, up to maxListWidth.
	lessonWidth  = 43
	maxListWidth = 80
)

// scenarioItem is one scenario as the list shows it.
type scenarioItem struct {
	i             int // index in Model.list
	name, summary string
}

func (s scenarioItem) Title() string       { return s.name }
func (s scenarioItem) Description() string { return s.summary }
func (s scenarioItem) FilterValue() string { return s.name + "\n" + s.summary }

// filter is the picker's list.FilterFunc. It puts the scenarios whose
// name matches term fuzzily first, best first, as the list's own filter
// would, then those whose summary holds term. (Fuzzy matching over whole
// summaries finds a few letters of any short term in almost every one.)
// Only a name's matched letters are marked, since the list marks them in
// the title.
func filter(term string, targets []string) []list.Rank {
	names := make([]string, len(targets))
	for i, t := range targets {
		names[i], _, _ = strings.Cut(t, "\n")
	}
	ranks := list.DefaultFilter(term, names)
	named := make(map[int]bool, len(ranks))
	for _, r := range ranks {
		named[r.Index] = true
	}
	term = strings.ToLower(term)
	for i, t := range targets {
		_, summary, _ := strings.Cut(t, "\n")
		if !named[i] && strings.Contains(strings.ToLower(summary), term) {
			ranks = append(ranks, list.Rank{Index: i})
		}
	}
	return ranks
}

// picker is the scenario picker panel.
type picker struct {
	list     list.Model
	delegate list.DefaultDelegate
	all      []scenarios.Scenario
	st       styles
	keys     keyMap
	cur      int // the scenario loaded when the picker opened
	w, h     int
}

func newPicker(all []scenarios.Scenario, st styles, keys keyMap) picker {
	items := make([]list.Item, len(all))
	for i, s := range all {
		items[i] = scenarioItem{i, s.Name, s.Summary}
	}
	d := list.NewDefaultDelegate()
	d.Styles = st.PickItem
	l := list.New(items, d, 0, 0)
	l.KeyMap = listKeys()
	l.Filter = filter
	l.DisableQuitKeybindings() // q closes the picker; ctrl+c is the top model's
	// nnviz draws the filter line, the count (in the frame's title) and
	// the help (in the footer) itself
	l.SetShowTitle(false)
	l.SetShowFilter(false)
	l.SetShowStatusBar(false)
	l.SetShowHelp(false)
	l.Styles = st.PickList
	l.Paginator.ActiveDot = st.PickList.ActivePaginationDot.String()
	l.Paginator.InactiveDot = st.PickList.InactivePaginationDot.String()
	l.FilterInput.Prompt = "filter: "
	l.FilterInput.SetStyles(st.PickFilter)
	return picker{list: l, delegate: d, all: all, st: st, keys: keys}
}

// Open shows the picker afresh: no filter, the cursor on scenario cur.
func (p *picker) Open(cur int) {
	p.cur = cur
	p.list.ResetFilter()
	p.layout()
	p.list.Select(cur)
}

// SetSize sets the panel's size, frame included.
func (p *picker) SetSize(w, h int) {
	p.w, p.h = w, h
	p.layout()
}

// Update passes msg to the list, then lays the panel out again, since
// the filter line comes and goes.
func (p picker) Update(msg tea.Msg) (picker, tea.Cmd) {
	var cmd tea.Cmd
	p.list, cmd = p.list.Update(msg)
	p.layout()
	return p, cmd
}

// Filtering reports whether the filter is being typed; then every key but
// enter and ctrl+c belongs to it.
func (p picker) Filtering() bool { return p.list.SettingFilter() }

// Chosen returns the index of the scenario under the cursor. It is false
// when nothing matches the filter, or while an empty filter is typed.
func (p picker) Chosen() (int, bool) {
	if p.list.SettingFilter() && p.list.FilterValue() == "" {
		return 0, false
	}
	it, ok := p.list.SelectedItem().(scenarioItem)
	return it.i, ok
}

// geometry is where the picker's parts go inside its frame.
type geometry struct {
	iw, ih           int  // inside the frame
	filter           bool // a filter line tops the list
	beside           bool // the lesson is right of the list, else below
	colH             int  // the filter line and the list
	listW, listH     int  // the list, under the filter line
	lessonW, lessonH int  // below the list, this counts its rule; 0 × 0 if no room
}

func (p picker) geometry() geometry {
	g := geometry{iw: max(p.w-4, 0), ih: max(p.h-2, 0)}
	g.filter = p.list.FilterState() != list.Unfiltered
	g.colH = g.ih
	if g.iw >= besideWidth {
		g.beside = true
		g.listW = max(min(g.iw-3-lessonWidth, maxListWidth), g.iw/2)
		g.lessonW, g.lessonH = g.iw-g.listW-3, g.ih // " │ " between
	} else {
		g.listW, g.lessonW = g.iw, g.iw
		// the rule and the longest lesson, so that the list does not
		// jump as the cursor moves, in two fifths of the height at most
		g.lessonH = min(p.lessonRows(g.iw)+1, g.ih*2/5)
		if g.lessonH < 4 {
			g.lessonH = 0
		}
		g.colH -= g.lessonH
	}
	g.listH = g.colH
	if g.filter {
		g.listH = max(g.colH-1, 0)
	}
	return g
}

// lessonRows is the most lines a lesson takes when wrapped to w.
func (p picker) lessonRows(w int) int {
	n := 0
	for _, s := range p.all {
		n = max(n, strings.Count(ansi.Wrap(s.Lesson, w, " "), "\n")+1)
	}
	return n
}

// layout sizes the list for the panel, with a blank line between items
// when all of them fit that way.
func (p *picker) layout() {
	g := p.geometry()
	spacing := 0
	if g.listH-1 >= 3*len(p.all) {
		spacing = 1
	}
	if spacing != p.delegate.Spacing() {
		p.delegate.SetSpacing(spacing)
		p.list.SetDelegate(p.delegate)
	}
	p.list.SetSize(g.listW, g.listH)
}

// View draws the picker as a panel of its size.
func (p picker) View() string {
	g := p.geometry()
	var col []string
	if g.filter {
		col = append(col, p.list.FilterInput.View())
	}
	col = append(col, strings.Split(p.list.View(), "\n")...)
	for len(col) < g.colH {
		col = append(col, "")
	}
	col = col[:g.colH]
	for i, l := range col {
		col[i] = pad(l, g.listW)
	}

	lines := col
	it, ok := p.list.SelectedItem().(scenarioItem)
	switch {
	case g.lessonH == 0:
	case !ok:
		note := p.st.Header.Render("No scenario matches the filter.")
		if g.beside {
			lines = besides(col, []string{note}, p.st.Dim.Render("│"))
		} else {
			lines = append(lines, p.rule("", g.iw), note)
		}
	case g.beside:
		text := []string{p.st.PanelTitle.Render(p.head(it)), ""}
		text = append(text, p.lesson(it, g.lessonW, g.lessonH-2)...)
		lines = besides(col, text, p.st.Dim.Render("│"))
	default:
		lines = append(lines, p.rule(p.head(it), g.iw))
		lines = append(lines, p.lesson(it, g.lessonW, g.lessonH-1)...)
	}
	return frame(p.st, true, p.title(), lines, p.w, p.h)
}

// besides joins two columns line by line with sep between them.
func besides(left, right []string, sep string) []string {
	out := make([]string, len(left))
	for i, l := range left {
		r := ""
		if i < len(right) {
			r = right[i]
		}
		out[i] = l + " " + sep + " " + r
	}
	return out
}

// title names the panel and says where the cursor is, or how many
// scenarios the filter lets through.
func (p picker) title() string {
	n := len(p.list.Items())
	switch {
	case p.list.FilterState() == list.Unfiltered:
		return fmt.Sprintf("open scenario · %d of %d", p.list.Index()+1, n)
	case p.list.FilterValue() == "":
		return "open scenario · type part of a name or summary"
	}
	return fmt.Sprintf("open scenario · %d of %d match", len(p.list.VisibleItems()), n)
}

// head is the name over a lesson, marked if it is the loaded scenario.
func (p picker) head(it scenarioItem) string {
	if it.i == p.cur {
		return it.name + " (loaded)"
	}
	return it.name
}

// rule is a line of w columns with text set into it, over the lesson.
func (p picker) rule(text string, w int) string {
	if text != "" {
		text = p.st.PanelTitle.Render(" lesson · " + text + " ")
	}
	text = p.st.Dim.Render("─") + text
	return text + p.st.Dim.Render(strings.Repeat("─", max(0, w-ansi.StringWidth(text))))
}

// lesson is the lesson of it wrapped to w columns in at most h lines; a
// cut one ends with "…".
func (p picker) lesson(it scenarioItem, w, h int) []string {
	if h <= 0 {
		return nil
	}
	lines := strings.Split(ansi.Wrap(p.all[it.i].Lesson, w, " "), "\n")
	if len(lines) > h {
		lines = lines[:h]
		lines[h-1] = ansi.Truncate(lines[h-1], w-1, "") + "…"
	}
	return lines
}

// ShortHelp is the footer's help while the picker is open.
func (p picker) ShortHelp() []key.Binding {
	k, l := p.keys, p.list.KeyMap
	load := k.Load
	_, ok := p.Chosen()
	load.SetEnabled(ok)
	if p.Filtering() {
		return []key.Binding{load, l.AcceptWhileFiltering, l.CancelWhileFiltering}
	}
	return []key.Binding{load, l.CursorUp, l.CursorDown, l.Filter, k.Close, k.Help}
}

// FullHelp is the picker's help that ? opens. The page keys, shown only
// when there are pages, have a column of their own so that the help's
// height, which sets the list's, does not depend on the list's.
func (p picker) FullHelp() [][]key.Binding {
	k, l := p.keys, p.list.KeyMap
	load := k.Load
	_, ok := p.Chosen()
	load.SetEnabled(ok)
	if p.Filtering() {
		return [][]key.Binding{{load, l.AcceptWhileFiltering, l.CancelWhileFiltering},
			{k.Interrupt}}
	}
	return [][]key.Binding{
		{load, l.Filter, k.Close},
		{l.CursorUp, l.CursorDown, l.GoToStart, l.GoToEnd},
		{l.PrevPage, l.NextPage},
		{k.Help, k.Interrupt},
	}
}

// The top model's side of the picker.

// openPicker pauses play and opens the picker on the loaded scenario.
func (m *Model) openPicker() {
	m.resume, m.play = m.play, false
	m.tag++
	m.picking = true
	m.picker.Open(m.cur)
}

// pickKey handles a key while the picker is open. Enter loads the
// scenario under the cursor and ctrl+c quits. While the filter is typed
// every other key edits it (esc cancels it); otherwise esc and q close the
// picker, ? toggles the full help and the list takes the rest.
func (m Model) pickKey(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Interrupt):
		return m, tea.Quit
	case key.Matches(msg, k.Load):
		if i, ok := m.picker.Chosen(); ok {
			return m.closePicker(i)
		}
		return m, nil
	case m.picker.Filtering():
	case key.Matches(msg, k.Close):
		return m.closePicker(m.cur)
	case key.Matches(msg, k.Help):
		m.help.ShowAll = !m.help.ShowAll
		return m, nil
	}
	var cmd tea.Cmd
	m.picker, cmd = m.picker.Update(msg)
	return m, cmd
}

// closePicker loads scenario i. If i is the one loaded it changes
// nothing, and play goes on if it was on.
func (m Model) closePicker(i int) (Model, tea.Cmd) {
	m.picking = false
	if i != m.cur {
		m.load(i)
		return m, nil
	}
	if m.resume && m.tr != nil && !m.tr.Diverged() {
		m.play = true
		m.tag++
		return m, m.tick()
	}
	return m, nil
}

// helpKeys are the keys the footer shows: the picker's while it is open.
func (m Model) helpKeys() help.KeyMap {
	if m.picking {
		return m.picker
	}
	return m.keys
}
