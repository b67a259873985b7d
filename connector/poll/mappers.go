package poll

import (
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// mapperBuilder turns a job's messages into a mapper. A channel the job
// names without a text gets the preset's Turkish default; a staff mapper
// sends to the shop's own addresses with the preset's staff defaults.
type mapperBuilder struct {
	cfg       *config.Config
	job       config.Job
	preset    erp.Preset
	formats   mapping.Formats
	statement *statementSpec // a statement preset's e-mail carries the PDF
}

// staffField is the record field a staff message's recipient is read from:
// the step's address for that channel, put into the record (steps.go).
func staffField(channel string) string {
	return "PERSONEL_" + map[string]string{"sms": "SMS", "whatsapp": "WHATSAPP", "email": "E_MAIL"}[channel]
}

// build is the mapper of msgs, named name in template errors. With staff,
// only its channels are sent, to its addresses.
func (b mapperBuilder) build(name string, msgs config.Messages, staff map[string]string) (*mapping.Mapper, error) {
	m := &mapping.Mapper{}
	add := func(channel string, to []string, subject, text, html string, extra func(*mapping.ChannelSpec) error) error {
		key := channel
		spec := mapping.ChannelSpec{Channel: channel, RecipientFields: to, Region: b.cfg.Formats.PhoneRegion}
		if staff != nil {
			key = "staff:" + channel
			spec.RecipientFields = []string{staffField(channel)}
		}
		if len(spec.RecipientFields) == 0 {
			spec.RecipientFields = b.preset.Recipients[channel]
		}
		if def, ok := b.preset.Templates[key]; ok && text == "" && html == "" {
			text = def.Text
			if subject == "" {
				subject = def.Subject
			}
		}
		var err error
		tname := name + "." + channel
		if subject != "" {
			if spec.Subject, err = mapping.ParseText(tname+".subject", subject, b.formats); err != nil {
				return err
			}
		}
		if text != "" {
			if spec.Text, err = mapping.ParseText(tname+".text", text, b.formats); err != nil {
				return err
			}
		}
		if html != "" {
			if spec.HTML, err = mapping.ParseHTML(tname+".html", html, b.formats); err != nil {
				return err
			}
		}
		if extra != nil {
			if err := extra(&spec); err != nil {
				return err
			}
		}
		m.Channels = append(m.Channels, spec)
		return nil
	}
	wanted := func(channel string) bool { _, ok := staff[channel]; return staff == nil || ok }
	var err error
	if msgs.SMS != nil && wanted("sms") {
		err = add("sms", msgs.SMS.To, "", msgs.SMS.Text, "", func(s *mapping.ChannelSpec) error {
			return smsSettings(s, b.cfg.Channels.SMS, b.job.MaxSegments, msgs.SMS.Transliterate)
		})
	}
	if msgs.WhatsApp != nil && wanted("whatsapp") && err == nil {
		w := msgs.WhatsApp
		err = add("whatsapp", w.To, "", w.Text, "", func(s *mapping.ChannelSpec) error {
			var err error
			s.WhatsApp, err = mapping.ParseWhatsApp(name+".whatsapp", whatsAppSource(w), b.formats)
			return err
		})
	}
	if msgs.Email != nil && wanted("email") && err == nil {
		err = add("email", msgs.Email.To, msgs.Email.Subject, msgs.Email.Text, msgs.Email.HTML, b.statementPDF(name))
	}
	if msgs.Webhook != nil && staff == nil && err == nil {
		err = add("webhook", msgs.Webhook.To, "", msgs.Webhook.Text, "", nil)
	}
	if err != nil {
		return nil, err
	}
	return m, nil
}

// merged is a step's messages over the job's, channel by channel.
func merged(job config.Messages, step *config.Messages) config.Messages {
	if step == nil {
		return job
	}
	out := job
	if step.SMS != nil {
		out.SMS = step.SMS
	}
	if step.WhatsApp != nil {
		out.WhatsApp = step.WhatsApp
	}
	if step.Email != nil {
		out.Email = step.Email
	}
	if step.Webhook != nil {
		out.Webhook = step.Webhook
	}
	return out
}

// staffMessages are a staff step's messages: its own, else the preset's
// staff defaults, for each channel it has an address for.
func staffMessages(step *config.Messages, staff map[string]string) config.Messages {
	var out config.Messages
	if step != nil {
		out = *step
	}
	if _, ok := staff["sms"]; ok && out.SMS == nil {
		out.SMS = &config.TextMessage{}
	}
	if _, ok := staff["email"]; ok && out.Email == nil {
		out.Email = &config.EmailMessage{}
	}
	out.Webhook = nil
	return out
}

// contactMapper is m addressed to a contact person: the contact's mobile
// and e-mail instead of the account's. A webhook goes to the shop's own
// system, not to people: it has no contact variant.
func contactMapper(m *mapping.Mapper) *mapping.Mapper {
	out := &mapping.Mapper{}
	for _, ch := range m.Channels {
		switch ch.Channel {
		case "sms", "whatsapp":
			ch.RecipientFields = []string{"YETKILI_CEP_TEL"}
		case "email":
			ch.RecipientFields = []string{"YETKILI_E_MAIL"}
		default:
			continue
		}
		out.Channels = append(out.Channels, ch)
	}
	return out
}

func copyRecord(r erp.Record) erp.Record {
	if r == nil {
		return nil
	}
	out := make(erp.Record, len(r)+8)
	for k, v := range r {
		out[k] = v
	}
	return out
}

// statementPDF attaches a statement preset's PDF to its e-mail, under the
// preset's file name.
func (b mapperBuilder) statementPDF(name string) func(*mapping.ChannelSpec) error {
	if b.statement == nil {
		return nil
	}
	return func(s *mapping.ChannelSpec) error {
		t, err := mapping.ParseText(name+".email.attachment", b.preset.Templates["email:attachment"].Text, b.formats)
		if err != nil {
			return err
		}
		s.Attachments = append(s.Attachments, b.statement.attachment(t))
		return nil
	}
}
