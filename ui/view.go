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
	if m.picking {
		p := m.picker // sized in Update; this makes sure
		p.SetSize(m.w, bodyH)
		return lipgloss.JoinVertical(lipgloss.Left, status, p.View(), foot)
	}
	if m.tr == nil {
		lines := []string{"", m.message, "",
			"Press tab for the next scenario, o to choose one, or q to quit."}
		return lipgloss.JoinVertical(lipgloss.Left, status,
			frame(m.st, true, "cannot build "+m.sc.Name, lines, m.w, bodyH), foot)
	}
	return lipgloss.JoinVertical(lipgloss.Left, status, m.body(m.w, bodyH), foot)
}

// bodyHeight is the height left for the panels between the status line
// and the footer.
func (m Model) bodyHeight() int { return m.h - 1 - lipgloss.Height(m.footer()) }

func tooSmall(w, h int) string {
	msg := fmt.Sprintf("nnviz needs a window of at least %d×%d; this one is %d×%d.",
		minWidth, minHeight, w, h)
	return ansi.Wrap(msg+" Enlarge it, or press q to quit.", max(w, 10), " ")
}

// body places the panels in w × h cells. The network always spans the
// top unless the window is wide enough to put the maths beside it; the
// loss curve and, from 100 columns, the data panel share the bottom.
func (m Model) body(w, h int) string {
	nv := netView{tr: m.tr, inputs: m.sc.InputNames, selL: m.selL, selJ: m.selJ}
	mv := mathView{tr: m.tr, inputs: m.sc.InputNames, selL: m.selL, selJ: m.selJ}
	data := w >= 100

	if netW := nv.width() + 4; w >= 120 && netW <= w*3/5 && h >= 27 {
		netW = max(netW, w/2)
		netLines := nv.lines(m.st, netW-4, h-12)
		topH := min(max(len(netLines)+2, 14), h-10)
		top := lipgloss.JoinHorizontal(lipgloss.Top,
			frame(m.st, true, "network", netLines, netW, topH),
			m.mathPanel(mv, w-netW, topH))
		return lipgloss.JoinVertical(lipgloss.Left, top,
			m.bottom(nil, w, h-topH, data))
	}

	// a big network leaves the bottom row at least two fifths
	netLines := nv.lines(m.st, w-4, min(h-10, max(h*3/5, 12)))
	netH := min(len(netLines)+2, h-8)
	return lipgloss.JoinVertical(lipgloss.Left,
		frame(m.st, true, "network", netLines, w, netH),
		m.bottom(&mv, w, h-netH, data))
}

// bottom lays out the lower row: the maths (when mv is given), the loss
// curve and, if data is set, the data panel. While the lesson is shown it
// takes the row.
func (m Model) bottom(mv *mathView, w, h int, data bool) string {
	if mv != nil && m.lesson {
		return m.mathPanel(*mv, w, h)
	}
	var panels []string
	rest := w
	if mv != nil {
		mathW := w * 11 / 20
		if data {
			mathW = w * 9 / 20
		}
		panels = append(panels, m.mathPanel(*mv, mathW, h))
		rest -= mathW
	}
	lossW := rest
	if data {
		lossW = rest / 2
	}
	hist := m.tr.History()
	panels = append(panels, frame(m.st, false, lossTitle(m.tr.LastEpoch()),
		lossLines(hist, lossW-4, h-2), lossW, h))
	if data {
		panels = append(panels, m.dataPanel(rest-lossW, h))
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, panels...)
}

// dataKind says how the data panel shows the data.
type dataKind int

const (
	surfaceData dataKind = iota // two inputs, one output: the plane
	curveData                   // one input, one output: a curve
	sampleData                  // anything else: the current sample
)

func dataPanel(n *network.Network) dataKind {
	switch {
	case n.Inputs() == 2 && n.Outputs() == 1:
		return surfaceData
	case n.Inputs() == 1 && n.Outputs() == 1:
		return curveData
	}
	return sampleData
}

