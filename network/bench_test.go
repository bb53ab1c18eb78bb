package network_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"nnviz/network"
)

func BenchmarkSampleStep(b *testing.B) {
	tr := xorTrainer("sgd", network.Config{Batch: 1, Classify: true})
	for b.Loop() {
		if err := tr.SampleStep(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "samples/s")
}

func BenchmarkEpochXOR(b *testing.B) {
	tr := xorTrainer("sgd", network.Config{Batch: 1, Classify: true})
	for b.Loop() {
		if err := tr.EpochStep(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "epochs/s")
}

// spiral returns Playground's two spirals of n points without noise,
// labelled ±1 for a tanh output.
func spiral(n int) (x, y [][]float64) {
	for arm, label := range []float64{1, -1} {
		for i := range n / 2 {
			r := float64(i) / float64(n/2) * 5
			t := 1.75*float64(i)/float64(n/2)*2*math.Pi + float64(arm)*math.Pi
			x = append(x, []float64{r * math.Sin(t), r * math.Cos(t)})
			y = append(y, []float64{label})
		}
	}
	return x, y
}

// BenchmarkTrainSpiral is the work "spiral, 500 points, 2-8-8-1 tanh,
// MSE, SGD η 0.03, batch 10", one epoch (500 samples) per iteration, with
// the epoch's bookkeeping. Target: 1.5 M samples/s.
func BenchmarkTrainSpiral(b *testing.B) {
	x, y := spiral(500)
	n := network.New([]int{2, 8, 8, 1},
		[]network.Activation{network.Tanh, network.Tanh, network.Tanh}, network.MSE)
	n.InitGlorot(rand.New(rand.NewPCG(1, 2)))
	tr := network.NewTrainer(n, &network.SGD{Eta: 0.03}, data(x, y), nil,
		network.Config{Batch: 10, Shuffle: true, Seed: 1, Classify: true})
	for b.Loop() {
		if err := tr.EpochStep(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(x))/b.Elapsed().Seconds(), "samples/s")
}

// BenchmarkTrainDigits is the work "64-32-10 softmax, 1797 samples, batch
// 32" on random data of that shape (ReLU hidden layer, cross-entropy,
// SGD), one epoch per iteration. Target: 350 k samples/s.
func BenchmarkTrainDigits(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	x := make([][]float64, 1797)
	y := make([][]float64, len(x))
	for i := range x {
		x[i] = make([]float64, 64)
		for k := range x[i] {
			x[i][k] = rng.NormFloat64()
		}
		y[i] = make([]float64, 10)
		y[i][rng.IntN(10)] = 1
	}
	n := network.New([]int{64, 32, 10},
		[]network.Activation{network.ReLU, network.Softmax}, network.CCE)
	n.InitGlorot(rand.New(rand.NewPCG(1, 2)))
	tr := network.NewTrainer(n, &network.SGD{Eta: 0.05}, data(x, y), nil,
		network.Config{Batch: 32, Shuffle: true, Seed: 1, Classify: true})
	for b.Loop() {
		if err := tr.EpochStep(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(x))/b.Elapsed().Seconds(), "samples/s")
}
