package network

import (
	"fmt"
	"strings"
)

type named interface{ Name() string }

// byName finds the element of list called name; kind says what was asked
// for, so the error reads "unknown loss "x" (accepted: mse, bce)".
func byName[T named](kind string, list []T, name string) (T, error) {
	for _, v := range list {
		if v.Name() == name {
			return v, nil
		}
	}
	var zero T
	return zero, fmt.Errorf("unknown %s %q (accepted: %s)",
		kind, name, strings.Join(Names(list), ", "))
}

// Names returns the names of the elements of list, in order.
func Names[T named](list []T) []string {
	out := make([]string, len(list))
	for i, v := range list {
		out[i] = v.Name()
	}
	return out
}
