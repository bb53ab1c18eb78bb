package ui

import "nnviz/network"

// rewindDepth is how many steps back the rewind key can go.
const rewindDepth = 256

// rewind keeps snapshots of the trainer taken before each step, newest
// last, in a ring whose buffers are reused, so that going back costs a
// copy and stepping on allocates nothing once the ring is full.
type rewind struct {
	snaps []*network.Snapshot
	top   int // snapshots held, newest at snaps[(first+top-1)%len]
	first int
}

func newRewind() *rewind {
	return &rewind{snaps: make([]*network.Snapshot, rewindDepth)}
}

// push records t's state, dropping the oldest when the ring is full.
func (r *rewind) push(t *network.Trainer) {
	i := (r.first + r.top) % len(r.snaps)
	if r.top == len(r.snaps) {
		r.first = (r.first + 1) % len(r.snaps)
	} else {
		r.top++
	}
	r.snaps[i] = t.Snapshot(r.snaps[i])
}

// pop puts t back to the newest snapshot and forgets it; it reports false
// when there is none.
func (r *rewind) pop(t *network.Trainer) bool {
	if r.top == 0 {
		return false
	}
	r.top--
	t.Restore(r.snaps[(r.first+r.top)%len(r.snaps)])
	return true
}

// clear forgets every snapshot but keeps their buffers.
func (r *rewind) clear() { r.top, r.first = 0, 0 }

// len returns how many steps back are held.
func (r *rewind) len() int { return r.top }
