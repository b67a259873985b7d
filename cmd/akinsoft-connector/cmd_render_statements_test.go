package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
)

// render shows the statement presets on the demo database: the balance at
// the end of the period in the texts, and the PDF each e-mail carries.
// Ayşe's movements are all of November 2026, so her closing balance is the
// same whichever later month the test runs in.
func TestRenderStatementsOnTheDemo(t *testing.T) {
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, demo.ConfigYAML(), 0o600); err != nil {
		t.Fatal(err)
	}
	for job, wants := range map[string][]string{
		"statements": {"BLKODU=1 ", "Borç bakiyeniz: 2.100,00 TL", "Hesap ekstreniz:", "attachment: Hesap Ekstresi 120.01.001 ",
			".pdf (application/pdf,"},
		"reconciliation": {"BLKODU=1 ", "borç bakiyeniz 2.100,00 TL. Onaylıyorsanız EVET, itirazınız varsa HAYIR yazıp yanıtlayınız.",
			"Cari hesap mutabakatı:", "attachment: Mutabakat 120.01.001 "},
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
		})
	}
}
