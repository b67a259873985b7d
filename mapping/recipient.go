package mapping

import (
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is where numbers written without a country code are assumed to be.
const DefaultRegion = "TR"

// SkipError says why a record produced no message on a channel. It is not a
// failure of the run: the reason is stored in the outbox and counted.
type SkipError struct {
	Reason   string // English, for logs and IT staff
	ReasonTR string // Turkish, for the shop owner's status page; empty when not translated
}

func (e *SkipError) Error() string { return e.Reason }

// skipf is a skip explained in English only.
func skipf(format string, args ...any) error {
	return &SkipError{Reason: fmt.Sprintf(format, args...)}
}

// skip is a skip explained in English and in Turkish.
func skip(en, tr string) error { return &SkipError{Reason: en, ReasonTR: tr} }

// SkipReasonTR returns the Turkish reason of a skip, or "" when err is not a
// skip or has no Turkish reason.
func SkipReasonTR(err error) string {
	var s *SkipError
	if errors.As(err, &s) {
		return s.ReasonTR
	}
	return ""
}

// NormalizeMobile turns a phone number as people type it ("0532 123 45 67",
// "+90 (532) 123-4567", "5321234567", "0090 532…", "90532…") into E.164, and
// refuses numbers that cannot receive SMS or WhatsApp (landlines, garbage).
// Numbers of other countries are accepted when they are valid mobiles.
func NormalizeMobile(raw, region string) (to string, err error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", skip("no phone number", "telefon numarası yok")
	}
	if region == "" {
		region = DefaultRegion
	}
	defer func() {
		// The parser works on data typed by hand into the ERP; whatever it
		// trips on must skip one record, not stop the run.
		if p := recover(); p != nil {
			m := MaskRecipient(s)
			to, err = "", skip(fmt.Sprintf("phone number %q could not be read", m), fmt.Sprintf("telefon numarası %q okunamadı", m))
		}
	}()
	if len(s) > 64 {
		m := MaskRecipient(s[:64])
		return "", skip(fmt.Sprintf("phone number %q is too long", m), fmt.Sprintf("telefon numarası %q çok uzun", m))
	}
	num, ok := parsePhone(s, region)
	if !ok {
		m := MaskRecipient(s)
		if digitsOnly(s) == "" {
			return "", skip(fmt.Sprintf("phone number %q is not a phone number", m), fmt.Sprintf("%q bir telefon numarası değil", m))
		}
		return "", skip(fmt.Sprintf("phone number %q is not a valid number", m), fmt.Sprintf("telefon numarası %q geçersiz", m))
	}
	switch t := phonenumbers.GetNumberType(num); t {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
	case phonenumbers.FIXED_LINE:
		m := MaskRecipient(s)
		return "", skip(fmt.Sprintf("phone number %q is a landline; SMS and WhatsApp need a mobile number", m),
			fmt.Sprintf("telefon numarası %q sabit hat; SMS ve WhatsApp için cep telefonu numarası gerekir", m))
	default:
		m := MaskRecipient(s)
		return "", skip(fmt.Sprintf("phone number %q is not a mobile number (%s)", m, numberType(t)),
			fmt.Sprintf("telefon numarası %q cep telefonu numarası değil", m))
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}

// parsePhone tries the number as typed, then the forms shop data often
// holds: "90532…" without + or 00, and a number followed by a note
// ("0532 123 45 67 (cep)").
func parsePhone(s, region string) (*phonenumbers.PhoneNumber, bool) {
	d := digitsOnly(s)
	cands := []string{s}
	if strings.HasPrefix(strings.TrimSpace(s), "+") {
		cands = append(cands, "+"+d)
	} else {
		cands = append(cands, d)
	}
	for i, c := range cands {
		num, err := phonenumbers.Parse(c, region)
		if err == nil && phonenumbers.IsValidNumber(num) && (i == 0 || len(d) >= 10) {
			return num, true
		}
	}
	if len(d) > 10 && !strings.HasPrefix(strings.TrimSpace(s), "+") {
		num, err := phonenumbers.Parse("+"+d, region)
		if err == nil && phonenumbers.IsValidNumber(num) && phonenumbers.GetRegionCodeForNumber(num) == region {
			return num, true
		}
	}
	return nil, false
}

func digitsOnly(s string) string {
	var b strings.Builder
	for _, c := range s {
		if c >= '0' && c <= '9' {
			b.WriteRune(c)
		}
	}
	return b.String()
}

func numberType(t phonenumbers.PhoneNumberType) string {
	switch t {
	case phonenumbers.TOLL_FREE:
		return "toll-free"
	case phonenumbers.PREMIUM_RATE:
		return "premium rate"
	case phonenumbers.SHARED_COST:
		return "shared cost"
	case phonenumbers.VOIP:
		return "VoIP"
	case phonenumbers.PERSONAL_NUMBER:
		return "personal number"
	case phonenumbers.PAGER:
		return "pager"
	case phonenumbers.UAN:
		return "company number"
	case phonenumbers.VOICEMAIL:
		return "voicemail"
	}
	return "unknown type"
}

// NormalizeEmail validates an address, trims it and lower-cases it whole.
// RFC 5321 lets a server treat the local part as case-sensitive, but no mail
// system a shop's customers use does, while one person stored as
// "Ayse@…" and "ayse@…" would escape an opt-out or a forget made under the
// other spelling.
func NormalizeEmail(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", skip("no e-mail address", "e-posta adresi yok")
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || strings.ContainsAny(addr.Address, " \t") {
		m := MaskRecipient(s)
		return "", skip(fmt.Sprintf("e-mail address %q is not valid", m), fmt.Sprintf("e-posta adresi %q geçersiz", m))
	}
	at := strings.LastIndexByte(addr.Address, '@')
	if at < 1 || !strings.Contains(addr.Address[at:], ".") {
		m := MaskRecipient(s)
		return "", skip(fmt.Sprintf("e-mail address %q has no domain", m), fmt.Sprintf("e-posta adresi %q alan adı içermiyor", m))
	}
	if err := checkEmailLength(addr.Address); err != nil {
		return "", err
	}
	return strings.ToLower(addr.Address), nil
}

// MaskRecipient hides most of a phone number or e-mail address, for logs and
// console output: "+905321234567" → "+90532*****67", "ayse@example.com" →
// "a***@example.com".
func MaskRecipient(s string) string {
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		local := []rune(s[:at])
		if len(local) == 0 {
			return "***" + s[at:]
		}
		return string(local[0]) + "***" + s[at:]
	}
	r := []rune(s)
	digits := 0
	for _, c := range r {
		if unicode.IsDigit(c) {
			digits++
		}
	}
	if digits < 6 {
		return strings.Repeat("*", len(r))
	}
	// Keep the first 6 and last 2 digits (country + operator code and a tail)
	// so IT staff can still tell numbers apart.
	var b strings.Builder
	seen := 0
	for _, c := range r {
		if unicode.IsDigit(c) {
			seen++
			if seen > 5 && seen <= digits-2 {
				b.WriteRune('*')
				continue
			}
		}
		b.WriteRune(c)
	}
	return b.String()
}
