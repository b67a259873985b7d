package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify/webhook/webhooktest"
)

const forgetE2EConfig = `state_dir: state
quiet_hours: {disabled: true}
log: {dir: logs, level: debug}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms: {provider: console, rate: 1000/s}
  whatsapp: {provider: console, rate: 1000/s}
  email: {provider: console, rate: 1000/s}
  webhook:
    provider: webhook
    rate: 1000/s
    webhook: {url: URL/hook, secret: "${env:AC_TEST_FORGET_WEBHOOK_SECRET}"}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: all
    messages:
      sms: {text: "{{.FATURA_NO}} {{money .TOPLAM_GENEL_KPB}}"}
      whatsapp:
        template: fatura_hazir
        language: tr
        body: [{type: text, value: "{{.FATURA_NO}} {{.CEP_TEL}}"}]
      email:
        to: [E_MAIL]
        subject: "Faturanız {{.FATURA_NO}}"
        text: "Sayın {{.MUSTERI_ADI}}, iletişim: {{.CEP_TEL}} / {{.E_MAIL}}"
        html: "<p>{{.FATURA_NO}}: {{.CEP_TEL}}, {{.E_MAIL}}</p>"
      webhook: {to: [CEP_TEL], text: "{{.FATURA_NO}} {{.CEP_TEL}} {{.E_MAIL}}"}
`

