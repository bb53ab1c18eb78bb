package scenarios_test

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"nnviz/network"
	"nnviz/scenarios"
)

// writeFiles writes each name → content pair into a new directory and
// returns the directory.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// rows returns every sample of d as input and target rows.
func rows(d *network.Dataset) (x, y [][]float64) {
	for i := range d.Len() {
		xi, yi := d.Sample(i)
		x = append(x, slices.Clone(xi))
		y = append(y, slices.Clone(yi))
	}
	return x, y
}

// exact is how a scenario file asks for the data as they are, in one set,
// so that a test can read back the very values of its CSV.
const exact = "train_fraction = 1\nstandardize = false\n"

func TestLoadCSVAcceptsRealFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, csv  string
		inputs     []string
		classes    []string // nil: regression
		rows       int
		firstInput float64 // column 1 of the first data row, for exact
	}{
		{"header", "a,b,label\n1,2,0\n3,4,1\n5,6,0\n",
			[]string{"a", "b"}, []string{"0", "1"}, 3, 1},
		{"no header", "1,2,0\n3,4,1\n5,6,1\n",
			[]string{"x1", "x2"}, []string{"0", "1"}, 3, 1},
		{"BOM and CRLF", "\uFEFFa,b,c\r\n1,2,yes\r\n3,4,no\r\n",
			[]string{"a", "b"}, []string{"no", "yes"}, 2, 1},
		{"spaces", "  a , b ,c \n 1 ,\t2 , cat \n3, 4,dog\n",
			[]string{"a", "b"}, []string{"cat", "dog"}, 2, 1},
		{"numbers for names", "1,2,label\n1,2,0\n3,4,1\n",
			[]string{"1", "2"}, []string{"0", "1"}, 2, 1},
		{"CR only", "a,b,c\r1,2,0\r3,4,1\r",
			[]string{"a", "b"}, []string{"0", "1"}, 2, 1},
		{"blank lines", "1,2,a\n\n3,4,b\n\n  \n\r\n",
			[]string{"x1", "x2"}, []string{"a", "b"}, 2, 1},
		{"quoted", "\"w, h\",\"d\",label\n\"1.5\",2,\"x y\"\n3,4,z\n",
			[]string{"w, h", "d"}, []string{"x y", "z"}, 2, 1.5},
		{"text classes sorted", "5,virginica\n1,setosa\n3,versicolor\n",
			[]string{"x1"}, []string{"setosa", "versicolor", "virginica"}, 3, 5},
		{"number classes sorted", "1,10\n2,2\n3,1\n4,2.0\n",
			[]string{"x1"}, []string{"1", "2", "10"}, 4, 1},
		{"negative zero", "1,-0\n2,0\n3,1\n",
			[]string{"x1"}, []string{"0", "1"}, 3, 1},
		{"regression", "x,y\n1,0.5\n2,1.5\n3,2.25\n",
			[]string{"x"}, nil, 3, 1},
		{"many whole numbers", "1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n7,7\n8,8\n" +
			"9,9\n10,10\n11,11\n", []string{"x1"}, nil, 11, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, map[string]string{
				"data.csv": tt.csv,
				"exact.toml": exact + "data = \"data.csv\"\n" +
					"[training]\nshuffle = false\n",
			})
			path := filepath.Join(dir, "data.csv")
			s, err := scenarios.LoadCSV(path)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(s.InputNames, tt.inputs) ||
				!slices.Equal(s.ClassNames, tt.classes) ||
				s.Classify != (tt.classes != nil) {
				t.Errorf("inputs %q, classes %q, classify %v; want %q, %q",
					s.InputNames, s.ClassNames, s.Classify, tt.inputs, tt.classes)
			}
			if n := s.Train.Len() + s.Test.Len(); n != tt.rows {
				t.Errorf("%d rows, want %d", n, tt.rows)
			}
			if s.Name != "data" || s.Source != "your file: "+path {
				t.Errorf("name %q, source %q", s.Name, s.Source)
			}
			if _, err := s.Build(); err != nil {
				t.Errorf("Build: %v", err)
			}

			e, err := scenarios.LoadFile(filepath.Join(dir, "exact.toml"))
			if err != nil {
				t.Fatal(err)
			}
			if e.Test != nil || e.Train.Len() != tt.rows {
				t.Fatalf("train_fraction = 1: %d train rows and test %v",
					e.Train.Len(), e.Test)
			}
			x, _ := rows(e.Train)
			if !slices.ContainsFunc(x, func(r []float64) bool {
				return r[0] == tt.firstInput
			}) {
				t.Errorf("no row starts with %v: %v", tt.firstInput, x)
			}
		})
	}
}

