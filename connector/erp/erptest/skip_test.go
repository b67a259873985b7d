package erptest

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// recorder stands in for the test a helper ends: it notes a skip or a
// failure and stops that goroutine as testing would.
type recorder struct {
	testing.TB
	skipped, failed string
}

func (r *recorder) Helper() {}
func (r *recorder) Skipf(format string, args ...any) {
	r.skipped = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Fatalf(format string, args ...any) {
	r.failed = fmt.Sprintf(format, args...)
	runtime.Goexit()
}
func (r *recorder) Fatal(args ...any) { r.Fatalf("%s", fmt.Sprint(args...)) }

func run(tb testing.TB) *recorder {
	r := &recorder{TB: tb}
	done := make(chan struct{})
	go func() {
		defer close(done)
		Firebird(r)
	}()
	<-done
	return r
}

// Without a server a Firebird test skips, saying how to run it; with
// AKINSOFT_REQUIRE_FIREBIRD=1, as make test sets it, it fails instead. A
// half-set environment is a mistake, never a skip.
func TestNoServerSkipsOrFails(t *testing.T) {
	announced.Do(func() {}) // keep this test's notice off go test's output
	tests := []struct {
		name                 string
		host, pass, required string
		skip, fail           string
	}{
		{name: "no server", skip: "FIREBIRD_TEST_HOST is not set); to run them, as root: eval"},
		{name: "no server, required", required: "1", fail: "AKINSOFT_REQUIRE_FIREBIRD=1 forbids skipping"},
		{name: "half set", host: "127.0.0.1", fail: "FIREBIRD_TEST_PASSWORD or FIREBIRD_TEST_DIR is not"},
		{name: "half set, required", host: "127.0.0.1", required: "1", fail: "FIREBIRD_TEST_PASSWORD or FIREBIRD_TEST_DIR is not"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("FIREBIRD_TEST_HOST", tt.host)
			t.Setenv("FIREBIRD_TEST_PASSWORD", tt.pass)
			t.Setenv(RequireEnv, tt.required)
			r := run(t)
			if tt.skip != "" && !strings.Contains(r.skipped, tt.skip) || tt.skip == "" && r.skipped != "" {
				t.Errorf("skipped = %q, want one containing %q", r.skipped, tt.skip)
			}
			if tt.fail != "" && !strings.Contains(r.failed, tt.fail) || tt.fail == "" && r.failed != "" {
				t.Errorf("failed = %q, want one containing %q", r.failed, tt.fail)
			}
		})
	}
}

func TestFuncPackage(t *testing.T) {
	for fn, want := range map[string]string{
		"github.com/a/b/connector/erp.TestX":            "github.com/a/b/connector/erp",
		"github.com/a/b/connector/erp_test.TestX.func1": "github.com/a/b/connector/erp_test",
		"github.com/a/b/bench/erp.setup":                "github.com/a/b/bench/erp",
		"testing.tRunner":                               "testing",
		"github.com/a/b.(*T).M":                         "github.com/a/b",
		"nodot":                                         "",
	} {
		if got := funcPackage(fn); got != want {
			t.Errorf("funcPackage(%q) = %q, want %q", fn, got, want)
		}
	}
	// Called from erptest itself, no frame names another package.
	if got := callerPackage(); got != "this package" {
		t.Errorf("callerPackage() from erptest's own test = %q", got)
	}
}
