package connector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

const (
	maxAttempts   = 10
	baseBackoff   = 30 * time.Second
	maxBackoff    = time.Hour
	sendTimeout   = 60 * time.Second
	claimPageSize = 50
)

// dispatcher sends one channel's due messages through its provider.
type dispatcher struct {
	channel  string
	store    *outbox.Store
	provider notify.Provider
	limiter  *rate.Limiter
	quiet    *quietHours
	dailyCap int                 // per recipient and local day; 0 = none
	loc      *time.Location      // for "day" and quiet hours
	fallback map[string][]string // job → fallback order
	log      *slog.Logger
	now      func() time.Time
	wakeup   chan struct{} // new messages were enqueued
	// batch > 1 sends up to that many messages per request (BatchProvider).
	batch int
	// notDelivered is each job's "not delivered within" fallback delay.
	notDelivered map[string]time.Duration
	// Concurrent sends for providers that cannot batch (batch.go).
	inflight chan struct{}
	sending  sync.WaitGroup
	started  int
	observer sendObserver // nil: no metrics

	mu          sync.Mutex
	pausedUntil time.Time
	pauseReason string
}

// wake tells the dispatch loop that new messages are waiting.
func (d *dispatcher) wake() {
	select {
	case d.wakeup <- struct{}{}:
	default:
	}
}

// Paused reports whether the channel is paused by a credential or config
// error, and why.
func (d *dispatcher) Paused() (bool, string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.now().Before(d.pausedUntil), d.pauseReason
}

func (d *dispatcher) pause(reason string, for_ time.Duration) {
	d.mu.Lock()
	d.pausedUntil, d.pauseReason = d.now().Add(for_), reason
	d.mu.Unlock()
	d.log.Error("channel paused: the provider rejected the credentials or account settings; fix the config, then restart the service",
		"channel", d.channel, "reason", reason, "retry_in", for_)
}

// drain sends due messages until none is left, the channel is paused or
// quiet, or ctx ends. It returns how many messages it handed to the provider.
func (d *dispatcher) drain(ctx context.Context) (int, error) {
	sent := 0
	for ctx.Err() == nil {
		if paused, _ := d.Paused(); paused {
			return sent, nil
		}
		if d.quiet != nil && d.quiet.active(d.now()) {
			return sent, nil
		}
		batch, err := d.store.Claim(ctx, d.channel, max(claimPageSize, d.batch))
		if err != nil {
			return sent, err
		}
		if len(batch) == 0 {
			return sent, nil
		}
		var ready []outbox.Message // claimed, checked, waiting for a batch request
		// Messages queued for a batch (or sent concurrently) are recorded
		// only at the flush: the daily cap cannot see them before then.
		unrecorded := map[string]bool{}
		for i, m := range batch {
			if err := d.limiter.Wait(ctx); err != nil || d.isPaused() {
				// Never started: give these back untouched.
				sent += d.flush(ctx, nil)
				return sent, d.store.Release(context.WithoutCancel(ctx), append(ready, batch[i:]...))
			}
			if out, err := d.store.OptedOut(ctx, m.To); err != nil || out {
				bg := context.WithoutCancel(ctx)
				if err != nil {
					// Never send when the list cannot be read.
					d.log.Warn("could not read the opt-out list; the message waits", "message", m.ID, "err", err)
					err = d.store.Defer(bg, m, d.now().Add(time.Minute), "waiting: the opt-out list could not be read",
						"bekliyor: opt-out listesi okunamadı")
				} else {
					err = d.store.Finish(bg, m, outbox.Outcome{Status: outbox.StatusSkipped, Reason: "the recipient is on the opt-out list",
						ReasonTR: "alıcı gönderim listesinden çıkmış (opt-out)"})
				}
				if err != nil {
					return sent, err
				}
				continue
			}
			if d.dailyCap > 0 && unrecorded[m.To] {
				// Send and record what is queued first, or one batch could
				// carry more than the day's maximum to one recipient.
				sent += d.flush(ctx, ready)
				ready = nil
				clear(unrecorded)
			}
			if capped, until := d.overCap(ctx, m); capped {
				if err := d.store.Defer(context.WithoutCancel(ctx), m, until,
					fmt.Sprintf("daily limit of %d messages for this recipient reached; waiting until tomorrow", d.dailyCap),
					fmt.Sprintf("bu alıcı için günlük %d mesaj sınırına ulaşıldı; yarın gönderilecek", d.dailyCap)); err != nil {
					return sent, err
				}
				d.log.Info("daily limit for this recipient reached; the message waits until tomorrow",
					"message", m.ID, "channel", d.channel, "limit", d.dailyCap, "until", until.Format(time.RFC3339))
				continue
			}
			if d.batch > 1 {
				unrecorded[m.To] = true
				ready = d.collect(ctx, ready, m)
				continue
			}
			d.send(ctx, m)
			sent++
		}
		sent += d.flush(ctx, ready)
	}
	return sent, nil
}

