package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/guptarohit/asciigraph"

	"nnviz/network"
	"nnviz/scenarios"
)

// result is what nnviz train --json prints. Numbers that do not apply, or
// that are not finite, are null.
type result struct {
	Scenario string `json:"scenario"`
	// Epochs counts the epochs finished, fewer than asked after a
	// divergence; Steps counts the updates.
	Epochs int `json:"epochs"`
	Steps  int `json:"steps"`
	// TrainLoss, TestLoss and Accuracy come from the last epoch whose
	// training loss is finite, or from the untrained network. Accuracy is
	// on the test set when there is one, else on the training set.
	TrainLoss *float64 `json:"train_loss"`
	TestLoss  *float64 `json:"test_loss"`
	Accuracy  *float64 `json:"accuracy"`
	Diverged  bool     `json:"diverged"`
	// Seconds is the time spent in training steps only.
	Seconds          float64 `json:"seconds"`
	SamplesPerSecond float64 `json:"samples_per_second"`
}

// train runs t for s.Epochs epochs or until it diverges, calling each (if
// not nil) after every finished epoch with its number, from 1.
func train(s scenarios.Scenario, t *network.Trainer,
	each func(i int, e network.Epoch)) result {
	// the untrained network stands in if no epoch finishes
	last := network.Epoch{TestLoss: math.NaN(), TestAccuracy: math.NaN()}
	last.TrainLoss, last.TrainAccuracy = t.Evaluate(t.Train)
	if t.Test.Len() > 0 {
		last.TestLoss, last.TestAccuracy = t.Evaluate(t.Test)
	}

	var elapsed time.Duration
	diverged := false
	for i := 1; i <= s.Epochs; i++ {
		start := time.Now()
		err := t.EpochStep()
		elapsed += time.Since(start)
		if err != nil {
			// EpochStep fails only by diverging
			diverged = true
			break
		}
		e, _ := t.LastEpoch()
		if finite(e.TrainLoss) {
			last = e
		}
		if each != nil {
			each(i, e)
		}
	}

	// samples processed: whole epochs, and the part of the last one
	// before the step that diverged
	n := t.Train.Len()
	samples := t.EpochsDone() * n
	if diverged {
		samples = t.Epoch()*n + t.Sample()
	}
	r := result{
		Scenario:  s.Name,
		Epochs:    t.EpochsDone(),
		Steps:     t.Updates(),
		TrainLoss: number(last.TrainLoss),
		Accuracy:  number(last.TrainAccuracy),
		Diverged:  diverged,
		Seconds:   elapsed.Seconds(),
	}
	if t.Test.Len() > 0 {
		r.TestLoss = number(last.TestLoss)
		r.Accuracy = number(last.TestAccuracy)
	}
	if r.Seconds > 0 {
		r.SamplesPerSecond = float64(samples) / r.Seconds
	}
	return r
}

// writeJSON prints r as one line of JSON.
func writeJSON(stdout, stderr io.Writer, r result) int {
	if err := json.NewEncoder(stdout).Encode(r); err != nil {
		fmt.Fprintf(stderr, "nnviz: %v\n", err)
		return exitFail
	}
	return exitOK
}

// progress prints Keras-style epoch lines, thinned so that a long run
// shows the first, the last and 10 to 20 in between.
type progress struct {
	w       io.Writer
	total   int
	every   int
	hasTest bool
	losses  []float64 // finite training losses, for the curve
	last    int       // last epoch printed
	pending string    // line of the last epoch, printed or not
}

// newProgress prints a line describing s and returns a progress for t.
func newProgress(w io.Writer, s scenarios.Scenario,
	t *network.Trainer) *progress {
	sizes := make([]string, 0, len(s.Hidden)+2)
	for _, n := range s.Sizes() {
		sizes = append(sizes, fmt.Sprint(n))
	}
	fmt.Fprintf(w, "%s: %s %s/%s, %s loss, %s η=%g, batch %d, seed %d\n",
		s.Name, strings.Join(sizes, "-"), s.Activation, s.Output, s.Loss,
		s.Optimizer, s.LearningRate, t.BatchSize(), s.Seed)
	return &progress{
		w: w, total: s.Epochs, every: printEvery(s.Epochs),
		hasTest: t.Test.Len() > 0,
	}
}

