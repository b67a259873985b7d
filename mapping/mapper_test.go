package mapping

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

func mustText(t *testing.T, name, src string) *Template {
	t.Helper()
	tp, err := ParseText(name, src, DefaultFormats())
	if err != nil {
		t.Fatal(err)
	}
	return tp
}

func invoiceMapper(t *testing.T, sms ChannelSpec) *Mapper {
	t.Helper()
	f := DefaultFormats()
	wa, err := ParseWhatsApp("jobs.inv.whatsapp", WhatsAppSource{
		Template: "fatura_bildirimi",
		Header:   []WhatsAppParam{{Value: "{{.FATURA_NO}}"}},
		Body: []WhatsAppParam{
			{Value: `{{title (default "Değerli müşterimiz" .MUSTERI_ADI)}}`},
			{Type: "currency", Amount: "{{.TOPLAM}}"},
			{Type: "date_time", Value: "{{longdate .VADESI}}"},
		},
		Buttons: []WhatsAppButton{{SubType: "url", Index: 0, Value: "{{.FATURA_NO}}"}},
	}, f)
	if err != nil {
		t.Fatal(err)
	}
	html, err := ParseHTML("jobs.inv.email.html", `<p>Sayın {{.MUSTERI_ADI}},</p><p>{{.FATURA_NO}} numaralı faturanız: <b>{{money .TOPLAM}}</b></p>`, f)
	if err != nil {
		t.Fatal(err)
	}
	sms.Channel, sms.RecipientFields = "sms", []string{"FATURA_CEP_TEL", "CEP_TEL", "TEL1"}
	if sms.Text == nil {
		sms.Text = mustText(t, "jobs.inv.sms.text", `Sayın {{title (default "müşterimiz" .MUSTERI_ADI)}}, {{.FATURA_NO}} numaralı {{money .TOPLAM}} tutarındaki faturanız {{date .TARIHI}} tarihinde düzenlenmiştir. Son ödeme: {{longdate .VADESI}}.`)
	}
	return &Mapper{Channels: []ChannelSpec{
		sms,
		{Channel: "whatsapp", RecipientFields: []string{"CEP_TEL"}, WhatsApp: wa},
		{Channel: "email", RecipientFields: []string{"E_MAIL"},
			Subject: mustText(t, "jobs.inv.email.subject", "Faturanız {{.FATURA_NO}}"),
			Text:    mustText(t, "jobs.inv.email.text", "Sayın {{.MUSTERI_ADI}}, faturanız {{money .TOPLAM}}."), HTML: html},
	}}
}

func invoice(over Record) Record {
	ts := time.Date(2026, 1, 2, 10, 30, 0, 0, time.FixedZone("+03", 3*3600))
	r := Record{
		"BLKODU": int64(4711), "FATURA_NO": "2024-117", "TARIHI": ts, "VADESI": ts.AddDate(0, 1, 0),
		"TOPLAM": decimal.RequireFromString("1200000.50"), "MUSTERI_ADI": "AYŞE YILMAZ",
		"FATURA_CEP_TEL": nil, "CEP_TEL": "0532 123 45 67", "TEL1": "0212 123 45 67", "E_MAIL": " Ayse@Example.COM ",
	}
	for k, v := range over {
		r[k] = v
	}
	return r
}

