package network_test

import (
	"testing"

	"nnviz/network"
)

// xorTrainer returns a trainer for XOR on a 2-3-1 tanh/sigmoid network,
// the size of the xor scenario.
func xorTrainer(opt string, cfg network.Config) *network.Trainer {
	net := network.New([]int{2, 3, 1},
		[]network.Activation{network.Tanh, network.Sigmoid}, network.BCE)
	net.SetLayer(0, [][]float64{{0.5, -0.4}, {0.3, 0.8}, {-0.7, 0.2}},
		[]float64{0, 0, 0})
	net.SetLayer(1, [][]float64{{0.6, -0.5, 0.9}}, []float64{0})
	o, err := network.NewOptimizer(opt, 0.3, len(net.Params))
	if err != nil {
		panic(err)
	}
	return network.NewTrainer(net, o, xorSet(), xorSet(), cfg)
}

// TestNextDoesNotAllocate is not parallel: testing.AllocsPerRun refuses to
// run in a parallel test, whose neighbours' allocations it would count.
func TestNextDoesNotAllocate(t *testing.T) {
	tests := []struct {
		opt string
		cfg network.Config
	}{
		{"sgd", network.Config{Batch: 1, Classify: true}},
		{"adam", network.Config{Batch: 3, Shuffle: true, Seed: 4,
			Classify: true}},
	}
	for _, tt := range tests {
		t.Run(tt.opt, func(t *testing.T) {
			tr := xorTrainer(tt.opt, tt.cfg)
			// warm up, past the first growths of the history
			for range 50 {
				if err := tr.EpochStep(); err != nil {
					t.Fatal(err)
				}
			}
			next := func() {
				if _, err := tr.Next(); err != nil {
					panic(err)
				}
			}
			if a := testing.AllocsPerRun(1000, next); a != 0 {
				t.Errorf("Next allocates %v times a call", a)
			}
			// A whole epoch, end-of-epoch shuffle and evaluation
			// included, may allocate only for the history's growth.
			phases := 0
			for n := len(tr.History()); len(tr.History()) == n; phases++ {
				next()
			}
			epoch := func() {
				for range phases {
					next()
				}
			}
			if a := testing.AllocsPerRun(100, epoch); a != 0 {
				t.Errorf("an epoch of Next allocates %v times", a)
			}
		})
	}
}
