package outbox

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

func open(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func batch(cursor string, keys ...string) Batch {
	b := Batch{Job: "new-invoices", Source: "merkez", Cursor: cursor}
	for _, k := range keys {
		b.Messages = append(b.Messages, NewMessage{Message: mapping.Message{Channel: "sms", To: "+905321234567", Text: "Merhaba " + k}, DedupeKey: k, RecordKey: k, About: "Fatura " + k})
	}
	return b
}

func TestEnqueueIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	for i, tc := range []struct {
		name string
		b    Batch
		want int
	}{
		{"first page", batch("3", "invoice:1", "invoice:2", "invoice:3"), 3},
		{"same rows again", batch("3", "invoice:1", "invoice:2", "invoice:3"), 0},
		{"overlap plus one new", batch("4", "invoice:3", "invoice:4"), 1},
		{"same key other channel", Batch{Job: "new-invoices", Source: "merkez", Messages: []NewMessage{{Message: mapping.Message{Channel: "email", To: "a@example.com", Text: "x"}, DedupeKey: "invoice:1"}}}, 1},
	} {
		got, err := s.Enqueue(ctx, tc.b)
		if err != nil {
			t.Fatalf("%d %s: %v", i, tc.name, err)
		}
		if got.New != tc.want {
			t.Errorf("%s: inserted %d, want %d", tc.name, got.New, tc.want)
		}
	}
	counts, err := s.Counts(ctx, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if counts["sms"][StatusPending] != 4 || counts["email"][StatusPending] != 1 {
		t.Errorf("counts = %v, want 4 sms and 1 email pending", counts)
	}
}

func TestCursorSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "outbox.db")
	s := open(t, path)
	if _, ok, _ := s.Cursor(ctx, "new-invoices", "merkez"); ok {
		t.Fatal("a new outbox has a cursor")
	}
	if _, err := s.Enqueue(ctx, batch("4711", "invoice:4711")); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s2 := open(t, path)
	v, ok, err := s2.Cursor(ctx, "new-invoices", "merkez")
	if err != nil || !ok || v != "4711" {
		t.Fatalf("cursor after reopen = %q, %v, %v; want 4711", v, ok, err)
	}
	if _, ok, _ := s2.Cursor(ctx, "new-invoices", "other-source"); ok {
		t.Error("cursors are not per source")
	}
}

// A failed enqueue must not move the cursor: otherwise the rows of that page
// would never be read again and their messages would be lost.
func TestEnqueueFailureKeepsCursor(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	if _, err := s.Enqueue(ctx, batch("10", "invoice:10")); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Enqueue(cancelled, batch("20", "invoice:20")); err == nil {
		t.Fatal("enqueue with a cancelled context succeeded")
	}
	if v, _, _ := s.Cursor(ctx, "new-invoices", "merkez"); v != "10" {
		t.Errorf("cursor = %s after a failed enqueue, want 10", v)
	}
}

