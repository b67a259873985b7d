//go:build !genman

package main

import "github.com/spf13/cobra"

// newManCmd is nil in a release build: gen-man is built only for packaging
// (cmd_man.go, -tags genman).
func newManCmd(*globals) *cobra.Command { return nil }
