// Command akinsoft-connector reads a shop's AKINSOFT Wolvox database and sends
// customers SMS, WhatsApp and e-mail notifications. main only wires commands;
// the work lives in the connector, mapping and notify packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // Europe/Istanbul even on Windows machines without zoneinfo

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

// version is stamped at build time with -ldflags "-X main.version=…".
var version = "dev"

// Exit codes: scripts and the service manager can tell a config problem from
// a runtime failure.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitConfig  = 3
)

func main() { os.Exit(run()) }

func run() int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRootCmd()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(os.Stderr, "error:", err)
	var cerrs config.Errors
	var usage *usageError
	switch {
	case errors.As(err, &cerrs):
		return exitConfig
	case errors.As(err, &usage):
		return exitUsage
	}
	return exitFailure
}

type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }
