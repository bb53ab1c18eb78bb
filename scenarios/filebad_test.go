package scenarios_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"nnviz/scenarios"
)

// wide returns a CSV header and two rows with n feature columns and a
// label.
func wide(n int) string {
	var head, row []string
	for i := range n {
		head = append(head, fmt.Sprintf("f%d", i+1))
		row = append(row, "1")
	}
	r := strings.Join(row, ",")
	return strings.Join(append(head, "y"), ",") + "\n" + r + ",0\n" +
		r + ",1\n"
}

// long returns a CSV file of n data rows with two classes.
func long(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%d,%d\n", i, i%2)
	}
	return b.String()
}

func TestLoadCSVRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, csv string
		want      []string // in the error, beside the file's name
	}{
		{"empty", "", []string{"no data rows", "empty"}},
		{"blank lines only", "\n\n  \n", []string{"empty"}},
		{"header only", "a,b,label\n", []string{"only a header"}},
		{"one column", "1\n2\n", []string{"data.csv:1:",
			"need at least one feature and a label"}},
		{"ragged short", "a,b,c\n1,2,0\n1,2\n", []string{"data.csv:3:",
			"2 fields, but line 1 has 3"}},
		{"ragged long", "1,2,0\n1,2,0,4\n", []string{"data.csv:2:",
			"4 fields"}},
		{"missing value", "a,b,c\n1,,0\n", []string{"data.csv:2:",
			`column 2 ("b")`, "missing value"}},
		{"not a number", "a,b,c\n1,2,0\n1,x2,1\n", []string{"data.csv:3:",
			`column 2 ("b")`, `"x2" is not a number`}},
		{"NaN", "1,NaN,0\n2,3,1\n", []string{"data.csv:1:", "column 2",
			`"NaN" is not a finite number`}},
		{"Inf", "a,b,c\n1,2,0\nInf,3,1\n", []string{"data.csv:3:",
			`column 1 ("a")`, `"Inf" is not a finite number`}},
		{"+Inf", "1,2,0\n2,+Inf,1\n", []string{"data.csv:2:", "column 2",
			`"+Inf"`}},
		{"-inf", "1,2,0\n2,-inf,1\n", []string{"data.csv:2:", `"-inf"`}},
		{"1e999", "1,2,0\n1e999,3,1\n", []string{"data.csv:2:", "column 1",
			`"1e999" is out of range`}},
		{"missing label", "a,b,c\n1,2,0\n1,2,\n", []string{"data.csv:3:",
			`column 3 ("c")`, "missing label"}},
		{"NaN label", "1,2,0\n1,2,nan\n", []string{"data.csv:2:",
			`label "nan" is not a finite number`}},
		{"NaN among text labels", "1,a\n2,NaN\n3,b\n", []string{
			"data.csv:2:", `"NaN" is not a finite number`}},
		{"one class", "a,b,kind\n1,2,cat\n3,4,cat\n", []string{
			`column 3 ("kind") has one class only ("cat")`}},
		{"one number class", "1,7\n2,7\n", []string{"one class only"}},
		{"too many inputs", wide(scenarios.MaxInputs + 1), []string{
			"65 feature columns", "at most 64 inputs"}},
		{"too many rows", long(scenarios.MaxRows + 1), []string{
			"data.csv:10001:", "more than 10000 data rows"}},
		{"too many classes", "a,b\n" + classes(scenarios.MaxClasses+1),
			[]string{"65 classes", "at most 64"}},
		{"bad quote", "a,b,c\n1,\"2,0\n", []string{"data.csv:2:",
			"quote"}},
		{"bare quote", "a,b,c\n1,2\"x,0\n", []string{"data.csv:2:",
			"bare \""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, map[string]string{"data.csv": tt.csv})
			_, err := scenarios.LoadCSV(filepath.Join(dir, "data.csv"))
			assertError(t, err, append(tt.want, "data.csv"))
		})
	}

	// limits that are met exactly are fine
	for _, csv := range []string{wide(scenarios.MaxInputs),
		long(scenarios.MaxRows), classes(scenarios.MaxClasses)} {
		dir := writeFiles(t, map[string]string{"ok.csv": csv})
		if _, err := scenarios.LoadCSV(filepath.Join(dir, "ok.csv")); err != nil {
			t.Errorf("at the limit: %v", err)
		}
	}
}

// classes returns n rows of one feature, each with its own class.
func classes(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%d,c%d\n", i, i)
	}
	return b.String()
}

// assertError checks that err is not nil and mentions every part of want.
func assertError(t *testing.T, err error, want []string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one mentioning %q", want)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("error %q is more than one line", err)
	}
}

