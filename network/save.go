package network

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
)

// The file format of a saved network: JSON, with a format name and a
// version so that a file from another program or a future nnviz is
// refused with a clear message rather than misread.

// FormatName and FormatVersion mark a saved network file.
const (
	FormatName    = "nnviz-network"
	FormatVersion = 1
)

// Limits on what a file may ask for, so that a corrupt or hostile file
// cannot make the loader allocate without bound.
const (
	maxLayerSize = 4096
	maxLayers    = 64
	maxParams    = 1 << 24
	maxFileSize  = 1 << 28
)

// Saved is a network with its optimizer and training settings, as a file
// holds them.
type Saved struct {
	Net    *Network
	Opt    Optimizer
	Config Config
}

type fileLayer struct {
	Weights [][]float64 `json:"weights"`
	Biases  []float64   `json:"biases"`
}

type fileOptimizer struct {
	Name         string               `json:"name"`
	LearningRate float64              `json:"learning_rate"`
	Momentum     float64              `json:"momentum,omitempty"`
	Beta1        float64              `json:"beta1,omitempty"`
	Beta2        float64              `json:"beta2,omitempty"`
	Epsilon      float64              `json:"epsilon,omitempty"`
	Steps        int                  `json:"steps"`
	State        map[string][]float64 `json:"state,omitempty"`
}

type file struct {
	Format      string        `json:"format"`
	Version     int           `json:"version"`
	Sizes       []int         `json:"sizes"`
	Activations []string      `json:"activations"`
	Loss        string        `json:"loss"`
	Optimizer   fileOptimizer `json:"optimizer"`
	Batch       int           `json:"batch"`
	Shuffle     bool          `json:"shuffle"`
	Seed        uint64        `json:"seed"`
	Classify    bool          `json:"classify"`
	L1          float64       `json:"l1"`
	L2          float64       `json:"l2"`
	// ShuffleState is where the shuffling source stands, so that a loaded
	// network goes on shuffling as the saved one would have.
	ShuffleState []byte      `json:"shuffle_state,omitempty"`
	Layers       []fileLayer `json:"layers"`
}

// CheckSavePath returns an error if Save could not write path: an empty
// name, a folder that does not exist, or something there that is not a
// regular file (a folder, a device, a pipe). It follows a symbolic link
// and returns the path to write.
func CheckSavePath(path string) (string, error) {
	if path == "" {
		return "", errors.New("no file name to save to")
	}
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		// a link may point at a file not written yet
		to, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(path), to)
		}
		path = to
	}
	fi, err := os.Stat(path)
	switch {
	case err == nil && !fi.Mode().IsRegular():
		return "", fmt.Errorf("%s is not a regular file; nnviz saves only to files", path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", err
	}
	if di, err := os.Stat(filepath.Dir(path)); err != nil || !di.IsDir() {
		return "", fmt.Errorf("%s: the folder %s does not exist", path, filepath.Dir(path))
	}
	return path, nil
}

