package scenarios_test

import (
	"errors"
	"math"
	"testing"

	"nnviz/network"
	"nnviz/scenarios"
)

// Every bundled lesson promises an outcome in its text; these tests hold
// each to it, training headless with the scenario's own settings.

func TestLessonOutcomes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s     scenarios.Scenario
		check func(e network.Epoch) bool
		want  string
	}{
		{scenarios.And(), func(e network.Epoch) bool { return e.TrainAccuracy == 1 },
			"training accuracy 1"},
		{scenarios.Or(), func(e network.Epoch) bool { return e.TrainAccuracy == 1 },
			"training accuracy 1"},
		{scenarios.Circle(), func(e network.Epoch) bool { return e.TestAccuracy >= 0.95 },
			"test accuracy ≥ 0.95"},
		{scenarios.XOR2D(), func(e network.Epoch) bool { return e.TestAccuracy >= 0.95 },
			"test accuracy ≥ 0.95"},
		{scenarios.Gauss(), func(e network.Epoch) bool { return e.TestAccuracy >= 0.99 },
			"test accuracy ≥ 0.99"},
		{scenarios.Spiral(), func(e network.Epoch) bool { return e.TrainAccuracy >= 0.95 },
			"training accuracy ≥ 0.95"},
		{scenarios.Plane(), func(e network.Epoch) bool { return e.TestLoss < 0.001 },
			"test loss < 0.001"},
		{scenarios.MultiGauss(), func(e network.Epoch) bool { return e.TestLoss < 0.02 },
			"test loss < 0.02"},
		// the noise of σ = 0.1 puts a floor of 0.01 under the loss
		{scenarios.Sine(), func(e network.Epoch) bool { return e.TestLoss < 0.02 },
			"test loss < 0.02"},
		{scenarios.Iris(), func(e network.Epoch) bool { return e.TestAccuracy >= 0.9 },
			"test accuracy ≥ 0.9"},
		{scenarios.Digits(), func(e network.Epoch) bool { return e.TestAccuracy >= 0.9 },
			"test accuracy ≥ 0.9"},
		{scenarios.Vanishing(), func(e network.Epoch) bool { return e.TrainLoss > 0.45 },
			"training loss still above 0.45"},
	}
	for _, tt := range tests {
		t.Run(tt.s.Name, func(t *testing.T) {
			t.Parallel()
			e := trainAll(t, tt.s)
			if !tt.check(e) {
				t.Errorf("want %s; last epoch %+v", tt.want, e)
			}
		})
	}
}

func TestDivergeDiverges(t *testing.T) {
	t.Parallel()
	s := scenarios.Diverge()
	tr, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	for range s.Epochs {
		if err = tr.EpochStep(); err != nil {
			break
		}
	}
	if !errors.Is(err, network.ErrDiverged) || !tr.Diverged() {
		t.Fatalf("after %d epochs: error %v, want divergence", s.Epochs, err)
	}
	if !tr.Net.Finite() {
		t.Error("the weights kept after the divergence are not finite")
	}
}

// TestZeroInitStaysAtLn2 checks the symmetry lesson exactly: with every
// parameter 0 and the whole table in one batch, every gradient is 0, so
// the loss is ln 2 at every epoch and no parameter moves.
func TestZeroInitStaysAtLn2(t *testing.T) {
	t.Parallel()
	s := scenarios.ZeroInit()
	tr, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	for i := range s.Epochs {
		if err := tr.EpochStep(); err != nil {
			t.Fatal(err)
		}
		e, _ := tr.LastEpoch()
		if math.Abs(e.TrainLoss-math.Ln2) > 1e-12 {
			t.Fatalf("epoch %d: loss %.15f, want ln 2", i+1, e.TrainLoss)
		}
	}
	for i, p := range tr.Net.Params {
		if p != 0 {
			t.Fatalf("parameter %d moved to %v", i, p)
		}
	}
}

// TestDeadReLUKillsNeurons counts hidden ReLUs whose z is at most 0 for
// every training point after training: they get no gradient any more.
func TestDeadReLUKillsNeurons(t *testing.T) {
	t.Parallel()
	tr := trained(t, scenarios.DeadReLU())
	n := tr.Net
	scratch := n.NewScratch()
	alive := make([]bool, n.Layers[0].Out)
	for i := range tr.Train.Len() {
		x, _ := tr.Train.Sample(i)
		n.Forward(x, scratch)
		for j, z := range scratch.Z[0] {
			alive[j] = alive[j] || z > 0
		}
	}
	dead := 0
	for _, a := range alive {
		if !a {
			dead++
		}
	}
	if dead < 2 {
		t.Errorf("%d of %d ReLUs dead after training, want at least 2", dead, len(alive))
	}
}

// TestVanishingGradients compares the mean |δ| of the first and the last
// hidden layer over the training set before any training.
func TestVanishingGradients(t *testing.T) {
	t.Parallel()
	s := scenarios.Vanishing()
	tr, err := s.Build()
	if err != nil {
		t.Fatal(err)
	}
	L := len(tr.Net.Layers)
	var first, last float64
	for range tr.Train.Len() {
		if err := tr.SampleStep(); err != nil {
			t.Fatal(err)
		}
		for _, d := range tr.Trace().Layers[0].Delta {
			first += math.Abs(d)
		}
		for _, d := range tr.Trace().Layers[L-2].Delta {
			last += math.Abs(d)
		}
	}
	if first*1000 > last {
		t.Errorf("mean |δ|: first hidden layer %g, last %g; want a ratio below 1/1000",
			first, last)
	}
}
