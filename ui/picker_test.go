package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"nnviz/scenarios"
)

// drive types keys into m as press does ("⏎" is enter, "⎋" esc, "⇥"
// tab) and runs the commands they return, as the program would, so that
// the list's filter results arrive. It reports whether a command quit.
// Play ticks are dropped, not waited for.
func drive(t *testing.T, m Model, keys string) (Model, bool) {
	t.Helper()
	quit := false
	for _, r := range keys {
		msg := tea.KeyPressMsg{Code: r, Text: string(r)}
		switch r {
		case '⏎':
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case '⎋':
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case '⇥':
			msg = tea.KeyPressMsg{Code: tea.KeyTab}
		}
		next, cmd := m.Update(msg)
		m = next.(Model)
		queue := []tea.Cmd{cmd}
		for n := 0; len(queue) > 0; n++ {
			if n > 100 {
				t.Fatalf("after %q the commands never settle", r)
			}
			c := queue[0]
			queue = queue[1:]
			if c == nil {
				continue
			}
			switch msg := c().(type) {
			case tea.BatchMsg:
				queue = append(queue, msg...)
			case tea.QuitMsg:
				quit = true
			case tickMsg, nil:
			default:
				next, cmd := m.Update(msg)
				m = next.(Model)
				queue = append(queue, cmd)
			}
		}
	}
	return m, quit
}

func TestPickerLoads(t *testing.T) {
	t.Parallel()
	all := scenarios.All()
	m := sized(New(all, 0), 80, 24)
	m, _ = drive(t, m, "e")
	old := m.tr

	m, _ = drive(t, m, "o")
	if !m.picking || !strings.Contains(screen(m), "open scenario") {
		t.Fatalf("o did not open the picker:\n%s", screen(m))
	}
	m, _ = drive(t, m, "j⏎")
	if m.picking || m.sc.Name != all[1].Name || m.cur != 1 {
		t.Fatalf("j, enter: on %q (picking %v), want %q",
			m.sc.Name, m.picking, all[1].Name)
	}
	if m.tr == nil || m.tr == old || m.tr.EpochsDone() != 0 || m.tr.Epoch() != 0 {
		t.Error("the trainer was not built afresh at epoch 1")
	}
	status := strings.Split(screen(m), "\n")[0]
	if !strings.Contains(status, all[1].Name+" · epoch 1") {
		t.Errorf("status line after loading: %s", status)
	}
}

func TestPickerCloses(t *testing.T) {
	t.Parallel()
	all := scenarios.All()
	for _, keys := range []string{"ojj⎋", "ojjq", "ok⏎", "o/xo⎋⎋"} {
		m := sized(New(all, 0), 80, 24)
		m, _ = drive(t, m, "e")
		old := m.tr
		m, quit := drive(t, m, keys)
		if quit || m.picking || m.sc.Name != all[0].Name || m.tr != old ||
			m.tr.EpochsDone() != 1 {
			t.Errorf("%q: on %q, picking %v, quit %v, %d epochs; want %q unchanged",
				keys, m.sc.Name, m.picking, quit, m.tr.EpochsDone(), all[0].Name)
		}
	}
}

func TestPickerFilter(t *testing.T) {
	t.Parallel()
	all := scenarios.All()
	want := scenarios.Spiral().Name
	m := sized(New(all, 0), 80, 24)
	m, _ = drive(t, m, "o/"+want[:4])
	if got := screen(m); !strings.Contains(got, "filter: "+want[:4]) ||
		!strings.Contains(got, "esc cancel filter") {
		t.Errorf("no filter line or filter help:\n%s", got)
	}
	m, _ = drive(t, m, "⏎")
	if m.picking || m.sc.Name != want {
		t.Errorf("/%s, enter: on %q (picking %v), want %q",
			want[:4], m.sc.Name, m.picking, want)
	}

	// q is text while the filter is typed; esc cancels the filter only
	m = sized(New(all, 0), 80, 24)
	m, quit := drive(t, m, "o/q")
	if quit || !m.picking || m.picker.list.FilterValue() != "q" {
		t.Errorf("q while filtering: quit %v, picking %v, filter %q",
			quit, m.picking, m.picker.list.FilterValue())
	}
	m, _ = drive(t, m, "⎋")
	if !m.picking || m.picker.Filtering() {
		t.Errorf("esc while filtering: picking %v, filtering %v",
			m.picking, m.picker.Filtering())
	}

	// enter with nothing matching does nothing
	m = sized(New(all, 0), 80, 24)
	m, _ = drive(t, m, "o/zzzzzz⏎")
	if !m.picking || m.sc.Name != all[0].Name ||
		!strings.Contains(screen(m), "No scenario matches") {
		t.Errorf("enter with no match: on %q, picking %v", m.sc.Name, m.picking)
	}

	// ↓ leaves the filter for its matches, which j then moves through
	m = sized(New(all, 0), 80, 24)
	m, _ = drive(t, m, "o/gauss")
	matches := len(m.picker.list.VisibleItems())
	m, _ = drive(t, m, "⇥j⏎")
	if matches < 2 || m.picking || !strings.Contains(m.sc.Name, "gauss") || m.cur == 0 {
		t.Errorf("/gauss, tab, j, enter: %d matches, on %q", matches, m.sc.Name)
	}
}

