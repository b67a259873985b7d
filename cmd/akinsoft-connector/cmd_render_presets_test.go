package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
)

// render shows every messaging preset on the demo database with the
// demo config's jobs and the presets' Turkish default messages.
func TestRenderEveryPresetOnTheDemo(t *testing.T) {
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, demo.ConfigYAML(), 0o600); err != nil {
		t.Fatal(err)
	}
	for job, wants := range map[string][]string{
		"payments":  {"2.500,00 TL tutarındaki ödemeniz alınmıştır", "Kalan borç bakiyeniz: 10.000,00 TL", "Hesabınızda borç kalmamıştır"},
		"shipments": {"Kargo firması: Aras Kargo. Takip numarası: 3456789012.", "Takip numarası: MNG-77881."},
		// Ayşe paid 101: only 120 is reminded, with what is open.
		"due-soon": {"BLKODU=120", "2024-120 no'lu faturanızın ödenmemiş 2.100,00 TL", "2024-102 no'lu faturanızın ödenmemiş 600.000,50 TL"},
		"overdue":  {"2024-109 no'lu faturanızın 10.000,00 TL tutarı ödenmemiştir"},
		"reminders": {"step -3d sms", "2024-120", "step +7d sms", "2024-109",
			"SKIPPED: Wolvox already sent this (MAIL_SMS_LOG"},
		"invoice-contacts": {"contact 31 sms → +90533*****21", "Sayın Mehmet Demir", "e-Fatura: https://efatura.example.com/pdf/7b41d0aa-2024-110"},
	} {
		t.Run(job, func(t *testing.T) {
			code, out, errOut := runEN(t, "render", "--config", cfg, "--job", job, "--limit", "30")
			if code != exitOK {
				t.Fatalf("exit %d: %s %s", code, out, errOut)
			}
			for _, w := range wants {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if job == "due-soon" && strings.Contains(out, "BLKODU=101 ") {
				t.Errorf("the paid invoice 101 is reminded:\n%s", out)
			}
		})
	}
}
