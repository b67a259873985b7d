package outbox

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

// A write that has begun is not cut short by its caller giving up (a
// shutdown): SQLite answers a statement interrupted by a cancelled context
// by rolling back the whole transaction, and with it the other requests'
// outcomes that share its commit.
func TestAWriteUnderWayRunsToItsEnd(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	err := s.group(ctx, func(ctx context.Context, tx *sql.Tx) error {
		cancel() // the caller stops while its write runs
		_, err := tx.ExecContext(ctx, `INSERT INTO cursors (job, source, value, updated_at) VALUES ('j', 's', '7', 0)`)
		return err
	})
	if err != nil {
		t.Fatalf("a write under way failed when its caller stopped: %v", err)
	}
	if c, ok, err := s.Cursor(context.Background(), "j", "s"); err != nil || !ok || c != "7" {
		t.Errorf("cursor %q (%v, %v), want the write committed", c, ok, err)
	}
}
