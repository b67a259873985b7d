package config

import (
	"maps"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// A column a record lacks is said where the dealer typed it, whatever the
// YAML form of the text, and with the columns the record has.
func TestRecordProblemIsPlacedInTheFile(t *testing.T) {
	const file = `sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms: {provider: console}
  whatsapp: {provider: console}
jobs:
  - name: plain
    preset: new_invoices
    schedule: "@every 5m"
    messages:
      sms: {text: "Sayın {{.MUSTERI_ADX}}, faturanız hazır."}
  - name: folded
    preset: new_invoices
    schedule: "@every 5m"
    messages:
      sms:
        text: >-
          Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}} numaralı faturanız
          {{date .TARİHİ}} tarihinde düzenlenmiştir.
  - name: literal
    preset: new_invoices
    schedule: "@every 5m"
    messages:
      sms:
        text: |
          Sayın {{.MUSTERI_ADI}},
          {{.FATURA_NUMARASI}} hazır.
  - name: steps
    preset: invoice_reminders
    schedule: "0 10 * * *"
    sequence:
      - offset: 0d
      - offset: 7d
        messages:
          sms: {text: "Ödenmedi: {{.FATURA_NOO}}"}
    messages:
      sms: {text: "Hatırlatma: {{.VADE}}"}
`
	cfg, err := Parse("/shop/config.yaml", []byte(file), Options{})
	if err != nil {
		t.Fatal(err)
	}
	record := mapping.Record{"MUSTERI_ADI": "Ayşe", "FATURA_NO": "2024-117", "TARIHI": "2026-01-02", "VADESI": "2026-02-01"}
	columns := []string{"VADESI", "TARIHI", "MUSTERI_ADI", "FATURA_NO"}
	for _, c := range []struct {
		name, src string
		want      string
	}{
		{"plain.sms.text", "Sayın {{.MUSTERI_ADX}}, faturanız hazır.",
			`/shop/config.yaml:10:28: jobs[0].messages.sms.text: şablondaki "MUSTERI_ADX" sütunu kayıtta yok; bunu mu demek istediniz: "MUSTERI_ADI"? (ipucu: kayıttaki sütunlar: FATURA_NO, MUSTERI_ADI, TARIHI, VADESI)`},
		// The template sees the folded lines joined; the file has it on the second.
		{"folded.sms.text", "Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}} numaralı faturanız {{date .TARİHİ}} tarihinde düzenlenmiştir.",
			`/shop/config.yaml:18:18: jobs[1].messages.sms.text: şablondaki "TARİHİ" sütunu kayıtta yok; bunu mu demek istediniz: "TARIHI"? (ipucu: kayıttaki sütunlar: FATURA_NO, MUSTERI_ADI, TARIHI, VADESI)`},
		{"literal.sms.text", "Sayın {{.MUSTERI_ADI}},\n{{.FATURA_NUMARASI}} hazır.\n",
			`/shop/config.yaml:26:13: jobs[2].messages.sms.text: şablondaki "FATURA_NUMARASI" sütunu kayıtta yok (ipucu: kayıttaki sütunlar: FATURA_NO, MUSTERI_ADI, TARIHI, VADESI)`},
		// A step with its own text, and one that uses the job's.
		{"steps.sequence[1].sms.text", "Ödenmedi: {{.FATURA_NOO}}",
			`/shop/config.yaml:34:36: jobs[3].sequence[1].messages.sms.text: şablondaki "FATURA_NOO" sütunu kayıtta yok; bunu mu demek istediniz: "FATURA_NO"? (ipucu: kayıttaki sütunlar: FATURA_NO, MUSTERI_ADI, TARIHI, VADESI)`},
		{"steps.sequence[0].sms.text", "Hatırlatma: {{.VADE}}",
			`/shop/config.yaml:36:34: jobs[3].messages.sms.text: şablondaki "VADE" sütunu kayıtta yok (ipucu: kayıttaki sütunlar: FATURA_NO, MUSTERI_ADI, TARIHI, VADESI)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tmpl, err := mapping.ParseText(c.name, c.src, mapping.Formats{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = tmpl.Execute(record)
			if err == nil {
				t.Fatal("the template rendered without the column")
			}
			e, ok := cfg.RecordProblem(err, columns)
			if !ok {
				t.Fatalf("not placed: %v", err)
			}
			if got := e.In(catalog.TR); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
	// A template the file does not write (the preset's default) is not placed.
	tmpl, _ := mapping.ParseText("nojob.sms.text", "{{.X}}", mapping.Formats{})
	if _, err := tmpl.Execute(record); err == nil {
		t.Fatal("rendered")
	} else if _, ok := cfg.RecordProblem(err, columns); ok {
		t.Error("a template of no job was placed in the file")
	}
}

// A template that fails on a row with an optional column NULL is said at
// its bare reference to the column (not the guarded one), with the fix;
// one whose action reads no one column is said where the error is, naming
// the columns that were NULL.
func TestNullProblemIsPlacedInTheFile(t *testing.T) {
	const file = `sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms: {provider: console}
jobs:
  - name: literal
    preset: new_invoices
    schedule: "@every 5m"
    messages:
      sms:
        text: |
          Sayın {{.MUSTERI_ADI}},{{with .VADESI}} vadeli{{end}}
          son ödeme {{longdate .VADESI}}.
  - name: either
    preset: new_invoices
    schedule: "@every 5m"
    messages:
      sms: {text: "Tarih: {{date (or .VADESI .EFATURA_PDF_URL)}}"}
`
	cfg, err := Parse("/shop/config.yaml", []byte(file), Options{})
	if err != nil {
		t.Fatal(err)
	}
	record := mapping.Record{"MUSTERI_ADI": "Ayşe", "VADESI": nil, "EFATURA_PDF_URL": nil}
	for _, c := range []struct {
		name, src string
		nulled    []string
		want      string
	}{
		{"literal.sms.text", "Sayın {{.MUSTERI_ADI}},{{with .VADESI}} vadeli{{end}}\nson ödeme {{longdate .VADESI}}.\n", []string{"VADESI"},
			`/shop/config.yaml:12:32: jobs[0].messages.sms.text: VADESI sütunu boş (NULL) olan satırlarda longdate çalışmaz: run bu satırları göndermeden atlar (ipucu: {{with .VADESI}}…{{end}} ile sarın ya da default ile bir değer verin: hazır sorgunun isteğe bağlı sütunları kimi satırlarda boştur)`},
		{"either.sms.text", "Tarih: {{date (or .VADESI .EFATURA_PDF_URL)}}", []string{"EFATURA_PDF_URL", "VADESI"},
			`/shop/config.yaml:17:29: jobs[1].messages.sms.text: isteğe bağlı sütunlar (EFATURA_PDF_URL, VADESI) boş (NULL) olan satırlarda date çalışmaz: run bu satırları göndermeden atlar (ipucu: {{with …}}…{{end}} ile sarın ya da default ile bir değer verin: hazır sorgunun isteğe bağlı sütunları kimi satırlarda boştur)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tmpl, err := mapping.ParseText(c.name, c.src, mapping.Formats{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = tmpl.Execute(record)
			if err == nil {
				t.Fatal("the template rendered with the column NULL")
			}
			e, ok := cfg.NullProblem(err, c.nulled)
			if !ok {
				t.Fatalf("not placed: %v", err)
			}
			if got := e.In(catalog.TR); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// A helper given a value of another kind (money given a text column that
// holds "12,5 TL") is said as a NULL is: at the template's reference to the
// column, naming the helper and the value's kind, never the value, with
// the fix, in Turkish and in English.
func TestKindProblemIsPlacedInTheFile(t *testing.T) {
	const file = `sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms: {provider: console}
jobs:
  - name: own
    sql: "SELECT BLKODU, CEP_TEL, TUTAR_TXT, VADE_TXT FROM X"
    key: BLKODU
    schedule: "@every 5m"
    messages:
      sms:
        to: [CEP_TEL]
        text: |
          Tutar: {{money .TUTAR_TXT}}
          Vade: {{date .VADE_TXT}}
  - name: either
    sql: "SELECT BLKODU, CEP_TEL, A, B FROM X"
    key: BLKODU
    schedule: "@every 5m"
    messages:
      sms: {to: [CEP_TEL], text: "{{number (or .A .B)}}"}
`
	cfg, err := Parse("/shop/config.yaml", []byte(file), Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, src string
		record    mapping.Record
		tr, en    string
	}{
		{"own.sms.text", "Tutar: {{money .TUTAR_TXT}}\nVade: {{date .VADE_TXT}}\n", mapping.Record{"TUTAR_TXT": "12,5 TL"},
			`/shop/config.yaml:13:26: jobs[0].messages.sms.text: TUTAR_TXT sütunu sayı değil, metin: money onu yazamaz ve run bu satırları göndermeden atlar (ipucu: sql'de sayı tutan sütunu seçin ya da CAST ile sayıya çevirin (ör. CAST(TUTAR AS NUMERIC(18,2))), veya sayı tutan başka bir alan kullanın)`,
			`/shop/config.yaml:13:26: jobs[0].messages.sms.text: TUTAR_TXT is text, not a number: money cannot write it, and run would skip those rows, not send them (hint: select a numeric column in the sql or CAST it to a number (e.g. CAST(TUTAR AS NUMERIC(18,2))), or use another field that holds a number)`},
		{"own.sms.text", "Tutar: {{money .TUTAR_TXT}}\nVade: {{date .VADE_TXT}}\n",
			mapping.Record{"TUTAR_TXT": int64(5), "VADE_TXT": decimal.RequireFromString("3")},
			`/shop/config.yaml:14:24: jobs[0].messages.sms.text: VADE_TXT sütunu tarih değil, sayı: date onu yazamaz ve run bu satırları göndermeden atlar (ipucu: sql'de tarih tutan sütunu seçin ya da CAST ile tarihe çevirin (ör. CAST(TARIH AS DATE)), veya tarih tutan başka bir alan kullanın)`,
			`/shop/config.yaml:14:24: jobs[0].messages.sms.text: VADE_TXT is a number, not a date: date cannot write it, and run would skip those rows, not send them (hint: select a date column in the sql or CAST it to a date (e.g. CAST(TARIH AS DATE)), or use another field that holds a date)`},
		{"either.sms.text", "{{number (or .A .B)}}", mapping.Record{"A": "abc", "B": nil},
			`/shop/config.yaml:20:37: jobs[1].messages.sms.text: number sayı olmayan bir değer alıyor (metin): run bu satırları göndermeden atlar (ipucu: sql'de sayı tutan sütunu seçin ya da CAST ile sayıya çevirin (ör. CAST(TUTAR AS NUMERIC(18,2))), veya sayı tutan başka bir alan kullanın)`,
			`/shop/config.yaml:20:37: jobs[1].messages.sms.text: number gets a value that is not a number (text): run would skip those rows, not send them (hint: select a numeric column in the sql or CAST it to a number (e.g. CAST(TUTAR AS NUMERIC(18,2))), or use another field that holds a number)`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tmpl, err := mapping.ParseText(c.name, c.src, mapping.Formats{})
			if err != nil {
				t.Fatal(err)
			}
			_, err = tmpl.Execute(c.record)
			if err == nil {
				t.Fatal("the template rendered a value of another kind")
			}
			columns := slices.Collect(maps.Keys(c.record))
			for _, place := range []func() (*Error, bool){
				func() (*Error, bool) { return cfg.RecordProblem(err, columns) },
				func() (*Error, bool) { return cfg.NullProblem(err, columns) },
			} {
				e, ok := place()
				if !ok {
					t.Fatalf("not placed: %v", err)
				}
				if got := e.In(catalog.TR); got != c.tr {
					t.Errorf("got  %s\nwant %s", got, c.tr)
				}
				if got := e.In(catalog.EN); got != c.en {
					t.Errorf("got  %s\nwant %s", got, c.en)
				}
			}
		})
	}
}
