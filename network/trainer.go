package network

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Phase names a part of one training step.
type Phase int

// The phases of a step, in the order they run for each sample; the update
// runs only after the last sample of a batch.
const (
	Forward  Phase = iota // z and a of one layer
	LossCalc              // the loss of the output
	Backward              // δ, ∂L/∂W and ∂L/∂b of one layer
	Update                // the optimizer changes every parameter
)

// Step is one phase, and for Forward and Backward the layer (from 0).
type Step struct {
	Phase Phase
	Layer int
}

// String describes s for a learner, counting layers from 1.
func (s Step) String() string {
	switch s.Phase {
	case Forward:
		return fmt.Sprintf("forward ▶ layer %d", s.Layer+1)
	case LossCalc:
		return "loss"
	case Backward:
		return fmt.Sprintf("backward ◀ layer %d", s.Layer+1)
	}
	return "update"
}

// ErrDiverged is returned once a step has produced a loss or a parameter
// that is not a finite number. The network is left with the parameters it
// had before the update that led there (Trace().Before), or its initial
// ones if no update had run.
var ErrDiverged = errors.New("training diverged: a loss or weight is no longer a finite number")

// LayerTrace is what the phases left for one layer and the current sample.
type LayerTrace struct {
	Z, A, Delta []float64
	// GradW and GradB are this sample's ∂L/∂W = δ·a[ℓ−1]ᵀ and ∂L/∂b = δ.
	GradW *mat.Dense
	GradB []float64
}

// Trace is everything the phases computed for the current sample and the
// last update, kept so that a viewer never recomputes a number.
type Trace struct {
	X, Y   []float64
	Layers []LayerTrace
	// Loss is L for the current sample; DLossDA is ∂L/∂a at the output.
	Loss    float64
	DLossDA []float64
	// Before and After are every parameter around the last update, and
	// Mean the batch-mean gradient it used, all ordered as Network.Params.
	Before, After, Mean []float64
	// BatchSize is the number of samples the last update averaged over.
	BatchSize int
}

// Epoch is the record of one finished epoch. As in Keras, the training
// loss and accuracy are means over the epoch's samples as they were
// trained on (the weights changing along the way); the test figures are
// measured with the weights the epoch ended with. Losses leave out the
// L1/L2 penalties.
type Epoch struct {
	TrainLoss, TrainAccuracy float64
	// TestLoss and TestAccuracy are NaN when there is no test set;
	// accuracies are NaN for regression.
	TestLoss, TestAccuracy float64
}

// Config says how a Trainer trains.
type Config struct {
	Batch int // samples per update; 0 or more than the set means the whole set
	// Shuffle reorders the training set at the start of every epoch,
	// from a source seeded with Seed.
	Shuffle bool
	Seed    uint64
	// Classify says whether accuracy is measured (classification) or not
	// (regression).
	Classify bool
	// L1 and L2 are the rates of the penalties λ1·Σ|w| and λ2·Σw² added to
	// the loss for every weight (never for biases).
	L1, L2 float64
	// ShuffleState, when set, is where the shuffling source stood (as
	// rand.PCG's MarshalBinary writes it) instead of at Seed: a saved
	// network carries it so that training goes on in the same order.
	ShuffleState []byte
}

// Trainer drives a network through its training phases one at a time.
// It owns the network's parameters while it runs.
type Trainer struct {
	Net         *Network
	Opt         Optimizer
	Train, Test *Dataset
	cfg         Config

	trace   Trace
	initial []float64 // parameters at construction, for Reset
	initOpt State     // optimizer state at construction, for Reset
	sum     []float64 // sum of sample gradients in the current batch
	grad    []float64 // this sample's gradient (GradW and GradB view it)
	bat     *batch    // the fast path's matrices
	rowIdx  []int     // row numbers for evaluate
	pcg     *rand.PCG
	rng     *rand.Rand
	cut     float64 // class boundary for a single output

	// running sums of the current epoch
	epochLoss             float64
	epochRight, epochSeen int

	order    []int // sample order of the current epoch
	pos      int   // index into order of the current sample
	stage    int   // phases done for the current sample
	epoch    int   // index of the current epoch, from 0
	batchN   int   // samples in the current batch so far
	updates  int
	history  []Epoch // every every-th epoch's record, from the first
	every    int
	done     int   // epochs finished
	last     Epoch // the latest epoch's record
	diverged bool
}

