package network_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"nnviz/network"
)

// Tolerances of the finite-difference oracle. Central differences with
// gonum's step of 6e-6 are accurate to about 1e-10 on these smooth
// functions, so analytic and numeric gradients must agree to 1e-6 relative;
// gradAbs covers components that are zero or nearly so.
const (
	gradRel = 1e-6
	gradAbs = 1e-9
	// kinkMargin keeps every (leaky) ReLU input this far from 0, so that
	// no finite difference step crosses the kink.
	kinkMargin = 1e-3
	// clipMargin keeps every output that cross-entropy reads this far
	// inside (0, 1), away from the clipping at ε and 1−ε.
	clipMargin = 1e-3
	// weightMargin keeps every weight this far from 0, where the L1
	// penalty λ1·|w| has its kink.
	weightMargin = 1e-2
)

var central = &fd.Settings{Formula: fd.Central}

func TestActivationDerivatives(t *testing.T) {
	t.Parallel()
	// No point is 0, so ReLU's kink is never straddled.
	points := []float64{-3.1, -0.8, -0.05, 0.07, 0.6, 2.4}
	for _, f := range network.Activations {
		if _, vec := f.(network.LayerActivation); vec {
			continue // TestSoftmax checks the layer-wide rules
		}
		for _, z := range points {
			want := fd.Derivative(f.Apply, z, central)
			got := f.Derivative(z, f.Apply(z))
			if !near(got, want, gradRel, gradAbs) {
				t.Errorf("%s'(%v) = %.12g, finite differences %.12g",
					f.Name(), z, got, want)
			}
		}
	}
}

func TestActivationValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		f       network.Activation
		z       float64
		a, da   float64
		formula string
	}{
		// σ(0) = 1/2, σ'(0) = ½·½
		{network.Sigmoid, 0, 0.5, 0.25, "σ(z) = 1/(1+e^−z)"},
		// σ(ln 3) = 1/(1 + 1/3) = 0.75, σ' = 0.75·0.25
		{network.Sigmoid, math.Log(3), 0.75, 0.1875, ""},
		// σ(−ln 3) = 0.25
		{network.Sigmoid, -math.Log(3), 0.25, 0.1875, ""},
		// tanh(ln 2) = (2 − ½)/(2 + ½) = 0.6, tanh' = 1 − 0.36
		{network.Tanh, math.Log(2), 0.6, 0.64, "tanh(z)"},
		{network.Tanh, -math.Log(2), -0.6, 0.64, ""},
		{network.ReLU, 1.5, 1.5, 1, "relu(z) = max(0, z)"},
		{network.ReLU, -1.5, 0, 0, ""},
		// TensorFlow's convention at the kink
		{network.ReLU, 0, 0, 0, ""},
		{network.Linear, -2.5, -2.5, 1, "f(z) = z"},
		// slope 0.01 below zero: −2·0.01
		{network.LeakyReLU, -2, -0.02, 0.01, "f(z) = z if z>0, else 0.01·z"},
		{network.LeakyReLU, 3, 3, 1, ""},
		// at the kink, the slope of the negative side, as for ReLU
		{network.LeakyReLU, 0, 0, 0.01, ""},
	}
	for _, tt := range tests {
		a := tt.f.Apply(tt.z)
		if !near(a, tt.a, 0, handTol) {
			t.Errorf("%s(%v) = %.17g, want %v", tt.f.Name(), tt.z, a, tt.a)
		}
		if da := tt.f.Derivative(tt.z, a); !near(da, tt.da, 0, handTol) {
			t.Errorf("%s'(%v) = %.17g, want %v", tt.f.Name(), tt.z, da, tt.da)
		}
		if tt.formula != "" && tt.f.Formula() != tt.formula {
			t.Errorf("%s.Formula() = %q, want %q",
				tt.f.Name(), tt.f.Formula(), tt.formula)
		}
	}
}

func TestLossValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		loss  network.Loss
		a, y  []float64
		value float64
		grad  []float64
	}{
		// ((0.5−1)² + (2−0)²)/2 = (0.25 + 4)/2; ∂L/∂a = (2/2)·(a−y)
		{network.MSE, []float64{0.5, 2}, []float64{1, 0}, 2.125,
			[]float64{-0.5, 2}},
		// (0.74 − 1)², the worked example
		{network.MSE, []float64{0.74}, []float64{1}, 0.0676,
			[]float64{-0.52}},
		// half of each: 2.125/2, ∂L/∂a = (a−y)/K = [−0.5/2, 2/2]
		{network.HalfMSE, []float64{0.5, 2}, []float64{1, 0}, 1.0625,
			[]float64{-0.25, 1}},
		// 0.0676/2; ∂L/∂a = 0.74 − 1
		{network.HalfMSE, []float64{0.74}, []float64{1}, 0.0338,
			[]float64{-0.26}},
		// −ln 0.8; ∂L/∂a = (0.8−1)/(0.8·0.2) = −1.25
		{network.BCE, []float64{0.8}, []float64{1}, 0.2231435513142097,
			[]float64{-1.25}},
		// (−ln 0.8 − ln 0.7)/2 = (0.22314355131420976 + 0.35667494393873245)/2
		// ∂L/∂a = [−0.2/0.16, 0.3/0.21]/2 = [−0.625, 0.7142857142857143]
		{network.BCE, []float64{0.8, 0.3}, []float64{1, 0},
			0.2899092476264711, []float64{-0.625, 0.7142857142857143}},
		// −1·ln 0.5 = ln 2; ∂L/∂a_k = −y_k/a_k = [0, −1/0.5, 0]
		{network.CCE, []float64{0.2, 0.5, 0.3}, []float64{0, 1, 0},
			0.6931471805599453, []float64{0, -2, 0}},
		// −ln 0.25 = ln 4; ∂L/∂a = [−1/0.25, 0]
		{network.CCE, []float64{0.25, 0.75}, []float64{1, 0},
			1.3862943611198906, []float64{-4, 0}},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s(%v, %v)", tt.loss.Name(), tt.a, tt.y)
		if v := tt.loss.Value(tt.a, tt.y); !near(v, tt.value, 0, handTol) {
			t.Errorf("%s = %.17g, want %.17g", name, v, tt.value)
		}
		grad := make([]float64, len(tt.a))
		tt.loss.Gradient(grad, tt.a, tt.y)
		checkVec(t, "∂"+name+"/∂a", grad, tt.grad, handTol)
	}
}

func TestLossGradients(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 12))
	for _, loss := range network.Losses {
		for _, k := range []int{1, 2, 4} {
			a := make([]float64, k)
			y := make([]float64, k)
			for i := range a {
				a[i] = 0.05 + 0.9*rng.Float64()
				y[i] = float64(rng.IntN(2))
			}
			want := fd.Gradient(nil, func(a []float64) float64 {
				return loss.Value(a, y)
			}, a, central)
			got := make([]float64, k)
			loss.Gradient(got, a, y)
			for i := range want {
				if !near(got[i], want[i], gradRel, gradAbs) {
					t.Errorf("%s K=%d: ∂L/∂a[%d] = %.12g, "+
						"finite differences %.12g",
						loss.Name(), k, i, got[i], want[i])
				}
			}
		}
	}
}

func TestSoftmax(t *testing.T) {
	t.Parallel()
	sm, ok := network.Softmax.(network.LayerActivation)
	if !ok {
		t.Fatal("Softmax is not a LayerActivation")
	}

	// e^0 : e^(ln 2) : e^(ln 3) = 1 : 2 : 3, over a sum of 6
	a := make([]float64, 3)
	sm.ApplyLayer([]float64{0, math.Log(2), math.Log(3)}, a)
	checkVec(t, "softmax(0, ln 2, ln 3)", a,
		[]float64{1.0 / 6, 1.0 / 3, 0.5}, handTol)
	// Adding a constant to every z changes nothing.
	b := make([]float64, 3)
	sm.ApplyLayer([]float64{5, 5 + math.Log(2), 5 + math.Log(3)}, b)
	checkVec(t, "softmax(z + 5)", b, a, handTol)

	// δ_i = a_i·(g_i − Σ_k g_k·a_k) with g = [1, 0, 0]: Σ = 1/6, so
	// δ = [1/6·(1 − 1/6), 1/3·(0 − 1/6), 1/2·(0 − 1/6)]
	//   = [5/36, −1/18, −1/12]
	delta := make([]float64, 3)
	sm.BackLayer(a, []float64{1, 0, 0}, delta)
	checkVec(t, "δ", delta, []float64{5.0 / 36, -1.0 / 18, -1.0 / 12},
		handTol)

	// BackLayer is Jᵀ·g, the gradient of Σ_k g_k·a_k(z) with respect to z.
	rng := rand.New(rand.NewPCG(7, 8))
	for k := 2; k <= 5; k++ {
		z := make([]float64, k)
		g := make([]float64, k)
		for i := range z {
			z[i] = 4*rng.Float64() - 2
			g[i] = 2*rng.Float64() - 1
		}
		out := make([]float64, k)
		want := fd.Gradient(nil, func(z []float64) float64 {
			sm.ApplyLayer(z, out)
			var s float64
			for i := range out {
				s += g[i] * out[i]
			}
			return s
		}, z, central)
		sm.ApplyLayer(z, out)
		got := make([]float64, k)
		sm.BackLayer(out, g, got)
		for i := range want {
			if !near(got[i], want[i], gradRel, gradAbs) {
				t.Errorf("K=%d: δ[%d] = %.12g, finite differences %.12g",
					k, i, got[i], want[i])
			}
		}
	}

	// A neuron of a softmax layer has no activation of its own.
	mustPanic(t, "whole layer", func() { network.Softmax.Apply(0) })
	mustPanic(t, "Jacobian", func() { network.Softmax.Derivative(0, 0.5) })
}
