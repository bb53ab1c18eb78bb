package network

import (
	"fmt"
	"math"
)

// Epsilon is the clipping bound for probabilities in cross-entropy, the
// value Keras uses: predictions are clipped to [ε, 1−ε] so that log(0) is
// never taken.
const Epsilon = 1e-7

// Loss is a per-sample loss L(a, y) together with its gradient ∂L/∂a. For a
// batch, the engine takes the mean over samples.
type Loss interface {
	// Name is the name used on the command line and in files.
	Name() string
	// Value returns L(a, y) for one sample. It is finite for every a in
	// [0, 1] and every finite a for losses without a logarithm.
	Value(a, y []float64) float64
	// Gradient writes ∂L/∂a into dst.
	Gradient(dst, a, y []float64)
	// Formula is L written out for a learner.
	Formula() string
	// GradientFormula is ∂L/∂a written out, e.g. "∂L/∂ŷ = 2(ŷ−y)".
	GradientFormula() string
}

// The losses, each rule beside its gradient.

// MSE is the mean squared error over the outputs, (1/K)·Σ(a−y)², as Keras
// computes it (no factor ½).
var MSE Loss = mse{}

type mse struct{}

func (mse) Name() string { return "mse" }
func (mse) Value(a, y []float64) float64 {
	var s float64
	for k := range a {
		d := a[k] - y[k]
		s += d * d
	}
	return s / float64(len(a))
}
func (mse) Gradient(dst, a, y []float64) {
	scale := 2 / float64(len(a))
	for k := range a {
		dst[k] = scale * (a[k] - y[k])
	}
}
func (mse) Formula() string         { return "L = (ŷ−y)²" }
func (mse) GradientFormula() string { return "∂L/∂ŷ = 2(ŷ−y)" }

// HalfMSE is half the mean squared error, ½·(1/K)·Σ(a−y)², the loss
// TensorFlow Playground uses: the ½ cancels the 2 of the square's
// derivative, so ∂L/∂a is just the error a − y.
var HalfMSE Loss = halfMSE{}

type halfMSE struct{}

func (halfMSE) Name() string { return "half-mse" }
func (halfMSE) Value(a, y []float64) float64 {
	return MSE.Value(a, y) / 2
}
func (halfMSE) Gradient(dst, a, y []float64) {
	k := float64(len(a))
	for i := range a {
		dst[i] = (a[i] - y[i]) / k
	}
}
func (halfMSE) Formula() string         { return "L = ½(ŷ−y)²" }
func (halfMSE) GradientFormula() string { return "∂L/∂ŷ = ŷ−y" }

// BCE is binary cross-entropy, −[y·ln p + (1−y)·ln(1−p)] averaged over the
// outputs, with p clipped to [ε, 1−ε].
var BCE Loss = bce{}

type bce struct{}

func (bce) Name() string { return "bce" }
func (bce) Value(a, y []float64) float64 {
	var s float64
	for k := range a {
		p := clip(a[k])
		s -= y[k]*math.Log(p) + (1-y[k])*math.Log(1-p)
	}
	return s / float64(len(a))
}
func (bce) Gradient(dst, a, y []float64) {
	n := float64(len(a))
	for k := range a {
		p := clip(a[k])
		dst[k] = (p - y[k]) / (p * (1 - p)) / n
	}
}
func (bce) Formula() string         { return "L = −[y·ln ŷ + (1−y)·ln(1−ŷ)]" }
func (bce) GradientFormula() string { return "∂L/∂ŷ = (ŷ−y)/(ŷ(1−ŷ))" }

// CCE is categorical cross-entropy, −Σ y_k·ln p_k over the outputs, for a
// one-hot target and a softmax output, with p clipped to [ε, 1−ε].
var CCE Loss = cce{}

type cce struct{}

func (cce) Name() string { return "cce" }
func (cce) Value(a, y []float64) float64 {
	var s float64
	for k := range a {
		if y[k] != 0 {
			s -= y[k] * math.Log(clip(a[k]))
		}
	}
	return s
}
func (cce) Gradient(dst, a, y []float64) {
	for k := range a {
		dst[k] = -y[k] / clip(a[k])
	}
}
func (cce) Formula() string         { return "L = −Σ y_k·ln ŷ_k" }
func (cce) GradientFormula() string { return "∂L/∂ŷ_k = −y_k/ŷ_k" }

func clip(p float64) float64 { return min(max(p, Epsilon), 1-Epsilon) }

// Losses lists every loss, in the order help texts show them.
var Losses = []Loss{MSE, HalfMSE, BCE, CCE}

// LossByName returns the loss called name. The error names the bad value
// and the accepted ones.
func LossByName(name string) (Loss, error) {
	return byName("loss", Losses, name)
}

// DeltaIsError reports whether the output activation f and the loss l
// combine so that the output delta ∂L/∂a ⊙ f'(z) simplifies to the error
// a − y (divided by the number of outputs K for binary cross-entropy, which
// averages over them):
//
//   - sigmoid with binary cross-entropy: σ'(z) = a(1−a) cancels the a(1−a)
//     in the denominator of ∂L/∂a = (a−y)/(a(1−a));
//   - softmax with categorical cross-entropy: the softmax Jacobian times
//     ∂L/∂a_k = −y_k/a_k sums to a − y when the targets sum to 1.
//
// The engine then computes the error directly, which stays exact where the
// long form would divide 0 by 0 at a saturated output.
func DeltaIsError(f Activation, l Loss) bool {
	return (f == Sigmoid && l == BCE) || (f == Softmax && l == CCE)
}

// CheckPairing returns an error if the loss l is not defined for what the
// output activation f produces: cross-entropy reads its outputs as
// probabilities, so binary cross-entropy needs a sigmoid or softmax output
// and categorical cross-entropy a softmax.
func CheckPairing(f Activation, l Loss) error {
	switch {
	case l == BCE && f != Sigmoid && f != Softmax:
		return fmt.Errorf("loss bce needs outputs in (0, 1), from a sigmoid or "+
			"softmax output layer, not %s", f.Name())
	case l == CCE && f != Softmax:
		return fmt.Errorf("loss cce needs a softmax output layer, not %s", f.Name())
	}
	return nil
}
