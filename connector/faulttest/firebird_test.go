package faulttest

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

const firebirdConfig = `
state_dir: state
language: en # the assertions read English log lines
quiet_hours: {disabled: true}
sources:
  - name: merkez
    driver: firebird
    host: HOST
    port: PORT
    database: 'DB'
    user: USER
    password: ${env:FIREBIRD_TEST_PASSWORD}
    timeout: 5s
channels:
  sms: {provider: console, rate: 1000/s}
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: "key:130"
    page_size: 1
    messages: {sms: {text: "Fatura {{.FATURA_NO}}"}}
`

// firebirdCtl runs setup.sh stop|restart, the script FIREBIRD_TEST_RESTART
// names. The server is shared with other tests: it is always restarted.
func firebirdCtl(t *testing.T, verb string) {
	t.Helper()
	f := strings.Fields(os.Getenv("FIREBIRD_TEST_RESTART"))
	if len(f) == 0 {
		t.Fatal("FIREBIRD_TEST_RESTART is not set: run scripts/firebird/setup.sh and eval its output")
	}
	args := append(f[1:len(f)-1:len(f)-1], verb)
	if out, err := exec.Command(f[0], args...).CombinedOutput(); err != nil {
		t.Fatalf("firebird %s: %v: %s", verb, err, out)
	}
}

// The server stops while a job is paging through new invoices and comes
// back later: the run fails with a clear error, the cursor keeps the last
// page that was enqueued, and the next run after the restart picks up
// every remaining row, none twice.
func TestFirebirdStopsMidPoll(t *testing.T) {
	s := erptest.FirebirdExclusive(t)
	ctx := context.Background()
	path := s.Path(t, "faultstop")
	db, err := s.CreateWolvox(ctx, path, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	dir := t.TempDir()
	y := strings.NewReplacer("HOST", s.Host, "PORT", fmt.Sprint(s.Port), "DB", path, "USER", s.User).Replace(firebirdConfig)
	cfg := loadConfig(t, dir, y)
	var out bytes.Buffer
	var lg logs
	d := newDaemon(t, cfg, connector.Options{Logger: lg.logger(), Console: &out})
	st := d.Store()
	runJob(t, d, "invoices") // cursor at 130

	// One page per row: the run is in the middle of its pages when the
	// server stops.
	const n = 50
	var inv []demo.Invoice
	for k := int64(131); k < 131+n; k++ {
		inv = append(inv, demo.Invoice{Key: k, Customer: 1, No: fmt.Sprint("F-", k), Total: "10.00", Kind: 1, Date: "2026-11-20"})
	}
	if err := erptest.InsertInvoices(ctx, db, inv, time.Now()); err != nil {
		t.Fatal(err)
	}
	db.Close() // the test's own connection would keep nothing alive, but be tidy

	stopped := false
	t.Cleanup(func() {
		if stopped {
			firebirdCtl(t, "restart")
		}
	})
	// Hold the outbox's write lock so the run stops after reading its first
	// page, waiting to enqueue it; the server is stopped right there.
	lock, err := sql.Open("sqlite", "file:"+filepath.ToSlash(connector.OutboxPath(cfg)))
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	conn, err := lock.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `BEGIN IMMEDIATE`); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := d.RunJob(ctx, "invoices")
		done <- err
	}()
	time.Sleep(300 * time.Millisecond) // the first page is read in milliseconds
	stopped = true
	firebirdCtl(t, "stop")
	if _, err := conn.ExecContext(ctx, `ROLLBACK`); err != nil {
		t.Fatal(err)
	}
	var runErr error
	select {
	case runErr = <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("the job run did not end within 30 s of the server stopping")
	}
	if runErr == nil {
		t.Fatalf("the run read all %d rows before the server stopped; nothing was tested (make n larger)", n)
	}
	lg.want(t, "ERROR", "job run failed; it will run again at its next time", map[string]string{"job": "invoices", "err": "merkez"})
	mid := cursor(t, st, "invoices", "merkez")
	queued := len(messages(t, st, "sms"))
	want := fmt.Sprint(130 + queued) // and the key it started after, 130, once past it
	if queued > 0 {
		want += "|130"
	}
	if mid != want {
		t.Fatalf("cursor %s after the failed run, but %d messages were enqueued (want cursor %s)", mid, queued, want)
	}
	t.Logf("stopped mid-poll after %d of %d rows: %v", queued, n, runErr)

	// While the server is down, a run fails the same way and moves nothing.
	if _, err := d.RunJob(ctx, "invoices"); err == nil {
		t.Fatal("a run against a stopped server succeeded")
	} else {
		t.Logf("while down: %v", err)
	}
	if got := cursor(t, st, "invoices", "merkez"); got != mid {
		t.Fatalf("the cursor moved from %s to %s while the server was down", mid, got)
	}

	firebirdCtl(t, "restart")
	stopped = false
	runJob(t, d, "invoices")
	if got := cursor(t, st, "invoices", "merkez"); got != fmt.Sprint(130+n)+"|130" {
		t.Fatalf("cursor %s after the restart, want %d|130", got, 130+n)
	}
	seen := map[string]int{}
	for _, m := range messages(t, st, "sms") {
		seen[m.RecordKey]++
	}
	for k := 131; k < 131+n; k++ {
		if c := seen[fmt.Sprint(k)]; c != 1 {
			t.Errorf("invoice %d has %d messages, want 1", k, c)
		}
	}
	if len(seen) != n {
		t.Errorf("%d invoices messaged, want %d", len(seen), n)
	}
	if sent := drain(t, d); sent != n {
		t.Errorf("drained %d messages, want %d", sent, n)
	}
}
