package scenarios

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Reading a user's CSV file into numbers: finding the header, the feature
// columns and the label, and the classes the label names.

// Limits on a user's data file, so that the network stays small enough to
// watch and a wrong file cannot exhaust memory.
const (
	MaxInputs  = 64    // feature columns, as many as the 8×8 digits' pixels
	MaxRows    = 10000 // data rows, training and test together
	MaxClasses = 64    // distinct labels of a classification
)

// maxDataBytes caps the size of a data or scenario file read into memory.
const maxDataBytes = 64 << 20

// Tasks a scenario file may name.
const (
	taskClassification = "classification"
	taskRegression     = "regression"
)

// maxIntClasses is the most distinct whole-number labels a label column
// may have and still be taken for classes when no task is given.
const maxIntClasses = 10

// userColumn names a column of a CSV file by its name in the header, or
// by its number, counted from 1.
type userColumn struct {
	name string
	num  int // 0 when by name
}

// userSpec says how to read a CSV file. Its zero value reads the file as
// LoadCSV does.
type userSpec struct {
	header   *bool        // nil: detect it
	columns  []string     // names that replace the header's, or give some
	features []userColumn // nil: every column but the label
	label    *userColumn  // nil: the last column
	task     string       // "": infer it from the label column
}

// userTable is a CSV file read into numbers.
type userTable struct {
	file       string
	x          [][]float64 // one row of features per sample
	labels     []float64   // per sample: a class index, or the target
	inputNames []string
	inputCols  []string // each feature's column, described for errors
	labelName  string
	classes    []string // the class names in index order; nil for regression
}

// userRow is one row of a CSV file with the line it starts on.
type userRow struct {
	fields []string
	line   int
}

// userReader knows a file's name and its column names, so that its errors
// can say where a bad value is.
type userReader struct {
	file  string
	names []string // nil when the file has neither header nor columns
}

// errorf returns an error that starts with the file and line.
func (c *userReader) errorf(line int, format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", c.file, line, fmt.Sprintf(format, args...))
}

// column describes column j (from 0) as "column 3" or, when it has a name,
// "column 3 (\"petal length\")".
func (c *userReader) column(j int) string {
	if j < len(c.names) && c.names[j] != "" {
		return fmt.Sprintf("column %d (%q)", j+1, c.names[j])
	}
	return fmt.Sprintf("column %d", j+1)
}

// parseCSV reads the CSV data of the file called file as spec says. The
// error names the file, and the line and column of a bad value.
func parseCSV(file string, data []byte, spec userSpec) (*userTable, error) {
	c := &userReader{file: file}
	recs, err := c.records(data)
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: no data rows: the file is empty", file)
	}

	label, features, header, err := c.layout(recs, spec)
	if err != nil {
		return nil, err
	}
	first := recs[0]
	ncol := len(first.fields)
	if spec.columns != nil {
		ncol = len(spec.columns)
	}
	rows := recs
	if header {
		rows = recs[1:]
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: no data rows: only a header", file)
	}
	if len(rows) > MaxRows {
		return nil, c.errorf(rows[MaxRows].line, "more than %d data rows; "+
			"nnviz takes at most %d", MaxRows, MaxRows)
	}

	// values
	t := &userTable{file: file, labelName: c.name(label)}
	for _, j := range features {
		t.inputNames = append(t.inputNames, c.name(j))
		t.inputCols = append(t.inputCols, c.column(j))
	}
	if c.names == nil {
		for k := range t.inputNames {
			t.inputNames[k] = fmt.Sprintf("x%d", k+1)
		}
	}
	width := fmt.Sprintf("line %d has %d", first.line, ncol)
	if spec.columns != nil {
		width = fmt.Sprintf("columns names %d", ncol)
	}
	raw := make([]string, len(rows))
	for i, r := range rows {
		if len(r.fields) != ncol {
			hint := ""
			if header && i == 0 && spec.columns == nil {
				hint = "; if line 1 is not a header, a scenario file can " +
					"skip it and name the columns (header = true, columns)"
			}
			return nil, c.errorf(r.line, "%d fields, but %s%s",
				len(r.fields), width, hint)
		}
		x := make([]float64, len(features))
		for k, j := range features {
			if x[k], err = c.number(r, j, "value"); err != nil {
				return nil, err
			}
		}
		t.x = append(t.x, x)
		if r.fields[label] == "" {
			return nil, c.errorf(r.line, "%s: missing label", c.column(label))
		}
		raw[i] = r.fields[label]
	}
	return t, c.labels(t, rows, label, raw, spec.task)
}

// layout finds the label and feature columns (from 0) and whether the
// first of recs is a header, and sets c.names.
func (c *userReader) layout(recs []userRow, spec userSpec) (label int,
	features []int, header bool, err error) {
	first := recs[0]
	ncol := len(first.fields)
	if spec.columns != nil {
		ncol = len(spec.columns)
		c.names = spec.columns
	}
	switch {
	case ncol < 2 && spec.columns != nil:
		return 0, nil, false, fmt.Errorf("%s: columns names %d; need at "+
			"least one feature and a label", c.file, ncol)
	case ncol < 2:
		return 0, nil, false, c.errorf(first.line, "%d column; need at "+
			"least one feature and a label", ncol)
	}

	// names are needed to find columns by name, so a name asks for a
	// header unless the scenario file gives the columns
	h := spec.header
	if h == nil && c.names == nil && spec.byName() {
		h = boolPtr(true)
	}
	if h != nil && *h && c.names == nil {
		c.names = first.fields
	}
	if label, features, err = c.resolve(spec, ncol); err != nil {
		return 0, nil, false, err
	}
	if h == nil {
		h = boolPtr(c.looksLikeHeader(recs, label, features))
		if *h && c.names == nil {
			c.names = first.fields
		}
	}
	return label, features, *h, c.checkColumns(label, features)
}

