//go:build !unix

package network_test

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs here") }