func TestClaimFinishAndRecover(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	if _, err := s.Enqueue(ctx, batch("3", "a", "b", "c")); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.Claim(ctx, "sms", 10)
	if err != nil || len(claimed) != 3 {
		t.Fatalf("claimed %d, %v", len(claimed), err)
	}
	if again, _ := s.Claim(ctx, "sms", 10); len(again) != 0 {
		t.Fatalf("a claimed message was claimed twice")
	}
	if err := s.Finish(ctx, claimed[0], Outcome{Status: StatusSent, ProviderID: "job-1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Release(ctx, claimed[1:2]); err != nil {
		t.Fatal(err)
	}
	// claimed[2] stays "sending", as after a crash mid-call.
	n, err := s.RecoverInFlight(ctx)
	if err != nil || n != 1 {
		t.Fatalf("recovered %d, %v; want 1", n, err)
	}
	for _, tc := range []struct {
		m      Message
		status Status
	}{{claimed[0], StatusSent}, {claimed[1], StatusPending}, {claimed[2], StatusUncertain}} {
		got, err := s.Get(ctx, tc.m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != tc.status {
			t.Errorf("message %s: status %s, want %s", got.DedupeKey, got.Status, tc.status)
		}
	}
	if m, _ := s.Get(ctx, claimed[0].ID); m.ProviderID != "job-1" || m.SentAt.IsZero() {
		t.Errorf("sent message lost its provider id or time: %+v", m)
	}
}

func TestRetryIsNotClaimedBeforeItsTime(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	if _, err := s.Enqueue(ctx, batch("1", "a")); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Claim(ctx, "sms", 1)
	if err := s.Finish(ctx, c[0], Outcome{Status: StatusPending, RetryAt: now.Add(time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Claim(ctx, "sms", 1); len(c) != 0 {
		t.Fatal("claimed before the retry time")
	}
	now = now.Add(2 * time.Minute)
	c, _ = s.Claim(ctx, "sms", 1)
	if len(c) != 1 || c[0].Attempts != 2 {
		t.Fatalf("retry not claimed after its time: %+v", c)
	}
}

func TestFallbackActivation(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	b := Batch{Job: "j", Source: "s", Messages: []NewMessage{
		{Message: mapping.Message{Channel: "whatsapp", To: "+905321234567", Text: "x"}, DedupeKey: "k"},
		{Message: mapping.Message{Channel: "sms", To: "+905321234567", Text: "x"}, DedupeKey: "k", Standby: 1},
		{Message: mapping.Message{Channel: "email", To: "a@example.com", Text: "x"}, DedupeKey: "k", Standby: 1},
	}}
	if _, err := s.Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Claim(ctx, "sms", 5); len(c) != 0 {
		t.Fatal("a standby message was claimed")
	}
	ch, err := s.ActivateFallback(ctx, "k", []string{"sms", "email"})
	if err != nil || ch != "sms" {
		t.Fatalf("activated %q, %v; want sms", ch, err)
	}
	if c, _ := s.Claim(ctx, "sms", 5); len(c) != 1 {
		t.Fatal("activated fallback not claimable")
	}
	if err := s.DropStandby(ctx, "k"); err != nil {
		t.Fatal(err)
	}
	ms, _ := s.List(ctx, Filter{Channel: "email"})
	if len(ms) != 1 || ms[0].Status != StatusCancelled {
		t.Fatalf("email fallback = %+v, want cancelled", ms)
	}
}

func TestOperatorRetryRestartsTheAttemptBudget(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	s.Enqueue(ctx, batch("1", "a"))
	for i := 0; i < 3; i++ {
		c, _ := s.Claim(ctx, "sms", 1)
		s.Finish(ctx, c[0], Outcome{Status: StatusPending})
	}
	c, _ := s.Claim(ctx, "sms", 1)
	s.Finish(ctx, c[0], Outcome{Status: StatusFailed, Reason: mapping.Reason{Detail: "gave up"}})
	if err := s.Retry(ctx, c[0].ID); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Get(ctx, c[0].ID); m.Status != StatusPending || m.Attempts != 0 {
		t.Fatalf("after an operator retry: %s with %d attempts; want pending with 0", m.Status, m.Attempts)
	}
}

// A retry is a new send: the earlier one's provider id and time go with
// it. A late report of the earlier attempt must not settle the retried
// message, and a fallback waiting for this send's report counts from this
// send, not from the first one two days ago.
func TestRetryForgetsTheEarlierSend(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	first := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return first })
	s.Enqueue(ctx, batch("1", "a"))
	c, _ := s.Claim(ctx, "sms", 1)
	id := c[0].ID
	if err := s.Finish(ctx, c[0], Outcome{Status: StatusSent, ProviderID: "p1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(ctx, id, StatusFailed, StatusSent); err != nil { // its report: not delivered
		t.Fatal(err)
	}
	later := first.Add(48 * time.Hour)
	s.SetClock(func() time.Time { return later })
	if err := s.Retry(ctx, id); err != nil {
		t.Fatal(err)
	}
	m, _ := s.Get(ctx, id)
	if m.Status != StatusPending || m.ProviderID != "" || !m.SentAt.IsZero() || m.Attempts != 0 {
		t.Fatalf("after a retry: %s, provider id %q, sent at %v, %d attempts; want pending, none, none, 0", m.Status, m.ProviderID, m.SentAt, m.Attempts)
	}
	if _, found, err := s.ByProviderID(ctx, "sms", "p1"); err != nil || found {
		t.Errorf("the earlier send's report still finds the message: found %v, %v", found, err)
	}
	c, _ = s.Claim(ctx, "sms", 1)
	if err := s.Finish(ctx, c[0], Outcome{Status: StatusSent, ProviderID: "p2"}); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Get(ctx, id); !m.SentAt.Equal(later) || m.ProviderID != "p2" {
		t.Errorf("the retried send: sent at %v with id %q; want %v and p2", m.SentAt, m.ProviderID, later)
	}
}

// A message whose key changed form is not added again when it was stored
// under a former key on its channel since the time it names: an upgrade
// must not resend what the previous version sent.
func TestEnqueueFormerKeys(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	stored := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return stored })
	old := Batch{Job: "due", Source: "merkez", Messages: []NewMessage{
		{Message: mapping.Message{Channel: "sms", To: "+905424567890", Text: "vade"}, DedupeKey: "due:merkez:105:2026-11-03", RecordKey: "105"},
	}}
	if n, err := s.Enqueue(ctx, old); err != nil || n.New != 1 {
		t.Fatalf("old key: %+v %v", n, err)
	}
	s.SetClock(func() time.Time { return stored.Add(24 * time.Hour) })
	for _, tc := range []struct {
		name    string
		channel string
		former  []string
		since   time.Time
		want    int
	}{
		{"no former keys", "sms", nil, time.Time{}, 1},
		{"stored under a former key since", "sms", []string{"due:merkez:105:2026-12-03", "due:merkez:105:2026-11-03"}, stored.Add(-time.Hour), 0},
		{"stored exactly at since", "sms", []string{"due:merkez:105:2026-11-03"}, stored, 0},
		{"stored before since: an earlier period's", "sms", []string{"due:merkez:105:2026-11-03"}, stored.Add(time.Millisecond), 1},
		{"other former keys only", "sms", []string{"due:merkez:105:2026-12-03"}, time.Time{}, 1},
		{"another channel", "email", []string{"due:merkez:105:2026-11-03"}, time.Time{}, 1},
	} {
		key := "due:merkez:105:due:20261204:0:" + tc.name // a key of its own per case
		to := map[string]string{"sms": "+905424567890", "email": "gulsen.dogan@example.com"}[tc.channel]
		b := Batch{Job: "due", Source: "merkez", Messages: []NewMessage{{Message: mapping.Message{Channel: tc.channel, To: to, Text: "vade"},
			DedupeKey: key, RecordKey: "105", FormerKeys: tc.former, FormerSince: tc.since}}}
		n, err := s.Enqueue(ctx, b)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if n.New != tc.want {
			t.Errorf("%s: inserted %d, want %d", tc.name, n.New, tc.want)
		}
	}
}
