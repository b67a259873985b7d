package mapping

import (
	"strings"
	"testing"
)

// Expected values follow 3GPP TS 23.038/23.040 as summarised in
// providers.md §6: GSM-7 160/153 septets, Turkish single shift 155/149,
// UCS-2 70/67; escape and surrogate pairs never split across segments.
func TestCountSMS(t *testing.T) {
	a := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		name     string
		text     string
		scheme   Scheme
		reserve  int
		enc      string
		units    int
		segments int
	}{
		{"empty", "", SchemeTurkish, 0, EncGSM7, 0, 0},
		{"gsm7 full single", a(160), SchemeTurkish, 0, EncGSM7, 160, 1},
		{"gsm7 one over", a(161), SchemeTurkish, 0, EncGSM7, 161, 2},
		{"gsm7 two parts full", a(306), SchemeGSM7, 0, EncGSM7, 306, 2},
		{"gsm7 three parts", a(307), SchemeGSM7, 0, EncGSM7, 307, 3},
		{"default-alphabet Turkish letters", "ÇÖÜöü Çok güzel", SchemeGSM7, 0, EncGSM7, 15, 1},
		{"extension costs two", a(159) + "€", SchemeGSM7, 0, EncGSM7, 161, 2},
		{"escape pair not split", a(152) + "€" + a(152), SchemeGSM7, 0, EncGSM7, 306, 3},
		{"turkish shift single full", "ş" + a(153), SchemeTurkish, 0, EncGSM7Turkish, 155, 1},
		{"turkish shift over", "ş" + a(154), SchemeTurkish, 0, EncGSM7Turkish, 156, 2},
		{"turkish two parts full", "ş" + a(296), SchemeTurkish, 0, EncGSM7Turkish, 298, 2},
		{"turkish three parts", "ş" + a(297), SchemeTurkish, 0, EncGSM7Turkish, 299, 3},
		{"all seven letters", "çğĞıİşŞ", SchemeTurkish, 0, EncGSM7Turkish, 14, 1},
		{"turkish under gsm7 is UCS-2", "ş" + a(69), SchemeGSM7, 0, EncUCS2, 70, 1},
		{"ucs2 over", "ş" + a(70), SchemeGSM7, 0, EncUCS2, 71, 2},
		{"ucs2 two parts full", "ş" + a(133), SchemeGSM7, 0, EncUCS2, 134, 2},
		{"ucs2 three parts", "ş" + a(134), SchemeGSM7, 0, EncUCS2, 135, 3},
		{"ucs2 scheme always", a(71), SchemeUCS2, 0, EncUCS2, 71, 2},
		{"emoji forces UCS-2", "Merhaba 🙂", SchemeTurkish, 0, EncUCS2, 10, 1},
		{"surrogates fill single", strings.Repeat("🙂", 35), SchemeTurkish, 0, EncUCS2, 70, 1},
		{"surrogate pair not split", strings.Repeat("🙂", 50), SchemeTurkish, 0, EncUCS2, 100, 2},
		{"surrogate pair straddles", strings.Repeat("🙂", 67), SchemeTurkish, 0, EncUCS2, 134, 3},
		{"operator reserve fits", a(155), SchemeTurkish, 5, EncGSM7, 160, 1},
		{"operator reserve tips over", a(156), SchemeTurkish, 5, EncGSM7, 161, 2},
		{"operator reserve turkish", "ş" + a(148), SchemeTurkish, 5, EncGSM7Turkish, 155, 1},
		{"lira sign forces UCS-2", "₺100", SchemeTurkish, 0, EncUCS2, 4, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := CountSMS(tt.text, tt.scheme, tt.reserve)
			if got.Encoding != tt.enc || got.Units != tt.units || got.Segments != tt.segments {
				t.Errorf("CountSMS = %s units %d segments %d; want %s units %d segments %d",
					got.Encoding, got.Units, got.Segments, tt.enc, tt.units, tt.segments)
			}
		})
	}
}

func TestParseScheme(t *testing.T) {
	for in, want := range map[string]Scheme{"": SchemeTurkish, "TR": SchemeTurkish, "turkish": SchemeTurkish,
		"gsm7": SchemeGSM7, "default": SchemeGSM7, "unicode": SchemeUCS2, "UCS2": SchemeUCS2} {
		if got, err := ParseScheme(in); err != nil || got != want {
			t.Errorf("ParseScheme(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseScheme("latin1"); err == nil {
		t.Error("ParseScheme(latin1) accepted")
	}
}

func TestTransliterate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sayın Ayşe Çağrı, İĞDIR ŞUBESİ", "Sayin Ayse Çagri, IGDIR SUBESI"},
		{"Öğüt ölçü", "Ögüt ölcü"},
		{"Hâlâ “iyi” – ₺100…", `Hala "iyi" - TL100...`},
	}
	for _, tt := range tests {
		got := Transliterate(tt.in)
		if got != tt.want {
			t.Errorf("Transliterate(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if enc := CountSMS(got, SchemeGSM7, 0).Encoding; enc != EncGSM7 {
			t.Errorf("Transliterate(%q) still needs %s", tt.in, enc)
		}
	}
}
