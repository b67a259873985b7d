package status

import (
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// waitReason says why a pending message has not gone yet and when it
// will, from what the outbox stored with it (its next time and the reason
// it was deferred) and what the daemon says of its channel now.
func (l lang) waitReason(v MessageView, ch ChannelState, now time.Time, loc *time.Location) string {
	if v.Status != outbox.StatusPending {
		return ""
	}
	switch {
	case ch.Held:
		return l.C("statuspage.wait.held")
	case ch.Paused && ch.NoCredit:
		return l.C("statuspage.wait.no_credit")
	case ch.Paused:
		return l.C("statuspage.wait.paused")
	}
	if v.NextAt.After(now) {
		at := l.when(v.NextAt, now, loc)
		switch v.Why.Code {
		case dispatch.ReasonDailyCap:
			return l.C("statuspage.wait.daily_cap", "time", at)
		case dispatch.ReasonOptOutUnreadable:
			return l.C("statuspage.wait.optout", "time", at)
		}
		if !v.Why.IsZero() || v.Attempts > 0 {
			return l.C("statuspage.wait.retry", "time", at, "reason", v.ReasonIn(l.Code))
		}
		// Made with a later start: quiet days, or quiet hours at enqueue.
		return l.C("statuspage.wait.later", "time", at)
	}
	if !ch.QuietUntil.IsZero() {
		return l.C("statuspage.wait.quiet", "time", l.when(ch.QuietUntil, now, loc))
	}
	return l.C("statuspage.wait.due")
}
