package outbox

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

func TestJobRunsKeepLastSuccessAcrossFailures(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	next := t0.Add(time.Minute)
	if err := s.SetJobNext(ctx, "new-invoices", t0); err != nil {
		t.Fatal(err)
	}
	for _, r := range []JobRun{
		{Job: "new-invoices", LastRun: t0, Duration: 1500 * time.Millisecond, Rows: 10, New: 3, Skipped: 1, Next: next},
		{Job: "new-invoices", LastRun: next, Err: "source merkez: cannot reach the database", Next: next.Add(time.Minute)},
	} {
		if err := s.RecordJobRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	runs, err := s.JobRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 {
		t.Fatalf("runs = %+v", runs)
	}
	r := runs[0]
	if !r.LastRun.Equal(next) || !r.LastSuccess.Equal(t0) || r.Err == "" || !r.Next.Equal(next.Add(time.Minute)) || r.Rows != 0 {
		t.Errorf("run = %+v; want the failed run with the earlier success kept", r)
	}
}

func TestQueuesAndOperatorActions(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	b := batch("3", "invoice:1", "invoice:2", "invoice:3")
	b.Messages[2].NotBefore = now.Add(time.Hour)
	b.Messages = append(b.Messages, NewMessage{Message: mapping.Message{Channel: "sms"}, DedupeKey: "invoice:4", Skip: &mapping.Reason{Detail: "no mobile number"}})
	if _, err := s.Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.Claim(ctx, "sms", 1)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v %v", claimed, err)
	}
	if err := s.Finish(ctx, claimed[0], Outcome{Status: StatusFailed, Code: "70", Reason: mapping.Reason{Detail: "invalid number"}}); err != nil {
		t.Fatal(err)
	}
	qs, err := s.Queues(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 1 || qs[0] != (Queue{Channel: "sms", Due: 1, Later: 1}) || qs[0].Depth() != 2 {
		t.Errorf("queues = %+v; want 1 due and 1 later", qs)
	}
	bad, err := s.ListStatuses(ctx, []Status{StatusFailed, StatusSkipped}, time.Time{}, 10)
	if err != nil || len(bad) != 2 || bad[0].Reason.Detail != "no mobile number" || bad[1].Reason.Detail != "invalid number" {
		t.Fatalf("failures = %+v, %v", bad, err)
	}
	failed, pending := claimed[0].ID, bad[0].ID-1
	for _, tc := range []struct {
		name    string
		act     func(context.Context, int64) error
		id      int64
		wantErr bool
		want    Status
	}{
		{"retry a failed message", s.Retry, failed, false, StatusPending},
		{"retry it again while pending", s.Retry, failed, true, StatusPending},
		{"cancel a pending message", s.Cancel, pending, false, StatusCancelled},
		{"cancel a cancelled message", s.Cancel, pending, true, StatusCancelled},
		{"retry a skipped message", s.Retry, bad[0].ID, true, StatusSkipped},
	} {
		err := tc.act(ctx, tc.id)
		if (err != nil) != tc.wantErr {
			t.Errorf("%s: err = %v, want error %v", tc.name, err, tc.wantErr)
		}
		if m, _ := s.Get(ctx, tc.id); m.Status != tc.want {
			t.Errorf("%s: status %s, want %s", tc.name, m.Status, tc.want)
		}
	}
	if err := s.CheckWritable(ctx); err != nil {
		t.Error(err)
	}
}

// failAll enqueues n messages on channel under keys prefix:1… and fails
// them all, as a provider's outage leaves them; it returns their IDs.
func failAll(t *testing.T, s *Store, channel, prefix string, n int) []int64 {
	t.Helper()
	ctx := context.Background()
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("%s:%d", prefix, i+1)
	}
	b := batch(prefix, keys...)
	for i := range b.Messages {
		b.Messages[i].Channel = channel
	}
	if _, err := s.Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.Claim(ctx, channel, n)
	if err != nil || len(claimed) != n {
		t.Fatalf("claim: %d of %d, %v", len(claimed), n, err)
	}
	done := make([]Done, n)
	ids := make([]int64, n)
	for i, m := range claimed {
		done[i] = Done{Message: m, Outcome: Outcome{Status: StatusFailed, Code: "503", Reason: mapping.Reason{Detail: "provider down"}}}
		ids[i] = m.ID
	}
	if err := s.FinishAll(ctx, done); err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

// After an outage leaves more failed messages than one page, RetryFailed
// queues every one of them again, in ascending ID order, each once, a page
// committed before the next is read; a message that fails while it runs is
// not one it was asked for, and stays failed. A channel narrows it.
func TestRetryFailedGoesAPageAtATime(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	ids := failAll(t, s, "sms", "outage", 2*retryPage+37)
	var seen, late []int64
	err := s.RetryFailed(ctx, Filter{}, func(id int64, refused error) {
		if refused != nil {
			t.Errorf("message %d refused: %v", id, refused)
		}
		seen = append(seen, id)
		if len(seen) == 1 {
			// The first page is committed when it is told: its messages
			// are pending, the next page's still failed.
			if m, _ := s.Get(ctx, ids[retryPage-1]); m.Status != StatusPending {
				t.Errorf("the first page's last message is %s while it is told, want it committed pending", m.Status)
			}
			if m, _ := s.Get(ctx, ids[retryPage]); m.Status != StatusFailed {
				t.Errorf("the second page's first message is %s while the first is told, want failed still", m.Status)
			}
			late = failAll(t, s, "email", "later", 1)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(seen, ids) {
		t.Errorf("told %d messages (first %v), want the %d failed in ascending order, each once", len(seen), seen[:min(3, len(seen))], len(ids))
	}
	if n, _ := s.Count(ctx, Filter{Status: StatusPending}); n != len(ids) {
		t.Errorf("%d pending, want %d", n, len(ids))
	}
	if m, _ := s.Get(ctx, late[0]); m.Status != StatusFailed {
		t.Errorf("a message that failed while the retry ran is %s, want failed", m.Status)
	}
	if err := s.RetryFailed(ctx, Filter{Channel: "sms"}, func(id int64, _ error) { t.Errorf("message %d of another channel retried", id) }); err != nil {
		t.Fatal(err)
	}
	seen = nil
	if err := s.RetryFailed(ctx, Filter{Channel: "email"}, func(id int64, _ error) { seen = append(seen, id) }); err != nil || !slices.Equal(seen, late) {
		t.Errorf("retry of email: %v, %v; want %v", seen, err, late)
	}
}

// A retry stopped between pages (the operator's Ctrl-C) leaves the pages
// it did not reach failed, whole, and the same call queues them.
func TestRetryFailedStoppedLeavesTheRestFailed(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	ids := failAll(t, s, "sms", "outage", retryPage+5)
	ctx, stop := context.WithCancel(context.Background())
	told := 0
	err := s.RetryFailed(ctx, Filter{}, func(int64, error) {
		if told++; told == retryPage {
			stop()
		}
	})
	if !errors.Is(err, context.Canceled) || told != retryPage {
		t.Fatalf("stopped after the first page: %v, %d told; want context.Canceled after %d", err, told, retryPage)
	}
	bg := context.Background()
	if n, _ := s.Count(bg, Filter{Status: StatusFailed}); n != 5 {
		t.Errorf("%d failed after the stop, want the second page's 5", n)
	}
	var rest []int64
	if err := s.RetryFailed(bg, Filter{}, func(id int64, _ error) { rest = append(rest, id) }); err != nil || !slices.Equal(rest, ids[retryPage:]) {
		t.Errorf("the same call again: %v, %v; want %v", rest, err, ids[retryPage:])
	}
}
