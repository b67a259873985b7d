package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
)

const demoCfg = `quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console, rate: 1000/s}}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: all
    messages: {sms: {text: "{{.FATURA_NO}} {{money .TOPLAM_GENEL_KPB}}"}}
`

// sentDemo runs the demo job once into a config's outbox and returns the config path.
func sentDemo(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(demoCfg), 0o600)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := connector.New(ctx, cfg, connector.Options{Console: &bytes.Buffer{}})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	d.Drain(ctx)
	return path
}

func TestForgetAndOptOutCommands(t *testing.T) {
	cfg := sentDemo(t)
	// Ayşe Yılmaz (+905321234567) got invoices 2024-101 and 2024-120.
	code, out, errOut := runEN(t, "forget", "0532 123 45 67", "--config", cfg)
	if code != 0 || !strings.Contains(out, "forgot +90532*****67: 2 message(s), 2 send attempt(s)") {
		t.Fatalf("forget: %d %s %s", code, out, errOut)
	}
	if code, out, _ = runEN(t, "forget", "+905321234567", "--config", cfg); !strings.Contains(out, "0 message(s)") {
		t.Fatalf("second forget found messages: %s", out)
	}
	if code, out, _ = runEN(t, "optout", "add", "+90 (532) 123-4567", "--note", "telefonla istedi", "--config", cfg); code != 0 {
		t.Fatalf("optout add: %s", out)
	}
	if _, out, _ = runEN(t, "optout", "list", "--config", cfg); !strings.Contains(out, "+905321234567") || !strings.Contains(out, "telefonla istedi") {
		t.Fatalf("optout list: %s", out)
	}
	// The reason names what the dealer typed, not a mask of it.
	if code, _, errOut = runEN(t, "optout", "add", "not-a-number", "--config", cfg); code != exitUsage || !strings.Contains(errOut, `phone number "not-a-number" is not a phone number`) {
		t.Fatalf("garbage recipient: exit %d: %s", code, errOut)
	}
	if code, out, _ = runEN(t, "optout", "remove", "05321234567", "--config", cfg); code != 0 {
		t.Fatalf("optout remove: %s", out)
	}
	if code, out, _ = runEN(t, "audit", "--since", "1h", "--config", cfg); code != 0 || !strings.Contains(out, "request(s) in the last 1 hour(s)") {
		t.Fatalf("audit: %s", out)
	}
	if code, out, _ = runCLI(t, "--lang", "tr", "audit", "--config", cfg); code != 0 || !strings.Contains(out, "son 1 gün içinde") {
		t.Fatalf("audit in Turkish: %s", out)
	}
}

