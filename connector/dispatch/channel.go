// Package dispatch sends one channel's messages: it claims due messages from
// the outbox, applies the channel's policies (quiet hours, the opt-out list,
// the per-recipient daily cap, the rate limit), hands them to the provider,
// records each outcome and starts the next fallback channel when one is
// needed. Its reconciler reads the provider's delivery reports and settles
// uncertain sends.
package dispatch

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

const (
	maxAttempts   = 10
	baseBackoff   = 30 * time.Second
	maxBackoff    = time.Hour
	sendTimeout   = 60 * time.Second
	claimPageSize = 50
	pollEvery     = 15 * time.Second
)

// Observer is told how long each provider call took and how it ended (the
// metrics).
type Observer interface {
	ObserveSend(channel string, d time.Duration, outcome outbox.Status)
}

// Waker wakes another channel's dispatcher, for a fallback that is due now.
type Waker interface {
	Wake(channel string)
}

// Settings are one channel's parsed config.
type Settings struct {
	Name     string
	Provider notify.Provider
	Rate     config.Rate
	// Batch is messages per request for a BatchProvider, requests in flight
	// for any other provider.
	Batch int
	// Quiet is the daily window without sends on this channel (nil: none).
	Quiet *QuietHours
	// DailyCap is the most messages per recipient and local day (0: none).
	DailyCap int
	Location *time.Location
	// Jobs holds each job's fallback order and "not delivered within" delay.
	Jobs map[string]JobPolicy
	// ReportEvery is how often delivery reports are read.
	ReportEvery    time.Duration
	UncertainGrace time.Duration
	Uncertain      config.UncertainPolicy
	// Consent checks İYS consent before a commercial message (nil: none
	// is checked here; NetGSM's iysfilter still is). StatusWebhook says the
	// provider's statuses arrive by webhook (WhatsApp): an uncertain send
	// waits for one before it is held (twoway.go).
	Consent       ConsentChecker
	StatusWebhook bool
	// Lang is the language of the channel's log lines.
	Lang catalog.Lang
}

// JobPolicy is what a channel needs to know of a job.
type JobPolicy struct {
	Fallback []string
	// NotDeliveredWithin starts the fallback when no delivery report came
	// this long after sending (0: only a failure starts it).
	NotDeliveredWithin time.Duration
}

// Deps are what a channel works with besides its settings.
type Deps struct {
	Store    *outbox.Store
	Log      *slog.Logger
	Now      func() time.Time
	Observer Observer // nil: no metrics
	Waker    Waker    // nil: fallbacks wait for their channel's next tick
}

// Channel sends one channel's due messages through its provider.
type Channel struct {
	Settings
	store    *outbox.Store
	log      *slog.Logger
	now      func() time.Time
	observer Observer
	waker    Waker
	limiter  *rate.Limiter
	wakeup   chan struct{} // new messages were enqueued

	// Concurrent sends for providers that cannot batch (batch.go).
	inflight chan struct{}
	sending  sync.WaitGroup
	started  int

	mu          sync.Mutex
	pausedUntil time.Time
	pauseReason mapping.Reason
	held        bool // paused by an operator (pause.go)
}

// New builds a channel. The rate limit is the channel's only one: the
// provider's HTTP client does not limit again.
func New(s Settings, d Deps) *Channel {
	if d.Log == nil {
		d.Log = slog.New(slog.DiscardHandler)
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if s.Location == nil {
		s.Location = time.Local
	}
	if s.Rate <= 0 {
		s.Rate = config.DefaultRate
	}
	if s.Lang == "" {
		s.Lang = catalog.TR
	}
	return &Channel{Settings: s, store: d.Store, log: d.Log, now: d.Now, observer: d.Observer, waker: d.Waker,
		limiter: rate.NewLimiter(rate.Limit(s.Rate.PerSecond()), s.Rate.Burst()), wakeup: make(chan struct{}, 1)}
}

// Wake tells the dispatch loop that new messages are waiting.
func (c *Channel) Wake() {
	select {
	case c.wakeup <- struct{}{}:
	default:
	}
}

// Paused reports whether the channel is paused, by an operator or by a
// credential or config error, and why.
func (c *Channel) Paused() (bool, mapping.Reason) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.held {
		return true, mapping.R(ReasonPausedByOperator)
	}
	return c.now().Before(c.pausedUntil), c.pauseReason
}

