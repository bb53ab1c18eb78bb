package network

import "math"

// The rules of the backward pass shared by the phases and the fast path.

// outputDelta writes ∂L/∂a into g and the output layer's δ into delta for
// one sample: the error a − y where the activation and loss combine so
// (see DeltaIsError), the softmax Jacobian applied to g, or g ⊙ f'(z).
func (n *Network) outputDelta(z, a, y, g, delta []float64) {
	l := &n.Layers[len(n.Layers)-1]
	n.Loss.Gradient(g, a, y)
	switch {
	case DeltaIsError(l.Act, n.Loss):
		scale := 1.0
		if n.Loss == BCE {
			scale = 1 / float64(l.Out) // BCE averages over the outputs
		}
		for j := range delta {
			delta[j] = (a[j] - y[j]) * scale
		}
	case l.vec != nil:
		l.vec.BackLayer(a, g, delta)
	default:
		for j := range delta {
			delta[j] = g[j] * l.Act.Derivative(z[j], a[j])
		}
	}
}

// scaleByDerivative multiplies each d[k] by f'(z[k]); z, a and d may hold
// several rows of the layer.
func (l *Layer) scaleByDerivative(z, a, d []float64) {
	switch f := l.Act.(type) {
	case tanh:
		for k := range d {
			d[k] *= f.Derivative(z[k], a[k])
		}
	case sigmoid:
		for k := range d {
			d[k] *= f.Derivative(z[k], a[k])
		}
	default:
		for k := range d {
			d[k] *= l.Act.Derivative(z[k], a[k])
		}
	}
}

// sampleGradient writes one sample's ∂L/∂W = δ·inᵀ and ∂L/∂b = δ into the
// layer's trace.
func (l *Layer) sampleGradient(lt *LayerTrace, in []float64) {
	for j, d := range lt.Delta {
		row := lt.GradW.RawRowView(j)
		for k, a := range in {
			row[k] = d * a
		}
	}
	copy(lt.GradB, lt.Delta)
}

// penalize adds the gradients of the L1 and L2 penalties, λ1·sign(w) and
// 2·λ2·w, to grad for every weight; biases are left alone.
func (n *Network) penalize(grad []float64, l1, l2 float64) {
	if l1 == 0 && l2 == 0 {
		return
	}
	for _, l := range n.Layers {
		w := n.Params[l.Offset : l.Offset+l.Out*l.In]
		g := grad[l.Offset : l.Offset+l.Out*l.In]
		for k, v := range w {
			g[k] += 2*l2*v + l1*sign(v)
		}
	}
}

// Penalty returns λ1·Σ|w| + λ2·Σw² over every weight.
func (n *Network) Penalty(l1, l2 float64) float64 {
	var s float64
	for _, l := range n.Layers {
		for _, v := range n.Params[l.Offset : l.Offset+l.Out*l.In] {
			s += l1*math.Abs(v) + l2*v*v
		}
	}
	return s
}

func sign(v float64) float64 {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}
