// Package notify defines how a rendered message is handed to a provider and how
// the provider's answer is classified.
//
// A send has four outcomes (see shared/reference/lessons.md): accepted (nil error
// and a provider id), retry later, permanent, and unknown. The last one matters
// most: a timeout after the request was written may still have reached the
// customer's phone, so the dispatcher must reconcile it, never resend it blindly.
// Providers return *Error values; callers test the class with errors.Is against
// the sentinels below.
package notify

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Channel names used in config and in the outbox.
const (
	ChannelSMS      = "sms"
	ChannelWhatsApp = "whatsapp"
	ChannelEmail    = "email"
	ChannelWebhook  = "webhook"
)

// Message is what leaves the machine: the rendered text and the recipient
// (mapping.Message), nothing else from the source row, plus what a provider
// needs to file it.
type Message struct {
	// ID is the outbox id; providers that can echo a reference (WhatsApp
	// biz_opaque_callback_data) carry it so reports can be matched.
	ID        int64
	DedupeKey string
	// Commercial marks messages that need an İYS consent check.
	Commercial bool
	// Merchant marks a recipient known as a merchant (tacir): İYS checks
	// such a commercial message against merchants' consents (NetGSM
	// iysfilter 12), which need no prior approval.
	Merchant bool
	mapping.Message
}

// Provider sends one message. A nil error means the provider accepted it and
// Result.ProviderID identifies it for delivery reports.
type Provider interface {
	Send(ctx context.Context, m Message) (Result, error)
}

// BatchProvider is implemented by providers that accept many messages in one
// request (NetGSM n:n). The i-th result and error belong to the i-th message.
type BatchProvider interface {
	Provider
	SendBatch(ctx context.Context, ms []Message) ([]Result, []error)
}

// Balance is one credit or package an account holds, as its provider reports
// it: the remaining TL credit, SMS credits, or what is left in a package.
type Balance struct {
	Name   string // "credit", or the provider's name for the package
	Amount float64
	// Unit is what Amount counts: UnitTL, UnitSMS, or "" for a balance the
	// provider names (Name says what it is, in the provider's words).
	Unit string
}

// The units of a Balance.
const (
	UnitTL  = "TL"  // the account's credit in Turkish lira (NetGSM)
	UnitSMS = "sms" // SMS credits (Mutlucell)
)

// Result is what a provider returns for an accepted message.
type Result struct {
	ProviderID string
	// Segments is the provider's own count of billed parts, when it says.
	Segments int
}

// Sentinel classes. An *Error matches exactly one of them with errors.Is.
var (
	// ErrRetry: the message did not reach the provider or the provider asked
	// us to come back later; sending again is safe.
	ErrRetry = errors.New("not sent, retry later")
	// ErrPermanent: the provider refused this message for good.
	ErrPermanent = errors.New("refused permanently")
	// ErrUnknown: the request may have reached the provider; never resend
	// before reconciling with the provider's report.
	ErrUnknown = errors.New("outcome unknown")
	// ErrConfig: credentials or account settings are wrong; the whole channel
	// pauses until an operator fixes the config.
	ErrConfig = errors.New("provider configuration or credentials rejected")
)

// Error is a classified provider answer.
type Error struct {
	Class error  // one of the sentinels above
	Code  string // provider's own code, e.g. "30", "131026", "550 5.1.1"
	// Why explains it: a key of the connector's catalog (the provider's
	// reason codes, declared beside its code table) with its arguments,
	// and in Detail the provider's own words, untranslated.
	Why        mapping.Reason
	RetryAfter time.Duration
	// BadRecipient marks answers that say the address itself is wrong
	// (SMTP 5.1.1, NetGSM report 3), so fallback or suppression can act on it.
	BadRecipient bool
	// Refused marks answers that say the recipient refused messages of
	// this kind (WhatsApp 131050: no marketing messages), so that the
	// refusal is recorded and no other channel is tried without consent.
	Refused bool
	// NoCredit marks a retry the account needs, not the message: the
	// provider refuses every send until the account is topped up, so the
	// channel waits instead of each message spending its tries on it.
	NoCredit bool
	Err      error // underlying transport error, if any
}

func (e *Error) Error() string {
	msg := e.Class.Error()
	if e.Code != "" {
		msg += " (code " + e.Code + ")"
	}
	if !e.Why.IsZero() {
		msg += ": " + e.Why.String()
	}
	if e.Err != nil {
		msg += ": " + e.Err.Error()
	}
	return msg
}

// Is lets errors.Is(err, notify.ErrRetry) work on an *Error.
func (e *Error) Is(target error) bool { return target == e.Class }

func (e *Error) Unwrap() error { return e.Err }

// Why is a reason of a provider: a catalog key and its name, value pairs.
func Why(key string, args ...any) mapping.Reason { return mapping.R(key, args...) }

// Retry returns a retry-later error.
func Retry(code string, why mapping.Reason, after time.Duration) *Error {
	return &Error{Class: ErrRetry, Code: code, Why: why, RetryAfter: after}
}

