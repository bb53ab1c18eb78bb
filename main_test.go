package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runArgs runs nnviz with args and no terminal, and returns the exit code
// and what it wrote.
func runArgs(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestTrainJSON(t *testing.T) {
	t.Parallel()
	code, out, errOut := runArgs(t, "train", "--json", "--epochs", "5")
	if code != exitOK || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if strings.Count(out, "\n") != 1 {
		t.Errorf("stdout is not exactly one line:\n%s", out)
	}

	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	want := map[string]string{ // key → JSON type; "null" must be null
		"scenario":           "string",
		"epochs":             "number",
		"steps":              "number",
		"train_loss":         "number",
		"test_loss":          "null", // xor has no test set
		"accuracy":           "number",
		"diverged":           "bool",
		"seconds":            "number",
		"samples_per_second": "number",
	}
	for key, typ := range want {
		v, ok := got[key]
		if !ok {
			t.Errorf("key %q missing", key)
			continue
		}
		if jsonType(v) != typ {
			t.Errorf("%s = %v, a %s; want a %s", key, v, jsonType(v), typ)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d keys, want %d: %s", len(got), len(want), out)
	}
	if got["scenario"] != "xor" || got["epochs"] != 5.0 || got["steps"] != 20.0 {
		t.Errorf("scenario, epochs, steps = %v, %v, %v; want xor, 5, 20",
			got["scenario"], got["epochs"], got["steps"])
	}
}

// jsonType names the JSON type of a value decoded into any.
func jsonType(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	}
	return "other"
}

func TestTrainDeterministic(t *testing.T) {
	t.Parallel()
	args := []string{"train", "--json", "--scenario", "xor-keras",
		"--epochs", "50", "--lr", "0.05", "--seed", "7"}
	var runs [2]result
	for i := range runs {
		code, out, errOut := runArgs(t, args...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		if err := json.Unmarshal([]byte(out), &runs[i]); err != nil {
			t.Fatal(err)
		}
	}
	a, b := runs[0], runs[1]
	if a.TrainLoss == nil || b.TrainLoss == nil {
		t.Fatalf("train_loss is null: %+v", a)
	}
	if *a.TrainLoss != *b.TrainLoss || *a.Accuracy != *b.Accuracy ||
		a.Steps != b.Steps {
		t.Errorf("same seed, different results:\n%+v\n%+v", a, b)
	}
}

func TestTrainDiverges(t *testing.T) {
	t.Parallel()
	code, out, errOut := runArgs(t, "train", "--json", "--scenario",
		"worked-example", "--activation", "linear", "--lr", "1e6",
		"--epochs", "50")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r result
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !r.Diverged || r.Epochs >= 50 || r.TrainLoss == nil {
		t.Errorf("want diverged early with a finite train_loss, got %s", out)
	}
}

func TestTrainText(t *testing.T) {
	t.Parallel()
	code, out, errOut := runArgs(t, "train", "--epochs", "300")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"Epoch 1/300 - loss: ", "Epoch 300/300 - loss: ", " - accuracy: ",
		"loss per epoch",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "Epoch "); n < 12 || n > 22 {
		t.Errorf("%d epoch lines, want the first, the last and 10 to 20", n)
	}
	if strings.Contains(out, "val_loss") {
		t.Errorf("val_loss printed for a scenario without a test set")
	}
}

func TestPrintEvery(t *testing.T) {
	t.Parallel()
	for _, total := range []int{1, 7, 20, 21, 99, 300, 1000, 1001, 123456} {
		every := printEvery(total)
		if between := total / every; total > 20 && (between < 8 || between > 20) {
			t.Errorf("printEvery(%d) = %d: %d lines in between",
				total, every, between)
		}
		if total <= 20 && every != 1 {
			t.Errorf("printEvery(%d) = %d, want 1", total, every)
		}
	}
}

func TestBadInput(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string // the bad value, as the error line must name it
	}{
		{[]string{"train", "--scenario", "nope"}, `"nope"`},
		{[]string{"--scenario", "nope"}, `"nope"`},
		{[]string{"train", "--activation", "swish"}, `"swish"`},
		{[]string{"train", "--optimizer", "rmsprop"}, `"rmsprop"`},
		{[]string{"train", "--loss", "hinge"}, `"hinge"`},
		{[]string{"train", "--hidden", "8,,x"}, `"8,,x"`},
		{[]string{"train", "--hidden", "-1"}, `"-1"`},
		{[]string{"train", "--hidden", ""}, `""`},
		{[]string{"train", "--hidden", "0"}, `"0"`},
		{[]string{"train", "--lr", "-0.1"}, `"-0.1"`},
		{[]string{"train", "--lr", "0"}, `"0"`},
		{[]string{"train", "--lr", "NaN"}, `"NaN"`},
		{[]string{"train", "--epochs", "0"}, `"0"`},
		{[]string{"train", "--epochs", "ten"}, `"ten"`},
		{[]string{"train", "--batch", "-2"}, `"-2"`},
		{[]string{"train", "--seed", "-1"}, `"-1"`},
		{[]string{"train", "--bogus"}, "-bogus"},
		{[]string{"train", "extra"}, `"extra"`},
		{[]string{"list", "extra"}, `"extra"`},
		{[]string{"--bogus"}, "-bogus"},
		{[]string{"fly"}, `"fly"`},
	}
	for _, tt := range tests {
		code, out, errOut := runArgs(t, tt.args...)
		if code != exitUsage {
			t.Errorf("%q: exit %d, want %d", tt.args, code, exitUsage)
		}
		if out != "" {
			t.Errorf("%q: wrote to stdout: %q", tt.args, out)
		}
		if strings.Count(errOut, "\n") != 1 ||
			!strings.HasPrefix(errOut, "nnviz: ") ||
			!strings.Contains(errOut, tt.want) {
			t.Errorf("%q: stderr %q, want one line naming %s",
				tt.args, errOut, tt.want)
		}
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"-h"}, {"--help"}, {"help"}, {"train", "-h"}, {"list", "--help"},
	} {
		code, out, errOut := runArgs(t, args...)
		if code != exitOK || errOut != "" || !strings.Contains(out, "Usage") {
			t.Errorf("%q: exit %d, stderr %q, stdout %q",
				args, code, errOut, out)
		}
	}
	_, out, _ := runArgs(t, "train", "-h")
	if !strings.Contains(out, "--hidden SIZES") {
		t.Errorf("train help lacks its flags:\n%s", out)
	}
}

