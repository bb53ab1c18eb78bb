package ui

import (
	"fmt"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"nnviz/scenarios"
)

// TestGolden runs the whole program on xor, presses f, b and u (a forward
// pass, a backward pass and the update of the first sample), quits, and
// compares the final screen without colours to testdata. Refresh with
// go test ./ui -update after checking the change by eye.
func TestGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			tm := teatest.NewTestModel(t, New(scenarios.All(), 0),
				teatest.WithInitialTermSize(size[0], size[1]),
				teatest.WithProgramOptions(
					tea.WithColorProfile(colorprofile.TrueColor),
					tea.WithEnvironment([]string{"TERM=xterm-256color"})))
			tm.Type("fbu")
			tm.Type("q")
			fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
			golden.RequireEqual(t, ansi.Strip(fm.View().Content))
		})
	}
}

// TestGoldenLater shows the screen mid-way through the backward pass of a
// later epoch, with a loss curve and the surface, at 100×30.
func TestGoldenLater(t *testing.T) {
	m := sized(New(scenarios.All(), 0), 100, 30)
	m = press(m, "eeeeeeeeeefb")
	golden.RequireEqual(t, ansi.Strip(m.View().Content))
}

// TestGoldenWorkedExample shows the article's worked example after its
// forward and backward passes, with the output neuron's maths: numbers a
// learner checks by hand (z = 0.74, δ = −0.52).
func TestGoldenWorkedExample(t *testing.T) {
	m := sized(New(scenarios.All(), 2), 100, 30)
	m = press(m, "fnl")
	golden.RequireEqual(t, ansi.Strip(m.View().Content))
}