// dataPanel draws the data with the network's view of them.
func (m Model) dataPanel(w, h int) string {
	switch m.data {
	case surfaceData:
		lines := surfaceLines(m.pal, m.tr.Net, m.tr.Train, m.scratch, m.sc.Classify, w-4, h-3)
		lines = append(lines, m.st.Header.Render(surfaceLegend(m.sc.Classify, w-4)))
		return frame(m.st, false, "output surface", lines, w, h)
	case curveData:
		lines := curveLines(m.st, m.tr.Net, m.tr.Train, m.scratch, w-4, h-3)
		lines = append(lines, m.st.Header.Render(ansi.Truncate("· data  ● fitted ŷ(x)", w-4, "…")))
		return frame(m.st, false, "fitted curve", lines, w, h)
	}
	return frame(m.st, false, "this sample", m.sampleLines(w-4, h-2), w, h)
}

// sampleLines shows the current sample: its picture, if it is one, and
// the outputs once the forward pass has reached them.
func (m Model) sampleLines(w, h int) []string {
	tr := m.tr.Trace()
	last := len(m.tr.Net.Layers) - 1
	outW := w
	var image []string
	if img := m.sc.Image; img[0]*img[1] == len(tr.X) && img[0] <= h && 2*img[1] <= w {
		image = imageLines(m.sc.Raw(tr.X), img[0], img[1])
		if w-2*img[1]-2 >= 10 {
			outW = w - 2*img[1] - 2 // the outputs go beside the picture
		}
	}
	out := []string{m.st.Header.Render("ŷ after the forward pass")}
	if m.tr.Done(network.Step{Phase: network.Forward, Layer: last}) {
		out = outputLines(m.st, tr.Layers[last].A, tr.Y, m.sc.ClassNames, outW)
	}
	if image == nil {
		return out
	}
	if outW == w {
		return append(image, out...)
	}
	lines := make([]string, max(len(image), len(out)))
	for i := range lines {
		left, right := "", ""
		if i < len(image) {
			left = image[i]
		}
		if i < len(out) {
			right = out[i]
		}
		lines[i] = pad(left, w-outW) + right
	}
	return lines
}

// mathPanel shows the selected neuron's formulas, or the lesson text.
func (m Model) mathPanel(mv mathView, w, h int) string {
	inner := w - 4
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

// status is the top line: scenario, position, phase and hyperparameters.
// When the line is too narrow, the parts that matter least go first.
func (m Model) status() string {
	type part struct {
		text string
		rank int // lower goes first
	}
	parts := []part{{"nnviz", 9}, {m.sc.Name, 9}}
	if t := m.tr; t != nil {
		x, y := t.Trace().X, t.Trace().Y
		parts = append(parts,
			part{fmt.Sprintf("epoch %d", t.Epoch()+1), 8},
			part{fmt.Sprintf("sample %d/%d", t.Sample()+1, t.Train.Len()), 7})
		if s := sampleText(x, y); s != "" {
			parts = append(parts, part{s, 2})
		}
		if m.play {
			parts = append(parts, part{"▶ playing (" + speeds[m.speed].name + ")", 8})
		}
		parts = append(parts, part{phaseText(t), 8},
			part{"η " + compact(t.Opt.LearningRate()), 5},
			part{t.Opt.Name(), 4}, part{t.Net.Loss.Name(), 3})
		if e, ok := t.LastEpoch(); ok {
			parts = append(parts, part{"loss " + short(e.TrainLoss), 6})
		}
	}
	join := func() string {
		var b strings.Builder
		for i, p := range parts {
			if i > 0 && !strings.HasPrefix(p.text, "[") {
				b.WriteString(" ·")
			}
			b.WriteString(" " + p.text)
		}
		return b.String()
	}
	line := join()
	for ansi.StringWidth(line) > m.w && len(parts) > 2 {
		low := 0
		for i, p := range parts {
			if p.rank < parts[low].rank {
				low = i
			}
		}
		parts = append(parts[:low], parts[low+1:]...)
		line = join()
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
	// help can overflow its width by an item, so cut it to the window
	h := m.help.View(m.helpKeys())
	lines := strings.Split(h, "\n")
	for i, l := range lines {
		lines[i] = " " + ansi.Truncate(l, m.w-1, "…")
	}
	h = strings.Join(lines, "\n")
	notice := m.message
	if m.tr != nil && m.tr.Diverged() {
		notice = m.st.Error.Render("diverged: a loss or weight is no longer a finite " +
			"number; the weights from before that step are kept. [ steps back, r resets.")
	}
	if notice == "" {
		return h
	}
	return lipgloss.JoinVertical(lipgloss.Left, " "+pad(notice, m.w-1), h)
}
