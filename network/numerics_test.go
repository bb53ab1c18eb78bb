package network_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"nnviz/network"
)

// bceTol is how far −ln(1 − (1 − 1e-7)) may be from −ln(1e-7): 1 − 1e-7 is
// rounded to float64, which moves 1 − p by up to about 1e-16, a relative
// 1e-9 of 1e-7.
const bceTol = 1e-8

func TestSaturation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f    network.Activation
		z, a float64
	}{
		{network.Sigmoid, 1000, 1},
		{network.Sigmoid, -1000, 0},
		{network.Sigmoid, math.MaxFloat64, 1},
		{network.Sigmoid, -math.MaxFloat64, 0},
		{network.Tanh, 1000, 1},
		{network.Tanh, -1000, -1},
		{network.ReLU, -1000, 0},
		{network.ReLU, 1000, 1000},
		{network.LeakyReLU, -1000, -10},
		{network.LeakyReLU, 1000, 1000},
		{network.Linear, -1000, -1000},
	}
	for _, tt := range tests {
		a := tt.f.Apply(tt.z)
		if a != tt.a {
			t.Errorf("%s(%v) = %v, want %v", tt.f.Name(), tt.z, a, tt.a)
		}
		if d := tt.f.Derivative(tt.z, a); math.IsNaN(d) || math.IsInf(d, 0) {
			t.Errorf("%s'(%v) = %v, want a finite number", tt.f.Name(), tt.z, d)
		}
	}
}

func TestCrossEntropyClips(t *testing.T) {
	t.Parallel()
	// −ln(1e-7) = 7·ln 10
	want := 16.11809565095832
	tests := []struct {
		a, y float64
	}{
		{0, 1},
		{1, 0},
		{-0.5, 1}, // below 0 clips to ε as well
		{1.5, 0},
	}
	for _, tt := range tests {
		a, y := []float64{tt.a}, []float64{tt.y}
		v := network.BCE.Value(a, y)
		if !near(v, want, 0, bceTol) {
			t.Errorf("BCE(a=%v, y=%v) = %.17g, want −ln(1e-7) = %.17g",
				tt.a, tt.y, v, want)
		}
		g := []float64{0}
		network.BCE.Gradient(g, a, y)
		if math.IsNaN(g[0]) || math.IsInf(g[0], 0) {
			t.Errorf("∂BCE/∂a(a=%v, y=%v) = %v, want finite", tt.a, tt.y, g[0])
		}
	}
	// A right answer costs almost nothing: −ln(1 − 1e-7) ≈ 1e-7.
	for _, tt := range []struct{ a, y float64 }{{1, 1}, {0, 0}} {
		v := network.BCE.Value([]float64{tt.a}, []float64{tt.y})
		if !near(v, 1e-7, 0, 1e-13) {
			t.Errorf("BCE(a=%v, y=%v) = %v, want ≈ 1e-7", tt.a, tt.y, v)
		}
	}
}

func TestCategoricalCrossEntropyClips(t *testing.T) {
	t.Parallel()
	tests := []struct {
		a, y []float64
		want float64
		tol  float64
	}{
		// the true class at p = 0: −ln ε = 7·ln 10
		{[]float64{0, 1}, []float64{1, 0}, 16.11809565095832, bceTol},
		{[]float64{1, 0, 0}, []float64{0, 0, 1}, 16.11809565095832, bceTol},
		// the true class at p = 1: −ln(1 − ε) ≈ ε
		{[]float64{1, 0}, []float64{1, 0}, 1e-7, 1e-13},
		{[]float64{0, 1, 0}, []float64{0, 1, 0}, 1e-7, 1e-13},
	}
	for _, tt := range tests {
		v := network.CCE.Value(tt.a, tt.y)
		if !near(v, tt.want, 0, tt.tol) {
			t.Errorf("CCE(a=%v, y=%v) = %.17g, want %.17g",
				tt.a, tt.y, v, tt.want)
		}
		g := make([]float64, len(tt.a))
		network.CCE.Gradient(g, tt.a, tt.y)
		for k, v := range g {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Errorf("∂CCE/∂a(a=%v, y=%v)[%d] = %v, want finite",
					tt.a, tt.y, k, v)
			}
		}
	}
}

