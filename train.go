package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"nnviz/network"
	"nnviz/scenarios"
)

const trainHelp = `Usage: nnviz train [flags]

Trains a scenario without the step-by-step view and prints Keras-style
progress and the loss curve. Each flag that is given replaces the
scenario's own setting; the others keep it.
`

// trainFlags are the settings nnviz train reads from its command line.
type trainFlags struct {
	scenario                    string
	epochs, batch               int
	lr                          float64
	hidden                      []int
	activation, optimizer, loss string
	seed                        uint64
	json                        bool
}

// defineTrainFlags registers the flags of nnviz train on fs, to be stored
// in f as they are parsed.
func defineTrainFlags(fs *flag.FlagSet, f *trainFlags) {
	fs.StringVar(&f.scenario, "scenario", scenarios.Default,
		"scenario `NAME` to train (default "+scenarios.Default+
			", see nnviz list)")
	fs.Func("epochs", "train for `N` epochs (at least 1)",
		intAtLeast(1, &f.epochs))
	fs.Func("lr", "learning rate η, a positive `NUMBER` such as 0.1",
		func(s string) error {
			v, err := strconv.ParseFloat(s, 64)
			if err != nil || !(v > 0) || math.IsInf(v, 0) {
				return errors.New("need a positive number, e.g. 0.1")
			}
			f.lr = v
			return nil
		})
	fs.Func("batch", "`N` samples per update (0: the whole set)",
		intAtLeast(0, &f.batch))
	fs.Func("hidden", "`SIZES` of the hidden layers, e.g. 8,8 (each ≥ 1)",
		func(s string) error {
			h, err := parseHidden(s)
			f.hidden = h
			return err
		})
	fs.StringVar(&f.activation, "activation", "",
		"activation `NAME` of hidden layers: "+
			strings.Join(network.Names(network.Activations), ", "))
	fs.StringVar(&f.optimizer, "optimizer", "",
		"optimizer `NAME`: "+strings.Join(network.OptimizerNames, ", "))
	fs.StringVar(&f.loss, "loss", "",
		"loss `NAME`: "+strings.Join(network.Names(network.Losses), ", "))
	fs.Func("seed", "random `SEED` for the first weights and the shuffling",
		func(s string) error {
			v, err := strconv.ParseUint(s, 10, 64)
			if err != nil {
				return errors.New("need a whole number of at least 0")
			}
			f.seed = v
			return nil
		})
	fs.BoolVar(&f.json, "json", false,
		"print one JSON object with the results, and nothing else")
}

// intAtLeast returns a flag parser that stores a whole number of at least
// lo in dst.
func intAtLeast(lo int, dst *int) func(string) error {
	return func(s string) error {
		v, err := strconv.Atoi(s)
		if err != nil || v < lo {
			return fmt.Errorf("need a whole number of at least %d", lo)
		}
		*dst = v
		return nil
	}
}

// parseHidden reads a comma list of neuron counts such as "8,8". A network
// without hidden layers is not offered: every count must be at least 1.
func parseHidden(s string) ([]int, error) {
	var sizes []int
	for part := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(part))
		if err != nil || n < 1 {
			return nil, fmt.Errorf(
				"need neuron counts of at least 1 separated by commas, e.g. 8,8")
		}
		sizes = append(sizes, n)
	}
	return sizes, nil
}

// apply returns s with every setting that was given on the command line
// (set holds their names) replaced.
func (f *trainFlags) apply(s scenarios.Scenario,
	set map[string]bool) scenarios.Scenario {
	if set["epochs"] {
		s.Epochs = f.epochs
	}
	if set["lr"] {
		s.LearningRate = f.lr
	}
	if set["batch"] {
		s.Batch = f.batch
	}
	if set["hidden"] {
		s.Hidden = f.hidden
	}
	if set["activation"] {
		s.Activation = f.activation
	}
	if set["optimizer"] {
		s.Optimizer = f.optimizer
	}
	if set["loss"] {
		s.Loss = f.loss
	}
	if set["seed"] {
		s.Seed = f.seed
	}
	return s
}

// runTrain trains a scenario headless and reports on stdout: progress
// lines and a loss curve, or with --json one JSON object.
func runTrain(args []string, stdout, stderr io.Writer) int {
	var f trainFlags
	fs := newFlagSet("nnviz train")
	defineTrainFlags(fs, &f)
	if code, done := parse(fs, args, trainHelp, stdout, stderr); done {
		return code
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })

	s, err := scenarios.Lookup(f.scenario)
	if err != nil {
		return badInput(stderr, err)
	}
	s = f.apply(s, set)
	if s.Epochs < 1 {
		return badInput(stderr, fmt.Errorf(
			"scenario %q has %d epochs (need at least 1)", s.Name, s.Epochs))
	}
	t, err := s.Build()
	if err != nil {
		return badInput(stderr, err)
	}

	if f.json {
		return writeJSON(stdout, stderr, train(s, t, nil))
	}
	p := newProgress(stdout, s, t)
	res := train(s, t, p.epoch)
	p.finish(res)
	return exitOK
}