// Golden files hold every channel's rendered message for realistic rows;
// `go test ./mapping -run TestGolden -update` rewrites them after a deliberate change.
func TestGolden(t *testing.T) {
	long := strings.Repeat("Kampanyamızdan yararlanmak için şubemize uğrayın. ", 8)
	tests := []struct {
		name string
		sms  ChannelSpec
		rec  Record
	}{
		{"invoice", ChannelSpec{}, invoice(nil)},
		{"invoice-transliterated", ChannelSpec{Transliterate: true, OperatorReserve: 5}, invoice(nil)},
		{"invoice-ucs2-provider", ChannelSpec{Scheme: SchemeUCS2, MaxSegments: 2}, invoice(nil)},
		{"null-name-and-invoice-phone", ChannelSpec{}, invoice(Record{"MUSTERI_ADI": nil, "FATURA_CEP_TEL": "+90 (505) 765-4321"})},
		{"landline-only-and-bad-email", ChannelSpec{}, invoice(Record{"CEP_TEL": nil, "E_MAIL": "ayse@"})},
		{"html-in-name", ChannelSpec{}, invoice(Record{"MUSTERI_ADI": `<b>Işık</b> & Oğul "Ltd"`})},
		{"missing-column", ChannelSpec{Text: mustText(t, "jobs.inv.sms.text", "Sayın {{.ADI_SOYAD}}")}, invoice(nil)},
		// A cash sale: no due date, and {{longdate .VADESI}} without {{with}}.
		{"null-due-date", ChannelSpec{}, invoice(Record{"VADESI": nil})},
		{"too-many-segments", ChannelSpec{MaxSegments: 2, Text: mustText(t, "jobs.inv.sms.text", long)}, invoice(nil)},
		// A provider that sends UCS-2 only: transliteration cannot help, and
		// the reason must not suggest it.
		{"too-many-segments-ucs2-provider", ChannelSpec{Scheme: SchemeUCS2, MaxSegments: 2, Text: mustText(t, "jobs.inv.sms.text", long)}, invoice(nil)},
		{"fractional-amount", ChannelSpec{}, invoice(Record{"TOPLAM": decimal.RequireFromString("99.999")})},
		{"amount-too-precise", ChannelSpec{}, invoice(Record{"TOPLAM": decimal.RequireFromString("1.0005")})},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := formatRendered(invoiceMapper(t, tt.sms).Map(tt.rec))
			path := filepath.Join("testdata", "golden", tt.name+".golden")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("rendered messages differ from %s (run with -update if the change is deliberate):\n--- got\n%s--- want\n%s", path, got, want)
			}
		})
	}
}

func formatRendered(rs []Rendered) string {
	var b strings.Builder
	for _, r := range rs {
		fmt.Fprintf(&b, "[%s]\n", r.Channel)
		if r.Skip != nil {
			// The reason as mapping gives it; its texts are tested in
			// connector/catalog.
			fmt.Fprintf(&b, "skip: %s\n\n", r.Skip)
			continue
		}
		fmt.Fprintf(&b, "to: %s\n", r.To)
		if r.SMS != nil {
			fmt.Fprintf(&b, "sms: %s, %d units, %d per segment\n", r.SMS, r.SMS.Units, r.SMS.PerSegment)
		}
		if r.Subject != "" {
			fmt.Fprintf(&b, "subject: %s\n", r.Subject)
		}
		fmt.Fprintf(&b, "text: %s\n", r.Text)
		if r.HTML != "" {
			fmt.Fprintf(&b, "html: %s\n", r.HTML)
		}
		if r.Payload != nil {
			fmt.Fprintf(&b, "payload: %s\n", r.Payload)
		}
		b.WriteString("\n")
	}
	return b.String()
}

// A panicking helper or library skips the record instead of stopping the run.
func TestMapRecoversFromPanic(t *testing.T) {
	tp := mustText(t, "t", "{{.X.Boom}}")
	m := &Mapper{Channels: []ChannelSpec{{Channel: "sms", RecipientFields: []string{"TEL"}, Text: tp}}}
	r := m.Map(Record{"TEL": "05321234567", "X": boom{}})[0]
	if r.Skip == nil || (r.Skip.Code != ReasonRenderPanic && r.Skip.Code != ReasonTemplateFailed) {
		t.Fatalf("want a skip, got %+v", r)
	}
}

type boom struct{}

func (boom) Boom() string { panic("kaboom") }

// transliterate: true never makes an SMS cost more: a text that stays UCS-2
// (a character no GSM table has) keeps its ₺ rather than pay for "TL".
func TestTransliterateNeverCostsMore(t *testing.T) {
	for _, tc := range []struct {
		name, text, want string
	}{
		{"reaches GSM-7", "Ödemeniz için teşekkürler: 1.250,00 ₺", "Ödemeniz icin tesekkürler: 1.250,00 TL"},
		{"stays UCS-2", "₺" + strings.Repeat("0", 68) + "★", "₺" + strings.Repeat("0", 68) + "★"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ch := ChannelSpec{Transliterate: true}
			r := Rendered{Message: Message{Text: tc.text}}
			if err := ch.fitSMS(&r); err != nil || r.Text != tc.want {
				t.Errorf("fitSMS(%q) = %q, %v; want %q", tc.text, r.Text, err, tc.want)
			}
		})
	}
}
