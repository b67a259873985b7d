//go:build !linux

package erptest

import (
	"fmt"
	"os"
)

// announce prints a notice for the person running the tests: seen with
// go test -v, or when the package fails. (On Linux it also reaches go
// test's own stderr; see announce_linux.go.)
func announce(line string) {
	fmt.Fprint(os.Stderr, line)
}
