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

func TestDemoCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "demo", "--dir", t.TempDir())
	if code != exitOK {
		t.Fatalf("demo exit %d: %s", code, errOut)
	}
	for _, want := range []string{"Run 1", "Run 2: only the new invoices", "2024-133", "Skipped, not sendable"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}

func TestCheckReportsEveryProblemWithPosition(t *testing.T) {
	code, out, _ := runCLI(t, "check", "--config", "../../connector/config/testdata/bad/bad-quiet-hours.yaml")
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
	code, out, errOut := runCLI(t, "check", "--config", "../../connector/config/testdata/good.yaml")
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
	if code, _, _ := runCLI(t, "demo", "--no-such-flag"); code != exitUsage {
		t.Fatalf("exit %d, want %d", code, exitUsage)
	}
}

// The daemon runs its schedule, sends, and on SIGTERM stops cleanly with
// exit code 0 — tested on the real binary, as the service manager sees it.
func TestRunStopsGracefullyOnSIGTERM(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGTERM is a Unix signal; the Windows service stop is tested with the installer")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "akinsoft-connector")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	cfg := `quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console, rate: 100/s}}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1s"
    backfill: all
    messages: {sms: {text: "{{.FATURA_NO}} {{money .TOPLAM_GENEL_KPB}}"}}
`
	cfgPath := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfgPath, []byte(cfg), 0o600)
	cmd := exec.Command(bin, "run", "--config", cfgPath)
	var out, errb syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(out.String(), "2024-130") {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("no messages within 30s\nstdout:\n%s\nstderr:\n%s", out.String(), errb.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run exited with %v after SIGTERM\n%s", err, errb.String())
		}
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("run did not stop within 20s of SIGTERM (Windows allows about that)")
	}
	if !strings.Contains(errb.String(), "stopped") {
		t.Errorf("no clean stop logged:\n%s", errb.String())
	}
	if n := strings.Count(out.String(), "2024-101 "); n != 1 {
		t.Errorf("invoice 2024-101 sent %d times", n)
	}
}

// SIGHUP reloads the config: a broken file is refused and the daemon keeps
// running; a valid one takes over without losing or repeating messages.
func TestReloadOnSIGHUP(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGHUP on Windows; there `service restart` reloads")
	}
	ctx := context.Background()
	dir := t.TempDir()
	bin := filepath.Join(dir, "akinsoft-connector")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	dbPath := filepath.Join(dir, "demo.db")
	if err := demo.CreateDB(ctx, dbPath); err != nil {
		t.Fatal(err)
	}
	cfgText := func(prefix string) string {
		return `quiet_hours: {disabled: true}
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
	cfgPath := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfgPath, []byte(cfgText("ESKI")), 0o600)
	cmd := exec.Command(bin, "run", "--config", cfgPath)
	var out, errb syncBuffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitFor := func(what string, cond func() bool) {
		t.Helper()
		for deadline := time.Now().Add(30 * time.Second); !cond(); time.Sleep(50 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("timed out waiting for %s\nstdout:\n%s\nstderr:\n%s", what, out.String(), errb.String())
			}
		}
	}
	waitFor("the first messages", func() bool { return strings.Contains(out.String(), "ESKI 2024-130") })

	os.WriteFile(cfgPath, []byte("jobs: [\n"), 0o600)
	cmd.Process.Signal(syscall.SIGHUP)
	waitFor("the refused reload", func() bool { return strings.Contains(errb.String(), "config reload refused") })

	os.WriteFile(cfgPath, []byte(cfgText("YENI")), 0o600)
	cmd.Process.Signal(syscall.SIGHUP)
	waitFor("the reload", func() bool { return strings.Contains(errb.String(), "config reloaded") })
	db, err := sql.Open("sqlite", "file:"+dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.InsertInvoices(ctx, db, demo.LaterInvoices[:1]); err != nil {
		t.Fatal(err)
	}
	waitFor("a message with the new template", func() bool { return strings.Contains(out.String(), "YENI 2024-131") })
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("exit after SIGTERM: %v", err)
	}
	if strings.Contains(out.String(), "YENI 2024-101") || strings.Count(out.String(), "ESKI 2024-101") != 1 {
		t.Errorf("messages repeated across the reload:\n%s", out.String())
	}
}
