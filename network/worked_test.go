package network_test

import (
	"math"
	"testing"

	"nnviz/network"
)

// The article's worked example: a 2-3-1 ReLU network, MSE in Keras' form
// L = (a−y)², SGD with η = 0.1, one sample x = [1, 0], y = [1].
var (
	workedW1 = [][]float64{{0.5, -0.3}, {-0.4, 0.8}, {0.2, 0.6}}
	workedB1 = []float64{0.1, 0.1, 0.1}
	workedW2 = [][]float64{{0.7, -0.5, 0.4}}
	workedB2 = []float64{0.2}
)

// workedParams is the example's parameter vector before the update, in
// Params order: W1 row by row, b1, W2, b2.
var workedParams = []float64{
	0.5, -0.3, -0.4, 0.8, 0.2, 0.6, // W1
	0.1, 0.1, 0.1, // b1
	0.7, -0.5, 0.4, // W2
	0.2, // b2
}

// workedGrad is ∂L/∂w for every parameter, in Params order:
//
//	∂L/∂W1 = δ1·xᵀ, x = [1, 0]: rows [−0.364, 0], [0, 0], [−0.208, 0]
//	∂L/∂b1 = δ1 = [−0.364, 0, −0.208]
//	∂L/∂W2 = δ2·a1ᵀ = −0.52·[0.6, 0, 0.3] = [−0.312, 0, −0.156]
//	∂L/∂b2 = δ2 = −0.52
var workedGrad = []float64{
	-0.364, 0, 0, 0, -0.208, 0,
	-0.364, 0, -0.208,
	-0.312, 0, -0.156,
	-0.52,
}

// workedAfter is w − η·∂L/∂w with η = 0.1:
//
//	W1[1,1] = 0.5 + 0.0364 = 0.5364    W1[3,1] = 0.2 + 0.0208 = 0.2208
//	b1 = [0.1 + 0.0364, 0.1, 0.1 + 0.0208] = [0.1364, 0.1, 0.1208]
//	W2 = [0.7 + 0.0312, −0.5, 0.4 + 0.0156] = [0.7312, −0.5, 0.4156]
//	b2 = 0.2 + 0.052 = 0.252
//
// Nothing fed by x2 = 0 or by the dead neuron h2 moves.
var workedAfter = []float64{
	0.5364, -0.3, -0.4, 0.8, 0.2208, 0.6,
	0.1364, 0.1, 0.1208,
	0.7312, -0.5, 0.4156,
	0.252,
}

func workedTrainer(t *testing.T) *network.Trainer {
	t.Helper()
	n := network.New([]int{2, 3, 1},
		[]network.Activation{network.ReLU, network.ReLU}, network.MSE)
	n.SetLayer(0, workedW1, workedB1)
	n.SetLayer(1, workedW2, workedB2)
	checkBits(t, "Params after SetLayer", n.Params, workedParams)
	train := data([][]float64{{1, 0}}, [][]float64{{1}})
	return network.NewTrainer(n, &network.SGD{Eta: 0.1}, train, nil,
		network.Config{Batch: 1})
}

