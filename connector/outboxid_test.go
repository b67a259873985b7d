package connector_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/vault"
)

// removeOutbox deletes outbox.db and its write-ahead log, as an operator
// cleaning up "a cache" would.
func removeOutbox(t *testing.T, cfg *config.Config) {
	t.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(connector.OutboxPath(cfg) + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// sendAll runs the job and sends what it enqueued; it returns how many went
// out.
func sendAll(t *testing.T, cfg *config.Config, opts connector.Options) (int, error) {
	t.Helper()
	ctx := context.Background()
	if opts.Console == nil {
		opts.Console = &bytes.Buffer{}
	}
	d, err := connector.New(ctx, cfg, opts)
	if err != nil {
		return 0, err
	}
	defer d.Close()
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	return d.Drain(ctx)
}

// The first start ever needs no flag and writes the marker; an outbox from
// before markers (an upgrade) is adopted and marked.
func TestFirstStartAndUpgradeNeedNoFlag(t *testing.T) {
	_, cfg := setup(t, "backfill: all")
	if n, err := sendAll(t, cfg, connector.Options{}); err != nil || n != 21 {
		t.Fatalf("first start: %d sent, %v; want the backfill of 21", n, err)
	}
	m, ok, err := vault.ReadMarker(string(cfg.StateDir))
	if err != nil || !ok || m.Outbox == "" || m.Seq == 0 {
		t.Fatalf("marker after the first start: %+v %v %v", m, ok, err)
	}
	if err := os.Remove(filepath.Join(string(cfg.StateDir), vault.MarkerName)); err != nil {
		t.Fatal(err)
	}
	if n, err := sendAll(t, cfg, connector.Options{}); err != nil || n != 0 {
		t.Fatalf("start of an outbox without a marker: %d sent, %v; want it adopted, nothing sent", n, err)
	}
	if m2, ok, _ := vault.ReadMarker(string(cfg.StateDir)); !ok || m2.Outbox != m.Outbox {
		t.Fatalf("the adopted outbox is not marked: %+v", m2)
	}
}

// A deleted outbox, with a backfill, used to make the next start send every
// message again. Now the start refuses and names the flag; with the flag
// the job starts from now, and only a second, explicit flag sends the
// backfill again.
func TestDeletedOutboxIsRefused(t *testing.T) {
	dir, cfg := setup(t, "backfill: all")
	if n, err := sendAll(t, cfg, connector.Options{}); err != nil || n != 21 {
		t.Fatalf("first start: %d, %v", n, err)
	}
	removeOutbox(t, cfg)
	_, err := sendAll(t, cfg, connector.Options{})
	if !errors.Is(err, connector.ErrOutboxMismatch) || !strings.Contains(err.Error(), "missing") || !strings.Contains(err.Error(), "--accept-outbox") {
		t.Fatalf("start without the outbox: %v; want a refusal naming --accept-outbox", err)
	}
	if _, err := os.Stat(connector.OutboxPath(cfg)); !os.IsNotExist(err) {
		t.Fatalf("the refused start created an outbox: %v", err)
	}
	n, err := sendAll(t, cfg, connector.Options{AcceptOutbox: true})
	if err != nil || n != 0 {
		t.Fatalf("with --accept-outbox: %d sent, %v; want the job to start from now", n, err)
	}
	// It stays so: a restart before or after the first run sends no backfill,
	// and new invoices are sent as usual.
	addInvoices(t, dir, demo.LaterInvoices[0])
	if n, err := sendAll(t, cfg, connector.Options{}); err != nil || n != 1 {
		t.Fatalf("after the accepted start: %d sent, %v; want the one new invoice", n, err)
	}

	removeOutbox(t, cfg)
	n, err = sendAll(t, cfg, connector.Options{AcceptOutbox: true, AcceptBackfill: true})
	if err != nil || n != 22 {
		t.Fatalf("with --accept-outbox --accept-outbox-backfill: %d sent, %v; want the backfill of 22", n, err)
	}
}

// The block on the backfill outlives a crash before the job's first run:
// the next start, without a flag, still does not backfill.
func TestBackfillBlockSurvivesARestart(t *testing.T) {
	_, cfg := setup(t, "backfill: all")
	if _, err := sendAll(t, cfg, connector.Options{}); err != nil {
		t.Fatal(err)
	}
	removeOutbox(t, cfg)
	d, err := connector.New(context.Background(), cfg, connector.Options{AcceptOutbox: true, Console: &bytes.Buffer{}})
	if err != nil {
		t.Fatal(err)
	}
	d.Close() // stopped before the job ever ran
	if n, err := sendAll(t, cfg, connector.Options{}); err != nil || n != 0 {
		t.Fatalf("restart after the accepted start: %d sent, %v; want no backfill", n, err)
	}
}

// Another outbox (another install's, or pointed at by mistake) is refused.
func TestReplacedOutboxIsRefused(t *testing.T) {
	_, cfg := setup(t, "backfill: all")
	_, other := setup(t, "backfill: all")
	if _, err := sendAll(t, cfg, connector.Options{}); err != nil {
		t.Fatal(err)
	}
	if _, err := sendAll(t, other, connector.Options{}); err != nil {
		t.Fatal(err)
	}
	removeOutbox(t, cfg)
	copyFile(t, connector.OutboxPath(other), connector.OutboxPath(cfg))
	_, err := sendAll(t, cfg, connector.Options{})
	if !errors.Is(err, connector.ErrOutboxMismatch) || !strings.Contains(err.Error(), "not the one") {
		t.Fatalf("start with another outbox: %v", err)
	}
	if n, err := sendAll(t, cfg, connector.Options{AcceptOutbox: true}); err != nil || n != 0 {
		t.Fatalf("with --accept-outbox: %d, %v", n, err)
	}
}

// An old copy of the outbox (a restored backup) lacks the messages sent
// since: it is refused.
func TestRestoredOlderOutboxIsRefused(t *testing.T) {
	dir, cfg := setup(t, "")
	if _, err := sendAll(t, cfg, connector.Options{}); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "outbox-backup.db")
	copyFile(t, connector.OutboxPath(cfg), backup) // closed cleanly: no WAL to copy
	addInvoices(t, dir, demo.LaterInvoices...)
	if n, err := sendAll(t, cfg, connector.Options{}); err != nil || n != 3 {
		t.Fatalf("after new invoices: %d, %v", n, err)
	}
	removeOutbox(t, cfg)
	copyFile(t, backup, connector.OutboxPath(cfg))
	_, err := sendAll(t, cfg, connector.Options{})
	if !errors.Is(err, connector.ErrOutboxMismatch) || !strings.Contains(err.Error(), "older copy") {
		t.Fatalf("start with the restored backup: %v", err)
	}
	// Accepted, the backup's cursor is used as it is: the operator was told
	// the three may go out again.
	if n, err := sendAll(t, cfg, connector.Options{AcceptOutbox: true}); err != nil || n != 3 {
		t.Fatalf("with --accept-outbox: %d, %v", n, err)
	}
}

// MatchOutbox decides on the marker and the outbox alone; an outbox ahead
// of its marker (a crash between the outbox's commit and the marker's
// write) is the same outbox.
func TestMatchOutbox(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "outbox.db")
	id := outbox.Identity{ID: "a1", Seq: 10}
	if m, err := connector.MatchOutbox(dir, path, outbox.Identity{}, false); m != connector.OutboxFirst || err != nil {
		t.Errorf("nothing: %v %v", m, err)
	}
	if m, err := connector.MatchOutbox(dir, path, id, true); m != connector.OutboxAdopted || err != nil {
		t.Errorf("no marker: %v %v", m, err)
	}
	if err := vault.WriteMarker(dir, vault.Marker{Outbox: "a1", Seq: 10}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		id     outbox.Identity
		exists bool
		want   connector.OutboxMatch
	}{
		{id, true, connector.OutboxSame},
		{outbox.Identity{ID: "a1", Seq: 11}, true, connector.OutboxSame},
		{outbox.Identity{ID: "a1", Seq: 9}, true, connector.OutboxOlder},
		{outbox.Identity{ID: "b2", Seq: 99}, true, connector.OutboxReplaced},
		{outbox.Identity{}, false, connector.OutboxMissing},
	} {
		m, err := connector.MatchOutbox(dir, path, tc.id, tc.exists)
		if m != tc.want || (err != nil) != m.Refused() {
			t.Errorf("%+v exists=%v: %v %v, want %v", tc.id, tc.exists, m, err, tc.want)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, vault.MarkerName), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := connector.MatchOutbox(dir, path, id, true); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("damaged marker: %v", err)
	}
}
