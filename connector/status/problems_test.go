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
	"github.com/akinsoft-connector/akinsoft-connector/notify/console"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
	"github.com/akinsoft-connector/akinsoft-connector/notify/smtp"
	"github.com/akinsoft-connector/akinsoft-connector/notify/webhook"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp"
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
		case !slices.Contains(kinds, kind), kind == "held", slices.Contains(failOrder, kind):
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

// Every reason code a provider client gives, and every provider text of
// the catalog, is given its kind of problem on a failed message in
// failKinds, the generic group too, so that a new code cannot fall into it
// unseen; and no skip reason is among them.
func TestEveryProviderReasonHasItsKind(t *testing.T) {
	codes := slices.Concat(netgsm.ReasonCodes, mutlucell.ReasonCodes, whatsapp.ReasonCodes, smtp.ReasonCodes,
		webhook.ReasonCodes, httpclient.ReasonCodes, console.ReasonCodes,
		[]string{notify.ReasonAbroad, notify.ReasonUnclassified, dispatch.ReasonGaveUp, dispatch.ReasonNotDelivered})
	for _, k := range catalog.Keys() {
		for _, prefix := range []string{"netgsm.", "mutlucell.", "whatsapp.", "smtp.", "webhook.", "http.", "console.", "provider."} {
			if _, skip := skipKinds[string(k)]; strings.HasPrefix(string(k), prefix) && !skip {
				codes = append(codes, string(k))
			}
		}
	}
	slices.Sort(codes)
	codes = slices.Compact(codes)
	kinds := append([]string{byParts, notAFailure}, failOrder...)
	for _, c := range codes {
		kind, ok := failKinds[c]
		switch {
		case !ok:
			t.Errorf("provider reason %q has no kind of problem in failKinds: say which (%q, the generic group, too, when meant)", c, failOther)
		case !slices.Contains(kinds, kind):
			t.Errorf("provider reason %q has kind %q, which is not a failure's kind of problem", c, kind)
		}
	}
	for c := range failKinds {
		if !slices.Contains(codes, c) {
			t.Errorf("failKinds names %q, which no provider gives and the catalog has no text of", c)
		}
	}
	for _, kind := range failOrder {
		if kind != failRefusal && !slices.Contains(problemKinds, kind) {
			t.Errorf("the failures' kind %q is not among the page's problemKinds", kind)
		}
	}
}

