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
	// kinkMargin keeps every ReLU input this far from 0, so that no finite
	// difference step crosses the kink.
	kinkMargin = 1e-3
	// clipMargin keeps every output given to cross-entropy this far inside
	// (0, 1), away from the clipping at ε and 1−ε.
	clipMargin = 1e-3
)

var central = &fd.Settings{Formula: fd.Central}

func TestActivationDerivatives(t *testing.T) {
	t.Parallel()
	// No point is 0, so ReLU's kink is never straddled.
	points := []float64{-3.1, -0.8, -0.05, 0.07, 0.6, 2.4}
	for _, f := range network.Activations {
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
		// −ln 0.8; ∂L/∂a = (0.8−1)/(0.8·0.2) = −1.25
		{network.BCE, []float64{0.8}, []float64{1}, 0.2231435513142097,
			[]float64{-1.25}},
		// (−ln 0.8 − ln 0.7)/2 = (0.22314355131420976 + 0.35667494393873245)/2
		// ∂L/∂a = [−0.2/0.16, 0.3/0.21]/2 = [−0.625, 0.7142857142857143]
		{network.BCE, []float64{0.8, 0.3}, []float64{1, 0},
			0.2899092476264711, []float64{-0.625, 0.7142857142857143}},
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

// gradCase is a network whose backward pass is checked against finite
// differences of its loss.
type gradCase struct {
	sizes          []int
	hidden, output network.Activation
	loss           network.Loss
}

func (c gradCase) String() string {
	return fmt.Sprintf("%v/%s-%s/%s", c.sizes, c.hidden.Name(),
		c.output.Name(), c.loss.Name())
}

// gradCases crosses every hidden activation, output activation and loss on
// two shapes.
func gradCases() []gradCase {
	var cases []gradCase
	for _, sizes := range [][]int{{3, 4, 2}, {2, 3, 1}} {
		for _, h := range network.Activations {
			for _, o := range network.Activations {
				for _, l := range network.Losses {
					cases = append(cases, gradCase{sizes, h, o, l})
				}
			}
		}
	}
	return cases
}

// build returns a network with random weights and samples samples drawn
// from rng. The output biases are chosen so that outputs start near the
// middle of (0, 1), where cross-entropy is defined for every output
// activation. Draws in which a ReLU input lies within kinkMargin of 0, or a
// cross-entropy output within clipMargin of 0 or 1, are drawn again, so
// that finite differences never straddle a kink.
func (c gradCase) build(t *testing.T, rng *rand.Rand, samples int) (
	*network.Network, *network.Dataset) {
	t.Helper()
	const tries = 100
	for range tries {
		if n, d, ok := c.draw(rng, samples); ok {
			return n, d
		}
	}
	t.Fatalf("no draw in %d keeps clear of the kinks", tries)
	return nil, nil
}

func (c gradCase) draw(rng *rand.Rand, samples int) (
	*network.Network, *network.Dataset, bool) {
	n := network.New(c.sizes, []network.Activation{c.hidden, c.output}, c.loss)
	for i := range n.Params {
		n.Params[i] = 2*rng.Float64() - 1
	}
	out := n.Layers[1]
	for i := range out.In * out.Out {
		n.Params[out.Offset+i] *= 0.3
	}
	mid := 0.5
	switch c.output {
	case network.Tanh:
		mid = math.Atanh(0.5)
	case network.Sigmoid:
		mid = 0
	}
	for j := range out.B {
		out.B[j] = mid
	}

	x := make([][]float64, samples)
	y := make([][]float64, samples)
	s := n.NewScratch()
	for i := range x {
		x[i] = make([]float64, c.sizes[0])
		for k := range x[i] {
			x[i][k] = 2*rng.Float64() - 1
		}
		y[i] = make([]float64, n.Outputs())
		for k := range y[i] {
			y[i][k] = float64(rng.IntN(2))
		}
		n.Forward(x[i], s)
		for l, layer := range n.Layers {
			for _, z := range s.Z[l] {
				if layer.Act == network.ReLU && math.Abs(z) < kinkMargin {
					return nil, nil, false
				}
			}
		}
		for _, a := range s.A[1] {
			if c.loss == network.BCE && (a < clipMargin || a > 1-clipMargin) {
				return nil, nil, false
			}
		}
	}
	return n, data(x, y), true
}

// meanLoss returns the mean loss over d of a copy of n with parameters p.
func meanLoss(n *network.Network, d *network.Dataset) func([]float64) float64 {
	acts := []network.Activation{n.Layers[0].Act, n.Layers[1].Act}
	c := network.New(n.Sizes, acts, n.Loss)
	s := c.NewScratch()
	return func(p []float64) float64 {
		copy(c.Params, p)
		var sum float64
		for i := range d.Len() {
			x, y := d.Sample(i)
			sum += c.Loss.Value(c.Forward(x, s), y)
		}
		return sum / float64(d.Len())
	}
}

func checkGrad(t *testing.T, name string, got, want []float64) {
	t.Helper()
	for i := range want {
		if !near(got[i], want[i], gradRel, gradAbs) {
			t.Errorf("%s[%d] = %.12g, finite differences %.12g",
				name, i, got[i], want[i])
		}
	}
}

func TestBackwardMatchesFiniteDifferences(t *testing.T) {
	t.Parallel()
	for i, c := range gradCases() {
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(2024, uint64(i)))
			n, d := c.build(t, rng, 1)
			want := fd.Gradient(nil, meanLoss(n, d), n.Params, central)
			wantLoss := meanLoss(n, d)(n.Params)

			tr := network.NewTrainer(n, &network.SGD{Eta: 0.1}, d, nil,
				network.Config{})
			if err := tr.BackwardPass(); err != nil {
				t.Fatal(err)
			}
			if got := tr.Trace().Loss; !near(got, wantLoss, 0, handTol) {
				t.Errorf("Trace().Loss = %.17g, want %.17g", got, wantLoss)
			}
			checkGrad(t, "∂L/∂w", flatGrad(n, tr.Trace()), want)
		})
	}
}

func TestBatchMeanMatchesFiniteDifferences(t *testing.T) {
	t.Parallel()
	for i, c := range gradCases() {
		t.Run(c.String(), func(t *testing.T) {
			t.Parallel()
			rng := rand.New(rand.NewPCG(4048, uint64(i)))
			n, d := c.build(t, rng, 3)
			start := append([]float64(nil), n.Params...)
			want := fd.Gradient(nil, meanLoss(n, d), n.Params, central)

			const eta = 0.05
			tr := network.NewTrainer(n, &network.SGD{Eta: eta}, d, nil,
				network.Config{Batch: 3})
			if err := tr.UpdateStep(); err != nil {
				t.Fatal(err)
			}
			trace := tr.Trace()
			if trace.BatchSize != 3 {
				t.Errorf("BatchSize = %d, want 3", trace.BatchSize)
			}
			checkBits(t, "Before", trace.Before, start)
			checkGrad(t, "mean ∂L/∂w", trace.Mean, want)
			// SGD: w ← w − η·mean ∂L/∂w
			for k := range start {
				w := start[k] - eta*want[k]
				tol := eta*(gradAbs+gradRel*math.Abs(want[k])) + handTol
				if !near(n.Params[k], w, 0, tol) {
					t.Errorf("w[%d] = %.12g after SGD, want %.12g",
						k, n.Params[k], w)
				}
			}
		})
	}
}
