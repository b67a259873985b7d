package dispatch

import (
	"context"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The policies a due message passes right before its request: the opt-out
// list and the per-recipient daily cap (quiet hours and the rate are
// Drain's). The outbox reads them for all of a request's messages at once
// and applies what decide says in the transaction that starts the request:
// a message that will not go out is never sending.

// taken is a take with what the policies did.
type taken struct {
	outbox.Taken
	tally Tally
}

// take starts up to n due messages that pass the policies, and counts what
// is due after them, up to next.
func (c *Channel) take(ctx context.Context, n, next int) (taken, error) {
	now := c.now()
	var day time.Time
	if c.DailyCap > 0 {
		local := now.In(c.Location)
		day = time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, c.Location)
	}
	var optErr error
	t, err := c.store.Take(ctx, outbox.Take{Channel: c.Name, Limit: n, CapSince: day, Next: next,
		Decide: func(due []outbox.Candidate, err error) outbox.Plan {
			optErr = err
			return c.decide(due, err, now, day)
		}})
	if err != nil {
		return taken{}, err
	}
	out := taken{Taken: t, tally: Tally{Skipped: len(t.Plan.Skip), Deferred: len(t.Plan.Defer)}}
	switch {
	case optErr != nil:
		c.log.Warn("could not read the opt-out list; the messages wait", "channel", c.Name, "messages", len(t.Plan.Defer), "err", optErr)
	case len(t.Plan.Defer) > 0:
		ids := make([]int64, len(t.Plan.Defer))
		for i, d := range t.Plan.Defer {
			ids[i] = d.ID
		}
		c.log.Info("daily limit for this recipient reached; the message waits until tomorrow",
			"messages", ids, "channel", c.Name, "limit", c.DailyCap, "until", day.AddDate(0, 0, 1).Format(time.RFC3339))
	}
	for _, d := range t.Plan.Skip {
		c.log.Debug("recipient opted out; message skipped", "message", d.ID, "channel", c.Name)
	}
	return out, nil
}

// decide is the policies' verdict on due messages: skipped when the
// recipient opted out, to tomorrow when they have the day's maximum (two
// messages to one recipient in one take count twice), sent otherwise. When
// the opt-out list cannot be read nothing is sent: every message waits a
// minute.
func (c *Channel) decide(due []outbox.Candidate, optErr error, now, day time.Time) outbox.Plan {
	var p outbox.Plan
	if optErr != nil {
		for _, m := range due {
			p.Defer = append(p.Defer, outbox.Decision{ID: m.ID, Until: now.Add(time.Minute), Reason: mapping.R(ReasonOptOutUnreadable)})
		}
		return p
	}
	counted := map[string]int{}
	for _, m := range due {
		switch {
		case m.OptedOut:
			p.Skip = append(p.Skip, outbox.Decision{ID: m.ID, Reason: mapping.R(ReasonOptedOut)})
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
	t = t.In(q.Location)
	m := t.Hour()*60 + t.Minute()
	start, end := q.Start.Minutes(), q.End.Minutes()
	if start <= end {
		return m >= start && m < end
	}
	return m >= start || m < end
}
