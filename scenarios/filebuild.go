package scenarios

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strings"
)

// Turning a user's data and settings into a Scenario: the defaults, the
// train/test split, standardization and the targets.

// splitStream is the PCG stream of the train/test split, apart from the
// streams the first weights and the shuffling draw from.
const splitStream = 0x73706c6974

// defaults fills in every setting f leaves out; the scenario is named
// after path, and some defaults depend on the data t.
func (f *fileSpec) defaults(path string, t *userTable) {
	if f.Name == "" {
		base := filepath.Base(path)
		f.Name = strings.TrimSuffix(base, filepath.Ext(base))
	}
	if strings.TrimSpace(f.Name) == "" {
		f.Name = "your data"
	}
	setDefault(&f.TrainFraction, 0.8)
	setDefault(&f.Standardize, true)
	setDefault(&f.Seed, 1)

	n := &f.Network
	if n.Hidden == nil {
		n.Hidden = []int{8}
	}
	if n.Activation == "" {
		n.Activation = "tanh"
	}
	if n.Output == "" {
		switch {
		case t.classes == nil:
			n.Output = "linear"
		case len(t.classes) == 2:
			n.Output = "sigmoid"
		default:
			n.Output = "softmax"
		}
	}
	if n.Loss == "" {
		switch {
		case n.Output == "softmax":
			n.Loss = "cce"
		case t.classes != nil:
			n.Loss = "bce"
		default:
			n.Loss = "mse"
		}
	}

	tr := &f.Training
	if tr.Optimizer == "" {
		tr.Optimizer = "adam"
	}
	setDefault(&tr.LearningRate, 0.01)
	setDefault(&tr.Batch, 16)
	setDefault(&tr.Epochs, 200)
	setDefault(&tr.Shuffle, true)
}

func setDefault[T any](p **T, v T) {
	if *p == nil {
		*p = &v
	}
}

// scenario makes the scenario f describes, f's defaults filled in, on the
// data t read from csvPath.
func (f *fileSpec) scenario(csvPath string, t *userTable) (Scenario, error) {
	// split
	n := len(t.x)
	rng := rand.New(rand.NewPCG(uint64(*f.Seed), splitStream))
	order := rng.Perm(n)
	cut := min(max(int(math.Round(*f.TrainFraction*float64(n))), 1), n)

	// inputs and targets
	oneHot := t.classes != nil &&
		(len(t.classes) > 2 || f.Network.Output == "softmax")
	x := make([][]float64, n)
	y := make([][]float64, n)
	for i, r := range order {
		x[i] = append([]float64(nil), t.x[r]...)
		if oneHot {
			y[i] = make([]float64, len(t.classes))
			y[i][int(t.labels[r])] = 1
		} else {
			y[i] = []float64{t.labels[r]}
		}
	}
	if *f.Standardize {
		if err := standardize(x, cut, t); err != nil {
			return Scenario{}, err
		}
	}

	s := Scenario{
		Name:         plainText(f.Name, false),
		Summary:      plainText(f.Summary, false),
		Lesson:       f.lesson(csvPath, t, cut),
		Train:        dataset(x[:cut], y[:cut]),
		InputNames:   t.inputNames,
		Classify:     t.classes != nil,
		ClassNames:   t.classes,
		Source:       "your file: " + csvPath,
		Hidden:       f.Network.Hidden,
		Activation:   f.Network.Activation,
		Output:       f.Network.Output,
		Loss:         f.Network.Loss,
		Init:         f.Network.Init,
		InitRange:    f.Network.InitRange,
		Optimizer:    f.Training.Optimizer,
		LearningRate: *f.Training.LearningRate,
		Batch:        *f.Training.Batch,
		Epochs:       *f.Training.Epochs,
		Shuffle:      *f.Training.Shuffle,
		L1:           f.Training.L1,
		L2:           f.Training.L2,
		Seed:         uint64(*f.Seed),
	}
	if cut < n {
		s.Test = dataset(x[cut:], y[cut:])
	}
	if s.Summary == "" {
		s.Summary = fmt.Sprintf("your data: %s, %d inputs → %s",
			filepath.Base(csvPath), len(t.inputNames), t.outcome())
	}
	return s, nil
}

// standardize scales each column of x to mean 0 and deviation 1, with the
// statistics of the training rows x[:cut]. A column with deviation 0 is
// only moved to mean 0. The error names a column whose values are too
// large for the statistics to be finite.
func standardize(x [][]float64, cut int, t *userTable) error {
	for j := range x[0] {
		mean, sd := 0.0, 0.0
		for _, row := range x[:cut] {
			mean += row[j]
		}
		mean /= float64(cut)
		for _, row := range x[:cut] {
			sd += (row[j] - mean) * (row[j] - mean)
		}
		sd = math.Sqrt(sd / float64(cut))
		bad := math.IsNaN(mean+sd) || math.IsInf(mean+sd, 0)
		if sd == 0 {
			sd = 1
		}
		for _, row := range x {
			row[j] = (row[j] - mean) / sd
			if bad || math.IsNaN(row[j]) || math.IsInf(row[j], 0) {
				return fmt.Errorf("%s: %s: values too large or too close "+
					"together to standardize; scale them, or set "+
					"standardize = false", t.file, t.inputCols[j])
			}
		}
	}
	return nil
}

// outcome says what the network predicts: classes, or the target.
func (t *userTable) outcome() string {
	if t.classes == nil {
		return t.labelName + " (regression)"
	}
	return fmt.Sprintf("%d classes", len(t.classes))
}

// lesson is the scenario file's lesson followed by what the data are:
// the rows and the split, the inputs, and the classes' numbers.
func (f *fileSpec) lesson(csvPath string, t *userTable, cut int) string {
	var parts []string
	if l := strings.TrimSpace(plainText(f.Lesson, true)); l != "" {
		parts = append(parts, l)
	}

	n := len(t.x)
	split := fmt.Sprintf("%d to train and %d to test", cut, n-cut)
	if cut == n {
		split = "all to train, none to test"
	}
	parts = append(parts, fmt.Sprintf("Your data: %d rows of %s, %s.",
		n, filepath.Base(csvPath), split))

	inputs := fmt.Sprintf("%d inputs", len(t.inputNames))
	if len(t.inputNames) <= 8 {
		inputs = "Inputs: " + strings.Join(t.inputNames, ", ")
	}
	if *f.Standardize {
		inputs += ", standardized with the training rows' means and deviations."
	} else {
		inputs += ", as in the file."
	}
	parts = append(parts, inputs)

	if t.classes == nil {
		parts = append(parts, fmt.Sprintf("Target: %s, as in the file.",
			t.labelName))
	} else {
		classes := make([]string, len(t.classes))
		for i, c := range t.classes {
			classes[i] = fmt.Sprintf("%d = %s", i, c)
		}
		parts = append(parts, "Classes: "+strings.Join(classes, ", ")+".")
	}
	return strings.Join(parts, " ")
}
