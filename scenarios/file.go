package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path/filepath"
	"strings"
)

// LoadFile reads a scenario file: a lesson on the user's own CSV data. The
// file is TOML (name ending in .toml) or JSON (.json) and says which data
// to learn and how; every key but data may be left out and takes the
// default given here.
//
//	name = "iris"            # default: the file's name without extension
//	summary = "one line"     # default: says what the data are
//	lesson = "a paragraph"   # shown in the view; the data and the
//	                         # class mapping are added after it
//	data = "iris.csv"        # required; relative to the scenario file
//	header = true            # whether line 1 names the columns;
//	                         # default: detected (see LoadCSV)
//	columns = ["a", "b"]     # names for the columns, replacing the header's
//	features = ["a", 2]      # names (needs names) or numbers from 1;
//	                         # default: every column but the label
//	label = "species"        # the label, or the target; default: the last
//	task = "classification"  # or "regression"; default: classification
//	                         # when labels are text or at most 10 distinct
//	                         # whole numbers, else regression
//	class_names = ["x", "y"] # names for the classes in index order
//	train_fraction = 0.8     # share of rows that train, in (0, 1]; the
//	                         # rest test; 1 means no test set
//	standardize = true       # scale each feature to mean 0, deviation 1
//	                         # with the training rows' statistics
//	seed = 1                 # the split, first weights and shuffling
//
//	[network]
//	hidden = [8]             # neurons per hidden layer, at least one layer
//	activation = "tanh"      # of the hidden layers
//	output = "sigmoid"       # default: sigmoid for 2 classes, softmax for
//	                         # more, linear for regression
//	loss = "bce"             # default: bce, cce with softmax, mse for
//	                         # regression
//	init = "glorot"          # or he, uniform (with init_range), zeros
//	init_range = 0.5
//
//	[training]
//	optimizer = "adam"       # sgd, momentum, nesterov, adam
//	learning_rate = 0.01
//	batch = 16               # 0 means the whole training set
//	epochs = 200             # 1 to 1000000
//	l1 = 0.0                 # penalty rates on the weights
//	l2 = 0.0
//	shuffle = true           # reorder the training rows every epoch
//
// In JSON the same keys sit in one object, with "network" and "training"
// objects inside it. Classes are numbered in the numeric order of number
// labels and the alphabetical order of text labels; two classes make one
// output with targets 0 and 1, more make one-hot targets (two do too with
// a softmax output). A regression's target is used as it is, unscaled.
//
// The error names the file and, where it can, the line: a syntax error,
// an unknown key, a value out of range, a data file that cannot be read
// or fails as LoadCSV says, or settings that cannot build a network.
func LoadFile(path string) (Scenario, error) {
	data, err := readLimited(path)
	if err != nil {
		return Scenario{}, err
	}
	return loadFile(path, data, readLimited)
}

// LoadCSV reads a CSV file as a scenario with every default of LoadFile:
// the last column is the label, the others are the features, and the task
// is inferred from the labels.
//
// The file may start with a UTF-8 byte order mark, end its lines with
// CRLF, hold spaces around fields and blank lines. Line 1 is taken for a
// header when one of its feature fields is not a number, or when its
// label is text and no other row's label is.
//
// The error names the file, the line and the column of what is wrong: an
// empty file or one with only a header, a row whose number of fields
// differs from line 1, a missing value, a feature that is not a finite
// number (NaN and Inf are not accepted), a label column with one class
// only, more than MaxInputs features, MaxRows rows or MaxClasses classes.
func LoadCSV(path string) (Scenario, error) {
	data, err := readLimited(path)
	if err != nil {
		return Scenario{}, err
	}
	t, err := parseCSV(path, data, userSpec{})
	if err != nil {
		return Scenario{}, err
	}
	var f fileSpec
	f.defaults(path, t)
	return f.scenario(path, t)
}

