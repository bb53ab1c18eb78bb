package main

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"strconv"
	"strings"

	"nnviz/scenarios"
)

// dataFlags change how a generated 2-D data set is made: its noise and
// its split between training and test.
type dataFlags struct {
	noise, fraction float64
}

// define registers --noise and --train-fraction on fs.
func (d *dataFlags) define(fs *flag.FlagSet) {
	fs.Func("noise", "noise of a generated data set in `PERCENT`, 0 to 50 "+
		"(as Playground's slider)", func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || !(v >= 0 && v <= 50) {
			return errors.New("need a number from 0 to 50")
		}
		d.noise = v / 100
		return nil
	})
	fs.Func("train-fraction", "share of a generated data set used for "+
		"training, a `FRACTION` in (0, 1]", func(s string) error {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || !(v > 0 && v <= 1) || math.IsNaN(v) {
			return errors.New("need a number greater than 0 and at most 1")
		}
		d.fraction = v
		return nil
	})
}

// apply makes s's data again with the noise and split fs was given. The
// error names a scenario whose data are not generated.
func (d *dataFlags) apply(fs *flag.FlagSet, s *scenarios.Scenario) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if !set["noise"] && !set["train-fraction"] {
		return nil
	}
	if s.Generated == nil {
		var names []string
		for _, o := range scenarios.All() {
			if o.Generated != nil {
				names = append(names, o.Name)
			}
		}
		return fmt.Errorf("--noise and --train-fraction apply to generated data "+
			"(%s), not to %s", strings.Join(names, ", "), s.Name)
	}
	g := *s.Generated // the scenario's own copy, not the catalogue's
	if set["noise"] {
		g.Noise = d.noise
	}
	if set["train-fraction"] {
		g.TrainFraction = d.fraction
	}
	s.Generated = &g
	return s.Regenerate()
}
