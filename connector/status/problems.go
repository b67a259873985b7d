package status

import (
	"slices"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/consent"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// problemKinds are the message problems in the order the list shows them.
var problemKinds = []string{"held", "no_mobile", "landline", "bad_phone", "no_email", "bad_email", "customer_missing", "template",
	"abroad", "refused_recipient", "refused_content", "refused", "other"}

// What a skip reason's code says by itself, beside the kinds of problem.
const (
	noProblem   = ""            // the skip was right: a refusal, a message someone else sent
	byParts     = "parts"       // it says nothing by itself: the reasons it is made of decide
	noRecipient = "no_receiver" // no_mobile or no_email, by the message's channel
	notASkip    = "not a skip"  // the code never marks a skipped message (a failure, a wait, a query refused)
)

// skipKinds is the kind of problem each skip reason shows, by its code.
// Every reason code a layer gives is here, so that a new one cannot fall
// into "other" unseen (TestEverySkipReasonHasItsKind): "other" is said
// where it is meant.
var skipKinds = map[string]string{
	// Refusals and messages not needed: nothing to fix.
	dispatch.ReasonOptedOut:          noProblem,
	dispatch.ReasonRefusedByReply:    noProblem,
	dispatch.ReasonRefusedByProvider: noProblem,
	consent.ReasonRefused:            noProblem,
	outbox.ReasonForgotten:           noProblem,
	outbox.ReasonNotNeeded:           noProblem,
	outbox.ReasonForgetStop:          noProblem,
	outbox.ReasonForgetErase:         noProblem,
	poll.ReasonWolvoxSent:            noProblem,

	erp.ReasonInvoiceCustomerMissing: "customer_missing",
	erp.ReasonPaymentCustomerMissing: "customer_missing",

	// The template (or its output) cannot be sent: IT fixes the config.
	mapping.ReasonTemplateFailed:         "template",
	mapping.ReasonTemplateNoColumn:       "template",
	mapping.ReasonTemplateNull:           "template",
	mapping.ReasonTemplateNullValue:      "template",
	mapping.ReasonTemplateNotNumber:      "template",
	mapping.ReasonTemplateNotNumberValue: "template",
	mapping.ReasonTemplateNotDate:        "template",
	mapping.ReasonTemplateNotDateValue:   "template",
	mapping.ReasonRenderPanic:            "template",
	mapping.ReasonEmptyMessage:           "template",
	mapping.ReasonWhatsAppEmpty:          "template",
	mapping.ReasonTooManySegments:        "template",
	mapping.ReasonTooManySegmentsTL:      "template",
	mapping.ReasonTooLong:                "template",
	mapping.ReasonTooLongChars:           "template",
	mapping.ReasonSubjectTooLong:         "template",

	mapping.ReasonLandline:  "landline",
	mapping.ReasonNotMobile: "landline",

	mapping.ReasonPhoneInvalid:    "bad_phone",
	mapping.ReasonPhoneUnreadable: "bad_phone",
	mapping.ReasonNotAPhone:       "bad_phone",
	mapping.ReasonPhoneTooLong:    "bad_phone",

	mapping.ReasonEmailInvalid:      "bad_email",
	mapping.ReasonEmailNoDomain:     "bad_email",
	mapping.ReasonEmailTooLong:      "bad_email",
	mapping.ReasonEmailLocalTooLong: "bad_email",
	mapping.ReasonEmailLabelTooLong: "bad_email",

	mapping.ReasonNoRecipient:  noRecipient,
	mapping.ReasonNoPhone:      noRecipient,
	mapping.ReasonEmptyAddress: noRecipient,
	mapping.ReasonNoEmail:      noRecipient,

	// Others: the list says why.
	mapping.ReasonAttachmentFailed:   "other", // the statement's PDF could not be made
	poll.ReasonNoContacts:            "other", // Wolvox flags no contact person of the customer
	poll.ReasonStatementUnreadable:   "other",
	consent.ReasonNone:               "other", // İYS holds no consent: the shop registers it there
	dispatch.ReasonRefusedNoFallback: "other", // the channel's consent is unknown: its iys: setting

	// Containers: their parts decide.
	mapping.ReasonNoUsableRecipient: byParts,
	mapping.ReasonRecipientField:    byParts,
	dispatch.ReasonNoConsent:        byParts,
	"phonetype.toll_free":           byParts, "phonetype.premium_rate": byParts, "phonetype.shared_cost": byParts,
	"phonetype.voip": byParts, "phonetype.personal": byParts, "phonetype.pager": byParts, "phonetype.company": byParts,
	"phonetype.voicemail": byParts, "phonetype.unknown": byParts,
	"whatsapp.part.header": byParts, "whatsapp.part.body": byParts, "whatsapp.part.button": byParts,
	mapping.ValueText: byParts, mapping.ValueNumber: byParts, mapping.ValueDate: byParts, mapping.ValueBool: byParts,
	mapping.ValueOther: byParts,

	// Reasons of failures, waits and uncertainty, of refused queries, and
	// of notes and forget's report.
	dispatch.ReasonOptOutUnreadable: notASkip, dispatch.ReasonDailyCap: notASkip, dispatch.ReasonGaveUp: notASkip,
	dispatch.ReasonNoReportAPI: notASkip, dispatch.ReasonReportSilent: notASkip, dispatch.ReasonProvenAbsent: notASkip,
	dispatch.ReasonReportAccepted: notASkip, dispatch.ReasonNotDelivered: notASkip, dispatch.ReasonUncertainResend: notASkip,
	dispatch.ReasonUncertainHeld: notASkip, dispatch.ReasonConsentUnreadable: notASkip, dispatch.ReasonNoStatus: notASkip,
	outbox.ReasonInterrupted: notASkip, outbox.ReasonForgetUnchecked: notASkip, outbox.ReasonForgetKeptKey: notASkip,
	outbox.ReasonForgetKeptCursor: notASkip, poll.ReasonAbsentColumns: notASkip,
	erp.ReasonSQLEmpty: notASkip, erp.ReasonSQLStatements: notASkip, erp.ReasonSQLSecondSelect: notASkip,
	erp.ReasonSQLNotSelect: notASkip, erp.ReasonSQLForbidden: notASkip, erp.ReasonSQLNotUTF8: notASkip,
	erp.ReasonSQLOpenComment: notASkip, erp.ReasonSQLOpenQString: notASkip, erp.ReasonSQLOpenString: notASkip,
	erp.ReasonSQLOpenName: notASkip, erp.ReasonSQLControl: notASkip, erp.ReasonSQLInvisible: notASkip,
	erp.ReasonSQLParenClose: notASkip, erp.ReasonSQLParenOpen: notASkip, erp.ReasonSQLNextValue: notASkip,
	erp.ReasonSQLWithLock: notASkip, erp.ReasonSQLGenID: notASkip, erp.ReasonSQLProcedureCall: notASkip,
	erp.ReasonSQLPackaged: notASkip, erp.ReasonSQLProcedure: notASkip, erp.ReasonSQLFunction: notASkip,
	erp.ReasonParamList: notASkip, erp.ReasonParamDays: notASkip, erp.ReasonParamAllocation: notASkip,
	erp.ReasonParamLinkColumn: notASkip, erp.ReasonParamLinkTo: notASkip,
}

// customerRefusals are the skip reasons that say the customer refused the
// message (each is noProblem in skipKinds): a commercial fallback is not
// read again in their place.
var customerRefusals = []string{dispatch.ReasonOptedOut, dispatch.ReasonRefusedByReply, dispatch.ReasonRefusedByProvider, consent.ReasonRefused}

// CustomerRefused reports whether a message in state st with reason r was
// stopped by the customer's own refusal: skipped for an opt-out, a RET
// reply, a provider's or İYS's refusal, or failed with a provider's report
// of one.
func CustomerRefused(st outbox.Status, r mapping.Reason) bool {
	switch st {
	case outbox.StatusFailed:
		return failKind(r) == failRefusal
	case outbox.StatusSkipped:
		for _, c := range reasonCodes(r, nil) {
			if slices.Contains(customerRefusals, c) {
				return true
			}
		}
	}
	return false
}

// skipOrder decides a reason made of several (two columns, each refused
// for its own cause): the first kind here that one of its codes shows.
var skipOrder = []string{noProblem, "customer_missing", "template", "landline", "bad_phone", "bad_email", noRecipient}

// Problem is the kind of problem a message in state st on channel shows
// with reason r, as the owner's list groups them ("template",
// "no_mobile"…); "" for none: a customer who refused messages, or one
// Wolvox already told, is not a problem.
func Problem(st outbox.Status, channel string, r mapping.Reason) string {
	switch st {
	case outbox.StatusHeld:
		return "held"
	case outbox.StatusFailed:
		if kind := failKind(r); kind != failRefusal {
			return kind
		}
		return "" // the customer's refusal: nothing to fix
	case outbox.StatusSkipped:
	default:
		return ""
	}
	best := len(skipOrder)
	for _, c := range reasonCodes(r, nil) {
		kind, known := skipKinds[c]
		if i := slices.Index(skipOrder, kind); known && i >= 0 && i < best {
			best = i
		}
	}
	switch {
	case best == len(skipOrder):
		return "other"
	case skipOrder[best] != noRecipient:
		return skipOrder[best]
	case channel == "email":
		return "no_email"
	}
	return "no_mobile"
}

// rereadKinds are the problems a correction in Wolvox (or of the job's
// template) can mend, so that reading the record again may send the
// message: a number added or corrected, a customer card linked, a NULL
// amount filled in.
var rereadKinds = []string{"no_mobile", "landline", "bad_phone", "no_email", "bad_email", "customer_missing", "template",
	"abroad", "refused_recipient", "refused_content", "refused"}

// Rereadable reports whether a message in state st on channel with reason
// r may be read again from Wolvox (the page's button, Daemon.Reread): one
// skipped or failed for a problem in the record, never one a customer
// refused, forget stopped or Wolvox itself sent.
func Rereadable(st outbox.Status, channel string, r mapping.Reason) bool {
	if st != outbox.StatusSkipped && st != outbox.StatusFailed {
		return false
	}
	for _, c := range reasonCodes(r, nil) {
		if kind, ok := skipKinds[c]; ok && kind == noProblem {
			return false
		}
	}
	return slices.Contains(rereadKinds, Problem(st, channel, r))
}

// fixOf is the kind of problem a message shows (Problem).
func fixOf(v MessageView) string { return Problem(v.Status, v.Channel, v.Why) }

// unreachable reports whether a failed message's reason says its channel
// can never reach the recipient (a foreign number on an SMS provider the
// connector sends to Turkish numbers only): retrying it is pointless, and
// the fix is another channel.
func unreachable(r mapping.Reason) bool { return failKind(r) == failAbroad }

// reasonCodes lists a reason's code and those of its parts.
func reasonCodes(r mapping.Reason, out []string) []string {
	if r.Code != "" {
		out = append(out, r.Code)
	}
	for _, p := range r.Parts {
		out = reasonCodes(p, out)
	}
	return out
}

// seeList starts the fix of the kinds whose fix is "the list says why".
var seeList = []string{"refused", "other"}

// Fix is what to do about a kind of problem (Problem) for one who reads
// it away from the page (the daily summary): the page's own fix for one
// without its buttons, without the "the list says why" the page puts
// before some; "" for a kind with no fix ("").
func Fix(l catalog.Lang, kind string) string {
	if kind == "" {
		return ""
	}
	return l.Text(fixKey(kind, false), nil)
}
