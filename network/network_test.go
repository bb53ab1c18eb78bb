package network_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
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

func TestInitialize(t *testing.T) {
	t.Parallel()
	// 8→16→4: 128 and 64 weights, enough for some to come near the limit
	sizes := []int{8, 16, 4}
	tests := []struct {
		kind   string
		r      float64
		limits []float64 // per layer; 0 for all zeros
	}{
		// √(6/(in+out)): √(6/24) = 0.5, √(6/20)
		{"glorot", 0, []float64{0.5, math.Sqrt(6.0 / 20)}},
		// √(6/in): √(6/8), √(6/16)
		{"he", 0, []float64{math.Sqrt(6.0 / 8), math.Sqrt(6.0 / 16)}},
		{"uniform", 0.05, []float64{0.05, 0.05}},
		{"zeros", 0.05, []float64{0, 0}},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			t.Parallel()
			acts := []network.Activation{network.ReLU, network.Softmax}
			a := network.New(sizes, acts, network.CCE)
			b := network.New(sizes, acts, network.CCE)
			for i := range a.Params {
				a.Params[i], b.Params[i] = 9, 9
			}
			for _, n := range []*network.Network{a, b} {
				err := n.Initialize(tt.kind, tt.r, rand.New(rand.NewPCG(5, 6)))
				if err != nil {
					t.Fatal(err)
				}
			}
			checkBits(t, "same seed", a.Params, b.Params)

			for i, l := range a.Layers {
				checkWeights(t, i, a.Params[l.Offset:l.Offset+l.In*l.Out],
					tt.limits[i])
				checkBits(t, fmt.Sprintf("layer %d biases", i), l.B,
					make([]float64, l.Out))
			}

			if tt.kind == "zeros" {
				return
			}
			c := network.New(sizes, acts, network.CCE)
			_ = c.Initialize(tt.kind, tt.r, rand.New(rand.NewPCG(5, 7)))
			if slices.Equal(c.Params, a.Params) {
				t.Errorf("seeds (5, 6) and (5, 7) give the same weights")
			}
		})
	}
}

// checkWeights fails t unless every weight of layer i lies within ±limit,
// some come within 10% of it, and none repeat; for limit 0, unless all are
// zero.
func checkWeights(t *testing.T, i int, w []float64, limit float64) {
	t.Helper()
	if limit == 0 {
		checkBits(t, fmt.Sprintf("layer %d weights", i), w,
			make([]float64, len(w)))
		return
	}
	var top float64
	distinct := map[float64]bool{}
	for _, v := range w {
		if math.Abs(v) > limit {
			t.Errorf("layer %d: weight %v outside ±%v", i, v, limit)
		}
		top = max(top, math.Abs(v))
		distinct[v] = true
	}
	if top < 0.9*limit {
		t.Errorf("layer %d: largest |w| = %v, want some near the limit %v",
			i, top, limit)
	}
	if len(distinct) != len(w) {
		t.Errorf("layer %d: weights %v repeat", i, w)
	}
}

func TestInitializeUnknown(t *testing.T) {
	t.Parallel()
	n := network.New([]int{2, 1}, []network.Activation{network.Linear},
		network.MSE)
	for i := range n.Params {
		n.Params[i] = 9
	}
	err := n.Initialize("xavier", 0, rand.New(rand.NewPCG(1, 2)))
	if err == nil {
		t.Fatal("Initialize(\"xavier\") gave no error")
	}
	for _, want := range append([]string{`"xavier"`}, network.Initializers...) {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %s", err, want)
		}
	}
	checkBits(t, "params after a refused kind", n.Params, []float64{9, 9, 9})

	// InitGlorot is Initialize("glorot").
	m := network.New([]int{2, 1}, []network.Activation{network.Linear},
		network.MSE)
	m.InitGlorot(rand.New(rand.NewPCG(1, 2)))
	_ = n.Initialize("glorot", 0, rand.New(rand.NewPCG(1, 2)))
	checkBits(t, "InitGlorot", m.Params, n.Params)
}

func TestPenalty(t *testing.T) {
	t.Parallel()
	n := network.New([]int{2, 2, 1},
		[]network.Activation{network.Tanh, network.Linear}, network.MSE)
	n.SetLayer(0, [][]float64{{1, -2}, {0.5, 0}}, []float64{10, -10})
	n.SetLayer(1, [][]float64{{-3, 0.25}}, []float64{100})
	// Σ|w| = 1 + 2 + 0.5 + 0 + 3 + 0.25 = 6.75
	// Σw² = 1 + 4 + 0.25 + 0 + 9 + 0.0625 = 14.3125; biases left out
	tests := []struct{ l1, l2, want float64 }{
		{0, 0, 0},
		{0.1, 0, 0.675},
		{0, 0.01, 0.143125},
		{0.1, 0.01, 0.818125},
	}
	for _, tt := range tests {
		if got := n.Penalty(tt.l1, tt.l2); !near(got, tt.want, 0, handTol) {
			t.Errorf("Penalty(%v, %v) = %.17g, want %v",
				tt.l1, tt.l2, got, tt.want)
		}
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
		{"softmax hidden", "softmax is only for the output layer", func() {
			network.New([]int{2, 3, 1},
				[]network.Activation{network.Softmax, lin}, network.MSE)
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
