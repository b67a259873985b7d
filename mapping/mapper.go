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
}

// Rendered is one channel's result for one record: a message, or a skip reason.
type Rendered struct {
	Channel string
	To      string
	Subject string
	Text    string
	HTML    string
	// Skip is set when the record cannot produce this message; the reason
	// is stored with the message as "skipped".
	Skip string
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
		r, err := ch.render(rec)
		if err != nil {
			r = Rendered{Channel: ch.Channel, Skip: err.Error()}
		}
		out = append(out, r)
	}
	return out
}

func (ch *ChannelSpec) render(rec Record) (Rendered, error) {
	to, err := ch.recipient(rec)
	if err != nil {
		return Rendered{}, err
	}
	r := Rendered{Channel: ch.Channel, To: to}
	for _, p := range []struct {
		t   *Template
		dst *string
	}{{ch.Subject, &r.Subject}, {ch.Text, &r.Text}, {ch.HTML, &r.HTML}} {
		if p.t == nil {
			continue
		}
		s, err := p.t.Execute(rec)
		if err != nil {
			return Rendered{}, skipf("template failed: %v", err)
		}
		*p.dst = s
	}
	r.Subject = strings.TrimSpace(r.Subject)
	if strings.TrimSpace(r.Text) == "" && strings.TrimSpace(r.HTML) == "" {
		return Rendered{}, skipf("the template rendered an empty message")
	}
	return r, nil
}

// recipient picks the first usable address among the configured columns, and
// explains every rejected one when none is usable.
func (ch *ChannelSpec) recipient(rec Record) (string, error) {
	var reasons []string
	for _, f := range ch.RecipientFields {
		raw := strings.TrimSpace(str(rec[f]))
		if raw == "" {
			continue
		}
		var to string
		var err error
		switch ch.Channel {
		case "email":
			to, err = NormalizeEmail(raw)
		case "webhook":
			to = raw
		default:
			to, err = NormalizeMobile(raw, ch.Region)
		}
		if err == nil {
			return to, nil
		}
		reasons = append(reasons, fmt.Sprintf("%s: %v", f, err))
	}
	if len(reasons) == 0 {
		return "", skipf("no recipient: %s empty", strings.Join(ch.RecipientFields, ", "))
	}
	return "", &SkipError{Reason: "no usable recipient: " + strings.Join(reasons, "; ")}
}

// IsSkip reports whether err says a record was skipped rather than failed.
func IsSkip(err error) bool {
	var s *SkipError
	return errors.As(err, &s)
}
