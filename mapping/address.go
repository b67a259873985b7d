package mapping

import (
	"errors"
	"fmt"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// NormalizeRecipient is the one place a recipient gets the form it is stored
// and sent in, for every channel: E.164 for SMS and WhatsApp (mobiles only),
// the lower-cased address for e-mail, and for a webhook whatever
// NormalizeAddress makes of it. Opt-outs, the daily cap and forget match
// recipients by equality, so two spellings of one person must never be
// stored.
func NormalizeRecipient(channel, raw, region string) (string, error) {
	switch channel {
	case "email":
		return NormalizeEmail(raw)
	case "webhook":
		to := NormalizeAddress(raw, region)
		if to == "" {
			return "", skip(ReasonEmptyAddress)
		}
		return to, nil
	default:
		return NormalizeMobile(raw, region)
	}
}

// NormalizeAddress returns the stored form of any recipient: a valid e-mail
// address lower-cased, a valid phone number of any kind (a webhook may be
// given a landline) in E.164, and anything else trimmed. A string already
// in E.164's shape is taken as it is, unparsed. It is idempotent,
// and a fixed point of every form NormalizeRecipient returns, so the outbox
// can apply it again to whatever it is given.
func NormalizeAddress(raw, region string) string {
	s := strings.TrimSpace(raw)
	if s == "" {
		return ""
	}
	if isE164(s) {
		// The form the mappers store: the outbox normalises every message
		// again, and parsing costs about 10 µs a message.
		return s
	}
	if strings.Contains(s, "@") {
		if e, err := NormalizeEmail(s); err == nil {
			return e
		}
		return s
	}
	if e164, ok := phoneE164(s, region); ok {
		return e164
	}
	return s
}

// isE164 reports whether s has E.164's shape: "+", a country code that does
// not start with 0, and at most 15 digits in all.
func isE164(s string) bool {
	if len(s) < 8 || len(s) > 16 || s[0] != '+' || s[1] == '0' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// ParseAddress reads a phone number (in any spelling people type) or an
// e-mail address given by an operator, and returns its stored form. Unlike
// NormalizeAddress it refuses anything else.
func ParseAddress(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if strings.Contains(s, "@") {
		return NormalizeEmail(s)
	}
	if e164, ok := phoneE164(s, DefaultRegion); ok {
		return e164, nil
	}
	_, err := NormalizeMobile(s, DefaultRegion)
	if err == nil {
		err = errors.New("not a phone number")
	}
	return "", err
}

// phoneE164 is any valid number in E.164, whatever its type.
func phoneE164(s, region string) (to string, ok bool) {
	if region == "" {
		region = DefaultRegion
	}
	if len(s) > 64 || digitsOnly(s) == "" {
		return "", false
	}
	defer func() {
		if p := recover(); p != nil {
			to, ok = "", false
		}
	}()
	num, _, ok := parsePhone(s, region)
	if !ok {
		return "", false
	}
	return phonenumbers.Format(num, phonenumbers.E164), true
}

// Matcher finds one person's address in free text (a message body, an HTML
// e-mail, a WhatsApp template's JSON, an error text) in the spellings people
// and templates write it: for +905332345678 "0533 234 56 78",
// "+90 (533) 234-5678", "905332345678", "5332345678", "0090 533…"; for an
// e-mail address any letter case and the %40 / &#64; encodings of "@".
type Matcher struct {
	email string   // lower-cased address, or ""
	forms []string // the phone's digit strings: national number, with trunk 0, with country code, with 00
}

// NewMatcher returns a matcher for an address in its stored form
// (NormalizeAddress). A text that is neither an e-mail address nor a phone
// number is matched as a case-insensitive substring.
func NewMatcher(addr string) *Matcher {
	addr = NormalizeAddress(addr, "")
	if strings.HasPrefix(addr, "+") {
		if num, err := phonenumbers.Parse(addr, DefaultRegion); err == nil {
			nsn := phonenumbers.GetNationalSignificantNumber(num)
			cc := fmt.Sprint(num.GetCountryCode())
			return &Matcher{forms: []string{nsn, "0" + nsn, cc + nsn, "00" + cc + nsn}}
		}
	}
	return &Matcher{email: strings.ToLower(addr)}
}

// Match reports whether text holds the address.
func (m *Matcher) Match(text string) bool {
	if m.email != "" {
		t := strings.ToLower(text)
		if strings.Contains(t, m.email) {
			return true
		}
		local, domain, ok := strings.Cut(m.email, "@")
		if !ok {
			return false
		}
		for _, at := range []string{"%40", "&#64;", "&#x40;", "&commat;", "\\u0040"} {
			if strings.Contains(t, local+at+domain) {
				return true
			}
		}
		return false
	}
	if len(m.forms) == 0 {
		return false
	}
	text = strings.NewReplacer("&nbsp;", " ", "&#160;", " ", "\u00a0", " ").Replace(text)
	// A run is digits and the separators people put inside a number; the
	// number may be any consecutive groups of digits of a run, so
	// "Tel: 0532 111 22 33 / 0533 234 56 78" finds the second number while
	// "15332345678" (an amount, an id) is not taken for it.
	var groups []string
	flush := func() bool {
		defer func() { groups = groups[:0] }()
		for i := range groups {
			d := ""
			for j := i; j < len(groups) && len(d) < 20; j++ {
				d += groups[j]
				for _, f := range m.forms {
					if d == f {
						return true
					}
				}
			}
		}
		return false
	}
	var cur strings.Builder
	for _, r := range text + "\x00" {
		switch {
		case r >= '0' && r <= '9':
			cur.WriteRune(r)
			continue
		case cur.Len() > 0:
			groups = append(groups, cur.String())
			cur.Reset()
		}
		if !strings.ContainsRune(" \t-./()+", r) && flush() {
			return true
		}
	}
	return false
}