// overCap reports whether the recipient already got the day's maximum, and
// when the next day starts.
func (d *dispatcher) overCap(ctx context.Context, m outbox.Message) (bool, time.Time) {
	if d.dailyCap <= 0 || m.To == "" {
		return false, time.Time{}
	}
	now := d.now().In(d.loc)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, d.loc)
	n, err := d.store.SentSince(ctx, m.To, day)
	if err != nil {
		d.log.Warn("could not check the daily cap; sending anyway", "err", err)
		return false, time.Time{}
	}
	return n >= d.dailyCap, day.AddDate(0, 0, 1)
}

func (d *dispatcher) isPaused() bool { p, _ := d.Paused(); return p }

// send calls the provider and records the outcome. The call is not cancelled
// by shutdown: an interrupted request would leave an uncertain send, so it is
// allowed to finish within its own timeout.
func (d *dispatcher) send(ctx context.Context, m outbox.Message) {
	callCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	start := time.Now() // the real clock: latency, not schedule time
	res, err := d.provider.Send(callCtx, notify.Message{
		ID: m.ID, Channel: m.Channel, DedupeKey: m.DedupeKey, To: m.To, Subject: m.Subject,
		Text: m.Text, HTML: m.HTML, Template: m.Payload, Commercial: m.Commercial,
	})
	cancel()
	d.record(ctx, m, res, err, time.Since(start))
}

// record stores a send's outcome and acts on it (fallbacks).
func (d *dispatcher) record(ctx context.Context, m outbox.Message, res notify.Result, err error, took time.Duration) {
	o := d.outcome(m, res, err)
	defer progressOf(ctx).sent(1)
	if d.observer != nil {
		d.observer.ObserveSend(d.channel, took, o.Status)
	}
	bg := context.WithoutCancel(ctx)
	if err := d.store.Finish(bg, m, o); err != nil {
		d.log.Error("could not record a send outcome; the message will be checked as uncertain at the next start",
			"message", m.ID, "err", err)
		return
	}
	switch o.Status {
	case outbox.StatusSent:
		if d.awaitsDelivery(m.Job) {
			break // the fallback waits for the delivery report (reconcile.go)
		}
		if err := d.store.DropStandby(bg, m.DedupeKey); err != nil {
			d.log.Warn("could not drop fallbacks", "message", m.ID, "err", err)
		}
	case outbox.StatusFailed:
		if e := notify.AsError(err); err != nil && e.BadRecipient {
			d.suppress(bg, m, e)
		}
		if ch, err := d.store.ActivateFallback(bg, m.DedupeKey, d.fallback[m.Job]); err != nil {
			d.log.Warn("could not start the fallback channel", "message", m.ID, "err", err)
		} else if ch != "" {
			d.log.Info("falling back to the next channel", "message", m.ID, "from", d.channel, "to", ch)
		}
	}
}

