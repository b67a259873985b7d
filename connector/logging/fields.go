package logging

import "strings"

// fieldRule says how an attribute's value is masked.
type fieldRule int

const (
	// freeText: an error, a reason, a description. Only what has the shape
	// of a phone number or an e-mail address is masked (see phoneForms).
	freeText fieldRule = iota
	// recipient: the value is a person's phone number or e-mail address
	// (or a list of them), masked whole whatever its shape.
	recipient
	// identifier: an id or a cursor an operator quotes to a provider's
	// support or looks up in the outbox ("provider_id=1311033501",
	// "cursor=-2147483648", an SMTP Message-ID): written as it is.
	identifier
)

// fieldRules is the one table of attribute keys whose values are known.
// Keys are matched without regard to case; an attribute inside a group is
// matched by its own key, and everything inside a recipient group is a
// recipient. Any other key is free text. Secrets are redacted in every
// field, whatever its rule.
var fieldRules = map[string]fieldRule{
	"to":         recipient,
	"recipient":  recipient,
	"recipients": recipient,
	"rcpt":       recipient,
	"cc":         recipient,
	"bcc":        recipient,
	"number":     recipient,
	"phone":      recipient,
	"mobile":     recipient,
	"gsm":        recipient,
	"msisdn":     recipient,
	"tel":        recipient,
	"email":      recipient,
	"e_mail":     recipient,
	"mail":       recipient,
	"address":    recipient,

	"provider_id": identifier,
	"message":     identifier, // the outbox message id
	"message_id":  identifier,
	"id":          identifier,
	"ids":         identifier,
	"job":         identifier,
	"job_id":      identifier,
	"cursor":      identifier,
	"from":        identifier, // a cursor's start, or the channel a message falls back from
}

// recipientSuffixes extend the recipient keys to names such as "cep_tel",
// "customer_phone" or "to_email" (Wolvox columns and our own).
var recipientSuffixes = []string{"_phone", "_tel", "_mobile", "_gsm", "_email", "_mail"}

func ruleFor(key string) fieldRule {
	key = strings.ToLower(key)
	if r, ok := fieldRules[key]; ok {
		return r
	}
	for _, s := range recipientSuffixes {
		if strings.HasSuffix(key, s) {
			return recipient
		}
	}
	return freeText
}

// maskRecipients masks a value known to hold recipients: each of its
// comma- or semicolon-separated parts is masked as an e-mail address when
// it holds one, otherwise as a phone number. A part without digits or "@"
// (a channel name, "none") is left as it is.
func maskRecipients(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
	if len(parts) == 0 {
		return s
	}
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if strings.ContainsRune(p, '@') {
			if m := emailRe.ReplaceAllStringFunc(p, MaskEmail); m != p {
				parts[i] = m
			} else {
				parts[i] = MaskEmail(p)
			}
			continue
		}
		parts[i] = MaskPhone(p)
	}
	return strings.Join(parts, ", ")
}
