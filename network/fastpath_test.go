package network_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"nnviz/network"
)

// fastPathTol is how far the fast path may drift from the phases: it sums
// the same products in another order (a batch's rows at once, the bias
// after the weights), which changes the last bits, and an epoch of
// updates carries those bits on.
const fastPathTol = 1e-12

// trainerSpec describes a trainer on a random data set, so that tests can
// build two alike.
type trainerSpec struct {
	name    string
	sizes   []int
	acts    []network.Activation
	loss    network.Loss
	opt     string
	eta     float64
	samples int // training samples; a quarter as many test samples
	cfg     network.Config
}

// specs cover every loss and optimizer, softmax, batches that do and do
// not divide the set, shuffling, both penalties and regression.
var specs = []trainerSpec{
	{"softmax+cce adam L2 batch 8 of 37", []int{3, 5, 4, 3},
		[]network.Activation{network.Tanh, network.ReLU, network.Softmax},
		network.CCE, "adam", 0.01, 37,
		network.Config{Batch: 8, Shuffle: true, Seed: 5, Classify: true,
			L2: 0.001}},
	{"sigmoid+bce momentum L1 batch 4 of 10", []int{2, 4, 1},
		[]network.Activation{network.LeakyReLU, network.Sigmoid},
		network.BCE, "momentum", 0.1, 10,
		network.Config{Batch: 4, Shuffle: true, Seed: 6, Classify: true,
			L1: 0.001}},
	{"linear+mse nesterov batch 2 of 9", []int{2, 6, 2},
		[]network.Activation{network.Sigmoid, network.Linear},
		network.MSE, "nesterov", 0.05, 9,
		network.Config{Batch: 2, Shuffle: true, Seed: 7, L1: 0.0005,
			L2: 0.0005}},
	{"tanh+mse sgd whole set", []int{2, 3, 1},
		[]network.Activation{network.Tanh, network.Tanh},
		network.MSE, "sgd", 0.3, 8, network.Config{Classify: true}},
	{"softmax+mse sgd batch 1", []int{2, 3, 2},
		[]network.Activation{network.ReLU, network.Softmax},
		network.MSE, "sgd", 0.1, 5,
		network.Config{Batch: 1, Shuffle: true, Seed: 8, Classify: true}},
	// more hidden neurons than inputs and a batch above evalRows
	{"half-mse sgd 1-16-1 whole set of 100", []int{1, 16, 1},
		[]network.Activation{network.Tanh, network.Linear},
		network.HalfMSE, "sgd", 0.1, 100,
		network.Config{Shuffle: true, Seed: 9}},
}

// new returns the trainer s describes, the same for every call: Glorot
// weights and data drawn from a source seeded with seed. Targets are
// one-hot for several outputs, 0 or 1 for one.
func (s trainerSpec) new(seed uint64) *network.Trainer {
	rng := rand.New(rand.NewPCG(seed, 1))
	n := network.New(s.sizes, s.acts, s.loss)
	n.InitGlorot(rng)
	set := func(rows int) *network.Dataset {
		x := make([][]float64, rows)
		y := make([][]float64, rows)
		for i := range x {
			x[i] = make([]float64, n.Inputs())
			for k := range x[i] {
				x[i][k] = 2*rng.Float64() - 1
			}
			y[i] = make([]float64, n.Outputs())
			if len(y[i]) == 1 {
				y[i][0] = float64(rng.IntN(2))
			} else {
				y[i][rng.IntN(len(y[i]))] = 1
			}
		}
		return data(x, y)
	}
	train, test := set(s.samples), set(max(1, s.samples/4))
	opt, err := network.NewOptimizer(s.opt, s.eta, len(n.Params))
	if err != nil {
		panic(err)
	}
	return network.NewTrainer(n, opt, train, test, s.cfg)
}

// TestFastPathMatchesPhases runs one trainer by EpochStep and its twin by
// Next, one phase at a time, and compares them after every epoch: both
// from the start of an epoch and from the middle of a batch, where
// EpochStep finishes the batch phase by phase first.
func TestFastPathMatchesPhases(t *testing.T) {
	t.Parallel()
	const epochs = 15
	for _, s := range specs {
		for _, prefix := range []int{0, 7} {
			name := fmt.Sprintf("%s/after %d phases", s.name, prefix)
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				fast, phases := s.new(1), s.new(1)
				for range prefix {
					_, err1 := fast.Next()
					_, err2 := phases.Next()
					if err1 != nil || err2 != nil {
						t.Fatal(err1, err2)
					}
				}
				for e := 1; e <= epochs; e++ {
					if err := fast.EpochStep(); err != nil {
						t.Fatal(err)
					}
					for phases.EpochsDone() < fast.EpochsDone() {
						if _, err := phases.Next(); err != nil {
							t.Fatal(err)
						}
					}
					compareStates(t, fmt.Sprintf("epoch %d", e),
						capture(fast), capture(phases), fastPathTol)
					if t.Failed() {
						return
					}
				}
			})
		}
	}
}
