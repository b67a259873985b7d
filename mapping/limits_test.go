package mapping

import (
	"errors"
	"strings"
	"testing"
)

// A template that writes 2,000,000 characters was queued and sent as one
// SMS of thousands of billed segments. Every channel's output is bounded:
// past its limit the message is skipped as too long, whatever max_segments
// says (here none), and the template stops writing there.
func TestTemplateOutputIsBoundedPerChannel(t *testing.T) {
	huge := strings.Repeat("x", 2_000_000)
	rec := invoice(Record{"NOT": huge})
	wa, err := ParseWhatsApp("jobs.inv.whatsapp", WhatsAppSource{Template: "fatura", Body: []WhatsAppParam{{Value: "{{.NOT}}"}}}, DefaultFormats())
	if err != nil {
		t.Fatal(err)
	}
	m := &Mapper{Channels: []ChannelSpec{
		{Channel: "sms", RecipientFields: []string{"CEP_TEL"}, Region: "TR", Text: mustText(t, "jobs.inv.sms.text", "{{.NOT}}")},
		{Channel: "whatsapp", RecipientFields: []string{"CEP_TEL"}, Region: "TR", WhatsApp: wa},
		{Channel: "email", RecipientFields: []string{"E_MAIL"}, Subject: mustText(t, "jobs.inv.email.subject", "Fatura"),
			Text: mustText(t, "jobs.inv.email.text", "{{.NOT}}{{.NOT}}")},
		{Channel: "webhook", RecipientFields: []string{"FATURA_NO"}, Text: mustText(t, "jobs.inv.webhook.text", "{{.NOT}}")},
	}}
	want := map[string]Reason{
		"sms":      R(ReasonTooLong, "channel", "sms", "limit", LimitSMS),
		"whatsapp": R(ReasonTooLong, "channel", "whatsapp", "limit", LimitWhatsAppParam),
		"email":    R(ReasonTooLong, "channel", "email", "limit", LimitEmail),
		"webhook":  R(ReasonTooLong, "channel", "webhook", "limit", LimitWebhook),
	}
	for _, r := range m.Map(rec) {
		if r.Skip == nil {
			t.Errorf("%s: a %d-byte message was rendered (%d bytes), not skipped as too long", r.Channel, len(huge), len(r.Text))
			continue
		}
		if r.Skip.String() != want[r.Channel].String() {
			t.Errorf("%s: skipped with %s, want %s", r.Channel, r.Skip, want[r.Channel])
		}
		if r.Text != "" {
			t.Errorf("%s: a skipped message keeps %d bytes of text", r.Channel, len(r.Text))
		}
	}
	// A too-long output is not a template error: check warns about it
	// instead of failing the config.
	if errs := m.TemplateErrors(rec); len(errs) > 0 {
		t.Errorf("TemplateErrors reports a long output as broken templates: %v", errs)
	}
}

// The limits let through everything a channel can really carry: ten full
// SMS segments of Turkish text, a WhatsApp parameter of exactly 1024
// characters.
func TestLimitsKeepWhatFits(t *testing.T) {
	tr := strings.Repeat("ş", 10*160) // two bytes each
	if _, err := mustText(t, "a", "{{.X}}").ExecuteLimit(Record{"X": tr}, LimitSMS); err != nil {
		t.Errorf("ten segments of Turkish text: %v", err)
	}
	wa, err := ParseWhatsApp("w", WhatsAppSource{Template: "t", Body: []WhatsAppParam{{Value: "{{.X}}"}}}, DefaultFormats())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := wa.Execute(Record{"X": strings.Repeat("ğ", WhatsAppParamChars)}); err != nil {
		t.Errorf("a parameter of %d characters: %v", WhatsAppParamChars, err)
	}
	_, _, err = wa.Execute(Record{"X": strings.Repeat("ğ", WhatsAppParamChars+1)})
	var te *TooLongError
	if !errors.As(err, &te) || !te.Chars || te.Limit != WhatsAppParamChars {
		t.Errorf("a parameter of %d characters: %v, want too long (characters)", WhatsAppParamChars+1, err)
	}
	if _, err := mustText(t, "b", "{{.X}}").Execute(Record{"X": strings.Repeat("y", LimitDefault+1)}); !errors.Is(err, ErrTooLong) {
		t.Errorf("Execute without a limit of its own: %v, want ErrTooLong", err)
	}
}
