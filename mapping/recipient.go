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
// "+90 (532) 123-4567", "5321234567", "0090 532…") into E.164, and refuses
// numbers that cannot receive SMS or WhatsApp (landlines, garbage).
func NormalizeMobile(raw, region string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", skipf("no phone number")
	}
	if region == "" {
		region = DefaultRegion
	}
	num, err := phonenumbers.Parse(s, region)
	if err != nil {
		return "", skipf("phone number %q is not a phone number", MaskRecipient(s))
	}
	if !phonenumbers.IsValidNumber(num) {
		return "", skipf("phone number %q is not a valid number", MaskRecipient(s))
	}
	switch phonenumbers.GetNumberType(num) {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
	default:
		return "", skipf("phone number %q is a landline or not a mobile number", MaskRecipient(s))
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
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
