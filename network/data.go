package network

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// Dataset is a set of samples: X holds one input row per sample and Y the
// matching target row.
type Dataset struct {
	X, Y *mat.Dense
}

// Len returns the number of samples.
func (d *Dataset) Len() int {
	if d == nil || d.X == nil {
		return 0
	}
	r, _ := d.X.Dims()
	return r
}

// Sample returns the input and target rows of sample i, as views.
func (d *Dataset) Sample(i int) (x, y []float64) {
	return d.X.RawRowView(i), d.Y.RawRowView(i)
}

// CheckData returns an error if d cannot train n: a row of the wrong
// width, or targets the loss is not defined for (cross-entropy needs
// targets in [0, 1], and categorical cross-entropy rows that sum to 1).
func CheckData(n *Network, d *Dataset) error {
	if d.Len() == 0 {
		return nil
	}
	_, in := d.X.Dims()
	_, out := d.Y.Dims()
	if in != n.Inputs() || out != n.Outputs() {
		return fmt.Errorf("a %d→%d network cannot train on %d→%d data",
			n.Inputs(), n.Outputs(), in, out)
	}
	if n.Loss != BCE && n.Loss != CCE {
		return nil
	}
	for i := range d.Len() {
		_, y := d.Sample(i)
		sum := 0.0
		for _, v := range y {
			if !(v >= 0 && v <= 1) {
				return fmt.Errorf("target %v of sample %d is outside [0, 1], "+
					"which %s needs", v, i+1, n.Loss.Name())
			}
			sum += v
		}
		if n.Loss == CCE && math.Abs(sum-1) > 1e-9 {
			return fmt.Errorf("targets of sample %d sum to %v; cce needs one-hot rows",
				i+1, sum)
		}
	}
	return nil
}
