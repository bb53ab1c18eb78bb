package network

import (
	"fmt"
	"math"
	"strings"
)

// Optimizer turns a batch's mean gradient into a change of the parameters.
// An optimizer is bound to one network's parameter vector: its state (if
// any) has one entry per parameter, in the same order.
type Optimizer interface {
	// Name is the name used on the command line and in files.
	Name() string
	// LearningRate returns η.
	LearningRate() float64
	// SetLearningRate changes η for the steps that follow.
	SetLearningRate(eta float64)
	// Step updates params in place from the mean gradient grad, by the
	// rule that Rule writes out.
	Step(params, grad []float64)
	// Reset forgets all state, as if no step had been taken.
	Reset()
	// Rule is the update rule written out for a learner.
	Rule() string
	// State returns the optimizer's memory without allocating. Its
	// slices are the optimizer's own, not copies: read them, or copy them
	// to keep them, but do not change them.
	State() State
	// SetState copies s into the optimizer. It panics if s does not come
	// from an optimizer of the same kind and size.
	SetState(s State)
}

// State is what an optimizer remembers between steps: named vectors with
// one entry per parameter (velocities, moments) and the number of steps.
type State struct {
	Names   []string
	Vectors [][]float64
	Steps   int
}

// OptimizerNames lists the accepted optimizer names.
var OptimizerNames = []string{"sgd", "momentum", "nesterov", "adam"}

// DefaultMomentum is the momentum μ of "momentum" and "nesterov".
const DefaultMomentum = 0.9

// NewOptimizer returns the optimizer called name with learning rate eta,
// sized for n parameters. The error names a bad name or a learning rate
// that is not a positive finite number.
func NewOptimizer(name string, eta float64, n int) (Optimizer, error) {
	if !(eta > 0) || math.IsInf(eta, 0) {
		return nil, fmt.Errorf("learning rate %v is not a positive number", eta)
	}
	switch name {
	case "sgd":
		return &SGD{Eta: eta}, nil
	case "momentum":
		return NewMomentum(eta, DefaultMomentum, false, n), nil
	case "nesterov":
		return NewMomentum(eta, DefaultMomentum, true, n), nil
	case "adam":
		return NewAdam(eta, n), nil
	}
	return nil, fmt.Errorf("unknown optimizer %q (accepted: %s)",
		name, strings.Join(OptimizerNames, ", "))
}

// SGD is plain stochastic gradient descent.
type SGD struct {
	Eta   float64
	steps int
}

func (o *SGD) Name() string                { return "sgd" }
func (o *SGD) LearningRate() float64       { return o.Eta }
func (o *SGD) SetLearningRate(eta float64) { o.Eta = eta }
func (o *SGD) Reset()                      { o.steps = 0 }
func (o *SGD) Rule() string                { return "w ← w − η·∂L/∂w" }
func (o *SGD) State() State                { return State{Steps: o.steps} }
func (o *SGD) SetState(s State)            { o.steps = s.Steps }

// Step applies w ← w − η·g to every parameter.
func (o *SGD) Step(params, grad []float64) {
	o.steps++
	for i, g := range grad {
		params[i] -= o.Eta * g
	}
}

// Momentum is SGD with momentum, in Keras' form: a velocity v that
// remembers past steps. With Nesterov set, each step looks ahead along
// the velocity.
type Momentum struct {
	Eta, Mu  float64
	Nesterov bool
	V        []float64 // velocity, one per parameter
	steps    int
	vectors  [][]float64 // {V}, kept so that State does not allocate
}

var momentumNames = []string{"v"}

// NewMomentum returns momentum SGD with μ = mu for n parameters.
func NewMomentum(eta, mu float64, nesterov bool, n int) *Momentum {
	o := &Momentum{Eta: eta, Mu: mu, Nesterov: nesterov, V: make([]float64, n)}
	o.vectors = [][]float64{o.V}
	return o
}

