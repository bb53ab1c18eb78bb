package network_test

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nnviz/network"
)

// shuffledTrainer is a small adam trainer on 20 random samples that
// shuffles every epoch.
func shuffledTrainer(n *network.Network, opt network.Optimizer,
	cfg network.Config) *network.Trainer {
	rng := rand.New(rand.NewPCG(9, 9))
	x := make([][]float64, 20)
	y := make([][]float64, 20)
	for i := range x {
		x[i] = []float64{rng.NormFloat64(), rng.NormFloat64()}
		y[i] = []float64{float64(rng.IntN(2))}
	}
	return network.NewTrainer(n, opt, data(x, y), nil, cfg)
}

func newShuffled() *network.Trainer {
	n := network.New([]int{2, 4, 1},
		[]network.Activation{network.Tanh, network.Sigmoid}, network.BCE)
	n.InitGlorot(rand.New(rand.NewPCG(1, 1)))
	return shuffledTrainer(n, network.NewAdam(0.01, len(n.Params)),
		network.Config{Batch: 3, Shuffle: true, Seed: 4, Classify: true})
}

// TestSaveLoadShuffledGoesOn trains 10 epochs, saves, loads and trains 10
// more, and compares with 20 epochs straight: the saved shuffle state
// makes the two bit for bit the same.
func TestSaveLoadShuffledGoesOn(t *testing.T) {
	t.Parallel()
	straight, first := newShuffled(), newShuffled()
	for range 20 {
		if err := straight.EpochStep(); err != nil {
			t.Fatal(err)
		}
	}
	for range 10 {
		if err := first.EpochStep(); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(t.TempDir(), "net.json")
	if err := network.Save(path, first); err != nil {
		t.Fatal(err)
	}
	s, err := network.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	second := shuffledTrainer(s.Net, s.Opt, s.Config)
	for range 10 {
		if err := second.EpochStep(); err != nil {
			t.Fatal(err)
		}
	}
	checkBits(t, "parameters", second.Net.Params, straight.Net.Params)
}

func TestSavePaths(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tr := newShuffled()

	// an existing file keeps its permissions
	kept := filepath.Join(dir, "kept.json")
	if err := os.WriteFile(kept, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := network.Save(kept, tr); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(kept); fi.Mode().Perm() != 0o640 {
		t.Errorf("saving over a 0640 file left mode %v", fi.Mode().Perm())
	}

	// a symbolic link is written through, and stays a link
	target := filepath.Join(dir, "target.json")
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := network.Save(link, tr); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Error("saving through a link replaced the link")
	}
	if _, err := network.Load(target); err != nil {
		t.Errorf("the link's target was not written: %v", err)
	}

	// what is not a regular file is refused, and left alone
	fifo := filepath.Join(dir, "fifo")
	if err := mkfifo(fifo); err == nil {
		err := network.Save(fifo, tr)
		if err == nil || !strings.Contains(err.Error(), "not a regular file") {
			t.Errorf("saving to a FIFO: %v", err)
		}
		if fi, _ := os.Lstat(fifo); fi.Mode()&os.ModeNamedPipe == 0 {
			t.Error("the FIFO was replaced")
		}
	}
	for _, bad := range []struct{ path, want string }{
		{dir, "not a regular file"},
		{"", "no file name"},
		{filepath.Join(dir, "no", "such", "folder.json"), "does not exist"},
	} {
		if err := network.Save(bad.path, tr); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Save(%q): %v, want an error saying %q", bad.path, err, bad.want)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("a temporary file was left: %s", e.Name())
		}
	}
}

func TestLoadRefusesNonRegular(t *testing.T) {
	t.Parallel()
	if _, err := network.Load(os.DevNull); err == nil ||
		!strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Load(%s): %v", os.DevNull, err)
	}
}

func TestCheckPairing(t *testing.T) {
	t.Parallel()
	for _, f := range network.Activations {
		for _, l := range network.Losses {
			err := network.CheckPairing(f, l)
			ok := (l != network.BCE || f == network.Sigmoid || f == network.Softmax) &&
				(l != network.CCE || f == network.Softmax)
			if (err == nil) != ok {
				t.Errorf("CheckPairing(%s, %s) = %v", f.Name(), l.Name(), err)
			}
		}
	}
}

// TestTestLossDivergence: weights that are finite but overflow the test
// set's loss end the epoch in a divergence, not a NaN record.
func TestTestLossDivergence(t *testing.T) {
	t.Parallel()
	n := network.New([]int{1, 1}, []network.Activation{network.Linear}, network.MSE)
	n.SetLayer(0, [][]float64{{1e200}}, []float64{0})
	train := data([][]float64{{1e-200}}, [][]float64{{0}})
	test := data([][]float64{{1e200}}, [][]float64{{0}})
	tr := network.NewTrainer(n, &network.SGD{Eta: 1e-300}, train, test, network.Config{})
	if err := tr.EpochStep(); !errors.Is(err, network.ErrDiverged) {
		t.Fatalf("EpochStep = %v, want ErrDiverged", err)
	}
	if tr.EpochsDone() != 0 {
		t.Errorf("%d epochs recorded, want none", tr.EpochsDone())
	}
}
