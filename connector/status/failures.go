package status

import (
	"slices"

	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
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

// The kinds of problem of a failed message, by what fixes it.
const (
	// failAbroad: a foreign number the SMS provider is not sent: another
	// channel (the job's fallback), or the number corrected.
	failAbroad = "abroad"
	// failRecipient: the number or address is wrong or cannot be reached
	// (invalid, blacklisted, not on WhatsApp, no such mailbox): corrected
	// in Wolvox, then read again.
	failRecipient = "refused_recipient"
	// failContent: the provider refused the text or its form (too long,
	// a WhatsApp template not approved or not matching, a sender name not
	// allowed): the job's template or the channel's setting is fixed, then
	// the message read again (written with today's template) or retried.
	failContent = "refused_content"
	// failOther: anything else, or a code whose cause is not one of these
	// for certain: the list says why.
	failOther = "refused"
	// failRefusal: the customer refused it (no İYS consent, WhatsApp's
	// marketing opt-out): nothing to fix, and nothing to read again.
	failRefusal = "customer_refused"
	// notAFailure: the code never marks a failed message (a check's
	// answer, a delivery on its way, a report, balance or inbox query).
	notAFailure = "not a failure"
)

// failOrder decides a failure whose reason names several codes (a report
// inside "not delivered", an operator's error code around a report's
// status): the first kind here that one of its codes shows.
var failOrder = []string{failRefusal, failAbroad, failRecipient, failContent, failOther}

// failKinds is the kind of problem each provider reason shows on a failed
// message, by its code: what the message failed with when the provider
// refused it for good, reported it undelivered (a report or a WhatsApp
// status), or retries ran out. It classifies by what fixes the cause, not
// by what the client does with the answer: a code that pauses the channel
// today says what its fix is all the same. Every reason code a provider
// client gives is here (TestEveryProviderReasonHasItsKind), so that a new
// one cannot fall into the generic group unseen; where a provider's words
// do not say for certain that the number or the text is at fault (NetGSM
// 70: "a bug or a bad number", Mutlucell's "erroneous"), the generic
// group, whose fix says the list tells why, is meant.
var failKinds = map[string]string{
	notify.ReasonAbroad:       failAbroad,
	notify.ReasonUnclassified: failOther,

	// The containers dispatch puts a provider's reason in: their parts decide.
	dispatch.ReasonGaveUp:       byParts,
	dispatch.ReasonNotDelivered: byParts,

	// NetGSM: its send's answer codes.
	"netgsm.20": failContent, // the text has a problem or is too long
	"netgsm.30": failOther,   // credentials, API access, the IP
	"netgsm.40": failContent, // the sender name (msgheader) is not on the account
	"netgsm.50": failOther,   // the account may not send İYS-checked messages
	"netgsm.51": failOther,   // no İYS brand on the account
	"netgsm.60": failOther,
	"netgsm.70": failOther, // a bug or a bad number: which, the list says
	"netgsm.80": failOther, "netgsm.85": failOther,
	"netgsm.100": failOther, "netgsm.101": failOther, "netgsm.110": failOther,
	netgsm.ReasonUnknownCode: failOther, netgsm.ReasonNoJobID: failOther, netgsm.ReasonHTTPCredentials: failOther,
	netgsm.ReasonSlowDown: failOther, netgsm.ReasonNoResultCode: failOther, netgsm.ReasonUnreadable: failOther,
	netgsm.ReasonNotTurkishMobile:  failRecipient,
	netgsm.ReasonHeaderNotApproved: failContent,
	// NetGSM's delivery report.
	"netgsm.report.3":  failRecipient, // invalid or restricted number
	"netgsm.report.15": failRecipient, // blacklisted
	"netgsm.report.2":  failOther, "netgsm.report.4": failOther, "netgsm.report.11": failOther,
	"netgsm.report.12": failOther, "netgsm.report.13": failOther, "netgsm.report.14": failOther,
	"netgsm.report.16": failRefusal, // İYS: the customer gave no consent
	"netgsm.report.17": failOther, "netgsm.report.103": failOther,
	netgsm.ReasonReportStatus:  failOther,
	netgsm.ReasonOperatorError: byParts, // its error number (netgsmErrors), then the report's status
	"netgsm.report.1":          notAFailure, netgsm.ReasonWaiting: notAFailure,
	netgsm.ReasonHeadersUnreadable: notAFailure, netgsm.ReasonCheckOK: notAFailure,
	netgsm.ReasonReportInterrupted: notAFailure, netgsm.ReasonReportUnreadable: notAFailure,
	netgsm.ReasonReportFailed: notAFailure, netgsm.ReasonReportPageLimit: notAFailure, netgsm.ReasonReportRepeated: notAFailure,
	netgsm.ReasonPagingNoProof: notAFailure, netgsm.ReasonNoWitness: notAFailure, netgsm.ReasonWitnessMissing: notAFailure,
	netgsm.ReasonProvenAbsent: notAFailure, netgsm.ReasonForeignRow: notAFailure, netgsm.ReasonSeveralJobs: notAFailure,
	netgsm.ReasonBalanceUnreadable: notAFailure, netgsm.ReasonBalanceNotNumber: notAFailure, netgsm.ReasonBalanceMissing: notAFailure,
	netgsm.ReasonInboxUnreadable: notAFailure, netgsm.ReasonBlacklistUnreadable: notAFailure,
	netgsm.ReasonIYSUnreadable: notAFailure, netgsm.ReasonIYSRefused: notAFailure,

	// Mutlucell: its send's answer codes.
	"mutlucell.20": failOther,   // the request's XML: a bug
	"mutlucell.21": failContent, // the sender name (originator) is not the account's
	"mutlucell.22": failOther, "mutlucell.23": failOther, "mutlucell.24": failOther,
	"mutlucell.25": failOther, "mutlucell.30": failOther,
	mutlucell.ReasonNothingSent: failOther, mutlucell.ReasonSlowDown: failOther, mutlucell.ReasonUnknownAnswer: failOther,
	// Mutlucell's delivery report.
	"mutlucell.report.12": failRecipient, // no line
	"mutlucell.report.15": failRecipient, // unused number
	"mutlucell.report.16": failRecipient, // closed to SMS
	"mutlucell.report.19": failRecipient, // teleservice closed
	"mutlucell.report.0":  failOther, "mutlucell.report.5": failOther, "mutlucell.report.6": failOther,
	"mutlucell.report.7": failOther, "mutlucell.report.11": failOther,
	"mutlucell.report.13": failOther, // "erroneous": the number or the message, it does not say
	"mutlucell.report.17": failOther, "mutlucell.report.18": failOther, "mutlucell.report.20": failOther,
	mutlucell.ReasonReportStatus: failOther,
	"mutlucell.report.1":         notAFailure, "mutlucell.report.2": notAFailure, "mutlucell.report.3": notAFailure,
	"mutlucell.report.4": notAFailure, mutlucell.ReasonCheckOK: notAFailure, mutlucell.ReasonCreditNotNumber: notAFailure,
	mutlucell.ReasonNoInboxNumber: notAFailure,

	// WhatsApp: Meta's codes, of a refused send or of a failed status.
	"whatsapp.131021": failRecipient, // the recipient is the sender
	"whatsapp.131026": failRecipient, // the number is not on WhatsApp
	"whatsapp.131008": failContent,   // a template parameter is missing
	"whatsapp.131047": failContent,   // not a template, outside the 24 hours
	"whatsapp.131051": failContent,   // a message type WhatsApp does not take
	"whatsapp.132000": failContent, "whatsapp.132001": failContent, "whatsapp.132005": failContent,
	"whatsapp.132007": failContent, "whatsapp.132012": failContent, "whatsapp.132015": failContent,
	"whatsapp.132016":         failContent,
	whatsapp.ReasonNoTemplate: failContent,
	"whatsapp.100":            failOther, "whatsapp.131009": failOther, // a parameter: the number or the text
	"whatsapp.131050": failRefusal, // the recipient stopped marketing messages (recorded as an opt-out)
	"whatsapp.131052": failOther, "whatsapp.131053": failOther, "whatsapp.135000": failOther,
	"whatsapp.0": failOther, "whatsapp.3": failOther, "whatsapp.10": failOther, "whatsapp.190": failOther,
	"whatsapp.368": failOther, "whatsapp.131005": failOther, "whatsapp.131031": failOther, "whatsapp.131042": failOther,
	"whatsapp.131045": failOther, "whatsapp.133010": failOther, "whatsapp.133016": failOther,
	"whatsapp.1": failOther, "whatsapp.2": failOther, "whatsapp.4": failOther, "whatsapp.17": failOther,
	"whatsapp.80007": failOther, "whatsapp.130429": failOther, "whatsapp.131000": failOther, "whatsapp.131016": failOther,
	"whatsapp.131048": failOther, "whatsapp.131049": failOther, "whatsapp.131056": failOther, "whatsapp.131057": failOther,
	whatsapp.ReasonPermission: failOther, whatsapp.ReasonSlowDown: failOther, whatsapp.ReasonServerError: failOther,
	whatsapp.ReasonRefused: failOther, whatsapp.ReasonPairWait: failOther, whatsapp.ReasonNoMessageID: failOther,
	whatsapp.ReasonNoErrorBody: failOther, whatsapp.ReasonRequestRefused: failOther,
	whatsapp.ReasonCheckOK: notAFailure,

	// SMTP.
	smtp.ReasonBadRecipient:  failRecipient, // not an address
	smtp.ReasonNoMailbox:     failRecipient, // 550 5.1.1
	smtp.ReasonBadFrom:       failContent,   // smtp.from
	smtp.ReasonSenderRefused: failContent,   // the relay refuses smtp.from
	smtp.ReasonRefused:       failOther,     // a 5xx of the server's: its words say why
	smtp.ReasonBadSettings:   failOther, smtp.ReasonAuth: failOther, smtp.ReasonUnavailable: failOther,
	smtp.ReasonSessionRefused: failOther, smtp.ReasonNoSTARTTLS: failOther, smtp.ReasonUnreachable: failOther,
	smtp.ReasonLostAfterSubmit: failOther, smtp.ReasonFailedBeforeSubmit: failOther,
	smtp.ReasonCredentialsRequired: failOther, smtp.ReasonDeferred: failOther, smtp.ReasonTooManyRecipients: failOther,
	smtp.ReasonCheckOK: notAFailure,

	// A webhook receiver's answer: its own, the list shows its status.
	webhook.ReasonRefused: failOther, webhook.ReasonSignature: failOther, webhook.ReasonSlowDown: failOther,
	webhook.ReasonServerError: failOther,

	// The HTTP layer under the providers, and the console.
	httpclient.ReasonEgressDenied: failOther, httpclient.ReasonURLRefused: failOther, httpclient.ReasonURLInvalid: failOther,
	httpclient.ReasonURLScheme: failOther, httpclient.ReasonURLUserInfo: failOther, httpclient.ReasonURLNoHost: failOther,
	httpclient.ReasonURLPlainRemote: failOther, httpclient.ReasonBadRequest: failOther, httpclient.ReasonAnswerCut: failOther,
	httpclient.ReasonAnswerCutAfterSend: failOther, httpclient.ReasonUnreachable: failOther, httpclient.ReasonNoAnswer: failOther,
	console.ReasonShuttingDown: failOther, console.ReasonWriteFailed: failOther,
}

// netgsmErrors is the kind of problem of the per-number error NetGSM's
// report gives beside a failed status (ReasonOperatorError's "error"):
// what the operator says of the number decides before the status, which
// is often only "delivery error". One it does not list (a full mailbox,
// a phone off or busy, a system error) leaves the status to decide.
var netgsmErrors = map[string]string{
	"104": failRecipient, // line inactive
	"105": failRecipient, // wrong number
	"106": failRecipient, // SMS refused: the number is blacklisted
	"112": failRecipient, // the device is closed to SMS
	"113": failRecipient, // the device does not take SMS
	"115": failRecipient, // calls barred
	"116": failRecipient, // unidentified subscriber
	"117": failRecipient, // illegal subscriber
}

// failKind is the kind of problem of a failed message with reason r: the
// first of failOrder one of its codes shows, and the generic group for a
// reason whose codes show none (one stored before codes, a code of a
// later version).
func failKind(r mapping.Reason) string {
	best := len(failOrder) - 1
	var walk func(r mapping.Reason)
	walk = func(r mapping.Reason) {
		kind := failKinds[r.Code]
		if r.Code == netgsm.ReasonOperatorError {
			if k, ok := netgsmErrors[r.Args["error"]]; ok {
				kind = k
			}
		}
		if i := slices.Index(failOrder, kind); i >= 0 && i < best {
			best = i
		}
		for _, p := range r.Parts {
			walk(p)
		}
	}
	walk(r)
	return failOrder[best]
}
