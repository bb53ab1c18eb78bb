package network_test

import (
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
