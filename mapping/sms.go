package mapping

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Scheme is what a provider can send: which 3GPP TS 23.038 tables it may use
// before falling back to UCS-2. It decides cost, so it is configured per
// provider (NetGSM encoding=TR and Mutlucell charset=turkish are believed to
// use the Turkish single shift table; see providers.md §6, still unconfirmed).
type Scheme string

const (
	// SchemeGSM7 uses the GSM-7 default alphabet and its extension table;
	// any other character makes the whole message UCS-2.
	SchemeGSM7 Scheme = "gsm7"
	// SchemeTurkish adds the Turkish national single shift table: ç ğ Ğ ı İ ş Ş
	// cost two septets each instead of forcing UCS-2.
	SchemeTurkish Scheme = "tr-single-shift"
	// SchemeUCS2 always sends UCS-2.
	SchemeUCS2 Scheme = "ucs2"
)

// ParseScheme accepts the scheme names used in the config.
func ParseScheme(s string) (Scheme, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "tr", "turkish", string(SchemeTurkish):
		return SchemeTurkish, nil
	case "gsm", "gsm7", "default":
		return SchemeGSM7, nil
	case "ucs2", "ucs-2", "unicode":
		return SchemeUCS2, nil
	}
	return "", fmt.Errorf("SMS encoding %q is not known: use gsm7, tr-single-shift or ucs2", s)
}

// Encodings a text ends up in.
const (
	EncGSM7         = "GSM-7"
	EncGSM7Turkish  = "GSM-7+TR"
	EncUCS2         = "UCS-2"
	septetsSingle   = 160
	septetsPart     = 153
	trSeptetsSingle = 155 // 4-octet UDH: UDHL + the 3-octet single shift IE
	trSeptetsPart   = 149 // 9-octet UDH: concat IE + single shift IE
	ucs2Single      = 70
	ucs2Part        = 67
)

// gsm7Basic is the GSM-7 default alphabet (one septet each); ESC (0x1B) is
// left out because it cannot be sent as a character.
const gsm7Basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
	"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

// gsm7Ext are the default extension table's characters (ESC + code: two septets).
const gsm7Ext = "\f^{}\\[~]|€"

// trShift is the Turkish national single shift table (ESC + code: two
// septets). It replaces the default extension table and contains all of it.
const trShift = "\f^{}\\[~]|€ĞİŞçğış"

var (
	basicSet   = runeSet(gsm7Basic)
	extSet     = runeSet(gsm7Ext)
	trShiftSet = runeSet(trShift)
)

func runeSet(s string) map[rune]bool {
	m := make(map[rune]bool, len(s))
	for _, r := range s {
		m[r] = true
	}
	return m
}

// SMSInfo is what a text costs as an SMS.
type SMSInfo struct {
	Encoding string // GSM-7, GSM-7+TR or UCS-2
	Chars    int    // characters as a person counts them
	// Units are septets (GSM-7) or UTF-16 code units (UCS-2), including the
	// operator-code reserve.
	Units      int
	Segments   int
	PerSegment int // capacity of one segment of this message
}

func (i SMSInfo) String() string {
	s := "s"
	if i.Segments == 1 {
		s = ""
	}
	return fmt.Sprintf("%s, %d chars, %d segment%s", i.Encoding, i.Chars, i.Segments, s)
}

// CountSMS says which encoding text needs under scheme and how many segments
// it takes. reserve is the operator code Turkish operators append to bulk SMS
// (e.g. " B038"), counted as that many characters at the end of the text.
func CountSMS(text string, scheme Scheme, reserve int) SMSInfo {
	enc := detect(text, scheme)
	info := SMSInfo{Encoding: enc, Chars: utf8.RuneCountInString(text)}
	if text == "" {
		return info
	}
	single, part := septetsSingle, septetsPart
	switch enc {
	case EncGSM7Turkish:
		single, part = trSeptetsSingle, trSeptetsPart
	case EncUCS2:
		single, part = ucs2Single, ucs2Part
	}
	// Pack character by character: a two-unit character (escape pair or
	// surrogate pair) is never split across two segments.
	parts, used, total := 1, 0, 0
	add := func(c int) {
		total += c
		if used+c > part {
			parts++
			used = 0
		}
		used += c
	}
	for _, r := range text {
		add(cost(r, enc))
	}
	for range max(reserve, 0) {
		add(1)
	}
	info.Units = total
	if total <= single {
		info.Segments, info.PerSegment = 1, single
		return info
	}
	info.Segments, info.PerSegment = parts, part
	return info
}

func detect(text string, scheme Scheme) string {
	if scheme == SchemeUCS2 {
		return EncUCS2
	}
	enc := EncGSM7
	for _, r := range text {
		switch {
		case basicSet[r] || extSet[r]:
		case scheme == SchemeTurkish && trShiftSet[r]:
			enc = EncGSM7Turkish
		default:
			return EncUCS2
		}
	}
	return enc
}

func cost(r rune, enc string) int {
	switch enc {
	case EncUCS2:
		if r > 0xFFFF {
			return 2 // a surrogate pair
		}
		return 1
	case EncGSM7Turkish:
		if trShiftSet[r] {
			return 2
		}
		return 1
	}
	if extSet[r] {
		return 2
	}
	return 1
}

// translit replaces letters and punctuation that would force UCS-2 or the
// Turkish table with their plain GSM-7 look-alikes. Ç, Ö, Ü, ö, ü are in the
// default alphabet and stay.
var translit = strings.NewReplacer(
	"ç", "c", "ğ", "g", "Ğ", "G", "ı", "i", "İ", "I", "ş", "s", "Ş", "S",
	"â", "a", "Â", "A", "î", "i", "Î", "I", "û", "u", "Û", "U",
	"₺", "TL", "“", `"`, "”", `"`, "„", `"`, "‘", "'", "’", "'",
	"–", "-", "—", "-", "…", "...", "\u00a0", " ", "\t", " ",
)

// Transliterate writes Turkish text with GSM-7 letters only ("Sayın Ayşe" →
// "Sayin Ayse"), so an SMS costs one 160-character segment instead of 70.
func Transliterate(s string) string { return translit.Replace(s) }
