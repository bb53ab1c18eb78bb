package ui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nnviz/network"
	"nnviz/scenarios"
)

// sized sends a window size to m.
func sized(m Model, w, h int) Model {
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	return next.(Model)
}

// press types keys into m, one rune each; "⇥" stands for tab.
func press(m Model, keys string) Model {
	for _, r := range keys {
		msg := tea.KeyPressMsg{Code: r, Text: string(r)}
		if r == '⇥' {
			msg = tea.KeyPressMsg{Code: tea.KeyTab}
		}
		next, _ := m.Update(msg)
		m = next.(Model)
	}
	return m
}

func screen(m Model) string { return ansi.Strip(m.View().Content) }

func TestStepKeys(t *testing.T) {
	t.Parallel()
	m := sized(New(scenarios.All(), 0), 80, 24)
	initial := slices.Clone(m.tr.Net.Params)
	L := len(m.tr.Net.Layers)

	tests := []struct {
		key  string
		want network.Step
	}{
		{" ", network.Step{Phase: network.Forward, Layer: 0}},
		{"f", network.Step{Phase: network.LossCalc}},
		{"n", network.Step{Phase: network.Backward, Layer: L - 1}},
		{"b", network.Step{Phase: network.Backward, Layer: 0}},
		{"u", network.Step{Phase: network.Update}},
	}
	for _, tt := range tests {
		m = press(m, tt.key)
		got, ok := m.tr.Last()
		if !ok || got != tt.want {
			t.Fatalf("after %q: last phase %v (ok %v), want %v", tt.key, got, ok, tt.want)
		}
	}
	if slices.Equal(initial, m.tr.Net.Params) {
		t.Error("u changed no parameter")
	}
	if m.tr.Updates() != 1 {
		t.Errorf("updates = %d, want 1", m.tr.Updates())
	}

	m = press(m, "s")
	if m.tr.Sample() != 1 || !m.tr.SampleDone() {
		t.Errorf("s: at sample %d, done %v; want sample 1 done", m.tr.Sample(), m.tr.SampleDone())
	}
	m = press(m, "e")
	if n := len(m.tr.History()); n != 1 {
		t.Errorf("e: %d epochs recorded, want 1", n)
	}

	m = press(m, "r")
	if !slices.Equal(initial, m.tr.Net.Params) || len(m.tr.History()) != 0 {
		t.Error("r did not restore the initial weights and clear the history")
	}
}

func TestPlayTicks(t *testing.T) {
	t.Parallel()
	m := sized(New(scenarios.All(), 0), 80, 24)
	next, cmd := m.Update(tea.KeyPressMsg{Code: 'p', Text: "p"})
	m = next.(Model)
	if !m.play || cmd == nil {
		t.Fatal("p did not start play with a tick")
	}
	stale := tickMsg{tag: m.tag - 1}
	next, cmd = m.Update(stale)
	m = next.(Model)
	if cmd != nil || len(m.tr.History()) != 0 {
		t.Fatal("a stale tick ran training or scheduled another")
	}

	// at the default speed, one tick is one epoch
	next, cmd = m.Update(tickMsg{tag: m.tag})
	m = next.(Model)
	if cmd == nil || len(m.tr.History()) != 1 {
		t.Fatalf("a current tick gave %d epochs and cmd %v", len(m.tr.History()), cmd)
	}

	tag := m.tag
	m = press(m, "p")
	next, cmd = m.Update(tickMsg{tag: tag})
	m = next.(Model)
	if m.play || cmd != nil || len(m.tr.History()) != 1 {
		t.Error("a tick after pausing still trained")
	}
}

func TestPlayPausesAtLessonEnd(t *testing.T) {
	t.Parallel()
	list := []scenarios.Scenario{scenarios.WorkedExample()}
	m := sized(New(list, 0), 80, 24)
	m = press(m, "p")
	for range list[0].Epochs + 5 {
		if !m.play {
			break
		}
		next, _ := m.Update(tickMsg{tag: m.tag})
		m = next.(Model)
	}
	if got := len(m.tr.History()); m.play || got != list[0].Epochs {
		t.Errorf("play ran to epoch %d (playing %v), want a pause at %d", got, m.play, list[0].Epochs)
	}
}