// suppress puts an address the provider says does not exist (SMTP 5.1.1, a
// hard bounce) on the opt-out list: later messages to it are skipped instead
// of bouncing again and hurting the sender's reputation.
func (d *dispatcher) suppress(ctx context.Context, m outbox.Message, e *notify.Error) {
	note := fmt.Sprintf("address does not exist (%s); remove it from this list once the address is corrected", e.Code)
	if err := d.store.OptOut(ctx, m.To, note); err != nil {
		d.log.Warn("could not mark the address as bad", "message", m.ID, "err", err)
		return
	}
	d.log.Warn("address marked bad: the provider says it does not exist; later messages to it are skipped until it is corrected",
		"message", m.ID, "channel", d.channel, "code", e.Code)
}

func (d *dispatcher) outcome(m outbox.Message, res notify.Result, err error) outbox.Outcome {
	now := d.now()
	if err == nil {
		d.log.Info("message sent", "message", m.ID, "channel", d.channel, "job", m.Job, "provider_id", res.ProviderID)
		return outbox.Outcome{Status: outbox.StatusSent, ProviderID: res.ProviderID}
	}
	e := notify.AsError(err)
	// The English reason names the class and code for IT staff; the Turkish
	// one is the provider's plain explanation for the shop owner, when the
	// provider gave one (the page falls back to English otherwise).
	o := outbox.Outcome{Code: e.Code, Reason: e.Error(), ReasonTR: e.ReasonTR}
	switch {
	case errors.Is(err, notify.ErrRetry):
		if m.Attempts >= maxAttempts {
			why := e.ReasonTR
			if why == "" {
				why = e.Error()
			}
			o.Status, o.Reason = outbox.StatusFailed, fmt.Sprintf("gave up after %d attempts: %s", m.Attempts, e.Error())
			o.ReasonTR = fmt.Sprintf("%d denemeden sonra vazgeçildi: %s", m.Attempts, why)
			d.log.Warn("message failed after retries", "message", m.ID, "channel", d.channel, "err", e)
			return o
		}
		o.Status, o.RetryAt = outbox.StatusPending, now.Add(backoff(m.Attempts, e.RetryAfter))
		d.log.Info("send will be retried", "message", m.ID, "channel", d.channel, "at", o.RetryAt.Format(time.RFC3339), "err", e)
	case errors.Is(err, notify.ErrConfig):
		// Not the message's fault: put it back and pause the channel
		// instead of failing every message one by one.
		o.Status, o.RetryAt = outbox.StatusPending, now.Add(5*time.Minute)
		d.pause(e.Error(), 5*time.Minute)
	case errors.Is(err, notify.ErrPermanent):
		o.Status = outbox.StatusFailed
		d.log.Warn("message refused by the provider", "message", m.ID, "channel", d.channel, "code", e.Code, "err", e)
	default:
		o.Status = outbox.StatusUncertain
		d.log.Warn("send outcome unknown; it will be checked with the provider before any resend", "message", m.ID, "channel", d.channel, "err", e)
	}
	return o
}

// backoff is base·2^(n-1) with ±50% jitter, capped, and never shorter than
// what the provider asked for.
func backoff(attempt int, retryAfter time.Duration) time.Duration {
	d := baseBackoff << min(attempt-1, 10)
	if d > maxBackoff {
		d = maxBackoff
	}
	d = d/2 + time.Duration(rand.Int64N(int64(d)))
	if retryAfter > d {
		d = min(retryAfter, 6*time.Hour)
	}
	return d
}

// quietHours is the daily window without SMS/WhatsApp.
type quietHours struct {
	start, end int // minutes after midnight
	loc        *time.Location
}

func (q *quietHours) active(t time.Time) bool {
	t = t.In(q.loc)
	m := t.Hour()*60 + t.Minute()
	if q.start <= q.end {
		return m >= q.start && m < q.end
	}
	return m >= q.start || m < q.end // wraps midnight, e.g. 21:00–09:00
}