func TestWorkedExample(t *testing.T) {
	t.Parallel()
	tr := workedTrainer(t)
	trace := tr.Trace()
	layer := func(i int) network.LayerTrace { return trace.Layers[i] }

	phases := []struct {
		want  network.Step
		check func(t *testing.T)
	}{
		{network.Step{Phase: network.Forward, Layer: 0}, func(t *testing.T) {
			// z1 = W1·x + b1 = [0.5+0.1, −0.4+0.1, 0.2+0.1]
			checkVec(t, "z1", layer(0).Z, []float64{0.6, -0.3, 0.3}, handTol)
			// a1 = relu(z1): h2 is dead
			checkVec(t, "a1", layer(0).A, []float64{0.6, 0, 0.3}, handTol)
		}},
		{network.Step{Phase: network.Forward, Layer: 1}, func(t *testing.T) {
			// z2 = 0.7·0.6 − 0.5·0 + 0.4·0.3 + 0.2 = 0.42 + 0.12 + 0.2
			checkVec(t, "z2", layer(1).Z, []float64{0.74}, handTol)
			checkVec(t, "a2", layer(1).A, []float64{0.74}, handTol)
		}},
		{network.Step{Phase: network.LossCalc}, func(t *testing.T) {
			// L = (0.74 − 1)² = 0.26²
			checkVec(t, "L", []float64{trace.Loss}, []float64{0.0676}, handTol)
		}},
		{network.Step{Phase: network.Backward, Layer: 1}, func(t *testing.T) {
			// ∂L/∂a = 2·(0.74 − 1) = −0.52
			checkVec(t, "∂L/∂a", trace.DLossDA, []float64{-0.52}, handTol)
			// δ2 = ∂L/∂a · relu'(0.74) = −0.52 · 1
			checkVec(t, "δ2", layer(1).Delta, []float64{-0.52}, handTol)
			checkVec(t, "∂L/∂W2", layer(1).GradW.RawRowView(0),
				[]float64{-0.312, 0, -0.156}, handTol)
			checkVec(t, "∂L/∂b2", layer(1).GradB, []float64{-0.52}, handTol)
		}},
		{network.Step{Phase: network.Backward, Layer: 0}, func(t *testing.T) {
			// δ1 = W2ᵀ·δ2 ⊙ relu'(z1)
			//    = [0.7, −0.5, 0.4]·(−0.52) ⊙ [1, 0, 1]
			//    = [−0.364, 0, −0.208]
			checkVec(t, "δ1", layer(0).Delta,
				[]float64{-0.364, 0, -0.208}, handTol)
			checkVec(t, "∂L/∂W1", flatGrad(tr.Net, trace)[:6],
				workedGrad[:6], handTol)
			checkVec(t, "∂L/∂b1", layer(0).GradB, workedGrad[6:9], handTol)
			checkVec(t, "all ∂L/∂w", flatGrad(tr.Net, trace), workedGrad,
				handTol)
		}},
		{network.Step{Phase: network.Update}, func(t *testing.T) {
			if trace.BatchSize != 1 {
				t.Errorf("BatchSize = %d, want 1", trace.BatchSize)
			}
			checkBits(t, "Before", trace.Before, workedParams)
			checkVec(t, "Mean", trace.Mean, workedGrad, handTol)
			checkVec(t, "After", trace.After, workedAfter, handTol)
			checkVec(t, "Params", tr.Net.Params, workedAfter, handTol)
		}},
	}

	for i, p := range phases {
		if got := tr.Peek(); got != p.want {
			t.Fatalf("phase %d: Peek = %v, want %v", i, got, p.want)
		}
		got, err := tr.Next()
		if err != nil {
			t.Fatalf("phase %d (%v): %v", i, p.want, err)
		}
		if got != p.want {
			t.Fatalf("phase %d: Next ran %v, want %v", i, got, p.want)
		}
		if last, ok := tr.Last(); !ok || last != p.want {
			t.Errorf("phase %d: Last = %v, %v, want %v", i, last, ok, p.want)
		}
		if !tr.Done(p.want) {
			t.Errorf("phase %d: Done(%v) = false", i, p.want)
		}
		if p.want.Phase != network.Update {
			checkBits(t, "Params before the update", tr.Net.Params,
				workedParams)
		}
		p.check(t)
	}
	if !tr.SampleDone() {
		t.Error("SampleDone = false after the update")
	}

	// The only sample closes the epoch. Its training loss is the mean of
	// the losses of its samples as they were trained on, here the one
	// loss computed before the update.
	h := tr.History()
	if len(h) != 1 {
		t.Fatalf("History has %d epochs, want 1", len(h))
	}
	if !near(h[0].TrainLoss, 0.0676, 0, handTol) {
		t.Errorf("TrainLoss = %.17g, want 0.0676", h[0].TrainLoss)
	}
	// With the new weights
	//   z1 = [0.5364+0.1364, −0.3, 0.2208+0.1208] = [0.6728, −0.3, 0.3416]
	//   z2 = 0.7312·0.6728 + 0.4156·0.3416 + 0.252
	//      = 0.49195136 + 0.14196896 + 0.252 = 0.88592032
	//   L  = (0.88592032 − 1)² = 0.0130141733889024
	if loss, _ := tr.Evaluate(tr.Train); !near(loss, 0.0130141733889024, 0,
		handTol) {
		t.Errorf("loss after the epoch = %.17g, want 0.0130141733889024",
			loss)
	}
	for name, v := range map[string]float64{
		"TrainAccuracy": h[0].TrainAccuracy,
		"TestLoss":      h[0].TestLoss,
		"TestAccuracy":  h[0].TestAccuracy,
	} {
		if !math.IsNaN(v) {
			t.Errorf("%s = %v, want NaN (regression, no test set)", name, v)
		}
	}
}

// The worked example's first update with Adam (η = 0.01) instead of SGD.
// At t = 1, m = 0.1·g, v = 0.001·g² and α = η·√0.001/0.1, so
//
//	Δw = α·m/(√v + ε) = η·g/(|g| + ε/√0.001),  ε/√0.001 = 3.1622776601683793e-6
//
// a step of almost exactly η against the sign of every nonzero gradient.
func TestWorkedExampleAdam(t *testing.T) {
	t.Parallel()
	tr := workedTrainer(t)
	tr.Opt = network.NewAdam(0.01, len(tr.Net.Params))
	if err := tr.UpdateStep(); err != nil {
		t.Fatal(err)
	}
	want := []float64{
		// 0.5 + 0.01·0.364/(0.364 + 3.1622776601683793e-6)
		0.50999991312499483847, -0.3, -0.4, 0.8,
		// 0.2 + 0.01·0.208/(0.208 + 3.1622776601683793e-6)
		0.20999984796973153960, 0.6,
		0.10999991312499483847, 0.1, 0.10999984796973153960,
		// 0.7 + 0.01·0.312/(0.312 + …), 0.4 + 0.01·0.156/(0.156 + …)
		0.70999989864597406374, -0.5, 0.40999979729400263438,
		// 0.2 + 0.01·0.52/(0.52 + 3.1622776601683793e-6)
		0.20999993918733789392,
	}
	checkVec(t, "Adam step", tr.Net.Params, want, optTol)
}

func TestStepString(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s    network.Step
		want string
	}{
		{network.Step{Phase: network.Forward, Layer: 0}, "forward ▶ layer 1"},
		{network.Step{Phase: network.LossCalc}, "loss"},
		{network.Step{Phase: network.Backward, Layer: 1}, "backward ◀ layer 2"},
		{network.Step{Phase: network.Update}, "update"},
	}
	for _, tt := range tests {
		if got := tt.s.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.s, got, tt.want)
		}
	}
}
