package network

import "math"

// Activation is a neuron's activation function f together with its
// derivative. Derivative receives both z and a = f(z), so that functions
// whose derivative is cheapest in terms of a (sigmoid, tanh) can use it.
type Activation interface {
	// Name is the name used on the command line and in files.
	Name() string
	// Apply returns f(z). It is finite for every finite z.
	Apply(z float64) float64
	// Derivative returns f'(z), given z and a = f(z).
	Derivative(z, a float64) float64
	// Formula is f written out for a learner, e.g. "σ(z) = 1/(1+e^−z)".
	Formula() string
	// DerivativeFormula is f' written out, e.g. "σ'(z) = a·(1−a)".
	DerivativeFormula() string
}

// The activations, each rule beside its derivative.

// Sigmoid is the logistic function σ(z) = 1/(1+e^−z).
var Sigmoid Activation = sigmoid{}

type sigmoid struct{}

func (sigmoid) Name() string { return "sigmoid" }

// Apply never evaluates e^z for a large positive z, so it cannot overflow.
func (sigmoid) Apply(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}
func (sigmoid) Derivative(_, a float64) float64 { return a * (1 - a) }
func (sigmoid) Formula() string                 { return "σ(z) = 1/(1+e^−z)" }
func (sigmoid) DerivativeFormula() string       { return "σ'(z) = a·(1−a)" }

// Tanh is the hyperbolic tangent.
var Tanh Activation = tanh{}

type tanh struct{}

func (tanh) Name() string                    { return "tanh" }
func (tanh) Apply(z float64) float64         { return math.Tanh(z) }
func (tanh) Derivative(_, a float64) float64 { return 1 - a*a }
func (tanh) Formula() string                 { return "tanh(z)" }
func (tanh) DerivativeFormula() string       { return "tanh'(z) = 1−a²" }

// ReLU is the rectified linear unit max(0, z). Its derivative at 0 is taken
// to be 0, as TensorFlow does.
var ReLU Activation = relu{}

type relu struct{}

func (relu) Name() string { return "relu" }
func (relu) Apply(z float64) float64 {
	if z > 0 {
		return z
	}
	return 0
}
func (relu) Derivative(z, _ float64) float64 {
	if z > 0 {
		return 1
	}
	return 0
}
func (relu) Formula() string           { return "relu(z) = max(0, z)" }
func (relu) DerivativeFormula() string { return "relu'(z) = 1 if z>0, else 0" }

// Linear is the identity, used for regression outputs.
var Linear Activation = linear{}

type linear struct{}

func (linear) Name() string                    { return "linear" }
func (linear) Apply(z float64) float64         { return z }
func (linear) Derivative(_, _ float64) float64 { return 1 }
func (linear) Formula() string                 { return "f(z) = z" }
func (linear) DerivativeFormula() string       { return "f'(z) = 1" }

// Activations lists every activation, in the order help texts show them.
var Activations = []Activation{Sigmoid, Tanh, ReLU, Linear}

// ActivationByName returns the activation called name. The error names the
// bad value and the accepted ones.
func ActivationByName(name string) (Activation, error) {
	return byName("activation", Activations, name)
}
