package ui

import (
	"fmt"
	"math"
	"strings"
)

// num formats v in exactly six columns with an explicit sign, using the
// typographic minus: "+0.512", "−2.310", "+12.34", "−1.2e5". Non-finite
// values read as words, never as a number.
func num(v float64) string {
	switch {
	case math.IsNaN(v):
		return "   NaN"
	case math.IsInf(v, 1):
		return "  +Inf"
	case math.IsInf(v, -1):
		return "  −Inf"
	}
	a := math.Abs(v)
	var s string
	switch {
	case a < 9.9995:
		s = fmt.Sprintf("%+.3f", v)
	case a < 99.995:
		s = fmt.Sprintf("%+.2f", v)
	case a < 999.95:
		s = fmt.Sprintf("%+.1f", v)
	default:
		s = fmt.Sprintf("%+.0e", v)
		s = strings.Replace(s, "e+0", "e", 1)
		s = strings.Replace(s, "e+", "e", 1)
	}
	if s == "-0.000" {
		s = "+0.000"
	}
	return minus(fmt.Sprintf("%6s", s))
}

// short formats v compactly for formulas with at least three significant
// digits below 1, so that a learner's products come out the same: "0.520",
// "0.0676", "0.00432", "4.3e−05", "−2.310", "12.346".
func short(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return strings.TrimSpace(num(v))
	}
	a := math.Abs(v)
	var s string
	switch {
	case a >= 1e5:
		s = strings.Replace(fmt.Sprintf("%.3g", v), "e+0", "e", 1)
		s = strings.Replace(s, "e+", "e", 1)
	case a == 0 || a >= 0.1:
		s = fmt.Sprintf("%.3f", v)
	case a >= 0.01:
		s = fmt.Sprintf("%.4f", v)
	case a >= 0.001:
		s = fmt.Sprintf("%.5f", v)
	default:
		s = strings.Replace(fmt.Sprintf("%.1e", v), "e-0", "e-", 1)
	}
	if s == "-0.000" {
		s = "0.000"
	}
	return minus(s)
}

// paren is short(v), parenthesized when negative so that products read
// unambiguously: 0.5·(−0.30).
func paren(v float64) string {
	s := short(v)
	if strings.HasPrefix(s, "−") {
		return "(" + s + ")"
	}
	return s
}

func minus(s string) string { return strings.ReplaceAll(s, "-", "−") }

// bars are the magnitude glyphs, smallest first.
var bars = []rune(" ▁▂▃▄▅▆▇█")

// bar returns one glyph whose height shows |v| relative to scale, so that
// the size of a weight reads without colour.
func bar(v, scale float64) string {
	if scale <= 0 || math.IsNaN(v) {
		return " "
	}
	r := math.Min(math.Abs(v)/scale, 1)
	return string(bars[int(math.Round(r*float64(len(bars)-1)))])
}