func (c *Channel) isPaused() bool { p, _ := c.Paused(); return p }

func (c *Channel) pause(e *notify.Error, d time.Duration) {
	c.mu.Lock()
	c.pausedUntil, c.pauseReason = c.now().Add(d), e.Why
	c.mu.Unlock()
	c.log.Error("log.dispatch.paused",
		"channel", c.Name, "reason", c.Lang.ProviderError(e), "retry_in", d)
}

// Run drains the channel whenever messages are due, until ctx ends.
func (c *Channel) Run(ctx context.Context) {
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		if _, err := c.Drain(ctx); err != nil && ctx.Err() == nil {
			c.log.Error("log.dispatch.failed", "channel", c.Name, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-c.wakeup:
		}
	}
}

// Drain sends due messages until none is left, the channel is paused or
// quiet, or ctx ends. It returns how many messages it handed to the provider.
func (c *Channel) Drain(ctx context.Context) (int, error) {
	sent := 0
	for ctx.Err() == nil {
		if c.isPaused() {
			return sent, nil
		}
		if c.Quiet != nil && c.Quiet.Active(c.now()) {
			return sent, nil
		}
		claimed, err := c.store.Claim(ctx, c.Name, max(claimPageSize, c.Batch))
		if err != nil {
			return sent, err
		}
		if len(claimed) == 0 {
			return sent, nil
		}
		n, err := c.sendClaimed(ctx, claimed)
		sent += n
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// sendClaimed runs a claimed page through the policies and the provider.
func (c *Channel) sendClaimed(ctx context.Context, claimed []outbox.Message) (int, error) {
	sent := 0
	var ready []outbox.Message // claimed, checked, waiting for a batch request
	// Messages queued for a batch (or sent concurrently) are recorded only
	// at the flush: the daily cap cannot see them before then.
	unrecorded := map[string]bool{}
	for i, m := range claimed {
		if err := c.limiter.Wait(ctx); err != nil || c.isPaused() {
			// Never started: give these back untouched.
			sent += c.flush(ctx, nil)
			return sent, c.store.Release(context.WithoutCancel(ctx), append(ready, claimed[i:]...))
		}
		if stop, err := c.optedOut(ctx, m); err != nil || stop {
			if err != nil {
				return sent, err
			}
			continue
		}
		if c.DailyCap > 0 && unrecorded[m.To] {
			// Send and record what is queued first, or one batch could carry
			// more than the day's maximum to one recipient.
			sent += c.flush(ctx, ready)
			ready = nil
			clear(unrecorded)
		}
		if stop, err := c.capped(ctx, m); err != nil || stop {
			if err != nil {
				return sent, err
			}
			continue
		}
		if c.Batch > 1 {
			unrecorded[m.To] = true
			ready = c.collect(ctx, ready, m)
			continue
		}
		c.send(ctx, m)
		sent++
	}
	sent += c.flush(ctx, ready)
	return sent, nil
}

// The reasons a channel gives (their texts are in connector/catalog).
const (
	ReasonOptOutUnreadable = "dispatch.optout_unreadable"
	ReasonOptedOut         = "dispatch.opted_out"
	ReasonDailyCap         = "dispatch.daily_cap"
	ReasonGaveUp           = "dispatch.gave_up"
	ReasonNoReportAPI      = "dispatch.no_report_api"
	ReasonReportSilent     = "dispatch.report_silent"
	ReasonProvenAbsent     = "dispatch.proven_absent"
	ReasonReportAccepted   = "dispatch.report_accepted"
	ReasonNotDelivered     = "dispatch.not_delivered"
	ReasonUncertainResend  = "dispatch.uncertain_resend"
	ReasonUncertainHeld    = "dispatch.uncertain_held"
)

// ReasonCodes lists them, for the catalog's completeness test.
var ReasonCodes = append([]string{ReasonOptOutUnreadable, ReasonOptedOut, ReasonDailyCap, ReasonGaveUp, ReasonNoReportAPI,
	ReasonReportSilent, ReasonProvenAbsent, ReasonReportAccepted, ReasonNotDelivered, ReasonUncertainResend, ReasonUncertainHeld},
	twoWayReasons...)
