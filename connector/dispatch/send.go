package dispatch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/progress"
	"github.com/akinsoft-connector/akinsoft-connector/notify"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// collect takes a claimed message that passed the policies. For a provider
// that can batch it is queued for the next request; any other provider gets
// it at once, with up to Batch requests in flight: one at a time, a provider
// answering in 50 ms caps a channel at 20 messages/s whatever its rate says.
func (c *Channel) collect(ctx context.Context, ready []outbox.Message, m outbox.Message) []outbox.Message {
	if _, ok := c.Provider.(notify.BatchProvider); ok {
		return append(ready, m)
	}
	if c.inflight == nil {
		c.inflight = make(chan struct{}, c.Batch)
	}
	c.inflight <- struct{}{}
	c.started++
	c.sending.Go(func() {
		defer func() { <-c.inflight }()
		c.send(ctx, m)
	})
	return ready
}

// flush waits for concurrent sends, sends the queued batch, and returns how
// many messages went to the provider since the last flush.
func (c *Channel) flush(ctx context.Context, ready []outbox.Message) int {
	c.sending.Wait()
	n := c.started
	c.started = 0
	return n + c.sendBatch(ctx, ready)
}

// sendBatch hands claimed messages to a BatchProvider, Batch per request
// (NetGSM n:n), and records each message's own outcome. It returns how many
// it handed over.
func (c *Channel) sendBatch(ctx context.Context, ms []outbox.Message) int {
	bp, ok := c.Provider.(notify.BatchProvider)
	n := len(ms)
	for len(ms) > 0 {
		chunk := ms[:min(len(ms), max(1, c.Batch))]
		ms = ms[len(chunk):]
		if !ok {
			for _, m := range chunk {
				c.send(ctx, m)
			}
			continue
		}
		batch := make([]notify.Message, len(chunk))
		for i, m := range chunk {
			batch[i] = m.Message
		}
		// Like single sends, a batch in flight is not cut short by shutdown.
		callCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
		start := time.Now()
		res, errs := bp.SendBatch(callCtx, batch)
		cancel()
		took := time.Since(start)
		for i, m := range chunk {
			c.record(ctx, m, res[i], errs[i], took)
		}
	}
	return n
}

// send calls the provider and records the outcome. The call is not cancelled
// by shutdown: an interrupted request would leave an uncertain send, so it is
// allowed to finish within its own timeout.
func (c *Channel) send(ctx context.Context, m outbox.Message) {
	callCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	start := time.Now() // the real clock: latency, not schedule time
	res, err := c.Provider.Send(callCtx, m.Message)
	cancel()
	c.record(ctx, m, res, err, time.Since(start))
}

// record stores a send's outcome and acts on it (fallbacks).
func (c *Channel) record(ctx context.Context, m outbox.Message, res notify.Result, err error, took time.Duration) {
	o := c.outcome(m, res, err)
	defer progress.Of(ctx).AddSent(1)
	if c.observer != nil {
		c.observer.ObserveSend(c.Name, took, o.Status)
	}
	bg := context.WithoutCancel(ctx)
	if err := c.store.Finish(bg, m, o); err != nil {
		c.log.Error("log.dispatch.outcome_not_recorded",
			"message", m.ID, "err", err)
		return
	}
	switch o.Status {
	case outbox.StatusSent:
		if c.awaitsDelivery(m.Job) {
			break // the fallback waits for the delivery report (reconcile.go)
		}
		if err := c.store.DropStandby(bg, m.DedupeKey); err != nil {
			c.log.Warn("log.dispatch.drop_fallbacks_failed", "message", m.ID, "err", err)
		}
	case outbox.StatusFailed:
		var e *notify.Error
		if err != nil {
			e = notify.AsError(err)
		}
		c.failed(bg, m, e)
	}
}

