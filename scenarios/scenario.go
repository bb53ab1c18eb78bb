// Package scenarios holds nnviz's lessons: each a dataset, a network, its
// hyperparameters, a seed, and a text saying what to watch for.
package scenarios

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"gonum.org/v1/gonum/mat"

	"nnviz/network"
)

// Scenario is one lesson. Its fields are plain values so that the command
// line can override them before Build.
type Scenario struct {
	Name    string
	Summary string // one line, for lists
	Lesson  string // what to watch for, a paragraph

	Train, Test *network.Dataset
	InputNames  []string // one per input, e.g. "x1"
	Classify    bool     // accuracy is measured; false for regression
	// ClassNames names the classes in the order of their indices, when
	// the data named them (a CSV file's text labels, iris' species).
	ClassNames []string
	// Source says where the data came from and under which license, for
	// bundled real data and user files.
	Source string
	// Image, when set, is the rows and columns of a picture whose pixels
	// are the inputs, row by row (digits: 8×8).
	Image [2]int
	// Scale, when set, holds the mean and standard deviation each input
	// was standardized with, so that a viewer can show raw values.
	Scale [][2]float64

	Hidden       []int  // neurons per hidden layer
	Activation   string // hidden layers
	Output       string // output layer
	Loss         string
	Optimizer    string
	LearningRate float64
	Batch        int
	Epochs       int
	Shuffle      bool
	Seed         uint64
	L1, L2       float64 // penalty rates on the weights

	// Init names the weight initialization (see network.Initializers);
	// "" means Glorot uniform. InitRange is r for "uniform".
	Init      string
	InitRange float64

	// Generated, when set, is how the data were made; Regenerate makes
	// them again after a change of its noise or split.
	Generated *Generated

	// Weights, when set, are the initial parameters instead of Glorot
	// uniform: per layer, one row per neuron holding its incoming weights
	// and then its bias. They apply only while Hidden keeps the shape
	// they were written for.
	Weights [][][]float64
}

// Limits on the networks a scenario may ask for: enough for any lesson,
// and small enough that a typo cannot exhaust memory.
const (
	MaxNeurons      = 1024 // per hidden layer
	MaxHiddenLayers = 16
	MaxParams       = 1 << 22 // weights and biases in all
)

// Sizes returns the layer sizes, input first.
func (s *Scenario) Sizes() []int {
	_, in := s.Train.X.Dims()
	_, out := s.Train.Y.Dims()
	sizes := append([]int{in}, s.Hidden...)
	return append(sizes, out)
}

