package mapping

import (
	"errors"
	"fmt"
	"strings"
)

// ChannelSpec says how one job renders one channel.
type ChannelSpec struct {
	Channel string // sms, whatsapp, email, webhook
	// RecipientFields are tried in order; the first that yields a valid
	// recipient for the channel wins.
	RecipientFields []string
	Subject         *Template // email only
	Text            *Template
	HTML            *Template // email only
	Region          string    // default region for phone numbers

	// SMS only.
	Scheme          Scheme // what the provider can send; "" is tr-single-shift
	OperatorReserve int    // characters the operator code appended to bulk SMS takes
	MaxSegments     int    // more segments than this: skipped, never cut; 0: only LimitSMS bounds it
	Transliterate   bool   // write Turkish letters as GSM-7 ones to save segments

	// WhatsApp only: the approved template the message is sent as. Text,
	// when set, is what the outbox shows.
	WhatsApp *WhatsApp

	// E-mail only: files made from the record and attached.
	Attachments []AttachmentSpec
}

// Message is what one channel sends for one record: the rendered text and
// the recipient, nothing else from the row. The outbox stores it and the
// provider receives it as it is.
type Message struct {
	Channel string
	To      string // E.164 for sms/whatsapp, an address for email
	Subject string
	Text    string
	HTML    string
	// Payload is the WhatsApp Cloud API "template" object as JSON.
	Payload []byte
	// Attachments are files an e-mail carries, made on this machine from
	// the record (a statement PDF).
	Attachments []Attachment
}

// Rendered is one channel's result for one record: a message, or a skip reason.
type Rendered struct {
	Message
	// SMS is the encoding and cost of an SMS.
	SMS *SMSInfo
	// Skip is set when the record cannot produce this message; the reason
	// is stored with the message as "skipped".
	Skip *Reason
}

// Mapper turns records into messages for all of a job's channels.
type Mapper struct {
	Channels []ChannelSpec
}

// Map renders every channel for rec. It never fails the whole record: each
// channel that cannot be rendered is returned with a Skip reason, so a bad row
// is visible in the outbox instead of stopping the run.
func (m *Mapper) Map(rec Record) []Rendered {
	out := make([]Rendered, 0, len(m.Channels))
	for _, ch := range m.Channels {
		r, err := ch.renderSafe(rec)
		if err != nil {
			why := SkipReason(err)
			r = Rendered{Message: Message{Channel: ch.Channel}, Skip: &why}
		}
		out = append(out, r)
	}
	return out
}

// renderSafe turns a panic in a helper or a library into a skip of this
// record: one bad row must never stop a run.
func (ch *ChannelSpec) renderSafe(rec Record) (r Rendered, err error) {
	defer func() {
		if p := recover(); p != nil {
			r, err = Rendered{}, &SkipError{Reason: R(ReasonRenderPanic).WithDetail(fmt.Sprint(p))}
		}
	}()
	return ch.render(rec)
}

func (ch *ChannelSpec) render(rec Record) (Rendered, error) {
	to, err := ch.recipient(rec)
	if err != nil {
		return Rendered{}, err
	}
	r := Rendered{Message: Message{Channel: ch.Channel, To: to}}
	for _, p := range []struct {
		t   *Template
		dst *string
	}{{ch.Subject, &r.Subject}, {ch.Text, &r.Text}, {ch.HTML, &r.HTML}} {
		if p.t == nil {
			continue
		}
		s, err := p.t.ExecuteLimit(rec, LimitFor(ch.Channel))
		if errors.Is(err, ErrTooLong) {
			return Rendered{}, tooLong(ch.Channel, err)
		}
		if err != nil {
			return Rendered{}, &SkipError{Reason: templateReason(err)}
		}
		*p.dst = s
	}
	if ch.WhatsApp != nil {
		payload, summary, err := ch.WhatsApp.Execute(rec)
		if errors.Is(err, ErrTooLong) {
			return Rendered{}, tooLong(ch.Channel, err)
		}
		if err != nil {
			return Rendered{}, &SkipError{Reason: templateReason(err)}
		}
		r.Payload = payload
		if strings.TrimSpace(r.Text) == "" {
			r.Text = summary
		}
	}
	r.Subject = strings.TrimSpace(r.Subject)
	if err := checkSubject(r.Subject); err != nil {
		return Rendered{}, err
	}
	if strings.TrimSpace(r.Text) == "" && strings.TrimSpace(r.HTML) == "" {
		return Rendered{}, skip(ReasonEmptyMessage)
	}
	if ch.Channel == "email" {
		var err error
		if r.Attachments, err = makeAttachments(ch.Attachments, rec); err != nil {
			return Rendered{}, err
		}
	}
	if ch.Channel == "sms" {
		if err := ch.fitSMS(&r); err != nil {
			return Rendered{}, err
		}
	}
	return r, nil
}