// goodCSV is a small valid data file for the scenario-file tests.
const goodCSV = "a,b,kind\n1,2,cat\n3,4,dog\n5,6,cat\n7,8,dog\n9,1,emu\n"

func TestLoadFileRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, file, content string
		want                []string
	}{
		{"extension", "s.yaml", "data = 'd.csv'", []string{"s.yaml",
			".toml or .json", `".yaml"`}},
		{"TOML syntax", "s.toml", "data = \"d.csv\"\nseed = = 3\n",
			[]string{"s.toml:2:"}},
		{"TOML unclosed string", "s.toml", "name = \"x\n", []string{
			"s.toml:1:"}},
		{"TOML type", "s.toml", "data = \"d.csv\"\n[training]\n" +
			"epochs = \"ten\"\n", []string{"s.toml:3:", "training.epochs",
			"incompatible types"}},
		{"TOML duplicate key", "s.toml", "data = \"d.csv\"\ndata = \"e\"\n",
			[]string{"s.toml:2:", "data"}},
		{"JSON syntax", "s.json", "{\n\"data\": \"d.csv\",\n}\n", []string{
			"s.json:3:", "invalid character '}'"}},
		{"JSON empty", "s.json", "", []string{"s.json", "empty"}},
		{"JSON cut short", "s.json", "{\"data\": \"d.csv\",\n", []string{
			"s.json:2:", "ends inside"}},
		{"JSON type", "s.json", "{\"data\": \"d.csv\",\n\"training\": " +
			"{\"epochs\": \"ten\"}}", []string{"s.json:2:",
			"training.epochs is a JSON string; want a whole number"}},
		{"JSON not an object", "s.json", "[1, 2]", []string{"s.json:1:",
			"is a JSON array; want an object"}},
		{"JSON after the object", "s.json", "{\"data\": \"d.csv\"}\n{}",
			[]string{"s.json:2:", "more after the closing }"}},
		{"unknown key", "s.toml", "data = \"d.csv\"\nepoch = 5\n", []string{
			"s.toml:2:", `unknown key "epoch"`, "accepted: name, summary"}},
		{"unknown key in training", "s.toml", "data = \"d.csv\"\n[training]\n" +
			"lerning_rate = 0.1\n", []string{"s.toml:3:",
			`unknown key "training.lerning_rate" in [training]`,
			"learning_rate"}},
		{"unknown table", "s.toml", "data = \"d.csv\"\n[trainig]\nepochs = 1\n",
			[]string{"s.toml:2:", `unknown key "trainig`}},
		{"JSON unknown key", "s.json", "{\"data\": \"d.csv\",\n\"network\": " +
			"{\"hiden\": [3]}}", []string{"s.json:2:",
			`unknown key "network.hiden" in [network]`, "hidden"}},
		{"no data", "s.toml", "name = \"x\"\n", []string{"s.toml:",
			"no data"}},
		{"data not found", "s.toml", "data = \"nope.csv\"\n", []string{
			"s.toml:1:", `data file "nope.csv" not found`}},
		{"feature not in header", "s.toml", "data = \"d.csv\"\n" +
			"features = [\"a\", \"z\"]\n", []string{"d.csv",
			`feature "z" is not a column`, `"a", "b", "kind"`}},
		{"label not in header", "s.json", "{\"data\": \"d.csv\", " +
			"\"label\": \"species\"}", []string{`label "species" is not a column`}},
		{"column out of range", "s.toml", "data = \"d.csv\"\nlabel = 9\n",
			[]string{"d.csv", "label column 9 is out of range",
				"has 3 columns"}},
		{"column 0", "s.toml", "data = \"d.csv\"\nfeatures = [0]\n",
			[]string{"s.toml:2:", "features: column number 0"}},
		{"column 1.5", "s.json", "{\"data\": \"d.csv\", \"label\": 1.5}",
			[]string{"s.json:1:", "label: column number 1.5"}},
		{"column true", "s.toml", "data = \"d.csv\"\nlabel = true\n",
			[]string{"label: true is not a column name or number"}},
		{"names without header", "s.toml", "data = \"d.csv\"\nheader = false\n" +
			"features = [\"a\"]\n", []string{`feature "a"`, "no header"}},
		{"features empty", "s.toml", "data = \"d.csv\"\nfeatures = []\n",
			[]string{"s.toml:2:", "features is empty"}},
		{"feature is label", "s.toml", "data = \"d.csv\"\nfeatures = [1, 3]\n",
			[]string{`column 3 ("kind") is both a feature and the label`}},
		{"feature twice", "s.toml", "data = \"d.csv\"\nfeatures = [1, \"a\"]\n",
			[]string{`column 1 ("a") is a feature twice`}},
		{"negative epochs", "s.toml", "data = \"d.csv\"\n[training]\n" +
			"epochs = -5\n", []string{"s.toml:3:", "epochs -5"}},
		{"zero epochs", "s.json", "{\"data\": \"d.csv\",\n\"training\": " +
			"{\"epochs\": 0}}", []string{"s.json:2:", "epochs 0"}},
		{"train_fraction 0", "s.toml", "data = \"d.csv\"\ntrain_fraction = 0\n",
			[]string{"s.toml:2:", "train_fraction 0 is not in (0, 1]"}},
		{"train_fraction 1.5", "s.toml", "data = \"d.csv\"\n" +
			"train_fraction = 1.5\n", []string{"train_fraction 1.5"}},
		{"train_fraction nan", "s.toml", "data = \"d.csv\"\n" +
			"train_fraction = nan\n", []string{"train_fraction NaN"}},
		{"unknown task", "s.toml", "data = \"d.csv\"\ntask = \"clustering\"\n",
			[]string{"s.toml:2:", `unknown task "clustering"`,
				"classification, regression"}},
		{"regression on text", "s.toml", "data = \"d.csv\"\n" +
			"task = \"regression\"\n", []string{"d.csv:2:",
			`column 3 ("kind")`, `target "cat" is not a number`}},
		{"negative seed", "s.toml", "data = \"d.csv\"\nseed = -1\n",
			[]string{"s.toml:2:", "seed -1 is negative"}},
		{"negative batch", "s.toml", "data = \"d.csv\"\n[training]\n" +
			"batch = -1\n", []string{"s.toml:3:", "batch -1"}},
		{"learning rate 0", "s.toml", "data = \"d.csv\"\n[training]\n" +
			"learning_rate = 0.0\n", []string{"s.toml:3:", "learning_rate 0"}},
		{"learning rate inf", "s.toml", "data = \"d.csv\"\n[training]\n" +
			"learning_rate = inf\n", []string{"learning_rate +Inf"}},
		{"negative l2", "s.toml", "data = \"d.csv\"\n[training]\n" +
			"l2 = -0.1\n", []string{"s.toml:3:", "l2 -0.1"}},
		{"hidden empty", "s.toml", "data = \"d.csv\"\n[network]\nhidden = []\n",
			[]string{"s.toml:3:", "hidden is empty"}},
		{"hidden 0", "s.toml", "data = \"d.csv\"\n[network]\nhidden = [0]\n",
			[]string{"s.toml: hidden layer 1 has 0 neurons"}},
		{"unknown activation", "s.toml", "data = \"d.csv\"\n[network]\n" +
			"activation = \"swish\"\n", []string{"s.toml: ",
			`unknown activation "swish"`}},
		{"unknown optimizer", "s.json", "{\"data\": \"d.csv\", \"training\": " +
			"{\"optimizer\": \"rmsprop\"}}", []string{"s.json: ",
			`"rmsprop"`}},
		{"uniform without range", "s.toml", "data = \"d.csv\"\n[network]\n" +
			"init = \"uniform\"\n", []string{"s.toml: ", "range"}},
		{"class_names count", "s.toml", "data = \"d.csv\"\n" +
			"class_names = [\"x\", \"y\"]\n", []string{"s.toml:2:",
			"class_names has 2 names for 3 classes"}},
		{"class_names in regression", "s.toml", "data = \"d.csv\"\n" +
			"label = 1\nfeatures = [2]\ntask = \"regression\"\n" +
			"class_names = [\"x\"]\n", []string{"s.toml:5:",
			"only for a classification"}},
		{"columns too few", "s.toml", "data = \"d.csv\"\ncolumns = [\"a\"]\n",
			[]string{"d.csv", "columns names 1"}},
		{"columns against rows", "s.toml", "data = \"d.csv\"\n" +
			"columns = [\"p\", \"q\"]\n", []string{"d.csv:2:",
			"3 fields, but columns names 2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := writeFiles(t, map[string]string{tt.file: tt.content,
				"d.csv": goodCSV})
			_, err := scenarios.LoadFile(filepath.Join(dir, tt.file))
			assertError(t, err, tt.want)
		})
	}
}

func TestLoadMissingFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, load := range []func(string) (scenarios.Scenario, error){
		scenarios.LoadFile, scenarios.LoadCSV,
	} {
		path := filepath.Join(dir, "none.toml")
		_, err := load(path)
		assertError(t, err, []string{path, "no such file"})
	}
}
