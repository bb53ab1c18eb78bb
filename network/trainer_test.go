package network_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"nnviz/network"
)

// smallTrainer returns a trainer for a 2-3-1 tanh/sigmoid network with
// Glorot weights from seed, on n samples of a fixed random set.
func smallTrainer(opt string, n int, cfg network.Config) *network.Trainer {
	rng := rand.New(rand.NewPCG(cfg.Seed, 99))
	net := network.New([]int{2, 3, 1},
		[]network.Activation{network.Tanh, network.Sigmoid}, network.BCE)
	net.InitGlorot(rng)
	x := make([][]float64, n)
	y := make([][]float64, n)
	for i := range x {
		x[i] = []float64{2*rng.Float64() - 1, 2*rng.Float64() - 1}
		y[i] = []float64{float64(i % 2)}
	}
	o, err := network.NewOptimizer(opt, 0.1, len(net.Params))
	if err != nil {
		panic(err)
	}
	return network.NewTrainer(net, o, data(x, y), nil, cfg)
}

var (
	f0  = network.Step{Phase: network.Forward, Layer: 0}
	f1  = network.Step{Phase: network.Forward, Layer: 1}
	los = network.Step{Phase: network.LossCalc}
	b1  = network.Step{Phase: network.Backward, Layer: 1}
	b0  = network.Step{Phase: network.Backward, Layer: 0}
	upd = network.Step{Phase: network.Update}
)

func TestPhaseOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		samples, batch int
		// updateAfter lists the samples (from 1) that close a batch, and
		// sizes the BatchSize of each of those updates.
		updateAfter, sizes []int
	}{
		{2, 1, []int{1, 2}, []int{1, 1}},
		{4, 2, []int{2, 4}, []int{2, 2}},
		{5, 2, []int{2, 4, 5}, []int{2, 2, 1}},
		{7, 3, []int{3, 6, 7}, []int{3, 3, 1}},
		{3, 0, []int{3}, []int{3}}, // 0: the whole set
		{3, 8, []int{3}, []int{3}}, // more than the set: the whole set
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%d samples batch %d", tt.samples, tt.batch)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			tr := smallTrainer("sgd", tt.samples,
				network.Config{Batch: tt.batch, Seed: 3})
			if want := tt.sizes[0]; tr.BatchSize() != want {
				t.Errorf("BatchSize() = %d, want %d", tr.BatchSize(), want)
			}
			var grads [][]float64 // per-sample gradients of this batch
			updates := 0
			for s := 1; s <= tt.samples; s++ {
				want := []network.Step{f0, f1, los, b1, b0}
				if slices.Contains(tt.updateAfter, s) {
					want = append(want, upd)
				}
				for _, w := range want {
					got, err := tr.Next()
					if err != nil {
						t.Fatal(err)
					}
					if got != w || tr.Sample() != s-1 || tr.Epoch() != 0 {
						t.Fatalf("ran %v of sample %d epoch %d, "+
							"want %v of sample %d epoch 0",
							got, tr.Sample()+1, tr.Epoch(), w, s)
					}
					switch got {
					case b0:
						grads = append(grads,
							flatGrad(tr.Net, tr.Trace()))
					case upd:
						checkBatch(t, tr.Trace(), grads, tt.sizes[updates])
						grads = grads[:0]
						updates++
						if tr.Updates() != updates {
							t.Errorf("Updates() = %d, want %d",
								tr.Updates(), updates)
						}
					}
				}
				if !tr.SampleDone() {
					t.Errorf("sample %d: SampleDone = false", s)
				}
			}
			if updates != len(tt.sizes) {
				t.Errorf("%d updates, want %d", updates, len(tt.sizes))
			}
			if len(tr.History()) != 1 {
				t.Errorf("History has %d epochs after one, want 1",
					len(tr.History()))
			}

			// The next phase starts epoch 1 with its first sample.
			if got := tr.Peek(); got != f0 {
				t.Errorf("Peek = %v at the end of an epoch, want %v", got, f0)
			}
			got, err := tr.Next()
			if err != nil || got != f0 || tr.Epoch() != 1 || tr.Sample() != 0 {
				t.Errorf("after the epoch: %v, %v, epoch %d sample %d; "+
					"want %v, epoch 1 sample 0",
					got, err, tr.Epoch(), tr.Sample(), f0)
			}
		})
	}
}

