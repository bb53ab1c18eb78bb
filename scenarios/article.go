package scenarios

// The scenarios of the article nnviz teaches from.

var (
	xorInputs  = [][]float64{{0, 0}, {0, 1}, {1, 0}, {1, 1}}
	xorTargets = [][]float64{{0}, {1}, {1}, {0}}
)

// XOR is the exclusive-or truth table with a set-up that learns it
// reliably: three tanh hidden neurons, a sigmoid output, plain SGD.
func XOR() Scenario {
	return Scenario{
		Name:    "xor",
		Summary: "XOR truth table, 2-3-1 tanh/sigmoid, SGD: learns it step by step",
		Lesson: "XOR is 1 when exactly one input is 1. No single straight line " +
			"separates its two classes, so a network without a hidden layer " +
			"cannot learn it. Step one sample through: watch z = W·a + b and " +
			"a = f(z) fill in layer by layer, then δ flow back from the output, " +
			"and each weight move by −η·∂L/∂w. After a few hundred epochs " +
			"the hidden neurons have each drawn one line, and the output " +
			"neuron combines them.",
		Train:        dataset(xorInputs, xorTargets),
		InputNames:   []string{"x1", "x2"},
		Classify:     true,
		Hidden:       []int{3},
		Activation:   "tanh",
		Output:       "sigmoid",
		Loss:         "bce",
		Optimizer:    "sgd",
		LearningRate: 0.3,
		Batch:        1,
		Epochs:       300,
		Seed:         1,
	}
}

// XORKeras is the article's Keras example exactly: Dense(2, sigmoid) then
// Dense(1, sigmoid), Glorot uniform weights, zero biases, Adam with
// learning rate 0.001, binary cross-entropy, all four samples in one batch,
// 1000 epochs.
func XORKeras() Scenario {
	return Scenario{
		Name:    "xor-keras",
		Summary: "the article's Keras XOR: 2-2-1 sigmoid, Adam 0.001, 1000 epochs",
		Lesson: "This is the article's Keras program, setting for setting. " +
			"Expect it to fail: after 1000 epochs the loss has only crept " +
			"from ln 2 ≈ 0.69 to somewhere above 0.55, and the outputs " +
			"still hover around 0.5, so some rows are wrong. With all four " +
			"samples in one batch there are only 1000 updates, and Adam at " +
			"η = 0.001 moves each weight by at most about 0.001 per update, " +
			"so no weight can travel further than about 1. Two sigmoid " +
			"neurons starting from small random weights need much larger " +
			"weights to carve XOR's two lines. Try --lr 0.1 or many more " +
			"epochs and watch it succeed, sometimes: with only two hidden " +
			"neurons it can still stall in a poor minimum.",
		Train:        dataset(xorInputs, xorTargets),
		InputNames:   []string{"x1", "x2"},
		Classify:     true,
		Hidden:       []int{2},
		Activation:   "sigmoid",
		Output:       "sigmoid",
		Loss:         "bce",
		Optimizer:    "adam",
		LearningRate: 0.001,
		Batch:        4,
		Epochs:       1000,
		Seed:         42,
	}
}

// WorkedExample is the article's 2-3-1 ReLU network on the single input
// [1, 0] with target 1, with round initial weights so that every number
// can be checked by hand.
func WorkedExample() Scenario {
	return Scenario{
		Name:    "worked-example",
		Summary: "the article's 2-3-1 ReLU network on input [1, 0]: check every number by hand",
		Lesson: "One sample, x = [1, 0], target y = 1, and round starting " +
			"weights. Because x2 = 0, only the weights from x1 matter in the " +
			"forward pass, and only they get a gradient: ∂L/∂w = δ·x is 0 " +
			"for every weight from x2. Hidden neuron h2 has z < 0, so ReLU " +
			"outputs 0 and its derivative is 0: no error flows back through " +
			"it and its weights do not change. Work out z, a, δ and each new " +
			"weight on paper, then press a key to check.",
		Train:        dataset([][]float64{{1, 0}}, [][]float64{{1}}),
		InputNames:   []string{"x1", "x2"},
		Hidden:       []int{3},
		Activation:   "relu",
		Output:       "relu",
		Loss:         "mse",
		Optimizer:    "sgd",
		LearningRate: 0.1,
		Batch:        1,
		Epochs:       20,
		Seed:         1,
		Weights: [][][]float64{
			{{0.5, -0.3, 0.1}, {-0.4, 0.8, 0.1}, {0.2, 0.6, 0.1}},
			{{0.7, -0.5, 0.4, 0.2}},
		},
	}
}
