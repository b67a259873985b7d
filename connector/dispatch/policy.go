package dispatch

import (
	"context"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The policies a claimed message passes before its request: the opt-out
// list, the per-recipient daily cap and (in Drain) quiet hours and the rate.

// optedOut skips a message whose recipient refused this channel (the
// opt-out list, by scope), or a commercial one without İYS consent
// (twoway.go); stop is true when the message was dealt with here.
func (c *Channel) optedOut(ctx context.Context, m outbox.Message) (stop bool, err error) {
	return c.refused(ctx, m)
}

// capped defers a message whose recipient already got the day's maximum
// until the next local day.
func (c *Channel) capped(ctx context.Context, m outbox.Message) (stop bool, err error) {
	if c.DailyCap <= 0 || m.To == "" {
		return false, nil
	}
	now := c.now().In(c.Location)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, c.Location)
	n, err := c.store.SentSince(ctx, m.To, day)
	if err != nil {
		c.log.Warn("log.dispatch.cap_unreadable", "err", err)
		return false, nil
	}
	if n < c.DailyCap {
		return false, nil
	}
	until := day.AddDate(0, 0, 1)
	if err := c.store.Defer(context.WithoutCancel(ctx), m, until, mapping.R(ReasonDailyCap, "limit", c.DailyCap)); err != nil {
		return true, err
	}
	c.log.Info("log.dispatch.daily_cap",
		"message", m.ID, "channel", c.Name, "limit", c.DailyCap, "until", until.Format(time.RFC3339))
	return true, nil
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
