package dispatch

import (
	"sync"
	"time"
)

// sentEvery is how often a channel says what it sent.
const sentEvery = time.Second

// sentLog sums the requests a provider accepted into one info line per
// channel and second, and one at the end of a drain. With one message per
// request (WhatsApp, e-mail, a webhook) a line per request is a line per
// message: thousands a minute in a backfill, and writing them took a
// tenth of the dispatcher's time. A request with any trouble still has its
// own lines at once; each message's outcome is at debug level and in the
// outbox.
type sentLog struct {
	mu       sync.Mutex
	since    time.Time // the first request summed, zero when none is
	requests int
	messages int
	slowest  time.Duration
}

// sentSum is what one line says.
type sentSum struct {
	requests, messages int
	slowest, over      time.Duration
}

// add sums a request that sent n messages in took, and returns the sum to
// log when a line is due.
func (l *sentLog) add(now time.Time, n int, took time.Duration) (sentSum, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.since.IsZero() {
		l.since = now
	}
	l.requests++
	l.messages += n
	l.slowest = max(l.slowest, took)
	if now.Sub(l.since) < sentEvery {
		return sentSum{}, false
	}
	return l.take(now), true
}

// flush returns what is summed and not yet said.
func (l *sentLog) flush(now time.Time) (sentSum, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.requests == 0 {
		return sentSum{}, false
	}
	return l.take(now), true
}

func (l *sentLog) take(now time.Time) sentSum {
	s := sentSum{requests: l.requests, messages: l.messages, slowest: l.slowest, over: now.Sub(l.since)}
	l.since, l.requests, l.messages, l.slowest = time.Time{}, 0, 0, 0
	return s
}

// logSent writes a sum of sent requests.
func (c *Channel) logSent(s sentSum, ok bool) {
	if !ok {
		return
	}
	c.log.Info("log.dispatch.sent", "channel", c.Name, "messages", s.messages, "requests", s.requests,
		"in", s.over.Round(time.Millisecond), "slowest", s.slowest.Round(time.Millisecond))
}
