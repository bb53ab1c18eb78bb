package main

import (
	"fmt"
	"nnviz/scenarios"
)

func main() {
	for _, name := range []string{"xor", "xor-keras", "worked-example"} {
		for seed := uint64(1); seed <= 10; seed++ {
			s, _ := scenarios.Lookup(name)
			s.Seed = seed
			t, err := s.Build()
			if err != nil { panic(err) }
			for range s.Epochs { if err := t.EpochStep(); err != nil { fmt.Println(err); break } }
			h := t.History()
			e := h[len(h)-1]
			fmt.Println(name, seed, e.TrainLoss, e.TrainAccuracy)
		}
	}
}
