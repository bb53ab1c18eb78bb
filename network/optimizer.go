package network

import (
	"fmt"
	"math"
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
	// Step updates params in place from the mean gradient grad.
	Step(params, grad []float64)
	// Reset forgets all state, as if no step had been taken.
	Reset()
	// Rule is the update rule written out for a learner.
	Rule() string
}

// OptimizerNames lists the accepted optimizer names.
var OptimizerNames = []string{"sgd", "adam"}

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
	case "adam":
		return NewAdam(eta, n), nil
	}
	return nil, fmt.Errorf("unknown optimizer %q (accepted: sgd, adam)", name)
}

// SGD is plain stochastic gradient descent: w ← w − η·∂L/∂w.
type SGD struct {
	Eta float64
}

func (o *SGD) Name() string                { return "sgd" }
func (o *SGD) LearningRate() float64       { return o.Eta }
func (o *SGD) SetLearningRate(eta float64) { o.Eta = eta }
func (o *SGD) Reset()                      {}
func (o *SGD) Rule() string                { return "w ← w − η·∂L/∂w" }

// Step applies w ← w − η·g to every parameter.
func (o *SGD) Step(params, grad []float64) {
	for i, g := range grad {
		params[i] -= o.Eta * g
	}
}

// Adam is the optimizer of Kingma and Ba, in the form Keras implements it,
// with Keras' defaults β1 = 0.9, β2 = 0.999, ε = 1e-7.
type Adam struct {
	Eta, Beta1, Beta2, Eps float64
	// M and V are the first and second moment estimates, one per
	// parameter; T counts the steps taken.
	M, V []float64
	T    int
}

// NewAdam returns Adam with Keras' defaults for n parameters.
func NewAdam(eta float64, n int) *Adam {
	return &Adam{Eta: eta, Beta1: 0.9, Beta2: 0.999, Eps: 1e-7,
		M: make([]float64, n), V: make([]float64, n)}
}

func (o *Adam) Name() string                { return "adam" }
func (o *Adam) LearningRate() float64       { return o.Eta }
func (o *Adam) SetLearningRate(eta float64) { o.Eta = eta }
func (o *Adam) Rule() string {
	return "m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  " +
		"w ← w − η·√(1−β2ᵗ)/(1−β1ᵗ)·m/(√v + ε)"
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
