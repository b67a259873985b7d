package connector_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// A job's last error that quotes a person's number is in the running
// daemon's memory as well as in the outbox. `forget`, run as its own
// process while the daemon runs, empties the outbox's copy; the page's
// warning line and /readyz, which ask the daemon, must not go on showing
// it until the job runs again.
func TestForgetReachesTheRunningDaemonsLastJobError(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	erpDB, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "erp.db"))
	if err != nil {
		t.Fatal(err)
	}
	// A shop's own query whose key column holds a phone number by mistake.
	if _, err := erpDB.Exec(`CREATE TABLE KISI (BLKODU TEXT, CEP_TEL TEXT);
		INSERT INTO KISI VALUES ('Tel 0533 234 56 78', '05332345678')`); err != nil {
		t.Fatal(err)
	}
	erpDB.Close()
	cfg := loadConfig(t, dir, `state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources: [{name: erp, driver: sqlite, database: erp.db}]
channels:
  sms: {provider: console, rate: 1000/s}
jobs:
  - name: kisiler
    sql: SELECT BLKODU, CEP_TEL FROM KISI
    key: BLKODU
    backfill: all
    schedule: "@every 1m"
    messages: {sms: {to: [CEP_TEL], text: "Merhaba"}}
`)
	d, err := connector.New(ctx, cfg, connector.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.RunJob(ctx, "kisiler"); err == nil {
		t.Fatal("a text key was followed")
	}
	shown := func() string {
		h := d.Health(ctx)
		return h.Jobs["kisiler"].Err + "\n" + h.Jobs["kisiler"].ErrTR + "\n" + strings.Join(h.Warnings(catalog.TR), "\n") +
			strings.Join(h.Warnings(catalog.EN), "\n")
	}
	if s := shown(); !strings.Contains(s, "0533 234 56 78") {
		t.Fatalf("fixture: the job's error does not quote the number:\n%s", s)
	}

	// forget, as the command runs it: its own handle on the outbox.
	other, err := outbox.Open(ctx, connector.OutboxPath(cfg))
	if err != nil {
		t.Fatal(err)
	}
	f, err := other.Forget(ctx, "0533 234 56 78")
	other.Close()
	if err != nil || len(f.JobRuns) != 1 {
		t.Fatalf("forget: %+v, %v; want the job's error emptied", f, err)
	}
	s := shown()
	if strings.Contains(s, "0533") || strings.Contains(s, "234 56 78") {
		t.Errorf("the running daemon still shows the forgotten number:\n%s", s)
	}
	if !strings.Contains(s, "unutulmak isteyen") {
		t.Errorf("the job's failure is no longer shown at all:\n%s", s)
	}
}
