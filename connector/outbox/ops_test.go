package outbox

import (
	"context"
	"path/filepath"
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
