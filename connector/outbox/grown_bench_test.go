package outbox

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// BenchmarkGrownOutbox times the look-ups a page view, a metrics scrape
// and a provider's status make on an outbox of 300,000 messages (300 of
// them pending, the rest sent), as a busy shop's grows in a year: the
// retention purge empties texts, never rows.
//
//	go test ./connector/outbox/ -run '^$' -bench GrownOutbox -benchtime 20x
func BenchmarkGrownOutbox(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(b.TempDir(), "outbox.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 300000 {
		st := StatusSent
		if i%1000 == 0 {
			st = StatusPending
		}
		if _, err := tx.Exec(`INSERT INTO messages (dedupe_key, channel, job, source, record_key, status, created_at, updated_at, provider_id)
			VALUES (?, ?, 'j', 's', ?, ?, ?, ?, ?)`, fmt.Sprintf("invoice:s:%d:created", i), []string{"sms", "email"}[i%2],
			fmt.Sprint(i), st, int64(i), int64(i), fmt.Sprint("p", i)); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		fn   func() error
	}{
		{"Queues", func() error { _, err := s.Queues(ctx); return err }},
		{"OldestWaiting", func() error { _, err := s.OldestWaiting(ctx); return err }},
		{"ByProviderID", func() error { _, _, err := s.ByProviderID(ctx, "sms", "p1234"); return err }},
	} {
		b.Run(c.name, func(b *testing.B) {
			for range b.N {
				if err := c.fn(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
