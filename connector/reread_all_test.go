package connector_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The shop corrects its customers' numbers in Wolvox and reads all the
// skipped messages again at once: the ones the filter chooses are read, each
// with what came of it counted, and the others are not touched. The demo's
// skipped invoices: 106 a landline, 107 a garbage phone (cancelled here
// since), 108 no phone (added here), 112 a bad number (corrected here),
// 117 a customer missing.
func TestRereadAllReadsWhatTheFilterChooses(t *testing.T) {
	for _, tc := range []struct {
		name    string
		f       status.RereadFilter
		pending []string // records made pending
		still   map[string]int
		refused map[string]int
	}{
		{name: "every one", f: status.RereadFilter{}, pending: []string{"108", "112"},
			still: map[string]int{"landline": 1, "customer_missing": 1}, refused: map[string]int{"gone": 1}},
		{name: "one kind", f: status.RereadFilter{Problem: "bad_phone"}, pending: []string{"112"}, refused: map[string]int{"gone": 1}},
		{name: "kind, job and channel", f: status.RereadFilter{Problem: "no_mobile", Job: "new-invoices", Channel: "sms"}, pending: []string{"108"}},
		{name: "another job", f: status.RereadFilter{Job: "payments"}},
		{name: "another channel", f: status.RereadFilter{Channel: "email"}},
		{name: "a kind none shows", f: status.RereadFilter{Problem: "bad_email"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir, cfg := setup(t, "backfill: all")
			d := newDaemon(t, cfg, &bytes.Buffer{}, nil)
			defer d.Close()
			if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
				t.Fatal(err)
			}
			before := skippedByRecord(t, d.Store())
			db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "demo.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			for _, q := range []string{
				`UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 8`,
				`UPDATE CARI SET CEP_TEL = '0533 111 22 44' WHERE BLKODU = 12`,
				`UPDATE FATURA SET IPTAL = 1 WHERE BLKODU = 107`,
			} {
				if _, err := db.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			got, err := d.RereadAll(ctx, tc.f, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got.Pending != len(tc.pending) || !maps.Equal(got.Still, tc.still) || !maps.Equal(got.Refused, tc.refused) {
				t.Errorf("tally = %+v, want %d pending, still %v, refused %v", got, len(tc.pending), tc.still, tc.refused)
			}
			for key, was := range before {
				m, err := d.Store().Get(ctx, was.ID)
				if err != nil {
					t.Fatal(err)
				}
				wantPending := false
				for _, k := range tc.pending {
					wantPending = wantPending || k == key
				}
				switch {
				case wantPending && m.Status != outbox.StatusPending:
					t.Errorf("invoice %s: %s, want pending", key, m.Status)
				case !wantPending && m.Status != outbox.StatusSkipped:
					t.Errorf("invoice %s: %s, want it still skipped", key, m.Status)
				case !wantPending && !tc.f.Matches(was) && !m.UpdatedAt.Equal(was.UpdatedAt):
					t.Errorf("invoice %s is not chosen by the filter, and was written", key)
				}
			}
		})
	}
}

func skippedByRecord(t *testing.T, s *outbox.Store) map[string]outbox.Message {
	t.Helper()
	ms, err := s.List(context.Background(), outbox.Filter{Status: outbox.StatusSkipped})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]outbox.Message{}
	for _, m := range ms {
		out[m.RecordKey] = m
	}
	if len(out) != 5 {
		t.Fatalf("the demo's skipped invoices: %v", out)
	}
	return out
}

