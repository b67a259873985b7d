package outbox

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
)

func sendAll(due []Candidate, err error) Plan {
	var p Plan
	if err != nil {
		return p
	}
	for _, c := range due {
		p.Send = append(p.Send, c.ID)
	}
	return p
}

// What the caller could take on while a take waited for its turn joins
// it: Grow is asked once, inside the transaction, and what it adds is read
// and started with the rest.
func TestTakeGrowsInsideItsTransaction(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name       string
		limit, add int
		want       int
	}{
		{"nothing more", 1, 0, 1},
		{"two more", 1, 2, 3},
		{"more than is due", 2, 10, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
			if _, err := s.Enqueue(ctx, batch("5", "invoice:1", "invoice:2", "invoice:3", "invoice:4", "invoice:5")); err != nil {
				t.Fatal(err)
			}
			asked := 0
			taken, err := s.Take(ctx, Take{Channel: "sms", Limit: tc.limit, Decide: sendAll, Next: 10,
				Grow: func() int { asked++; return tc.add }})
			if err != nil {
				t.Fatal(err)
			}
			if asked != 1 || len(taken.Started) != tc.want || taken.Left != 5-tc.want {
				t.Errorf("Grow asked %d time(s), %d started, %d left; want once, %d and %d", asked, len(taken.Started), taken.Left, tc.want, 5-tc.want)
			}
		})
	}
}

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
