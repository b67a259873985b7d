package erptest

import (
	"fmt"
	"io/fs"
	"os"
	"strings"
	"testing"
)

// announce prints a notice for the person running the tests. go test keeps
// the output of a passing package to itself unless -v is given, so a skip
// notice on stderr alone would never be seen in `go test ./...`. When go
// test started this binary and collects its output, the notice also goes
// straight to go test's own stderr, if that is a terminal or a pipe (a
// regular file is left alone: a write at its end would race go's offset).
func announce(line string) {
	fmt.Fprint(os.Stderr, line)
	if testing.Verbose() {
		return // -v or -json: the package's output is shown
	}
	ppid := os.Getppid()
	if comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", ppid)); err != nil || strings.TrimSpace(string(comm)) != "go" {
		return
	}
	name := fmt.Sprintf("/proc/%d/fd/2", ppid)
	theirs, err := os.Stat(name)
	if err != nil || theirs.Mode()&(fs.ModeCharDevice|fs.ModeNamedPipe) == 0 {
		return
	}
	if ours, err := os.Stderr.Stat(); err == nil && os.SameFile(ours, theirs) {
		return // go test streams this binary's output: it was shown above
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return
	}
	defer f.Close()
	f.WriteString(line)
}
