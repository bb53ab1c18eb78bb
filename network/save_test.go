package network_test

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"nnviz/network"
)

// saveSpec returns a trainer to save with optimizer opt. It does not
// shuffle: a file holds the network, the optimizer and the settings but
// not the position of the shuffling source, so a trainer built from it
// visits the samples as a new trainer does, not as the saved one would.
func saveSpec(opt string) trainerSpec {
	return trainerSpec{"save " + opt, []int{3, 4, 2},
		[]network.Activation{network.LeakyReLU, network.Softmax},
		network.CCE, opt, 0.05, 11,
		network.Config{Batch: 4, Seed: 42, Classify: true, L1: 0.001,
			L2: 0.002}}
}

func TestSaveLoad(t *testing.T) {
	t.Parallel()
	for _, opt := range network.OptimizerNames {
		t.Run(opt, func(t *testing.T) {
			t.Parallel()
			orig := saveSpec(opt).new(4)
			if err := repeat(3, orig.EpochStep); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(t.TempDir(), "net.json")
			if err := network.Save(path, orig); err != nil {
				t.Fatal(err)
			}
			s, err := network.Load(path)
			if err != nil {
				t.Fatal(err)
			}
			checkSaved(t, s, orig, saveSpec(opt).cfg)

			// identical predictions
			a, b := orig.Net.NewScratch(), s.Net.NewScratch()
			for i := range orig.Test.Len() {
				x, _ := orig.Test.Sample(i)
				checkBits(t, "prediction", s.Net.Forward(x, b),
					orig.Net.Forward(x, a))
			}

			// identical next epoch
			loaded := network.NewTrainer(s.Net, s.Opt, orig.Train, orig.Test,
				s.Config)
			if err := orig.EpochStep(); err != nil {
				t.Fatal(err)
			}
			if err := loaded.EpochStep(); err != nil {
				t.Fatal(err)
			}
			checkBits(t, "params after the next epoch", loaded.Net.Params,
				orig.Net.Params)
			want, got := capture(orig), capture(loaded)
			checkBits(t, "optimizer state", got.opt, want.opt)
			checkBits(t, "trace", got.trace, want.trace)
			e1, _ := orig.LastEpoch()
			e2, _ := loaded.LastEpoch()
			checkBits(t, "epoch record", flatHistory([]network.Epoch{e2}),
				flatHistory([]network.Epoch{e1}))
		})
	}
}

// checkSaved checks that s holds what tr, made with cfg, would save.
func checkSaved(t *testing.T, s *network.Saved, tr *network.Trainer,
	cfg network.Config) {
	t.Helper()
	if !slices.Equal(s.Net.Sizes, tr.Net.Sizes) || s.Net.Loss != tr.Net.Loss {
		t.Errorf("loaded %v with %s, want %v with %s", s.Net.Sizes,
			s.Net.Loss.Name(), tr.Net.Sizes, tr.Net.Loss.Name())
	}
	for i, l := range s.Net.Layers {
		if l.Act != tr.Net.Layers[i].Act {
			t.Errorf("layer %d: %s, want %s", i+1, l.Act.Name(),
				tr.Net.Layers[i].Act.Name())
		}
	}
	checkBits(t, "params", s.Net.Params, tr.Net.Params)
	if s.Opt.Name() != tr.Opt.Name() ||
		s.Opt.LearningRate() != tr.Opt.LearningRate() {
		t.Errorf("optimizer %s η = %v, want %s η = %v", s.Opt.Name(),
			s.Opt.LearningRate(), tr.Opt.Name(), tr.Opt.LearningRate())
	}
	switch o := tr.Opt.(type) {
	case *network.Momentum:
		if l := s.Opt.(*network.Momentum); l.Mu != o.Mu {
			t.Errorf("μ = %v, want %v", l.Mu, o.Mu)
		}
	case *network.Adam:
		l := s.Opt.(*network.Adam)
		if l.Beta1 != o.Beta1 || l.Beta2 != o.Beta2 || l.Eps != o.Eps {
			t.Errorf("β1, β2, ε = %v, %v, %v, want %v, %v, %v",
				l.Beta1, l.Beta2, l.Eps, o.Beta1, o.Beta2, o.Eps)
		}
	}
	got, want := s.Opt.State(), tr.Opt.State()
	if got.Steps != want.Steps || !slices.Equal(got.Names, want.Names) {
		t.Errorf("optimizer state %v after %d steps, want %v after %d",
			got.Names, got.Steps, want.Names, want.Steps)
	}
	for i := range want.Vectors {
		checkBits(t, "optimizer "+want.Names[i], got.Vectors[i],
			want.Vectors[i])
	}
	// the shuffle state is compared by what it does, in the tests that
	// train a loaded network on
	gotCfg, wantCfg := s.Config, cfg
	gotCfg.ShuffleState, wantCfg.ShuffleState = nil, nil
	if !reflect.DeepEqual(gotCfg, wantCfg) {
		t.Errorf("config %+v, want %+v", gotCfg, cfg)
	}
	if (s.Config.ShuffleState != nil) != cfg.Shuffle {
		t.Errorf("shuffle state saved: %v; shuffling: %v", s.Config.ShuffleState != nil, cfg.Shuffle)
	}
}

