package network_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"nnviz/network"
)

func TestNewLayout(t *testing.T) {
	t.Parallel()
	n := network.New([]int{3, 4, 2},
		[]network.Activation{network.Tanh, network.Sigmoid}, network.BCE)
	// (3·4 + 4) + (4·2 + 2) = 16 + 10
	if len(n.Params) != 26 {
		t.Fatalf("%d parameters, want 26", len(n.Params))
	}
	if n.Inputs() != 3 || n.Outputs() != 2 {
		t.Errorf("Inputs, Outputs = %d, %d, want 3, 2", n.Inputs(), n.Outputs())
	}
	tests := []struct{ in, out, offset int }{{3, 4, 0}, {4, 2, 16}}
	for i, tt := range tests {
		l := n.Layers[i]
		if l.In != tt.in || l.Out != tt.out || l.Offset != tt.offset {
			t.Errorf("layer %d: %d→%d at %d, want %d→%d at %d",
				i, l.In, l.Out, l.Offset, tt.in, tt.out, tt.offset)
		}
	}

	// W and B are views: SetLayer writes through them into Params.
	n.SetLayer(1, [][]float64{{1, 2, 3, 4}, {5, 6, 7, 8}}, []float64{9, 10})
	checkBits(t, "layer 2 params", n.Params[16:],
		[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
	if got := n.Layers[1].W.At(1, 2); got != 7 {
		t.Errorf("W[2][1,2] = %v, want 7", got)
	}
	n.Params[25] = -1
	if n.Layers[1].B[1] != -1 {
		t.Errorf("B does not view Params: B[1] = %v", n.Layers[1].B[1])
	}
}

func TestForward(t *testing.T) {
	t.Parallel()
	n := network.New([]int{2, 2, 1},
		[]network.Activation{network.Linear, network.Tanh}, network.MSE)
	n.SetLayer(0, [][]float64{{1, 2}, {-1, 0.5}}, []float64{0.5, 0})
	n.SetLayer(1, [][]float64{{0.25, 1}}, []float64{-1})
	s := n.NewScratch()
	out := n.Forward([]float64{2, -1}, s)
	// z1 = [2 − 2 + 0.5, −2 − 0.5 + 0] = [0.5, −2.5], a1 = z1
	checkVec(t, "z1", s.Z[0], []float64{0.5, -2.5}, handTol)
	checkVec(t, "a1", s.A[0], []float64{0.5, -2.5}, handTol)
	// z2 = 0.125 − 2.5 − 1 = −3.375, a2 = tanh(−3.375)
	checkVec(t, "z2", s.Z[1], []float64{-3.375}, handTol)
	checkVec(t, "a2", out, []float64{-0.997660979469889}, handTol)
}

func TestInitGlorot(t *testing.T) {
	t.Parallel()
	sizes := []int{2, 3, 1}
	acts := []network.Activation{network.ReLU, network.Sigmoid}
	a := network.New(sizes, acts, network.MSE)
	b := network.New(sizes, acts, network.MSE)
	for i := range a.Params {
		a.Params[i], b.Params[i] = 9, 9
	}
	a.InitGlorot(rand.New(rand.NewPCG(5, 6)))
	b.InitGlorot(rand.New(rand.NewPCG(5, 6)))
	checkBits(t, "same seed", a.Params, b.Params)

	// r = √(6/(in+out)): √(6/5) for 2→3, √(6/4) for 3→1
	limits := []float64{math.Sqrt(6.0 / 5), math.Sqrt(6.0 / 4)}
	for i, l := range a.Layers {
		w := a.Params[l.Offset : l.Offset+l.In*l.Out]
		distinct := map[float64]bool{}
		for _, v := range w {
			if math.Abs(v) >= limits[i] {
				t.Errorf("layer %d: weight %v outside ±%v", i, v, limits[i])
			}
			distinct[v] = true
		}
		if len(distinct) != len(w) {
			t.Errorf("layer %d: weights %v repeat", i, w)
		}
		checkBits(t, fmt.Sprintf("layer %d biases", i), l.B,
			make([]float64, l.Out))
	}
}

func TestFinite(t *testing.T) {
	t.Parallel()
	for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		n := network.New([]int{1, 1},
			[]network.Activation{network.Linear}, network.MSE)
		if !n.Finite() {
			t.Fatal("Finite = false for zero parameters")
		}
		n.Params[1] = v
		if n.Finite() {
			t.Errorf("Finite = true with a parameter %v", v)
		}
	}
}

// mustPanic fails t unless f panics with a message starting "network: "
// and containing want.
func mustPanic(t *testing.T, want string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		msg, _ := r.(string)
		if !strings.HasPrefix(msg, "network: ") ||
			!strings.Contains(msg, want) {
			t.Errorf("panic %v, want \"network: ...%s...\"", r, want)
		}
	}()
	f()
}

func TestProgrammerErrorsPanic(t *testing.T) {
	t.Parallel()
	lin := network.Linear
	small := func() *network.Network {
		return network.New([]int{2, 1}, []network.Activation{lin}, network.MSE)
	}
	tests := []struct {
		name, want string
		f          func()
	}{
		{"one size", "at least", func() {
			network.New([]int{2}, nil, network.MSE)
		}},
		{"zero size", "size 0", func() {
			network.New([]int{2, 0}, []network.Activation{lin}, network.MSE)
		}},
		{"activations", "2 activations for 1 layers", func() {
			network.New([]int{2, 1}, []network.Activation{lin, lin},
				network.MSE)
		}},
		{"rows", "needs 1 rows", func() {
			small().SetLayer(0, [][]float64{{1, 2}, {3, 4}}, []float64{0})
		}},
		{"row length", "needs 2 weights", func() {
			small().SetLayer(0, [][]float64{{1}}, []float64{0})
		}},
		{"empty set", "empty training set", func() {
			network.NewTrainer(small(), &network.SGD{Eta: 1},
				&network.Dataset{}, nil, network.Config{})
		}},
		{"data shape", "data 3→1 for a 2→1 network", func() {
			network.NewTrainer(small(), &network.SGD{Eta: 1},
				data([][]float64{{1, 2, 3}}, [][]float64{{1}}), nil,
				network.Config{})
		}},
		{"test shape", "data 2→2 for a 2→1 network", func() {
			network.NewTrainer(small(), &network.SGD{Eta: 1},
				data([][]float64{{1, 2}}, [][]float64{{1}}),
				data([][]float64{{1, 2}}, [][]float64{{1, 0}}),
				network.Config{})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			mustPanic(t, tt.want, tt.f)
		})
	}
}
