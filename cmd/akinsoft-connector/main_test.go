package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

// runEN runs a command line in English, for tests whose assertions read
// the English texts; Turkish, the default, has tests of its own.
func runEN(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	return runCLI(t, append([]string{"--lang", "en"}, args...)...)
}

func TestDemoCommand(t *testing.T) {
	code, out, errOut := runEN(t, "demo", "--dir", t.TempDir())
	if code != exitOK {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Run 1", "Run 2: only the new invoices", "2024-133", "Skipped, not sendable", "Outbox totals: 24 sent, 5 skipped"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}

func TestCheckReportsEveryProblemWithPosition(t *testing.T) {
	code, out, _ := runEN(t, "check", "--config", "../../connector/config/testdata/bad/bad-quiet-hours.yaml")
	if code != exitConfig {
		t.Fatalf("exit %d, want %d", code, exitConfig)
	}
	for _, want := range []string{"bad-quiet-hours.yaml:9:10: quiet_hours.start", "bad-quiet-hours.yaml:10:8: quiet_hours.end"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}

func TestCheckRendersSamples(t *testing.T) {
	t.Setenv("AC_TEST_DB_PASSWORD", "canary-Zx81")
	code, out, errOut := runEN(t, "check", "--offline", "--config", "../../connector/config/testdata/good.yaml")
	if code != exitOK {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if !strings.Contains(out, "sms sample: Sayın Ayşe Yılmaz, 2024-117 numaralı faturanız 1.250,00 TL.") || !strings.Contains(out, ": OK") {
		t.Errorf("check output:\n%s", out)
	}
	if strings.Contains(out+errOut, "canary-Zx81") {
		t.Error("check printed a secret")
	}
}

func TestUsageErrorExitCode(t *testing.T) {
	if code, _, _ := runEN(t, "demo", "--no-such-flag"); code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
}

// The daemon runs its schedule, sends, and on SIGTERM stops cleanly with
// exit code 0 — tested on the real binary, as the service manager sees it.
func TestRunStopsGracefullyOnSIGTERM(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGTERM is a Unix signal; the Windows service stop is tested with the installer")
	}
	p := startDaemon(t, demoConfig("FATURA"))
	p.waitFor("the messages", func() bool { return strings.Contains(p.out.String(), "FATURA 2024-130") })
	p.stop()
	if !strings.Contains(p.err.String(), "stopped") {
		t.Errorf("no clean stop logged:\n%s", p.err.String())
	}
	if n := strings.Count(p.out.String(), "FATURA 2024-101\n"); n != 1 {
		t.Errorf("invoice 2024-101 sent %d times", n)
	}
}

// SIGHUP reloads the config: a broken file is refused and the daemon keeps
// running; a valid one takes over without losing or repeating messages.
func TestReloadOnSIGHUP(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGHUP on Windows; there `service restart` reloads")
	}
	p := startDaemon(t, demoConfig("ESKI"))
	p.waitFor("the first messages", func() bool { return strings.Contains(p.out.String(), "ESKI 2024-130") })

	os.WriteFile(p.cfg, []byte("jobs: [\n"), 0o600)
	p.cmd.Process.Signal(syscall.SIGHUP)
	p.waitFor("the refused reload", func() bool { return strings.Contains(p.err.String(), "config reload refused") })

	os.WriteFile(p.cfg, []byte(demoConfig("YENI")), 0o600)
	p.cmd.Process.Signal(syscall.SIGHUP)
	p.waitFor("the reload", func() bool { return strings.Contains(p.err.String(), "config reloaded") })
	// The reload's lines never say a bare "stopped": an IT person tailing
	// the log after systemctl reload reads that as the service stopping.
	p.waitFor("the new config's start", func() bool {
		return strings.Count(p.err.String(), "connector running") == 2
	})
	if log := p.err.String(); strings.Contains(log, `msg=stopped`) || !strings.Contains(log, "msg=\"done with the old config; starting with the new one\"") {
		t.Errorf("the reload is logged as a stop:\n%s", log)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(p.dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.InsertInvoices(context.Background(), db, demo.LaterInvoices[:1]); err != nil {
		t.Fatal(err)
	}
	p.waitFor("a message with the new template", func() bool { return strings.Contains(p.out.String(), "YENI 2024-131") })
	p.stop()
	if out := p.out.String(); strings.Contains(out, "YENI 2024-101\n") || strings.Count(out, "ESKI 2024-101\n") != 1 {
		t.Errorf("messages repeated across the reload:\n%s", out)
	}
}

// daemonProc is the real binary running `run` over a demo database.
type daemonProc struct {
	t        *testing.T
	dir, cfg string
	cmd      *exec.Cmd
	out, err syncBuffer
}

// startDaemon builds the binary, creates the demo database and starts
// `run` with the given config text.
func startDaemon(t *testing.T, cfgText string, opts ...func(*daemonProc)) *daemonProc {
	t.Helper()
	p := &daemonProc{t: t, dir: t.TempDir()}
	for _, o := range opts {
		o(p)
	}
	bin := filepath.Join(p.dir, "akinsoft-connector")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	if err := demo.CreateDB(context.Background(), filepath.Join(p.dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	p.cfg = filepath.Join(p.dir, "config.yaml")
	if err := os.WriteFile(p.cfg, []byte(cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	p.cmd = exec.Command(bin, "run", "--config", p.cfg)
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.err
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.cmd.Process.Kill() })
	return p
}

// withDir runs the daemon in an existing folder (one holding its vault, say).
func withDir(dir string) func(*daemonProc) { return func(p *daemonProc) { p.dir = dir } }

// waitFor polls cond for up to 30 s, then fails with the daemon's output.
func (p *daemonProc) waitFor(what string, cond func() bool) {
	p.t.Helper()
	for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			p.t.Fatalf("timed out waiting for %s\nstdout:\n%s\nstderr:\n%s", what, p.out.String(), p.err.String())
		}
	}
}

// stop sends SIGTERM and fails unless the daemon exits cleanly within 20 s
// (about what Windows gives a service).
func (p *daemonProc) stop() {
	p.t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			p.t.Fatalf("run exited with %v after SIGTERM\n%s", err, p.err.String())
		}
	case <-time.After(20 * time.Second):
		p.t.Fatal("run did not stop within 20s of SIGTERM")
	}
}

func demoConfig(prefix string) string {
	return `language: en # the assertions read English log lines
quiet_hours: {disabled: true}
status: {listen: "127.0.0.1:0"}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console, rate: 100/s}}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1s"
    backfill: all
    messages: {sms: {text: "` + prefix + ` {{.FATURA_NO}}"}}
`
}
