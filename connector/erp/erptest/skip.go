package erptest

import (
	"fmt"
	"os"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// Without a Firebird test server a developer's plain `go test ./...` skips
// the Firebird tests, and each package says so in one line that tells how
// to run them. make test sets RequireEnv=1: there a test that would skip
// fails, so the suite cannot pass without having checked the real server.

// RequireEnv names the variable that turns a skipped Firebird test into a
// failed one.
const RequireEnv = "AKINSOFT_REQUIRE_FIREBIRD"

const howToRun = `to run them, as root: eval "$(bash scripts/firebird/setup.sh)" && go test ./... (or make test)`

// announced makes the notice once per test binary, that is once per package.
var announced sync.Once

// skipOrFail ends a test that found no server (ErrNoServer).
func skipOrFail(t testing.TB) {
	t.Helper()
	if os.Getenv(RequireEnv) == "1" {
		t.Fatalf("%v, and %s=1 forbids skipping the Firebird tests; %s", ErrNoServer, RequireEnv, howToRun)
	}
	pkg := callerPackage()
	announced.Do(func() {
		announce(fmt.Sprintf("%s: Firebird tests skipped (FIREBIRD_TEST_HOST is not set); %s\n", pkg, howToRun))
	})
	t.Skipf("%v; %s", ErrNoServer, howToRun)
}

// callerPackage is the import path of the test package that asked for the
// server, as go test's own lines name it.
func callerPackage() string {
	self := reflect.TypeFor[Server]().PkgPath()
	pc := make([]uintptr, 32)
	frames := runtime.CallersFrames(pc[:runtime.Callers(2, pc)])
	for {
		f, more := frames.Next()
		if pkg := funcPackage(f.Function); pkg != self && pkg != "" && pkg != "testing" && pkg != "runtime" {
			return strings.TrimSuffix(pkg, "_test")
		}
		if !more {
			return "this package"
		}
	}
}

// funcPackage cuts "example.com/a/b.F.func1" to "example.com/a/b".
func funcPackage(fn string) string {
	slash := strings.LastIndexByte(fn, '/') + 1
	dot := strings.IndexByte(fn[slash:], '.')
	if dot < 0 {
		return ""
	}
	return fn[:slash+dot]
}
