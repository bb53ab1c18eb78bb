package ui

import (
	"testing"

	"nnviz/scenarios"
)

// BenchmarkView renders a whole 120×40 frame of xor mid-training, loss
// curve and surface included. A 60 Hz frame has 16.7 ms.
func BenchmarkView(b *testing.B) {
	m := sized(New(scenarios.All(), 0), 120, 40)
	m = press(m, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeefb")
	b.ReportAllocs()
	for b.Loop() {
		_ = m.View()
	}
}
