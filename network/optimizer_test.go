package network_test

import (
	"math"
	"slices"
	"strings"
	"testing"

	"nnviz/network"
)

// optTol is how far an optimizer step computed in float64 may be from the
// same step worked out in 50-digit decimal arithmetic.
const optTol = 1e-13

// Adam with η = 0.01 and Keras' defaults β1 = 0.9, β2 = 0.999, ε = 1e-7,
// on four parameters w = [1, −0.5, 0.25, 0]. Each step:
//
//	m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²
//	α = η·√(1−β2ᵗ)/(1−β1ᵗ),  w ← w − α·m/(√v + ε)
//
// The last parameter's gradient is always 0, so m = v = 0 and it never
// moves: ε keeps 0/0 away.
var adamGrads = [][]float64{
	{0.2, -0.4, 0.001, 0},
	{-0.1, -0.3, 0.001, 0},
	{0.3, 0.5, 0.001, 0},
}

// adamWant is w after each step.
var adamWant = [][]float64{
	// t = 1: α = 0.01·√0.001/0.1 = 0.0031622776601683793
	// w0: m = 0.02, v = 0.00004, √v = 0.0063245553203367587
	//     Δ = α·0.02/(0.0063245553203367587 + 1e-7) = 0.0099998418886169521
	// w1: m = −0.04, v = 0.00016, Δ = −0.0099999209436834908
	// w2: m = 0.0001, v = 1e-9, √v = 0.000031622776601683793
	//     Δ = α·0.0001/(0.000031622776601683793 + 1e-7) = 0.0099684769081673979
	//     (ε is felt: a small gradient moves less than η)
	{0.99000015811138304795, -0.49000007905631650915,
		0.24003152309183260212, 0},
	// t = 2: α = 0.01·√0.001999/0.19 = 0.0023531672532745429
	// w0: m = 0.9·0.02 + 0.1·(−0.1) = 0.008
	//     v = 0.999·0.00004 + 0.001·0.01 = 0.00004996
	//     Δ = α·0.008/(0.0070682388188289167 + 1e-7) = 0.0026633327163164099
	// w1: m = −0.066, v = 0.00024984, Δ = −0.0098256886515776079
	// w2: m = 0.00019, v = 1.999e-9, Δ = 0.0099776836413327649
	{0.98733682539506663809, -0.48017439040473890122,
		0.23005383945049983723, 0},
	// t = 3: α = 0.01·√0.002997001/0.271 = 0.0020201059743896785
	// w0: m = 0.0372, v = 0.00013991004, Δ = 0.0063531481222759664
	// w1: m = −0.0094, v = 0.00049959016, Δ = −0.00084955817969547574
	// w2: m = 0.000271, v = 2.997001e-9, Δ = 0.0099817667547530305
	{0.98098367727279067167, -0.47932483222504342548,
		0.22007207269574680670, 0},
}

// SGD with η = 0.1 on the same parameters: w ← w − 0.1·g.
var sgdWant = [][]float64{
	// [1 − 0.02, −0.5 − 0.04, 0.25 − 0.0001, 0]
	{0.98, -0.46, 0.2499, 0},
	// [0.98 + 0.01, −0.46 + 0.03, 0.2499 − 0.0001, 0]
	{0.99, -0.43, 0.2498, 0},
	// [0.99 − 0.03, −0.43 − 0.05, 0.2498 − 0.0001, 0]
	{0.96, -0.48, 0.2497, 0},
}

// Momentum and Nesterov in Keras' form, with η = 0.1 and μ = 0.9, on two
// parameters w = [1, −0.5]:
//
//	momentum  v ← μ·v − η·g,  w ← w + v
//	nesterov  v ← μ·v − η·g,  w ← w + μ·v − η·g  (with the new v)
//
// Both share the velocity; they differ only in the step.
var momentumGrads = [][]float64{{0.5, -1}, {0.2, 0.4}, {-0.3, 0.1}}

