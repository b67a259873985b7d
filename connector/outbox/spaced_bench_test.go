package outbox

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// BenchmarkEnqueueReminders stores a reminder run of 5,000 open invoices
// into an outbox that holds the run before it, with and without the series
// look-ups (Spaced) a dated reminder makes: their cost per message.
func BenchmarkEnqueueReminders(b *testing.B) {
	for _, spaced := range []bool{false, true} {
		b.Run(fmt.Sprintf("spaced=%v", spaced), func(b *testing.B) {
			ctx := context.Background()
			s, err := Open(ctx, filepath.Join(b.TempDir(), "outbox.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer s.Close()
			day := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
			run := func(d, n int) Batch {
				bt := Batch{Job: "overdue", Source: "merkez"}
				for i := range 5000 {
					prefix := fmt.Sprintf("overdue:merkez:%d:due:20261120:", i)
					m := NewMessage{Message: mapping.Message{Channel: "sms", To: fmt.Sprintf("+90532%07d", i), Text: "hatırlatma"},
						DedupeKey: prefix + fmt.Sprint(n), RecordKey: fmt.Sprint(i)}
					if spaced {
						m.Spaced = &Spaced{Prefix: prefix, Since: day.AddDate(0, 0, d-6), Began: day.AddDate(0, 0, d),
							Renumbered: prefix + fmt.Sprint(n) + ".x"}
					}
					bt.Messages = append(bt.Messages, m)
				}
				return bt
			}
			now := day
			s.SetClock(func() time.Time { return now })
			if _, err := s.Enqueue(ctx, run(0, 0)); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for i := range b.N {
				now = day.AddDate(0, 0, 7*(i+1))
				if _, err := s.Enqueue(ctx, run(7*(i+1), i+1)); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*5000), "µs/msg")
		})
	}
}
