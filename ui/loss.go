package ui

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/guptarohit/asciigraph"

	"nnviz/network"
)

// The loss panel: training (and test) loss per finished epoch.

// lossTitle summarizes the last epoch: "loss 0.231 · acc 0.75"; the
// epoch count is on the status line.
func lossTitle(e network.Epoch, ok bool) string {
	if !ok {
		return "loss"
	}
	s := "loss " + short(e.TrainLoss)
	if !math.IsNaN(e.TestLoss) {
		s += " · test " + short(e.TestLoss)
	}
	if !math.IsNaN(e.TestAccuracy) {
		s += fmt.Sprintf(" · test acc %.2f", e.TestAccuracy)
	} else if !math.IsNaN(e.TrainAccuracy) {
		s += fmt.Sprintf(" · acc %.2f", e.TrainAccuracy)
	}
	return s
}

// lossLines plots the history in w × h cells. asciigraph panics on an
// empty series and on +Inf, so only finite values reach it, and a history
// with none gets a sentence instead.
func lossLines(hist []network.Epoch, w, h int) []string {
	train := make([]float64, 0, len(hist))
	test := make([]float64, 0, len(hist))
	for _, e := range hist {
		if finite(e.TrainLoss) {
			train = append(train, e.TrainLoss)
		}
		if finite(e.TestLoss) {
			test = append(test, e.TestLoss)
		}
	}
	if len(train) == 0 {
		return []string{"", "No epoch yet:", "e runs one,", "p plays."}
	}
	if h < 3 || w < 20 {
		return []string{"  train loss " + short(train[len(train)-1])}
	}
	// a diverging loss would make labels hundreds of digits wide
	caption := "loss per epoch"
	if slices.Max(train) > 1e4 {
		caption = "log₁₀ loss per epoch"
		train, test = log10s(train), log10s(test)
	}
	series := [][]float64{train}
	opts := []asciigraph.Option{
		asciigraph.Height(h - 2), asciigraph.Width(max(1, w-10)),
		asciigraph.Precision(3),
		asciigraph.SeriesColors(asciigraph.DodgerBlue, asciigraph.DarkOrange),
	}
	if len(test) == len(train) {
		// the legend takes two more lines below the axis
		series = append(series, test)
		opts[0] = asciigraph.Height(max(1, h-3))
		opts = append(opts, asciigraph.SeriesLegends("train", "test"))
	} else {
		opts = append(opts, asciigraph.Caption(caption))
	}
	// the y labels take about 10 columns and the caption one line
	plot := asciigraph.PlotMany(series, opts...)
	return strings.Split(plot, "\n")
}

// log10s returns the base-10 logarithms of v, dropping those that are not
// finite (a loss of 0).
func log10s(v []float64) []float64 {
	out := make([]float64, 0, len(v))
	for _, x := range v {
		if l := math.Log10(x); finite(l) {
			out = append(out, l)
		}
	}
	return out
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
