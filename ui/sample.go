package ui

import (
	"fmt"
	"math"
	"strings"
)

// The sample panel, for data with no plane to draw: the current sample's
// input as an image when it is one (digits), and each output's value as a
// bar beside the target, so a softmax reads as shares of one.

// imageRamp shades a pixel from blank to full ink.
var imageRamp = []string{"  ", "░░", "▒▒", "▓▓", "██"}

// imageLines draws x as a rows × cols picture, two columns a pixel so that
// it looks square, shading each pixel by its rank between the smallest and
// largest value of x.
func imageLines(x []float64, rows, cols int) []string {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, v := range x {
		lo, hi = min(lo, v), max(hi, v)
	}
	lines := make([]string, rows)
	for r := range rows {
		var b strings.Builder
		for c := range cols {
			i := 0
			if hi > lo {
				i = int((x[r*cols+c] - lo) / (hi - lo) * float64(len(imageRamp)-1))
			}
			b.WriteString(imageRamp[max(0, min(i, len(imageRamp)-1))])
		}
		lines[r] = b.String()
	}
	return lines
}

// outputLines shows each output ŷ_k as a bar of w columns, with its class
// name and, for the target class, a mark. Outputs of a softmax are
// probabilities; others are drawn over [0, 1] too, clipped.
func outputLines(st styles, out, target []float64, names []string, w int) []string {
	best := 0
	for k := range out {
		if out[k] > out[best] {
			best = k
		}
	}
	nameW := 3
	for _, n := range names {
		nameW = max(nameW, len([]rune(n)))
	}
	// name, value (up to 7), bar, "◀ y": the bar takes what is left
	barW := w - nameW - 1 - 7 - 1 - 4
	lines := make([]string, 0, len(out))
	for k, v := range out {
		name := fmt.Sprintf("ŷ%d", k+1)
		if k < len(names) {
			name = names[k]
		}
		bar := ""
		if barW >= 3 {
			fill := int(math.Round(min(max(v, 0), 1) * float64(barW)))
			bar = strings.Repeat("█", fill) + strings.Repeat("·", barW-fill) + " "
		}
		mark := ""
		if k < len(target) && target[k] == 1 {
			mark = "◀ y"
		}
		line := fmt.Sprintf("%s %s %s%s", pad(name, nameW), pad(short(v), 7), bar, mark)
		if k == best {
			line = st.Bold.Render(line)
		}
		lines = append(lines, line)
	}
	return lines
}