func TestPickerPausesPlay(t *testing.T) {
	t.Parallel()
	m := sized(New(scenarios.All(), 0), 80, 24)
	m = press(m, "p")
	tag := m.tag
	m = press(m, "o")
	if m.play {
		t.Fatal("play goes on under the picker")
	}
	for _, tick := range []tickMsg{{tag}, {m.tag}} {
		next, cmd := m.Update(tick)
		m = next.(Model)
		if cmd != nil || m.tr.EpochsDone() != 0 {
			t.Fatalf("a tick trained under the picker (%d epochs)", m.tr.EpochsDone())
		}
	}
	next, cmd := m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	m = next.(Model)
	if !m.play || cmd == nil {
		t.Error("esc did not play on")
	}
}

func TestPickerCtrlCQuits(t *testing.T) {
	t.Parallel()
	for _, keys := range []string{"o", "o/x"} {
		m := sized(New(scenarios.All(), 0), 80, 24)
		m, _ = drive(t, m, keys)
		_, cmd := m.Update(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
		if cmd == nil {
			t.Fatalf("%q, ctrl+c: no command", keys)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Errorf("%q, ctrl+c did not quit", keys)
		}
	}
}

// TestPickerGolden shows the picker opened on xor with the cursor moved to
// the next scenario, whose lesson is shown. Its list is fixed, so that
// scenarios added to All do not change it.
func TestPickerGolden(t *testing.T) {
	list := []scenarios.Scenario{scenarios.XOR(), scenarios.XORKeras(),
		scenarios.WorkedExample(), scenarios.Circle(), scenarios.XOR2D(),
		scenarios.Gauss(), scenarios.Spiral(), scenarios.Plane(), scenarios.MultiGauss()}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			m := sized(New(list, 0), size[0], size[1])
			m, _ = drive(t, m, "oj")
			golden.RequireEqual(t, screen(m))
		})
	}
}

// TestPickerFits checks that the open picker fills the window exactly, in
// each of its states, from the smallest window up.
func TestPickerFits(t *testing.T) {
	t.Parallel()
	sizes := [][2]int{{80, 24}, {81, 25}, {99, 24}, {100, 30}, {120, 40},
		{200, 60}, {80, 60}}
	states := []string{"o", "oGj", "o?", "o?jjj", "o/", "o/s", "o/zzzzzz", "o/gauss⇥",
		"o/gauss⇥?", "o/x⎋"}
	for _, size := range sizes {
		for _, keys := range states {
			m := sized(New(scenarios.All(), 0), size[0], size[1])
			m, _ = drive(t, m, keys)
			if !m.picking {
				t.Fatalf("%v %q: the picker is closed", size, keys)
			}
			// keys move through the list at the size it is drawn at
			if h := m.bodyHeight(); m.picker.h != h {
				t.Errorf("%v after %q: the picker is %d high in Update, %d drawn",
					size, keys, m.picker.h, h)
			}
			lines := strings.Split(screen(m), "\n")
			if len(lines) != size[1] {
				t.Errorf("%v after %q: %d lines", size, keys, len(lines))
			}
			for n, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%v after %q: line %d is %d wide", size, keys, n, w)
				}
			}
		}
	}
}

func TestPickerFilterRanks(t *testing.T) {
	t.Parallel()
	targets := []string{
		"or\nOR gate on a single sigmoid neuron",
		"multi-gauss\nsix bumps",
		"gauss\ntwo Gaussian clouds",
		"plane\nnot Gaussian at all",
		"xor\nXOR truth table",
	}
	tests := []struct {
		term string
		want []int
	}{
		{"gau", []int{2, 1, 3}}, // names best first, then summaries
		{"GAUSSIAN", []int{2, 3}},
		{"xr", []int{4}},
		{"or gate", []int{0}},
		{"zz", nil},
	}
	for _, tt := range tests {
		var got []int
		for _, r := range filter(tt.term, targets) {
			got = append(got, r.Index)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("filter(%q) = %v, want %v", tt.term, got, tt.want)
		}
	}
}
