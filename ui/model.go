// Package ui is nnviz's terminal interface: a Bubble Tea program that
// steps a network through its training phases and shows every number.
package ui

import (
	"errors"
	"fmt"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nnviz/network"
	"nnviz/scenarios"
)

// Minimum terminal size at which every panel fits.
const (
	minWidth  = 80
	minHeight = 24
)

// speed is one setting of play mode: how much runs per tick, how often.
type speed struct {
	name     string
	interval time.Duration
	run      func(*network.Trainer) error
}

// budget bounds the work of one tick at the fastest speed, so that a key
// press waits at most this long.
const budget = 12 * time.Millisecond

// speeds are play's settings, slowest first. At "max" a tick runs whole
// epochs for up to budget (see Model.playMax).
var speeds = []speed{
	{"phase", 150 * time.Millisecond, nextPhase},
	{"sample", 50 * time.Millisecond, (*network.Trainer).SampleStep},
	{"epoch", 33 * time.Millisecond, (*network.Trainer).EpochStep},
	{"max", 33 * time.Millisecond, nil},
}

// nextPhase runs one phase, for play and for the space key.
func nextPhase(t *network.Trainer) error {
	_, err := t.Next()
	return err
}

// tickMsg asks for one slice of play. A tick whose tag is not the model's
// current tag is stale (play was paused, restarted or changed speed since)
// and is dropped, so there is never more than one play loop.
type tickMsg struct{ tag int }

// Model is the whole program's state.
type Model struct {
	list  []scenarios.Scenario
	cur   int
	sc    *scenarios.Scenario
	tr    *network.Trainer
	keys  keyMap
	st    styles
	help  help.Model
	w, h  int
	selL  int
	selJ  int
	speed int
	play  bool
	tag   int
	// lesson shows the scenario's lesson text in the maths panel.
	lesson bool
	// data is which panel shows the data; scratch is its space for
	// forward passes.
	data    dataKind
	scratch *network.Scratch
	pal     palette
	// back holds snapshots from before each step, for the rewind key.
	back *rewind
	// message is a notice shown under the panels until the next key, or
	// why the scenario could not be built (then tr is nil).
	message string
	// picking is whether the scenario picker covers the panels; resume,
	// whether play was on when it opened.
	picking, resume bool
	picker          picker
}

// New returns the model on list[start].
func New(list []scenarios.Scenario, start int) Model {
	m := Model{list: list, keys: defaultKeys(), st: defaultStyles(),
		help: help.New(), speed: 2, w: minWidth, h: minHeight, pal: newPalette(),
		back: newRewind()}
	m.help.Styles = m.st.Help
	m.picker = newPicker(list, m.st, m.keys)
	m.load(start)
	return m
}

// load switches to scenario i, built afresh.
func (m *Model) load(i int) {
	m.cur = i
	m.sc = &m.list[i]
	m.play, m.message = false, ""
	m.tag++
	tr, err := m.sc.Build()
	m.tr = nil
	if err != nil {
		m.message = fmt.Sprintf("%s cannot be built: %v", m.sc.Name, err)
		return
	}
	m.tr = tr
	m.back.clear()
	m.data = dataPanel(tr.Net)
	m.scratch = tr.Net.NewScratch()
	m.selL, m.selJ = 0, 0
	m.lesson = true
}

// Init starts nothing: a paused program does no work.
func (m Model) Init() tea.Cmd { return nil }

// Update handles keys, window sizes and play ticks.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.w, m.h = msg.Width, msg.Height
		m.help.SetWidth(msg.Width)
	case tickMsg:
		if msg.tag != m.tag || !m.play {
			return m, nil
		}
		if f := speeds[m.speed].run; f != nil {
			m.run(f)
		} else {
			m.run(m.playMax)
		}
		if m.play {
			return m, m.tick()
		}
	case tea.KeyPressMsg:
		m, cmd = m.key(msg)
	default:
		// the picker's list sends itself its filter's matches
		if m.picking {
			m.picker, cmd = m.picker.Update(msg)
		}
	}
	if m.picking {
		// the footer's height follows the picker's state and the help
		m.picker.SetSize(m.w, m.bodyHeight())
	}
	return m, cmd
}