// checkBatch checks that an update averaged exactly the gradients of the
// samples of its batch.
func checkBatch(t *testing.T, tr *network.Trace, grads [][]float64, size int) {
	t.Helper()
	if tr.BatchSize != size || len(grads) != size {
		t.Fatalf("BatchSize = %d over %d samples, want %d",
			tr.BatchSize, len(grads), size)
	}
	mean := make([]float64, len(tr.Mean))
	for _, g := range grads {
		for k := range g {
			mean[k] += g[k] / float64(size)
		}
	}
	checkVec(t, "Mean", tr.Mean, mean, handTol)
}

func TestHistory(t *testing.T) {
	t.Parallel()
	tr := smallTrainer("adam", 6, network.Config{Batch: 4, Seed: 8,
		Classify: true})
	tr.Test = smallTrainer("sgd", 3, network.Config{Seed: 9}).Train
	for e := 1; e <= 4; e++ {
		if err := tr.EpochStep(); err != nil {
			t.Fatal(err)
		}
		h := tr.History()
		if len(h) != e {
			t.Fatalf("History has %d epochs after %d", len(h), e)
		}
		// 6 samples in batches of 4: two updates an epoch
		if tr.Updates() != 2*e {
			t.Errorf("Updates() = %d after %d epochs, want %d",
				tr.Updates(), e, 2*e)
		}
		// An epoch's record is measured with the weights it ended with.
		last := h[e-1]
		loss, acc := tr.Evaluate(tr.Train)
		testLoss, testAcc := tr.Evaluate(tr.Test)
		got := []float64{last.TrainLoss, last.TrainAccuracy,
			last.TestLoss, last.TestAccuracy}
		checkBits(t, "epoch record", got,
			[]float64{loss, acc, testLoss, testAcc})
	}
	h := tr.History()
	if h[3].TrainLoss >= h[0].TrainLoss {
		t.Errorf("TrainLoss went from %v to %v: no learning",
			h[0].TrainLoss, h[3].TrainLoss)
	}
}

// snapshot is everything a run leaves that must repeat under a seed.
type snapshot struct {
	params  []float64
	history []float64
	order   []int
}

func TestDeterminism(t *testing.T) {
	t.Parallel()
	tests := []string{"sgd", "adam"}
	for _, opt := range tests {
		t.Run(opt, func(t *testing.T) {
			t.Parallel()
			cfg := network.Config{Batch: 2, Shuffle: true, Seed: 77,
				Classify: true}
			const epochs = 100
			a := train(t, smallTrainer(opt, 5, cfg), epochs)
			b := train(t, smallTrainer(opt, 5, cfg), epochs)
			checkBits(t, "params", b.params, a.params)
			checkBits(t, "history", b.history, a.history)
			if !slices.Equal(a.order, b.order) {
				t.Errorf("sample orders differ under one seed")
			}

			// Shuffling happened, and it follows the seed.
			identity := []int{0, 1, 2, 3, 4}
			shuffled := 0
			for e := range epochs {
				o := a.order[5*e : 5*e+5]
				if !slices.Equal(slices.Sorted(slices.Values(o)), identity) {
					t.Fatalf("epoch %d visits %v, not a permutation", e, o)
				}
				if !slices.Equal(o, identity) {
					shuffled++
				}
			}
			if shuffled < epochs/2 {
				t.Errorf("only %d of %d epochs shuffled", shuffled, epochs)
			}
			// The same network and data under another seed are visited
			// in another order.
			same := smallTrainer(opt, 5, cfg)
			cfg.Seed = 78
			other := train(t, network.NewTrainer(same.Net, same.Opt,
				same.Train, nil, cfg), 4)
			if slices.Equal(other.order, a.order[:len(other.order)]) {
				t.Errorf("seed 78 visits the samples as seed 77 does: %v",
					other.order)
			}
		})
	}
}

