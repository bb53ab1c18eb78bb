package scenarios

import (
	"fmt"
	"math"
	"math/rand/v2"

	"nnviz/network"
)

// Data sets generated the way TensorFlow Playground generates them, so
// that a lesson there and here start from the same kind of points. Labels
// are +1 and −1 for a tanh output, as Playground has them; noise is a
// fraction in [0, 0.5] (Playground's slider shows it as 0–50).

// Playground's defaults.
const (
	classifyPoints = 500
	regressPoints  = 1200
	trainFraction  = 0.5
)

// uniform draws from U(lo, hi).
func uniform(rng *rand.Rand, lo, hi float64) float64 {
	return lo + rng.Float64()*(hi-lo)
}

// sign1 is +1 for a true condition and −1 otherwise.
func sign1(b bool) float64 {
	if b {
		return 1
	}
	return -1
}

// circlePoints puts half the points within radius 2.5 of the origin
// (class +1) and half in the ring from 3.5 to 5 (class −1). Noise moves
// the point at which the label is read, not the point, so it flips the
// labels of points near the boundary.
func circlePoints(n int, noise float64, rng *rand.Rand) (x, y [][]float64) {
	const radius = 5
	ring := func(lo, hi float64) {
		for range n / 2 {
			r := uniform(rng, lo, hi)
			angle := uniform(rng, 0, 2*math.Pi)
			px, py := r*math.Sin(angle), r*math.Cos(angle)
			nx := uniform(rng, -radius, radius) * noise
			ny := uniform(rng, -radius, radius) * noise
			x = append(x, []float64{px, py})
			y = append(y, []float64{sign1(math.Hypot(px+nx, py+ny) < radius*0.5)})
		}
	}
	ring(0, radius*0.5)
	ring(radius*0.7, radius)
	return x, y
}

// xorPoints draws points in [−5, 5]², pushed 0.3 away from both axes;
// the class is the sign of x1·x2, read at a noisy position.
func xorPoints(n int, noise float64, rng *rand.Rand) (x, y [][]float64) {
	const pad = 0.3
	for range n {
		px, py := uniform(rng, -5, 5), uniform(rng, -5, 5)
		px += math.Copysign(pad, px)
		py += math.Copysign(pad, py)
		nx, ny := uniform(rng, -5, 5)*noise, uniform(rng, -5, 5)*noise
		x = append(x, []float64{px, py})
		y = append(y, []float64{sign1((px+nx)*(py+ny) >= 0)})
	}
	return x, y
}

// gaussPoints draws two normal clouds around (2, 2) (class +1) and
// (−2, −2) (class −1), whose variance grows from 0.5 to 4 with noise.
func gaussPoints(n int, noise float64, rng *rand.Rand) (x, y [][]float64) {
	variance := 0.5 + noise/0.5*(4-0.5)
	sd := math.Sqrt(variance)
	for _, c := range []float64{2, -2} {
		for range n / 2 {
			x = append(x, []float64{c + sd*rng.NormFloat64(), c + sd*rng.NormFloat64()})
			y = append(y, []float64{sign1(c > 0)})
		}
	}
	return x, y
}

// spiralPoints returns n points on two interleaved spirals of 1.75 turns
// out to radius 5, labelled +1 and −1, each coordinate moved by up to
// ±noise.
func spiralPoints(n int, noise float64, rng *rand.Rand) (x, y [][]float64) {
	arm := func(dt, label float64) {
		for i := range n / 2 {
			r := float64(i) / float64(n/2) * 5
			t := 1.75*float64(i)/float64(n/2)*2*math.Pi + dt
			x = append(x, []float64{
				r*math.Sin(t) + uniform(rng, -1, 1)*noise,
				r*math.Cos(t) + uniform(rng, -1, 1)*noise,
			})
			y = append(y, []float64{label})
		}
	}
	arm(0, 1)
	arm(math.Pi, -1)
	return x, y
}

