package faulttest

import (
	"bytes"
	"context"
	"database/sql"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

const consoleConfig = `
state_dir: state
language: en # the assertions read English log lines
quiet_hours: {disabled: true}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: console
    rate: 1000/s
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: "key:129"
    messages:
      sms:
        text: "Fatura {{.FATURA_NO}}"
`

// freeze makes the outbox files and the state directory immutable
// (chattr +i): unlike chmod it stops root too, and it stops writes through
// the descriptors SQLite already holds, as a disk remounted read-only does.
// (A read-only remount itself is refused while SQLite has the files open.)
func freeze(t *testing.T, stateDir string) (thaw func()) {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("making the state directory read-only under a running process needs Linux chattr")
	}
	files, _ := filepath.Glob(filepath.Join(stateDir, "outbox.db*"))
	files = append(files, stateDir)
	set := func(flag string) error {
		out, err := exec.Command("chattr", append([]string{flag}, files...)...).CombinedOutput()
		if err != nil {
			return &exec.Error{Name: "chattr " + flag + ": " + strings.TrimSpace(string(out)), Err: err}
		}
		return nil
	}
	if err := set("+i"); err != nil {
		t.Skipf("this filesystem or user cannot set the immutable flag (needs root and ext4/xfs/btrfs): %v", err)
	}
	done := false
	thaw = func() {
		if !done {
			done = true
			if err := set("-i"); err != nil {
				t.Errorf("could not undo chattr +i: %v", err)
			}
		}
	}
	t.Cleanup(thaw)
	return thaw
}

func addInvoices(t *testing.T, dir string, invoices []demo.Invoice) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.InsertInvoices(context.Background(), db, invoices); err != nil {
		t.Fatal(err)
	}
}

func TestStateDirReadOnly(t *testing.T) {
	cases := []struct {
		name string
		// write is what the daemon tries while the state directory is frozen.
		write func(t *testing.T, d *connector.Daemon) error
		log   string
		hint  string
	}{
		{name: "new rows cannot be enqueued: the cursor stays and the rows are read again",
			write: func(t *testing.T, d *connector.Daemon) error {
				_, err := d.RunJob(context.Background(), "new-invoices")
				return err
			},
			log: "job run failed; it will run again at its next time", hint: "check free disk space"},
		{name: "a due message cannot be claimed: nothing is sent unrecorded",
			write: func(t *testing.T, d *connector.Daemon) error {
				// The rows are enqueued first; the freeze hits the dispatcher.
				_, err := d.Drain(context.Background())
				return err
			},
			hint: "check free disk space"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := demoDir(t)
			cfg := loadConfig(t, dir, consoleConfig)
			var out bytes.Buffer
			var lg logs
			c := newClock(time.Now().Truncate(time.Second))
			d := newDaemon(t, cfg, connector.Options{Logger: lg.logger(), Console: &out, Now: c.now})
			st := d.Store()
			runJob(t, d, "new-invoices")
			drain(t, d)
			sentBefore := strings.Count(out.String(), "Fatura ")
			if sentBefore != 1 {
				t.Fatalf("the first run sent %d messages, want 1:\n%s", sentBefore, out.String())
			}
			before := cursor(t, st, "new-invoices", "demo")
			addInvoices(t, dir, demo.LaterInvoices)
			if i == 1 {
				runJob(t, d, "new-invoices")
			}
			queued := len(messages(t, st, "sms"))

			thaw := freeze(t, filepath.Join(dir, "state"))
			err := tc.write(t, d)
			if err == nil {
				t.Fatal("writing to a read-only state directory succeeded")
			}
			if !strings.Contains(err.Error(), tc.hint) {
				t.Errorf("error %q does not say what to do (want %q)", err, tc.hint)
			}
			if tc.log != "" {
				lg.want(t, "ERROR", tc.log, map[string]string{"err": tc.hint})
			}
			if got := strings.Count(out.String(), "Fatura "); got != sentBefore {
				t.Fatalf("%d messages went out while the outbox could not record them", got-sentBefore)
			}
			if got := cursor(t, st, "new-invoices", "demo"); i == 0 && got != before {
				t.Fatalf("the cursor moved from %s to %s although nothing was enqueued", before, got)
			}
			if got := len(messages(t, st, "sms")); got != queued {
				t.Fatalf("%d messages in the outbox, want %d", got, queued)
			}
			thaw()

			// Writable again: the next run and drain catch up, once each.
			runJob(t, d, "new-invoices")
			drain(t, d)
			if got := cursor(t, st, "new-invoices", "demo"); got != "133|129" { // 129: the key it started after
				t.Fatalf("cursor %s after recovery, want 133|129", got)
			}
			sent := 0
			for _, m := range messages(t, st, "sms") {
				if m.Status == outbox.StatusPending || m.Status == outbox.StatusSending || m.Status == outbox.StatusUncertain {
					t.Fatalf("message %d is still %s after recovery", m.ID, m.Status)
				}
				if m.Status == outbox.StatusSent {
					sent++
				}
			}
			if got := strings.Count(out.String(), "Fatura "); got != sent {
				t.Fatalf("the console got %d messages, the outbox recorded %d sent", got, sent)
			}
			if sent < 2 {
				t.Fatalf("only %d messages sent after recovery: the later invoices were lost", sent)
			}
		})
	}
}