// validFile returns the file an adam trainer on a 2-3-2 tanh/softmax
// network saves: 9 + 8 = 17 parameters.
func validFile(t testing.TB) []byte {
	t.Helper()
	spec := trainerSpec{"file", []int{2, 3, 2},
		[]network.Activation{network.Tanh, network.Softmax}, network.CCE,
		"adam", 0.01, 4, network.Config{Batch: 2, Classify: true}}
	tr := spec.new(5)
	if err := tr.EpochStep(); err != nil {
		t.Fatal(err)
	}
	data, err := network.Encode(tr)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// edit returns the valid file with f applied to its JSON object.
func edit(t testing.TB, f func(file map[string]any)) []byte {
	t.Helper()
	var file map[string]any
	if err := json.Unmarshal(validFile(t), &file); err != nil {
		t.Fatal(err)
	}
	f(file)
	data, err := json.Marshal(file)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Accessors into a file's JSON object.
func layer(f map[string]any, i int) map[string]any {
	return f["layers"].([]any)[i].(map[string]any)
}
func optimizer(f map[string]any) map[string]any {
	return f["optimizer"].(map[string]any)
}
func dropLast(v any) []any { s := v.([]any); return s[:len(s)-1] }

// hugeSizes returns a file that asks for layers of the given sizes, with
// as many activations and layers (all empty) as they need.
func hugeSizes(sizes ...int) []byte {
	n := len(sizes) - 1
	f := map[string]any{
		"format": network.FormatName, "version": network.FormatVersion,
		"sizes": sizes, "loss": "mse",
		"activations": slices.Repeat([]string{"linear"}, max(n, 0)),
		"layers":      slices.Repeat([]any{map[string]any{}}, max(n, 0)),
		"optimizer":   map[string]any{"name": "sgd", "learning_rate": 0.1},
	}
	data, _ := json.Marshal(f)
	return data
}

// badFiles are files Decode must refuse, with a part of the error that
// says why.
func badFiles(t testing.TB) []struct {
	name string
	data []byte
	want string
} {
	valid := validFile(t)
	return []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a complete JSON file"},
		{"truncated", valid[:len(valid)/2], "not a complete JSON file"},
		{"not JSON", []byte("PK\x03\x04 zip"), "not a complete JSON file"},
		{"JSON array", []byte("[1, 2, 3]"), "not an nnviz network file"},
		{"sizes not numbers", edit(t, func(f map[string]any) {
			f["sizes"] = "2-3-2"
		}), "not an nnviz network file"},
		{"number out of range", bytes.Replace(valid, []byte(`"l1": 0`),
			[]byte(`"l1": 1e999`), 1), "1e999"},
		{"no format", []byte("{}"), `format ""`},
		{"wrong format name", edit(t, func(f map[string]any) {
			f["format"] = "keras"
		}), `format "keras", want "nnviz-network"`},
		{"unknown version", edit(t, func(f map[string]any) {
			f["version"] = 2
		}), "format version 2 is not supported"},
		{"too few rows", edit(t, func(f map[string]any) {
			layer(f, 0)["weights"] = dropLast(layer(f, 0)["weights"])
		}), "layer 1 has 2 rows of weights and 3 biases; its size says 3"},
		{"short row", edit(t, func(f map[string]any) {
			w := layer(f, 1)["weights"].([]any)
			w[0] = dropLast(w[0])
		}), "layer 2 row 1 has 2 weights; the layer below has 3"},
		{"too few biases", edit(t, func(f map[string]any) {
			layer(f, 1)["biases"] = dropLast(layer(f, 1)["biases"])
		}), "layer 2 has 2 rows of weights and 1 biases"},
		{"sizes and layers differ", edit(t, func(f map[string]any) {
			f["sizes"] = []int{2, 3, 3, 2}
		}), "2 activations and 2 layers for sizes [2 3 3 2] (need 3"},
		{"unknown activation", edit(t, func(f map[string]any) {
			f["activations"].([]any)[0] = "swish"
		}), `layer 1: unknown activation "swish"`},
		{"unknown loss", edit(t, func(f map[string]any) {
			f["loss"] = "hinge"
		}), `unknown loss "hinge"`},
		{"unknown optimizer", edit(t, func(f map[string]any) {
			optimizer(f)["name"] = "rmsprop"
		}), `unknown optimizer "rmsprop"`},
		{"softmax on a hidden layer", edit(t, func(f map[string]any) {
			f["activations"] = []string{"softmax", "softmax"}
		}), "layer 1: softmax is only for the output layer"},
		{"state too short", edit(t, func(f map[string]any) {
			st := optimizer(f)["state"].(map[string]any)
			st["m"] = dropLast(st["m"])
		}), `state "m" needs 17 values, has 16`},
		{"state missing", edit(t, func(f map[string]any) {
			delete(optimizer(f)["state"].(map[string]any), "v")
		}), "state has 1 vectors, want 2"},
		{"state of another optimizer", edit(t, func(f map[string]any) {
			optimizer(f)["name"] = "sgd"
		}), "optimizer sgd: state has 2 vectors, want 0"},
		{"negative steps", edit(t, func(f map[string]any) {
			optimizer(f)["steps"] = -1
		}), "optimizer: -1 steps"},
		{"learning rate 0", edit(t, func(f map[string]any) {
			optimizer(f)["learning_rate"] = 0
		}), "learning rate 0 is not a positive number"},
		{"β1 of 1", edit(t, func(f map[string]any) {
			optimizer(f)["beta1"] = 1
		}), "β1 1"},
		{"momentum of 1.5", edit(t, func(f map[string]any) {
			optimizer(f)["name"] = "momentum"
			optimizer(f)["momentum"] = 1.5
			st := optimizer(f)["state"].(map[string]any)
			st["v"], st["m"] = st["m"], nil
			delete(st, "m")
		}), "momentum 1.5 is not in [0, 1)"},
		{"negative batch", edit(t, func(f map[string]any) {
			f["batch"] = -1
		}), "batch -1"},
		{"negative l2", edit(t, func(f map[string]any) {
			f["l2"] = -0.5
		}), "l2 -0.5"},
		{"layer of size 0", hugeSizes(2, 0, 1), "layer 1 has size 0"},
		{"one size", hugeSizes(2), "need 2 to 65 layers"},
		{"huge layer", hugeSizes(2, 1e12, 1),
			"layer 1 has size 1000000000000 (need 1 to 4096)"},
		{"huge network", hugeSizes(4096, 4096, 4096),
			"33562624 parameters is more than 16777216"},
		{"too many layers", hugeSizes(slices.Repeat([]int{1}, 66)...),
			"need 2 to 65 layers"},
		{"huge network without weights", hugeSizes(4096, 4095),
			"layer 1 has 0 rows of weights and 0 biases; its size says 4095"},
	}
}

func TestDecodeErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range badFiles(t) {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := network.Decode(tt.data)
			if err == nil || s != nil {
				t.Fatalf("Decode = %v, %v; want an error with %q", s, err,
					tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			// Load says the same, after the file's name.
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_"))
			if err := os.WriteFile(path, tt.data, 0o600); err != nil {
				t.Fatal(err)
			}
			_, err = network.Load(path)
			if err == nil || !strings.HasPrefix(err.Error(), path+": ") ||
				!strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load: %v, want %q and then %q", err, path, tt.want)
			}
		})
	}
	path := filepath.Join(dir, "missing.json")
	if _, err := network.Load(path); err == nil ||
		!strings.Contains(err.Error(), path) {
		t.Errorf("Load of a missing file: %v, want an error naming it", err)
	}
}

