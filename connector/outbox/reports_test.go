package outbox

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

// TestAccepted lists the witnesses of a time range: messages of the channel
// the provider accepted (a provider id), in any state since, sent inside it.
func TestAccepted(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	if _, err := s.Enqueue(ctx, batch("5", "early", "sent", "delivered", "refused", "uncertain")); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.Claim(ctx, "sms", 10)
	if err != nil || len(claimed) != 5 {
		t.Fatalf("Claim = %d, %v", len(claimed), err)
	}
	s.Finish(ctx, claimed[0], Outcome{Status: StatusSent, ProviderID: "job-0"}) // before the range
	now = now.Add(time.Hour)
	s.Finish(ctx, claimed[1], Outcome{Status: StatusSent, ProviderID: "job-1"})
	s.Finish(ctx, claimed[2], Outcome{Status: StatusSent, ProviderID: "job-2"})
	s.RecordReport(ctx, claimed[2].ID, Report{Status: StatusDelivered}, StatusSent)
	s.Finish(ctx, claimed[3], Outcome{Status: StatusFailed, Code: "20"}) // refused: NetGSM never took it
	s.Finish(ctx, claimed[4], Outcome{Status: StatusUncertain})
	got, err := s.Accepted(ctx, "sms", now.Add(-time.Minute), now.Add(time.Minute), 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ProviderID != "job-1" || got[1].ProviderID != "job-2" || !got[0].At.Equal(now) {
		t.Fatalf("Accepted = %+v, want job-1 and job-2 sent at %v", got, now)
	}
	if other, _ := s.Accepted(ctx, "email", now.Add(-time.Minute), now.Add(time.Minute), 100); len(other) != 0 {
		t.Fatalf("another channel's witnesses: %+v", other)
	}
}
