//go:build !unix

package main

// handOver has nothing to do on Windows: the vault's key is protected for
// the machine (DPAPI), and the folders get the service's rights when it
// is installed.
func handOver(string, string) {}

// handOverState has nothing to do on Windows either.
func handOverState(string) (int, bool) { return 0, false }