func TestList(t *testing.T) {
	t.Parallel()
	code, out, _ := runArgs(t, "list")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, name := range []string{"xor ", "xor-keras ", "worked-example "} {
		if !strings.Contains(out, "\n"+name) && !strings.HasPrefix(out, name) {
			t.Errorf("list lacks a line for %q:\n%s", name, out)
		}
	}
}

func TestViewNeedsTerminal(t *testing.T) {
	t.Parallel()
	code, out, errOut := runArgs(t)
	if code == exitOK {
		t.Errorf("exit 0 without a terminal")
	}
	if out != "" || !strings.Contains(errOut, "needs a terminal") ||
		!strings.Contains(errOut, "nnviz train") {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
}

// TestBinaryWithoutTerminal runs the built program with stdin from
// /dev/null and stdout a pipe, as in CI, where Bubble Tea would fail or
// hang.
func TestBinaryWithoutTerminal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	t.Parallel()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command on PATH")
	}
	bin := filepath.Join(t.TempDir(), "nnviz")
	if out, err := exec.Command(gobin, "build", "-o", bin, ".").
		CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output() // stdin is /dev/null, stdout a pipe
	if ctx.Err() != nil {
		t.Fatal("nnviz did not exit within 10 s without a terminal")
	}
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != exitFail {
		t.Errorf("err = %v, want exit code %d", err, exitFail)
	}
	all := string(out) + stderr.String()
	if strings.Contains(all, "\x1b") {
		t.Errorf("escape codes written: %q", all)
	}
	if !strings.Contains(stderr.String(), "needs a terminal") {
		t.Errorf("stderr %q", stderr.String())
	}
}

