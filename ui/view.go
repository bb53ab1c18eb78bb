package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"nnviz/network"
)

// View draws the whole screen, or a notice if the window is too small.
func (m Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.WindowTitle = "nnviz · " + m.sc.Name
	return v
}

// render lays the panels out for the window size.
func (m Model) render() string {
	if m.w < minWidth || m.h < minHeight {
		return tooSmall(m.w, m.h)
	}
	status := m.status()
	foot := m.footer()
	bodyH := m.h - 1 - lipgloss.Height(foot)
	if m.tr == nil {
		return lipgloss.JoinVertical(lipgloss.Left, status,
			frame(m.st, true, "cannot build "+m.sc.Name, []string{"", m.message,
				"", "Press tab for the next scenario or q to quit."}, m.w, bodyH), foot)
	}
	return lipgloss.JoinVertical(lipgloss.Left, status, m.body(m.w, bodyH), foot)
}

func tooSmall(w, h int) string {
	msg := fmt.Sprintf("nnviz needs a window of at least %d×%d; this one is %d×%d.",
		minWidth, minHeight, w, h)
	return ansi.Wrap(msg+" Enlarge it, or press q to quit.", max(w, 10), " ")
}

// body places the network, maths and loss panels in w × h cells. Wide
// windows put the maths beside the network; narrower ones put it beside
// the loss curve, under the network.
func (m Model) body(w, h int) string {
	nv := netView{tr: m.tr, inputs: m.sc.InputNames, selL: m.selL, selJ: m.selJ}
	mv := mathView{tr: m.tr, inputs: m.sc.InputNames, selL: m.selL, selJ: m.selJ}
	hist := m.tr.History()

	if w >= 120 {
		netW := min(w*3/5, 100)
		mathW := w - netW
		netLines := nv.lines(m.st, netW-3)
		topH := min(max(len(netLines)+2, h/2), h-8)
		top := lipgloss.JoinHorizontal(lipgloss.Top,
			frame(m.st, true, "network", netLines, netW, topH),
			m.mathPanel(mv, mathW, topH))
		lossH := h - topH
		loss := frame(m.st, false, lossTitle(hist), lossLines(hist, w-3, lossH-2), w, lossH)
		return lipgloss.JoinVertical(lipgloss.Left, top, loss)
	}

	netLines := nv.lines(m.st, w-3)
	netH := min(len(netLines)+2, h-9)
	botH := h - netH
	mathW := w * 11 / 20
	lossW := w - mathW
	var bottom string
	if m.lesson {
		bottom = m.mathPanel(mv, w, botH)
	} else {
		bottom = lipgloss.JoinHorizontal(lipgloss.Top,
			m.mathPanel(mv, mathW, botH),
			frame(m.st, false, lossTitle(hist), lossLines(hist, lossW-3, botH-2), lossW, botH))
	}
	return lipgloss.JoinVertical(lipgloss.Left,
		frame(m.st, true, "network", netLines, w, netH), bottom)
}

// mathPanel shows the selected neuron's formulas, or the lesson text.
func (m Model) mathPanel(mv mathView, w, h int) string {
	inner := w - 3
	if m.lesson {
		text := ansi.Wrap(m.sc.Lesson, inner, " ")
		lines := strings.Split(text, "\n")
		lines = append(lines, "", m.st.Header.Render("L hides this lesson; space steps."))
		return frame(m.st, false, "lesson · "+m.sc.Name, lines, w, h)
	}
	lines := fit(mv.sections(m.st, inner), h-2)
	if len(lines) == 0 {
		text := fmt.Sprintf("Nothing computed yet for this neuron in this sample. Next: %s.",
			m.tr.Peek())
		lines = append([]string{""}, strings.Split(ansi.Wrap(text, inner, " "), "\n")...)
	}
	return frame(m.st, false, mv.title(), lines, w, h)
}

// status is the top line: scenario, position, phase and hyperparameters,
// dropping the least important parts when the line is narrow.
func (m Model) status() string {
	parts := []string{"nnviz", m.sc.Name}
	if t := m.tr; t != nil {
		n := t.Train.Len()
		x, y := t.Trace().X, t.Trace().Y
		parts = append(parts,
			fmt.Sprintf("epoch %d", t.Epoch()+1),
			fmt.Sprintf("sample %d/%d %s", t.Sample()+1, n, sampleText(x, y)),
			phaseText(t))
		if m.play {
			parts = append(parts, "▶ playing ("+speeds[m.speed].name+")")
		}
		parts = append(parts,
			"η "+short(t.Opt.LearningRate()), t.Opt.Name(), t.Net.Loss.Name())
		if h := t.History(); len(h) > 0 {
			parts = append(parts, "loss "+short(h[len(h)-1].TrainLoss))
		}
	}
	line := " " + strings.Join(parts, " · ")
	for ansi.StringWidth(line) > m.w && len(parts) > 3 {
		parts = parts[:len(parts)-1]
		line = " " + strings.Join(parts, " · ")
	}
	return m.st.Status.Render(pad(line, m.w))
}

// sampleText shows a small sample as "[0 1 → 1]"; larger ones are left out.
func sampleText(x, y []float64) string {
	if len(x)+len(y) > 6 {
		return ""
	}
	var b strings.Builder
	b.WriteString("[")
	for i, v := range x {
		if i > 0 {
			b.WriteString(" ")
		}
		b.WriteString(compact(v))
	}
	b.WriteString(" →")
	for _, v := range y {
		b.WriteString(" " + compact(v))
	}
	return b.String() + "]"
}

// compact prints v with no more digits than it needs.
func compact(v float64) string { return minus(fmt.Sprintf("%.4g", v)) }

// phaseText says what just ran and what runs next.
func phaseText(t *network.Trainer) string {
	last, ok := t.Last()
	if !ok {
		return "next: " + t.Peek().String()
	}
	if t.SampleDone() {
		return last.String() + " ✓ sample done"
	}
	return last.String()
}

// footer is the help (one line, or the full table after ?) and, above
// it, any notice.
func (m Model) footer() string {
	h := m.help.View(m.keys)
	notice := m.message
	if m.tr != nil && m.tr.Diverged() {
		notice = m.st.Error.Render("diverged: a loss or weight is no longer a finite " +
			"number; the weights from before that step are kept. r resets.")
	}
	if notice == "" {
		return " " + h
	}
	return lipgloss.JoinVertical(lipgloss.Left, " "+pad(notice, m.w-1), " "+h)
}
