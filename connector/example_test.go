package connector_test

import (
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
)

// The example config's invoice e-mail reads well whether the invoice has a
// due date and an e-invoice link or not (NULL, or a Wolvox without the
// column): the line is there or left out, never a label with nothing.
func TestExampleInvoiceMailWithAndWithoutOptionalColumns(t *testing.T) {
	cfg, err := config.Load("../config.example.yaml", config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var job *poll.Job
	for _, j := range cfg.Jobs {
		if j.Name == "new-invoices" {
			if job, err = poll.Build(cfg, j); err != nil {
				t.Fatal(err)
			}
		}
	}
	if job == nil {
		t.Fatal("config.example.yaml has no new-invoices job")
	}
	mail := func(rec erp.Record) string {
		t.Helper()
		for _, r := range job.Mapper.Map(rec) {
			if r.Channel == "email" {
				if r.Skip != nil {
					t.Fatalf("e-mail skipped: %s", r.Skip)
				}
				return r.Text
			}
		}
		t.Fatal("no e-mail rendered")
		return ""
	}
	p, _ := erp.LookupPreset("new_invoices")
	rec := erp.Record{}
	for k, v := range p.Sample {
		rec[k] = v
	}
	rec["EFATURA_PDF_URL"] = "https://efatura.example.com/2024-117.pdf"
	with := mail(rec)
	for _, want := range []string{"tutarındadır.\nSon ödeme tarihi: 1 Şubat 2026.\ne-Fatura: https://efatura.example.com/2024-117.pdf\n\nİyi günler"} {
		if !strings.Contains(with, want) {
			t.Errorf("with due date and link:\n%s\nlacks %q", with, want)
		}
	}
	rec["VADESI"], rec["EFATURA_PDF_URL"] = nil, nil
	without := mail(rec)
	if !strings.Contains(without, "tutarındadır.\n\nİyi günler") || strings.Contains(without, "Son ödeme") || strings.Contains(without, "e-Fatura") {
		t.Errorf("without due date and link:\n%s", without)
	}
}
