package scenarios

import (
	"math"
	"math/rand/v2"
)

// Data sets generated the way TensorFlow Playground generates them, so
// that a lesson there and here start from the same points.

// spiralPoints returns n points on two interleaved spirals of 1.75 turns
// out to radius 5, labelled +1 and −1, each coordinate moved by up to
// ±noise, drawn from rng.
func spiralPoints(n int, noise float64, rng *rand.Rand) (x, y [][]float64) {
	arm := func(dt, label float64) {
		for i := range n / 2 {
			r := float64(i) / float64(n/2) * 5
			t := 1.75*float64(i)/float64(n/2)*2*math.Pi + dt
			x = append(x, []float64{
				r*math.Sin(t) + (2*rng.Float64()-1)*noise,
				r*math.Cos(t) + (2*rng.Float64()-1)*noise,
			})
			y = append(y, []float64{label})
		}
	}
	arm(0, 1)
	arm(math.Pi, -1)
	return x, y
}

// split shuffles the points with rng and puts the first fraction of them
// in the training set, the rest in the test set.
func split(x, y [][]float64, fraction float64, rng *rand.Rand) (train, test [2][][]float64) {
	idx := rng.Perm(len(x))
	cut := int(math.Round(fraction * float64(len(x))))
	for k, i := range idx {
		part := &train
		if k >= cut {
			part = &test
		}
		part[0] = append(part[0], x[i])
		part[1] = append(part[1], y[i])
	}
	return train, test
}

// Spiral is Playground's two-armed spiral: 500 points, half for training,
// and Playground's default network for it.
func Spiral() Scenario {
	rng := rand.New(rand.NewPCG(7, 0))
	x, y := spiralPoints(500, 0, rng)
	train, test := split(x, y, 0.5, rng)
	return Scenario{
		Name:    "spiral",
		Summary: "Playground's two spirals, 2-8-8-1 tanh: hard for a small network",
		Lesson: "Two spirals wind around each other, 1.75 turns each. A straight " +
			"line, or two, gets nowhere: the network has to bend its boundary " +
			"round and round. Watch the output surface: first a blur, then " +
			"a tilted split, and only after many epochs the arms. Fewer " +
			"hidden neurons (--hidden 4,2) often never get there.",
		Train:        dataset(train[0], train[1]),
		Test:         dataset(test[0], test[1]),
		InputNames:   []string{"x1", "x2"},
		Classify:     true,
		Hidden:       []int{8, 8},
		Activation:   "tanh",
		Output:       "tanh",
		Loss:         "mse",
		Optimizer:    "sgd",
		LearningRate: 0.03,
		Batch:        10,
		Epochs:       2000,
		Shuffle:      true,
		Seed:         1,
	}
}
