package catalog

import (
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Skips read in both languages, with every rejected column named.
func TestMappingSkipsInBothLanguages(t *testing.T) {
	tx, _ := mapping.ParseText("t", "{{.TEXT}}", mapping.DefaultFormats())
	sms := mapping.ChannelSpec{Channel: "sms", RecipientFields: []string{"CEP_TEL", "TEL1"}, Text: tx, MaxSegments: 1}
	email := mapping.ChannelSpec{Channel: "email", RecipientFields: []string{"E_MAIL"}, Text: tx}
	long := strings.Repeat("Çok uzun bir mesaj. ", 10) // GSM-7 with the Turkish shift
	emoji := strings.Repeat("Teşekkürler 🙂 ", 6)       // UCS-2
	tests := []struct {
		name   string
		ch     mapping.ChannelSpec
		rec    mapping.Record
		en, tr string
	}{
		{"no recipient", sms, mapping.Record{"TEXT": "x"}, "no recipient: CEP_TEL, TEL1 empty", "alıcı yok: CEP_TEL, TEL1 boş"},
		{"landline", sms, mapping.Record{"CEP_TEL": "0212 123 45 67", "TEXT": "x"},
			`no usable recipient: CEP_TEL: phone number "0212 1** ** 67" is a landline; SMS and WhatsApp need a mobile number`,
			`kullanılabilir alıcı yok: CEP_TEL: telefon numarası "0212 1** ** 67" sabit hat; SMS ve WhatsApp için cep telefonu numarası gerekir`},
		{"every column named", sms, mapping.Record{"CEP_TEL": "xyz", "TEL1": "0532 123 45 6", "TEXT": "x"},
			`no usable recipient: CEP_TEL: phone number "***" is not a phone number; TEL1: phone number "0532 1** *5 6" is not a valid number`,
			`kullanılabilir alıcı yok: CEP_TEL: "***" bir telefon numarası değil; TEL1: telefon numarası "0532 1** *5 6" geçersiz`},
		{"not a mobile", sms, mapping.Record{"CEP_TEL": "0850 123 45 67", "TEXT": "x"},
			`no usable recipient: CEP_TEL: phone number "0850 1** ** 67" is not a mobile number (VoIP)`,
			`kullanılabilir alıcı yok: CEP_TEL: telefon numarası "0850 1** ** 67" cep telefonu numarası değil (internet telefonu)`},
		{"bad e-mail", email, mapping.Record{"E_MAIL": "ayse@localhost", "TEXT": "x"},
			`no usable recipient: E_MAIL: e-mail address "a***@localhost" has no domain`,
			`kullanılabilir alıcı yok: E_MAIL: e-posta adresi "a***@localhost" alan adı içermiyor`},
		{"empty message", sms, mapping.Record{"CEP_TEL": "0532 123 45 67", "TEXT": " "}, "the template rendered an empty message",
			"şablon boş bir mesaj üretti"},
		{"over max segments", sms, mapping.Record{"CEP_TEL": "0532 123 45 67", "TEXT": long},
			"the SMS needs 2 segments (GSM-7, 199 chars, 2 segments) but max_segments is 1; shorten the template or use truncate",
			"SMS 2 parça tutuyor (GSM-7, 199 chars, 2 segments) ama max_segments 1; şablonu kısaltın veya truncate kullanın"},
		{"over max segments, not GSM-7", sms, mapping.Record{"CEP_TEL": "0532 123 45 67", "TEXT": emoji},
			"or set transliterate: true", "ya da transliterate: true ayarlayın"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := (&mapping.Mapper{Channels: []mapping.ChannelSpec{tt.ch}}).Map(tt.rec)[0]
			if r.Skip == nil {
				t.Fatalf("not skipped: %+v", r)
			}
			en, tr := EN.Reason(*r.Skip), TR.Reason(*r.Skip)
			if !strings.Contains(en, tt.en) || !strings.Contains(tr, tt.tr) {
				t.Errorf("skip = %q / %q;\nwant %q / %q", en, tr, tt.en, tt.tr)
			}
		})
	}
}

// A row without an optional column's value (an invoice without a due date)
// is skipped with the column and the fix named, Turkish first, not with the
// template engine's English words.
func TestNullSkipReadsInBothLanguages(t *testing.T) {
	tx, _ := mapping.ParseText("jobs.inv.sms.text", "Son ödeme: {{longdate .VADESI}}", mapping.DefaultFormats())
	sms := mapping.ChannelSpec{Channel: "sms", RecipientFields: []string{"CEP_TEL"}, Text: tx}
	r := (&mapping.Mapper{Channels: []mapping.ChannelSpec{sms}}).Map(mapping.Record{"CEP_TEL": "0532 123 45 67", "VADESI": nil})[0]
	if r.Skip == nil {
		t.Fatal("not skipped")
	}
	const (
		tr = "şablon çalışmadı: jobs.inv.sms.text şablonunun 1. satırı, 14. karakteri: bu satırda VADESI boş (NULL) ve longdate boş değeri yazamaz; {{with .VADESI}}…{{end}} ile sarın ya da default ile bir değer verin"
		en = "template failed: jobs.inv.sms.text line 1 char 14: VADESI is empty (NULL) in this row and longdate cannot write an empty value; wrap it with {{with .VADESI}}…{{end}} or give it a value with default"
	)
	if got := TR.Reason(*r.Skip); got != tr {
		t.Errorf("tr = %q\nwant %q", got, tr)
	}
	if got := EN.Reason(*r.Skip); got != en {
		t.Errorf("en = %q\nwant %q", got, en)
	}
}

// A template error keeps the engine's own words after the text.
func TestTemplateErrorKeepsItsDetail(t *testing.T) {
	r := mapping.R(mapping.ReasonTemplateFailed).WithDetail(`template t: line 1 col 5: the record has no column "ADI_SOYAD"`)
	if got := TR.Reason(r); got != `şablon çalışmadı: template t: line 1 col 5: the record has no column "ADI_SOYAD"` {
		t.Errorf("tr = %q", got)
	}
	legacy := mapping.Reason{Detail: "old english", Args: map[string]string{"tr": "eski türkçe"}}
	if TR.Reason(legacy) != "eski türkçe" || EN.Reason(legacy) != "old english" {
		t.Errorf("a reason stored before codes reads %q / %q", TR.Reason(legacy), EN.Reason(legacy))
	}
}