// A customer who refused messages is never read again by the bulk form,
// whatever Wolvox holds: neither the skip of an opt-out nor a provider's
// refusal for the customer's own refusal is touched, nor counted.
func TestRereadAllNeverTouchesARefusal(t *testing.T) {
	ctx := context.Background()
	_, cfg := setup(t, "")
	d := newDaemon(t, cfg, &bytes.Buffer{}, nil)
	defer d.Close()
	optedOut, byReply := mapping.R(dispatch.ReasonOptedOut), mapping.R(dispatch.ReasonRefusedByReply)
	if _, err := d.Store().Enqueue(ctx, outbox.Batch{Job: "new-invoices", Source: "demo", Messages: []outbox.NewMessage{
		{Message: mapping.Message{Channel: "sms", To: "+905321234567", Text: "x"}, DedupeKey: "invoice:demo:101:created", RecordKey: "101", Skip: &optedOut},
		{Message: mapping.Message{Channel: "sms", To: "+905321234568", Text: "y"}, DedupeKey: "invoice:demo:102:created", RecordKey: "102", Skip: &byReply},
	}}); err != nil {
		t.Fatal(err)
	}
	before, err := d.Store().List(ctx, outbox.Filter{})
	if err != nil || len(before) != 2 {
		t.Fatalf("messages: %v %v", before, err)
	}
	for _, f := range []status.RereadFilter{{}, {Problem: "no_mobile"}, {Problem: "refused"}, {Channel: "sms", Job: "new-invoices"}} {
		got, err := d.RereadAll(ctx, f, nil)
		if err != nil || got.Read() != 0 {
			t.Errorf("%+v: %+v %v, want nothing read", f, got, err)
		}
	}
	for _, was := range before {
		m, _ := d.Store().Get(ctx, was.ID)
		if m.Status != was.Status || !m.UpdatedAt.Equal(was.UpdatedAt) || m.Reason.Code != was.Reason.Code || m.To != was.To {
			t.Errorf("the refused message %d was written: %+v, was %+v", was.ID, m, was)
		}
	}
}

// More messages than a page of the outbox, none of whose records makes a
// message any more: every one is read and refused for itself, the refusals
// do not stop the rest, and the run stops when its context ends.
func TestRereadAllPagesAndGoesOnPastRefusals(t *testing.T) {
	ctx := context.Background()
	_, cfg := setup(t, "")
	d := newDaemon(t, cfg, &bytes.Buffer{}, nil)
	defer d.Close()
	const n = 450 // more than two pages
	why := mapping.R(mapping.ReasonNoRecipient, "fields", "CEP_TEL")
	var b outbox.Batch
	b.Job, b.Source = "new-invoices", "demo"
	for i := range n {
		key := fmt.Sprint(9000 + i)
		b.Messages = append(b.Messages, outbox.NewMessage{Message: mapping.Message{Channel: "sms"}, DedupeKey: "invoice:demo:" + key + ":created",
			RecordKey: key, Skip: &why})
	}
	if _, err := d.Store().Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}

	stopped, cancel := context.WithCancel(ctx)
	cancel()
	if got, err := d.RereadAll(stopped, status.RereadFilter{}, nil); !errors.Is(err, context.Canceled) || got.Read() != 0 {
		t.Errorf("with its context ended: %+v %v, want nothing read and the context's error", got, err)
	}

	got, err := d.RereadAll(ctx, status.RereadFilter{Problem: "no_mobile"}, nil)
	if err != nil || got.Refused["gone"] != n || got.Read() != n {
		t.Errorf("tally = %+v %v, want all %d refused as gone", got, err, n)
	}
}

// holdRun makes the page's bulk re-read stop after each message it read
// until released, telling on reached (buffered) that it got there; a run
// whose context ends lets go at once.
type holdRun struct {
	reached chan struct{}
	release chan struct{}
}

func newHoldRun() *holdRun {
	return &holdRun{reached: make(chan struct{}, 1), release: make(chan struct{})}
}

func (h *holdRun) step(ctx context.Context) {
	select {
	case h.reached <- struct{}{}:
	default:
	}
	select {
	case <-h.release:
	case <-ctx.Done():
	}
}

