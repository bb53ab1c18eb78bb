package scenarios

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// The label column: its task, its classes and their order.

// labels fills t.labels and t.classes from the label column's values raw
// (one per row), for the task named, or for the task the values suggest.
func (c *userReader) labels(t *userTable, rows []userRow, label int,
	raw []string, task string) error {
	text := slices.ContainsFunc(raw, func(s string) bool {
		return !looksNumeric(s)
	})
	var nums []float64
	if !text || task == taskRegression {
		what := "label"
		if task == taskRegression {
			what = "target"
		}
		nums = make([]float64, len(raw))
		for i, r := range rows {
			v, err := c.number(r, label, what)
			if err != nil {
				return err
			}
			nums[i] = v
		}
	} else {
		// a text label column must still not hold NaN or Inf
		for i, r := range rows {
			if looksNumeric(raw[i]) {
				if _, err := c.number(r, label, "label"); err != nil {
					return err
				}
			}
		}
	}
	if task == "" {
		task = taskRegression
		if text || fewWholeNumbers(nums) {
			task = taskClassification
		}
	}
	if task == taskRegression {
		t.labels = nums
		return nil
	}

	// classes, in numeric or alphabetical order
	var keys []string
	index := map[string]int{}
	if text {
		keys = slices.Clone(raw)
		slices.Sort(keys)
	} else {
		sorted := slices.Clone(nums)
		slices.Sort(sorted)
		for _, v := range sorted {
			keys = append(keys, classKey(v))
		}
	}
	keys = slices.Compact(keys)
	if len(keys) < 2 {
		return fmt.Errorf("%s: %s has one class only (%q); a classification "+
			"needs at least 2", c.file, c.column(label), keys[0])
	}
	if len(keys) > MaxClasses {
		return fmt.Errorf("%s: %s has %d classes; nnviz takes at most %d "+
			"(for a number to predict, set task = %q)",
			c.file, c.column(label), len(keys), MaxClasses, taskRegression)
	}
	for i, k := range keys {
		index[k] = i
		t.classes = append(t.classes, plainText(k, false))
	}
	t.labels = make([]float64, len(raw))
	for i := range raw {
		k := raw[i]
		if !text {
			k = classKey(nums[i])
		}
		t.labels[i] = float64(index[k])
	}
	return nil
}

// fewWholeNumbers reports whether vs are whole numbers with at most
// maxIntClasses distinct values.
func fewWholeNumbers(vs []float64) bool {
	seen := map[float64]bool{}
	for _, v := range vs {
		if v != math.Trunc(v) {
			return false
		}
		seen[v] = true
		if len(seen) > maxIntClasses {
			return false
		}
	}
	return true
}

// classKey writes v in the shortest form that reads back as v, with
// 0 for −0 so that the two are one class.
func classKey(v float64) string {
	if v == 0 {
		v = 0
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// plainText returns s as valid UTF-8 without control characters, which a
// name drawn in the terminal must not carry; newlines are kept if asked.
func plainText(s string, newlines bool) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !(newlines && r == '\n') {
			return -1
		}
		return r
	}, s)
}

// quoteList quotes the first max elements of list and joins them with
// commas, saying how many more there are.
func quoteList(list []string, max int) string {
	var b strings.Builder
	for i, s := range list[:min(len(list), max)] {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(s))
	}
	if len(list) > max {
		fmt.Fprintf(&b, " and %d more", len(list)-max)
	}
	return b.String()
}
