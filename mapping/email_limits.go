package mapping

import (
	"strings"
	"unicode/utf8"
)

// Limits of an e-mail message, checked before it is stored: a message past
// them would be refused by the mail server, or arrive cut, and a cut subject
// can mislead about an amount or a date.
const (
	// MaxEmailLength is RFC 5321's limit on a path (256 octets with its
	// angle brackets).
	MaxEmailLength = 254
	// MaxEmailLocal is RFC 5321's limit on the part before the @.
	MaxEmailLocal = 64
	// MaxEmailLabel is DNS's limit on one dot-separated part of the domain.
	MaxEmailLabel = 63
	// MaxSubject is where Outlook and Exchange cut a subject (characters).
	MaxSubject = 255
)

// The reasons for a message past them (texts in connector/catalog).
const (
	ReasonEmailTooLong      = "limits.email_too_long"
	ReasonEmailLocalTooLong = "limits.email_local_too_long"
	ReasonEmailLabelTooLong = "limits.email_label_too_long"
	ReasonSubjectTooLong    = "limits.subject_too_long"
)

// checkEmailLength refuses an address past the SMTP and DNS limits.
func checkEmailLength(addr string) error {
	at := strings.LastIndexByte(addr, '@')
	local, domain := addr[:max(at, 0)], addr[at+1:]
	tooLong := func(code string, n, limit int) error {
		return skip(code, "address", MaskRecipient(addr), "length", n, "max", limit)
	}
	switch {
	case len(addr) > MaxEmailLength:
		return tooLong(ReasonEmailTooLong, len(addr), MaxEmailLength)
	case len(local) > MaxEmailLocal:
		return tooLong(ReasonEmailLocalTooLong, len(local), MaxEmailLocal)
	}
	for _, label := range strings.Split(domain, ".") {
		if len(label) > MaxEmailLabel {
			return tooLong(ReasonEmailLabelTooLong, len(label), MaxEmailLabel)
		}
	}
	return nil
}

// checkSubject refuses a subject that mail programs would cut.
func checkSubject(s string) error {
	if n := utf8.RuneCountInString(s); n > MaxSubject {
		return skip(ReasonSubjectTooLong, "length", n, "max", MaxSubject)
	}
	return nil
}