// squarePoints draws points in [−6, 6]² with the target label gives, read
// at a position moved by up to ±6·noise on each axis.
func squarePoints(n int, noise float64, rng *rand.Rand,
	label func(x1, x2 float64) float64) (x, y [][]float64) {
	const radius = 6
	for range n {
		px, py := uniform(rng, -radius, radius), uniform(rng, -radius, radius)
		nx := uniform(rng, -radius, radius) * noise
		ny := uniform(rng, -radius, radius) * noise
		x = append(x, []float64{px, py})
		y = append(y, []float64{label(px+nx, py+ny)})
	}
	return x, y
}

// planePoints has the target (x1 + x2)/10: a tilted plane from −1.2 to
// 1.2.
func planePoints(n int, noise float64, rng *rand.Rand) (x, y [][]float64) {
	return squarePoints(n, noise, rng, func(x1, x2 float64) float64 { return (x1 + x2) / 10 })
}

// gaussCentres are the six bumps of multiGaussPoints: x1, x2 and sign.
var gaussCentres = [6][3]float64{
	{-4, 2.5, 1}, {0, 2.5, -1}, {4, 2.5, 1},
	{-4, -2.5, -1}, {0, -2.5, 1}, {4, -2.5, -1},
}

// multiGaussLabel is the target at (px, py): of the six bumps, each
// falling linearly from ±1 at its centre to 0 at distance 2, the one
// largest in magnitude.
func multiGaussLabel(px, py float64) float64 {
	label := 0.0
	for _, g := range gaussCentres {
		v := g[2] * max(0, 1-math.Hypot(px-g[0], py-g[1])/2)
		if math.Abs(v) > math.Abs(label) {
			label = v
		}
	}
	return label
}

// multiGaussPoints has multiGaussLabel targets.
func multiGaussPoints(n int, noise float64, rng *rand.Rand) (x, y [][]float64) {
	return squarePoints(n, noise, rng, multiGaussLabel)
}

// split shuffles the points with rng and puts the first fraction of them
// in the training set, the rest in the test set (nil when empty).
func split(x, y [][]float64, fraction float64, rng *rand.Rand) (train, test *network.Dataset) {
	idx := rng.Perm(len(x))
	cut := max(1, int(math.Round(fraction*float64(len(x)))))
	var parts [2][2][][]float64
	for k, i := range idx {
		p := 0
		if k >= cut {
			p = 1
		}
		parts[p][0] = append(parts[p][0], x[i])
		parts[p][1] = append(parts[p][1], y[i])
	}
	train = dataset(parts[0][0], parts[0][1])
	if len(parts[1][0]) > 0 {
		test = dataset(parts[1][0], parts[1][1])
	}
	return train, test
}

// generator makes n points with the given noise.
type generator func(n int, noise float64, rng *rand.Rand) (x, y [][]float64)

// Generated is what a 2-D scenario's data were made from, so that the
// command line can make them again with other noise or split.
type Generated struct {
	gen           generator
	points        int
	Noise         float64 // in [0, 0.5]
	TrainFraction float64 // in (0, 1]
	seed          uint64
}

// Regenerate makes the scenario's data again with its Generated settings.
// The error names a noise or train fraction out of range; a scenario not
// made by a generator is left as it is.
func (s *Scenario) Regenerate() error {
	g := s.Generated
	if g == nil {
		return nil
	}
	if !(g.Noise >= 0 && g.Noise <= 0.5) {
		return fmt.Errorf("noise %v%% is outside 0–50%%", g.Noise*100)
	}
	if !(g.TrainFraction > 0 && g.TrainFraction <= 1) {
		return fmt.Errorf("train fraction %v is outside (0, 1]", g.TrainFraction)
	}
	rng := rand.New(rand.NewPCG(g.seed, 0x64617461))
	x, y := g.gen(g.points, g.Noise, rng)
	s.Train, s.Test = split(x, y, g.TrainFraction, rng)
	return nil
}

