package dispatch

import "time"

// ReasonPausedByOperator is why a channel an operator paused sends nothing.
const ReasonPausedByOperator = "dispatch.paused_by_operator"

// Hold pauses the channel by hand (the status page's Pause): nothing is
// claimed until Resume; messages keep waiting, none is lost. The daemon
// keeps it in the outbox, and a channel built after a restart or a reload
// is held again with HoldOver.
func (c *Channel) Hold() {
	c.mu.Lock()
	c.held = true
	c.mu.Unlock()
	c.log.Warn("log.dispatch.held", "channel", c.Name)
}

// HoldOver holds a channel an operator held before a restart or a config
// reload (which rebuilds every channel): the same Hold, before the
// channel's first drain, and logged as a pause that goes on, not a new one.
func (c *Channel) HoldOver() {
	c.mu.Lock()
	c.held = true
	c.mu.Unlock()
	c.log.Warn("log.dispatch.still_held", "channel", c.Name)
}

// Resume undoes Hold and looks at the queue at once.
func (c *Channel) Resume() {
	c.mu.Lock()
	was := c.held
	c.held = false
	c.mu.Unlock()
	if was {
		c.log.Info("log.dispatch.resumed", "channel", c.Name)
	}
	c.Wake()
}

// Held reports whether an operator paused the channel.
func (c *Channel) Held() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.held
}

// QuietUntil is when the channel's quiet hours end, if they hold at t
// (zero otherwise): what a message waiting through them waits for.
func (c *Channel) QuietUntil(t time.Time) time.Time {
	if c.Quiet == nil || !c.Quiet.Active(t) {
		return time.Time{}
	}
	return c.Quiet.Until(t)
}

// Until is the end of the window that holds t (t itself when none does).
func (q *QuietHours) Until(t time.Time) time.Time {
	if !q.Active(t) {
		return t
	}
	l := t.In(q.Location)
	end := time.Date(l.Year(), l.Month(), l.Day(), q.End.Minutes()/60, q.End.Minutes()%60, 0, 0, q.Location)
	if !end.After(l) {
		end = end.AddDate(0, 0, 1)
	}
	return end
}
