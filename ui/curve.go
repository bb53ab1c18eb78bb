package ui

import (
	"math"
	"strings"

	"nnviz/network"
)

// The curve panel, for a network of one input and one output: the fitted
// curve ŷ(x) drawn over the training points, so a regression reads as a
// line bending to follow the data.

// curveLines draws the network's output across the range of the training
// inputs in w × h cells: "·" for a training point, "●" for the curve, and
// "◆" where the curve passes through a point's cell.
func curveLines(st styles, n *network.Network, d *network.Dataset, s *network.Scratch,
	w, h int) []string {
	if n.Inputs() != 1 || n.Outputs() != 1 || w < 4 || h < 2 || d.Len() == 0 {
		return nil
	}
	x0, x1 := span(d, 0)

	// the fitted curve, one value a column
	in := make([]float64, 1)
	fit := make([]float64, w)
	for c := range w {
		in[0] = x0 + (float64(c)+0.5)/float64(w)*(x1-x0)
		fit[c] = n.Forward(in, s)[0]
	}

	// the vertical range holds the targets and the curve
	lo, hi := math.Inf(1), math.Inf(-1)
	for i := range d.Len() {
		_, y := d.Sample(i)
		lo, hi = min(lo, y[0]), max(hi, y[0])
	}
	for _, v := range fit {
		if finite(v) {
			lo, hi = min(lo, v), max(hi, v)
		}
	}
	if !(hi > lo) {
		lo, hi = lo-1, hi+1
	}
	row := func(v float64) int {
		return int(math.Round((hi - v) / (hi - lo) * float64(h-1)))
	}

	grid := make([][]rune, h)
	for r := range grid {
		grid[r] = []rune(strings.Repeat(" ", w))
	}
	for i := range d.Len() {
		x, y := d.Sample(i)
		c := int((x[0] - x0) / (x1 - x0) * float64(w))
		if c >= 0 && c < w {
			grid[row(y[0])][c] = '·'
		}
	}
	for c, v := range fit {
		if !finite(v) {
			continue
		}
		r := row(v)
		if grid[r][c] == '·' {
			grid[r][c] = '◆'
		} else {
			grid[r][c] = '●'
		}
	}

	lines := make([]string, h)
	for r, cells := range grid {
		var b strings.Builder
		for _, g := range cells {
			switch g {
			case '●', '◆':
				b.WriteString(st.Curve.Render(string(g)))
			case '·':
				b.WriteString(st.Header.Render("·"))
			default:
				b.WriteRune(g)
			}
		}
		lines[r] = b.String()
	}
	return lines
}
