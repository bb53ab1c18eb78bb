package network

import "math/rand/v2"

// Snapshot is a trainer's whole state at one moment: parameters, optimizer
// state, position in the epoch, the trace and the shuffling source. Taken
// with Trainer.Snapshot and put back with Trainer.Restore, it lets a
// viewer rewind training. Taking a snapshot into one taken before from the
// same trainer reuses its buffers and allocates nothing; both directions
// cost O(parameters + samples).
type Snapshot struct {
	params, before, after, mean, sum, grad []float64
	opt                                    State
	order                                  []int
	pcg                                    rand.PCG
	z, a, delta                            [][]float64
	dLossDA                                []float64
	x, y                                   []float64
	loss                                   float64
	batchSize                              int

	pos, stage, epoch, batchN, updates int
	epochLoss                          float64
	epochRight, epochSeen, done        int
	last                               Epoch
	diverged                           bool
}

// Epoch returns the index (from 0) of the epoch the snapshot was taken in.
func (s *Snapshot) Epoch() int { return s.epoch }

// Snapshot copies the trainer's state into s (which may be a zero value)
// and returns it.
func (t *Trainer) Snapshot(s *Snapshot) *Snapshot {
	if s == nil {
		s = &Snapshot{}
	}
	tr := &t.trace
	s.params = grow(s.params, t.Net.Params)
	s.before = grow(s.before, tr.Before)
	s.after = grow(s.after, tr.After)
	s.mean = grow(s.mean, tr.Mean)
	s.sum = grow(s.sum, t.sum)
	s.grad = grow(s.grad, t.grad)
	s.dLossDA = grow(s.dLossDA, tr.DLossDA)
	s.order = append(s.order[:0], t.order...)

	st := t.Opt.State()
	s.opt.Names = st.Names
	s.opt.Steps = st.Steps
	s.opt.Vectors = resize(s.opt.Vectors, len(st.Vectors))
	for i, v := range st.Vectors {
		s.opt.Vectors[i] = grow(s.opt.Vectors[i], v)
	}

	L := len(tr.Layers)
	s.z, s.a, s.delta = resize(s.z, L), resize(s.a, L), resize(s.delta, L)
	for i, lt := range tr.Layers {
		s.z[i] = grow(s.z[i], lt.Z)
		s.a[i] = grow(s.a[i], lt.A)
		s.delta[i] = grow(s.delta[i], lt.Delta)
	}

	s.pcg = *t.pcg
	s.x, s.y, s.loss, s.batchSize = tr.X, tr.Y, tr.Loss, tr.BatchSize
	s.pos, s.stage, s.epoch, s.batchN = t.pos, t.stage, t.epoch, t.batchN
	s.updates, s.diverged = t.updates, t.diverged
	s.epochLoss, s.epochRight, s.epochSeen = t.epochLoss, t.epochRight, t.epochSeen
	s.done, s.last = t.done, t.last
	return s
}

// Restore puts the trainer back into the state s holds. Epochs recorded
// after the snapshot are dropped from the history. Restore panics if s
// was taken from a trainer of another shape.
func (t *Trainer) Restore(s *Snapshot) {
	if len(s.params) != len(t.Net.Params) || len(s.order) != len(t.order) {
		panic("network: snapshot of another network or data set")
	}
	tr := &t.trace
	copy(t.Net.Params, s.params)
	copy(tr.Before, s.before)
	copy(tr.After, s.after)
	copy(tr.Mean, s.mean)
	copy(t.sum, s.sum)
	copy(t.grad, s.grad)
	copy(tr.DLossDA, s.dLossDA)
	copy(t.order, s.order)
	t.Opt.SetState(s.opt)
	for i := range tr.Layers {
		copy(tr.Layers[i].Z, s.z[i])
		copy(tr.Layers[i].A, s.a[i])
		copy(tr.Layers[i].Delta, s.delta[i])
	}
	*t.pcg = s.pcg
	tr.X, tr.Y, tr.Loss, tr.BatchSize = s.x, s.y, s.loss, s.batchSize
	t.pos, t.stage, t.epoch, t.batchN = s.pos, s.stage, s.epoch, s.batchN
	t.updates, t.diverged = s.updates, s.diverged
	t.epochLoss, t.epochRight, t.epochSeen = s.epochLoss, s.epochRight, s.epochSeen
	// keep the records of the epochs finished by then, at today's spacing
	t.done, t.last = s.done, s.last
	keep := (s.done + t.every - 1) / t.every
	t.history = t.history[:min(keep, len(t.history))]
}

// grow copies src into dst, reusing dst's storage when it is big enough.
func grow[T any](dst, src []T) []T {
	if cap(dst) < len(src) {
		dst = make([]T, len(src))
	}
	dst = dst[:len(src)]
	copy(dst, src)
	return dst
}

// resize returns v with length n, keeping its elements where it can.
func resize[T any](v []T, n int) []T {
	if cap(v) < n {
		v = append(v[:cap(v)], make([]T, n-cap(v))...)
	}
	return v[:n]
}