// Mehmet Öztürk is +90 (533) 234-5678 and mehmet@ozturk.example.com in the
// demo ERP. He gets invoices on four channels (the webhook through a real
// HTTP receiver, so audit rows exist) and asks to be forgotten; afterwards
// no spelling of his number or address is left in outbox.db, its WAL or the
// log files, and his next invoice reaches him on no channel.
func TestForgetLeavesNoTraceInStateFilesOrLogs(t *testing.T) {
	ctx := context.Background()
	fake := webhooktest.New("forget-secret-Qx7", true)
	t.Cleanup(fake.Close)
	t.Setenv("AC_TEST_FORGET_WEBHOOK_SECRET", "forget-secret-Qx7")
	dir := t.TempDir()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfg, []byte(strings.ReplaceAll(forgetE2EConfig, "URL", fake.URL())), 0o600)
	// Another invoice of his carries an invoice-level number in another spelling.
	addDemoInvoices(t, dir, demo.Invoice{Key: 140, Customer: 2, No: "2024-140", Total: "77.00", Kind: 1, Date: "2026-11-20", Mobile: "0533 234-5678"})
	if code, out, errOut := runEN(t, "run", "--once", "--config", cfg); code != exitOK {
		t.Fatalf("run --once: %d\n%s\n%s", code, out, errOut)
	}
	if len(fake.Received()) == 0 {
		t.Fatal("the webhook received nothing")
	}
	if code, out, _ := runEN(t, "optout", "add", "0533 234 56 78", "--note", "telefonla istedi", "--config", cfg); code != exitOK {
		t.Fatalf("optout add: %s", out)
	}
	state := filepath.Join(dir, "state")
	files := func() []string {
		logs, _ := filepath.Glob(filepath.Join(dir, "logs", "*"))
		if len(logs) == 0 {
			t.Fatal("no log file was written")
		}
		return append([]string{filepath.Join(state, "outbox.db"), filepath.Join(state, "outbox.db-wal")}, logs...)
	}
	if found := mehmetTraces(t, files()[:2]...); len(found) == 0 {
		t.Fatal("nothing of Mehmet in the state files before forget: the scan cannot show anything")
	}
	// forget does not rewrite the logs: they must never have held him. The
	// log masks contact data and no log line names a recipient (see
	// connector/logging); a spelling it does not know ("0533/234 56 78")
	// in a provider's error text would show here.
	if found := mehmetTraces(t, files()[2:]...); len(found) > 0 {
		t.Errorf("the logs hold him before any forget: %v", found)
	}

	code, out, errOut := runEN(t, "forget", "--dry-run", "+90 533 234 56 78", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "would forget +90533*****78: ") || !strings.Contains(out, "and the opt-out entry") ||
		!strings.Contains(out, "Dry run: nothing was changed") || !strings.Contains(out, "would delete #") || !strings.Contains(out, "would empty") {
		t.Fatalf("forget --dry-run: %d\n%s%s", code, out, errOut)
	}
	t.Logf("forget --dry-run:\n%s", out)
	for _, addr := range []string{"0533 234-5678", "MEHMET@Ozturk.Example.COM"} {
		code, out, errOut := runEN(t, "forget", addr, "--config", cfg)
		if code != exitOK || !strings.Contains(out, "forgot ") || strings.Contains(out, "Warning") {
			t.Fatalf("forget %s: %d\n%s%s", addr, code, out, errOut)
		}
	}
	if found := mehmetTraces(t, files()...); len(found) > 0 {
		t.Errorf("after forget: %v", found)
	}
	if _, out, _ := runEN(t, "optout", "list", "--config", cfg); !strings.Contains(out, "0 recipient(s) opted out") || !strings.Contains(out, "2 forgotten address(es)") {
		t.Errorf("optout list after forget:\n%s", out)
	}

	// His next invoice: skipped on every channel, nothing sent, nothing of
	// him stored or logged.
	sentBefore := len(fake.Received())
	addDemoInvoices(t, dir, demo.Invoice{Key: 141, Customer: 2, No: "2024-141", Total: "12.00", Kind: 1, Date: "2026-11-21"})
	code, out, errOut = runEN(t, "run", "--once", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "0 messages queued, 4 skipped") {
		t.Fatalf("run --once after forget: %d\n%s\n%s", code, out, errOut)
	}
	// Only what the first run left uncertain may reach the webhook again
	// (a request that timed out on a busy machine is sent again with its
	// id, which the receiver dedupes): never him, never his new invoice.
	received := fake.Received()
	earlier := map[string]bool{}
	for _, p := range received[:sentBefore] {
		earlier[p.DedupeKey] = true
	}
	for _, p := range received[sentBefore:] {
		if !earlier[p.DedupeKey] || p.To == "+905332345678" || strings.Contains(p.Text, "2024-141") {
			t.Errorf("after forget the webhook got a new delivery: #%d %s to %s", p.ID, p.DedupeKey, p.To)
		}
	}
	if found := mehmetTraces(t, files()...); len(found) > 0 {
		t.Errorf("after his next invoice: %v", found)
	}
	if code, out, _ := runEN(t, "optout", "remove", "905332345678", "--config", cfg); code != exitOK || !strings.Contains(out, "allowed again") {
		t.Errorf("optout remove of a forgotten address: %d %s", code, out)
	}

	// Without its key no refusal can be checked and run would send
	// nothing: check says so first.
	if code, out, _ := runEN(t, "check", "--config", cfg); code != exitOK || !strings.Contains(out, "outbox: 1 forgotten address(es)") {
		t.Errorf("check: %d\n%s", code, out)
	}
	os.Remove(filepath.Join(state, "suppression.key"))
	if code, out, _ := runEN(t, "check", "--config", cfg); code != exitConfig || !strings.Contains(out, "suppression.key does not exist") {
		t.Errorf("check without the key: %d\n%s", code, out)
	}
	if code, out, _ := runEN(t, "optout", "reset-forgotten", "--config", cfg); code != exitUsage {
		t.Errorf("reset-forgotten without --yes: %d %s", code, out)
	}
	if code, out, _ := runEN(t, "optout", "reset-forgotten", "--yes", "--config", cfg); code != exitOK || !strings.Contains(out, "dropped 1 forgotten") {
		t.Errorf("reset-forgotten --yes: %d %s", code, out)
	}
}

func addDemoInvoices(t *testing.T, dir string, invoices ...demo.Invoice) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.InsertInvoices(context.Background(), db, invoices); err != nil {
		t.Fatal(err)
	}
}

// mehmetTraces scans files' raw bytes for Mehmet's number in the spellings
// people write it and for his e-mail address in any case.
func mehmetTraces(t *testing.T, files ...string) []string {
	t.Helper()
	spellings := []string{"+905332345678", "905332345678", "05332345678", "5332345678", "0533 234 56 78", "0533 234-5678",
		"+90 533 234 56 78", "+90 (533) 234-5678", "533 234 56 78", "(533) 234-5678", "mehmet@ozturk.example.com", "mehmet%40ozturk.example.com"}
	phone, email := mapping.NewMatcher("+905332345678"), mapping.NewMatcher("mehmet@ozturk.example.com")
	var found []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		lower := bytes.ToLower(b)
		for _, sp := range spellings {
			if bytes.Contains(lower, []byte(sp)) {
				found = append(found, filepath.Base(f)+": "+sp)
			}
		}
		if phone.Match(string(b)) || email.Match(string(b)) {
			found = append(found, filepath.Base(f)+": a spelling the matcher knows")
		}
	}
	return found
}
