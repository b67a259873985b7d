package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
)

const renderConfig = `state_dir: state
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: console
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    max_segments: 2
    messages:
      sms:
        to: [FATURA_CEP_TEL, CEP_TEL, TEL1]
        text: >-
          Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}} numaralı {{money .TOPLAM_GENEL_KPB}} tutarındaki faturanız
          {{date .TARIHI}} tarihinde düzenlenmiştir.
`

func renderFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(renderConfig), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func TestRenderNewestRows(t *testing.T) {
	cfg := renderFixture(t)
	code, out, errOut := runEN(t, "render", "--config", cfg, "--job", "new-invoices", "--limit", "2")
	if code != exitOK {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if n := strings.Count(out, "── new-invoices BLKODU="); n != 2 {
		t.Errorf("rendered %d rows, want 2:\n%s", n, out)
	}
	for _, want := range []string{"sms → +90", "encoding: GSM-7+TR", "1 segment", "Nothing was sent"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "+905321234567") {
		t.Errorf("a recipient was printed unmasked:\n%s", out)
	}
	// render must leave no outbox behind.
	if _, err := os.Stat(filepath.Join(filepath.Dir(cfg), "state", "outbox.db")); err == nil {
		t.Error("render created the outbox")
	}
}

func TestRenderOneKeyShowRecipients(t *testing.T) {
	cfg := renderFixture(t)
	code, out, errOut := runEN(t, "render", "--config", cfg, "--job", "new-invoices", "--key", "101", "--show-recipients")
	if code != exitOK {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if !strings.Contains(out, "BLKODU=101") || strings.Count(out, "── ") != 1 {
		t.Errorf("want exactly invoice 101:\n%s", out)
	}
	if !strings.Contains(out, "sms → +90") || strings.Contains(out, "*****") {
		t.Errorf("want the full recipient:\n%s", out)
	}
}

func TestRenderErrors(t *testing.T) {
	cfg := renderFixture(t)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--job", "nope"}, exitUsage, `no job named "nope" in`}, // as run --once --job says it
		{[]string{}, exitUsage, "render needs --job"},
		{[]string{"--job", "new-invoices", "--key", "1", "--limit", "2"}, exitUsage, "either --key or --limit"},
		{[]string{"--job", "new-invoices", "--source", "other"}, exitUsage, `source "other" is not configured`},
		{[]string{"--job", "new-invoices", "--key", "999999"}, exitFailure, "has no row with BLKODU = 999999"},
	}
	for _, tt := range tests {
		code, out, errOut := runEN(t, append([]string{"render", "--config", cfg}, tt.args...)...)
		if code != tt.code || !strings.Contains(out+errOut, tt.want) {
			t.Errorf("render %v: exit %d, output %q %q; want exit %d with %q", tt.args, code, out, errOut, tt.code, tt.want)
		}
	}
}
