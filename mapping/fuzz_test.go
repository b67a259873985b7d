package mapping

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

// go test ./mapping -run=^$ -fuzz=FuzzNormalizeMobile -fuzztime=10s
func FuzzNormalizeMobile(f *testing.F) {
	for _, s := range []string{"0532 123 45 67", "+90 (532) 123-4567", "5321234567", "0090 532 123 45 67",
		"905321234567", "0212 123 45 67", "+49 1512 3456789", "abc", "", "0532-123-45-67 (cep)", "+", "00", "٠٥٣٢١٢٣٤٥٦٧",
		"+90 532 123 45 67 ext 5", "0850 123 45 67", "\x00\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := NormalizeMobile(raw, "TR")
		if err != nil {
			if !IsSkip(err) {
				t.Fatalf("NormalizeMobile(%q) returned a non-skip error %v", raw, err)
			}
			return
		}
		if !e164.MatchString(got) {
			t.Fatalf("NormalizeMobile(%q) = %q, not E.164", raw, got)
		}
		again, err := NormalizeMobile(got, "TR")
		if err != nil || again != got {
			t.Fatalf("NormalizeMobile(%q) = %q, but normalizing that gives %q, %v", raw, got, again, err)
		}
	})
}

// go test ./mapping -run=^$ -fuzz=FuzzCountSMS -fuzztime=10s
func FuzzCountSMS(f *testing.F) {
	for _, s := range []string{"", "Merhaba", "Sayın Ayşe Yılmaz", strings.Repeat("€", 100), strings.Repeat("🙂", 40),
		strings.Repeat("a", 161), "çğĞıİşŞ{}[]~|^\\\f", "ÇÖÜöü", "₺1.250,00"} {
		f.Add(s, 0, uint8(0))
		f.Add(s, 5, uint8(1))
		f.Add(s, 4, uint8(2))
	}
	schemes := []Scheme{SchemeTurkish, SchemeGSM7, SchemeUCS2}
	f.Fuzz(func(t *testing.T, text string, reserve int, sc uint8) {
		if !utf8.ValidString(text) || reserve < 0 || reserve > 20 {
			return
		}
		scheme := schemes[int(sc)%len(schemes)]
		info := CountSMS(text, scheme, reserve)
		if text == "" {
			if info.Segments != 0 {
				t.Fatalf("empty text counts %d segments", info.Segments)
			}
			return
		}
		if info.Segments < 1 || info.Units < utf8.RuneCountInString(text)+reserve {
			t.Fatalf("CountSMS(%q) = %+v", text, info)
		}
		// Every part holds at least per-1 units (a pair may move whole), so
		// the count is bounded both ways.
		if info.Segments > 1 && (info.Units > info.Segments*info.PerSegment || info.Units <= (info.Segments-1)*(info.PerSegment-1)-info.Segments) {
			t.Fatalf("CountSMS(%q) = %+v: segments do not match units", text, info)
		}
		if info.Segments == 1 && info.Units > info.PerSegment {
			t.Fatalf("CountSMS(%q) = %+v: one segment over capacity", text, info)
		}
		if scheme == SchemeGSM7 && info.Encoding == EncGSM7Turkish {
			t.Fatalf("gsm7 scheme used the Turkish table for %q", text)
		}
		// Transliteration is for reaching GSM-7: a text it brings there
		// costs no more. One that stays UCS-2 (a character no GSM table
		// has, a UCS-2-only provider) may cost a character more (₺ is
		// "TL"); fitSMS then keeps the text as it was.
		if tr := CountSMS(Transliterate(text), scheme, reserve); tr.Encoding != EncUCS2 && tr.Segments > info.Segments && info.Encoding != EncGSM7 {
			t.Fatalf("transliterating %q made it cost more", text)
		}
		plain, translit := Rendered{Message: Message{Text: text}}, Rendered{Message: Message{Text: text}}
		(&ChannelSpec{Scheme: scheme, OperatorReserve: reserve}).fitSMS(&plain)
		(&ChannelSpec{Scheme: scheme, OperatorReserve: reserve, Transliterate: true}).fitSMS(&translit)
		if plain.SMS != nil && translit.SMS != nil && translit.SMS.Segments > plain.SMS.Segments {
			t.Fatalf("transliterate: true made %q cost more: %+v, not %+v", text, translit.SMS, plain.SMS)
		}
	})
}

// go test ./mapping -run=^$ -fuzz=FuzzParseText -fuzztime=10s
func FuzzParseText(f *testing.F) {
	for _, s := range []string{"Merhaba {{foo .X}}", "a\nb {{.X}", "{{if .X}}", "x {{end}}", "{{money .X .Y) }}", `{{"abc}}`, "{{/* c }}", "Sayın {{.ADI}}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		tp, err := ParseText("fuzz", src, DefaultFormats())
		if err != nil {
			var te *TemplateError
			if !errors.As(err, &te) || te.Line < 0 || te.Col < 0 {
				t.Fatalf("ParseText(%q): %v", src, err)
			}
			return
		}
		_, _ = tp.Execute(Record{"ADI": "Ayşe", "X": nil})
	})
}