// The targets follow the class order: one output 0/1 for two classes,
// one-hot rows for more, and the value itself for regression.
func TestLoadTargets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, csv, extra string
		want             map[float64][]float64 // input → target row
	}{
		{"binary text", "1,yes\n2,no\n3,yes\n", "",
			map[float64][]float64{1: {1}, 2: {0}, 3: {1}}},
		{"binary numbers", "1,5\n2,-1\n", "",
			map[float64][]float64{1: {1}, 2: {0}}},
		{"binary softmax", "1,b\n2,a\n", "[network]\noutput = \"softmax\"\n",
			map[float64][]float64{1: {0, 1}, 2: {1, 0}}},
		{"three classes", "1,c\n2,a\n3,b\n4,a\n", "",
			map[float64][]float64{1: {0, 0, 1}, 2: {1, 0, 0}, 3: {0, 1, 0},
				4: {1, 0, 0}}},
		{"regression", "1,0.25\n2,-7.5\n", "task = \"regression\"\n",
			map[float64][]float64{1: {0.25}, 2: {-7.5}}},
		{"classes of numbers", "1,0.5\n2,0.25\n", "task = \"classification\"\n",
			map[float64][]float64{1: {1}, 2: {0}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, map[string]string{"d.csv": tt.csv,
				"s.toml": exact + "data = \"d.csv\"\n" + tt.extra})
			s, err := scenarios.LoadFile(filepath.Join(dir, "s.toml"))
			if err != nil {
				t.Fatal(err)
			}
			x, y := rows(s.Train)
			if len(x) != len(tt.want) {
				t.Fatalf("%d rows, want %d", len(x), len(tt.want))
			}
			for i := range x {
				if want := tt.want[x[i][0]]; !slices.Equal(y[i], want) {
					t.Errorf("input %v: target %v, want %v", x[i], y[i], want)
				}
			}
		})
	}
}

func TestLoadFileDefaults(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{
		"my lesson.toml":  "data = \"data/points.csv\"\n",
		"my lesson.json":  "{\"data\": \"data/points.csv\"}",
		"data/points.csv": readFile(t, "testdata/files/points.csv"),
	})
	for _, ext := range []string{".toml", ".json"} {
		s, err := scenarios.LoadFile(filepath.Join(dir, "my lesson"+ext))
		if err != nil {
			t.Fatal(err)
		}
		got := []any{s.Name, s.Hidden, s.Activation, s.Output, s.Loss,
			s.Optimizer, s.LearningRate, s.Batch, s.Epochs, s.Shuffle,
			s.Seed, s.L1, s.L2, s.Init, s.Train.Len(), s.Test.Len(),
			s.Classify, s.ClassNames, s.InputNames}
		want := []any{"my lesson", []int{8}, "tanh", "sigmoid", "bce",
			"adam", 0.01, 16, 200, true, uint64(1), 0.0, 0.0, "", 160, 40,
			true, []string{"blue", "orange"}, []string{"x", "y"}}
		for i := range want {
			if !equal(got[i], want[i]) {
				t.Errorf("%s: setting %d is %v, want %v", ext, i, got[i], want[i])
			}
		}
		assertStandardized(t, s.Train)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []int:
		return slices.Equal(a, b.([]int))
	case []string:
		return slices.Equal(a, b.([]string))
	}
	return a == b
}

// standardTol is how far a standardized column's mean and deviation may
// be from 0 and 1 after float64 sums over a few hundred rows.
const standardTol = 1e-9

// assertStandardized checks that every input column of d has mean 0 and
// deviation 1.
func assertStandardized(t *testing.T, d *network.Dataset) {
	t.Helper()
	x, _ := rows(d)
	for j := range x[0] {
		mean, sq := 0.0, 0.0
		for _, r := range x {
			mean += r[j]
			sq += r[j] * r[j]
		}
		mean /= float64(len(x))
		sd := math.Sqrt(sq/float64(len(x)) - mean*mean)
		if math.Abs(mean) > standardTol || math.Abs(sd-1) > standardTol {
			t.Errorf("column %d: mean %v, deviation %v; want 0 and 1",
				j+1, mean, sd)
		}
	}
}

func TestLoadFileOverrides(t *testing.T) {
	t.Parallel()
	s, err := scenarios.LoadFile("testdata/files/points.toml")
	if err != nil {
		t.Fatal(err)
	}
	got := []any{s.Name, s.Hidden, s.LearningRate, s.Epochs, s.L2,
		s.Train.Len(), s.Test.Len()}
	want := []any{"points", []int{4}, 0.05, 100, 0.001, 160, 40}
	for i := range want {
		if !equal(got[i], want[i]) {
			t.Errorf("setting %d is %v, want %v", i, got[i], want[i])
		}
	}
	for _, part := range []string{"Two overlapping clouds. One straight",
		"Your data: 200 rows of points.csv, 160 to train and 40 to test.",
		"Inputs: x, y, standardized",
		"Classes: 0 = blue, 1 = orange."} {
		if !strings.Contains(s.Lesson, part) {
			t.Errorf("lesson lacks %q:\n%s", part, s.Lesson)
		}
	}
	if s.Summary != "two clouds of points, blue and orange" {
		t.Errorf("summary %q", s.Summary)
	}

	// the same file, the same split
	again, err := scenarios.LoadFile("testdata/files/points.toml")
	if err != nil {
		t.Fatal(err)
	}
	x1, _ := rows(s.Test)
	x2, _ := rows(again.Test)
	for i := range x1 {
		if !slices.Equal(x1[i], x2[i]) {
			t.Fatalf("test row %d differs between two loads", i)
		}
	}
}

