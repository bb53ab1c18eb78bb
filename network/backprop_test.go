package network_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/diff/fd"

	"nnviz/network"
)

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

// acts returns the hidden activation for every hidden layer, then the
// output activation.
func (c gradCase) acts() []network.Activation {
	acts := make([]network.Activation, len(c.sizes)-1)
	for i := range acts {
		acts[i] = c.hidden
	}
	acts[len(acts)-1] = c.output
	return acts
}

// gradCases crosses every hidden activation, output activation and loss on
// three shapes, one of them with two hidden layers. Softmax is left out of
// hidden layers, where New refuses it, and of single outputs, which it
// pins to 1 whatever the weights. Softmax with binary cross-entropy is
// kept: the engine accepts it, the loss is smooth in every output when
// there are two or more, and it takes the long path through the softmax
// Jacobian with a gradient that is not MSE's.
func gradCases() []gradCase {
	var cases []gradCase
	for _, sizes := range [][]int{{3, 4, 2}, {2, 3, 1}, {2, 4, 3, 3}} {
		for _, h := range network.Activations {
			if _, vec := h.(network.LayerActivation); vec {
				continue
			}
			for _, o := range network.Activations {
				if o == network.Softmax && sizes[len(sizes)-1] < 2 {
					continue
				}
				for _, l := range network.Losses {
					cases = append(cases, gradCase{sizes, h, o, l})
				}
			}
		}
	}
	return cases
}

// build returns a network with random weights and samples samples drawn
// from rng. Every weight is at least weightMargin from 0, for the kink of
// L1. The output biases are chosen so that outputs start near the middle
// of (0, 1), where cross-entropy is defined for every output activation.
// Draws in which a (leaky) ReLU input lies within kinkMargin of 0, or an
// output that cross-entropy reads within clipMargin of 0 or 1, are drawn
// again, so that finite differences never straddle a kink.
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
	n := network.New(c.sizes, c.acts(), c.loss)
	for i := range n.Params {
		v := 2*rng.Float64() - 1
		n.Params[i] = math.Copysign(max(math.Abs(v), weightMargin), v)
	}
	out := n.Layers[len(n.Layers)-1]
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
		y[i] = c.target(rng, n.Outputs())
		n.Forward(x[i], s)
		for l, layer := range n.Layers {
			kinked := layer.Act == network.ReLU || layer.Act == network.LeakyReLU
			for _, z := range s.Z[l] {
				if kinked && math.Abs(z) < kinkMargin {
					return nil, nil, false
				}
			}
		}
		for k, a := range s.A[len(n.Layers)-1] {
			read := c.loss == network.BCE || c.loss == network.CCE && y[i][k] != 0
			if read && (a < clipMargin || a > 1-clipMargin) {
				return nil, nil, false
			}
		}
	}
	return n, data(x, y), true
}

// target draws a target row: one-hot for categorical cross-entropy, whose
// softmax shortcut δ = a − y holds only for targets that sum to 1, and 0
// or 1 for each output otherwise.
func (c gradCase) target(rng *rand.Rand, k int) []float64 {
	y := make([]float64, k)
	if c.loss == network.CCE {
		y[rng.IntN(k)] = 1
		return y
	}
	for i := range y {
		y[i] = float64(rng.IntN(2))
	}
	return y
}

// clone returns a network of n's shape, activations and loss with a copy
// of its parameters.
func clone(n *network.Network) *network.Network {
	acts := make([]network.Activation, len(n.Layers))
	for i, l := range n.Layers {
		acts[i] = l.Act
	}
	c := network.New(n.Sizes, acts, n.Loss)
	copy(c.Params, n.Params)
	return c
}

// objective returns the mean loss over d plus the L1 and L2 penalties,
// as a function of the parameters of a copy of n.
func objective(n *network.Network, d *network.Dataset, l1, l2 float64) func(
	[]float64) float64 {
	c := clone(n)
	s := c.NewScratch()
	return func(p []float64) float64 {
		copy(c.Params, p)
		var sum float64
		for i := range d.Len() {
			x, y := d.Sample(i)
			sum += c.Loss.Value(c.Forward(x, s), y)
		}
		return sum/float64(d.Len()) + c.Penalty(l1, l2)
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
			loss := objective(n, d, 0, 0)
			want := fd.Gradient(nil, loss, n.Params, central)
			wantLoss := loss(n.Params)

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

// TestBatchMeanMatchesFiniteDifferences checks the gradient an update
// uses, the batch mean plus the gradients of the penalties, on the phases
// and on the fast path.
func TestBatchMeanMatchesFiniteDifferences(t *testing.T) {
	t.Parallel()
	penalties := []struct{ l1, l2 float64 }{{0, 0}, {0.01, 0.02}}
	for i, c := range gradCases() {
		for _, p := range penalties {
			name := fmt.Sprintf("%v/λ1=%g,λ2=%g", c, p.l1, p.l2)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				rng := rand.New(rand.NewPCG(4048, uint64(i)))
				n, d := c.build(t, rng, 3)
				start := slices.Clone(n.Params)
				fastNet := clone(n)
				want := fd.Gradient(nil, objective(n, d, p.l1, p.l2),
					n.Params, central)
				cfg := network.Config{Batch: 3, L1: p.l1, L2: p.l2}

				const eta = 0.05
				phases := network.NewTrainer(n, &network.SGD{Eta: eta}, d,
					nil, cfg)
				if err := phases.UpdateStep(); err != nil {
					t.Fatal(err)
				}
				checkUpdate(t, "phases", phases, start, want, eta)

				fast := network.NewTrainer(fastNet, &network.SGD{Eta: eta}, d,
					nil, cfg)
				if err := fast.EpochStep(); err != nil {
					t.Fatal(err)
				}
				checkUpdate(t, "fast path", fast, start, want, eta)
			})
		}
	}
}

// checkUpdate checks that tr made one SGD update of a batch of 3 from
// start with the gradient want.
func checkUpdate(t *testing.T, path string, tr *network.Trainer,
	start, want []float64, eta float64) {
	t.Helper()
	trace := tr.Trace()
	if trace.BatchSize != 3 || tr.Updates() != 1 {
		t.Errorf("%s: BatchSize = %d after %d updates, want 3 after 1",
			path, trace.BatchSize, tr.Updates())
	}
	checkBits(t, path+" Before", trace.Before, start)
	checkGrad(t, path+" mean ∂L/∂w", trace.Mean, want)
	// SGD: w ← w − η·mean ∂L/∂w
	for k := range start {
		w := start[k] - eta*want[k]
		tol := eta*(gradAbs+gradRel*math.Abs(want[k])) + handTol
		if !near(tr.Net.Params[k], w, 0, tol) {
			t.Errorf("%s: w[%d] = %.12g after SGD, want %.12g",
				path, k, tr.Net.Params[k], w)
		}
	}
}
