package status

import (
	"slices"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/consent"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// Every reason a message can be skipped with is given its kind of problem
// in skipKinds, "other" included, so that a new reason cannot fall into
// "other" unseen: the reasons of the layers that skip messages, and every
// skip and recipient text of the catalog.
func TestEverySkipReasonHasItsKind(t *testing.T) {
	codes := slices.Concat(mapping.ReasonCodes, erp.ReasonCodes, poll.ReasonCodes, dispatch.ReasonCodes,
		outbox.ReasonCodes, consent.ReasonCodes)
	for _, k := range catalog.Keys() {
		for _, prefix := range []string{"skip.", "recipient.", "limits.", "phonetype.", "preset.", "consent."} {
			if strings.HasPrefix(string(k), prefix) {
				codes = append(codes, string(k))
			}
		}
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	kinds := append([]string{noProblem, byParts, noRecipient, notASkip}, problemKinds...)
	for _, c := range codes {
		kind, ok := skipKinds[c]
		switch {
		case !ok:
			t.Errorf("reason %q has no kind of problem in skipKinds: say which (\"other\" too, when meant)", c)
		case !slices.Contains(kinds, kind), kind == "held", kind == "refused", kind == "abroad":
			t.Errorf("reason %q has kind %q, which is not a skip's kind of problem", c, kind)
		}
	}
	for c := range skipKinds {
		if !slices.Contains(codes, c) {
			t.Errorf("skipKinds names %q, which no layer gives and the catalog has no text of", c)
		}
	}
}

// Each skip lands in the group whose fix fits it; a reason made of several
// in the first one's of skipOrder.
func TestProblemOfASkip(t *testing.T) {
	r := mapping.R
	with := func(r mapping.Reason, parts ...mapping.Reason) mapping.Reason { r.Parts = parts; return r }
	field := func(parts ...mapping.Reason) mapping.Reason {
		return with(r(mapping.ReasonRecipientField, "field", "CEP_TEL"), parts...)
	}
	for _, tc := range []struct {
		name    string
		st      outbox.Status
		channel string
		why     mapping.Reason
		want    string
	}{
		{"a column the record lacks", outbox.StatusSkipped, "sms", r(mapping.ReasonTemplateNoColumn, "column", "VADE"), "template"},
		{"a NULL value", outbox.StatusSkipped, "sms", r(mapping.ReasonTemplateNull), "template"},
		{"an empty WhatsApp parameter", outbox.StatusSkipped, "whatsapp", r(mapping.ReasonWhatsAppEmpty), "template"},
		{"a message past its limit", outbox.StatusSkipped, "whatsapp", r(mapping.ReasonTooLongChars), "template"},
		{"a landline", outbox.StatusSkipped, "sms", with(r(mapping.ReasonNoUsableRecipient), field(r(mapping.ReasonLandline))), "landline"},
		{"a VoIP number", outbox.StatusSkipped, "sms",
			with(r(mapping.ReasonNoUsableRecipient), field(with(r(mapping.ReasonNotMobile), r("phonetype.voip")))), "landline"},
		{"a landline beside a wrong number", outbox.StatusSkipped, "sms",
			with(r(mapping.ReasonNoUsableRecipient), field(r(mapping.ReasonPhoneInvalid)), field(r(mapping.ReasonLandline))), "landline"},
		{"a wrong number", outbox.StatusSkipped, "sms", with(r(mapping.ReasonNoUsableRecipient), field(r(mapping.ReasonNotAPhone))), "bad_phone"},
		{"an address past SMTP's limit", outbox.StatusSkipped, "email", with(r(mapping.ReasonNoUsableRecipient), field(r(mapping.ReasonEmailTooLong))), "bad_email"},
		{"no phone", outbox.StatusSkipped, "sms", r(mapping.ReasonNoRecipient, "fields", "CEP_TEL"), "no_mobile"},
		{"no e-mail address", outbox.StatusSkipped, "email", r(mapping.ReasonNoRecipient, "fields", "E_MAIL"), "no_email"},
		{"the invoice's customer is missing", outbox.StatusSkipped, "sms", r(erp.ReasonInvoiceCustomerMissing), "customer_missing"},
		{"opted out", outbox.StatusSkipped, "sms", r(dispatch.ReasonOptedOut), ""},
		{"refused in İYS", outbox.StatusSkipped, "sms", with(r(dispatch.ReasonNoConsent), r(consent.ReasonRefused)), ""},
		{"no consent in İYS", outbox.StatusSkipped, "sms", with(r(dispatch.ReasonNoConsent), r(consent.ReasonNone)), "other"},
		{"Wolvox sent it", outbox.StatusSkipped, "sms", r(poll.ReasonWolvoxSent), ""},
		{"an earlier channel sent it", outbox.StatusSkipped, "email", r(outbox.ReasonNotNeeded), ""},
		{"no contact person", outbox.StatusSkipped, "sms", r(poll.ReasonNoContacts), "other"},
		{"a reason stored before codes", outbox.StatusSkipped, "sms", mapping.Reason{Detail: "no recipient"}, "other"},
		{"a code this version does not know", outbox.StatusSkipped, "sms", r("skip.from_a_later_version"), "other"},
		{"failed", outbox.StatusFailed, "sms", r("netgsm.70"), "refused"},
		{"a foreign number", outbox.StatusFailed, "sms", r(notify.ReasonAbroad, "provider", "NetGSM", "country", "DE"), "abroad"},
		{"held", outbox.StatusHeld, "sms", r(dispatch.ReasonUncertainHeld), "held"},
		{"sent", outbox.StatusSent, "sms", mapping.Reason{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Problem(tc.st, tc.channel, tc.why); got != tc.want {
				t.Errorf("Problem(%s, %s, %s) = %q, want %q", tc.st, tc.channel, tc.why, got, tc.want)
			}
		})
	}
}

// Away from the page a fix is the one for a reader without its buttons,
// and says nothing of a list; a kind that is no problem has none.
func TestFixAwayFromThePage(t *testing.T) {
	for _, tc := range []struct {
		kind string
		tr   string
		en   string
	}{
		{"template", "Mesaj şablonu bu kayıt için çalışmadı: BT sorumlunuza haber verin (akinsoft-connector check sorunu gösterir).",
			"The message template failed for this record: tell your IT person (akinsoft-connector check shows the problem)."},
		{"refused", "Numara ya da adres yanlışsa cari kartında düzeltin; BT sorumlunuz mesajı durum sayfasından yeniden gönderebilir. Sağlayıcı hesabında bir sorun varsa BT sorumlunuza haber verin.",
			"If the number or address is wrong, correct it on the account card; your IT person can then send the message again from the status page. If the provider account has a problem, tell your IT person."},
		{"other", "Çözemezseniz BT sorumlunuza haber verin.", "If you cannot fix it, tell your IT person."},
		{"", "", ""},
	} {
		if tr, en := Fix(catalog.TR, tc.kind), Fix(catalog.EN, tc.kind); tr != tc.tr || en != tc.en {
			t.Errorf("Fix(%q) = %q / %q, want %q / %q", tc.kind, tr, en, tc.tr, tc.en)
		}
	}
	for _, kind := range problemKinds {
		if Fix(catalog.TR, kind) == "" || Fix(catalog.EN, kind) == "" {
			t.Errorf("kind %q has no fix", kind)
		}
	}
}
