package dispatch

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// What listening brings to a channel: the opt-out list per channel and
// scope, İYS consent before a commercial message, a provider's "the
// customer refused" (WhatsApp 131050, NetGSM's İYS refusal), and statuses
// that arrive by webhook (WhatsApp) settling sent and uncertain messages.

// ConsentChecker says whether a commercial message to a recipient may go
// on a channel (İYS; connector/consent).
type ConsentChecker interface {
	Check(ctx context.Context, to, channel string, merchant bool) (ConsentDecision, error)
}

// ConsentDecision is a consent check's answer; Why says why not.
type ConsentDecision struct {
	Allowed bool
	Why     mapping.Reason
}

// The reasons of this file (their texts are in connector/catalog).
const (
	ReasonRefusedByReply    = "dispatch.refused_by_reply"    // at: when it took effect
	ReasonRefusedByProvider = "dispatch.refused_by_provider" // at
	ReasonNoConsent         = "dispatch.no_consent"          // parts: İYS's answer
	ReasonConsentUnreadable = "dispatch.consent_unreadable"  // detail: the error
	ReasonRefusedNoFallback = "dispatch.refused_no_fallback" // channel: where it was refused
	ReasonNoStatus          = "dispatch.no_status"           // grace: how long a status was waited for
)

var twoWayReasons = []string{ReasonRefusedByReply, ReasonRefusedByProvider, ReasonNoConsent, ReasonConsentUnreadable,
	ReasonRefusedNoFallback, ReasonNoStatus}

// refusalReason says why a refused message is skipped: an operator's
// opt-out, the customer's reply or the provider's word, with when.
func (c *Channel) refusalReason(e outbox.OptOutEntry) mapping.Reason {
	return RefusalReason(e, c.Location)
}

// RefusalReason is the reason a message refused by e is not sent, with the
// time it took effect in loc: the dispatcher's, and send-test's when it
// refuses a recipient.
func RefusalReason(e outbox.OptOutEntry, loc *time.Location) mapping.Reason {
	switch e.Source {
	case outbox.SourceReply:
		return mapping.R(ReasonRefusedByReply, "at", e.Added.In(loc).Format("02.01.2006 15:04"))
	case outbox.SourceProvider:
		return mapping.R(ReasonRefusedByProvider, "at", e.Added.In(loc).Format("02.01.2006 15:04"))
	}
	return mapping.R(ReasonOptedOut)
}

// afterSkips acts on the messages a take skipped: each refused or
// unconsented one may go by its next channel.
func (c *Channel) afterSkips(ctx context.Context, skipped []outbox.Decision, due []outbox.Candidate, consents map[int64]consentOf) {
	if len(skipped) == 0 {
		return
	}
	byID := make(map[int64]outbox.Candidate, len(due))
	for _, m := range due {
		byID[m.ID] = m
	}
	for _, d := range skipped {
		m, ok := byID[d.ID]
		if !ok {
			continue
		}
		var msg outbox.Message
		msg.ID, msg.To, msg.DedupeKey, msg.Job, msg.Commercial, msg.Merchant = m.ID, m.To, m.DedupeKey, m.Job, m.Commercial, m.Merchant
		if m.OptedOut {
			c.log.Debug("log.dispatch.opted_out", "message", m.ID, "channel", c.Name)
		} else {
			c.log.Info("log.dispatch.no_consent", "message", m.ID, "channel", c.Name, "reason", c.Lang.Reason(consents[m.ID].d.Why))
		}
		// An opt-out is kept per address, of this channel or of all: the
		// next channel goes to another address of the customer, which its
		// own take checks (with its own consent).
		c.refusedFallback(ctx, msg, c.Name)
	}
}

// refusedFallback starts the next channel of a message refused on this one.
// A commercial message goes on only where its consent is checked: without
// an İYS check its fallbacks are cancelled, since no other channel's
// consent is known (Law 6563: a refusal of SMS is no consent to e-mail).
func (c *Channel) refusedFallback(ctx context.Context, m outbox.Message, channel string) {
	if m.Commercial && c.Consent == nil {
		n, err := c.store.CancelStandby(ctx, m.DedupeKey, mapping.R(ReasonRefusedNoFallback, "channel", channel))
		if err != nil {
			c.log.Warn("log.dispatch.cancel_fallbacks_failed", "message", m.ID, "err", err)
		} else if n > 0 {
			c.log.Info("log.dispatch.fallbacks_cancelled", "message", m.ID, "channel", channel)
		}
		return
	}
	c.fallback(ctx, m.ID, m.DedupeKey, m.Job, "log.dispatch.fallback_refused")
}

// providerRefused acts on a provider saying the customer refused messages
// of this kind: a WhatsApp 131050 becomes an opt-out of this channel's
// commercial messages (Meta stops only marketing templates), even without a
// webhook; and a refused commercial message falls back only with consent.
func (c *Channel) providerRefused(ctx context.Context, m outbox.Message, code string) {
	if c.Name == notify.ChannelWhatsApp {
		err := c.store.AddOptOut(ctx, outbox.OptOutEntry{Recipient: m.To, Channel: c.Name, Scope: outbox.ScopeCommercial,
			Source: outbox.SourceProvider, Note: "WhatsApp " + code})
		if err != nil {
			c.log.Warn("log.dispatch.refusal_not_recorded", "message", m.ID, "err", err)
		} else {
			c.log.Info("log.dispatch.marketing_stopped",
				"message", m.ID, "code", code)
		}
	}
	c.refusedFallback(ctx, m, c.Name)
}

