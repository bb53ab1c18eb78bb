package ui

import (
	"math"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"nnviz/network"
)

// The surface panel: the network's output over the plane of its two
// inputs, with the training points on it. A cell's glyph is denser the
// higher the output, so the surface reads without colour; colour adds the
// class side (blue towards the high class, orange towards the low).

// shades are the glyphs for output levels, from low to high.
var shades = []rune(" ░░▒▒▓▓██")

// palette holds every styled cell, made once, so that drawing a frame
// never builds a style per cell.
type palette struct {
	cells []string // one per shade, glyph included
	// points[k][i] is a training point of kind k (high class, low class,
	// and the same two got wrong) on a cell of shade i, so that it keeps
	// the surface's colour around it
	points [4][]string
}

// The kinds of points.
const (
	pointHigh = iota
	pointLow
	pointHighWrong
	pointLowWrong
)

func newPalette() palette {
	// background and foreground of each shade, low class to high
	bg := []string{"#5A2E08", "#4A2A10", "#3A2614", "#2E2418", "#262626",
		"#1C2434", "#18263E", "#142A4A", "#10305A"}
	fg := []string{"#E08030", "#D08040", "#C08050", "#A08060", "#808080",
		"#6080A8", "#5080C0", "#4080D8", "#3080F0"}
	kinds := [4]struct{ glyph, colour string }{
		{"●", "#BFE3FF"}, {"○", "#FFD0A0"}, {"●", "#FF4040"}, {"○", "#FF4040"},
	}
	var p palette
	for i, g := range shades {
		bgi := lipgloss.Color(bg[i])
		st := lipgloss.NewStyle().Foreground(lipgloss.Color(fg[i])).Background(bgi)
		p.cells = append(p.cells, st.Render(string(g)))
		for k, kind := range kinds {
			pt := lipgloss.NewStyle().Bold(true).Background(bgi).
				Foreground(lipgloss.Color(kind.colour))
			p.points[k] = append(p.points[k], pt.Render(kind.glyph))
		}
	}
	return p
}

// surfaceLines renders the output of n over the box spanned by the
// training inputs (with a margin), in w × h cells, with the points of d.
// It needs a network of two inputs and one output. A classifier's output
// is shaded over its activation's range and its misclassified points are
// marked; a regression's over the range of its targets.
func surfaceLines(p palette, n *network.Network, d *network.Dataset, s *network.Scratch,
	classify bool, w, h int) []string {
	if n.Inputs() != 2 || n.Outputs() != 1 || w < 4 || h < 2 {
		return nil
	}
	x0, x1 := span(d, 0)
	y0, y1 := span(d, 1)
	lo, hi := outputRange(n.Layers[len(n.Layers)-1].Act)
	if !classify {
		lo, hi = math.Inf(1), math.Inf(-1)
		for i := range d.Len() {
			_, y := d.Sample(i)
			lo, hi = min(lo, y[0]), max(hi, y[0])
		}
		if !(hi > lo) {
			lo, hi = lo-1, hi+1
		}
	}

	// grid of cells, top row is the largest x2
	grid := make([][]string, h)
	tone := make([][]int, h) // each cell's shade, for the points on it
	in := make([]float64, 2)
	for r := range h {
		grid[r] = make([]string, w)
		tone[r] = make([]int, w)
		in[1] = y1 - (float64(r)+0.5)/float64(h)*(y1-y0)
		for c := range w {
			in[0] = x0 + (float64(c)+0.5)/float64(w)*(x1-x0)
			tone[r][c] = shade(n.Forward(in, s)[0], lo, hi)
			grid[r][c] = p.cells[tone[r][c]]
		}
	}

	// points on top, thinned so that they cover at most a third of the
	// cells and the surface still shows between them
	mid := (lo + hi) / 2
	every := max(1, (3*d.Len()+w*h-1)/(w*h))
	for i := 0; i < d.Len(); i += every {
		x, y := d.Sample(i)
		c := int((x[0] - x0) / (x1 - x0) * float64(w))
		r := int((y1 - x[1]) / (y1 - y0) * float64(h))
		if c < 0 || c >= w || r < 0 || r >= h {
			continue
		}
		out := n.Forward(x, s)[0]
		right := !classify || (out >= mid) == (y[0] >= mid)
		kind := pointLow
		if y[0] >= mid {
			kind = pointHigh
		}
		if !right {
			kind += pointHighWrong
		}
		grid[r][c] = p.points[kind][tone[r][c]]
	}

	lines := make([]string, h)
	for r, row := range grid {
		lines[r] = strings.Join(row, "")
	}
	return lines
}

// span returns the range of input k over d, widened by a tenth on each
// side so that points do not sit on the edge.
func span(d *network.Dataset, k int) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for i := range d.Len() {
		x, _ := d.Sample(i)
		lo, hi = min(lo, x[k]), max(hi, x[k])
	}
	m := (hi - lo) / 10
	if m == 0 {
		m = 1
	}
	return lo - m, hi + m
}

// outputRange is the range the output activation can take, for shading;
// unbounded activations are shaded over [0, 1].
func outputRange(f network.Activation) (lo, hi float64) {
	if f == network.Tanh {
		return -1, 1
	}
	return 0, 1
}

// shade maps v in [lo, hi] to an index into shades.
func shade(v, lo, hi float64) int {
	if math.IsNaN(v) {
		return len(shades) / 2
	}
	r := (v - lo) / (hi - lo)
	return max(0, min(len(shades)-1, int(r*float64(len(shades)))))
}

// surfaceLegend explains the glyphs in one line.
func surfaceLegend(classify bool, w int) string {
	if !classify {
		return ansi.Truncate("●/○ target high/low; █▓▒░ ŷ", w, "…")
	}
	return ansi.Truncate("●/○ high/low, red: wrong", w, "…")
}
