package ui

import (
	"math"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"nnviz/network"
)

func TestNum(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v    float64
		want string
	}{
		{0, "+0.000"},
		{-0.0001, "+0.000"}, // no negative zero on screen
		{0.5124, "+0.512"},
		{-2.3105, "−2.311"},
		{9.9994, "+9.999"},
		{12.345, "+12.35"},
		{-123.45, "−123.5"}, // %.1f rounds half away from zero here
		{1234.5, "  +1e3"},
		{-2.5e7, "  −2e7"},
		{math.NaN(), "   NaN"},
		{math.Inf(1), "  +Inf"},
		{math.Inf(-1), "  −Inf"},
	}
	for _, tt := range tests {
		got := num(tt.v)
		if got != tt.want {
			t.Errorf("num(%v) = %q, want %q", tt.v, got, tt.want)
		}
		if w := ansi.StringWidth(got); w != 6 {
			t.Errorf("num(%v) is %d columns wide, want 6", tt.v, w)
		}
	}
}

func TestShortAndParen(t *testing.T) {
	t.Parallel()
	if got := paren(-0.3); got != "(−0.300)" {
		t.Errorf("paren(−0.3) = %q", got)
	}
	if got := paren(0.25); got != "0.250" {
		t.Errorf("paren(0.25) = %q", got)
	}
	for _, tt := range []struct {
		v    float64
		want string
	}{
		{0, "0.000"},
		{-0.0004, "−4.0e−4"},
		{0.0676, "0.0676"},
		{0.004321, "0.00432"},
		{-0.52, "−0.520"},
		{12.3456, "12.346"},
		{9.2169e270, "9.22e270"}, // a diverging loss stays short
		{-123456, "−1.23e5"},
	} {
		if got := short(tt.v); got != tt.want {
			t.Errorf("short(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}

func TestBar(t *testing.T) {
	t.Parallel()
	tests := []struct {
		v, scale float64
		want     string
	}{
		{0, 1, " "},
		{1, 1, "█"},
		{-1, 1, "█"},
		{0.5, 1, "▄"},
		{7, 1, "█"}, // beyond the scale
		{1, 0, " "},
		{math.NaN(), 1, " "},
	}
	for _, tt := range tests {
		if got := bar(tt.v, tt.scale); got != tt.want {
			t.Errorf("bar(%v, %v) = %q, want %q", tt.v, tt.scale, got, tt.want)
		}
	}
}

func TestWrapTerms(t *testing.T) {
	t.Parallel()
	terms := []string{"0.500·1.000", "(−0.300)·0.000", "0.100"}
	got := wrapTerms("  z = ", terms, " + ", 80)
	if want := "  z = 0.500·1.000 + (−0.300)·0.000 + 0.100"; len(got) != 1 || got[0] != want {
		t.Errorf("one line: got %q, want %q", got, want)
	}
	got = wrapTerms("  z = ", terms, " + ", 24)
	want := []string{"  z = 0.500·1.000", "      + (−0.300)·0.000", "      + 0.100"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrapped: got %q, want %q", got, want)
	}
}

func TestFrame(t *testing.T) {
	t.Parallel()
	st := defaultStyles()
	got := ansi.Strip(frame(st, false, "title", []string{"a long line that will not fit", "b"}, 12, 4))
	want := "╭─ title ──╮\n" +
		"│ a long … │\n" +
		"│ b        │\n" +
		"╰──────────╯"
	if got != want {
		t.Errorf("frame:\n%s\nwant:\n%s", got, want)
	}
}

func TestLossLinesGuards(t *testing.T) {
	t.Parallel()
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name string
		hist []network.Epoch
		want string
	}{
		{"empty", nil, "No epoch yet"},
		{"only non-finite", []network.Epoch{{TrainLoss: inf, TestLoss: nan}}, "No epoch"},
		{"one point", []network.Epoch{{TrainLoss: 0.5, TestLoss: nan}}, "0.500"},
		{"inf dropped", []network.Epoch{{TrainLoss: 0.7, TestLoss: nan},
			{TrainLoss: inf, TestLoss: nan}, {TrainLoss: 0.2, TestLoss: nan}}, "0.700"},
	}
	for _, tt := range tests {
		got := ansi.Strip(strings.Join(lossLines(tt.hist, 40, 8), "\n"))
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: %q lacks %q", tt.name, got, tt.want)
		}
	}
}

func TestShade(t *testing.T) {
	t.Parallel()
	if shade(0, 0, 1) != 0 || shade(1, 0, 1) != len(shades)-1 || shade(-5, 0, 1) != 0 {
		t.Error("shade does not map [0, 1] onto the ends of the ramp")
	}
	if got := shades[shade(0.5, 0, 1)]; got != '▒' {
		t.Errorf("shade of the middle is %q, want ▒", got)
	}
	if shade(0, -1, 1) != shade(0.5, 0, 1) {
		t.Error("tanh's middle does not shade like sigmoid's")
	}
}