// correctedDaemon is the demo after a run of new-invoices whose numbers the
// shop then corrected in Wolvox (108, 112) and whose invoice 107 it
// cancelled; the page's bulk re-reads wait on h.
func correctedDaemon(t *testing.T, h *holdRun) (*connector.Daemon, *config.Config, map[string]outbox.Message) {
	t.Helper()
	ctx := context.Background()
	dir, cfg := setup(t, "backfill: all")
	d, err := connector.New(ctx, cfg, connector.Options{Console: &bytes.Buffer{}, RereadStep: h.step})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	before := skippedByRecord(t, d.Store())
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 8`,
		`UPDATE CARI SET CEP_TEL = '0533 111 22 44' WHERE BLKODU = 12`,
		`UPDATE FATURA SET IPTAL = 1 WHERE BLKODU = 107`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	return d, cfg, before
}

// waitEnded waits for the daemon's bulk re-read to end.
func waitEnded(t *testing.T, d *connector.Daemon) status.RereadRun {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if run, ok := d.RereadAllRun(); ok && !run.Running() {
			return run
		}
	}
	t.Fatal("the bulk re-read did not end")
	return status.RereadRun{}
}

// The page's bulk re-read runs in the background, one at a time for the
// whole daemon: a second start while one runs, of any group, is refused and
// told the running one, whose progress counts what it read so far; once it
// ended, its result stays until the next starts.
func TestStartRereadAllOneAtATime(t *testing.T) {
	h := newHoldRun()
	d, _, _ := correctedDaemon(t, h)
	if _, ok := d.RereadAllRun(); ok {
		t.Fatal("a run before any started")
	}
	run, started := d.StartRereadAll(status.RereadFilter{})
	if !started || !run.Running() || run.Started.IsZero() {
		t.Fatalf("start: %+v %v", run, started)
	}
	<-h.reached
	for _, f := range []status.RereadFilter{{}, {Problem: "no_mobile"}, {Problem: "bad_phone"}} {
		got, started := d.StartRereadAll(f)
		if started || got.Kind != "" || !got.Running() || got.Tally.Read() != 1 {
			t.Errorf("start of %+v while one runs: %+v %v, want refused, told the running one after its first message", f, got, started)
		}
	}
	if now, _ := d.RereadAllRun(); !now.Running() || now.Tally.Read() != 1 {
		t.Errorf("progress while held after the first message: %+v", now)
	}

	close(h.release)
	run = waitEnded(t, d)
	want := status.RereadTally{Pending: 2, Still: map[string]int{"landline": 1, "customer_missing": 1}, Refused: map[string]int{"gone": 1}}
	if run.Stopped || run.Ended.Before(run.Started) || run.Tally.Pending != want.Pending || !maps.Equal(run.Tally.Still, want.Still) || !maps.Equal(run.Tally.Refused, want.Refused) {
		t.Errorf("the ended run: %+v, want %+v", run, want)
	}
	if again, _ := d.RereadAllRun(); again.Running() || !again.Ended.Equal(run.Ended) {
		t.Errorf("the last run's result is not kept: %+v", again)
	}

	next, started := d.StartRereadAll(status.RereadFilter{Problem: "no_mobile"})
	if !started || next.Kind != "no_mobile" || next.Tally.Read() != 0 {
		t.Errorf("a start once the last ended: %+v %v", next, started)
	}
	if run := waitEnded(t, d); run.Kind != "no_mobile" || run.Tally.Read() != 0 {
		t.Errorf("the next run (108 was made pending by the first): %+v", run)
	}
}

// The daemon's stop (shutdown, reload: Close, as Run's end) stops a bulk
// re-read running in the background: it ends stopped, and the messages it
// did not reach stay as they were. None starts after it.
func TestStartRereadAllStopsWithTheDaemon(t *testing.T) {
	h := newHoldRun()
	d, cfg, before := correctedDaemon(t, h)
	if _, started := d.StartRereadAll(status.RereadFilter{}); !started {
		t.Fatal("not started")
	}
	<-h.reached
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	run, _ := d.RereadAllRun()
	if run.Running() || !run.Stopped || run.Tally.Read() != 1 {
		t.Errorf("the run after the daemon's stop: %+v, want it ended, stopped, one read", run)
	}
	// A press while the daemon stops starts nothing and keeps the last
	// run's result, which the next daemon is handed.
	if late, started := d.StartRereadAll(status.RereadFilter{Problem: "bad_phone"}); started || late.Running() || !late.Stopped ||
		late.Kind != run.Kind || late.Tally.Read() != 1 {
		t.Errorf("a start after the stop: %+v %v, want none started and the stopped run kept", late, started)
	}

	after := newDaemon(t, cfg, &bytes.Buffer{}, nil)
	defer after.Close()
	untouched := 0
	for key, was := range before {
		m, err := after.Store().Get(context.Background(), was.ID)
		if err != nil {
			t.Fatal(err)
		}
		if m.Status == was.Status && m.UpdatedAt.Equal(was.UpdatedAt) {
			untouched++
		} else {
			t.Logf("invoice %s was read: %s", key, m.Status)
		}
	}
	if untouched != len(before)-1 {
		t.Errorf("%d of the %d skipped messages untouched after a stop past the first, want all but one", untouched, len(before))
	}
}
