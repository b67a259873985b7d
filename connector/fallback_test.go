package connector_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// The example config's chain, WhatsApp then SMS then e-mail, for a customer
// the demo knows by e-mail alone (invoice 108): WhatsApp and SMS have no
// number to go to, so the e-mail goes, in the same run. A customer with a
// mobile gets the WhatsApp message, and the fallbacks wait behind it.
func TestFallbackSendsWhenTheFirstChannelsHaveNoAddress(t *testing.T) {
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	cfg := loadConfig(t, dir, `
state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms: {provider: console, rate: 1000/s}
  whatsapp: {provider: console, rate: 1000/s}
  email: {provider: console, rate: 1000/s}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1h"
    backfill: all
    messages:
      whatsapp:
        template: fatura_hazir
        language: tr
        body: [{type: text, value: "{{.FATURA_NO}}"}]
      sms: {text: "{{.FATURA_NO}}"}
      email: {subject: "{{.FATURA_NO}}", text: "{{.FATURA_NO}}"}
    fallback: [sms, email]
`)
	ctx := context.Background()
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
	ms, err := d.Store().List(ctx, outbox.Filter{Job: "new-invoices", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]outbox.Status{}
	for _, m := range ms {
		got[m.RecordKey+" "+m.Channel] = m.Status
	}
	for k, want := range map[string]outbox.Status{
		"108 whatsapp": outbox.StatusSkipped, "108 sms": outbox.StatusSkipped, "108 email": outbox.StatusSent,
		"101 whatsapp": outbox.StatusSent, "101 sms": outbox.StatusCancelled, "101 email": outbox.StatusCancelled,
	} {
		if got[k] != want {
			t.Errorf("invoice %s is %s, want %s", k, got[k], want)
		}
	}
	for k, s := range got {
		if s == outbox.StatusStandby && got[k[:3]+" whatsapp"] != outbox.StatusSent {
			t.Errorf("%s waits as a standby behind a channel that did not send", k)
		}
	}
}