// TestDecodeHugeSizes checks that a small file cannot make Decode allocate
// memory out of proportion to it: a file that holds P parameters is at
// least 2P bytes long, and Decode needs some 8 bytes a parameter for the
// network and 16 more for Adam's moments, so 64 bytes a byte of file (and
// a MiB to spare) is ample for a real file. It is not parallel, so that
// other tests' allocations do not count.
func TestDecodeHugeSizes(t *testing.T) {
	for _, tt := range badFiles(t) {
		if !strings.HasPrefix(tt.name, "huge") &&
			!strings.HasPrefix(tt.name, "too many") {
			continue
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := network.Decode(tt.data)
		runtime.ReadMemStats(&after)
		if err == nil {
			t.Errorf("%s: Decode accepted it", tt.name)
		}
		limit := 64*uint64(len(tt.data)) + 1<<20
		if got := after.TotalAlloc - before.TotalAlloc; got > limit {
			t.Errorf("%s: Decode of %d bytes allocated %d bytes before "+
				"refusing it (%v), want at most %d", tt.name, len(tt.data),
				got, err, limit)
		}
	}
}

// TestSaveRefusesNonFinite checks that Save names a parameter or an
// optimizer value that is not a finite number, and leaves a file already
// at the path as it was, with no temporary file beside it.
func TestSaveRefusesNonFinite(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, opt string
		spoil     func(tr *network.Trainer)
		want      string
	}{
		{"weight", "sgd", func(tr *network.Trainer) {
			tr.Net.Layers[1].W.Set(0, 2, math.NaN())
		}, "layer 2 weight [1][3] is NaN"},
		{"bias", "sgd", func(tr *network.Trainer) {
			tr.Net.Layers[0].B[1] = math.Inf(1)
		}, "layer 1 bias [2] is +Inf"},
		{"Adam moment", "adam", func(tr *network.Trainer) {
			tr.Opt.State().Vectors[0][4] = math.NaN()
		}, "optimizer m[5] is NaN"},
		{"velocity", "nesterov", func(tr *network.Trainer) {
			tr.Opt.State().Vectors[0][0] = math.Inf(-1)
		}, "optimizer v[1] is -Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr := saveSpec(tt.opt).new(4)
			if err := tr.EpochStep(); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "net.json")
			old := []byte("an earlier save\n")
			if err := os.WriteFile(path, old, 0o600); err != nil {
				t.Fatal(err)
			}

			tt.spoil(tr)
			err := network.Save(path, tr)
			if err == nil || !strings.HasPrefix(err.Error(), path+": ") ||
				!strings.Contains(err.Error(), tt.want) {
				t.Errorf("Save: %v, want %q and then %q", err, path, tt.want)
			}
			if _, err := network.Encode(tr); err == nil ||
				!strings.Contains(err.Error(), tt.want) {
				t.Errorf("Encode: %v, want %q", err, tt.want)
			}

			if got, err := os.ReadFile(path); err != nil ||
				!bytes.Equal(got, old) {
				t.Errorf("the file now holds %q (%v), want %q", got, err, old)
			}
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("the directory holds %v, want only net.json", names)
			}
		})
	}
}

