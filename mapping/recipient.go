package mapping

import (
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
type SkipError struct{ Reason string }

func (e *SkipError) Error() string { return e.Reason }

func skipf(format string, args ...any) error {
	return &SkipError{Reason: fmt.Sprintf(format, args...)}
}

// NormalizeMobile turns a phone number as people type it ("0532 123 45 67",
// "+90 (532) 123-4567", "5321234567", "0090 532…", "90532…") into E.164, and
// refuses numbers that cannot receive SMS or WhatsApp (landlines, garbage).
// Numbers of other countries are accepted when they are valid mobiles.
func NormalizeMobile(raw, region string) (to string, err error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", skipf("no phone number")
	}
	if region == "" {
		region = DefaultRegion
	}
	defer func() {
		// The parser works on data typed by hand into the ERP; whatever it
		// trips on must skip one record, not stop the run.
		if p := recover(); p != nil {
			to, err = "", skipf("phone number %q could not be read", MaskRecipient(s))
		}
	}()
	if len(s) > 64 {
		return "", skipf("phone number %q is too long", MaskRecipient(s[:64]))
	}
	num, ok := parsePhone(s, region)
	if !ok {
		if digitsOnly(s) == "" {
			return "", skipf("phone number %q is not a phone number", MaskRecipient(s))
		}
		return "", skipf("phone number %q is not a valid number", MaskRecipient(s))
	}
	switch t := phonenumbers.GetNumberType(num); t {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
	case phonenumbers.FIXED_LINE:
		return "", skipf("phone number %q is a landline; SMS and WhatsApp need a mobile number", MaskRecipient(s))
	default:
		return "", skipf("phone number %q is not a mobile number (%s)", MaskRecipient(s), numberType(t))
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

// NormalizeEmail validates an address, trims it and lower-cases the domain
// (the local part is case-sensitive by the RFC, so it is left alone).
func NormalizeEmail(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", skipf("no e-mail address")
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || strings.ContainsAny(addr.Address, " \t") {
		return "", skipf("e-mail address %q is not valid", MaskRecipient(s))
	}
	at := strings.LastIndexByte(addr.Address, '@')
	if at < 1 || !strings.Contains(addr.Address[at:], ".") {
		return "", skipf("e-mail address %q has no domain", MaskRecipient(s))
	}
	return addr.Address[:at] + strings.ToLower(addr.Address[at:]), nil
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