// A failed message lands in the group whose fix fits its provider's
// reason, wherever dispatch put it (a refused send, a report or a WhatsApp
// status inside "not delivered", retries run out); a reason the table does
// not know is the generic group's.
func TestProblemOfAFailure(t *testing.T) {
	r := mapping.R
	with := func(r mapping.Reason, parts ...mapping.Reason) mapping.Reason { r.Parts = parts; return r }
	undelivered := func(why mapping.Reason) mapping.Reason { return with(r(dispatch.ReasonNotDelivered), why) }
	for _, tc := range []struct {
		name    string
		channel string
		why     mapping.Reason
		want    string
	}{
		{"a foreign number", "sms", r(notify.ReasonAbroad, "provider", "NetGSM", "country", "DE"), failAbroad},
		{"not a Turkish mobile", "sms", r(netgsm.ReasonNotTurkishMobile), failRecipient},
		{"reported blacklisted", "sms", undelivered(r("netgsm.report.15")), failRecipient},
		{"an operator's error on an invalid number", "sms",
			undelivered(with(r(netgsm.ReasonOperatorError, "error", "105"), r("netgsm.report.3"))), failRecipient},
		{"Mutlucell: an unused number", "sms", undelivered(r("mutlucell.report.15")), failRecipient},
		{"not on WhatsApp", "whatsapp", r("whatsapp.131026"), failRecipient},
		{"not on WhatsApp, by its status", "whatsapp", undelivered(r("whatsapp.131026")), failRecipient},
		{"no such mailbox", "email", r(smtp.ReasonNoMailbox), failRecipient},
		{"not an address", "email", r(smtp.ReasonBadRecipient), failRecipient},
		{"the text too long", "sms", r("netgsm.20"), failContent},
		{"a template not approved", "whatsapp", r("whatsapp.132001"), failContent},
		{"a template paused, by its status", "whatsapp", undelivered(r("whatsapp.132015")), failContent},
		{"no template", "whatsapp", r(whatsapp.ReasonNoTemplate), failContent},
		{"the sender refused", "email", r(smtp.ReasonSenderRefused), failContent},
		{"a bug or a bad number", "sms", r("netgsm.70"), failOther},
		{"rejected by the operator", "sms", undelivered(r("netgsm.report.11")), failOther},
		{"retries ran out", "sms", with(r(dispatch.ReasonGaveUp, "attempts", "8"), r("netgsm.80")), failOther},
		{"a mail server's own refusal", "email", r(smtp.ReasonRefused), failOther},
		{"a webhook receiver's refusal", "webhook", r(webhook.ReasonRefused, "status", "422"), failOther},
		{"an unknown WhatsApp code", "whatsapp", r(whatsapp.ReasonRefused), failOther},
		{"a reason stored before codes", "sms", mapping.Reason{Detail: "invalid number"}, failOther},
		{"a code this version does not know", "sms", r("netgsm.from_a_later_version"), failOther},
		{"NetGSM: a wrong number, as a delivery error", "sms",
			undelivered(with(r(netgsm.ReasonOperatorError, "error", "105"), r("netgsm.report.12"))), failRecipient},
		{"NetGSM: closed to SMS", "sms", undelivered(with(r(netgsm.ReasonOperatorError, "error", "112"), r("netgsm.report.12"))), failRecipient},
		{"NetGSM: the phone was off", "sms", undelivered(with(r(netgsm.ReasonOperatorError, "error", "102"), r("netgsm.report.2"))), failOther},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Problem(outbox.StatusFailed, tc.channel, tc.why); got != tc.want {
				t.Errorf("Problem(failed, %s, %s) = %q, want %q", tc.channel, tc.why, got, tc.want)
			}
			if !Rereadable(outbox.StatusFailed, tc.channel, tc.why) {
				t.Errorf("a message failed with %s cannot be read again from Wolvox", tc.why)
			}
		})
	}
	for _, kind := range failOrder {
		if kind != failRefusal && !slices.Contains(rereadKinds, kind) {
			t.Errorf("failed messages of kind %q cannot be read again from Wolvox (rereadKinds)", kind)
		}
	}
}

// A customer's refusal reported by the provider is no problem to fix and
// is never read again from Wolvox: a bulk re-read must not queue it to be
// refused once more.
func TestACustomersRefusalIsNoProblem(t *testing.T) {
	undelivered := func(code string) mapping.Reason {
		return mapping.Reason{Code: dispatch.ReasonNotDelivered, Parts: []mapping.Reason{mapping.R(code)}}
	}
	for _, tc := range []struct {
		channel string
		why     mapping.Reason
	}{
		{"sms", undelivered("netgsm.report.16")},
		{"sms", mapping.Reason{Code: dispatch.ReasonNotDelivered, Parts: []mapping.Reason{
			{Code: netgsm.ReasonOperatorError, Args: map[string]string{"error": "105"}, Parts: []mapping.Reason{mapping.R("netgsm.report.16")}}}}},
		{"whatsapp", mapping.R("whatsapp.131050")},
		{"whatsapp", undelivered("whatsapp.131050")},
	} {
		if got := Problem(outbox.StatusFailed, tc.channel, tc.why); got != "" {
			t.Errorf("Problem(failed, %s, %s) = %q, want none", tc.channel, tc.why, got)
		}
		if Rereadable(outbox.StatusFailed, tc.channel, tc.why) {
			t.Errorf("a message the customer refused (%s) can be read again", tc.why)
		}
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
