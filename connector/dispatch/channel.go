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
	maxAttempts = 10
	baseBackoff = 30 * time.Second
	maxBackoff  = time.Hour
	sendTimeout = 60 * time.Second
	pollEvery   = 15 * time.Second
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
	// Batch is messages per request for a BatchProvider (1 for any other).
	Batch int
	// InFlight is how many requests may be under way at once.
	InFlight int
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

	mu          sync.Mutex
	pausedUntil time.Time
	pauseReason mapping.Reason
	noCredit    bool // the pause waits for a top-up of the account
	// failing counts the sends that failed or went uncertain in a row
	// since the last that went through: a provider that answers nothing
	// but errors (HTTP 500, timeouts) stops the channel as surely as a
	// pause, though each message waits for its own retry or report.
	failing struct {
		since time.Time
		n     int
		last  mapping.Reason
		code  string
	}
	// pausedAt is when a run of pauses for refused credentials began; it
	// ends at the first send that goes through again (unpause).
	pausedAt time.Time
	held     bool // paused by an operator (pause.go)
	// unrecorded are answered requests whose outcomes the outbox could not
	// take (a full disk): kept, and recorded before anything new starts.
	unrecorded []answer

	sent sentLog // what was sent and not yet logged
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
	if s.Batch < 1 {
		s.Batch = 1
	}
	if _, ok := s.Provider.(notify.BatchProvider); !ok {
		s.Batch = 1
	}
	s.InFlight = max(1, min(s.InFlight, s.Rate.Burst()))
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

// Failing says since when, and for how many sends in a row, the provider
// took none of the channel's messages (errors to retry or outcomes
// unknown), with the last answer; n is 0 while sends go through.
func (c *Channel) Failing() (since time.Time, n int, last mapping.Reason, code string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.failing
	return f.since, f.n, f.last, f.code
}

// refusedSend counts a send the provider did not take, for Failing.
func (c *Channel) refusedSend(e *notify.Error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.failing.n == 0 {
		c.failing.since = c.now()
	}
	c.failing.n++
	c.failing.last, c.failing.code = e.Why, e.Code
}

// PausedForCredit reports whether the channel waits for its account to be
// topped up: the provider refused a send for lack of credit.
func (c *Channel) PausedForCredit() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.noCredit && c.now().Before(c.pausedUntil)
}

func (c *Channel) pause(e *notify.Error, d time.Duration) {
	c.mu.Lock()
	now := c.now()
	was := now.Before(c.pausedUntil)
	if c.pausedAt.IsZero() {
		c.pausedAt = now
	}
	c.pausedUntil, c.pauseReason, c.noCredit = now.Add(d), e.Why, e.NoCredit
	c.mu.Unlock()
	if was {
		// Another message of the same request, or of one in flight beside
		// it: the pause is said once, not once per message of a batch.
		return
	}
	key := "log.dispatch.paused"
	if e.NoCredit {
		key = "log.dispatch.paused_no_credit"
	}
	c.log.Error(key,
		"channel", c.Name, "reason", c.Lang.ProviderError(e), "retry_in", d, "minutes", int(d.Minutes()))
}

// unpause ends a pause for refused credentials once a send goes through
// again after it ran out, and says so: the log said the channel stopped,
// and the IT person who fixed the account at the provider reads that it
// goes on.
func (c *Channel) unpause() {
	c.mu.Lock()
	c.failing.n = 0
	at := c.pausedAt
	over := !at.IsZero() && !c.now().Before(c.pausedUntil)
	if over {
		c.pausedAt, c.pauseReason, c.noCredit = time.Time{}, mapping.Reason{}, false
	}
	c.mu.Unlock()
	if over {
		c.log.Info("log.dispatch.unpaused", "channel", c.Name, "since", at.In(c.Location).Format("02.01.2006 15:04"))
	}
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

// DrainUntil drains the channel each time it is woken, until stop is
// closed or ctx ends, and adds up what the drains did. A drain under way
// when stop closes starts nothing more and returns once its requests in
// flight are recorded. Errors are logged, as Run does: the drain that
// follows (Drain) meets them again and reports them.
func (c *Channel) DrainUntil(ctx context.Context, stop <-chan struct{}) Tally {
	dctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		select {
		case <-stop:
			cancel()
		case <-dctx.Done():
		}
	}()
	var total Tally
	for {
		select {
		case <-dctx.Done():
			return total
		case <-c.wakeup:
		}
		t, err := c.Drain(dctx)
		total.Add(t)
		if err != nil && dctx.Err() == nil {
			c.log.Error("log.dispatch.failed", "channel", c.Name, "err", err)
		}
	}
}

// Tally counts what a drain did: the outcomes of the requests it made, and
// the messages it did not start.
type Tally struct {
	Sent      int // accepted by the provider
	Retry     int // to be tried again later (provider busy or down, channel paused)
	Failed    int // refused for good
	Uncertain int // no clear answer: checked with the provider before any resend
	Skipped   int // the recipient opted out
	Deferred  int // not now: the daily cap, or the opt-out list could not be read
}

// Handed is how many messages went to the provider.
func (t Tally) Handed() int { return t.Sent + t.Retry + t.Failed + t.Uncertain }

// Add adds u to t.
func (t *Tally) Add(u Tally) {
	t.Sent, t.Retry, t.Failed, t.Uncertain = t.Sent+u.Sent, t.Retry+u.Retry, t.Failed+u.Failed, t.Uncertain+u.Uncertain
	t.Skipped, t.Deferred = t.Skipped+u.Skipped, t.Deferred+u.Deferred
}

