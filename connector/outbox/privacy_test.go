package outbox

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

func TestPurgeKeepsCountsButNotBodies(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now.AddDate(0, 0, -100) })
	if _, err := s.Enqueue(ctx, batch("2", "old-sent", "old-pending")); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Claim(ctx, "sms", 1)
	s.Finish(ctx, c[0], Outcome{Status: StatusSent, ProviderID: "p"})
	s.SetClock(func() time.Time { return now })
	if _, err := s.Enqueue(ctx, batch("3", "new-sent")); err != nil {
		t.Fatal(err)
	}
	n, err := s.Purge(ctx, now.AddDate(0, 0, -90))
	if err != nil || n != 1 {
		t.Fatalf("purged %d, %v; want 1 (only the old finished message)", n, err)
	}
	ms, _ := s.List(ctx, Filter{Limit: 10})
	for _, m := range ms {
		switch m.DedupeKey {
		case "old-sent":
			if m.Text != "" || m.About != "" || m.To != "+90532*****67" || m.Status != StatusSent || m.ProviderID != "p" {
				t.Errorf("purged message = %+v; want no text, a masked recipient, status kept", m)
			}
		default:
			if m.Text == "" || m.About != "Fatura "+m.DedupeKey || !strings.HasPrefix(m.To, "+90532123") {
				t.Errorf("%s was purged: pending and recent messages must keep their text", m.DedupeKey)
			}
		}
	}
	if counts, _ := s.Counts(ctx, time.Time{}); counts["sms"][StatusSent] != 1 || counts["sms"][StatusPending] != 2 {
		t.Errorf("counts after purge = %v", counts)
	}
}

func TestForgetErasesAPerson(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	b := batch("2", "a", "b")
	b.Messages = append(b.Messages, NewMessage{Message: mapping.Message{Channel: "sms", To: "+905559998877", Text: "other person"}, DedupeKey: "c"})
	if _, err := s.Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}
	claimed, _ := s.Claim(ctx, "sms", 10)
	for _, m := range claimed {
		s.Finish(ctx, m, Outcome{Status: StatusSent})
		if err := s.RecordAudit(ctx, AuditEntry{Host: "api.netgsm.com.tr", Channel: "sms", Recipient: m.To, BytesOut: 120, Outcome: "200", MessageIDs: []int64{m.ID}}); err != nil {
			t.Fatal(err)
		}
	}
	s.OptOut(ctx, "+905321234567", "asked by phone")
	f, err := s.Forget(ctx, "+905321234567")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Messages) != 2 || f.Attempts != 2 || f.Audit != 2 || !f.OptOut || len(f.Mentioned) != 0 {
		t.Errorf("forgot %+v", f)
	}
	ms, _ := s.List(ctx, Filter{})
	audit, _ := s.Audit(ctx, time.Time{}, 100)
	if len(ms) != 1 || ms[0].To != "+905559998877" || len(audit) != 1 {
		t.Errorf("left %d messages, %d audit rows; want only the other person's", len(ms), len(audit))
	}
	if audit[0].Recipient != "+90555*****77" {
		t.Errorf("audit keeps the full number: %s", audit[0].Recipient)
	}
}

func TestOptOutList(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	if err := s.OptOut(ctx, "ayse@example.com", "unsubscribed"); err != nil {
		t.Fatal(err)
	}
	if out, _ := s.OptedOut(ctx, "ayse@example.com"); !out {
		t.Fatal("not opted out")
	}
	if list, _ := s.OptOuts(ctx); len(list) != 1 || list[0].Note != "unsubscribed" {
		t.Fatalf("list = %+v", list)
	}
	if removed, _ := s.OptIn(ctx, "ayse@example.com"); !removed {
		t.Fatal("not removed")
	}
	if out, _ := s.OptedOut(ctx, "ayse@example.com"); out {
		t.Fatal("still opted out")
	}
}