// NewTrainer returns a trainer positioned before the first phase of the
// first sample. It panics if the data do not fit the network or the
// training set is empty.
func NewTrainer(n *Network, opt Optimizer, train, test *Dataset, cfg Config) *Trainer {
	if train.Len() == 0 {
		panic("network: empty training set")
	}
	for _, d := range []*Dataset{train, test} {
		if d.Len() == 0 {
			continue
		}
		_, xc := d.X.Dims()
		_, yc := d.Y.Dims()
		if xc != n.Inputs() || yc != n.Outputs() {
			panic(fmt.Sprintf("network: data %d→%d for a %d→%d network",
				xc, yc, n.Inputs(), n.Outputs()))
		}
	}
	if cfg.ShuffleState != nil {
		if err := new(rand.PCG).UnmarshalBinary(cfg.ShuffleState); err != nil {
			panic("network: bad shuffle state: " + err.Error())
		}
	}
	if cfg.Batch <= 0 || cfg.Batch > train.Len() {
		cfg.Batch = train.Len()
	}
	p := len(n.Params)
	t := &Trainer{
		Net: n, Opt: opt, Train: train, Test: test, cfg: cfg,
		initial: append([]float64(nil), n.Params...),
		sum:     make([]float64, p),
		grad:    make([]float64, p),
		bat:     newBatch(n, max(cfg.Batch, evalRows)),
		rowIdx:  make([]int, max(cfg.Batch, evalRows)),
		order:   make([]int, train.Len()),
		pcg:     rand.NewPCG(cfg.Seed, 0x6e6e76697a),
	}
	t.rng = rand.New(t.pcg)
	st := opt.State()
	t.initOpt = State{Names: st.Names, Steps: st.Steps}
	for _, v := range st.Vectors {
		t.initOpt.Vectors = append(t.initOpt.Vectors, slices.Clone(v))
	}
	t.cut = boundary(train.Y)
	t.trace = Trace{
		DLossDA: make([]float64, n.Outputs()),
		Before:  make([]float64, p),
		After:   make([]float64, p),
		Mean:    make([]float64, p),
	}
	for _, l := range n.Layers {
		off := l.Offset
		t.trace.Layers = append(t.trace.Layers, LayerTrace{
			Z:     make([]float64, l.Out),
			A:     make([]float64, l.Out),
			Delta: make([]float64, l.Out),
			GradW: mat.NewDense(l.Out, l.In, t.grad[off:off+l.Out*l.In]),
			GradB: t.grad[off+l.Out*l.In : off+l.Out*l.In+l.Out],
		})
	}
	t.Reset()
	return t
}

// Reset puts back the parameters and optimizer state the trainer was made
// with, forgets all history, and returns to the first phase of the first
// epoch.
func (t *Trainer) Reset() {
	copy(t.Net.Params, t.initial)
	t.Opt.SetState(t.initOpt)
	t.pcg.Seed(t.cfg.Seed, 0x6e6e76697a)
	if t.cfg.ShuffleState != nil {
		// checked by NewTrainer
		_ = t.pcg.UnmarshalBinary(t.cfg.ShuffleState)
	}
	t.epoch, t.updates, t.diverged = 0, 0, false
	t.history = nil // callers may still hold the old one
	t.every, t.done = 1, 0
	t.startEpoch()
}

func (t *Trainer) startEpoch() {
	for i := range t.order {
		t.order[i] = i
	}
	if t.cfg.Shuffle {
		t.rng.Shuffle(len(t.order), func(i, j int) {
			t.order[i], t.order[j] = t.order[j], t.order[i]
		})
	}
	t.pos, t.stage, t.batchN = 0, 0, 0
	t.epochLoss, t.epochRight, t.epochSeen = 0, 0, 0
	clear(t.sum)
	t.loadSample()
}

func (t *Trainer) loadSample() {
	t.trace.X, t.trace.Y = t.Train.Sample(t.order[t.pos])
}

// Trace returns what the phases have computed so far. Values of phases not
// yet run for the current sample are left from earlier samples; use Done
// to tell which are current.
func (t *Trainer) Trace() *Trace { return &t.trace }

// History returns one record per finished epoch.
// Records are kept for every epoch until there are maxHistory of them;
// then every second is dropped and the spacing doubles, so that a run of
// millions of epochs keeps a curve of the same shape in bounded memory.
func (t *Trainer) History() []Epoch { return t.history }

// maxHistory is the most epoch records a trainer keeps.
const maxHistory = 1 << 15

