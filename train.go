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

Trains a scenario, or your own data (--file, --csv), without the
step-by-step view and prints Keras-style progress and the loss curve.
Each flag that is given replaces the scenario's own setting; the others
keep it.
`

// trainFlags are the settings nnviz train reads from its command line.
type trainFlags struct {
	scenario           string
	user               userFlags
	data               dataFlags
	epochs, batch      int
	lr                 float64
	hidden             []int
	activation, output string
	optimizer, loss    string
	init               string
	seed               uint64
	l1, l2             float64
	save, load         string
	json               bool
}

// defineTrainFlags registers the flags of nnviz train on fs, to be stored
// in f as they are parsed.
func defineTrainFlags(fs *flag.FlagSet, f *trainFlags) {
	fs.StringVar(&f.scenario, "scenario", scenarios.Default,
		"scenario `NAME` to train (default "+scenarios.Default+
			", see nnviz list)")
	f.user.define(fs)
	f.data.define(fs)
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
	fs.StringVar(&f.output, "output", "",
		"activation `NAME` of the output layer: "+
			strings.Join(network.Names(network.Activations), ", "))
	fs.StringVar(&f.optimizer, "optimizer", "",
		"optimizer `NAME`: "+strings.Join(network.OptimizerNames, ", "))
	fs.StringVar(&f.loss, "loss", "",
		"loss `NAME`: "+strings.Join(network.Names(network.Losses), ", "))
	fs.StringVar(&f.init, "init", "",
		"weight initialization `NAME`: "+strings.Join(network.Initializers[:2], ", ")+
			", zeros (uniform needs a scenario file)")
	fs.Func("l1", "L1 penalty rate `λ1` on the weights (at least 0)",
		nonNegative(&f.l1))
	fs.Func("l2", "L2 penalty rate `λ2` on the weights (at least 0)",
		nonNegative(&f.l2))
	fs.StringVar(&f.save, "save", "",
		"after training, write the network to `FILE` (JSON)")
	fs.StringVar(&f.load, "load", "",
		"start from the network saved in `FILE` instead of new weights")
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

// nonNegative returns a flag parser that stores a finite number of at
// least 0 in dst.
func nonNegative(dst *float64) func(string) error {
	return func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || !(v >= 0) || math.IsInf(v, 0) {
			return errors.New("need a number of at least 0, e.g. 0.001")
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
		if err != nil || n < 1 || n > scenarios.MaxNeurons {
			return nil, fmt.Errorf("need neuron counts from 1 to %d separated "+
				"by commas, e.g. 8,8", scenarios.MaxNeurons)
		}
		sizes = append(sizes, n)
	}
	if len(sizes) > scenarios.MaxHiddenLayers {
		return nil, fmt.Errorf("at most %d hidden layers", scenarios.MaxHiddenLayers)
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
	if set["output"] {
		s.Output = f.output
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
	if set["init"] {
		s.Init = f.init
	}
	if set["l1"] {
		s.L1 = f.l1
	}
	if set["l2"] {
		s.L2 = f.l2
	}
	return s
}

// shapeFlags are the flags that describe a new network, which a network
// loaded with --load already has.
var shapeFlags = []string{"hidden", "activation", "output", "loss", "optimizer", "init", "seed"}

// loadTrainer builds a trainer from the network saved in f.load, on the
// scenario's data, with the training settings given on the command line.
func (f *trainFlags) loadTrainer(s scenarios.Scenario,
	set map[string]bool) (*network.Trainer, error) {
	for _, name := range shapeFlags {
		if set[name] {
			return nil, fmt.Errorf("--%s cannot change a network loaded with --load", name)
		}
	}
	saved, err := network.Load(f.load)
	if err != nil {
		return nil, err
	}
	n := saved.Net
	for _, d := range []*network.Dataset{s.Train, s.Test} {
		if err := network.CheckData(n, d); err != nil {
			return nil, fmt.Errorf("%s on %s: %w", f.load, s.Name, err)
		}
	}
	cfg := saved.Config
	cfg.Classify = s.Classify
	if set["lr"] {
		saved.Opt.SetLearningRate(f.lr)
	}
	if set["batch"] {
		cfg.Batch = f.batch
	}
	if set["l1"] {
		cfg.L1 = f.l1
	}
	if set["l2"] {
		cfg.L2 = f.l2
	}
	return network.NewTrainer(n, saved.Opt, s.Train, s.Test, cfg), nil
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
	// a place that cannot be saved to is found before training, not after
	if set["save"] {
		if _, err := network.CheckSavePath(f.save); err != nil {
			return badInput(stderr, fmt.Errorf("--save: %w", err))
		}
	}

	s, ok, err := f.user.load(fs)
	if !ok && err == nil {
		s, err = scenarios.Lookup(f.scenario)
	}
	if err != nil {
		return badInput(stderr, err)
	}
	s = f.apply(s, set)
	if err := f.data.apply(fs, &s); err != nil {
		return badInput(stderr, err)
	}
	if s.Epochs < 1 {
		return badInput(stderr, fmt.Errorf(
			"scenario %q has %d epochs (need at least 1)", s.Name, s.Epochs))
	}
	var t *network.Trainer
	if f.load != "" {
		t, err = f.loadTrainer(s, set)
	} else {
		t, err = s.Build()
	}
	if err != nil {
		return badInput(stderr, err)
	}

	var res result
	if f.json {
		res = train(s, t, nil)
	} else {
		p := newProgress(stdout, s, t)
		res = train(s, t, p.epoch)
		p.finish(res)
	}
	// the network is saved before the JSON is printed, so that a failed
	// save is not reported as a finished run
	if f.save != "" {
		if err := network.Save(f.save, t); err != nil {
			fmt.Fprintf(stderr, "nnviz: cannot save the network: %v\n", err)
			return exitFail
		}
	}
	if f.json {
		return writeJSON(stdout, stderr, res)
	}
	return exitOK
}
