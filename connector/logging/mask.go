package logging

import (
	"regexp"
	"strings"
)

// Masking keeps enough of a recipient for IT staff to recognise it
// ("+90532*****67", "a***@example.com") while the log files, which get
// e-mailed around when something breaks, do not hold customers' contact data.

var (
	emailRe = regexp.MustCompile(`[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}.\-]+\.\p{L}{2,}`)
	// A run of digit groups with the separators people type in phone
	// numbers between them. Which groups of a run form a phone number is
	// decided by phoneForms.
	phoneRunRe = regexp.MustCompile(`(?:\+[ (]{0,2}|\(|\b)\d(?:[ \-.()]{0,3}\d)*\b`)
)

// phoneForms is the one table of what counts as a phone number in free
// text, matched against a candidate's digits with its separators removed
// ("+" kept). Log lines are full of other digit runs (job ids such as
// 1311033503, cursors such as -2147483648, timestamps, amounts, dates), so
// only these shapes are masked.
var phoneForms = []struct {
	name string
	re   *regexp.Regexp
}{
	{"international (E.164): +90 532 123 45 67, +49 151 2345 6789", regexp.MustCompile(`^\+[1-9]\d{7,14}$`)},
	{"Turkish mobile with the country code: 905321234567, 0090 532 123 45 67", regexp.MustCompile(`^(?:00)?905\d{9}$`)},
	{"Turkish number with the trunk 0: 0532 123 45 67, (0212) 555 12 34", regexp.MustCompile(`^0[2-5]\d{9}$`)},
	{"Turkish mobile alone: 532 123 45 67", regexp.MustCompile(`^5\d{9}$`)},
}

func isPhone(digits string) bool {
	for _, f := range phoneForms {
		if f.re.MatchString(digits) {
			return true
		}
	}
	return false
}

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
// leaving ids, cursors, dates, amounts and IP addresses alone.
func MaskText(s string) string { return maskText(s) }

func maskText(s string) string {
	if !strings.ContainsAny(s, "0123456789@") {
		return s
	}
	if strings.IndexByte(s, '@') >= 0 {
		s = emailRe.ReplaceAllStringFunc(s, MaskEmail)
	}
	runs := phoneRunRe.FindAllStringIndex(s, -1)
	if runs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, r := range runs {
		for _, p := range phonesIn(s, r[0], r[1]) {
			b.WriteString(s[last:p[0]])
			b.WriteString(MaskPhone(s[p[0]:p[1]]))
			last = p[1]
		}
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// phonesIn returns the spans of s[start:end], a run of digit groups, that
// are phone numbers: from each group on, the longest sequence of groups
// whose digits have one of the phoneForms. A run may hold a date, a phone
// and an amount side by side, or two phones.
func phonesIn(s string, start, end int) [][2]int {
	type group struct{ from, to int }
	var groups []group
	for i := start; i < end; {
		if !isDigit(s[i]) {
			i++
			continue
		}
		j := i
		for j < end && isDigit(s[j]) {
			j++
		}
		groups = append(groups, group{i, j})
		i = j
	}
	plus := s[start] == '+'
	// "-2147483648" after "=", a space or the start is a negative number.
	negative := start > 0 && s[start-1] == '-' && (start == 1 || !isAlnum(s[start-2]))
	var spans [][2]int
	for i := 0; i < len(groups); i++ {
		if i == 0 && negative {
			continue
		}
		digits := ""
		if i == 0 && plus {
			digits = "+"
		}
		best := -1
		for j := i; j < len(groups) && len(digits) < 16; j++ {
			digits += s[groups[j].from:groups[j].to]
			if isPhone(digits) {
				best = j
			}
		}
		if best < 0 {
			continue
		}
		from := groups[i].from
		if i == 0 {
			from = start // with its "+" or "("
		} else if s[from-1] == '(' {
			from--
		}
		spans = append(spans, [2]int{from, groups[best].to})
		i = best
	}
	return spans
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isAlnum(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}
