package network

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
)

// The fast path: whole batches on batch-shaped matrices, one row per
// sample, multiplied with blas64. It computes what the phases compute,
// in a different order of summation, and keeps no per-sample trace.

// evalRows is the most rows evaluated at once; gonum's Dgemm stays on
// one goroutine (and allocates nothing) below 128.
const evalRows = 64

// batch holds the matrices of the fast path, sized for its largest batch.
type batch struct {
	rows    int
	x, y    []float64   // inputs and targets, row-major
	z, a, d [][]float64 // per layer: pre-activations, activations, deltas
	g       []float64   // ∂L/∂a of one row
}

func newBatch(n *Network, rows int) *batch {
	b := &batch{
		rows: rows,
		x:    make([]float64, rows*n.Inputs()),
		y:    make([]float64, rows*n.Outputs()),
		g:    make([]float64, n.Outputs()),
	}
	for _, l := range n.Layers {
		b.z = append(b.z, make([]float64, rows*l.Out))
		b.a = append(b.a, make([]float64, rows*l.Out))
		b.d = append(b.d, make([]float64, rows*l.Out))
	}
	return b
}

// general views data as an r × c row-major matrix.
func general(r, c int, data []float64) blas64.General {
	return blas64.General{Rows: r, Cols: c, Stride: c, Data: data[:r*c]}
}

// gather copies the rows of d named by idx into the batch.
func (b *batch) gather(d *Dataset, idx []int) {
	_, in := d.X.Dims()
	_, out := d.Y.Dims()
	for r, i := range idx {
		x, y := d.Sample(i)
		copy(b.x[r*in:(r+1)*in], x)
		copy(b.y[r*out:(r+1)*out], y)
	}
}

// forward computes Z = A·Wᵀ + b and A = f(Z) for m rows, layer by layer.
func (b *batch) forward(n *Network, m int) {
	in := general(m, n.Inputs(), b.x)
	for i := range n.Layers {
		l := &n.Layers[i]
		z := general(m, l.Out, b.z[i])
		blas64.Gemm(blas.NoTrans, blas.Trans, 1, in, l.W.RawMatrix(), 0, z)
		a := b.a[i]
		for r := range m {
			zr := z.Data[r*l.Out : (r+1)*l.Out]
			for j := range zr {
				zr[j] += l.B[j]
			}
		}
		l.apply(z.Data, a[:m*l.Out])
		in = general(m, l.Out, a)
	}
}

// trainBatch runs the rows idx of the training set through the forward
// pass, the loss, the backward pass and the update. The batch-mean
// gradient is left in the trace's Mean. It reports false, with the
// parameters from before the last update restored, if the loss is not a
// finite number.
func (t *Trainer) trainBatch(idx []int) bool {
	n, b, tr := t.Net, t.bat, &t.trace
	m := len(idx)
	b.gather(t.Train, idx)
	b.forward(n, m)

	// loss and output deltas, row by row
	last := len(n.Layers) - 1
	out := n.Outputs()
	var loss float64
	for r := range m {
		a := b.a[last][r*out : (r+1)*out]
		y := b.y[r*out : (r+1)*out]
		loss += n.Loss.Value(a, y)
		if t.cfg.Classify && t.predict(a) == t.predict(y) {
			t.epochRight++
		}
		n.outputDelta(b.z[last][r*out:(r+1)*out], a, y, b.g, b.d[last][r*out:(r+1)*out])
	}
	if !finite(loss) {
		t.rollback()
		return false
	}
	t.epochLoss += loss
	t.epochSeen += m

	// backward: ∂L/∂W = Δᵀ·A[ℓ−1] / m, ∂L/∂b = column means of Δ,
	// Δ[ℓ−1] = (Δ·W) ⊙ f'(Z[ℓ−1])
	inv := 1 / float64(m)
	for i := last; i >= 0; i-- {
		l := &n.Layers[i]
		d := general(m, l.Out, b.d[i])
		var in blas64.General
		if i == 0 {
			in = general(m, l.In, b.x)
		} else {
			in = general(m, l.In, b.a[i-1])
		}
		gw := general(l.Out, l.In, tr.Mean[l.Offset:])
		blas64.Gemm(blas.Trans, blas.NoTrans, inv, d, in, 0, gw)
		gb := tr.Mean[l.Offset+l.Out*l.In : l.Offset+l.Out*l.In+l.Out]
		clear(gb)
		for r := range m {
			for j, v := range d.Data[r*l.Out : (r+1)*l.Out] {
				gb[j] += v
			}
		}
		for j := range gb {
			gb[j] *= inv
		}
		if i > 0 {
			below := &n.Layers[i-1]
			prev := general(m, below.Out, b.d[i-1])
			blas64.Gemm(blas.NoTrans, blas.NoTrans, 1, d, l.W.RawMatrix(), 0, prev)
			below.scaleByDerivative(b.z[i-1][:m*below.Out], b.a[i-1][:m*below.Out], prev.Data)
		}
	}

	// update
	n.penalize(tr.Mean, t.cfg.L1, t.cfg.L2)
	copy(tr.Before, n.Params)
	t.Opt.Step(n.Params, tr.Mean)
	if !n.Finite() {
		copy(n.Params, tr.Before)
		t.diverged = true
		return false
	}
	t.updates++
	return true
}

// evaluate returns the summed loss and the number of correct predictions
// over d, evalRows rows at a time.
func (t *Trainer) evaluate(d *Dataset) (loss float64, right int) {
	n, b := t.Net, t.bat
	last, out := len(n.Layers)-1, n.Outputs()
	for start := 0; start < d.Len(); start += b.rows {
		m := min(b.rows, d.Len()-start)
		for r := range m {
			t.rowIdx[r] = start + r
		}
		b.gather(d, t.rowIdx[:m])
		b.forward(n, m)
		for r := range m {
			a := b.a[last][r*out : (r+1)*out]
			y := b.y[r*out : (r+1)*out]
			loss += n.Loss.Value(a, y)
			if t.cfg.Classify && t.predict(a) == t.predict(y) {
				right++
			}
		}
	}
	return loss, right
}

// traceRow fills the trace from row r of the last batch, which held
// sample i of the training set, as if its phases had run one by one.
func (t *Trainer) traceRow(r, i int) {
	n, b, tr := t.Net, t.bat, &t.trace
	tr.X, tr.Y = t.Train.Sample(i)
	for k := range n.Layers {
		l, lt := &n.Layers[k], &tr.Layers[k]
		copy(lt.Z, b.z[k][r*l.Out:(r+1)*l.Out])
		copy(lt.A, b.a[k][r*l.Out:(r+1)*l.Out])
		copy(lt.Delta, b.d[k][r*l.Out:(r+1)*l.Out])
		in := tr.X
		if k > 0 {
			in = tr.Layers[k-1].A
		}
		l.sampleGradient(lt, in)
	}
	last := tr.Layers[len(tr.Layers)-1]
	tr.Loss = n.Loss.Value(last.A, tr.Y)
	n.Loss.Gradient(tr.DLossDA, last.A, tr.Y)
	copy(tr.After, n.Params)
}