// HistoryEvery returns the spacing of History's records in epochs: record
// k is of epoch k·HistoryEvery() (from 0).
func (t *Trainer) HistoryEvery() int { return t.every }

// EpochsDone returns the number of epochs finished since the last reset.
func (t *Trainer) EpochsDone() int { return t.done }

// LastEpoch returns the record of the latest finished epoch; ok is false
// before the first.
func (t *Trainer) LastEpoch() (e Epoch, ok bool) { return t.last, t.done > 0 }

// Epoch returns the index (from 0) of the epoch the current sample is in.
func (t *Trainer) Epoch() int { return t.epoch }

// Sample returns the position (from 0) of the current sample in its epoch.
func (t *Trainer) Sample() int { return t.pos }

// SampleIndex returns the row of the training set being stepped.
func (t *Trainer) SampleIndex() int { return t.order[t.pos] }

// BatchSize returns the number of samples per update.
func (t *Trainer) BatchSize() int { return t.cfg.Batch }

// Updates returns the number of updates made since the last reset.
func (t *Trainer) Updates() int { return t.updates }

// Diverged reports whether a step has produced a non-finite number.
func (t *Trainer) Diverged() bool { return t.diverged }

// updateDue reports whether the current sample closes a batch.
func (t *Trainer) updateDue() bool {
	return t.batchN+1 == t.cfg.Batch || t.pos == len(t.order)-1
}

// cycle returns the number of phases of the current sample.
func (t *Trainer) cycle() int {
	n := 2*len(t.Net.Layers) + 1
	if t.updateDue() {
		n++
	}
	return n
}

// stepAt returns the i-th phase of a sample's cycle.
func (t *Trainer) stepAt(i int) Step {
	L := len(t.Net.Layers)
	switch {
	case i < L:
		return Step{Forward, i}
	case i == L:
		return Step{Phase: LossCalc}
	case i <= 2*L:
		return Step{Backward, 2*L - i}
	}
	return Step{Phase: Update}
}

// Done reports whether step s has run for the current sample.
func (t *Trainer) Done(s Step) bool {
	for i := range t.stage {
		if t.stepAt(i) == s {
			return true
		}
	}
	return false
}

// Last returns the phase that ran most recently for the current sample;
// ok is false before the first phase of a sample.
func (t *Trainer) Last() (s Step, ok bool) {
	if t.stage == 0 {
		return Step{}, false
	}
	return t.stepAt(t.stage - 1), true
}

// Peek returns the phase that Next will run.
func (t *Trainer) Peek() Step {
	if t.stage == t.cycle() {
		return Step{Forward, 0}
	}
	return t.stepAt(t.stage)
}

// SampleDone reports whether every phase of the current sample has run.
func (t *Trainer) SampleDone() bool { return t.stage == t.cycle() }

// Next runs one phase and returns it. After a divergence it runs nothing
// and returns ErrDiverged.
func (t *Trainer) Next() (Step, error) {
	if t.diverged {
		return Step{}, ErrDiverged
	}
	if t.stage == t.cycle() {
		t.advance()
	}
	s := t.stepAt(t.stage)
	switch s.Phase {
	case Forward:
		t.forward(s.Layer)
	case LossCalc:
		tr := &t.trace
		out := tr.Layers[len(tr.Layers)-1].A
		tr.Loss = t.Net.Loss.Value(out, tr.Y)
		if !finite(tr.Loss) {
			t.rollback()
			return s, ErrDiverged
		}
		t.epochLoss += tr.Loss
		t.epochSeen++
		if t.cfg.Classify && t.predict(out) == t.predict(tr.Y) {
			t.epochRight++
		}
	case Backward:
		t.backward(s.Layer)
	case Update:
		if !t.update() {
			return s, ErrDiverged
		}
	}
	t.stage++
	if t.stage == t.cycle() && t.pos == len(t.order)-1 && !t.finishEpoch() {
		return s, ErrDiverged
	}
	return s, nil
}

// advance moves to the next sample, and to a new epoch after the last.
func (t *Trainer) advance() {
	if t.pos == len(t.order)-1 {
		t.epoch++
		t.startEpoch()
		return
	}
	if t.updateDue() {
		t.batchN = 0
	} else {
		t.batchN++
	}
	t.pos++
	t.stage = 0
	t.loadSample()
}

func (t *Trainer) forward(i int) {
	in := t.trace.X
	if i > 0 {
		in = t.trace.Layers[i-1].A
	}
	lt := &t.trace.Layers[i]
	t.Net.forwardLayer(i, in, lt.Z, lt.A)
}

