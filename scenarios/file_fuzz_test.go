package scenarios

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Fuzz tests of the loaders: no input may make them panic, an error
// always names the file, and what they accept builds a network. In plain
// go test only the seeds run; run one for longer with
//
//	go test ./scenarios -run '^$' -fuzz FuzzCSV -fuzztime 20s

var csvSeeds = []string{
	"",
	"a,b,label\n1,2,0\n3,4,1\n",
	"1,2,0\n3,4,1\n5,6,1\n",
	"\uFEFFa,b,c\r\n1,2,yes\r\n3,4,no\r\n",
	"  a , b ,c \n 1 ,\t2 , cat \n3, 4,dog\n\n  \n",
	"\"w, h\",\"d\",label\n\"1.5\",2,\"x y\"\n3,4,z\n",
	"x,y\n1,0.5\n2,1.5\n3,1e300\n",
	"1,NaN,0\n2,+Inf,1\n-inf,1e999,0\n",
	"a,b,c\n1,,0\n1,2\n1,2,\n",
	"a,b,c\n1,\"2,0\n",
	"1,-0\n2,0\n3,1\n",
	"1e308,1\n-1e308,0\n1e-320,1\n",
	"150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n" +
		"7.0,3.2,4.7,1.4,1\n6.3,3.3,6.0,2.5,2\n",
}

func FuzzCSV(f *testing.F) {
	for _, s := range csvSeeds {
		for task := range 3 {
			f.Add([]byte(s), uint8(task))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, task uint8) {
		spec := userSpec{task: []string{"", taskClassification,
			taskRegression}[task%3]}
		tab, err := parseCSV("fuzz.csv", data, spec)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		checkTable(t, tab)

		var fs fileSpec
		fs.defaults("fuzz.csv", tab)
		s, err := fs.scenario("fuzz.csv", tab)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if _, err := s.Build(); err != nil {
			t.Fatalf("accepted data do not build: %v", err)
		}
	})
}

// checkTable checks what parseCSV promises of the data it accepts.
func checkTable(t *testing.T, tab *userTable) {
	t.Helper()
	n := len(tab.x)
	if n < 1 || n > MaxRows || len(tab.labels) != n {
		t.Fatalf("%d rows, %d labels", n, len(tab.labels))
	}
	in := len(tab.inputNames)
	if in < 1 || in > MaxInputs {
		t.Fatalf("%d inputs", in)
	}
	if tab.classes != nil && (len(tab.classes) < 2 ||
		len(tab.classes) > MaxClasses) {
		t.Fatalf("%d classes", len(tab.classes))
	}
	for i, row := range tab.x {
		if len(row) != in {
			t.Fatalf("row %d has %d inputs, want %d", i, len(row), in)
		}
		for _, v := range append(row, tab.labels[i]) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("row %d holds %v", i, v)
			}
		}
		if c := tab.labels[i]; tab.classes != nil &&
			(c != math.Trunc(c) || c < 0 || int(c) >= len(tab.classes)) {
			t.Fatalf("row %d has class %v of %d", i, c, len(tab.classes))
		}
	}
}

// fuzzCSV is the data every fuzzed scenario file reads, whatever it
// names.
const fuzzCSV = "a,b,kind\n1,2,cat\n3,4,dog\n5,6,cat\n7,8,dog\n9,1,emu\n"

func FuzzScenarioFile(f *testing.F) {
	for _, name := range []string{"points.toml", "iris.toml", "flats.json",
		"lessons/relative.toml"} {
		b, err := os.ReadFile(filepath.Join("testdata", "files", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, strings.HasSuffix(name, ".json"))
	}
	for _, s := range []string{
		"data = \"d.csv\"\n",
		"data = \"d.csv\"\nlabel = \"kind\"\nfeatures = [\"a\", 2]\n" +
			"task = \"classification\"\nclass_names = [\"c\", \"d\", \"e\"]\n",
		"data = \"d.csv\"\nheader = false\ncolumns = [\"p\", \"q\", \"r\"]\n" +
			"label = 1\ntask = \"regression\"\n",
		"data = \"d.csv\"\nseed = -1\ntrain_fraction = nan\n",
		"data = \"d.csv\"\n[network]\nhidden = [3, 2]\noutput = \"softmax\"\n" +
			"init = \"uniform\"\ninit_range = 0.5\n",
		"data = \"d.csv\"\n[training]\nepochs = 5\nbatch = 0\nl1 = 1e-3\n" +
			"optimizer = \"momentum\"\nlearning_rate = 0.1\nshuffle = false\n",
		"data = \"d.csv\"\n[trainig]\nepochs = = 3\n",
		"label = {a = 1}\nfeatures = [[1]]\n",
	} {
		f.Add([]byte(s), false)
	}
	for _, s := range []string{
		`{"data": "d.csv", "label": 3, "features": [1, "b"]}`,
		`{"data": "d.csv", "network": {"hidden": [4]}, "training": {}}`,
		`{"data": "d.csv", "label": 1.5}`,
		`{"data": "d.csv"} {}`,
		`[1, 2]`,
		`{"data": "d.csv", "network": {"hiden": 1}}`,
	} {
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, data []byte, isJSON bool) {
		name := "fuzz.toml"
		if isJSON {
			name = "fuzz.json"
		}
		csvPath := "\x00" // no file was read
		read := func(path string) ([]byte, error) {
			csvPath = path
			return []byte(fuzzCSV), nil
		}
		s, err := loadFile(name, data, read)
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, name+":") &&
				!strings.HasPrefix(msg, csvPath+":") {
				t.Fatalf("error names neither file: %v", err)
			}
			return
		}
		if _, err := s.Build(); err != nil {
			t.Fatalf("loaded but does not build: %v", err)
		}
	})
}