// fitSMS settles the SMS text and its cost. A text over the job's segment
// limit is skipped rather than cut: a message cut mid-sentence can mislead a
// customer about an amount or a date.
func (ch *ChannelSpec) fitSMS(r *Rendered) error {
	r.Text = strings.TrimSpace(r.Text)
	scheme := ch.Scheme
	if scheme == "" {
		scheme = SchemeTurkish
	}
	info := CountSMS(r.Text, scheme, ch.OperatorReserve)
	if ch.Transliterate {
		// Only when it costs no more: a text that stays UCS-2 (an emoji,
		// a UCS-2-only provider) would pay a character for ₺ as "TL".
		t := Transliterate(r.Text)
		if ti := CountSMS(t, scheme, ch.OperatorReserve); ti.Segments <= info.Segments {
			r.Text, info = t, ti
		}
	}
	r.SMS = &info
	if ch.MaxSegments > 0 && info.Segments > ch.MaxSegments {
		code := ReasonTooManySegments
		// Transliteration helps only a provider that can send GSM-7: under
		// UCS-2 it saves nothing, and ₺ as "TL" even costs a character.
		if info.Encoding != EncGSM7 && !ch.Transliterate && scheme != SchemeUCS2 {
			code = ReasonTooManySegmentsTL
		}
		return skip(code, "segments", info.Segments, "encoding", info, "max", ch.MaxSegments)
	}
	return nil
}

// recipient picks the first usable address among the configured columns, and
// explains every rejected one when none is usable.
func (ch *ChannelSpec) recipient(rec Record) (string, error) {
	var refused []Reason
	for _, f := range ch.RecipientFields {
		raw := strings.TrimSpace(str(rec[f]))
		if raw == "" {
			continue
		}
		to, err := NormalizeRecipient(ch.Channel, raw, ch.Region)
		if err == nil {
			return to, nil
		}
		why := SkipReason(err)
		if why.IsZero() {
			why = R(ReasonPhoneInvalid).WithDetail(err.Error())
		}
		refused = append(refused, Reason{Code: ReasonRecipientField, Args: map[string]string{"field": f}, Parts: []Reason{why}})
	}
	if len(refused) == 0 {
		return "", skip(ReasonNoRecipient, "fields", strings.Join(ch.RecipientFields, ", "))
	}
	return "", &SkipError{Reason: Reason{Code: ReasonNoUsableRecipient, Parts: refused}}
}

// IsSkip reports whether err says a record was skipped rather than failed.
func IsSkip(err error) bool {
	var s *SkipError
	return errors.As(err, &s)
}

// TemplateErrors renders every template of every channel for rec, whatever
// its recipient, and returns the failures by channel. check uses it so a
// misspelled column is caught even on a sample row without a mobile number.
func (m *Mapper) TemplateErrors(rec Record) map[string]error {
	out := map[string]error{}
	for _, ch := range m.Channels {
		for _, t := range []*Template{ch.Subject, ch.Text, ch.HTML} {
			if t == nil {
				continue
			}
			// Too long is not a template error: the row is skipped, and
			// check shows that as a warning.
			if _, err := t.ExecuteLimit(rec, LimitFor(ch.Channel)); err != nil && !errors.Is(err, ErrTooLong) {
				out[ch.Channel] = err
				break
			}
		}
		if _, ok := out[ch.Channel]; !ok && ch.WhatsApp != nil {
			// Nor is an empty parameter: it is this record's (a missing
			// e-invoice link), and the row is skipped, or falls back.
			var empty *EmptyParameterError
			if _, _, err := ch.WhatsApp.Execute(rec); err != nil && !errors.Is(err, ErrTooLong) && !errors.As(err, &empty) {
				out[ch.Channel] = err
			}
		}
	}
	return out
}

// templateReason is why a template failed, in words the catalog can say in
// Turkish where they are known: most often a column the record lacks.
func templateReason(err error) Reason {
	var empty *EmptyParameterError
	if errors.As(err, &empty) {
		return empty.reason()
	}
	var te *TemplateError
	if errors.As(err, &te) && te.Column != "" {
		return R(ReasonTemplateNoColumn, "template", te.Name, "line", te.Line, "col", te.Col, "column", te.Column)
	}
	if te != nil && te.Null != nil {
		return te.Null.reason(te)
	}
	if te != nil && te.Kind != nil {
		return te.Kind.reason(te)
	}
	return R(ReasonTemplateFailed).WithDetail(err.Error())
}
