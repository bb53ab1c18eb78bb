package network_test

import (
	"testing"

	"nnviz/network"
)

// TestSnapshotRestore takes a snapshot, trains on, restores it and trains
// on the same way again: the second run must repeat the first bit for bit,
// and the restored trainer must be the one the snapshot was taken of.
func TestSnapshotRestore(t *testing.T) {
	t.Parallel()
	points := []struct {
		name string
		// to brings a fresh trainer to the snapshot.
		to func(tr *network.Trainer) error
	}{
		{"at the start", func(*network.Trainer) error { return nil }},
		{"mid-epoch, mid-batch", func(tr *network.Trainer) error {
			return repeat(6, tr.SampleStep)
		}},
		{"mid-sample", func(tr *network.Trainer) error {
			if err := tr.EpochStep(); err != nil {
				return err
			}
			return repeat(17, next(tr))
		}},
		{"after some epochs", func(tr *network.Trainer) error {
			return repeat(3, tr.EpochStep)
		}},
	}
	// on trains on by every kind of step.
	on := func(tr *network.Trainer) error {
		for _, f := range []func() error{
			func() error { return repeat(5, next(tr)) },
			tr.EpochStep,
			func() error { return repeat(3, tr.SampleStep) },
			tr.UpdateStep,
			tr.BackwardPass,
			func() error { return repeat(2, tr.EpochStep) },
			func() error { return repeat(4, next(tr)) },
		} {
			if err := f(); err != nil {
				return err
			}
		}
		return nil
	}

	for _, s := range specs {
		for _, p := range points {
			t.Run(s.name+"/"+p.name, func(t *testing.T) {
				t.Parallel()
				tr := s.new(3)
				if err := p.to(tr); err != nil {
					t.Fatal(err)
				}
				at := capture(tr)
				snap := tr.Snapshot(nil)
				if snap.Epoch() != tr.Epoch() {
					t.Errorf("snapshot Epoch() = %d, want %d", snap.Epoch(),
						tr.Epoch())
				}

				if err := on(tr); err != nil {
					t.Fatal(err)
				}
				first := capture(tr)
				for run := 2; run <= 3; run++ {
					tr.Restore(snap)
					compareStates(t, "restored", capture(tr), at, 0)
					if err := on(tr); err != nil {
						t.Fatal(err)
					}
					compareStates(t, "trained on again", capture(tr), first, 0)
				}

				// A snapshot taken into an old one holds the new state.
				snap = tr.Snapshot(s.new(3).Snapshot(nil))
				now := capture(tr)
				if err := on(tr); err != nil {
					t.Fatal(err)
				}
				tr.Restore(snap)
				compareStates(t, "restored from a reused snapshot",
					capture(tr), now, 0)
			})
		}
	}
}

// repeat calls f n times, stopping at the first error.
func repeat(n int, f func() error) error {
	for range n {
		if err := f(); err != nil {
			return err
		}
	}
	return nil
}

// next returns tr.Next without its step.
func next(tr *network.Trainer) func() error {
	return func() error {
		_, err := tr.Next()
		return err
	}
}
