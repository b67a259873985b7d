package mapping

import (
	"strings"
	"testing"
)

// The common skips are explained in Turkish too, for the shop owner's status
// page; the English reason is unchanged.
func TestSkipsExplainedInTurkish(t *testing.T) {
	tx, _ := ParseText("t", "{{.TEXT}}", DefaultFormats())
	sms := ChannelSpec{Channel: "sms", RecipientFields: []string{"CEP_TEL", "TEL1"}, Text: tx, MaxSegments: 1}
	email := ChannelSpec{Channel: "email", RecipientFields: []string{"E_MAIL"}, Text: tx}
	long := strings.Repeat("Çok uzun bir mesaj. ", 10) // GSM-7 with the Turkish shift
	emoji := strings.Repeat("Teşekkürler 🙂 ", 6)       // UCS-2
	tests := []struct {
		name     string
		ch       ChannelSpec
		rec      Record
		reason   string // English, contained
		reasonTR string // Turkish, exact
	}{
		{"no recipient", sms, Record{"TEXT": "x"}, "no recipient: CEP_TEL, TEL1 empty", "alıcı yok: CEP_TEL, TEL1 boş"},
		{"landline", sms, Record{"CEP_TEL": "0212 123 45 67", "TEXT": "x"}, "is a landline",
			`kullanılabilir alıcı yok: CEP_TEL: telefon numarası "0212 1** ** 67" sabit hat; SMS ve WhatsApp için cep telefonu numarası gerekir`},
		{"every column named", sms, Record{"CEP_TEL": "xyz", "TEL1": "0532 123 45 6", "TEXT": "x"}, "no usable recipient",
			`kullanılabilir alıcı yok: CEP_TEL: "***" bir telefon numarası değil; TEL1: telefon numarası "0532 1** *5 6" geçersiz`},
		{"not a mobile", sms, Record{"CEP_TEL": "0850 123 45 67", "TEXT": "x"}, "not a mobile number (VoIP)",
			`kullanılabilir alıcı yok: CEP_TEL: telefon numarası "0850 1** ** 67" cep telefonu numarası değil`},
		{"bad e-mail", email, Record{"E_MAIL": "ayse@localhost", "TEXT": "x"}, "has no domain",
			`kullanılabilir alıcı yok: E_MAIL: e-posta adresi "a***@localhost" alan adı içermiyor`},
		{"empty message", sms, Record{"CEP_TEL": "0532 123 45 67", "TEXT": " "}, "the template rendered an empty message",
			"şablon boş bir mesaj üretti"},
		{"over max segments", sms, Record{"CEP_TEL": "0532 123 45 67", "TEXT": long}, "but max_segments is 1",
			"SMS 2 parça tutuyor ama max_segments 1; şablonu kısaltın veya truncate kullanın"},
		{"over max segments, not GSM-7", sms, Record{"CEP_TEL": "0532 123 45 67", "TEXT": emoji}, "or set transliterate: true",
			"SMS 2 parça tutuyor ama max_segments 1; şablonu kısaltın veya truncate kullanın, ya da transliterate: true ayarlayın"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := (&Mapper{Channels: []ChannelSpec{tt.ch}}).Map(tt.rec)[0]
			if !strings.Contains(r.Skip, tt.reason) || r.SkipTR != tt.reasonTR {
				t.Errorf("Map = skip %q / %q;\nwant %q… / %q", r.Skip, r.SkipTR, tt.reason, tt.reasonTR)
			}
		})
	}
}

// A template error is for IT staff and has no Turkish text.
func TestTemplateErrorHasNoTurkishReason(t *testing.T) {
	tp := mustText(t, "t", "{{.X.Boom}}")
	r := (&Mapper{Channels: []ChannelSpec{{Channel: "sms", RecipientFields: []string{"TEL"}, Text: tp}}}).Map(Record{"TEL": "05321234567", "X": boom{}})[0]
	if r.Skip == "" || r.SkipTR != "" {
		t.Errorf("Map = skip %q / %q; want an English reason only", r.Skip, r.SkipTR)
	}
}