// train runs tr for epochs epochs, phase by phase, and records the sample
// order, the final parameters and the history.
func train(t *testing.T, tr *network.Trainer, epochs int) snapshot {
	t.Helper()
	var s snapshot
	for len(tr.History()) < epochs {
		step, err := tr.Next()
		if err != nil {
			t.Fatal(err)
		}
		if step == f0 {
			s.order = append(s.order, tr.SampleIndex())
		}
	}
	s.params = append(s.params, tr.Net.Params...)
	for _, e := range tr.History() {
		s.history = append(s.history, e.TrainLoss, e.TrainAccuracy)
	}
	return s
}

func TestReset(t *testing.T) {
	t.Parallel()
	for _, opt := range []string{"sgd", "adam"} {
		t.Run(opt, func(t *testing.T) {
			t.Parallel()
			tr := smallTrainer(opt, 5, network.Config{Batch: 2,
				Shuffle: true, Seed: 5, Classify: true})
			initial := append([]float64(nil), tr.Net.Params...)
			first := train(t, tr, 7)
			// stop in the middle of a sample, after an update
			if err := tr.UpdateStep(); err != nil {
				t.Fatal(err)
			}
			if _, err := tr.Next(); err != nil {
				t.Fatal(err)
			}

			tr.Reset()
			checkBits(t, "params after Reset", tr.Net.Params, initial)
			if len(tr.History()) != 0 || tr.Updates() != 0 ||
				tr.Epoch() != 0 || tr.Sample() != 0 || tr.Diverged() {
				t.Errorf("after Reset: %d epochs recorded, %d updates, "+
					"epoch %d, sample %d, diverged %v",
					len(tr.History()), tr.Updates(), tr.Epoch(), tr.Sample(),
					tr.Diverged())
			}
			if _, ok := tr.Last(); ok || tr.Peek() != f0 {
				t.Errorf("after Reset: Last ok = %v, Peek = %v, want "+
					"false, %v", ok, tr.Peek(), f0)
			}

			again := train(t, tr, 7)
			checkBits(t, "params on the rerun", again.params, first.params)
			checkBits(t, "history on the rerun", again.history, first.history)
			if !slices.Equal(again.order, first.order) {
				t.Errorf("rerun visits %v, first run %v",
					again.order, first.order)
			}
		})
	}
}

func TestDivergence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		hidden network.Activation
		eta    float64
		in     network.Step // the phase that finds a non-finite number
	}{
		// The weights grow, finite, until the loss overflows.
		{"linear η=1e6", network.Linear, 1e6, los},
		{"tanh η=1e6", network.Tanh, 1e6, los},
		// The first update overflows the weights themselves.
		{"linear η=1e308", network.Linear, 1e308, upd},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			net := network.New([]int{2, 3, 1},
				[]network.Activation{tt.hidden, network.Linear}, network.MSE)
			net.InitGlorot(rand.New(rand.NewPCG(1, 2)))
			train := data([][]float64{{1, 2}, {-1, 0.5}, {0.3, -2}},
				[][]float64{{1}, {-1}, {2}})
			tr := network.NewTrainer(net, &network.SGD{Eta: tt.eta}, train,
				nil, network.Config{Batch: 1})

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
			if !tr.Diverged() || !net.Finite() {
				t.Fatalf("Diverged() = %v, Finite() = %v after %v, "+
					"want true, true", tr.Diverged(), net.Finite(), step)
			}
			kept := append([]float64(nil), net.Params...)
			// The weights are rolled back to those before the last update,
			// whichever phase found the non-finite number.
			checkBits(t, fmt.Sprintf("params after diverging in %v", step),
				kept, tr.Trace().Before)

			// Nothing runs any more until a reset.
			for range 3 {
				s, err := tr.Next()
				if !errors.Is(err, network.ErrDiverged) ||
					s != (network.Step{}) {
					t.Errorf("Next after divergence = %v, %v", s, err)
				}
			}
			checkBits(t, "params after more Next", net.Params, kept)
			tr.Reset()
			if _, err := tr.Next(); err != nil || tr.Diverged() {
				t.Errorf("Next after Reset: %v, Diverged() = %v",
					err, tr.Diverged())
			}
		})
	}
}

