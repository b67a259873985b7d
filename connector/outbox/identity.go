package outbox

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
)

// An outbox names itself: a random id set when it is created, and a count
// of its cursor changes that only goes up. The state folder's marker
// (vault.Marker) remembers both, so a start can tell this outbox from a
// new one (deleted, or another state_dir) or an older copy (a restored
// backup), which would otherwise read every row again as new.
const (
	metaID  = "outbox_id"
	metaSeq = "cursor_changes"
	// metaNoBackfill+job forbids the job's backfill: the outbox was
	// recreated or replaced, and the operator did not confirm sending the
	// backfill again.
	metaNoBackfill = "no_backfill:"
)

// Identity is an outbox's id and change count.
type Identity struct {
	ID  string
	Seq int64
}

// Identity reads the outbox's identity; the ID is empty in an outbox that
// no connector of this version has opened for writing yet.
func (s *Store) Identity(ctx context.Context) (Identity, error) {
	var id Identity
	err := s.db.QueryRowContext(ctx, `SELECT CAST(value AS TEXT) FROM meta WHERE name = ?`, metaID).Scan(&id.ID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return id, fmt.Errorf("read the outbox's identity: %w", err)
	}
	var seq string
	err = s.db.QueryRowContext(ctx, `SELECT CAST(value AS TEXT) FROM meta WHERE name = ?`, metaSeq).Scan(&seq)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return id, fmt.Errorf("read the outbox's identity: %w", err)
	}
	id.Seq, _ = strconv.ParseInt(seq, 10, 64)
	return id, nil
}

// ensureIdentity gives the outbox its id if it has none.
func (s *Store) ensureIdentity(ctx context.Context) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)`, metaID, randomID())
		return err
	})
}

// countChange counts one cursor change, in the transaction that makes it.
func countChange(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO meta (name, value) VALUES (?, 1)
		ON CONFLICT (name) DO UPDATE SET value = CAST(value AS INTEGER) + 1`, metaSeq)
	if err != nil {
		return fmt.Errorf("count the cursor change: %w", err)
	}
	return nil
}

// BlockBackfill forbids the backfill of jobs in this outbox: their first
// run starts from now, like a job without one.
func (s *Store) BlockBackfill(ctx context.Context, jobs []string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, j := range jobs {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO meta (name, value) VALUES (?, 1)`, metaNoBackfill+j); err != nil {
				return fmt.Errorf("block the backfill of job %s: %w", j, err)
			}
		}
		return nil
	})
}

// BackfillBlocked reports whether BlockBackfill forbade job's backfill.
func (s *Store) BackfillBlocked(ctx context.Context, job string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM meta WHERE name = ?`, metaNoBackfill+job).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("read whether job %s may backfill: %w", job, err)
	}
	return n > 0, nil
}

// UnblockBackfill lifts the block once the job has its cursors: it is no
// longer a first run anywhere.
func (s *Store) UnblockBackfill(ctx context.Context, job string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM meta WHERE name = ?`, metaNoBackfill+job)
		return err
	})
}

func randomID() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return hex.EncodeToString(b)
}