func TestUserData(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"train", "--json", "--file", "scenarios/testdata/files/points.toml",
			"--epochs", "5"},
		{"train", "--json", "--csv", "scenarios/testdata/files/points.csv",
			"--epochs", "5", "--hidden", "3"},
	} {
		code, out, errOut := runArgs(t, args...)
		if code != exitOK || errOut != "" {
			t.Fatalf("%q: exit %d, stderr %q", args, code, errOut)
		}
		var r result
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%q: %v\n%s", args, err, out)
		}
		if r.Scenario != "points" || r.Epochs != 5 || r.TestLoss == nil ||
			r.Accuracy == nil {
			t.Errorf("%q: %s", args, out)
		}
	}

	// a good file gets as far as the terminal check
	code, _, errOut := runArgs(t, "--file", "scenarios/testdata/files/iris.toml")
	if code != exitFail || !strings.Contains(errOut, "needs a terminal") {
		t.Errorf("view on iris.toml: exit %d, stderr %q", code, errOut)
	}
}

func TestUserDataBad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ragged := filepath.Join(dir, "ragged.csv")
	if err := os.WriteFile(ragged, []byte("a,b,c\n1,2,0\n3,4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.toml")
	if err := os.WriteFile(bad, []byte("data = \"ragged.csv\"\n[training]\n"+
		"epochs = -1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--csv", ragged}, "ragged.csv:3: 2 fields"},
		{[]string{"train", "--csv", ragged}, "ragged.csv:3: 2 fields"},
		{[]string{"--file", bad}, "bad.toml:3: epochs -1"},
		{[]string{"train", "--file", bad}, "bad.toml:3: epochs -1"},
		{[]string{"--file", "nope.toml"}, "nope.toml: no such file"},
		{[]string{"train", "--csv", "nope.csv"}, "nope.csv: no such file"},
		{[]string{"--file", "x.toml", "--csv", "y.csv"},
			"--file and --csv cannot be used together"},
		{[]string{"train", "--csv", "y.csv", "--scenario", "xor"},
			"--scenario cannot be used with --file or --csv"},
		{[]string{"--scenario", "xor", "--file", "x.toml"},
			"--scenario cannot be used"},
		{[]string{"--file"}, "flag --file needs a value"},
	}
	for _, tt := range tests {
		code, out, errOut := runArgs(t, tt.args...)
		if code != exitUsage || out != "" {
			t.Errorf("%q: exit %d, stdout %q; want %d and nothing",
				tt.args, code, out, exitUsage)
		}
		if strings.Count(errOut, "\n") != 1 ||
			!strings.HasPrefix(errOut, "nnviz: ") ||
			!strings.Contains(errOut, tt.want) {
			t.Errorf("%q: stderr %q, want one line with %q",
				tt.args, errOut, tt.want)
		}
	}
}

func TestDataFlags(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train", "--scenario", "circle", "--noise", "30", "--train-fraction", "0.8",
			"--epochs", "2", "--json"}, 0, `"scenario":"circle"`},
		{[]string{"train", "--scenario", "circle", "--noise", "60"}, 2,
			`invalid value "60" for --noise: need a number from 0 to 50`},
		{[]string{"train", "--scenario", "gauss", "--train-fraction", "0"}, 2,
			`invalid value "0" for --train-fraction`},
		{[]string{"train", "--scenario", "xor", "--noise", "10"}, 2,
			"apply to generated data"},
		{[]string{"--scenario", "iris", "--train-fraction", "0.5"}, 2,
			"not to iris"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		code := run(tt.args, strings.NewReader(""), &out, &errOut)
		got := out.String() + errOut.String()
		if code != tt.code || !strings.Contains(got, tt.want) {
			t.Errorf("%v: exit %d, output %q; want exit %d and %q",
				tt.args, code, got, tt.code, tt.want)
		}
		if tt.code == 2 && strings.Count(errOut.String(), "\n") != 1 {
			t.Errorf("%v: stderr is not one line: %q", tt.args, errOut.String())
		}
	}
}