func TestSoftmaxSaturation(t *testing.T) {
	t.Parallel()
	sm := network.Softmax.(network.LayerActivation)
	tests := []struct {
		z, a []float64
	}{
		// e^(0−1000) underflows to 0 and the sum is exactly 1.
		{[]float64{1000, 0}, []float64{1, 0}},
		{[]float64{-1000, 1000}, []float64{0, 1}},
		{[]float64{math.MaxFloat64, -math.MaxFloat64}, []float64{1, 0}},
		// a tie stays a tie
		{[]float64{1000, 1000}, []float64{0.5, 0.5}},
	}
	for _, tt := range tests {
		a := make([]float64, len(tt.z))
		sm.ApplyLayer(tt.z, a)
		checkBits(t, fmt.Sprintf("softmax(%v)", tt.z), a, tt.a)
	}
}

func TestDeltaIsError(t *testing.T) {
	t.Parallel()
	for _, f := range network.Activations {
		for _, l := range network.Losses {
			want := f == network.Sigmoid && l == network.BCE ||
				f == network.Softmax && l == network.CCE
			if got := network.DeltaIsError(f, l); got != want {
				t.Errorf("DeltaIsError(%s, %s) = %v, want %v",
					f.Name(), l.Name(), got, want)
			}
		}
	}
}

// A saturated output that is wrong must still pass back the full error
// a − y: the long form would give 0 there (σ'(z) = 0 for the sigmoid,
// the softmax Jacobian times −y/a = 0·1e7 for softmax).
func TestSaturatedDelta(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f     network.Activation
		loss  network.Loss
		delta []float64
	}{
		// L = (−ln ε − ln ε)/2; δ = (a − y)/K = [(1 − 0)/2, (0 − 1)/2]
		{network.Sigmoid, network.BCE, []float64{0.5, -0.5}},
		// L = −ln ε for the true class at a = 0; δ = a − y = [1, −1]
		{network.Softmax, network.CCE, []float64{1, -1}},
	}
	for _, tt := range tests {
		n := network.New([]int{1, 2}, []network.Activation{tt.f}, tt.loss)
		// z = [1000, −1000]: a = [1, 0], the opposite of y.
		n.SetLayer(0, [][]float64{{1000}, {-1000}}, []float64{0, 0})
		train := data([][]float64{{1}}, [][]float64{{0, 1}})
		tr := network.NewTrainer(n, &network.SGD{Eta: 0.1}, train, nil,
			network.Config{})
		if err := tr.BackwardPass(); err != nil {
			t.Fatal(err)
		}
		trace := tr.Trace()
		if !near(trace.Loss, 16.11809565095832, 0, bceTol) {
			t.Errorf("%s: L = %.17g, want −ln(1e-7)", tt.loss.Name(), trace.Loss)
		}
		checkVec(t, tt.loss.Name()+" δ", trace.Layers[0].Delta, tt.delta, 0)
		// ∂L/∂W = δ·x with x = 1
		checkVec(t, tt.loss.Name()+" ∂L/∂W", trace.Layers[0].GradW.RawMatrix().Data,
			tt.delta, 0)
	}
}

func TestByName(t *testing.T) {
	t.Parallel()
	for _, f := range network.Activations {
		got, err := network.ActivationByName(f.Name())
		if err != nil || got != f {
			t.Errorf("ActivationByName(%q) = %v, %v", f.Name(), got, err)
		}
	}
	for _, l := range network.Losses {
		got, err := network.LossByName(l.Name())
		if err != nil || got != l {
			t.Errorf("LossByName(%q) = %v, %v", l.Name(), got, err)
		}
	}
	tests := []struct {
		kind string
		err  error
		want []string
	}{
		{"activation", second(network.ActivationByName("swish")),
			[]string{`activation "swish"`,
				"(accepted: sigmoid, tanh, relu, leaky-relu, linear, softmax)"}},
		{"loss", second(network.LossByName("hinge")),
			[]string{`loss "hinge"`, "(accepted: mse, half-mse, bce, cce)"}},
	}
	for _, tt := range tests {
		if tt.err == nil {
			t.Errorf("unknown %s: no error", tt.kind)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(tt.err.Error(), w) {
				t.Errorf("unknown %s: error %q does not contain %q",
					tt.kind, tt.err, w)
			}
		}
	}
}

func second[T any](_ T, err error) error { return err }
