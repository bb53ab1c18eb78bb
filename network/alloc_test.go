package network_test

import (
	"fmt"
	"testing"

	"nnviz/network"
)

// The tests in this file are not parallel: testing.AllocsPerRun refuses to
// run in a parallel test, whose neighbours' allocations it would count.

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

// allocSpecs are the trainers whose steps must not allocate: every
// optimizer, softmax, shuffling and penalties, with batches of 10.
func allocSpecs() []trainerSpec {
	var out []trainerSpec
	for _, s := range specs {
		s.samples = 50
		s.cfg.Batch = 10
		s.name = fmt.Sprintf("%s+%s %s", s.acts[len(s.acts)-1].Name(),
			s.loss.Name(), s.opt)
		out = append(out, s)
	}
	return out
}

// roomy runs epochs until the history has room for n more records, so
// that what is measured next cannot include the history's growth.
func roomy(t *testing.T, tr *network.Trainer, n int) {
	t.Helper()
	for h := tr.History(); cap(h)-len(h) < n; h = tr.History() {
		if err := tr.EpochStep(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestNextDoesNotAllocate(t *testing.T) {
	tests := []struct {
		name string
		tr   *network.Trainer
	}{
		{"xor sgd batch 1", xorTrainer("sgd", network.Config{Batch: 1,
			Classify: true})},
		{"xor adam batch 3", xorTrainer("adam", network.Config{Batch: 3,
			Shuffle: true, Seed: 4, Classify: true})},
	}
	for _, s := range allocSpecs() {
		tests = append(tests, struct {
			name string
			tr   *network.Trainer
		}{s.name, s.new(1)})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tr := tt.tr
			// warm up, then leave room for the epochs measured
			if err := repeat(20, tr.EpochStep); err != nil {
				t.Fatal(err)
			}
			next := func() {
				if _, err := tr.Next(); err != nil {
					panic(err)
				}
			}
			// a sample's phases, then whole epochs of them, with the
			// shuffle and the evaluation at each epoch's end
			phases := 0
			for n := tr.EpochsDone(); tr.EpochsDone() == n; phases++ {
				next()
			}
			roomy(t, tr, 16)
			if a := testing.AllocsPerRun(phases, next); a != 0 {
				t.Errorf("Next allocates %v times a call", a)
			}
			epoch := func() {
				for range phases {
					next()
				}
			}
			if a := testing.AllocsPerRun(10, epoch); a != 0 {
				t.Errorf("an epoch of Next allocates %v times", a)
			}
		})
	}
}

func TestEpochStepDoesNotAllocate(t *testing.T) {
	for _, s := range allocSpecs() {
		t.Run(s.name, func(t *testing.T) {
			tr := s.new(1)
			if err := repeat(3, tr.EpochStep); err != nil {
				t.Fatal(err)
			}
			roomy(t, tr, 52)
			step := func() {
				if err := tr.EpochStep(); err != nil {
					panic(err)
				}
			}
			if a := testing.AllocsPerRun(50, step); a != 0 {
				t.Errorf("EpochStep allocates %v times a call", a)
			}
		})
	}
}

func TestForwardDoesNotAllocate(t *testing.T) {
	for _, s := range specs {
		t.Run(s.name, func(t *testing.T) {
			tr := s.new(1)
			sc := tr.Net.NewScratch()
			x, _ := tr.Train.Sample(0)
			forward := func() { tr.Net.Forward(x, sc) }
			if a := testing.AllocsPerRun(100, forward); a != 0 {
				t.Errorf("Forward allocates %v times a call", a)
			}
		})
	}
}

// TestSnapshotDoesNotAllocate takes snapshots into one taken before, as a
// viewer that keeps a ring of them does.
func TestSnapshotDoesNotAllocate(t *testing.T) {
	for _, s := range specs {
		t.Run(s.name, func(t *testing.T) {
			tr := s.new(1)
			snap := tr.Snapshot(nil)
			if err := tr.EpochStep(); err != nil {
				t.Fatal(err)
			}
			take := func() { tr.Snapshot(snap) }
			if a := testing.AllocsPerRun(100, take); a != 0 {
				t.Errorf("Snapshot allocates %v times a call", a)
			}
			restore := func() { tr.Restore(snap) }
			if a := testing.AllocsPerRun(100, restore); a != 0 {
				t.Errorf("Restore allocates %v times a call", a)
			}
		})
	}
}