func (t *Trainer) backward(i int) {
	n, tr := t.Net, &t.trace
	l, lt := &n.Layers[i], &tr.Layers[i]

	// δ
	if i == len(n.Layers)-1 {
		n.outputDelta(lt.Z, lt.A, tr.Y, tr.DLossDA, lt.Delta)
	} else {
		up, upt := &n.Layers[i+1], &tr.Layers[i+1]
		blas64.Gemv(blas.Trans, 1, up.W.RawMatrix(),
			blas64.Vector{N: up.Out, Data: upt.Delta, Inc: 1},
			0, blas64.Vector{N: l.Out, Data: lt.Delta, Inc: 1})
		l.scaleByDerivative(lt.Z, lt.A, lt.Delta)
	}

	// ∂L/∂W = δ·a[ℓ−1]ᵀ, ∂L/∂b = δ, added to the batch's sum
	in := tr.X
	if i > 0 {
		in = tr.Layers[i-1].A
	}
	l.sampleGradient(lt, in)
	seg := t.grad[l.Offset : l.Offset+l.Out*l.In+l.Out]
	sum := t.sum[l.Offset : l.Offset+len(seg)]
	for k, g := range seg {
		sum[k] += g
	}
}

// rollback marks the trainer diverged and puts back the parameters from
// before the last update, which led to a non-finite number.
func (t *Trainer) rollback() {
	if t.updates > 0 {
		copy(t.Net.Params, t.trace.Before)
	}
	t.diverged = true
}

// update applies the optimizer to the batch-mean gradient. It reports
// false, restoring the earlier parameters, if any became non-finite.
func (t *Trainer) update() bool {
	tr := &t.trace
	tr.BatchSize = t.batchN + 1
	inv := 1 / float64(tr.BatchSize)
	for k, s := range t.sum {
		tr.Mean[k] = s * inv
	}
	clear(t.sum)
	t.Net.penalize(tr.Mean, t.cfg.L1, t.cfg.L2)
	copy(tr.Before, t.Net.Params)
	t.Opt.Step(t.Net.Params, tr.Mean)
	copy(tr.After, t.Net.Params)
	if !t.Net.Finite() {
		copy(t.Net.Params, tr.Before)
		t.diverged = true
		return false
	}
	t.updates++
	return true
}

// finishEpoch records the epoch. It reports false, rolling back the last
// update, if the weights it ended with give a test loss that is not a
// finite number: they diverged on data they were not trained on.
func (t *Trainer) finishEpoch() bool {
	seen := float64(t.epochSeen)
	e := Epoch{TrainLoss: t.epochLoss / seen, TrainAccuracy: math.NaN(),
		TestLoss: math.NaN(), TestAccuracy: math.NaN()}
	if t.cfg.Classify {
		e.TrainAccuracy = float64(t.epochRight) / seen
	}
	if t.Test.Len() > 0 {
		e.TestLoss, e.TestAccuracy = t.Evaluate(t.Test)
		if !finite(e.TestLoss) {
			t.rollback()
			return false
		}
	}
	if t.done%t.every == 0 {
		t.history = append(t.history, e)
		if len(t.history) == maxHistory {
			for i := range maxHistory / 2 {
				t.history[i] = t.history[2*i]
			}
			t.history = t.history[:maxHistory/2]
			t.every *= 2
		}
	}
	t.done++
	t.last = e
	return true
}

// Evaluate returns the mean loss over d with the current parameters, and
// the fraction of samples classified correctly (NaN for regression). A
// single output counts as class 1 when it is nearer the larger of the two
// training target values; several outputs are read by their largest value.
func (t *Trainer) Evaluate(d *Dataset) (loss, accuracy float64) {
	sum, right := t.evaluate(d)
	n := float64(d.Len())
	if !t.cfg.Classify {
		return sum / n, math.NaN()
	}
	return sum / n, float64(right) / n
}

// boundary returns the midpoint of the smallest and largest target: 0.5
// for targets in {0, 1}, 0 for targets in {−1, 1}.
func boundary(y *mat.Dense) float64 {
	return (mat.Min(y) + mat.Max(y)) / 2
}

// predict reads a class from an output or a target row.
func (t *Trainer) predict(v []float64) int {
	if len(v) == 1 {
		if v[0] >= t.cut {
			return 1
		}
		return 0
	}
	best := 0
	for k := range v {
		if v[k] > v[best] {
			best = k
		}
	}
	return best
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
