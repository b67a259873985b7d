package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A sample that needs more SMS segments than max_segments (here the
// default) is a warning in check, not a failure: the template works, and
// such a row is skipped rather than sent.
func TestCheckWarnsWhenTheSampleNeedsMoreSegments(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	long := strings.Repeat("Sayın {{.MUSTERI_ADI}}, faturanız {{.FATURA_NO}} düzenlenmiştir. ", 20)
	if err := os.WriteFile(cfg, []byte(`quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console}}
jobs:
  - name: long
    preset: new_invoices
    schedule: "@every 1m"
    messages: {sms: {text: "`+long+`"}}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "check", "--offline", "--lang", "en", "--config", cfg)
	if code != exitOK {
		t.Fatalf("exit %d, want OK (a warning only):\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "sms sample: warning: the SMS needs") || !strings.Contains(out, "max_segments is 6") {
		t.Errorf("check does not warn about the segments:\n%s", out)
	}
}