// fallback starts the next channel of a job's fallback order for an event
// and wakes that channel at once. Every place that gives up on a channel (a
// refused send, a failed delivery report, no report in time) comes here.
func (c *Channel) fallback(ctx context.Context, id int64, dedupeKey, job, why string) {
	ch, err := c.store.ActivateFallback(ctx, dedupeKey, c.Jobs[job].Fallback)
	switch {
	case err != nil:
		c.log.Warn("log.dispatch.fallback_failed", "message", id, "err", err)
	case ch != "":
		c.log.Info(why, "message", id, "from", c.Name, "to", ch)
		if c.waker != nil {
			c.waker.Wake(ch)
		}
	}
}

// awaitsDelivery reports whether a sent message keeps its standby fallbacks
// until a delivery report (or the job's "not delivered within" delay)
// decides, instead of dropping them as soon as the provider accepted it.
func (c *Channel) awaitsDelivery(job string) bool {
	if c.Jobs[job].NotDeliveredWithin > 0 || c.StatusWebhook {
		return true
	}
	_, ok := c.Provider.(notify.Reporter)
	return ok
}

// suppress puts an address the provider says does not exist (SMTP 5.1.1, a
// hard bounce) on the opt-out list: later messages to it are skipped instead
// of bouncing again and hurting the sender's reputation.
func (c *Channel) suppress(ctx context.Context, m outbox.Message, e *notify.Error) {
	note := fmt.Sprintf("address does not exist (%s); remove it from this list once the address is corrected", e.Code)
	if err := c.store.AddOptOut(ctx, outbox.OptOutEntry{Recipient: m.To, Channel: outbox.EveryChannel, Scope: outbox.ScopeAll,
		Source: outbox.SourceBounce, Note: note}); err != nil {
		c.log.Warn("log.dispatch.bad_address_failed", "message", m.ID, "err", err)
		return
	}
	c.log.Warn("log.dispatch.bad_address",
		"message", m.ID, "channel", c.Name, "code", e.Code)
}

// outcome classifies a provider's answer into the message's next state.
func (c *Channel) outcome(m outbox.Message, res notify.Result, err error) outbox.Outcome {
	now := c.now()
	if err == nil {
		c.log.Info("log.dispatch.sent", "message", m.ID, "channel", c.Name, "job", m.Job, "provider_id", res.ProviderID)
		return outbox.Outcome{Status: outbox.StatusSent, ProviderID: res.ProviderID}
	}
	e := notify.AsError(err)
	// The provider's reason (its code is in its own column) is what the page
	// and the CLI show, in the reader's language.
	o := outbox.Outcome{Code: e.Code, Reason: e.Why}
	if e.Err != nil && o.Reason.Detail == "" {
		o.Reason.Detail = e.Err.Error()
	}
	switch {
	case errors.Is(err, notify.ErrRetry):
		if m.Attempts >= maxAttempts {
			o.Status = outbox.StatusFailed
			o.Reason = mapping.Reason{Code: ReasonGaveUp, Args: map[string]string{"attempts": fmt.Sprint(m.Attempts)}, Parts: []mapping.Reason{o.Reason}}
			c.log.Warn("log.dispatch.gave_up", "message", m.ID, "channel", c.Name, "err", c.Lang.ProviderError(e))
			return o
		}
		o.Status, o.RetryAt = outbox.StatusPending, now.Add(backoff(m.Attempts, e.RetryAfter))
		c.log.Info("log.dispatch.retry", "message", m.ID, "channel", c.Name, "at", o.RetryAt.Format(time.RFC3339), "err", c.Lang.ProviderError(e))
	case errors.Is(err, notify.ErrConfig):
		// Not the message's fault: put it back and pause the channel
		// instead of failing every message one by one.
		o.Status, o.RetryAt = outbox.StatusPending, now.Add(5*time.Minute)
		c.pause(e, 5*time.Minute)
	case errors.Is(err, notify.ErrPermanent):
		o.Status = outbox.StatusFailed
		c.log.Warn("log.dispatch.refused", "message", m.ID, "channel", c.Name, "code", e.Code, "err", c.Lang.ProviderError(e))
	default:
		o.Status = outbox.StatusUncertain
		c.log.Warn("log.dispatch.unknown", "message", m.ID, "channel", c.Name, "err", c.Lang.ProviderError(e))
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
