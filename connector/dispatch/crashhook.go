//go:build crashhook

package dispatch

import (
	"os"
	"strconv"
	"sync/atomic"
)

// The crash suite builds the binary with -tags crashhook: with
// AKINSOFT_CONNECTOR_CRASH_AFTER_ANSWERS=n in its environment the process
// kills itself right after the n-th provider answer, before that answer's
// outcome is committed — the one moment a random SIGKILL rarely hits.
// Release builds do not contain this file.

var (
	crashAfter = func() int64 {
		n, _ := strconv.ParseInt(os.Getenv("AKINSOFT_CONNECTOR_CRASH_AFTER_ANSWERS"), 10, 64)
		return n
	}()
	answers atomic.Int64
)

func crashAfterAnswer() {
	if crashAfter <= 0 || answers.Add(1) != crashAfter {
		return
	}
	if p, err := os.FindProcess(os.Getpid()); err == nil {
		_ = p.Kill() // SIGKILL, TerminateProcess on Windows: no deferred code runs
	}
	select {} // the kill is delivered asynchronously; record nothing meanwhile
}