// Save writes the trainer's network, optimizer state and settings to path.
// It writes a temporary file beside path and renames it, so an existing
// file at path is either replaced whole, keeping its permissions, or left
// as it was. The error names the first parameter that is not a finite
// number, if any, or why path cannot be written (see CheckSavePath).
func Save(path string, t *Trainer) error {
	path, err := CheckSavePath(path)
	if err != nil {
		return err
	}
	data, err := Encode(t)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	mode := fs.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// Encode returns the file contents Save writes.
func Encode(t *Trainer) ([]byte, error) {
	n := t.Net
	f := file{
		Format: FormatName, Version: FormatVersion,
		Sizes: n.Sizes, Loss: n.Loss.Name(),
		Batch: t.cfg.Batch, Shuffle: t.cfg.Shuffle, Seed: t.cfg.Seed,
		Classify: t.cfg.Classify, L1: t.cfg.L1, L2: t.cfg.L2,
	}
	if t.cfg.Shuffle {
		// MarshalBinary of a PCG cannot fail
		f.ShuffleState, _ = t.pcg.MarshalBinary()
	}
	for i, l := range n.Layers {
		f.Activations = append(f.Activations, l.Act.Name())
		fl := fileLayer{Biases: l.B}
		for j := range l.Out {
			row := l.W.RawRowView(j)
			for k, w := range row {
				if !finite(w) {
					return nil, fmt.Errorf("layer %d weight [%d][%d] is %v", i+1, j+1, k+1, w)
				}
			}
			fl.Weights = append(fl.Weights, row)
		}
		for j, b := range l.B {
			if !finite(b) {
				return nil, fmt.Errorf("layer %d bias [%d] is %v", i+1, j+1, b)
			}
		}
		f.Layers = append(f.Layers, fl)
	}

	st := t.Opt.State()
	f.Optimizer = fileOptimizer{Name: t.Opt.Name(), LearningRate: t.Opt.LearningRate(),
		Steps: st.Steps}
	switch o := t.Opt.(type) {
	case *Momentum:
		f.Optimizer.Momentum = o.Mu
	case *Adam:
		f.Optimizer.Beta1, f.Optimizer.Beta2, f.Optimizer.Epsilon = o.Beta1, o.Beta2, o.Eps
	}
	if len(st.Vectors) > 0 {
		f.Optimizer.State = map[string][]float64{}
	}
	for i, v := range st.Vectors {
		if k := slices.IndexFunc(v, func(x float64) bool { return !finite(x) }); k >= 0 {
			return nil, fmt.Errorf("optimizer %s[%d] is %v", st.Names[i], k+1, v[k])
		}
		f.Optimizer.State[st.Names[i]] = v
	}
	return json.MarshalIndent(f, "", " ")
}

// Load reads a network saved by Save. The error names the file and what
// is wrong with it.
func Load(path string) (*Saved, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	if fi, err := fh.Stat(); err != nil || !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	data, err := io.ReadAll(io.LimitReader(fh, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	s, err := Decode(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

// Decode parses the contents of a saved network file.
func Decode(data []byte) (*Saved, error) {
	if len(data) > maxFileSize {
		return nil, errors.New("file larger than 256 MiB")
	}
	var f file
	if err := json.Unmarshal(data, &f); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("not a complete JSON file (%v)", err)
		}
		return nil, fmt.Errorf("not an nnviz network file (%v)", err)
	}
	if f.Format != FormatName {
		return nil, fmt.Errorf("not an nnviz network file (format %q, want %q)", f.Format, FormatName)
	}
	if f.Version != FormatVersion {
		return nil, fmt.Errorf("format version %d is not supported (this nnviz reads version %d)",
			f.Version, FormatVersion)
	}
	n, err := f.network()
	if err != nil {
		return nil, err
	}
	opt, err := f.optimizer(len(n.Params))
	if err != nil {
		return nil, err
	}
	if f.Batch < 0 || !(f.L1 >= 0) || !(f.L2 >= 0) || math.IsInf(f.L1+f.L2, 0) {
		return nil, fmt.Errorf("batch %d, l1 %v, l2 %v: need values of at least 0",
			f.Batch, f.L1, f.L2)
	}
	if f.ShuffleState != nil {
		if err := new(rand.PCG).UnmarshalBinary(f.ShuffleState); err != nil {
			return nil, fmt.Errorf("shuffle_state: %v", err)
		}
	}
	return &Saved{Net: n, Opt: opt, Config: Config{Batch: f.Batch, Shuffle: f.Shuffle,
		Seed: f.Seed, Classify: f.Classify, L1: f.L1, L2: f.L2,
		ShuffleState: f.ShuffleState}}, nil
}

// network checks the shape and builds the network the file describes.
func (f *file) network() (*Network, error) {
	if len(f.Sizes) < 2 || len(f.Sizes) > maxLayers+1 {
		return nil, fmt.Errorf("sizes %v: need 2 to %d layers", f.Sizes, maxLayers+1)
	}
	total := 0
	for i, s := range f.Sizes {
		if s < 1 || s > maxLayerSize {
			return nil, fmt.Errorf("layer %d has size %d (need 1 to %d)", i, s, maxLayerSize)
		}
		if i > 0 {
			total += f.Sizes[i-1]*s + s
		}
	}
	if total > maxParams {
		return nil, fmt.Errorf("%d parameters is more than %d", total, maxParams)
	}
	L := len(f.Sizes) - 1
	if len(f.Activations) != L || len(f.Layers) != L {
		return nil, fmt.Errorf("%d activations and %d layers for sizes %v (need %d of each)",
			len(f.Activations), len(f.Layers), f.Sizes, L)
	}
	acts := make([]Activation, L)
	for i, name := range f.Activations {
		a, err := ActivationByName(name)
		if err != nil {
			return nil, fmt.Errorf("layer %d: %w", i+1, err)
		}
		if _, vec := a.(LayerActivation); vec && i < L-1 {
			return nil, fmt.Errorf("layer %d: %s is only for the output layer", i+1, name)
		}
		acts[i] = a
	}
	loss, err := LossByName(f.Loss)
	if err != nil {
		return nil, err
	}
	if err := CheckPairing(acts[L-1], loss); err != nil {
		return nil, err
	}

	// the shapes agree before anything is allocated for them
	for i, fl := range f.Layers {
		in, out := f.Sizes[i], f.Sizes[i+1]
		if len(fl.Weights) != out || len(fl.Biases) != out {
			return nil, fmt.Errorf("layer %d has %d rows of weights and %d biases; its size says %d",
				i+1, len(fl.Weights), len(fl.Biases), out)
		}
		for j, row := range fl.Weights {
			if len(row) != in {
				return nil, fmt.Errorf("layer %d row %d has %d weights; the layer below has %d neurons",
					i+1, j+1, len(row), in)
			}
		}
	}
	n := New(f.Sizes, acts, loss)
	for i, fl := range f.Layers {
		n.SetLayer(i, fl.Weights, fl.Biases)
	}
	return n, nil
}

// optimizer builds the optimizer the file describes, with its state.
func (f *file) optimizer(n int) (Optimizer, error) {
	fo := f.Optimizer
	opt, err := NewOptimizer(fo.Name, fo.LearningRate, n)
	if err != nil {
		return nil, fmt.Errorf("optimizer: %w", err)
	}
	switch o := opt.(type) {
	case *Momentum:
		if !(fo.Momentum >= 0 && fo.Momentum < 1) {
			return nil, fmt.Errorf("optimizer: momentum %v is not in [0, 1)", fo.Momentum)
		}
		o.Mu = fo.Momentum
	case *Adam:
		if !(fo.Beta1 >= 0 && fo.Beta1 < 1 && fo.Beta2 >= 0 && fo.Beta2 < 1 && fo.Epsilon > 0) {
			return nil, fmt.Errorf("optimizer: β1 %v, β2 %v, ε %v out of range",
				fo.Beta1, fo.Beta2, fo.Epsilon)
		}
		o.Beta1, o.Beta2, o.Eps = fo.Beta1, fo.Beta2, fo.Epsilon
	}
	if fo.Steps < 0 {
		return nil, fmt.Errorf("optimizer: %d steps", fo.Steps)
	}
	names := opt.State().Names
	st := State{Names: names, Steps: fo.Steps}
	if len(fo.State) != len(names) {
		return nil, fmt.Errorf("optimizer %s: state has %d vectors, want %d",
			fo.Name, len(fo.State), len(names))
	}
	for _, name := range names {
		v, ok := fo.State[name]
		if !ok || len(v) != n {
			return nil, fmt.Errorf("optimizer %s: state %q needs %d values, has %d",
				fo.Name, name, n, len(v))
		}
		st.Vectors = append(st.Vectors, v)
	}
	opt.SetState(st)
	return opt, nil
}