func (o *Momentum) Name() string {
	if o.Nesterov {
		return "nesterov"
	}
	return "momentum"
}
func (o *Momentum) LearningRate() float64       { return o.Eta }
func (o *Momentum) SetLearningRate(eta float64) { o.Eta = eta }
func (o *Momentum) Reset()                      { clear(o.V); o.steps = 0 }
func (o *Momentum) Rule() string {
	if o.Nesterov {
		return "v ← μ·v − η·g;  w ← w + μ·v − η·g"
	}
	return "v ← μ·v − η·g;  w ← w + v"
}
func (o *Momentum) State() State {
	if o.vectors == nil {
		o.vectors = [][]float64{o.V}
	}
	return State{Names: momentumNames, Vectors: o.vectors, Steps: o.steps}
}
func (o *Momentum) SetState(s State) {
	copyState(s, 1, len(o.V))
	copy(o.V, s.Vectors[0])
	o.steps = s.Steps
}

// Step applies v ← μ·v − η·g, then w ← w + v, or with Nesterov
// w ← w + μ·v − η·g (the step taken from the looked-ahead point).
func (o *Momentum) Step(params, grad []float64) {
	o.steps++
	for i, g := range grad {
		o.V[i] = o.Mu*o.V[i] - o.Eta*g
		if o.Nesterov {
			params[i] += o.Mu*o.V[i] - o.Eta*g
		} else {
			params[i] += o.V[i]
		}
	}
}

// Adam is the optimizer of Kingma and Ba, in the form Keras implements it,
// with Keras' defaults β1 = 0.9, β2 = 0.999, ε = 1e-7.
type Adam struct {
	Eta, Beta1, Beta2, Eps float64
	// M and V are the first and second moment estimates, one per
	// parameter; T counts the steps taken.
	M, V    []float64
	T       int
	vectors [][]float64 // {M, V}, kept so that State does not allocate
}

var adamNames = []string{"m", "v"}

// NewAdam returns Adam with Keras' defaults for n parameters.
func NewAdam(eta float64, n int) *Adam {
	o := &Adam{Eta: eta, Beta1: 0.9, Beta2: 0.999, Eps: 1e-7,
		M: make([]float64, n), V: make([]float64, n)}
	o.vectors = [][]float64{o.M, o.V}
	return o
}

func (o *Adam) Name() string                { return "adam" }
func (o *Adam) LearningRate() float64       { return o.Eta }
func (o *Adam) SetLearningRate(eta float64) { o.Eta = eta }
func (o *Adam) Rule() string {
	return "m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  " +
		"w ← w − η·√(1−β2ᵗ)/(1−β1ᵗ)·m/(√v + ε)"
}
func (o *Adam) State() State {
	if o.vectors == nil {
		o.vectors = [][]float64{o.M, o.V}
	}
	return State{Names: adamNames, Vectors: o.vectors, Steps: o.T}
}
func (o *Adam) SetState(s State) {
	copyState(s, 2, len(o.M))
	copy(o.M, s.Vectors[0])
	copy(o.V, s.Vectors[1])
	o.T = s.Steps
}

// Reset zeroes the moments and the step count.
func (o *Adam) Reset() {
	clear(o.M)
	clear(o.V)
	o.T = 0
}

// Step applies one Adam update. The bias corrections of both moments are
// folded into the step size, and ε is added to √v rather than to the
// corrected √v̂, exactly as Keras does.
func (o *Adam) Step(params, grad []float64) {
	o.T++
	t := float64(o.T)
	alpha := o.Eta * math.Sqrt(1-math.Pow(o.Beta2, t)) / (1 - math.Pow(o.Beta1, t))
	for i, g := range grad {
		o.M[i] = o.Beta1*o.M[i] + (1-o.Beta1)*g
		o.V[i] = o.Beta2*o.V[i] + (1-o.Beta2)*g*g
		params[i] -= alpha * o.M[i] / (math.Sqrt(o.V[i]) + o.Eps)
	}
}

// copyState panics unless s has k vectors of n entries.
func copyState(s State, k, n int) {
	if len(s.Vectors) != k {
		panic(fmt.Sprintf("network: optimizer state has %d vectors, want %d",
			len(s.Vectors), k))
	}
	for _, v := range s.Vectors {
		if len(v) != n {
			panic(fmt.Sprintf("network: optimizer state of %d entries, want %d",
				len(v), n))
		}
	}
}
