package mapping

import (
	"net/mail"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"
)

// DefaultRegion is where numbers written without a country code are assumed to be.
const DefaultRegion = "TR"

// NormalizeMobile turns a phone number as people type it ("0532 123 45 67",
// "+90 (532) 123-4567", "5321234567", "0090 532…", "90532…") into E.164, and
// refuses numbers that cannot receive SMS or WhatsApp (landlines, garbage).
// Numbers of other countries are accepted when they are valid mobiles.
func NormalizeMobile(raw, region string) (to string, err error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", skip(ReasonNoPhone)
	}
	if region == "" {
		region = DefaultRegion
	}
	defer func() {
		// The parser works on data typed by hand into the ERP; whatever it
		// trips on must skip one record, not stop the run.
		if p := recover(); p != nil {
			m := MaskRecipient(s)
			to, err = "", skip(ReasonPhoneUnreadable, "number", m)
		}
	}()
	if len(s) > 64 {
		m := MaskRecipient(s[:64])
		return "", skip(ReasonPhoneTooLong, "number", m)
	}
	num, t, ok := parsePhone(s, region)
	if !ok {
		m := MaskRecipient(s)
		if digitsOnly(s) == "" {
			return "", skip(ReasonNotAPhone, "number", m)
		}
		return "", skip(ReasonPhoneInvalid, "number", m)
	}
	switch t {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
	case phonenumbers.FIXED_LINE:
		m := MaskRecipient(s)
		return "", skip(ReasonLandline, "number", m)
	default:
		m := MaskRecipient(s)
		return "", &SkipError{Reason: Reason{Code: ReasonNotMobile, Args: map[string]string{"number": m}, Parts: []Reason{numberType(t)}}}
	}
	return phonenumbers.Format(num, phonenumbers.E164), nil
}

// parsePhone tries the number as typed, then the forms shop data often
// holds: "90532…" without + or 00, and a number followed by a note
// ("0532 123 45 67 (cep)"). It returns the number's type with it.
func parsePhone(s, region string) (*phonenumbers.PhoneNumber, phonenumbers.PhoneNumberType, bool) {
	d := digitsOnly(s)
	cands := []string{s}
	if strings.HasPrefix(strings.TrimSpace(s), "+") {
		cands = append(cands, "+"+d)
	} else {
		cands = append(cands, d)
	}
	for i, c := range cands {
		if num, t, ok := validPhone(c, region); ok && (i == 0 || len(d) >= 10) {
			return num, t, true
		}
	}
	if len(d) > 10 && !strings.HasPrefix(strings.TrimSpace(s), "+") {
		if num, t, ok := validPhone("+"+d, region); ok && phonenumbers.GetRegionCodeForNumber(num) == region {
			return num, t, true
		}
	}
	return nil, phonenumbers.UNKNOWN, false
}

// validPhone parses s and tells a valid number's type. The type is what
// IsValidNumber checks (a number is valid when its national number matches
// one of its region's types), so it is matched once, not twice: the
// matching is most of the cost of a number, and every message has one.
func validPhone(s, region string) (*phonenumbers.PhoneNumber, phonenumbers.PhoneNumberType, bool) {
	num, err := phonenumbers.Parse(s, region)
	if err != nil {
		return nil, phonenumbers.UNKNOWN, false
	}
	t := phonenumbers.GetNumberType(num)
	return num, t, t != phonenumbers.UNKNOWN
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

// numberType names a kind of number as a reason (phonetype.*), so it is
// read in the reader's language.
func numberType(t phonenumbers.PhoneNumberType) Reason {
	switch t {
	case phonenumbers.TOLL_FREE:
		return R("phonetype.toll_free")
	case phonenumbers.PREMIUM_RATE:
		return R("phonetype.premium_rate")
	case phonenumbers.SHARED_COST:
		return R("phonetype.shared_cost")
	case phonenumbers.VOIP:
		return R("phonetype.voip")
	case phonenumbers.PERSONAL_NUMBER:
		return R("phonetype.personal")
	case phonenumbers.PAGER:
		return R("phonetype.pager")
	case phonenumbers.UAN:
		return R("phonetype.company")
	case phonenumbers.VOICEMAIL:
		return R("phonetype.voicemail")
	}
	return R("phonetype.unknown")
}

// NormalizeEmail validates an address, trims it and lower-cases it whole.
// RFC 5321 lets a server treat the local part as case-sensitive, but no mail
// system a shop's customers use does, while one person stored as
// "Ayse@…" and "ayse@…" would escape an opt-out or a forget made under the
// other spelling.
func NormalizeEmail(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return "", skip(ReasonNoEmail)
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || strings.ContainsAny(addr.Address, " \t") {
		m := MaskRecipient(s)
		return "", skip(ReasonEmailInvalid, "address", m)
	}
	at := strings.LastIndexByte(addr.Address, '@')
	if at < 1 || !strings.Contains(addr.Address[at:], ".") {
		m := MaskRecipient(s)
		return "", skip(ReasonEmailNoDomain, "address", m)
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
