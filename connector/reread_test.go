package connector_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The shop adds Özlem Aydın's mobile number to her account card after her
// invoice's SMS was skipped without one: reading the record again from
// Wolvox sends that SMS to the new number. Read before the fix, it stays
// skipped with today's reason; an invoice cancelled since is not sent; a
// message sent is never read again.
func TestRereadSendsWhatWolvoxNowHolds(t *testing.T) {
	ctx := context.Background()
	dir, cfg := setup(t, "backfill: all")
	var out bytes.Buffer
	d := newDaemon(t, cfg, &out, nil)
	defer d.Close()
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	skipped := map[string]outbox.Message{}
	ms, err := d.Store().List(ctx, outbox.Filter{Status: outbox.StatusSkipped})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		skipped[m.RecordKey] = m
	}
	ozlem, sukru := skipped["108"], skipped["107"]
	if ozlem.ID == 0 || sukru.ID == 0 {
		t.Fatalf("the demo's invoices 107 and 108 were not skipped: %v", skipped)
	}

	// Read before the fix: still no number, and it says so.
	st, why, err := d.Reread(ctx, ozlem.ID)
	if err != nil || st != outbox.StatusSkipped || why.Code == "" {
		t.Fatalf("re-read without a number: %s %+v %v, want skipped with a reason", st, why, err)
	}

	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 8`,
		`UPDATE CARI SET CEP_TEL = '0533 111 22 44' WHERE BLKODU = 7`,
		`UPDATE FATURA SET IPTAL = 1 WHERE BLKODU = 107`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}

	st, _, err = d.Reread(ctx, ozlem.ID)
	if err != nil || st != outbox.StatusPending {
		t.Fatalf("re-read after the fix: %s %v, want pending", st, err)
	}
	if _, err := d.Dispatch(ctx); err != nil {
		t.Fatal(err)
	}
	m, err := d.Store().Get(ctx, ozlem.ID)
	if err != nil || m.Status != outbox.StatusSent || m.To != "+905329998877" || !strings.Contains(m.Text, "2024-108") || m.Reason.Code != "" {
		t.Fatalf("after the re-read and a dispatch: %+v %v, want it sent to the new number", m, err)
	}
	if !strings.Contains(out.String(), "2024-108") {
		t.Errorf("the console provider did not send it:\n%s", out.String())
	}

	// Cancelled in Wolvox since: the record makes no message any more.
	if _, _, err := d.Reread(ctx, sukru.ID); !errors.Is(err, poll.ErrNoLongerDue) {
		t.Errorf("re-read of a cancelled invoice: %v, want ErrNoLongerDue", err)
	}
	if m, _ := d.Store().Get(ctx, sukru.ID); m.Status != outbox.StatusSkipped {
		t.Errorf("the cancelled invoice's message is %s, want it left skipped", m.Status)
	}

	// Sent: never written again.
	if _, _, err := d.Reread(ctx, ozlem.ID); !errors.Is(err, outbox.ErrWrongState) {
		t.Errorf("re-read of a sent message: %v, want it refused", err)
	}
}

// A message a customer refused is not read again, whatever Wolvox holds.
func TestRereadRefusesARefusal(t *testing.T) {
	ctx := context.Background()
	_, cfg := setup(t, "")
	d := newDaemon(t, cfg, &bytes.Buffer{}, nil)
	defer d.Close()
	why := mapping.R(dispatch.ReasonOptedOut)
	if _, err := d.Store().Enqueue(ctx, outbox.Batch{Job: "new-invoices", Source: "demo", Messages: []outbox.NewMessage{
		{Message: mapping.Message{Channel: "sms", To: "+905321234567", Text: "x"}, DedupeKey: "invoice:demo:101:created", RecordKey: "101", Skip: &why}}}); err != nil {
		t.Fatal(err)
	}
	ms, _ := d.Store().List(ctx, outbox.Filter{})
	if len(ms) != 1 {
		t.Fatalf("messages: %v", ms)
	}
	if _, _, err := d.Reread(ctx, ms[0].ID); !errors.Is(err, outbox.ErrWrongState) {
		t.Errorf("re-read of an opted-out message: %v, want it refused", err)
	}
}
