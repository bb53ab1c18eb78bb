package network_test

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"nnviz/network"
)

// divergenceCases are trainers that blow up, and the phase in which the
// phases find the first non-finite number.
var divergenceCases = []struct {
	name string
	new  func() *network.Trainer
	in   network.Step
}{
	// The weights grow, finite, until the loss overflows.
	{"linear η=1e6", func() *network.Trainer {
		return divergingTrainer(network.Linear, 1e6, 1)
	}, los},
	{"tanh η=1e6", func() *network.Trainer {
		return divergingTrainer(network.Tanh, 1e6, 1)
	}, los},
	// The first update overflows the weights themselves.
	{"linear η=1e308", func() *network.Trainer {
		return divergingTrainer(network.Linear, 1e308, 1)
	}, upd},
	// The same with one batch an epoch, so that the update that
	// overflows is the epoch's last: η·g > MaxFloat64 for |g| > 1.
	{"linear η=max, whole set", func() *network.Trainer {
		return divergingTrainer(network.Linear, math.MaxFloat64, 0)
	}, upd},
	// The first update sends the hidden weights to −∞ while the output
	// weights stay finite: the dead ReLU outputs 0, the output saturates
	// and the clipped loss stays finite, so only the weights show it.
	{"relu hides −∞ weights from a clipped loss", hiddenInfTrainer, upd},
}

func divergingTrainer(hidden network.Activation, eta float64,
	batch int) *network.Trainer {
	net := network.New([]int{2, 3, 1},
		[]network.Activation{hidden, network.Linear}, network.MSE)
	net.InitGlorot(rand.New(rand.NewPCG(1, 2)))
	train := data([][]float64{{1, 2}, {-1, 0.5}, {0.3, -2}},
		[][]float64{{1}, {-1}, {2}})
	return network.NewTrainer(net, &network.SGD{Eta: eta}, train, nil,
		network.Config{Batch: batch})
}

// hiddenInfTrainer is a 1-1-1 ReLU/sigmoid network on x = 1…4, y = 0.
// On the first sample z1 = 0.001, z2 = 1, a = σ(1) ≈ 0.731 and δ2 ≈ 0.731,
// so ∂L/∂w1 = ∂L/∂b1 = 1000·δ2 ≈ 731 and η = 1e306 takes w1 and b1 to
// −∞, while w2 moves by η·δ2·0.001 and b2 by η·δ2 and stay finite.
func hiddenInfTrainer() *network.Trainer {
	net := network.New([]int{1, 1, 1},
		[]network.Activation{network.ReLU, network.Sigmoid}, network.BCE)
	net.SetLayer(0, [][]float64{{0.001}}, []float64{0})
	net.SetLayer(1, [][]float64{{1000}}, []float64{0})
	train := data([][]float64{{1}, {2}, {3}, {4}},
		[][]float64{{0}, {0}, {0}, {0}})
	return network.NewTrainer(net, &network.SGD{Eta: 1e306}, train, nil,
		network.Config{Batch: 1})
}

func TestDivergence(t *testing.T) {
	t.Parallel()
	for _, tt := range divergenceCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr := tt.new()
			const limit = 10000
			var step network.Step
			var err error
			for range limit {
				if step, err = tr.Next(); err != nil {
					break
				}
			}
			if !errors.Is(err, network.ErrDiverged) || step != tt.in {
				t.Fatalf("after %d phases: %v, %v; want ErrDiverged in %v",
					limit, step, err, tt.in)
			}
			checkDiverged(t, tr, func() error {
				s, err := tr.Next()
				if s != (network.Step{}) {
					t.Errorf("Next after divergence ran %v", s)
				}
				return err
			})
		})
	}
}

// TestDivergenceFastPath is TestDivergence on EpochStep: every epoch it
// finishes leaves finite weights, and the one that diverges reports it.
func TestDivergenceFastPath(t *testing.T) {
	t.Parallel()
	for _, tt := range divergenceCases {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr := tt.new()
			const limit = 10000
			var err error
			for e := 0; e < limit && err == nil; e++ {
				err = tr.EpochStep()
				if err == nil && !tr.Net.Finite() {
					t.Fatalf("epoch %d: EpochStep = nil, leaving weights "+
						"%v", e+1, tr.Net.Params)
				}
			}
			if !errors.Is(err, network.ErrDiverged) {
				t.Fatalf("after %d epochs: %v, want ErrDiverged", limit, err)
			}
			checkDiverged(t, tr, tr.EpochStep)
		})
	}
}

// checkDiverged checks the state a divergence leaves, that more steps
// (again) change nothing and report ErrDiverged, and that Reset recovers.
func checkDiverged(t *testing.T, tr *network.Trainer, again func() error) {
	t.Helper()
	if !tr.Diverged() || !tr.Net.Finite() {
		t.Fatalf("Diverged() = %v, Finite() = %v, want true, true",
			tr.Diverged(), tr.Net.Finite())
	}
	kept := slices.Clone(tr.Net.Params)
	// The weights are rolled back to those before the last update,
	// whichever phase found the non-finite number.
	checkBits(t, "params after diverging", kept, tr.Trace().Before)

	// Nothing runs any more until a reset.
	for range 3 {
		if err := again(); !errors.Is(err, network.ErrDiverged) {
			t.Errorf("after divergence: %v, want ErrDiverged", err)
		}
	}
	checkBits(t, "params after more steps", tr.Net.Params, kept)
	tr.Reset()
	if _, err := tr.Next(); err != nil || tr.Diverged() {
		t.Errorf("Next after Reset: %v, Diverged() = %v", err, tr.Diverged())
	}
}
