package network_test

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"nnviz/network"
)

// handTol is how far a float64 computation may drift from a number worked
// out by hand in decimal: a few ulps of values of order 1.
const handTol = 1e-12

// near reports whether got is within rel of want relative to the larger
// magnitude, or within abs for values near zero.
func near(got, want, rel, abs float64) bool {
	if math.IsNaN(got) || math.IsNaN(want) {
		return false
	}
	d := math.Abs(got - want)
	return d <= abs || d <= rel*math.Max(math.Abs(got), math.Abs(want))
}

// checkVec fails t unless got and want have the same length and agree
// element by element within abs.
func checkVec(t *testing.T, name string, got, want []float64, abs float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: got %d values %v, want %d %v",
			name, len(got), got, len(want), want)
		return
	}
	for i := range want {
		if !near(got[i], want[i], 0, abs) {
			t.Errorf("%s[%d] = %.17g, want %.17g", name, i, got[i], want[i])
		}
	}
}

// checkBits fails t unless got and want are equal bit for bit.
func checkBits(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d values, want %d", name, len(got), len(want))
	}
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s[%d] = %.17g, want %.17g bit for bit",
				name, i, got[i], want[i])
		}
	}
}

// data makes a dataset from rows of inputs and targets.
func data(x, y [][]float64) *network.Dataset {
	return &network.Dataset{X: dense(x), Y: dense(y)}
}

func dense(rows [][]float64) *mat.Dense {
	m := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		m.SetRow(i, r)
	}
	return m
}

// flatGrad gathers the per-sample ∂L/∂W and ∂L/∂b of every layer from tr
// into one vector ordered as n.Params.
func flatGrad(n *network.Network, tr *network.Trace) []float64 {
	g := make([]float64, len(n.Params))
	for i, l := range n.Layers {
		lt := tr.Layers[i]
		for j := range l.Out {
			for k := range l.In {
				g[l.Offset+j*l.In+k] = lt.GradW.At(j, k)
			}
			g[l.Offset+l.Out*l.In+j] = lt.GradB[j]
		}
	}
	return g
}

// rows returns the rows of m.
func rows(m mat.Matrix) [][]float64 {
	r, c := m.Dims()
	out := make([][]float64, r)
	for i := range out {
		out[i] = make([]float64, c)
		for j := range c {
			out[i][j] = m.At(i, j)
		}
	}
	return out
}

// xorSet is the XOR truth table.
func xorSet() *network.Dataset {
	return data(
		[][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}},
		[][]float64{{0}, {1}, {1}, {0}})
}
