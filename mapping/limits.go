package mapping

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// The most a template may write, by what it renders. Template output goes
// through a writer that stops at the limit, so a template that loops over a
// large column or repeats a value millions of times ends as a skip with a
// reason instead of a message of megabytes (an SMS of thousands of billed
// segments). Each limit is well above what the part can carry anyway: the
// segment count, WhatsApp's own limits and max_segments still decide what
// is sent; these bound what is ever held in memory or queued.
const (
	// LimitSMS is ten segments of 160 characters at the most UTF-8 needs
	// for one character (4 bytes).
	LimitSMS = 10 * 160 * utf8.UTFMax
	// LimitWhatsAppParam is one WhatsApp template parameter: the Cloud API
	// takes at most WhatsAppParamChars characters in one, and the writer
	// stops at that many characters' worth of UTF-8.
	LimitWhatsAppParam = WhatsAppParamChars * utf8.UTFMax
	// WhatsAppParamChars is the Cloud API's limit of one text parameter.
	WhatsAppParamChars = 1024
	// LimitEmail is an e-mail's subject, text or HTML body (1 MiB each).
	LimitEmail = 1 << 20
	// LimitWebhook is a webhook's JSON body.
	LimitWebhook = 1 << 20
	// LimitAttachment is one e-mail attachment made on this machine (a
	// statement PDF is tens of kilobytes).
	LimitAttachment = 5 << 20
	// LimitDefault bounds every other template (dedupe keys, file names):
	// nothing a template writes is ever larger than the largest limit.
	LimitDefault = LimitEmail
)

// LimitFor is the limit of a channel's text.
func LimitFor(channel string) int {
	switch channel {
	case "sms":
		return LimitSMS
	case "whatsapp":
		return LimitWhatsAppParam
	case "webhook":
		return LimitWebhook
	}
	return LimitEmail
}

// ErrTooLong is what a template returns when its output passes its limit.
var ErrTooLong = errors.New("the template's output is longer than its limit")

// TooLongError says which limit a template's output passed.
type TooLongError struct {
	Name  string // the template's name
	Limit int    // bytes (characters for a WhatsApp parameter)
	Chars bool   // Limit counts characters, not bytes
}

func (e *TooLongError) Error() string {
	unit := "bytes"
	if e.Chars {
		unit = "characters"
	}
	return fmt.Sprintf("template %s: the output is longer than %d %s", e.Name, e.Limit, unit)
}

func (e *TooLongError) Unwrap() error { return ErrTooLong }

// limitedWriter keeps at most n bytes and fails the write that passes n,
// which stops the template's execution there.
type limitedWriter struct {
	buf []byte
	n   int
}

func (w *limitedWriter) Write(p []byte) (int, error) {
	if len(w.buf)+len(p) > w.n {
		return 0, ErrTooLong
	}
	w.buf = append(w.buf, p...)
	return len(p), nil
}

// The reasons a message too long for its channel is skipped with.
const (
	ReasonTooLong      = "skip.too_long"       // channel, limit (bytes)
	ReasonTooLongChars = "skip.too_long_chars" // channel, limit (characters)
)

func tooLong(channel string, err error) error {
	var te *TooLongError
	limit := LimitFor(channel)
	if errors.As(err, &te) {
		if te.Chars {
			return skip(ReasonTooLongChars, "channel", channel, "limit", te.Limit)
		}
		limit = te.Limit
	}
	return skip(ReasonTooLong, "channel", channel, "limit", limit)
}
