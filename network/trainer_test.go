package network_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
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

// TestHistory checks each epoch's record against a reference: the
// training loss and accuracy are means over the epoch's samples as they
// were trained on, recomputed here with the weights of each sample's
// forward pass; the test figures are measured with the weights the epoch
// ended with.
func TestHistory(t *testing.T) {
	t.Parallel()
	test := smallTrainer("sgd", 3, network.Config{Seed: 9}).Train
	cfg := network.Config{Batch: 4, Seed: 8, Classify: true}
	fast := smallTrainer("adam", 6, cfg)
	phases := smallTrainer("adam", 6, cfg)
	fast.Test, phases.Test = test, test
	ref := clone(phases.Net)
	s := ref.NewScratch()
	for e := 1; e <= 4; e++ {
		if err := fast.EpochStep(); err != nil {
			t.Fatal(err)
		}
		var loss float64
		right := 0
		for len(phases.History()) < e {
			step, err := phases.Next()
			if err != nil {
				t.Fatal(err)
			}
			if step != los {
				continue
			}
			// the weights have not changed since this sample's forward
			// pass; targets are 0 or 1, so class 1 is an output ≥ 0.5
			copy(ref.Params, phases.Net.Params)
			x, y := phases.Trace().X, phases.Trace().Y
			a := ref.Forward(x, s)
			loss += ref.Loss.Value(a, y)
			if (a[0] >= 0.5) == (y[0] == 1) {
				right++
			}
		}
		want := []float64{loss / 6, float64(right) / 6}

		for _, tr := range []*network.Trainer{fast, phases} {
			h := tr.History()
			if len(h) != e {
				t.Fatalf("History has %d epochs after %d", len(h), e)
			}
			// 6 samples in batches of 4: two updates an epoch
			if tr.Updates() != 2*e {
				t.Errorf("Updates() = %d after %d epochs, want %d",
					tr.Updates(), e, 2*e)
			}
			last := h[e-1]
			checkVec(t, "training loss and accuracy",
				[]float64{last.TrainLoss, last.TrainAccuracy}, want, handTol)
			testLoss, testAcc := tr.Evaluate(tr.Test)
			checkBits(t, "test loss and accuracy",
				[]float64{last.TestLoss, last.TestAccuracy},
				[]float64{testLoss, testAcc})
		}
	}
	h := fast.History()
	if h[3].TrainLoss >= h[0].TrainLoss {
		t.Errorf("TrainLoss went from %v to %v: no learning",
			h[0].TrainLoss, h[3].TrainLoss)
	}
}

// record is everything a run leaves that must repeat under a seed.
type record struct {
	params  []float64
	history []float64
	order   []int
}

// flatHistory lists every figure of h, epoch by epoch.
func flatHistory(h []network.Epoch) []float64 {
	var out []float64
	for _, e := range h {
		out = append(out, e.TrainLoss, e.TrainAccuracy, e.TestLoss,
			e.TestAccuracy)
	}
	return out
}

func TestDeterminism(t *testing.T) {
	t.Parallel()
	for _, opt := range network.OptimizerNames {
		t.Run(opt, func(t *testing.T) {
			t.Parallel()
			cfg := network.Config{Batch: 2, Shuffle: true, Seed: 77,
				Classify: true, L2: 0.001}
			const epochs = 100
			a := train(t, smallTrainer(opt, 5, cfg), epochs)
			b := train(t, smallTrainer(opt, 5, cfg), epochs)
			checkBits(t, "params", b.params, a.params)
			checkBits(t, "history", b.history, a.history)
			if !slices.Equal(a.order, b.order) {
				t.Errorf("sample orders differ under one seed")
			}

			// The same on the fast path.
			fa, fb := smallTrainer(opt, 5, cfg), smallTrainer(opt, 5, cfg)
			for range epochs {
				if err := errors.Join(fa.EpochStep(), fb.EpochStep()); err != nil {
					t.Fatal(err)
				}
			}
			checkBits(t, "fast path params", fb.Net.Params, fa.Net.Params)
			checkBits(t, "fast path history", flatHistory(fb.History()),
				flatHistory(fa.History()))

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
func train(t *testing.T, tr *network.Trainer, epochs int) record {
	t.Helper()
	var s record
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
	s.history = flatHistory(tr.History())
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

func TestCheckData(t *testing.T) {
	t.Parallel()
	net := func(out int, loss network.Loss) *network.Network {
		act := network.Sigmoid
		if out > 1 {
			act = network.Softmax
		}
		return network.New([]int{2, out}, []network.Activation{act}, loss)
	}
	x2 := [][]float64{{0, 1}, {1, 0}}
	tests := []struct {
		name string
		n    *network.Network
		d    *network.Dataset
		want string // "" for no error
	}{
		{"no data", net(1, network.BCE), &network.Dataset{}, ""},
		{"width", net(1, network.MSE),
			data([][]float64{{1, 2, 3}}, [][]float64{{1}}),
			"a 2→1 network cannot train on 3→1 data"},
		{"mse takes any target", net(1, network.MSE),
			data(x2, [][]float64{{-5}, {7}}), ""},
		{"bce in [0, 1]", net(1, network.BCE),
			data(x2, [][]float64{{0}, {0.25}}), ""},
		{"bce above 1", net(1, network.BCE),
			data(x2, [][]float64{{0}, {1.5}}),
			"target 1.5 of sample 2 is outside [0, 1], which bce needs"},
		{"bce NaN", net(1, network.BCE),
			data(x2, [][]float64{{math.NaN()}, {1}}),
			"target NaN of sample 1 is outside [0, 1]"},
		{"cce one-hot", net(2, network.CCE),
			data(x2, [][]float64{{0, 1}, {1, 0}}), ""},
		{"cce soft labels", net(2, network.CCE),
			data(x2, [][]float64{{0.3, 0.7}, {1, 0}}), ""},
		{"cce rows summing to 2", net(2, network.CCE),
			data(x2, [][]float64{{1, 1}, {1, 0}}),
			"targets of sample 1 sum to 2; cce needs one-hot rows"},
		{"cce negative", net(2, network.CCE),
			data(x2, [][]float64{{0, 1}, {-1, 2}}),
			"target -1 of sample 2 is outside [0, 1], which cce needs"},
	}
	for _, tt := range tests {
		err := network.CheckData(tt.n, tt.d)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v, want no error", tt.name, err)
		case tt.want != "" && (err == nil ||
			!strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: %v, want an error with %q", tt.name, err, tt.want)
		}
	}
}
