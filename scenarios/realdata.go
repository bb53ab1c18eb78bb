package scenarios

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"sync"

	"nnviz/network"
)

// Real data sets, bundled in the binary (see data/README.md for where
// they come from and their license).

//go:embed data/iris.csv data/digits.csv.gz
var bundled embed.FS

// Attribution is the notice that goes with the bundled data.
const Attribution = "Data from scikit-learn 1.2.1 (Debian python3-sklearn), " +
	"© 2007-2019 Scikit-Learn Developers, BSD-3-Clause."

// bundledTable is a bundled data set: feature rows and class indices.
type bundledTable struct {
	x       [][]float64
	classes []int
}

// readTable parses a bundled CSV of numbers whose last column is the
// class index, skipping header lines of other widths. The files are part
// of the program, so a malformed one is a build mistake and panics.
func readTable(name string, r io.Reader, skip int) bundledTable {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	rows, err := cr.ReadAll()
	if err != nil {
		panic(fmt.Sprintf("scenarios: bundled %s: %v", name, err))
	}
	var t bundledTable
	for i, row := range rows[skip:] {
		feats := make([]float64, len(row)-1)
		for k, f := range row[:len(row)-1] {
			if feats[k], err = strconv.ParseFloat(f, 64); err != nil {
				panic(fmt.Sprintf("scenarios: bundled %s line %d: %v", name, i+skip+1, err))
			}
		}
		c, err := strconv.Atoi(row[len(row)-1])
		if err != nil {
			panic(fmt.Sprintf("scenarios: bundled %s line %d: %v", name, i+skip+1, err))
		}
		t.x = append(t.x, feats)
		t.classes = append(t.classes, c)
	}
	return t
}

var (
	irisOnce, digitsOnce sync.Once
	irisTable, digitsTab bundledTable
)

func irisData() bundledTable {
	irisOnce.Do(func() {
		data, err := bundled.ReadFile("data/iris.csv")
		if err != nil {
			panic("scenarios: " + err.Error())
		}
		irisTable = readTable("iris.csv", bytes.NewReader(data), 1)
	})
	return irisTable
}

func digitsData() bundledTable {
	digitsOnce.Do(func() {
		data, err := bundled.ReadFile("data/digits.csv.gz")
		if err != nil {
			panic("scenarios: " + err.Error())
		}
		zr, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			panic("scenarios: digits.csv.gz: " + err.Error())
		}
		digitsTab = readTable("digits.csv.gz", zr, 0)
	})
	return digitsTab
}

// classify splits a bundledTable with a seeded shuffle into training and test
// sets of one-hot targets, its features standardized with the training
// set's means and deviations (a constant feature is left at 0).
func classify(t bundledTable, classes int, fraction float64, seed uint64) (
	train, test *network.Dataset, scale [][2]float64) {
	rng := rand.New(rand.NewPCG(seed, 0x72656164))
	idx := rng.Perm(len(t.x))
	cut := int(math.Round(fraction * float64(len(idx))))

	// statistics of the training rows
	k := len(t.x[0])
	mean, sd := make([]float64, k), make([]float64, k)
	for _, i := range idx[:cut] {
		for j, v := range t.x[i] {
			mean[j] += v
		}
	}
	for j := range mean {
		mean[j] /= float64(cut)
	}
	for _, i := range idx[:cut] {
		for j, v := range t.x[i] {
			sd[j] += (v - mean[j]) * (v - mean[j])
		}
	}
	for j := range sd {
		sd[j] = math.Sqrt(sd[j] / float64(cut))
	}

	var parts [2][2][][]float64
	for n, i := range idx {
		row := make([]float64, k)
		for j, v := range t.x[i] {
			if sd[j] > 0 {
				row[j] = (v - mean[j]) / sd[j]
			}
		}
		target := make([]float64, classes)
		target[t.classes[i]] = 1
		p := 0
		if n >= cut {
			p = 1
		}
		parts[p][0] = append(parts[p][0], row)
		parts[p][1] = append(parts[p][1], target)
	}
	scale = make([][2]float64, k)
	for j := range scale {
		scale[j] = [2]float64{mean[j], sd[j]}
	}
	return dataset(parts[0][0], parts[0][1]), dataset(parts[1][0], parts[1][1]), scale
}

// Iris is Fisher's iris flowers: four measurements, three species.
func Iris() Scenario {
	train, test, scale := classify(irisData(), 3, 0.8, 1)
	return Scenario{
		Name:    "iris",
		Summary: "Fisher's iris flowers: 4 measurements → 3 species, softmax",
		Lesson: "Real data: 150 iris flowers, four measurements each (sepal and " +
			"petal length and width, standardized), three species. The output " +
			"layer is a softmax: three numbers that add up to 1, one per " +
			"species. With cross-entropy its δ is simply ŷ − y. Setosa " +
			"separates at once; versicolor and virginica overlap a little, and " +
			"the last few test flowers are the hard ones. " +
			fmt.Sprintf("%d flowers train, %d test. ", train.Len(), test.Len()) +
			Attribution,
		Train: train, Test: test,
		InputNames: []string{"sepal-l", "sepal-w", "petal-l", "petal-w"},
		ClassNames: []string{"setosa", "versicolor", "virginica"},
		Scale:      scale,
		Classify:   true,
		Source:     Attribution,
		Hidden:     []int{8}, Activation: "tanh", Output: "softmax",
		Loss: "cce", Optimizer: "adam", LearningRate: 0.01,
		Batch: 16, Epochs: 200, Shuffle: true, Seed: 1,
	}
}

// Digits is the UCI handwritten digits: 8×8 images, ten classes.
func Digits() Scenario {
	train, test, scale := classify(digitsData(), 10, 0.8, 1)
	names := make([]string, 64)
	for i := range names {
		names[i] = fmt.Sprintf("p%d.%d", i/8+1, i%8+1)
	}
	return Scenario{
		Name:    "digits",
		Summary: "handwritten digits: 8×8 pixels → 0–9, 64-32-10 softmax",
		Lesson: "The article's application: recognizing handwritten digits. " +
			"Each image is 8×8 pixels of ink (0–16), standardized, so 64 " +
			"inputs; ten softmax outputs, one per digit. " +
			fmt.Sprintf("%d images train and %d test. ", train.Len(), test.Len()) +
			"Too many weights to read one by one: watch the " +
			"loss and the test accuracy, and step a single image to see which " +
			"outputs it lights up. " + Attribution,
		Train: train, Test: test,
		InputNames: names,
		ClassNames: []string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"},
		Classify:   true,
		Source:     Attribution,
		Image:      [2]int{8, 8},
		Scale:      scale,
		Hidden:     []int{32}, Activation: "relu", Output: "softmax",
		Loss: "cce", Optimizer: "adam", LearningRate: 0.001,
		Batch: 32, Epochs: 30, Shuffle: true, Seed: 1, Init: "he",
	}
}
