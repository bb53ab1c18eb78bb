package network_test

import (
	"math"
	"slices"
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

// state is a copy of everything a trainer shows: its parameters and
// optimizer state, its position, its history and its trace.
type state struct {
	params, opt []float64
	// ints holds the position and counts, flags the yes/no answers and
	// steps the phases Last and Peek report.
	ints    []int
	flags   []bool
	steps   []network.Step
	history []float64
	trace   []float64
}

// capture copies the state of tr.
func capture(tr *network.Trainer) state {
	s := state{params: slices.Clone(tr.Net.Params)}
	st := tr.Opt.State()
	for _, v := range st.Vectors {
		s.opt = append(s.opt, v...)
	}
	last, ok := tr.Last()
	s.ints = []int{st.Steps, tr.Epoch(), tr.Sample(), tr.SampleIndex(),
		tr.Updates(), tr.EpochsDone(), tr.HistoryEvery(),
		tr.Trace().BatchSize, len(tr.History())}
	s.flags = []bool{ok, tr.SampleDone(), tr.Diverged()}
	s.steps = []network.Step{last, tr.Peek()}
	s.history = flatHistory(tr.History())
	if e, ok := tr.LastEpoch(); ok {
		s.history = append(s.history, flatHistory([]network.Epoch{e})...)
	}

	tr2 := tr.Trace()
	s.trace = slices.Concat(tr2.X, tr2.Y, []float64{tr2.Loss}, tr2.DLossDA,
		tr2.Before, tr2.After, tr2.Mean)
	for _, lt := range tr2.Layers {
		s.trace = slices.Concat(s.trace, lt.Z, lt.A, lt.Delta,
			lt.GradW.RawMatrix().Data, lt.GradB)
	}
	return s
}

// compareStates fails t where got and want differ: in any count, flag or
// phase, or in a number by more than tol relative or absolute (NaN
// matching NaN). A tol of 0 asks for the same bits.
func compareStates(t *testing.T, name string, got, want state, tol float64) {
	t.Helper()
	if !slices.Equal(got.ints, want.ints) || !slices.Equal(got.flags,
		want.flags) || !slices.Equal(got.steps, want.steps) {
		t.Errorf("%s: counts %v, flags %v, phases %v; want %v, %v, %v",
			name, got.ints, got.flags, got.steps, want.ints, want.flags,
			want.steps)
	}
	for _, v := range []struct {
		part      string
		got, want []float64
	}{
		{"params", got.params, want.params},
		{"optimizer state", got.opt, want.opt},
		{"history", got.history, want.history},
		{"trace", got.trace, want.trace},
	} {
		if len(v.got) != len(v.want) {
			t.Errorf("%s: %d numbers in the %s, want %d", name, len(v.got),
				v.part, len(v.want))
			continue
		}
		for i, w := range v.want {
			g := v.got[i]
			same := math.Float64bits(g) == math.Float64bits(w) ||
				math.IsNaN(g) && math.IsNaN(w) ||
				tol > 0 && near(g, w, tol, tol)
			if !same {
				t.Errorf("%s: %s[%d] = %.17g, want %.17g", name, v.part, i,
					g, w)
				break
			}
		}
	}
}