func (m Model) key(msg tea.KeyPressMsg) (Model, tea.Cmd) {
	k := m.keys
	if m.picking && m.w >= minWidth && m.h >= minHeight {
		return m.pickKey(msg)
	}
	if key.Matches(msg, k.Quit) {
		return m, tea.Quit
	}
	if m.w < minWidth || m.h < minHeight {
		return m, nil // nothing else acts on a screen that cannot show it
	}
	if m.tr != nil {
		m.message = ""
	}
	switch {
	case key.Matches(msg, k.Help):
		m.help.ShowAll = !m.help.ShowAll
	case key.Matches(msg, k.Scenario):
		m.load((m.cur + 1) % len(m.list))
	case key.Matches(msg, k.Open):
		m.openPicker()
	case m.tr == nil:
		// a scenario that failed to build answers only the keys above
	case key.Matches(msg, k.Next):
		m.step(nextPhase)
	case key.Matches(msg, k.Forward):
		m.step((*network.Trainer).ForwardPass)
	case key.Matches(msg, k.Backward):
		m.step((*network.Trainer).BackwardPass)
	case key.Matches(msg, k.Update):
		m.step((*network.Trainer).UpdateStep)
	case key.Matches(msg, k.Sample):
		m.step((*network.Trainer).SampleStep)
	case key.Matches(msg, k.Epoch):
		m.step((*network.Trainer).EpochStep)
	case key.Matches(msg, k.Play):
		m.play = !m.play && !m.tr.Diverged()
		m.tag++
		if m.play {
			m.lesson = false
			return m, m.tick()
		}
	case key.Matches(msg, k.Faster):
		m.speed = min(m.speed+1, len(speeds)-1)
		m.message = "speed: " + speeds[m.speed].name + " per tick"
	case key.Matches(msg, k.Slower):
		m.speed = max(m.speed-1, 0)
		m.message = "speed: " + speeds[m.speed].name + " per tick"
	case key.Matches(msg, k.Back):
		m.stepBack()
	case key.Matches(msg, k.Reset):
		m.back.clear()
		m.tr.Reset()
		m.play = false
		m.tag++
		m.message = "reset to the initial weights"
	case key.Matches(msg, k.Lesson):
		m.lesson = !m.lesson
	case key.Matches(msg, k.Up):
		m.selJ = max(m.selJ-1, 0)
	case key.Matches(msg, k.Down):
		m.selJ = min(m.selJ+1, m.tr.Net.Layers[m.selL].Out-1)
	case key.Matches(msg, k.Left):
		m.selectLayer(m.selL - 1)
	case key.Matches(msg, k.Right):
		m.selectLayer(m.selL + 1)
	}
	return m, nil
}

// playMax runs epochs until budget has passed, stopping early at the end
// of the lesson so that run can pause there.
func (m *Model) playMax(t *network.Trainer) error {
	start := time.Now()
	for time.Since(start) < budget {
		if err := t.EpochStep(); err != nil {
			return err
		}
		if t.EpochsDone() == m.sc.Epochs {
			return nil
		}
	}
	return nil
}

// step runs one stepping key's work while paused.
func (m *Model) step(f func(*network.Trainer) error) {
	m.play = false
	m.tag++
	m.lesson = false
	m.run(f)
}

// stepBack undoes the last step or play tick, as far as the rewind ring
// goes.
func (m *Model) stepBack() {
	m.play = false
	m.tag++
	if !m.back.pop(m.tr) {
		m.message = "nothing to go back to"
		return
	}
	m.message = fmt.Sprintf("went back one step (%d more held)", m.back.len())
}

// run applies f to the trainer, stops play at a divergence or at the end
// of the scenario's epochs, and moves the selection to the layer of the
// phase that ran.
func (m *Model) run(f func(*network.Trainer) error) {
	if m.tr.Diverged() {
		return // nothing runs until a reset or a step back
	}
	m.back.push(m.tr)
	before := m.tr.EpochsDone()
	err := f(m.tr)
	if errors.Is(err, network.ErrDiverged) {
		m.play = false
		return
	}
	if after := m.tr.EpochsDone(); m.play && before < m.sc.Epochs && after >= m.sc.Epochs {
		m.play = false
		m.message = fmt.Sprintf("paused at epoch %d, the end of this lesson; p plays on", after)
	}
	if s, ok := m.tr.Last(); ok {
		switch s.Phase {
		case network.Forward, network.Backward:
			m.selectLayer(s.Layer)
		case network.LossCalc:
			m.selectLayer(len(m.tr.Net.Layers) - 1)
		}
	}
}

func (m *Model) selectLayer(l int) {
	l = max(0, min(l, len(m.tr.Net.Layers)-1))
	if l != m.selL {
		m.selL = l
		m.selJ = min(m.selJ, m.tr.Net.Layers[l].Out-1)
	}
}

func (m Model) tick() tea.Cmd {
	tag := m.tag
	return tea.Tick(speeds[m.speed].interval, func(time.Time) tea.Msg {
		return tickMsg{tag}
	})
}
