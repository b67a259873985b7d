package logging

import (
	"regexp"
	"strings"
)

// Masking keeps enough of a recipient for IT staff to recognise it
// ("+90532*****67", "a***@example.com") while the log files, which get
// e-mailed around when something breaks, do not hold customers' contact data.

var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	// A run of digits with the separators people type in phone numbers.
	// Which runs really are phone numbers is decided in maskPhones.
	phoneRunRe = regexp.MustCompile(`(?:\+\(?|\(|\b)\d[\d \-.()]*\d\b`)
	dateRe     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}`)
	ipv4Re     = regexp.MustCompile(`^\d{1,3}(?:\.\d{1,3}){3}$`)
)

// MaskEmail keeps the first character of the local part and the domain:
// "ayse.yilmaz@example.com" → "a***@example.com". A string without an
// e-mail's shape is returned unchanged.
func MaskEmail(s string) string {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return s
	}
	first := []rune(s[:at])[0]
	return string(first) + "***" + s[at:]
}

// MaskPhone keeps the country code (or the trunk 0), the first three digits
// of the national number and the last two: "+905321234567" → "+90532*****67",
// "0532 123 45 67" → "0532*****67". Separators are dropped. A string without
// digits is returned unchanged.
func MaskPhone(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	for _, r := range s {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	digits := b.String()
	if digits == "" {
		return s
	}
	intl := strings.HasPrefix(s, "+")
	if !intl && strings.HasPrefix(digits, "00") {
		intl, digits = true, digits[2:]
	}
	var prefix, national string
	switch {
	case intl:
		n := countryCodeLen(digits)
		prefix, national = "+"+digits[:n], digits[n:]
	case len(digits) == 12 && strings.HasPrefix(digits, "90"):
		// 905321234567, as Turkish SMS gateways write numbers.
		prefix, national = "+90", digits[2:]
	case strings.HasPrefix(digits, "0"):
		prefix, national = "0", digits[1:]
	default:
		national = digits
	}
	if len(national) < 7 {
		return prefix + strings.Repeat("*", len(national))
	}
	return prefix + national[:3] + strings.Repeat("*", len(national)-5) + national[len(national)-2:]
}

// countryCodeLen returns how many leading digits of an international number
// are its country code. E.164 country codes are prefix-free: these are all
// the one- and two-digit codes, every other code has three digits.
func countryCodeLen(d string) int {
	if len(d) < 4 {
		return 0
	}
	switch d[0] {
	case '1', '7':
		return 1
	}
	switch d[:2] {
	case "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
		"48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65", "66",
		"81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98":
		return 2
	}
	return 3
}

// MaskText masks every e-mail address and phone number found in free text,
// leaving dates, amounts, IP addresses and ids alone.
func MaskText(s string) string { return maskText(s) }

// maskText masks every e-mail address and phone number found in free text.
func maskText(s string) string {
	if !strings.ContainsAny(s, "0123456789@") {
		return s
	}
	if strings.IndexByte(s, '@') >= 0 {
		s = emailRe.ReplaceAllStringFunc(s, MaskEmail)
	}
	return phoneRunRe.ReplaceAllStringFunc(s, maskPhoneRun)
}

// maskPhoneRun decides whether a run of digits and separators is a phone
// number. Log lines are full of other numbers (dates, amounts, ids,
// addresses), so only 10–15 digits count, or 8–15 after a "+"; dates and IPv4
// addresses are left alone. A long run with separators may hold several
// numbers side by side: it is masked whole rather than risk leaking one.
func maskPhoneRun(run string) string {
	if dateRe.MatchString(run) || ipv4Re.MatchString(run) {
		return run
	}
	n, separated := 0, false
	for i := 0; i < len(run); i++ {
		if c := run[i]; c >= '0' && c <= '9' {
			n++
		} else if c != '+' {
			separated = true
		}
	}
	minDigits := 10
	if strings.HasPrefix(run, "+") {
		minDigits = 8
	}
	switch {
	case n < minDigits:
		return run
	case n <= 15:
		return MaskPhone(strings.Trim(run, "()"))
	case !separated:
		return run // one long token: an id or a timestamp, not a phone
	}
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '*'
		}
		return r
	}, run)
}