// failed acts on a message the provider refused or did not deliver: a bad
// address is suppressed, a customer's refusal recorded, and the fallback
// started (a commercial one only with consent).
func (c *Channel) failed(ctx context.Context, m outbox.Message, e *notify.Error) {
	switch {
	case e != nil && e.Refused:
		c.providerRefused(ctx, m, e.Code)
		return
	case e != nil && e.BadRecipient:
		c.suppress(ctx, m, e)
	}
	c.fallback(ctx, m.ID, m.DedupeKey, m.Job, "log.dispatch.fallback")
}

// StatusUpdate is a provider's status of one sent message that arrived by
// itself (WhatsApp's status webhook).
type StatusUpdate struct {
	// OutboxID finds the message (biz_opaque_callback_data); ProviderID
	// when it is 0 (the wamid).
	OutboxID   int64
	ProviderID string
	Status     outbox.Status // sent, delivered, read or failed
	Code       string
	Why        mapping.Reason
	// Refused says the failure is the customer's refusal (131050).
	Refused bool
}

// settleFrom are the states a status may move a message from.
var settleFrom = map[outbox.Status][]outbox.Status{
	outbox.StatusSent:      {outbox.StatusUncertain, outbox.StatusHeld},
	outbox.StatusDelivered: {outbox.StatusSent, outbox.StatusUncertain, outbox.StatusHeld},
	outbox.StatusRead:      {outbox.StatusSent, outbox.StatusDelivered, outbox.StatusUncertain, outbox.StatusHeld},
	outbox.StatusFailed:    {outbox.StatusSent, outbox.StatusUncertain, outbox.StatusHeld},
}

// ErrUnknownMessage is a status of a message the outbox does not hold (sent
// by another program on the same number, or forgotten since).
var ErrUnknownMessage = errors.New("no message of the outbox has this id")

// Settle records a status. It moves the message only forward (a delivered
// message becomes read, never sent again), so a replayed or late status
// changes nothing; changed says whether it moved. A status of an uncertain
// or held message settles it: the provider took it.
func (c *Channel) Settle(ctx context.Context, u StatusUpdate) (changed bool, err error) {
	from, ok := settleFrom[u.Status]
	if !ok {
		return false, fmt.Errorf("status %q cannot settle a message", u.Status)
	}
	var m outbox.Message
	switch {
	case u.OutboxID > 0:
		if m, err = c.store.Get(ctx, u.OutboxID); err != nil {
			return false, ErrUnknownMessage
		}
		if m.Channel != c.Name || (u.ProviderID != "" && m.ProviderID != "" && m.ProviderID != u.ProviderID) {
			return false, ErrUnknownMessage
		}
	default:
		found, err := false, error(nil)
		if m, found, err = c.store.ByProviderID(ctx, c.Name, u.ProviderID); err != nil {
			return false, err
		} else if !found {
			return false, ErrUnknownMessage
		}
	}
	rec := outbox.Report{Status: u.Status, ProviderID: u.ProviderID, Code: u.Code, Reason: u.Why}
	if u.Status == outbox.StatusFailed {
		rec.Reason = mapping.Reason{Code: ReasonNotDelivered, Parts: []mapping.Reason{u.Why}}
	}
	if m.Status == outbox.StatusUncertain || m.Status == outbox.StatusHeld {
		rec.Reason = mapping.Reason{Code: ReasonReportAccepted, Parts: []mapping.Reason{rec.Reason}}
	}
	ok, err = c.store.RecordReport(ctx, m.ID, rec, from...)
	if err != nil || !ok {
		return false, err
	}
	c.log.Info("log.dispatch.status", "message", m.ID, "channel", c.Name, "status", u.Status, "was", m.Status, "code", u.Code)
	switch u.Status {
	case outbox.StatusDelivered, outbox.StatusRead:
		if err := c.store.DropStandby(ctx, m.DedupeKey); err != nil {
			c.log.Warn("log.dispatch.drop_fallbacks_failed", "message", m.ID, "err", err)
		}
	case outbox.StatusSent:
		if !c.awaitsDelivery(m.Job) {
			if err := c.store.DropStandby(ctx, m.DedupeKey); err != nil {
				c.log.Warn("log.dispatch.drop_fallbacks_failed", "message", m.ID, "err", err)
			}
		}
	case outbox.StatusFailed:
		if u.Refused {
			c.providerRefused(ctx, m, u.Code)
		} else {
			c.fallback(ctx, m.ID, m.DedupeKey, m.Job, "log.dispatch.fallback_undelivered")
		}
	}
	return true, nil
}

// waitsForStatus reports whether an uncertain send may still be settled by
// a status webhook: the channel receives them and the grace period has not
// passed.
func (c *Channel) waitsForStatus(u outbox.Awaiting) bool {
	return c.StatusWebhook && c.now().Sub(u.At) < c.UncertainGrace
}
