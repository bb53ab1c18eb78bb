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

// ActivationByName returns the activation called name. The error names the
// bad value and the accepted ones.
func ActivationByName(name string) (Activation, error) {
	return byName("activation", Activations, name)
}

// LeakyReLU is max(αz, z) with slope α = 0.01 for negative z, so that a
// neuron pushed below zero still receives a gradient.
var LeakyReLU Activation = leakyReLU{}

// LeakySlope is the slope of LeakyReLU for negative z.
const LeakySlope = 0.01

type leakyReLU struct{}

func (leakyReLU) Name() string { return "leaky-relu" }
func (leakyReLU) Apply(z float64) float64 {
	if z > 0 {
		return z
	}
	return LeakySlope * z
}
func (leakyReLU) Derivative(z, _ float64) float64 {
	if z > 0 {
		return 1
	}
	return LeakySlope
}
func (leakyReLU) Formula() string           { return "f(z) = z if z>0, else 0.01·z" }
func (leakyReLU) DerivativeFormula() string { return "f'(z) = 1 if z>0, else 0.01" }

// LayerActivation is an activation whose every output depends on the whole
// layer's z, so it is applied to a layer at once. Softmax is one; it may
// only be used on the output layer.
type LayerActivation interface {
	Activation
	// ApplyLayer writes f(z) into a.
	ApplyLayer(z, a []float64)
	// BackLayer writes δ = J_f(z)ᵀ·g into delta, given a = f(z) and the
	// gradient g = ∂L/∂a.
	BackLayer(a, g, delta []float64)
}

// Softmax turns a layer's z into probabilities that sum to 1:
// a_k = e^(z_k) / Σ_j e^(z_j).
var Softmax Activation = softmax{}

type softmax struct{}

func (softmax) Name() string { return "softmax" }

// Apply and Derivative have no meaning for one neuron alone; the engine
// calls ApplyLayer and BackLayer instead.
func (softmax) Apply(float64) float64 {
	panic("network: softmax applies to a whole layer")
}
func (softmax) Derivative(float64, float64) float64 {
	panic("network: softmax has a Jacobian, not a derivative per neuron")
}
func (softmax) Formula() string { return "a_k = e^z_k / Σ e^z_j" }
func (softmax) DerivativeFormula() string {
	return "∂a_k/∂z_i = a_k·(1[i=k] − a_i)"
}

// ApplyLayer subtracts the largest z before exponentiating, so that logits
// of ±1000 give [1, 0] rather than overflowing.
func (softmax) ApplyLayer(z, a []float64) {
	top := z[0]
	for _, v := range z[1:] {
		top = max(top, v)
	}
	var sum float64
	for k, v := range z {
		a[k] = math.Exp(v - top)
		sum += a[k]
	}
	for k := range a {
		a[k] /= sum
	}
}

// BackLayer computes δ_i = a_i·(g_i − Σ_k g_k·a_k).
func (softmax) BackLayer(a, g, delta []float64) {
	var dot float64
	for k := range a {
		dot += g[k] * a[k]
	}
	for i := range a {
		delta[i] = a[i] * (g[i] - dot)
	}
}

// Activations lists every activation, in the order help texts show them.
var Activations = []Activation{Sigmoid, Tanh, ReLU, LeakyReLU, Linear, Softmax}