func (t *Tally) count(s outbox.Status) {
	switch s {
	case outbox.StatusSent:
		t.Sent++
	case outbox.StatusPending:
		t.Retry++
	case outbox.StatusFailed:
		t.Failed++
	case outbox.StatusUncertain:
		t.Uncertain++
	}
}

// Drain sends due messages until none is left, the channel is paused or
// quiet, or ctx ends, with up to InFlight requests under way. Each request
// takes its tokens from the rate limiter first, then its messages are
// checked (opt-out list, daily cap) and started in one commit, and only
// then does it leave: a message is sending only once its request may be on
// the wire. When several requests can leave at once they are started in
// the same commit. In-flight requests are not cut short by ctx; Drain
// returns once they are recorded.
func (c *Channel) Drain(ctx context.Context) (Tally, error) {
	d := &drain{c: c, slots: make(chan struct{}, c.InFlight)}
	err := d.run(ctx)
	d.wg.Wait()
	c.logSent(c.sent.flush(time.Now()))
	if rerr := c.recordUnrecorded(ctx, &d.tally); rerr != nil && err == nil {
		err = rerr
	}
	return d.result(), err
}

// drain is one Drain's requests in flight.
type drain struct {
	c     *Channel
	slots chan struct{} // one per request under way
	wg    sync.WaitGroup

	mu    sync.Mutex
	tally Tally
}

func (d *drain) add(t Tally) {
	d.mu.Lock()
	d.tally.Add(t)
	d.mu.Unlock()
}

func (d *drain) result() Tally {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.tally
}

func (d *drain) release(n int) {
	for range n {
		<-d.slots
	}
}

// grab takes up to n slots that are free now, and says how many.
func (d *drain) grab(n int) int {
	for i := range n {
		select {
		case d.slots <- struct{}{}:
		default:
			return i
		}
	}
	return n
}

// free takes every slot that is free now, besides the one held.
func (d *drain) free() int {
	n := 1
	for {
		select {
		case d.slots <- struct{}{}:
			n++
		default:
			return n
		}
	}
}

func (d *drain) run(ctx context.Context) error {
	c := d.c
	due := -1 // messages due now, as the last take counted them (-1: unknown)
	// The count looks as far as every slot could take: counted only up to
	// the slots held, a take of one would let the next, with every slot
	// free again, start one too.
	look := c.InFlight * c.Batch
	for ctx.Err() == nil {
		var t Tally
		err := c.recordUnrecorded(ctx, &t)
		d.add(t)
		if err != nil {
			return err // nothing new starts while the outbox cannot record
		}
		if c.isPaused() || (c.Quiet != nil && c.Quiet.Active(c.now())) {
			return nil
		}
		select {
		case d.slots <- struct{}{}:
		case <-ctx.Done():
			return nil
		}
		held := d.free()
		if due < 0 {
			n, err := c.store.DueCount(ctx, c.Name, look)
			if err != nil {
				d.release(held)
				return err
			}
			due = n
		}
		if due == 0 {
			d.release(held)
			// What is under way may make more due (a retry, a fallback):
			// look again once it is recorded.
			inFlight := len(d.slots) > 0
			d.wg.Wait()
			if !inFlight {
				return nil
			}
			due = -1
			continue
		}
		n := min(held*c.Batch, due)
		if err := c.waitTokens(ctx, n); err != nil {
			d.release(held)
			return nil // stopping: nothing was started
		}
		if c.isPaused() {
			d.release(held)
			return nil
		}
		// Slots that come free while the take waits for its commit join
		// it, if the rate has tokens for them now: answers come one by
		// one, and a take of one each would cost a commit each.
		grow := func() int {
			if due <= n {
				return 0
			}
			k := d.grab((due - n + c.Batch - 1) / c.Batch)
			now := time.Now()
			if tokens := int(c.limiter.TokensAt(now)) / c.Batch; tokens < k {
				d.release(k - tokens)
				k = tokens
			}
			if k == 0 || !c.limiter.AllowN(now, k*c.Batch) {
				d.release(k)
				return 0
			}
			held += k
			return min(k*c.Batch, due-n)
		}
		taken, err := c.take(ctx, n, look, grow)
		if err != nil {
			d.release(held)
			return err
		}
		due = taken.Left
		d.add(taken.tally)
		reqs := chunks(taken.Started, c.Batch)
		d.release(held - min(held, len(reqs)))
		for _, r := range reqs {
			d.wg.Go(func() {
				// The slot is free once the provider answered: the record
				// that follows shares the commit of the next start.
				var once sync.Once
				free := func() { once.Do(func() { d.release(1) }) }
				defer free()
				d.add(c.request(ctx, r, free))
			})
		}
	}
	return nil
}

// waitTokens takes n messages' worth from the rate limiter, whose burst may
// be smaller than n.
func (c *Channel) waitTokens(ctx context.Context, n int) error {
	for n > 0 {
		k := min(n, c.limiter.Burst())
		if err := c.limiter.WaitN(ctx, k); err != nil {
			return err
		}
		n -= k
	}
	return nil
}

func chunks(ms []outbox.Message, size int) [][]outbox.Message {
	var out [][]outbox.Message
	for len(ms) > 0 {
		n := min(len(ms), size)
		out = append(out, ms[:n:n])
		ms = ms[n:]
	}
	return out
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
