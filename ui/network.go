package ui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"nnviz/network"
)

// The network panel: one block per layer, one row per neuron holding its
// incoming weights, its bias, and the z, a and δ of the current sample.

const (
	cell  = 7 // a number (6) and its magnitude bar (1)
	nameW = 5 // a neuron's name
	// fixedW is a row without its weights: name, bias, "│", z, a, δ.
	fixedW = nameW + 2 + cell + 3 + 3*(cell+1)
)

// width returns the columns the panel needs to show every weight.
func (v netView) width() int {
	w := 0
	for _, l := range v.tr.Net.Layers {
		w = max(w, fixedW+l.In*(cell+1))
	}
	return w
}

// netView is what the network panel draws from.
type netView struct {
	tr         *network.Trainer
	inputs     []string // input names
	selL, selJ int      // the neuron whose maths is shown
}

// neuronName names neuron j of layer l (from 0) as a learner reads it:
// x1 for inputs (l = −1), h1 or h2.3 for hidden neurons, ŷ or ŷ2 for
// outputs.
func neuronName(n *network.Network, inputs []string, l, j int) string {
	switch {
	case l < 0:
		if j < len(inputs) {
			return inputs[j]
		}
		return fmt.Sprintf("x%d", j+1)
	case l == len(n.Layers)-1:
		if n.Outputs() == 1 {
			return "ŷ"
		}
		return fmt.Sprintf("ŷ%d", j+1)
	case len(n.Layers) == 2:
		return fmt.Sprintf("h%d", j+1)
	}
	return fmt.Sprintf("h%d.%d", l+1, j+1)
}

// layerTitle is "layer 1 · hidden · tanh".
func layerTitle(n *network.Network, l int) string {
	kind := "hidden"
	if l == len(n.Layers)-1 {
		kind = "output"
	}
	return fmt.Sprintf("layer %d · %s · %s", l+1, kind, n.Layers[l].Act.Name())
}

// maxAbs is the largest magnitude in v, for scaling colours and bars.
func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		if a := math.Abs(x); a > m && !math.IsInf(a, 0) {
			m = a
		}
	}
	return m
}

// rowLines counts the lines of a layer showing shown of its out neurons.
func rowLines(shown, out int) int {
	if shown < out {
		return shown + 1
	}
	return shown
}

// lines renders the panel's content for an inner width w.
// rows returns, for a panel of h lines, which neurons of each layer get a
// row: a window [from, to) per layer. When all do not fit, each layer
// gets a share, its window holds the selected neuron, and one line says
// how many are hidden.
func (v netView) rows(h int) (from, to []int) {
	n := v.tr.Net
	L := len(n.Layers)
	from, to = make([]int, L), make([]int, L)
	room := h - 2 - 2*L // input and loss lines, a title and header per layer
	total := 0
	for _, l := range n.Layers {
		total += l.Out
	}
	if total <= room {
		for i, l := range n.Layers {
			to[i] = l.Out
		}
		return from, to
	}
	// a share of the room in proportion to each layer's size, at least one
	// row; a layer that does not show whole needs a line for "⋮ n more"
	share := make([]int, L)
	used := 0
	for i, l := range n.Layers {
		share[i] = min(l.Out, max(1, room*l.Out/total))
		used += rowLines(share[i], l.Out)
	}
	for used > room {
		big := 0
		for i := range share {
			if share[i] > share[big] {
				big = i
			}
		}
		if share[big] == 1 {
			break // the frame cuts what still does not fit
		}
		used -= rowLines(share[big], n.Layers[big].Out)
		share[big]--
		used += rowLines(share[big], n.Layers[big].Out)
	}
	for i, l := range n.Layers {
		if i == v.selL {
			from[i] = max(0, min(v.selJ-share[i]/2, l.Out-share[i]))
		}
		to[i] = from[i] + share[i]
	}
	return from, to
}

