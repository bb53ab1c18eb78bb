package network

// The stepping API: runs of phases up to a point a learner cares about.

// RunUntil runs phases until done reports true after one of them, and
// returns the first error. It always runs at least one phase.
func (t *Trainer) RunUntil(done func(Step) bool) error {
	for {
		s, err := t.Next()
		if err != nil {
			return err
		}
		if done(s) {
			return nil
		}
	}
}

// ForwardPass runs the rest of the current sample's forward pass, through
// the loss. If the sample's forward pass is already done, it runs the next
// sample's.
func (t *Trainer) ForwardPass() error {
	return t.RunUntil(func(s Step) bool { return s.Phase == LossCalc })
}

// BackwardPass runs phases until the backward pass reaches the first
// layer, running the forward pass first if it has not been.
func (t *Trainer) BackwardPass() error {
	return t.RunUntil(func(s Step) bool { return s == Step{Backward, 0} })
}

// UpdateStep runs phases until the next update has been made, stepping
// through the rest of the batch if needed.
func (t *Trainer) UpdateStep() error {
	return t.RunUntil(func(s Step) bool { return s.Phase == Update })
}

// SampleStep runs the rest of the current sample, or all of the next one
// if the current is finished.
func (t *Trainer) SampleStep() error {
	return t.RunUntil(func(Step) bool { return t.SampleDone() })
}

// EpochStep runs to the end of the current epoch: the batch in progress
// phase by phase, then whole batches on the fast path. The trace is left
// as if the epoch's last sample had been stepped through its phases.
func (t *Trainer) EpochStep() error {
	if t.diverged {
		return ErrDiverged
	}
	n := t.done
	for !(t.stage == 0 && t.batchN == 0) {
		if t.SampleDone() && t.updateDue() {
			t.advance()
			break
		}
		if _, err := t.Next(); err != nil {
			return err
		}
		if t.done > n {
			return nil
		}
	}

	N, B := len(t.order), t.cfg.Batch
	start := t.pos
	for ; start+B < N; start += B {
		if !t.trainBatch(t.order[start : start+B]) {
			t.pos, t.stage, t.batchN = start, 0, 0
			t.loadSample()
			return ErrDiverged
		}
	}
	if !t.trainBatch(t.order[start:]) {
		t.pos, t.stage, t.batchN = start, 0, 0
		t.loadSample()
		return ErrDiverged
	}

	// leave the position and the trace at the epoch's last sample
	t.pos = N - 1
	t.batchN = N - 1 - start
	t.stage = t.cycle()
	t.trace.BatchSize = N - start
	t.traceRow(N-1-start, t.order[N-1])
	if !t.finishEpoch() {
		return ErrDiverged
	}
	return nil
}
