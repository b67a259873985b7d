package dispatch

import (
	"context"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The policies a due message passes right before its request: the opt-out
// list for this channel and the message's kind, İYS consent for a
// commercial one, and the per-recipient daily cap (quiet hours and the rate
// are Drain's). The outbox reads them for all of a request's messages at
// once and applies what decide says in the transaction that starts the
// request: a message that will not go out is never sending.

// taken is a take with what the policies did.
type taken struct {
	outbox.Taken
	tally Tally
}

// consentOf is the İYS answer for a due commercial message, asked before
// the take (the check may read the outbox, whose one connection the take's
// transaction holds).
type consentOf struct {
	d   ConsentDecision
	err error
}

// take starts up to n due messages that pass the policies (and up to the
// number grow adds, when set), and counts what is due after them, up to
// next.
func (c *Channel) take(ctx context.Context, n, next int, grow func() int) (taken, error) {
	consents, err := c.consents(ctx, n)
	if err != nil {
		return taken{}, err
	}
	now := c.now()
	var day time.Time
	if c.DailyCap > 0 {
		local := now.In(c.Location)
		day = time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, c.Location)
	}
	var optErr error
	var due []outbox.Candidate
	t, err := c.store.Take(ctx, outbox.Take{Channel: c.Name, Limit: n, Grow: grow, CapSince: day, Next: next,
		Decide: func(d []outbox.Candidate, err error) outbox.Plan {
			optErr, due = err, d
			return c.decide(d, err, consents, now, day)
		}})
	if err != nil {
		return taken{}, err
	}
	out := taken{Taken: t, tally: Tally{Skipped: len(t.Plan.Skip), Deferred: len(t.Plan.Defer)}}
	switch {
	case optErr != nil:
		c.log.Warn("log.dispatch.optout_unreadable", "channel", c.Name, "messages", len(t.Plan.Defer), "err", optErr)
	case len(t.Plan.Defer) > 0:
		var capped []int64
		for _, d := range t.Plan.Defer {
			switch d.Reason.Code {
			case ReasonDailyCap:
				capped = append(capped, d.ID)
			case ReasonConsentUnreadable:
				c.log.Warn("log.dispatch.consent_unreadable", "message", d.ID, "channel", c.Name, "err", d.Reason.Detail)
			}
		}
		if len(capped) > 0 {
			c.log.Info("log.dispatch.daily_cap",
				"message", capped, "channel", c.Name, "limit", c.DailyCap, "until", day.AddDate(0, 0, 1).Format(time.RFC3339))
		}
	}
	c.afterSkips(context.WithoutCancel(ctx), t.Plan.Skip, due, consents)
	return out, nil
}

// consents asks İYS about the commercial messages among the next n due,
// when the channel checks consent at all.
func (c *Channel) consents(ctx context.Context, n int) (map[int64]consentOf, error) {
	if c.Consent == nil {
		return nil, nil
	}
	due, err := c.store.Due(ctx, c.Name, n)
	if err != nil {
		return nil, err
	}
	out := map[int64]consentOf{}
	for _, m := range due {
		if m.Commercial {
			d, err := c.Consent.Check(ctx, m.To, c.Name, m.Merchant)
			out[m.ID] = consentOf{d, err}
		}
	}
	return out, nil
}

// decide is the policies' verdict on due messages: skipped when the
// recipient refused this channel (or every one) for this kind of message
// or gave no İYS consent to a commercial one, to tomorrow when they have
// the day's maximum (two messages to one recipient in one take count
// twice), sent otherwise. When the opt-out list cannot be read nothing is
// sent: every message waits a minute; a consent İYS could not answer waits
// five. A commercial message that became due after the consents were asked
// is left pending for the next take.
func (c *Channel) decide(due []outbox.Candidate, optErr error, consents map[int64]consentOf, now, day time.Time) outbox.Plan {
	var p outbox.Plan
	if optErr != nil {
		for _, m := range due {
			p.Defer = append(p.Defer, outbox.Decision{ID: m.ID, Until: now.Add(time.Minute), Reason: mapping.R(ReasonOptOutUnreadable)})
		}
		return p
	}
	counted := map[string]int{}
	for _, m := range due {
		consent, asked := consents[m.ID]
		checked := m.Commercial && c.Consent != nil
		switch {
		case m.OptedOut:
			p.Skip = append(p.Skip, outbox.Decision{ID: m.ID, Reason: c.refusalReason(m.Refusal)})
		case checked && !asked:
		case checked && consent.err != nil:
			p.Defer = append(p.Defer, outbox.Decision{ID: m.ID, Until: now.Add(5 * time.Minute),
				Reason: mapping.R(ReasonConsentUnreadable).WithDetail(consent.err.Error())})
		case checked && !consent.d.Allowed:
			p.Skip = append(p.Skip, outbox.Decision{ID: m.ID, Reason: mapping.Reason{Code: ReasonNoConsent, Parts: []mapping.Reason{consent.d.Why}}})
		case c.DailyCap > 0 && m.To != "" && m.Sent+counted[m.To] >= c.DailyCap:
			p.Defer = append(p.Defer, outbox.Decision{ID: m.ID, Until: day.AddDate(0, 0, 1), Reason: mapping.R(ReasonDailyCap, "limit", c.DailyCap)})
		default:
			counted[m.To]++
			p.Send = append(p.Send, m.ID)
		}
	}
	return p
}

// QuietHours is the daily window without sends on a channel.
type QuietHours struct {
	Start, End config.Clock
	Location   *time.Location
}

// Active reports whether t falls in the window; a window may wrap midnight
// (21:00–09:00).
func (q *QuietHours) Active(t time.Time) bool {
	return config.ClockOf(t.In(q.Location)).Within(q.Start, q.End)
}