// momentumV is v after each step.
var momentumV = [][]float64{
	// 0.9·0 − 0.1·[0.5, −1]
	{-0.05, 0.1},
	// 0.9·[−0.05, 0.1] − 0.1·[0.2, 0.4] = [−0.045 − 0.02, 0.09 − 0.04]
	{-0.065, 0.05},
	// 0.9·[−0.065, 0.05] − 0.1·[−0.3, 0.1] = [−0.0585 + 0.03, 0.045 − 0.01]
	{-0.0285, 0.035},
}

// momentumWant is w after each step: w + v.
var momentumWant = [][]float64{
	{0.95, -0.4},     // [1 − 0.05, −0.5 + 0.1]
	{0.885, -0.35},   // [0.95 − 0.065, −0.4 + 0.05]
	{0.8565, -0.315}, // [0.885 − 0.0285, −0.35 + 0.035]
}

// nesterovWant is w after each step: w + μ·v − η·g.
var nesterovWant = [][]float64{
	// Δ = 0.9·[−0.05, 0.1] − 0.1·[0.5, −1] = [−0.045 − 0.05, 0.09 + 0.1]
	//   = [−0.095, 0.19]; one step of (1+μ)·η against g
	{0.905, -0.31},
	// Δ = 0.9·[−0.065, 0.05] − 0.1·[0.2, 0.4] = [−0.0585 − 0.02,
	//   0.045 − 0.04] = [−0.0785, 0.005]
	{0.8265, -0.305},
	// Δ = 0.9·[−0.0285, 0.035] − 0.1·[−0.3, 0.1] = [−0.02565 + 0.03,
	//   0.0315 − 0.01] = [0.00435, 0.0215]
	{0.83085, -0.2835},
}

func TestOptimizerSteps(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		eta   float64
		w     []float64
		grads [][]float64
		want  [][]float64
		// state is the optimizer's first vector (v or m) after each
		// step, where the rule has one.
		state [][]float64
	}{
		{"adam", 0.01, []float64{1, -0.5, 0.25, 0}, adamGrads, adamWant, nil},
		{"sgd", 0.1, []float64{1, -0.5, 0.25, 0}, adamGrads, sgdWant, nil},
		{"momentum", 0.1, []float64{1, -0.5}, momentumGrads, momentumWant,
			momentumV},
		{"nesterov", 0.1, []float64{1, -0.5}, momentumGrads, nesterovWant,
			momentumV},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			opt, err := network.NewOptimizer(tt.name, tt.eta, len(tt.w))
			if err != nil {
				t.Fatal(err)
			}
			if opt.Name() != tt.name || opt.LearningRate() != tt.eta {
				t.Errorf("got %s with η = %v, want %s with η = %v",
					opt.Name(), opt.LearningRate(), tt.name, tt.eta)
			}
			// Twice, with a Reset between: the second run must repeat the
			// first, so Reset forgets every moment and the step count.
			for range 2 {
				w := slices.Clone(tt.w)
				for step, g := range tt.grads {
					opt.Step(w, g)
					checkVec(t, tt.name+" w", w, tt.want[step], optTol)
					if tt.state != nil {
						checkVec(t, tt.name+" v", opt.State().Vectors[0],
							tt.state[step], optTol)
					}
					if got := opt.State().Steps; got != step+1 {
						t.Errorf("%d steps counted after %d", got, step+1)
					}
				}
				opt.Reset()
			}
		})
	}
}

func TestMomentumDefaults(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name     string
		nesterov bool
	}{{"momentum", false}, {"nesterov", true}} {
		opt, err := network.NewOptimizer(tt.name, 0.1, 2)
		if err != nil {
			t.Fatal(err)
		}
		m, ok := opt.(*network.Momentum)
		if !ok || m.Mu != 0.9 ||
			m.Nesterov != tt.nesterov || len(m.V) != 2 {
			t.Errorf("NewOptimizer(%q) = %#v, want μ = 0.9, Nesterov %v, "+
				"2 velocities", tt.name, opt, tt.nesterov)
		}
	}
}

