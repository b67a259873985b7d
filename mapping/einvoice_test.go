package mapping

import (
	"os"
	"path/filepath"
	"testing"
)

// The e-invoice link (Wolvox's EFATURA_PDF_URL) goes out as a WhatsApp
// template's document header, with the file name the customer sees, and as
// the suffix of a URL button whose base address the approved template holds.
// An invoice without a link cannot fill either: WhatsApp is skipped with the
// reason, so a job's fallback channel (SMS without the link line) takes over.
func TestGoldenEInvoiceLink(t *testing.T) {
	f := DefaultFormats()
	wa, err := ParseWhatsApp("jobs.inv.whatsapp", WhatsAppSource{
		Template: "efatura_hazir",
		Header:   []WhatsAppParam{{Type: "document", Value: "{{.EFATURA_PDF_URL}}", Filename: "Fatura {{.FATURA_NO}}.pdf"}},
		Body:     []WhatsAppParam{{Value: "{{.MUSTERI_ADI}}"}, {Value: "{{.FATURA_NO}}"}},
		Buttons:  []WhatsAppButton{{SubType: "url", Index: 0, Value: `{{trimprefix "https://efatura.example.com/pdf/" .EFATURA_PDF_URL}}`}},
	}, f)
	if err != nil {
		t.Fatal(err)
	}
	m := &Mapper{Channels: []ChannelSpec{
		{Channel: "sms", RecipientFields: []string{"CEP_TEL"},
			Text: mustText(t, "jobs.inv.sms.text", `Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}} numaralı faturanız düzenlenmiştir.{{with .EFATURA_PDF_URL}} e-Fatura: {{.}}{{end}}`)},
		{Channel: "whatsapp", RecipientFields: []string{"CEP_TEL"}, WhatsApp: wa},
		{Channel: "email", RecipientFields: []string{"E_MAIL"}, Subject: mustText(t, "s", "Faturanız hazır: {{.FATURA_NO}}"),
			Text: mustText(t, "t", "Sayın {{.MUSTERI_ADI}},\n\n{{.FATURA_NO}} numaralı faturanız hazırdır.{{with .EFATURA_PDF_URL}}\ne-Fatura: {{.}}{{end}}")},
	}}
	for name, rec := range map[string]Record{
		"einvoice-link":    invoice(Record{"EFATURA_PDF_URL": "https://efatura.example.com/pdf/3f2a9c1e-2024-117"}),
		"einvoice-no-link": invoice(Record{"EFATURA_PDF_URL": nil}),
	} {
		t.Run(name, func(t *testing.T) {
			got := formatRendered(m.Map(rec))
			path := filepath.Join("testdata", "golden", name+".golden")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("differs from %s:\n--- got\n%s--- want\n%s", path, got, want)
			}
		})
	}
	if _, err := ParseWhatsApp("w", WhatsAppSource{Template: "x", Body: []WhatsAppParam{{Value: "a", Filename: "b.pdf"}}}, f); err == nil {
		t.Error("a filename on a text parameter was accepted")
	}
}