// loadFile makes a scenario from the scenario file at path holding data;
// read reads the CSV file it names.
func loadFile(path string, data []byte,
	read func(string) ([]byte, error)) (Scenario, error) {
	sf := specFile{path: path, data: bytes.TrimPrefix(data, []byte("\uFEFF"))}
	var f fileSpec
	var err error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".toml":
		sf.toml = true
		err = sf.decodeTOML(&f)
	case ".json":
		err = sf.decodeJSON(&f)
	default:
		err = fmt.Errorf("%s: a scenario file must end in .toml or .json, "+
			"not %q (for a CSV file alone, use --csv)", path, ext)
	}
	if err != nil {
		return Scenario{}, err
	}
	spec, err := sf.check(&f)
	if err != nil {
		return Scenario{}, err
	}

	// data
	csvPath := f.Data
	if !filepath.IsAbs(csvPath) {
		csvPath = filepath.Join(filepath.Dir(path), csvPath)
	}
	csv, err := read(csvPath)
	if errors.Is(err, fs.ErrNotExist) {
		return Scenario{}, sf.errorf("data", "data file %q not found (looked "+
			"for %s)", f.Data, csvPath)
	}
	if err != nil {
		return Scenario{}, fmt.Errorf("%s: %w", path, err)
	}
	t, err := parseCSV(csvPath, csv, spec)
	if err != nil {
		return Scenario{}, err
	}
	if f.ClassNames != nil {
		if t.classes == nil {
			return Scenario{}, sf.errorf("class_names", "class_names is "+
				"only for a classification")
		}
		if len(f.ClassNames) != len(t.classes) {
			return Scenario{}, sf.errorf("class_names", "class_names has "+
				"%d names for %d classes (%s)", len(f.ClassNames),
				len(t.classes), quoteList(t.classes, 12))
		}
		for i, n := range f.ClassNames {
			t.classes[i] = plainText(n, false)
		}
	}
	f.defaults(path, t)
	s, err := f.scenario(csvPath, t)
	if err != nil {
		return Scenario{}, err
	}
	if _, err := s.Build(); err != nil {
		return Scenario{}, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// fileSpec is a scenario file as written. Pointers and nil slices tell a
// key left out from one set to its zero value.
type fileSpec struct {
	Name          string       `toml:"name" json:"name"`
	Summary       string       `toml:"summary" json:"summary"`
	Lesson        string       `toml:"lesson" json:"lesson"`
	Data          string       `toml:"data" json:"data"`
	Header        *bool        `toml:"header" json:"header"`
	Columns       []string     `toml:"columns" json:"columns"`
	Features      []any        `toml:"features" json:"features"`
	Label         any          `toml:"label" json:"label"`
	Task          string       `toml:"task" json:"task"`
	ClassNames    []string     `toml:"class_names" json:"class_names"`
	TrainFraction *float64     `toml:"train_fraction" json:"train_fraction"`
	Standardize   *bool        `toml:"standardize" json:"standardize"`
	Seed          *int64       `toml:"seed" json:"seed"`
	Network       networkSpec  `toml:"network" json:"network"`
	Training      trainingSpec `toml:"training" json:"training"`
}

type networkSpec struct {
	Hidden     []int   `toml:"hidden" json:"hidden"`
	Activation string  `toml:"activation" json:"activation"`
	Output     string  `toml:"output" json:"output"`
	Loss       string  `toml:"loss" json:"loss"`
	Init       string  `toml:"init" json:"init"`
	InitRange  float64 `toml:"init_range" json:"init_range"`
}

type trainingSpec struct {
	Optimizer    string   `toml:"optimizer" json:"optimizer"`
	LearningRate *float64 `toml:"learning_rate" json:"learning_rate"`
	Batch        *int     `toml:"batch" json:"batch"`
	Epochs       *int     `toml:"epochs" json:"epochs"`
	L1           float64  `toml:"l1" json:"l1"`
	L2           float64  `toml:"l2" json:"l2"`
	Shuffle      *bool    `toml:"shuffle" json:"shuffle"`
}

// maxFileEpochs is the most epochs a scenario file may ask for.
const maxFileEpochs = 1_000_000

// check checks the values of f that do not need the data, and returns
// how the data are to be read.
func (sf *specFile) check(f *fileSpec) (userSpec, error) {
	spec := userSpec{header: f.Header, columns: f.Columns, task: f.Task}
	if f.Data == "" {
		return spec, sf.errorf("data", "no data: name the CSV file, "+
			"e.g. data = \"points.csv\"")
	}
	if f.Columns != nil {
		for i, c := range f.Columns {
			f.Columns[i] = strings.TrimSpace(c)
		}
	}
	if f.Label != nil {
		ref, err := columnRef(f.Label)
		if err != nil {
			return spec, sf.errorf("label", "label: %v", err)
		}
		spec.label = &ref
	}
	if f.Features != nil && len(f.Features) == 0 {
		return spec, sf.errorf("features", "features is empty; leave it out "+
			"to use every column but the label")
	}
	for _, v := range f.Features {
		ref, err := columnRef(v)
		if err != nil {
			return spec, sf.errorf("features", "features: %v", err)
		}
		spec.features = append(spec.features, ref)
	}

	switch f.Task {
	case "", taskClassification, taskRegression:
	default:
		return spec, sf.errorf("task", "unknown task %q (accepted: %s, %s)",
			f.Task, taskClassification, taskRegression)
	}
	if p := f.TrainFraction; p != nil && !(*p > 0 && *p <= 1) {
		return spec, sf.errorf("train_fraction", "train_fraction %v is "+
			"not in (0, 1]", *p)
	}
	if f.Seed != nil && *f.Seed < 0 {
		return spec, sf.errorf("seed", "seed %d is negative", *f.Seed)
	}
	if h := f.Network.Hidden; h != nil && len(h) == 0 {
		return spec, sf.errorf("network.hidden", "hidden is empty; give at "+
			"least one layer, e.g. hidden = [8]")
	}
	tr := &f.Training
	if e := tr.Epochs; e != nil && (*e < 1 || *e > maxFileEpochs) {
		return spec, sf.errorf("training.epochs", "epochs %d is not from "+
			"1 to %d", *e, maxFileEpochs)
	}
	if b := tr.Batch; b != nil && *b < 0 {
		return spec, sf.errorf("training.batch", "batch %d is negative "+
			"(0 means the whole training set)", *b)
	}
	if r := tr.LearningRate; r != nil && !(*r > 0 && *r < math.Inf(1)) {
		return spec, sf.errorf("training.learning_rate", "learning_rate %v "+
			"is not a positive number", *r)
	}
	for key, v := range map[string]float64{"l1": tr.L1, "l2": tr.L2} {
		if !(v >= 0 && v < math.Inf(1)) {
			return spec, sf.errorf("training."+key, "%s %v is not a "+
				"number of at least 0", key, v)
		}
	}
	return spec, nil
}

// columnRef reads a column given by name (a string) or number (a whole
// number from 1), as TOML or JSON decode it.
func columnRef(v any) (userColumn, error) {
	var n float64
	switch v := v.(type) {
	case string:
		return userColumn{name: strings.TrimSpace(v)}, nil
	case int64:
		n = float64(v)
	case float64:
		n = v
	default:
		return userColumn{}, fmt.Errorf("%v is not a column name or number", v)
	}
	if !(n >= 1 && n <= 1<<30) || n != math.Trunc(n) {
		return userColumn{}, fmt.Errorf("column number %v is not a whole "+
			"number from 1", v)
	}
	return userColumn{num: int(n)}, nil
}
