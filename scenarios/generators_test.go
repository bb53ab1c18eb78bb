package scenarios

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Each generator against its definition: how many points, how they split
// between classes, where they lie, that a seed fixes them, and a few
// points checked against the defining formula.

func TestGeneratorShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		gen    generator
		n      int
		lo, hi float64 // range of every coordinate
		ylo    float64 // smallest and largest target
		yhi    float64
		pos    int // points labelled +1, or −1 for a regression
	}{
		// inner disc within 2.5, ring from 3.5 to 5
		{"circle", circlePoints, 500, -5, 5, -1, 1, 250},
		// |x| from 0.3 to 5.3 on each axis
		{"xor", xorPoints, 500, -5.3, 5.3, -1, 1, -1},
		{"spiral", spiralPoints, 500, -5, 5, -1, 1, 250},
		{"plane", planePoints, 1200, -6, 6, -1.2, 1.2, -1},
		{"multi-gauss", multiGaussPoints, 1200, -6, 6, -1, 1, -1},
	}
	for _, tt := range tests {
		x, y := tt.gen(tt.n, 0, rand.New(rand.NewPCG(1, 2)))
		if len(x) != tt.n || len(y) != tt.n {
			t.Errorf("%s: %d points and %d targets, want %d", tt.name, len(x), len(y), tt.n)
			continue
		}
		pos := 0
		for i := range x {
			for _, v := range x[i] {
				if v < tt.lo || v > tt.hi {
					t.Errorf("%s: point %v outside [%v, %v]", tt.name, x[i], tt.lo, tt.hi)
				}
			}
			if y[i][0] < tt.ylo-1e-12 || y[i][0] > tt.yhi+1e-12 {
				t.Errorf("%s: target %v outside [%v, %v]", tt.name, y[i][0], tt.ylo, tt.yhi)
			}
			if y[i][0] == 1 {
				pos++
			}
		}
		if tt.pos >= 0 && pos != tt.pos {
			t.Errorf("%s: %d points of class +1, want %d", tt.name, pos, tt.pos)
		}
	}
}

func TestGeneratorsFollowSeed(t *testing.T) {
	t.Parallel()
	for name, gen := range map[string]generator{"circle": circlePoints, "xor": xorPoints,
		"gauss": gaussPoints, "spiral": spiralPoints, "plane": planePoints,
		"multi-gauss": multiGaussPoints} {
		a, ay := gen(100, 0.2, rand.New(rand.NewPCG(5, 6)))
		b, by := gen(100, 0.2, rand.New(rand.NewPCG(5, 6)))
		c, _ := gen(100, 0.2, rand.New(rand.NewPCG(7, 6)))
		for i := range a {
			if !slices.Equal(a[i], b[i]) || !slices.Equal(ay[i], by[i]) {
				t.Fatalf("%s: point %d differs under one seed", name, i)
			}
		}
		if slices.Equal(a[0], c[0]) && slices.Equal(a[1], c[1]) {
			t.Errorf("%s: another seed gave the same points", name)
		}
	}
}

func TestCircleLabels(t *testing.T) {
	t.Parallel()
	// without noise the label is +1 exactly inside radius 2.5
	x, y := circlePoints(500, 0, rand.New(rand.NewPCG(1, 1)))
	for i := range x {
		r := math.Hypot(x[i][0], x[i][1])
		if (r < 2.5) != (y[i][0] == 1) {
			t.Fatalf("point at radius %v has label %v", r, y[i][0])
		}
		if r > 2.5 && r < 3.5 {
			t.Fatalf("point at radius %v lies in the empty band", r)
		}
	}
	// with noise, labels flip near the boundary but points stay put
	_, noisy := circlePoints(500, 0.5, rand.New(rand.NewPCG(1, 1)))
	flips := 0
	for i := range y {
		if y[i][0] != noisy[i][0] {
			flips++
		}
	}
	if flips == 0 {
		t.Error("noise 0.5 flipped no label")
	}
}

func TestXORLabelsAndGap(t *testing.T) {
	t.Parallel()
	x, y := xorPoints(500, 0, rand.New(rand.NewPCG(1, 1)))
	for i := range x {
		if math.Abs(x[i][0]) < 0.3 || math.Abs(x[i][1]) < 0.3 {
			t.Fatalf("point %v is inside the 0.3 gap", x[i])
		}
		if want := sign1(x[i][0]*x[i][1] >= 0); y[i][0] != want {
			t.Fatalf("point %v labelled %v, want %v", x[i], y[i][0], want)
		}
	}
}

func TestGaussVariance(t *testing.T) {
	t.Parallel()
	// variance 0.5 at noise 0 and 4 at noise 0.5, around (±2, ±2)
	for _, tt := range []struct{ noise, variance float64 }{{0, 0.5}, {0.5, 4}} {
		x, y := gaussPoints(20000, tt.noise, rand.New(rand.NewPCG(3, 3)))
		var sum, sq float64
		n := 0
		for i := range x {
			if y[i][0] == 1 {
				sum += x[i][0]
				sq += x[i][0] * x[i][0]
				n++
			}
		}
		mean := sum / float64(n)
		v := sq/float64(n) - mean*mean
		if math.Abs(mean-2) > 0.05 || math.Abs(v-tt.variance)/tt.variance > 0.05 {
			t.Errorf("noise %v: class +1 x1 mean %v variance %v, want 2 and %v",
				tt.noise, mean, v, tt.variance)
		}
	}
}

func TestSpiralFormula(t *testing.T) {
	t.Parallel()
	x, _ := spiralPoints(500, 0, rand.New(rand.NewPCG(1, 1)))
	// point i of the first arm: r = i/250·5, t = 1.75·i/250·2π
	i := 100
	r, th := float64(i)/250*5, 1.75*float64(i)/250*2*math.Pi
	if math.Abs(x[i][0]-r*math.Sin(th)) > 1e-12 || math.Abs(x[i][1]-r*math.Cos(th)) > 1e-12 {
		t.Errorf("point %d = %v, want (%v, %v)", i, x[i], r*math.Sin(th), r*math.Cos(th))
	}
	// the second arm is the first turned by π
	if math.Abs(x[250+i][0]+x[i][0]) > 1e-12 || math.Abs(x[250+i][1]+x[i][1]) > 1e-12 {
		t.Errorf("arm 2 point %v is not arm 1's %v turned by π", x[250+i], x[i])
	}
}

func TestRegressionTargets(t *testing.T) {
	t.Parallel()
	x, y := planePoints(100, 0, rand.New(rand.NewPCG(1, 1)))
	for i := range x {
		if want := (x[i][0] + x[i][1]) / 10; math.Abs(y[i][0]-want) > 1e-12 {
			t.Fatalf("plane at %v: %v, want %v", x[i], y[i][0], want)
		}
	}
	tests := []struct{ x, y, want float64 }{
		{-4, 2.5, 1},    // a centre of a +1 bump
		{0, 2.5, -1},    // a centre of a −1 bump
		{4, -1.5, -0.5}, // 1 from the (4, −2.5) bump: −(1 − 1/2)
		{0, 0, 0},       // 2.5 from every centre
	}
	for _, tt := range tests {
		if got := multiGaussLabel(tt.x, tt.y); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("multi-gauss at (%v, %v) = %v, want %v", tt.x, tt.y, got, tt.want)
		}
	}
}

func TestRegenerate(t *testing.T) {
	t.Parallel()
	s := Circle()
	if s.Train.Len() != 250 || s.Test.Len() != 250 {
		t.Fatalf("circle splits %d/%d, want 250/250", s.Train.Len(), s.Test.Len())
	}
	g := *s.Generated
	g.TrainFraction, g.Noise = 0.8, 0.25
	s.Generated = &g
	if err := s.Regenerate(); err != nil {
		t.Fatal(err)
	}
	if s.Train.Len() != 400 || s.Test.Len() != 100 {
		t.Errorf("train fraction 0.8 splits %d/%d, want 400/100", s.Train.Len(), s.Test.Len())
	}
	for _, bad := range []Generated{{Noise: 0.6, TrainFraction: 0.5},
		{Noise: -0.1, TrainFraction: 0.5}, {TrainFraction: 0}, {TrainFraction: 1.5}} {
		bad.gen, bad.points = g.gen, g.points
		s.Generated = &bad
		if err := s.Regenerate(); err == nil {
			t.Errorf("noise %v, fraction %v: no error", bad.Noise, bad.TrainFraction)
		}
	}
}

func TestBundledData(t *testing.T) {
	t.Parallel()
	iris, digits := irisData(), digitsData()
	if len(iris.x) != 150 || len(iris.x[0]) != 4 || len(digits.x) != 1797 || len(digits.x[0]) != 64 {
		t.Fatalf("iris %d×%d, digits %d×%d", len(iris.x), len(iris.x[0]),
			len(digits.x), len(digits.x[0]))
	}
	// iris.rst gives the mean sepal length as 5.84
	var sum float64
	for _, r := range iris.x {
		sum += r[0]
	}
	if math.Abs(sum/150-5.843) > 0.001 {
		t.Errorf("iris sepal length mean %v, want 5.843", sum/150)
	}
	counts := make([]int, 3)
	for _, c := range iris.classes {
		counts[c]++
	}
	if !slices.Equal(counts, []int{50, 50, 50}) {
		t.Errorf("iris classes %v, want 50 each", counts)
	}
	// standardized training features have mean 0 and deviation 1
	s := Iris()
	for j := range 4 {
		var m, v float64
		for i := range s.Train.Len() {
			x, _ := s.Train.Sample(i)
			m += x[j]
			v += x[j] * x[j]
		}
		m /= float64(s.Train.Len())
		v = v/float64(s.Train.Len()) - m*m
		if math.Abs(m) > 1e-9 || math.Abs(v-1) > 1e-9 {
			t.Errorf("iris feature %d: mean %v, variance %v after standardizing", j, m, v)
		}
	}
}