// FuzzDecode feeds Decode valid and broken files. It must never panic,
// and a file it accepts must encode again (from a trainer built on it)
// into a file that decodes to the same network and optimizer. Without
// -fuzz it runs the seeds only.
func FuzzDecode(f *testing.F) {
	for _, opt := range network.OptimizerNames {
		data, err := network.Encode(saveSpec(opt).new(4))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(validFile(f))
	for _, tt := range badFiles(f) {
		f.Add(tt.data)
	}
	f.Add([]byte("null"))
	f.Fuzz(func(t *testing.T, file []byte) {
		s, err := network.Decode(file)
		if err != nil {
			if s != nil {
				t.Fatalf("Decode returned %v with the error %v", s, err)
			}
			return
		}
		one := data([][]float64{make([]float64, s.Net.Inputs())},
			[][]float64{make([]float64, s.Net.Outputs())})
		tr := network.NewTrainer(s.Net, s.Opt, one, nil, s.Config)
		again, err := network.Encode(tr)
		if err != nil {
			t.Fatalf("a decoded file does not encode: %v", err)
		}
		s2, err := network.Decode(again)
		if err != nil {
			t.Fatalf("a re-encoded file does not decode: %v\n%s", err, again)
		}
		cfg := s.Config
		cfg.Batch = tr.BatchSize() // the trainer fits it to the data
		checkSaved(t, s2, tr, cfg)
	})
}