// TestOptimizerState checks that an optimizer given another's State
// continues exactly as the other does, and that SetState copies.
func TestOptimizerState(t *testing.T) {
	t.Parallel()
	for _, name := range network.OptimizerNames {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			a, _ := network.NewOptimizer(name, 0.1, 2)
			b, _ := network.NewOptimizer(name, 0.1, 2)
			wa := []float64{1, -0.5}
			for _, g := range momentumGrads[:2] {
				a.Step(wa, g)
			}
			b.SetState(a.State())
			for _, v := range a.State().Vectors {
				v[0] = 99 // b must hold its own copy
			}
			a.SetState(b.State())
			wb := slices.Clone(wa)
			a.Step(wa, momentumGrads[2])
			b.Step(wb, momentumGrads[2])
			checkBits(t, "w after the third step", wb, wa)
			if a.State().Steps != 3 || b.State().Steps != 3 {
				t.Errorf("steps %d and %d, want 3", a.State().Steps,
					b.State().Steps)
			}

			if len(a.State().Vectors) > 0 {
				mustPanic(t, "want 2", func() {
					b.SetState(network.State{Names: a.State().Names,
						Vectors: [][]float64{{1}, {1}}[:len(a.State().Vectors)]})
				})
			}
		})
	}
}

func TestAdamDefaults(t *testing.T) {
	t.Parallel()
	a := network.NewAdam(0.001, 3)
	if a.Beta1 != 0.9 || a.Beta2 != 0.999 || a.Eps != 1e-7 {
		t.Errorf("β1, β2, ε = %v, %v, %v; Keras uses 0.9, 0.999, 1e-7",
			a.Beta1, a.Beta2, a.Eps)
	}
	w := []float64{1, 2, 3}
	a.Step(w, []float64{0.5, -0.5, 0})
	if a.T != 1 {
		t.Errorf("T = %d after one step, want 1", a.T)
	}
	// m = 0.1·g, v = 0.001·g²
	checkVec(t, "m", a.M, []float64{0.05, -0.05, 0}, handTol)
	checkVec(t, "v", a.V, []float64{0.00025, 0.00025, 0}, handTol)
	a.Reset()
	if a.T != 0 {
		t.Errorf("T = %d after Reset, want 0", a.T)
	}
	checkVec(t, "m after Reset", a.M, []float64{0, 0, 0}, 0)
	checkVec(t, "v after Reset", a.V, []float64{0, 0, 0}, 0)
}

func TestSetLearningRate(t *testing.T) {
	t.Parallel()
	for _, name := range network.OptimizerNames {
		opt, err := network.NewOptimizer(name, 0.5, 1)
		if err != nil {
			t.Fatal(err)
		}
		opt.SetLearningRate(0.01)
		if got := opt.LearningRate(); got != 0.01 {
			t.Errorf("%s: LearningRate = %v after SetLearningRate(0.01)",
				name, got)
		}
		// One step with g = 1 moves w by η: exactly for SGD and for
		// momentum (v = −η), for Adam's first step up to ε
		// (α·0.1/(√0.001 + ε) ≈ η), and by (1 + μ)·η for Nesterov,
		// which steps on from the looked-ahead point (μ·v − η).
		want := -0.01
		if name == "nesterov" {
			want = -0.019
		}
		w := []float64{0}
		opt.Step(w, []float64{1})
		if !near(w[0], want, 0, 1e-7) {
			t.Errorf("%s: w = %v after a step with η = 0.01, want %v",
				name, w[0], want)
		}
	}
}

func TestNewOptimizerErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		eta     float64
		mention string
	}{
		{"rmsprop", 0.1, `"rmsprop"`},
		{"", 0.1, `""`},
		{"sgd", 0, "0"},
		{"sgd", -0.1, "-0.1"},
		{"adam", math.NaN(), "NaN"},
		{"adam", math.Inf(1), "+Inf"},
	}
	for _, tt := range tests {
		opt, err := network.NewOptimizer(tt.name, tt.eta, 2)
		if err == nil {
			t.Errorf("NewOptimizer(%q, %v) = %v, want an error",
				tt.name, tt.eta, opt)
			continue
		}
		if !strings.Contains(err.Error(), tt.mention) {
			t.Errorf("NewOptimizer(%q, %v): error %q does not name %s",
				tt.name, tt.eta, err, tt.mention)
		}
	}
	_, err := network.NewOptimizer("nope", 0.1, 2)
	for _, name := range network.OptimizerNames {
		if err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("error %v does not list accepted name %q", err, name)
		}
	}
}