// playground returns a scenario on generated data with Playground's
// defaults: 50 % for training, 2-4-2-1 tanh, η 0.03, batch 10, half
// squared error, and a tanh output (linear for regression).
func playground(name, summary, lesson string, gen generator, points int, classify bool) Scenario {
	s := Scenario{
		Name: name, Summary: summary, Lesson: lesson,
		InputNames: []string{"x1", "x2"},
		Classify:   classify,
		Hidden:     []int{4, 2}, Activation: "tanh", Output: "tanh",
		Loss: "half-mse", Optimizer: "sgd", LearningRate: 0.03,
		Batch: 10, Epochs: 300, Shuffle: true, Seed: 1,
		Generated: &Generated{gen: gen, points: points, TrainFraction: trainFraction, seed: 7},
	}
	if !classify {
		s.Output = "linear"
	}
	if err := s.Regenerate(); err != nil {
		panic("scenarios: " + err.Error()) // the defaults are in range
	}
	return s
}

// Circle is Playground's circle: one class inside another.
func Circle() Scenario {
	return playground("circle",
		"Playground's circle: a class inside a ring, 2-4-2-1 tanh",
		"One class sits inside a circle, the other in a ring around it. "+
			"No single line separates them, but a few together can: watch "+
			"each first-layer neuron draw a line across the plane (select "+
			"it and look at its weights), and the output combine them into "+
			"a closed shape. With --noise 30 some labels flip near the "+
			"boundary and the test loss stops falling before the training loss.",
		circlePoints, classifyPoints, true)
}

// XOR2D is Playground's xor: four noisy quadrants.
func XOR2D() Scenario {
	return playground("xor-2d",
		"Playground's xor: four quadrants, the sign of x1·x2",
		"The class is the sign of x1·x2: the xor truth table spread over "+
			"four quadrants. A hidden layer is needed, as for the table. "+
			"The gap of 0.3 along the axes makes the boundary easy to see "+
			"on the output surface; raise --noise to blur it.",
		xorPoints, classifyPoints, true)
}

// Gauss is Playground's two Gaussian clouds.
func Gauss() Scenario {
	return playground("gauss",
		"Playground's two Gaussian clouds: one line separates them",
		"Two clouds of points around (2, 2) and (−2, −2). A single straight "+
			"line separates them, so even one neuron would do: the loss falls "+
			"within a few epochs. With --noise 50 the clouds overlap and no "+
			"boundary classifies every point: the loss levels off above 0.",
		gaussPoints, classifyPoints, true)
}

// Spiral is Playground's two-armed spiral, with a larger network than
// Playground's default, which rarely learns it.
func Spiral() Scenario {
	s := playground("spiral",
		"Playground's two spirals, 2-8-8-1 tanh: hard for a small network",
		"Two spirals wind around each other, 1.75 turns each. A straight "+
			"line, or two, gets nowhere: the network has to bend its boundary "+
			"round and round. Watch the output surface: first a blur, then "+
			"a tilted split, and only after many epochs the arms. Playground's "+
			"default 4-2 hidden layers (--hidden 4,2) seldom get there.",
		spiralPoints, classifyPoints, true)
	s.Hidden = []int{8, 8}
	s.Epochs = 2000
	return s
}

// Plane is Playground's regression plane.
func Plane() Scenario {
	return playground("plane",
		"Playground's regression plane: the target is (x1+x2)/10",
		"A regression: the target is a tilted plane, (x1 + x2)/10. The output "+
			"is linear, so the loss is the squared distance to the target and "+
			"there is no accuracy. One neuron without a hidden layer could fit "+
			"it exactly; the hidden tanh neurons have to learn to stay in their "+
			"straight middle part.",
		planePoints, regressPoints, false)
}

// MultiGauss is Playground's six-bump regression.
func MultiGauss() Scenario {
	s := playground("multi-gauss",
		"Playground's six bumps of ±1: a regression with hills and dips",
		"Six bumps, three up and three down, in two rows. The network must "+
			"raise the output near some centres and lower it near others, and "+
			"leave it near 0 between them. Watch the output surface grow the "+
			"bumps one pair at a time.",
		multiGaussPoints, regressPoints, false)
	s.Hidden = []int{8, 6}
	s.Epochs = 500
	return s
}