// check connects to the source and counts the rows the next run would read,
// from the service's cursor, without changing the outbox.
func TestCheckCountsRowsForTheNextRun(t *testing.T) {
	cfg := sentDemo(t)
	db, err := sql.Open("sqlite", "file:"+filepath.Join(filepath.Dir(cfg), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := demo.InsertInvoices(context.Background(), db, demo.LaterInvoices); err != nil {
		t.Fatal(err)
	}
	outboxPath := filepath.Join(filepath.Dir(cfg), "state", "outbox.db")
	before, _ := os.ReadFile(outboxPath)
	code, out, errOut := runEN(t, "check", "--config", cfg)
	if code != 0 || !strings.Contains(out, "job new-invoices: demo: 3 row(s) for the next run") {
		t.Fatalf("check: %d\n%s%s", code, out, errOut)
	}
	if after, _ := os.ReadFile(outboxPath); !bytes.Equal(before, after) {
		t.Error("check changed the service's outbox")
	}
}

// A job with its own SELECT is rendered against its newest real row, so a
// misspelled column is a check problem before any customer sees it.
func TestCheckRendersSQLJobsAgainstARealRow(t *testing.T) {
	cfg := sentDemo(t)
	job := `
  - name: big
    sql: "SELECT F.BLKODU, F.FATURA_NO, C.CEP_TEL FROM FATURA F JOIN CARI C ON C.BLKODU = F.BLCRKODU"
    key: BLKODU
    schedule: "@every 1m"
    messages: {sms: {to: [CEP_TEL], text: "TEXT"}}
`
	b, _ := os.ReadFile(cfg)
	good := string(b) + strings.Replace(job, "TEXT", "{{.FATURA_NO}}", 1)
	os.WriteFile(cfg, []byte(good), 0o600)
	if code, out, _ := runEN(t, "check", "--config", cfg); code != 0 || !strings.Contains(out, "sms newest row: 2024-130") {
		t.Fatalf("check of a good SQL job: %d\n%s", code, out)
	}
	os.WriteFile(cfg, []byte(string(b)+strings.Replace(job, "TEXT", "{{.FATURA_NUMARASI}}", 1)), 0o600)
	code, out, _ := runEN(t, "check", "--config", cfg)
	if code != exitConfig || !strings.Contains(out, "FATURA_NUMARASI") {
		t.Fatalf("check of a misspelled column: %d\n%s", code, out)
	}
}

// forget +90 532 123 45 67, typed as the README and forget --help write it,
// reaches the command as five arguments: together they are one number, and
// Ayşe Yılmaz is forgotten. Arguments that are not one number are refused
// with the reason (exit 2) and erase nothing.
func TestForgetJoinsANumberTheShellSplit(t *testing.T) {
	cfg := sentDemo(t)
	refused := []struct {
		args   []string
		en, tr string
	}{
		{[]string{"05321234567", "05339876543"}, `"05321234567" "05339876543" are more than one phone number`, "birden çok telefon numarası"},
		{[]string{"ayse@example.com", "05321234567"}, "an e-mail address is given alone, as one argument", "e-posta adresi tek başına"},
		{[]string{"Ayşe", "0532", "123", "45", "67"}, `together are not one phone number: "Ayşe" is no part of a phone number`, `"Ayşe" bir telefon numarasının parçası değil`},
		{[]string{"0532", "123", "45"}, `"0532" "123" "45" together are not one phone number: phone number "0532 123 45"`, "birlikte tek bir telefon numarası değil"},
		{[]string{"05321234567", "45"}, "together are not one phone number", "birlikte tek bir telefon numarası değil"},
	}
	for _, c := range refused {
		args := append([]string{"forget", "--config", cfg}, c.args...)
		if code, out, errOut := runEN(t, args...); code != exitUsage || !strings.Contains(errOut, c.en) {
			t.Errorf("forget %q: exit %d, stderr %q, want %d and %q (stdout %q)", c.args, code, errOut, exitUsage, c.en, out)
		}
		if code, _, errOut := runCLI(t, append([]string{"--lang", "tr"}, args...)...); code != exitUsage || !strings.Contains(errOut, c.tr) {
			t.Errorf("forget %q in Turkish: exit %d, stderr %q, want %q", c.args, code, errOut, c.tr)
		}
	}
	// Nothing was erased by the refusals; the split number, with the flag
	// among its parts, names her.
	code, out, errOut := runEN(t, "forget", "+90", "532", "--dry-run", "123", "45", "67", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "would forget +90532*****67: 2 message(s)") {
		t.Fatalf("forget --dry-run +90 532 123 45 67: %d %s %s", code, out, errOut)
	}
	code, out, errOut = runEN(t, "forget", "+90", "532", "123", "45", "67", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "forgot +90532*****67: 2 message(s), 2 send attempt(s)") {
		t.Fatalf("forget +90 532 123 45 67: %d %s %s", code, out, errOut)
	}
	// A number whose one part is the whole number is still that number.
	if code, out, errOut = runEN(t, "forget", "+90", "5321234567", "--config", cfg); code != exitOK || !strings.Contains(out, "+90532*****67: 0 message(s)") {
		t.Fatalf("forget +90 5321234567: %d %s %s", code, out, errOut)
	}
}