func TestLoadFileRelativeData(t *testing.T) {
	t.Parallel()
	s, err := scenarios.LoadFile("testdata/files/lessons/relative.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := filepath.Join("testdata", "files", "points.csv")
	if s.Source != "your file: "+want || s.Train.Len() != 160 {
		t.Errorf("source %q, %d rows; want %s, 160", s.Source,
			s.Train.Len(), want)
	}
}

// A classification file learns: the points' two clouds are nearly
// separable, so the test accuracy passes 90 % within the file's epochs.
func TestLoadFileTrains(t *testing.T) {
	t.Parallel()
	s, err := scenarios.LoadFile("testdata/files/points.toml")
	if err != nil {
		t.Fatal(err)
	}
	if e := trainAll(t, s); !(e.TestAccuracy > 0.9) {
		t.Errorf("test accuracy %v after %d epochs, want > 0.9",
			e.TestAccuracy, s.Epochs)
	}
}

func TestLoadIris(t *testing.T) {
	t.Parallel()
	s, err := scenarios.LoadFile("testdata/files/iris.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.ClassNames, []string{"setosa", "versicolor", "virginica"}) ||
		s.InputNames[2] != "petal length" || s.Output != "softmax" ||
		s.Loss != "cce" || s.Train.Len() != 120 || s.Test.Len() != 30 {
		t.Errorf("classes %q, inputs %q, %s/%s, %d+%d rows", s.ClassNames,
			s.InputNames, s.Output, s.Loss, s.Train.Len(), s.Test.Len())
	}
	if !strings.Contains(s.Lesson,
		"Classes: 0 = setosa, 1 = versicolor, 2 = virginica.") {
		t.Errorf("lesson lacks the classes:\n%s", s.Lesson)
	}
	s.Epochs = 60
	if e := trainAll(t, s); !(e.TestAccuracy > 0.85) {
		t.Errorf("test accuracy %v, want > 0.85", e.TestAccuracy)
	}

	// The quick path reads line 1 as a header too: "setosa" and
	// "versicolor" stand in feature columns and are not numbers. The
	// data are right; only the names are scikit-learn's counts.
	q, err := scenarios.LoadCSV("testdata/files/iris.csv")
	if err != nil {
		t.Fatal(err)
	}
	if n := q.Train.Len() + q.Test.Len(); n != 150 ||
		!slices.Equal(q.ClassNames, []string{"0", "1", "2"}) {
		t.Errorf("%d rows, classes %q; want 150 and 0, 1, 2", n, q.ClassNames)
	}
}

func TestLoadRegression(t *testing.T) {
	t.Parallel()
	s, err := scenarios.LoadFile("testdata/files/flats.json")
	if err != nil {
		t.Fatal(err)
	}
	if s.Classify || s.ClassNames != nil || s.Output != "linear" ||
		s.Loss != "mse" || s.Activation != "relu" || s.Init != "he" ||
		s.Name != "flat prices" || s.Epochs != 300 {
		t.Errorf("%+v", s)
	}
	_, y := rows(s.Train)
	if y[0][0] < 50 {
		t.Errorf("target %v was scaled; targets stay as in the file", y[0][0])
	}
	if !strings.Contains(s.Lesson, "Target: price, as in the file.") {
		t.Errorf("lesson: %s", s.Lesson)
	}
}

// A column that never changes is kept, moved to 0 and not divided by its
// deviation of 0.
func TestLoadConstantColumn(t *testing.T) {
	t.Parallel()
	dir := writeFiles(t, map[string]string{"c.csv": "a,b,y\n1,7,0\n2,7,1\n" +
		"3,7,0\n4,7,1\n5,7,1\n"})
	s, err := scenarios.LoadCSV(filepath.Join(dir, "c.csv"))
	if err != nil {
		t.Fatal(err)
	}
	x, _ := rows(s.Train)
	for _, r := range x {
		if r[1] != 0 {
			t.Errorf("constant column standardized to %v, want 0", r[1])
		}
	}
	if _, err := s.Build(); err != nil {
		t.Error(err)
	}
}
