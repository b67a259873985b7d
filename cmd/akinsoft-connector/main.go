// Command akinsoft-connector reads a shop's AKINSOFT Wolvox database and sends
// customers SMS, WhatsApp and e-mail notifications. main only wires commands;
// the work lives in the connector, mapping and notify packages.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	_ "time/tzdata" // Europe/Istanbul even on Windows machines without zoneinfo

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

// Exit codes: scripts and the service manager can tell a config problem from
// a runtime failure.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitConfig  = 3
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes one command line and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	root, g := newRoot(args)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	localizeCompletion(root, g)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	return exitCode(err, stderr, g.language())
}

// exitCode prints err in lang and returns the code it means (README, "Exit
// codes").
func exitCode(err error, stderr io.Writer, lang catalog.Lang) int {
	var cerrs config.Errors
	var file *config.FileError
	var usage *usageError
	var problems *configProblems
	say := func(text string) { fmt.Fprintln(stderr, lang.Text("cmd.error", map[string]string{"err": text})) }
	switch {
	case errors.As(err, &file), errors.As(err, &cerrs):
		say(config.Describe(err, lang))
		return exitConfig
	case errors.As(err, &problems):
		say(err.Error())
		return exitConfig
	case errors.As(err, &usage):
		say(err.Error())
		return exitUsage
	}
	var localized catalog.Localized
	if errors.As(err, &localized) {
		say(localized.In(lang))
		return exitFailure
	}
	say(err.Error())
	return exitFailure
}

type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }
