package mapping

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Reason is why something happened to a message: a key of the connector's
// text catalog (connector/catalog) with its named arguments, the reasons it
// is made of, and, where there are some, the untranslated words of a provider
// or a library. Every layer gives its reasons this way and none writes a
// sentence for a person; whoever shows a reason renders it in the reader's
// language. The outbox stores it as JSON.
type Reason struct {
	Code   string            `json:"code"`
	Args   map[string]string `json:"args,omitempty"`
	Parts  []Reason          `json:"parts,omitempty"`
	Detail string            `json:"detail,omitempty"`
}

// R builds a Reason; args are name, value pairs.
func R(code string, args ...any) Reason {
	r := Reason{Code: code}
	if len(args) > 0 {
		r.Args = make(map[string]string, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			r.Args[fmt.Sprint(args[i])] = fmt.Sprint(args[i+1])
		}
	}
	return r
}

// WithDetail returns r with the provider's or library's own words.
func (r Reason) WithDetail(d string) Reason {
	r.Detail = d
	return r
}

// IsZero reports whether there is no reason.
func (r Reason) IsZero() bool { return r.Code == "" && r.Detail == "" }

// String is the reason for a program, not a person: its code, arguments,
// parts and detail ("recipient.landline(number=0212 1** ** 67)").
func (r Reason) String() string {
	var b strings.Builder
	b.WriteString(r.Code)
	if len(r.Args) > 0 {
		names := make([]string, 0, len(r.Args))
		for n := range r.Args {
			names = append(names, n)
		}
		sort.Strings(names)
		b.WriteByte('(')
		for i, n := range names {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(n + "=" + r.Args[n])
		}
		b.WriteByte(')')
	}
	for i, p := range r.Parts {
		if i == 0 {
			b.WriteString(" [")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(p.String())
		if i == len(r.Parts)-1 {
			b.WriteByte(']')
		}
	}
	if r.Detail != "" {
		b.WriteString(": " + r.Detail)
	}
	return b.String()
}

// The reasons mapping gives (their texts are in connector/catalog).
const (
	ReasonNoRecipient       = "skip.no_recipient"        // fields: the columns tried, all empty
	ReasonNoUsableRecipient = "skip.no_usable_recipient" // parts: one RecipientField per column tried
	ReasonRecipientField    = "skip.recipient_field"     // field; parts: why that column's value was refused
	ReasonEmptyMessage      = "skip.empty_message"
	ReasonTemplateFailed    = "skip.template_failed"     // detail: the template engine's error
	ReasonTemplateNoColumn  = "skip.template_no_column"  // template, line, col, column
	ReasonTemplateNull      = "skip.template_null"       // template, line, col, func, column, with: the fix
	ReasonTemplateNullValue = "skip.template_null_value" // template, line, col, func: the action names no one column
	// A helper given a value of another kind (a text to money): parts, the
	// value's kind (valuekind.*), never the value.
	ReasonTemplateNotNumber      = "skip.template_not_number"       // template, line, col, func, column
	ReasonTemplateNotNumberValue = "skip.template_not_number_value" // template, line, col, func: no one column
	ReasonTemplateNotDate        = "skip.template_not_date"         // template, line, col, func, column
	ReasonTemplateNotDateValue   = "skip.template_not_date_value"   // template, line, col, func: no one column
	ReasonRenderPanic            = "skip.render_panic"              // detail: what failed
	ReasonWhatsAppEmpty          = "skip.whatsapp_empty"            // n; parts: the part (whatsapp.part.*)
	ReasonTooManySegments        = "skip.too_many_segments"
	ReasonTooManySegmentsTL      = "skip.too_many_segments_translit" // as above, and transliterate would help
	ReasonEmptyAddress           = "recipient.empty"
	ReasonNoPhone                = "recipient.no_phone"
	ReasonPhoneUnreadable        = "recipient.phone_unreadable" // number (masked)
	ReasonPhoneTooLong           = "recipient.phone_too_long"
	ReasonNotAPhone              = "recipient.not_a_phone"
	ReasonPhoneInvalid           = "recipient.phone_invalid"
	ReasonLandline               = "recipient.landline"
	ReasonNotMobile              = "recipient.not_mobile" // number; parts: the kind of number (phonetype.*)
	ReasonNoEmail                = "recipient.no_email"
	ReasonEmailInvalid           = "recipient.email_invalid" // address (masked)
	ReasonEmailNoDomain          = "recipient.email_no_domain"
)

// ReasonCodes lists the codes above, for the catalog's completeness test.
var ReasonCodes = []string{ReasonNoRecipient, ReasonNoUsableRecipient, ReasonRecipientField, ReasonEmptyMessage,
	ReasonTemplateFailed, ReasonTemplateNoColumn, ReasonTemplateNull, ReasonTemplateNullValue, ReasonRenderPanic,
	ReasonTemplateNotNumber, ReasonTemplateNotNumberValue, ReasonTemplateNotDate, ReasonTemplateNotDateValue,
	ValueText, ValueNumber, ValueDate, ValueBool, ValueOther,
	ReasonTooManySegments, ReasonTooManySegmentsTL, ReasonEmptyAddress, ReasonNoPhone,
	ReasonPhoneUnreadable, ReasonPhoneTooLong, ReasonNotAPhone, ReasonPhoneInvalid, ReasonLandline, ReasonNotMobile,
	ReasonNoEmail, ReasonEmailInvalid, ReasonEmailNoDomain, ReasonEmailTooLong, ReasonEmailLocalTooLong, ReasonEmailLabelTooLong,
	ReasonSubjectTooLong, "phonetype.toll_free", "phonetype.premium_rate",
	"phonetype.shared_cost", "phonetype.voip", "phonetype.personal", "phonetype.pager", "phonetype.company",
	"phonetype.voicemail", "phonetype.unknown", ReasonTooLong, ReasonTooLongChars, ReasonAttachmentFailed,
	ReasonWhatsAppEmpty, "whatsapp.part.header", "whatsapp.part.body", "whatsapp.part.button"}

// SkipError says why a record produced no message on a channel. It is not a
// failure of the run: the reason is stored in the outbox and counted.
type SkipError struct{ Reason Reason }

func (e *SkipError) Error() string { return e.Reason.String() }

// skip is a skip for reason.
func skip(code string, args ...any) error { return &SkipError{Reason: R(code, args...)} }

// SkipReason returns the reason of a skip (zero when err is not a skip).
func SkipReason(err error) Reason {
	var s *SkipError
	if errors.As(err, &s) {
		return s.Reason
	}
	return Reason{}
}