// NoCredit returns a refusal for lack of credit on the account: sends go
// again after the wait, once the account is topped up.
func NoCredit(code string, why mapping.Reason, after time.Duration) *Error {
	e := Retry(code, why, after)
	e.NoCredit = true
	return e
}

// Permanent returns a permanent refusal.
func Permanent(code string, why mapping.Reason) *Error {
	return &Error{Class: ErrPermanent, Code: code, Why: why}
}

// Unknown returns an outcome that must be reconciled before any resend.
func Unknown(why mapping.Reason, err error) *Error {
	return &Error{Class: ErrUnknown, Why: why, Err: err}
}

// Config returns a credentials/config error that pauses the channel.
func Config(code string, why mapping.Reason) *Error {
	return &Error{Class: ErrConfig, Code: code, Why: why}
}

// Classify returns the class of any error a provider returned. Errors that are
// not *Error are treated as unknown: it is the only safe reading of an error we
// did not classify.
func Classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrRetry):
		return ErrRetry
	case errors.Is(err, ErrPermanent):
		return ErrPermanent
	case errors.Is(err, ErrConfig):
		return ErrConfig
	default:
		return ErrUnknown
	}
}

// AsError returns err as *Error, wrapping an unclassified error as unknown.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return Unknown(Why(ReasonUnclassified), err)
}

// DeliveryStatus is a provider report's final or interim state of one message.
type DeliveryStatus int

const (
	StatusPending DeliveryStatus = iota
	StatusDelivered
	StatusFailed
	// StatusAbsent answers an uncertain send: the provider proves it never
	// took the message, so it may be sent again. A provider says this only
	// when its report would have listed the send, never because a row is
	// merely missing.
	StatusAbsent
	// StatusUnproven answers an uncertain send: the provider looked and
	// cannot tell whether it took the message. Reason says why. The message
	// must not be sent again on this answer.
	StatusUnproven
)

// Report is one provider delivery report line.
type Report struct {
	// ID is the outbox id of the Sent it answers, matched by the provider
	// (by provider id, or by number and time window for an uncertain send).
	ID         int64
	ProviderID string
	To         string
	Status     DeliveryStatus
	Code       string
	// Why says what the report means (a catalog key and the provider's
	// words): "delivered", "invalid number", or for StatusUnproven why the
	// absence proves nothing.
	Why mapping.Reason
	At  time.Time
	// Read says a delivered message was also read (WhatsApp).
	Read bool
	// Refused says the recipient refused messages of this kind (NetGSM's
	// İYS refusal, status 16; WhatsApp 131050).
	Refused bool
}

// Reporter is implemented by providers with a delivery report API.
type Reporter interface {
	// Reports returns the known state of the given sent messages. Messages the
	// provider has no record of are absent from the result, except uncertain
	// sends (no ProviderID) of a provider that can search for them: those
	// get StatusAbsent or StatusUnproven. Witnesses are never reported on.
	Reports(ctx context.Context, sent []Sent) ([]Report, error)
}

// Sent identifies a message already handed to a provider (or possibly handed,
// for an uncertain send whose ProviderID is empty).
type Sent struct {
	ID         int64
	ProviderID string
	To         string
	At         time.Time
	// Witness marks a send the provider is known to have accepted (it has a
	// ProviderID), handed over only so that the provider can check its
	// report against it: a report that lists the witnesses of a time window
	// and not an uncertain send of that window proves the uncertain send
	// absent. Witnesses get no Report, and a report row with a witness's
	// ProviderID is never taken for an uncertain send.
	Witness bool
}

// String makes a DeliveryStatus readable in logs.
func (s DeliveryStatus) String() string {
	switch s {
	case StatusDelivered:
		return "delivered"
	case StatusFailed:
		return "failed"
	case StatusAbsent:
		return "absent"
	case StatusUnproven:
		return "unproven"
	default:
		return "pending"
	}
}

var _ fmt.Stringer = StatusPending

// The reasons notify itself gives (their texts are in connector/catalog).
const (
	ReasonUnclassified = "provider.unclassified" // detail: the error
	// ReasonAbroad: the recipient's number is of another country, and the
	// provider (as the connector uses it) sends to Turkish numbers only.
	// Sending it again on the same channel can never work; another channel
	// (the job's fallback) may. Arguments: provider, country ("+49").
	ReasonAbroad = "provider.abroad"
)

// Incoming is one message a customer sent to the shop (a reply).
type Incoming struct {
	From string // the customer's address as the provider wrote it
	To   string // the shop's number or account it reached
	Text string
	// At is the provider's time of it; zero when it could not be read.
	At time.Time
	// Key identifies it at the provider: its id, or its time as the
	// provider wrote it, so a time that cannot be read still tells two
	// replies apart.
	Key string
}

// Inbox is implemented by providers whose received messages can be read by
// time: every message received in [from, to], each time it is asked.
type Inbox interface {
	Inbox(ctx context.Context, from, to time.Time) ([]Incoming, error)
}

// Blacklister is implemented by providers with a blacklist of their own: a
// number on it gets nothing from the account.
type Blacklister interface {
	Blacklist(ctx context.Context, to string) error
}
