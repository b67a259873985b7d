package connector_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/summary"
)

// A day of the demo's traffic through the real pipeline, then the owner's
// summary: one e-mail a day, whose numbers are the outbox's.
func TestDailySummaryOfADay(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(`state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms: {provider: console, rate: 1000/s}
  email: {provider: console}
daily_summary: {to: "patron@magaza.example.com", at: "19:30"}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: all
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`), 0o600)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := connector.New(ctx, cfg, connector.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	all, err := d.Store().List(ctx, outbox.Filter{Job: "new-invoices", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	sent, skipped := 0, 0
	for _, m := range all {
		switch m.Status {
		case outbox.StatusSent, outbox.StatusDelivered:
			sent++
		case outbox.StatusSkipped:
			skipped++
		}
	}
	if sent == 0 || skipped == 0 {
		t.Fatalf("fixture: %d sent, %d skipped", sent, skipped)
	}
	for range 2 {
		if err := d.SendSummary(ctx); err != nil {
			t.Fatal(err)
		}
	}
	ms, err := d.Store().List(ctx, outbox.Filter{Job: summary.Job, Limit: 10})
	if err != nil || len(ms) != 1 {
		t.Fatalf("summaries %d (%v), want one a day", len(ms), err)
	}
	m := ms[0]
	if m.Channel != "email" || m.To != "patron@magaza.example.com" || !strings.HasPrefix(m.Subject, "Günlük özet: ") {
		t.Errorf("summary message %+v", m)
	}
	want := fmt.Sprintf("SMS: %d mesaj gönderildi, 0 tanesinin teslim edildiği bildirildi; 0 başarısız, %d atlandı.", sent, skipped)
	if !strings.Contains(m.Text, want) {
		t.Errorf("the summary lacks %q:\n%s", want, m.Text)
	}
	// It is sent like any message.
	if n, err := d.Drain(ctx); err != nil || n != 1 {
		t.Errorf("drain sent %d, %v; want the summary", n, err)
	}
}

// A job whose database is not there: the day's summary, made by the
// daemon from what it recorded of the run, starts with it.
func TestDailySummaryTellsAJobThatCannotRead(t *testing.T) {
	ctx := context.Background()
	d := demoDaemon(t, t.TempDir(), `state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources:
  - {name: demo, driver: sqlite, database: demo.db}
  - {name: gecen-yil, driver: sqlite, database: 2025.db}
channels:
  email: {provider: console}
daily_summary: {to: "patron@magaza.example.com", at: "19:30"}
jobs:
  - name: new-invoices
    preset: new_invoices
    sources: [demo]
    schedule: "@every 1m"
    messages: {email: {subject: "Fatura", text: "{{.FATURA_NO}}"}}
  - name: old-invoices
    preset: new_invoices
    sources: [gecen-yil]
    schedule: "@every 1m"
    messages: {email: {subject: "Fatura", text: "{{.FATURA_NO}}"}}
`)
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.RunJob(ctx, "old-invoices"); err == nil {
		t.Fatal("the job read a database that is not there")
	}
	if err := d.SendSummary(ctx); err != nil {
		t.Fatal(err)
	}
	ms, err := d.Store().List(ctx, outbox.Filter{Job: summary.Job, Limit: 10})
	if err != nil || len(ms) != 1 {
		t.Fatalf("summaries %d (%v), want one", len(ms), err)
	}
	want := "Dikkat: 1 görev son çalışmasında hata verdi; düzelene dek bu görevlerin yeni kayıtları için mesaj gitmiyor:\n" +
		"  - \"old-invoices\": veritabanı açılamadı: yok ya da bu kullanıcı açamıyor. Henüz hiç başarıyla çalışmadı.\n"
	if !strings.HasPrefix(ms[0].Text, want) {
		t.Errorf("the summary does not start with %q:\n%s", want, ms[0].Text)
	}
}

// A run cut short by the service stopping is not a failure: the last run's
// record stands, so the status page and the next summary do not tell one.
func TestAStoppedRunIsNotAFailure(t *testing.T) {
	ctx := context.Background()
	d := demoDaemon(t, t.TempDir(), `state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  email: {provider: console}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    messages: {email: {subject: "Fatura", text: "{{.FATURA_NO}}"}}
`)
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	stopping, stop := context.WithCancel(ctx)
	stop()
	if _, err := d.RunJob(stopping, "new-invoices"); err == nil {
		t.Fatal("a stopped run went through")
	}
	runs, err := d.Store().JobRuns(ctx)
	if err != nil || len(runs) != 1 || runs[0].Err != "" || runs[0].LastSuccess.IsZero() {
		t.Errorf("job runs %+v, %v; want the good run kept", runs, err)
	}
	if st := d.JobStatuses()["new-invoices"]; st.Err != "" {
		t.Errorf("the daemon holds the stopped run as failed: %+v", st)
	}
}