// lines renders the panel's content for an inner width w and at most h
// lines.
func (v netView) lines(st styles, w, h int) []string {
	tr, n := v.tr, v.tr.Net
	from, to := v.rows(h)
	trace := tr.Trace()
	last, started := tr.Last()
	scale := maxAbs(n.Params)
	dot := st.Dim.Render(padLeft("·", 6))

	var out []string

	// inputs and target
	var b strings.Builder
	b.WriteString(st.Header.Render(pad("input", nameW+1)))
	for j, x := range trace.X {
		if b.Len() > 4*w {
			break
		}
		fmt.Fprintf(&b, "%s %s  ", neuronName(n, v.inputs, -1, j), num(x))
	}
	tail := "target y"
	for _, y := range trace.Y {
		tail += " " + num(y)
	}
	out = append(out, joinEnds(b.String(), st.Header.Render(tail), w))

	for l, layer := range n.Layers {
		lt := trace.Layers[l]
		fwd := tr.Done(network.Step{Phase: network.Forward, Layer: l})
		bwd := tr.Done(network.Step{Phase: network.Backward, Layer: l})
		active := started && (last.Layer == l && last.Phase != network.LossCalc &&
			last.Phase != network.Update)

		// which incoming weights fit: the rest collapse into "…"
		fit := max(1, (w-fixedW)/(cell+1))
		shown := layer.In
		if shown > fit {
			shown = fit - 1
		}

		title := layerTitle(n, l)
		if active {
			title = st.Phase.Render(title + "  " + last.String())
		} else {
			title = st.Header.Render(title)
		}
		out = append(out, title)

		var h strings.Builder
		h.WriteString(strings.Repeat(" ", nameW+1))
		for k := range shown {
			h.WriteString(" " + padLeft("w·"+neuronName(n, v.inputs, l-1, k), cell))
		}
		if shown < layer.In {
			h.WriteString(" " + padLeft(fmt.Sprintf("…%d", layer.In-shown), cell))
		}
		h.WriteString(" " + padLeft("b", cell) + " │")
		for _, c := range []string{"z", "a", "δ"} {
			h.WriteString(" " + padLeft(c, 6) + " ")
		}
		out = append(out, st.Header.Render(h.String()))

		mark := " "
		if active && last.Phase == network.Forward {
			mark = st.Phase.Render("▶")
		} else if active {
			mark = st.Phase.Render("◀")
		}
		for j := from[l]; j < to[l]; j++ {
			var r strings.Builder
			name := pad(neuronName(n, v.inputs, l, j), nameW)
			if l == v.selL && j == v.selJ {
				name = st.Selected.Render(name)
			}
			r.WriteString(mark + name)
			row := layer.W.RawRowView(j)
			for k := range shown {
				r.WriteString(" " + weight(st, row[k], scale))
			}
			if shown < layer.In {
				r.WriteString(" " + st.Dim.Render(padLeft("…", cell)))
			}
			r.WriteString(" " + weight(st, layer.B[j], scale) + " │")
			for i, done := range []bool{fwd, fwd, bwd} {
				val := [3]float64{lt.Z[j], lt.A[j], lt.Delta[j]}[i]
				if !done {
					r.WriteString(" " + dot + " ")
					continue
				}
				r.WriteString(" " + st.signed(val, 1).Render(num(val)) + " ")
			}
			out = append(out, r.String())
		}
		if hidden := layer.Out - (to[l] - from[l]); hidden > 0 {
			shown := fmt.Sprintf("neurons %d–%d", from[l]+1, to[l])
			if to[l]-from[l] == 1 {
				shown = fmt.Sprintf("neuron %d", to[l])
			}
			out = append(out, st.Dim.Render(fmt.Sprintf(
				"  ⋮ %s of %d shown; ↑↓ moves", shown, layer.Out)))
		}
	}

	// loss
	lossDone := tr.Done(network.Step{Phase: network.LossCalc})
	line := fmt.Sprintf("loss %s  %s", n.Loss.Name(), n.Loss.Formula())
	if lossDone {
		line += "  = " + strings.TrimSpace(num(trace.Loss))
	}
	if started && last.Phase == network.LossCalc {
		line = st.Phase.Render(line)
	} else if started && last.Phase == network.Update {
		line += "   " + st.Phase.Render("✓ updated")
	} else {
		line = st.Header.Render(line)
	}
	out = append(out, line)
	return out
}

// weight renders a weight as a signed number and a bar for its size,
// coloured by sign.
func weight(st styles, w, scale float64) string {
	return st.signed(w, scale).Render(num(w) + bar(w, scale))
}

// joinEnds puts left at the start and right at the end of w columns,
// dropping right if both do not fit.
func joinEnds(left, right string, w int) string {
	gap := w - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return left
	}
	return left + strings.Repeat(" ", gap) + right
}