// Build makes the network and the trainer the scenario describes. The
// error names a setting that is not valid.
func (s *Scenario) Build() (*network.Trainer, error) {
	sizes := s.Sizes()
	if len(s.Hidden) > MaxHiddenLayers {
		return nil, fmt.Errorf("%d hidden layers is more than %d", len(s.Hidden), MaxHiddenLayers)
	}
	for i, h := range s.Hidden {
		if h < 1 || h > MaxNeurons {
			return nil, fmt.Errorf("hidden layer %d has %d neurons (need 1 to %d)",
				i+1, h, MaxNeurons)
		}
	}
	params := 0
	for i := 1; i < len(sizes); i++ {
		params += sizes[i-1]*sizes[i] + sizes[i]
	}
	if params > MaxParams {
		return nil, fmt.Errorf("%d weights and biases is more than %d", params, MaxParams)
	}
	hidden, err := network.ActivationByName(s.Activation)
	if err != nil {
		return nil, err
	}
	if _, vec := hidden.(network.LayerActivation); vec && len(s.Hidden) > 0 {
		return nil, fmt.Errorf("activation %q is only for the output layer", s.Activation)
	}
	output, err := network.ActivationByName(s.Output)
	if err != nil {
		return nil, err
	}
	if output == network.Softmax && sizes[len(sizes)-1] < 2 {
		return nil, fmt.Errorf("softmax needs at least 2 outputs; %s has 1", s.Name)
	}
	loss, err := network.LossByName(s.Loss)
	if err != nil {
		return nil, err
	}
	if err := network.CheckPairing(output, loss); err != nil {
		return nil, err
	}
	if s.Batch < 0 {
		return nil, fmt.Errorf("batch size %d is negative", s.Batch)
	}
	if !(s.L1 >= 0) || !(s.L2 >= 0) || math.IsInf(s.L1+s.L2, 0) {
		return nil, fmt.Errorf("l1 %v and l2 %v must be finite and at least 0", s.L1, s.L2)
	}

	acts := make([]network.Activation, len(sizes)-1)
	for i := range acts {
		acts[i] = hidden
	}
	acts[len(acts)-1] = output
	n := network.New(sizes, acts, loss)
	if s.weightsFit(sizes) {
		for i, layer := range s.Weights {
			w := make([][]float64, len(layer))
			b := make([]float64, len(layer))
			for j, row := range layer {
				w[j], b[j] = row[:len(row)-1], row[len(row)-1]
			}
			n.SetLayer(i, w, b)
		}
	} else {
		init := s.Init
		if init == "" {
			init = "glorot"
		}
		if init == "uniform" && !(s.InitRange > 0 && s.InitRange < 1e6) {
			return nil, fmt.Errorf("uniform initialization needs a range r > 0, not %v", s.InitRange)
		}
		if err := n.Initialize(init, s.InitRange, rand.New(rand.NewPCG(s.Seed, 0))); err != nil {
			return nil, err
		}
	}

	for _, d := range []*network.Dataset{s.Train, s.Test} {
		if err := network.CheckData(n, d); err != nil {
			return nil, fmt.Errorf("%s: %w", s.Name, err)
		}
	}
	opt, err := network.NewOptimizer(s.Optimizer, s.LearningRate, len(n.Params))
	if err != nil {
		return nil, err
	}
	return network.NewTrainer(n, opt, s.Train, s.Test, network.Config{
		Batch: s.Batch, Shuffle: s.Shuffle, Seed: s.Seed, Classify: s.Classify,
		L1: s.L1, L2: s.L2,
	}), nil
}

func (s *Scenario) weightsFit(sizes []int) bool {
	if len(s.Weights) != len(sizes)-1 {
		return false
	}
	for i, layer := range s.Weights {
		if len(layer) != sizes[i+1] {
			return false
		}
		for _, row := range layer {
			if len(row) != sizes[i]+1 {
				return false
			}
		}
	}
	return true
}

// All returns every scenario, freshly built, the default first.
func All() []Scenario {
	return []Scenario{
		XOR(), XORKeras(), WorkedExample(), And(), Or(),
		Circle(), XOR2D(), Gauss(), Spiral(), Plane(), MultiGauss(), Sine(),
		Iris(), Digits(),
		Diverge(), DeadReLU(), Vanishing(), ZeroInit(),
	}
}

// Default is the name of the scenario nnviz starts on.
const Default = "xor"

// Lookup returns the scenario called name. The error names the bad value
// and the accepted ones.
func Lookup(name string) (Scenario, error) {
	all := All()
	names := make([]string, len(all))
	for i, s := range all {
		if s.Name == name {
			return s, nil
		}
		names[i] = s.Name
	}
	return Scenario{}, fmt.Errorf("unknown scenario %q (accepted: %s)",
		name, strings.Join(names, ", "))
}

// dataset makes a Dataset from rows of inputs and targets.
func dataset(x, y [][]float64) *network.Dataset {
	return &network.Dataset{X: dense(x), Y: dense(y)}
}

func dense(rows [][]float64) *mat.Dense {
	m := mat.NewDense(len(rows), len(rows[0]), nil)
	for i, r := range rows {
		m.SetRow(i, r)
	}
	return m
}

// Raw returns x with the standardization of Scale undone, or x itself if
// the scenario has none.
func (s *Scenario) Raw(x []float64) []float64 {
	if len(s.Scale) != len(x) {
		return x
	}
	raw := make([]float64, len(x))
	for i, v := range x {
		raw[i] = v*s.Scale[i][1] + s.Scale[i][0]
	}
	return raw
}