func TestScenarioKeyCycles(t *testing.T) {
	t.Parallel()
	all := scenarios.All()
	m := sized(New(all, 0), 80, 24)
	for i := 1; i <= len(all); i++ {
		m = press(m, "⇥")
		want := all[i%len(all)].Name
		if m.sc.Name != want || !strings.Contains(screen(m), want) {
			t.Fatalf("tab %d: on %q, want %q", i, m.sc.Name, want)
		}
	}
}

func TestTooSmall(t *testing.T) {
	t.Parallel()
	m := sized(New(scenarios.All(), 0), 60, 20)
	got := screen(m)
	if !strings.Contains(got, "at least 80×24") || !strings.Contains(got, "60×20") {
		t.Errorf("too-small screen says %q", got)
	}
	if strings.Contains(got, "network") {
		t.Error("a broken layout was drawn below the minimum size")
	}
}

func TestDivergenceShown(t *testing.T) {
	t.Parallel()
	s := scenarios.WorkedExample()
	s.Output = "linear"
	s.LearningRate = 1e10
	m := sized(New([]scenarios.Scenario{s}, 0), 80, 24)
	for range 50 {
		m = press(m, "e")
	}
	if !m.tr.Diverged() {
		t.Fatal("η = 1e10 did not diverge in 50 epochs")
	}
	got := screen(m)
	if !strings.Contains(got, "diverged") {
		t.Error("no divergence notice on screen")
	}
	// the trace may show the +Inf or NaN that stopped training, as a word,
	// but the status line and the loss curve hold finite numbers only
	status := strings.Split(got, "\n")[0]
	if strings.Contains(status, "NaN") || strings.Contains(status, "Inf") {
		t.Errorf("the status line shows a non-finite loss: %s", status)
	}
	if !m.tr.Net.Finite() {
		t.Error("the parameters kept after divergence are not finite")
	}
}

func TestBuildErrorShown(t *testing.T) {
	t.Parallel()
	bad := scenarios.XOR()
	bad.Activation = "swish"
	m := sized(New([]scenarios.Scenario{bad, scenarios.XOR()}, 0), 80, 24)
	got := screen(m)
	if !strings.Contains(got, `unknown activation "swish"`) {
		t.Errorf("build error not shown:\n%s", got)
	}
	m = press(m, "fbu⇥")
	if m.tr == nil || m.sc.Name != "xor" {
		t.Error("tab did not move on from a scenario that failed to build")
	}
}

// TestViewFits checks at several sizes, for every scenario and at several
// points of a step, that the screen is exactly the window's size; the
// last keys open the scenario picker (with the full help, then without)
// and type a filter.
func TestViewFits(t *testing.T) {
	t.Parallel()
	sizes := [][2]int{{80, 24}, {100, 30}, {120, 40}, {200, 60}, {81, 25}, {119, 28}}
	for i := range scenarios.All() {
		for _, size := range sizes {
			m := sized(New(scenarios.All(), i), size[0], size[1])
			for _, keys := range []string{"", "L", " ", "f", "b", "u", "e", "?",
				"o", "j", "?", "/x"} {
				m = press(m, keys)
				lines := strings.Split(screen(m), "\n")
				if len(lines) != size[1] {
					t.Errorf("%s %v after %q: %d lines", m.sc.Name, size, keys, len(lines))
				}
				for n, l := range lines {
					if w := ansi.StringWidth(l); w > size[0] {
						t.Errorf("%s %v after %q: line %d is %d wide", m.sc.Name, size, keys, n, w)
					}
				}
			}
		}
	}
}

