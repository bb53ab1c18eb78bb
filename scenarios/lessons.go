package scenarios

import (
	"math"
	"math/rand/v2"
)

// Lessons beyond the article: logic gates, a curve to fit, and the ways
// training goes wrong.

// gate is a two-input truth table on one sigmoid neuron.
func gate(name, summary string, targets [4]float64) Scenario {
	y := make([][]float64, 4)
	for i, t := range targets {
		y[i] = []float64{t}
	}
	return Scenario{
		Name:    name,
		Summary: summary,
		Lesson: "One neuron, no hidden layer: z = w1·x1 + w2·x2 + b and " +
			"ŷ = σ(z). It learns " + name + " because a single straight line " +
			"w1·x1 + w2·x2 + b = 0 puts the 1s on one side and the 0s on the " +
			"other; watch the line settle on the output surface. XOR has no " +
			"such line (its 1s sit on opposite corners), which is why the xor " +
			"lesson needs a hidden layer: try --hidden here, then compare.",
		Train:        dataset(xorInputs, y),
		InputNames:   []string{"x1", "x2"},
		Classify:     true,
		Activation:   "sigmoid",
		Output:       "sigmoid",
		Loss:         "bce",
		Optimizer:    "sgd",
		LearningRate: 0.5,
		Batch:        1,
		Epochs:       200,
		Seed:         1,
	}
}

// And is the AND gate on a single neuron.
func And() Scenario {
	return gate("and", "AND gate on a single sigmoid neuron: one line is enough",
		[4]float64{0, 0, 0, 1})
}

// Or is the OR gate on a single neuron.
func Or() Scenario {
	return gate("or", "OR gate on a single sigmoid neuron: one line is enough",
		[4]float64{0, 1, 1, 1})
}

// Sine is a 1-D regression of a noisy sine wave.
func Sine() Scenario {
	rng := rand.New(rand.NewPCG(11, 0))
	var x, y [][]float64
	for range 200 {
		v := uniform(rng, -math.Pi, math.Pi)
		x = append(x, []float64{v})
		y = append(y, []float64{math.Sin(v) + 0.1*rng.NormFloat64()})
	}
	train, test := split(x, y, 0.75, rng)
	return Scenario{
		Name:    "sine",
		Summary: "fit a noisy sine wave: 1-D regression, 1-16-1 tanh",
		Lesson: "One input x, one output ŷ, and points scattered around sin(x). " +
			"Each hidden tanh neuron contributes one S-shaped step; the output " +
			"adds them up into a curve. Watch the fitted curve bend to follow " +
			"the wave, first the broad slope, then the two humps. The noise " +
			"(σ = 0.1) sets a floor: the loss cannot fall far below 0.01.",
		Train: train, Test: test,
		InputNames: []string{"x"},
		Hidden:     []int{16}, Activation: "tanh", Output: "linear",
		Loss: "mse", Optimizer: "adam", LearningRate: 0.01,
		Batch: 10, Epochs: 300, Shuffle: true, Seed: 1,
	}
}

// Diverge is the plane regression with a learning rate far too high.
func Diverge() Scenario {
	s := Plane()
	s.Name = "diverge"
	s.Summary = "pitfall: a learning rate too high makes the weights explode"
	s.Lesson = "The plane regression with one step per epoch (the whole " +
		"training set is the batch) and η = 0.1, just past what this network " +
		"can take. Each step overshoots the minimum by more than it " +
		"corrects, so the error grows instead of shrinking: watch the loss " +
		"climb (the curve switches to log₁₀) and the weights' bars fill up, " +
		"until a number no longer fits in a float64. nnviz stops there, " +
		"reports the divergence and keeps the last finite weights. r resets; " +
		"--lr 0.08 converges."
	s.Hidden = []int{4}
	s.Activation = "linear"
	s.LearningRate = 0.1
	s.Batch = 0 // the whole training set
	s.Epochs = 50
	return s
}

// DeadReLU trains ReLUs with a learning rate high enough to kill some.
func DeadReLU() Scenario {
	s := Circle()
	s.Name = "dead-relu"
	s.Summary = "pitfall: ReLUs pushed below zero for every input stop learning"
	s.Lesson = "ReLU hidden neurons on the circle, with a large learning " +
		"rate. A big step can push a neuron's bias so far down that z < 0 for " +
		"every point: then a = 0 and relu'(z) = 0, so δ = 0 and its weights " +
		"never change again. Step a few samples and look for hidden rows whose " +
		"a and δ stay at 0 whatever the input: those neurons are dead, and the " +
		"network has fewer than it seems. Leaky ReLU (--activation leaky-relu) " +
		"keeps a small slope for z < 0, so no neuron's gradient is ever " +
		"exactly 0: count the rows that stay at 0 then."
	s.Hidden = []int{8}
	s.Activation = "relu"
	s.Loss = "mse"
	s.LearningRate = 0.2
	s.Batch = 1
	s.Epochs = 30
	return s
}

// Vanishing is a deep stack of sigmoids whose first layers barely learn.
func Vanishing() Scenario {
	s := Circle()
	s.Name = "vanishing"
	s.Summary = "pitfall: in a deep sigmoid stack the first layers barely move"
	s.Lesson = "Six hidden sigmoid layers. Going backward, each layer " +
		"multiplies δ by σ'(z) ≤ 0.25 and by weights smaller than 1, so by " +
		"the first layer δ has shrunk a thousandfold: compare the δ column of " +
		"layer 1 with that of the output after a backward pass (b). The last " +
		"layers learn, the first hardly change, and the loss sits near its " +
		"start for a long time. tanh or ReLU (--activation), or fewer layers, " +
		"let the error through."
	s.Hidden = []int{6, 6, 6, 6, 6, 6}
	s.Activation = "sigmoid"
	s.Output = "tanh"
	s.LearningRate = 0.1
	s.Epochs = 100
	return s
}

// ZeroInit starts every weight at zero, so no neuron can differ from its
// neighbours.
func ZeroInit() Scenario {
	s := XOR()
	s.Name = "zero-init"
	s.Summary = "pitfall: all-zero weights never break symmetry; loss stays ln 2"
	s.Lesson = "The xor network with every weight and bias starting at 0. " +
		"Then every hidden neuron computes the same z = 0 and a = 0, the " +
		"output's weights get the gradient δ·a = 0, and the hidden weights get " +
		"W2ᵀ·δ = 0: nothing moves, in any epoch. The output sits at σ(0) = 0.5 " +
		"and the loss at ln 2 ≈ 0.693 for ever. Random initial weights (--init " +
		"glorot) are what lets neurons become different."
	s.Init = "zeros"
	s.Batch = 4
	return s
}