// records reads every row of data, each field trimmed of spaces, leaving
// out blank lines. It stops after MaxRows+2 rows, which is enough to tell
// that there are too many.
func (c *userReader) records(data []byte) ([]userRow, error) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !bytes.Contains(data, []byte("\n")) {
		// old Mac files end their lines with CR alone
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var recs []userRow
	for len(recs) < MaxRows+2 {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		if pe := (*csv.ParseError)(nil); errors.As(err, &pe) {
			return nil, c.errorf(pe.Line, "%v (at character %d)",
				pe.Err, pe.Column)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.file, err)
		}
		if len(fields) == 1 && strings.TrimSpace(fields[0]) == "" {
			continue // a line of spaces only
		}
		for i, f := range fields {
			fields[i] = strings.TrimSpace(f)
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, userRow{fields, line})
	}
	return recs, nil
}

// byName reports whether spec names a column by its name.
func (s *userSpec) byName() bool {
	refs := s.features
	if s.label != nil {
		refs = append(slices.Clip(refs), *s.label)
	}
	return slices.ContainsFunc(refs, func(r userColumn) bool {
		return r.num == 0
	})
}

// resolve finds the label and feature columns (from 0) of a file with
// ncol columns.
func (c *userReader) resolve(spec userSpec, ncol int) (label int,
	features []int, err error) {
	label = ncol - 1
	if spec.label != nil {
		if label, err = c.find("label", *spec.label, ncol); err != nil {
			return 0, nil, err
		}
	}
	if spec.features == nil {
		for j := range ncol {
			if j != label {
				features = append(features, j)
			}
		}
	}
	for _, ref := range spec.features {
		j, err := c.find("feature", ref, ncol)
		if err != nil {
			return 0, nil, err
		}
		features = append(features, j)
	}
	return label, features, nil
}

// checkColumns checks that the features are distinct, do not include the
// label, and are from 1 to MaxInputs.
func (c *userReader) checkColumns(label int, features []int) error {
	for k, j := range features {
		switch {
		case j == label:
			return fmt.Errorf("%s: %s is both a feature and the label",
				c.file, c.column(j))
		case slices.Contains(features[:k], j):
			return fmt.Errorf("%s: %s is a feature twice", c.file, c.column(j))
		}
	}
	switch {
	case len(features) == 0:
		return fmt.Errorf("%s: no feature columns", c.file)
	case len(features) > MaxInputs:
		return fmt.Errorf("%s: %d feature columns; nnviz takes at most %d "+
			"inputs", c.file, len(features), MaxInputs)
	}
	return nil
}

// find returns the index of the column ref names; what says what the
// column is for.
func (c *userReader) find(what string, ref userColumn, ncol int) (int, error) {
	if ref.num > 0 {
		if ref.num > ncol {
			return 0, fmt.Errorf("%s: %s column %d is out of range: the file "+
				"has %d columns", c.file, what, ref.num, ncol)
		}
		return ref.num - 1, nil
	}
	if c.names == nil {
		return 0, fmt.Errorf("%s: %s %q: the file has no header to name "+
			"columns (give a column number, header = true, or columns)",
			c.file, what, ref.name)
	}
	j := slices.Index(c.names, ref.name)
	switch {
	case j < 0:
		return 0, fmt.Errorf("%s: %s %q is not a column (columns: %s)",
			c.file, what, ref.name, quoteList(c.names, 12))
	case slices.Contains(c.names[j+1:], ref.name):
		return 0, fmt.Errorf("%s: %s %q names two columns; give its number",
			c.file, what, ref.name)
	}
	return j, nil
}

// looksLikeHeader reports whether the first of recs is a header: whether
// one of its feature fields is text that is not a number, or its label is
// text while every other row's label is a number.
func (c *userReader) looksLikeHeader(recs []userRow, label int,
	features []int) bool {
	text := func(r userRow, j int) bool {
		return j < len(r.fields) && r.fields[j] != "" &&
			!looksNumeric(r.fields[j])
	}
	if slices.ContainsFunc(features, func(j int) bool {
		return text(recs[0], j)
	}) {
		return true
	}
	return len(recs) > 1 && text(recs[0], label) &&
		!slices.ContainsFunc(recs[1:], func(r userRow) bool {
			return text(r, label)
		})
}

// looksNumeric reports whether strconv reads s as a number, even one out of
// range or not finite.
func looksNumeric(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil || errors.Is(err, strconv.ErrRange)
}

// number reads field j of r as a finite number; what names it in errors.
func (c *userReader) number(r userRow, j int, what string) (float64, error) {
	s := r.fields[j]
	if s == "" {
		return 0, c.errorf(r.line, "%s: missing %s", c.column(j), what)
	}
	v, err := strconv.ParseFloat(s, 64)
	switch {
	case errors.Is(err, strconv.ErrRange):
		return 0, c.errorf(r.line, "%s: %q is out of range for a number",
			c.column(j), s)
	case err != nil:
		return 0, c.errorf(r.line, "%s: %s %q is not a number",
			c.column(j), what, s)
	case math.IsNaN(v) || math.IsInf(v, 0):
		return 0, c.errorf(r.line, "%s: %s %q is not a finite number",
			c.column(j), what, s)
	}
	return v, nil
}

// name is column j's name for the UI: its header name, or "column 3".
func (c *userReader) name(j int) string {
	if j < len(c.names) {
		if n := plainText(c.names[j], false); n != "" {
			return n
		}
	}
	return fmt.Sprintf("column %d", j+1)
}

func boolPtr(v bool) *bool { return &v }