func TestSelectionKeys(t *testing.T) {
	t.Parallel()
	m := sized(New(scenarios.All(), 0), 80, 24)
	m = press(m, "jjjjj")
	if m.selL != 0 || m.selJ != m.tr.Net.Layers[0].Out-1 {
		t.Errorf("down stops at (%d, %d)", m.selL, m.selJ)
	}
	m = press(m, "l")
	if m.selL != 1 || m.selJ != 0 {
		t.Errorf("right moved to (%d, %d), want (1, 0)", m.selL, m.selJ)
	}
	m = press(m, "f")
	if !strings.Contains(screen(m), "ŷ · layer 2, neuron 1") {
		t.Error("the maths panel does not name the output neuron")
	}
}

// TestMathUsesWeightsBeforeUpdate checks that after the update the maths
// panel still shows the weights the sample's passes used: in the worked
// example h3's δ is 0.400·(−0.520) = −0.208, though w is now 0.4156.
func TestMathUsesWeightsBeforeUpdate(t *testing.T) {
	t.Parallel()
	m := sized(New([]scenarios.Scenario{scenarios.WorkedExample()}, 0), 100, 30)
	m = press(m, "ujj")
	got := screen(m)
	for _, want := range []string{"δ = (0.400·(−0.520))·1.000", "= −0.208",
		"0.200 − 0.1·(−0.208) = 0.221"} {
		if !strings.Contains(got, want) {
			t.Errorf("the maths panel lacks %q:\n%s", want, got)
		}
	}
}

func TestKeysIgnoredWhenTooSmall(t *testing.T) {
	t.Parallel()
	m := sized(New(scenarios.All(), 0), 60, 20)
	m = press(m, "nnne?")
	if _, ok := m.tr.Last(); ok || m.tr.EpochsDone() != 0 || m.help.ShowAll {
		t.Error("keys acted on a screen too small to show them")
	}
}

func TestPlayMaxStopsAtLessonEnd(t *testing.T) {
	t.Parallel()
	m := sized(New(scenarios.All(), 0), 80, 24)
	m = press(m, "++++p")
	for range 1000 {
		if !m.play {
			break
		}
		next, _ := m.Update(tickMsg{tag: m.tag})
		m = next.(Model)
	}
	if got := m.tr.EpochsDone(); m.play || got != m.sc.Epochs {
		t.Errorf("max speed paused at epoch %d (playing %v), want %d", got, m.play, m.sc.Epochs)
	}
}

func TestStepBack(t *testing.T) {
	t.Parallel()
	m := sized(New(scenarios.All(), 0), 80, 24)
	initial := slices.Clone(m.tr.Net.Params)
	m = press(m, "fb")
	afterB := slices.Clone(m.tr.Net.Params)
	m = press(m, "u[")
	if got, _ := m.tr.Last(); got != (network.Step{Phase: network.Backward, Layer: 0}) ||
		!slices.Equal(m.tr.Net.Params, afterB) {
		t.Errorf("[ after u: last phase %v, params changed %v; want the state after b",
			got, !slices.Equal(m.tr.Net.Params, afterB))
	}
	m = press(m, "[[[")
	if _, ok := m.tr.Last(); ok || !slices.Equal(m.tr.Net.Params, initial) ||
		!strings.Contains(screen(m), "nothing to go back to") {
		t.Error("going back past the first step did not stop at the start")
	}
	// stepping again after going back gives the same numbers as before
	m = press(m, "fbu")
	again := slices.Clone(m.tr.Net.Params)
	fresh := press(sized(New(scenarios.All(), 0), 80, 24), "fbu")
	if !slices.Equal(again, fresh.tr.Net.Params) {
		t.Error("steps after a rewind differ from the same steps from the start")
	}
}

func TestStepBackOutOfDivergence(t *testing.T) {
	t.Parallel()
	s := scenarios.Diverge()
	m := sized(New([]scenarios.Scenario{s}, 0), 80, 24)
	for range 30 {
		m = press(m, "e")
	}
	if !m.tr.Diverged() {
		t.Fatal("diverge did not diverge in 30 epochs")
	}
	m = press(m, "[")
	if m.tr.Diverged() || !m.tr.Net.Finite() {
		t.Error("[ did not go back to before the divergence")
	}
}
