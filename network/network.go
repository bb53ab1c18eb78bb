package network

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas64"
	"gonum.org/v1/gonum/mat"
)

// Layer is one dense layer: Out neurons, each fed by all In outputs of the
// layer before it.
type Layer struct {
	In, Out int
	Act     Activation
	// W (Out × In) and B (Out) are views into the network's parameter
	// vector: writing through them changes the network.
	W *mat.Dense
	B []float64
	// Offset is where W starts in the parameter vector; B follows W.
	Offset int
	// vec is Act as a LayerActivation (softmax), or nil.
	vec LayerActivation
}

// apply computes a = f(z) for the whole layer, or for several rows of it.
// The common activations are called directly rather than through the
// interface, which lets the compiler inline them on the hot path.
func (l *Layer) apply(z, a []float64) {
	switch f := l.Act.(type) {
	case tanh:
		for j, zj := range z {
			a[j] = f.Apply(zj)
		}
	case sigmoid:
		for j, zj := range z {
			a[j] = f.Apply(zj)
		}
	case relu:
		for j, zj := range z {
			a[j] = f.Apply(zj)
		}
	default:
		if l.vec != nil {
			for r := 0; r < len(z); r += l.Out {
				l.vec.ApplyLayer(z[r:r+l.Out], a[r:r+l.Out])
			}
			return
		}
		for j, zj := range z {
			a[j] = l.Act.Apply(zj)
		}
	}
}

// Network is a dense multilayer perceptron. All its parameters live in one
// vector, layer by layer, each layer's weights row by row and then its
// biases, so that copying, restoring or updating them is one loop.
type Network struct {
	Sizes  []int
	Layers []Layer
	Loss   Loss
	Params []float64
}

// New returns a network with the given layer sizes (input first), one
// activation per non-input layer, and a loss. All parameters are zero.
// New panics if there are fewer than two sizes, a size is below 1, the
// number of activations is not len(sizes)−1, or a hidden layer has a
// LayerActivation such as softmax.
func New(sizes []int, acts []Activation, loss Loss) *Network {
	if len(sizes) < 2 {
		panic("network: need at least an input and an output layer")
	}
	if len(acts) != len(sizes)-1 {
		panic(fmt.Sprintf("network: %d activations for %d layers",
			len(acts), len(sizes)-1))
	}
	total := 0
	for i, s := range sizes {
		if s < 1 {
			panic(fmt.Sprintf("network: layer %d has size %d", i, s))
		}
		if i > 0 {
			total += sizes[i-1]*s + s
		}
	}
	n := &Network{
		Sizes:  append([]int(nil), sizes...),
		Loss:   loss,
		Params: make([]float64, total),
	}
	off := 0
	for i, act := range acts {
		in, out := sizes[i], sizes[i+1]
		vec, _ := act.(LayerActivation)
		if vec != nil && i < len(acts)-1 {
			panic("network: " + act.Name() + " is only for the output layer")
		}
		n.Layers = append(n.Layers, Layer{
			In: in, Out: out, Act: act,
			W:      mat.NewDense(out, in, n.Params[off:off+out*in]),
			B:      n.Params[off+out*in : off+out*in+out],
			Offset: off,
			vec:    vec,
		})
		off += out*in + out
	}
	return n
}

// Inputs returns the number of inputs.
func (n *Network) Inputs() int { return n.Sizes[0] }

// Outputs returns the number of outputs.
func (n *Network) Outputs() int { return n.Sizes[len(n.Sizes)-1] }

// Initializers lists the accepted names of weight initializations.
var Initializers = []string{"glorot", "he", "uniform", "zeros"}

// Initialize fills every weight matrix and sets every bias to zero. The
// kinds are "glorot" (Glorot/Xavier uniform, U(±√(6/(in+out))), Keras'
// default), "he" (He uniform, U(±√(6/in)), suited to ReLU), "uniform"
// (U(±r)) and "zeros" (every weight 0, which never breaks the symmetry
// between the neurons of a layer). Random draws come from rng. The error
// names an unknown kind.
func (n *Network) Initialize(kind string, r float64, rng *rand.Rand) error {
	for _, l := range n.Layers {
		var limit float64
		switch kind {
		case "glorot":
			limit = math.Sqrt(6 / float64(l.In+l.Out))
		case "he":
			limit = math.Sqrt(6 / float64(l.In))
		case "uniform":
			limit = r
		case "zeros":
		default:
			return fmt.Errorf("unknown initialization %q (accepted: %s)",
				kind, strings.Join(Initializers, ", "))
		}
		w := n.Params[l.Offset : l.Offset+l.In*l.Out]
		for i := range w {
			w[i] = 0
			if limit != 0 {
				w[i] = (2*rng.Float64() - 1) * limit
			}
		}
		clear(l.B)
	}
	return nil
}

// InitGlorot is Initialize("glorot", 0, rng): Keras' default.
func (n *Network) InitGlorot(rng *rand.Rand) {
	_ = n.Initialize("glorot", 0, rng) // a known kind cannot fail
}

// SetLayer gives layer i (counted from 0) explicit weights, one row per
// neuron, and biases. It panics if the shapes do not match the layer.
func (n *Network) SetLayer(i int, w [][]float64, b []float64) {
	l := n.Layers[i]
	if len(w) != l.Out || len(b) != l.Out {
		panic(fmt.Sprintf("network: layer %d needs %d rows and biases",
			i, l.Out))
	}
	for j, row := range w {
		if len(row) != l.In {
			panic(fmt.Sprintf("network: layer %d row %d needs %d weights",
				i, j, l.In))
		}
		l.W.SetRow(j, row)
	}
	copy(l.B, b)
}

// Scratch holds the pre-activations and activations of one forward pass,
// so that a network can be evaluated without allocating.
type Scratch struct {
	Z, A [][]float64
}

// NewScratch returns buffers sized for n.
func (n *Network) NewScratch() *Scratch {
	s := &Scratch{}
	for _, l := range n.Layers {
		s.Z = append(s.Z, make([]float64, l.Out))
		s.A = append(s.A, make([]float64, l.Out))
	}
	return s
}

// Forward runs x through the network, leaving every layer's z and a in s,
// and returns the output activations (a view into s).
func (n *Network) Forward(x []float64, s *Scratch) []float64 {
	in := x
	for i := range n.Layers {
		n.forwardLayer(i, in, s.Z[i], s.A[i])
		in = s.A[i]
	}
	return in
}

// forwardLayer computes z = W·in + b and a = f(z) for layer i.
func (n *Network) forwardLayer(i int, in, z, a []float64) {
	l := &n.Layers[i]
	copy(z, l.B)
	blas64.Gemv(blas.NoTrans, 1, l.W.RawMatrix(),
		blas64.Vector{N: l.In, Data: in, Inc: 1},
		1, blas64.Vector{N: l.Out, Data: z, Inc: 1})
	l.apply(z, a)
}

// Finite reports whether every parameter is a finite number. It runs
// after every update, so it avoids branches: p·0 is 0 for a finite p and
// NaN for ±Inf or NaN, and a NaN makes the whole sum NaN.
func (n *Network) Finite() bool {
	var s float64
	for _, p := range n.Params {
		s += p * 0
	}
	return s == 0
}
