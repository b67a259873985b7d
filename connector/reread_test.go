package connector_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
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

// Özlem Aydın has an e-mail address and no mobile. With `fallback: [email]`
// the e-mail goes in the SMS's place, and once the shop adds her mobile the
// SMS is not read again: she was told. A job that sends on both channels
// by design sends the corrected SMS too.
func TestRereadAfterAnotherChannelWent(t *testing.T) {
	for _, tc := range []struct {
		name, fallback string
		refused        bool
	}{
		{"with a fallback", "    fallback: [email]\n", true},
		{"both channels by design", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
				t.Fatal(err)
			}
			y := `state_dir: state
quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms: {provider: console, rate: 1000/s}
  email: {provider: console, rate: 1000/s}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: all
` + tc.fallback + `    messages:
      sms: {text: "{{.FATURA_NO}}"}
      email: {subject: "{{.FATURA_NO}}", text: "{{.FATURA_NO}}"}
`
			path := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Load(path, config.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			d := newDaemon(t, cfg, &out, nil)
			defer d.Close()
			if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
				t.Fatal(err)
			}
			if _, err := d.Dispatch(ctx); err != nil {
				t.Fatal(err)
			}
			var sms, email outbox.Message
			ms, _ := d.Store().List(ctx, outbox.Filter{Limit: 1000})
			for _, m := range ms {
				if m.RecordKey == "108" && m.Channel == "sms" {
					sms = m
				}
				if m.RecordKey == "108" && m.Channel == "email" {
					email = m
				}
			}
			if sms.Status != outbox.StatusSkipped || email.Status != outbox.StatusSent {
				t.Fatalf("invoice 108: sms %s, email %s; want skipped and sent", sms.Status, email.Status)
			}
			setMobile(t, dir, 8, "0532 999 88 77")
			st, _, err := d.Reread(ctx, sms.ID)
			if tc.refused {
				if !errors.Is(err, outbox.ErrWrongState) {
					t.Errorf("re-read of the SMS its fallback told: %s %v, want it refused", st, err)
				}
				return
			}
			if err != nil || st != outbox.StatusPending {
				t.Errorf("re-read of the SMS of a job sending both: %s %v, want pending", st, err)
			}
		})
	}
}

func setMobile(t *testing.T, dir string, customer int, mobile string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE CARI SET CEP_TEL = ? WHERE BLKODU = ?`, mobile, customer); err != nil {
		t.Fatal(err)
	}
}

// Özlem Aydın refused the shop's SMS (an opt-out), and her e-mail fallback
// was skipped for want of an address. Once the shop adds one, a commercial
// message is not read again into an e-mail: a refusal of SMS is no consent
// to e-mail. An informational one is, as a dispatch would have sent it.
func TestRereadOfAFallbackAfterTheCustomerRefused(t *testing.T) {
	for _, tc := range []struct {
		name       string
		commercial bool
		iys        string // the config's iys: section
		refused    bool
	}{
		{"commercial", true, "", true},
		// With İYS asked before every commercial send, the dispatcher sends
		// the fallback under its own channel's consent: a re-read does too.
		{"commercial, İYS checked", true, "iys: {brand_code: \"731734\", url: \"https://127.0.0.1:1\", usercode: u, password: \"${env:TEST_IYS_PASSWORD}\"}\n", false},
		{"informational", false, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("TEST_IYS_PASSWORD", "x")
			ctx := context.Background()
			dir := t.TempDir()
			if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(path, []byte(`state_dir: state
quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms: {provider: console}
  email: {provider: console}
`+tc.iys+`jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    fallback: [email]
    messages:
      sms: {text: "{{.FATURA_NO}}"}
      email: {subject: "{{.FATURA_NO}}", text: "{{.FATURA_NO}}"}
`), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Load(path, config.Options{})
			if err != nil {
				t.Fatal(err)
			}
			d := newDaemon(t, cfg, &bytes.Buffer{}, nil)
			defer d.Close()
			optedOut, noEmail := mapping.R(dispatch.ReasonOptedOut), mapping.R(mapping.ReasonNoEmail)
			key := "invoice:demo:108:created"
			if _, err := d.Store().Enqueue(ctx, outbox.Batch{Job: "new-invoices", Source: "demo", Messages: []outbox.NewMessage{
				{Message: mapping.Message{Channel: "sms", To: "+905329998877", Text: "2024-108"}, DedupeKey: key, RecordKey: "108",
					Skip: &optedOut, Commercial: tc.commercial},
				{Message: mapping.Message{Channel: "email"}, DedupeKey: key, RecordKey: "108", Skip: &noEmail, Standby: 1,
					Commercial: tc.commercial},
			}}); err != nil {
				t.Fatal(err)
			}
			ms, _ := d.Store().List(ctx, outbox.Filter{Channel: "email"})
			if len(ms) != 1 || ms[0].Status != outbox.StatusSkipped {
				t.Fatalf("the e-mail fallback: %+v", ms)
			}
			st, _, err := d.Reread(ctx, ms[0].ID)
			if tc.refused {
				var ce *catalog.Error
				if !errors.As(err, &ce) || ce.Msg.Key != "connector.reread_refused_first" || !errors.Is(err, outbox.ErrWrongState) {
					t.Fatalf("re-read of a commercial fallback after an opt-out: %s %v, want it refused", st, err)
				}
				if m, _ := d.Store().Get(ctx, ms[0].ID); m.Status != outbox.StatusSkipped {
					t.Errorf("the refused re-read left the e-mail %s", m.Status)
				}
				return
			}
			if err != nil || st != outbox.StatusPending {
				t.Errorf("re-read of an informational fallback after an opt-out: %s %v, want pending", st, err)
			}
		})
	}
}
