// Command nnviz shows a small neural network learning in the terminal, one
// phase at a time: the forward pass, the loss, the backward pass and the
// update, with every number the formulas produce.
//
// Usage:
//
//	nnviz [--scenario NAME]   open the step-by-step view (needs a terminal)
//	nnviz --file FILE         open it on a scenario file (TOML or JSON)
//	nnviz --csv FILE          open it on a CSV file: the last column is
//	                          the label, the others the inputs
//	nnviz list                list the scenarios
//	nnviz train [flags]       train without the view, for scripts and CI
//
// Bad input gets one line on stderr and exit code 2; a missing terminal
// gets one line and exit code 1.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/charmbracelet/x/term"

	"nnviz/scenarios"
	"nnviz/ui"
)

// Exit codes.
const (
	exitOK    = 0
	exitFail  = 1 // nnviz could not do its work, e.g. without a terminal
	exitUsage = 2 // bad input on the command line
)

const usage = `nnviz shows a small neural network learning, one step at a time.

Usage:
  nnviz [--scenario NAME]   open the step-by-step view (needs a terminal)
  nnviz --file FILE         open it on your scenario file (TOML or JSON)
  nnviz --csv FILE          open it on your CSV file: the last column is
                            the label, the others the inputs
  nnviz list                list the scenarios
  nnviz train [flags]       train without the view and print the progress
  nnviz help                show this help

Run "nnviz train -h" for the training flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run carries out the command in args and returns the exit code. The view
// starts only when stdin and stdout are terminals.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd, rest := "", args
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest = args[0], args[1:]
	}
	switch cmd {
	case "":
		return runView(rest, stdin, stdout, stderr)
	case "list":
		return runList(rest, stdout, stderr)
	case "train":
		return runTrain(rest, stdout, stderr)
	case "help":
		if len(rest) > 0 {
			return badInput(stderr, fmt.Errorf("unexpected argument %q after help", rest[0]))
		}
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	return badInput(stderr, fmt.Errorf(
		"unknown command %q (accepted: list, train, help)", cmd))
}

// runView opens the step-by-step view on the scenario the flags name.
func runView(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlagSet("nnviz")
	name := fs.String("scenario", scenarios.Default,
		"scenario `NAME` to open (see nnviz list)")
	var user userFlags
	user.define(fs)
	var data dataFlags
	data.define(fs)
	if code, done := parse(fs, args, usage, stdout, stderr); done {
		return code
	}

	// the user's scenario is loaded before the terminal is checked, so
	// that a bad file is reported anywhere
	list := scenarios.All()
	own, ok, err := user.load(fs)
	if err != nil {
		return badInput(stderr, err)
	}
	var start int
	if ok {
		// after the built-in ones, so that the picker still offers them
		list = append(list, own)
		start = len(list) - 1
	} else {
		start = slices.IndexFunc(list, func(s scenarios.Scenario) bool {
			return s.Name == *name
		})
	}
	if start < 0 {
		_, err := scenarios.Lookup(*name)
		return badInput(stderr, err)
	}
	if err := data.apply(fs, &list[start]); err != nil {
		return badInput(stderr, err)
	}

	// Without a terminal Bubble Tea would fail to open /dev/tty, or draw
	// escape codes into a pipe; say so before it starts.
	if !isTerminal(stdin) || !isTerminal(stdout) {
		fmt.Fprintln(stderr, "nnviz: the step-by-step view needs a terminal "+
			"(stdin and stdout); to train without one, run: nnviz train")
		return exitFail
	}
	if err := ui.Run(list, start); err != nil {
		fmt.Fprintf(stderr, "nnviz: %v\n", err)
		return exitFail
	}
	return exitOK
}

// userFlags are the flags that name the user's own data: a scenario file
// or a CSV file.
type userFlags struct {
	file, csv string
}

// define registers --file and --csv on fs.
func (u *userFlags) define(fs *flag.FlagSet) {
	fs.StringVar(&u.file, "file", "",
		"your scenario `FILE` (TOML or JSON) naming a CSV file and settings")
	fs.StringVar(&u.csv, "csv", "",
		"your CSV `FILE`: the last column is the label, the others the inputs")
}

// load loads the scenario --file or --csv names, after fs has parsed
// them; ok is false when neither was given. The error names a clash with
// --scenario or between the two, or what is wrong in the file.
func (u *userFlags) load(fs *flag.FlagSet) (s scenarios.Scenario, ok bool,
	err error) {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case set["file"] && set["csv"]:
		return s, false, errors.New("--file and --csv cannot be used together")
	case set["scenario"] && (set["file"] || set["csv"]):
		return s, false, errors.New("--scenario cannot be used with --file " +
			"or --csv")
	case set["file"]:
		s, err = scenarios.LoadFile(u.file)
	case set["csv"]:
		s, err = scenarios.LoadCSV(u.csv)
	default:
		return s, false, nil
	}
	return s, err == nil, err
}

// runList prints one line per scenario: its name, then its summary.
func runList(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("nnviz list")
	help := "Usage: nnviz list\n\nLists the scenarios nnviz can open or train.\n"
	if code, done := parse(fs, args, help, stdout, stderr); done {
		return code
	}

	list := scenarios.All()
	width := 0
	for _, s := range list {
		width = max(width, len(s.Name))
	}
	for _, s := range list {
		fmt.Fprintf(stdout, "%-*s  %s\n", width, s.Name, s.Summary)
	}
	return exitOK
}

// isTerminal reports whether f is a file open on a terminal.
func isTerminal(f any) bool {
	fd, ok := f.(interface{ Fd() uintptr })
	return ok && term.IsTerminal(fd.Fd())
}

// newFlagSet returns a flag set that reports errors to its caller and
// prints nothing itself, so that each error is one line nnviz writes.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// parse parses args with fs. When done is true the command must stop and
// exit with code: after -h (help and the flags printed on stdout), a bad
// flag or a stray argument (one line on stderr).
func parse(fs *flag.FlagSet, args []string, help string,
	stdout, stderr io.Writer) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, help)
		printFlags(stdout, fs)
		return exitOK, true
	case err != nil:
		return badInput(stderr, flagError(err, fs)), true
	case fs.NArg() > 0:
		return badInput(stderr, fmt.Errorf("unexpected argument %q (see %q)",
			fs.Arg(0), fs.Name()+" -h")), true
	}
	return exitOK, false
}

// flagError rewords an error of the flag package in the double-dash form
// nnviz documents, and lists the flags when one is unknown.
func flagError(err error, fs *flag.FlagSet) error {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg,
		"flag provided but not defined: -"); ok {
		return fmt.Errorf("unknown flag --%s (accepted: %s)",
			name, strings.Join(flagNames(fs), ", "))
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: -"); ok {
		return fmt.Errorf("flag --%s needs a value", name)
	}
	if strings.Contains(msg, " for flag -") {
		msg = strings.Replace(msg, " for flag -", " for --", 1)
	} else {
		msg = strings.Replace(msg, " for -", " for --", 1)
	}
	if strings.HasPrefix(msg, "invalid boolean value") {
		msg = strings.TrimSuffix(msg, ": parse error") + " (accepted: true, false)"
	}
	return errors.New(msg)
}

// printFlags writes one line per flag of fs, in the double-dash form.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	var lines [][2]string
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		arg, use := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if arg != "" {
			left += " " + arg
		}
		width = max(width, len(left))
		lines = append(lines, [2]string{left, use})
	})
	if len(lines) == 0 {
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l[0], l[1])
	}
}

// flagNames returns the flags of fs in their double-dash form.
func flagNames(fs *flag.FlagSet) []string {
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, "--"+f.Name) })
	if len(names) == 0 {
		return []string{"none"}
	}
	return names
}

// badInput reports err as one line on w and returns the exit code for bad
// input.
func badInput(w io.Writer, err error) int {
	fmt.Fprintf(w, "nnviz: %v\n", err)
	return exitUsage
}