func TestEvaluate(t *testing.T) {
	t.Parallel()
	// A linear network that outputs [x1] or [x1, x2, 0.5], so that every
	// prediction can be read off its input.
	one := func() *network.Network {
		n := network.New([]int{2, 1},
			[]network.Activation{network.Linear}, network.MSE)
		n.SetLayer(0, [][]float64{{1, 0}}, []float64{0})
		return n
	}
	three := func() *network.Network {
		n := network.New([]int{2, 3},
			[]network.Activation{network.Linear}, network.MSE)
		n.SetLayer(0, [][]float64{{1, 0}, {0, 1}, {0, 0}},
			[]float64{0, 0, 0.5})
		return n
	}

	tests := []struct {
		name     string
		net      func() *network.Network
		x, y     [][]float64
		classify bool
		loss     float64
		accuracy float64
	}{
		{
			// targets {0, 1}: class 1 from 0.5 up
			// outputs 0.2 0.7 0.4 0.9 → classes 0 1 0 1 against 0 1 1 0
			// L = (0.2² + 0.3² + 0.6² + 0.9²)/4 = (0.04+0.09+0.36+0.81)/4
			name: "one output, targets 0/1", net: one,
			x: [][]float64{{0.2, 9}, {0.7, 9}, {0.4, 9}, {0.9, 9}},
			y: [][]float64{{0}, {1}, {1}, {0}}, classify: true,
			loss: 0.325, accuracy: 0.5,
		},
		{
			// targets {−1, 1}: class 1 from 0 up
			// outputs 0.3 0.2 −0.4 0.1 → 1 1 0 1 against 1 1 0 0
			// L = (0.7² + 0.8² + 0.6² + 1.1²)/4 = (0.49+0.64+0.36+1.21)/4
			name: "one output, targets −1/1", net: one,
			x: [][]float64{{0.3, 0}, {0.2, 0}, {-0.4, 0}, {0.1, 0}},
			y: [][]float64{{1}, {1}, {-1}, {-1}}, classify: true,
			loss: 0.675, accuracy: 0.75,
		},
		{
			// outputs [0.9 0.1 0.5] [0.2 0.8 0.5] [0.1 0.2 0.5]
			// [0.6 0.7 0.5] [0.3 0.4 0.5] → classes 0 1 2 1 2
			// against 0 1 2 0 1
			// Σ(a−y)² per sample: 0.01+0.01+0.25, 0.04+0.04+0.25,
			// 0.01+0.04+0.25, 0.16+0.49+0.25, 0.09+0.36+0.25
			// L = (0.27+0.33+0.30+0.90+0.70)/3/5 = 2.5/15
			name: "three outputs", net: three,
			x: [][]float64{
				{0.9, 0.1}, {0.2, 0.8}, {0.1, 0.2}, {0.6, 0.7}, {0.3, 0.4}},
			y: [][]float64{
				{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}, {0, 1, 0}},
			classify: true, loss: 2.5 / 15, accuracy: 0.6,
		},
		{
			name: "regression", net: one,
			x:    [][]float64{{0.2, 9}, {0.7, 9}, {0.4, 9}, {0.9, 9}},
			y:    [][]float64{{0}, {1}, {1}, {0}},
			loss: 0.325, accuracy: math.NaN(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			d := data(tt.x, tt.y)
			tr := network.NewTrainer(tt.net(), &network.SGD{Eta: 1}, d, nil,
				network.Config{Classify: tt.classify})
			loss, acc := tr.Evaluate(d)
			if !near(loss, tt.loss, 0, handTol) {
				t.Errorf("loss = %.17g, want %v", loss, tt.loss)
			}
			if acc != tt.accuracy &&
				!(math.IsNaN(acc) && math.IsNaN(tt.accuracy)) {
				t.Errorf("accuracy = %v, want %v", acc, tt.accuracy)
			}
		})
	}
}