// printEvery returns the smallest round step (1, 2, 5, 10, 20, 50, …)
// that prints at most 20 of total epochs.
func printEvery(total int) int {
	for step := 1; ; step *= 10 {
		for _, k := range []int{1, 2, 5} {
			if total <= 20*k*step {
				return k * step
			}
		}
	}
}

// epoch records epoch i and prints it if it is due.
func (p *progress) epoch(i int, e network.Epoch) {
	if finite(e.TrainLoss) {
		p.losses = append(p.losses, e.TrainLoss)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Epoch %d/%d - loss: %s", i, p.total, metric(e.TrainLoss))
	if !math.IsNaN(e.TrainAccuracy) {
		fmt.Fprintf(&b, " - accuracy: %s", metric(e.TrainAccuracy))
	}
	if p.hasTest {
		fmt.Fprintf(&b, " - val_loss: %s", metric(e.TestLoss))
		if !math.IsNaN(e.TestAccuracy) {
			fmt.Fprintf(&b, " - val_accuracy: %s", metric(e.TestAccuracy))
		}
	}
	p.pending = b.String()
	if i == 1 || i == p.total || i%p.every == 0 {
		fmt.Fprintln(p.w, p.pending)
		p.last = i
	}
}

// finish reports a divergence, draws the loss curve and sums up r.
func (p *progress) finish(r result) {
	if r.Diverged {
		if r.Epochs > p.last {
			fmt.Fprintln(p.w, p.pending)
		}
		fmt.Fprintf(p.w, "Epoch %d/%d - %v\n",
			r.Epochs+1, p.total, network.ErrDiverged)
	}
	if curve := plotLosses(p.losses); curve != "" {
		fmt.Fprintf(p.w, "\n%s\n", curve)
	}
	took := time.Duration(r.Seconds * float64(time.Second))
	fmt.Fprintf(p.w, "\n%s, %s in %v (%.0f samples/s)\n",
		count(r.Epochs, "epoch"), count(r.Steps, "update"),
		took.Round(time.Microsecond), r.SamplesPerSecond)
}

// metric formats v as Keras does: 4 decimals, or 4 significant digits in
// e-notation when that would hide it (and when it is huge).
func metric(v float64) string {
	if a := math.Abs(v); a > 1e-3 && a < 1e5 {
		return fmt.Sprintf("%.4f", v)
	}
	return fmt.Sprintf("%.4e", v)
}

// plotLosses draws the curve of losses, or returns "" if none is finite.
// Losses that reach beyond 10⁴, as when training diverges, are drawn as
// log₁₀ so the axis labels stay short.
func plotLosses(losses []float64) string {
	caption := "loss per epoch"
	series := make([]float64, 0, len(losses))
	for _, v := range losses {
		if finite(v) {
			series = append(series, v)
		}
	}
	if len(series) > 0 && slices.Max(series) > 1e4 {
		caption = "log10(loss) per epoch"
		logs := series[:0]
		for _, v := range series {
			if l := math.Log10(v); finite(l) {
				logs = append(logs, l)
			}
		}
		series = logs
	}
	// asciigraph panics on an empty series
	if len(series) == 0 {
		return ""
	}
	return asciigraph.Plot(series, asciigraph.Height(10),
		asciigraph.Width(60), asciigraph.Caption(caption))
}

// number returns a pointer to v, or nil if v is not finite, so that JSON
// shows null.
func number(v float64) *float64 {
	if !finite(v) {
		return nil
	}
	return &v
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// count writes n and the noun, plural unless n is 1.
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
