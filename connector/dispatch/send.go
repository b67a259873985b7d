package dispatch

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/progress"
	"github.com/akinsoft-connector/akinsoft-connector/notify"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// answer is one request's messages with what the provider said, waiting
// to be recorded.
type answer struct {
	done []outbox.Done
	errs []error // the provider's error per message, for what follows the record
	took time.Duration
}

// request sends started messages in one request (a BatchProvider's n:n,
// or a single message), records their outcomes in one commit and acts on
// them; answered is called once the provider has answered, before the
// record: the request is no longer in flight. The call is not cancelled by
// shutdown: an interrupted request would leave uncertain sends, so it may
// finish within its own timeout.
func (c *Channel) request(ctx context.Context, ms []outbox.Message, answered func()) Tally {
	callCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
	start := time.Now() // the real clock: latency, not schedule time
	var res []notify.Result
	var errs []error
	if bp, ok := c.Provider.(notify.BatchProvider); ok && len(ms) > 1 {
		batch := make([]notify.Message, len(ms))
		for i, m := range ms {
			batch[i] = m.Message
		}
		res, errs = bp.SendBatch(callCtx, batch)
	} else {
		r, err := c.Provider.Send(callCtx, ms[0].Message)
		res, errs = []notify.Result{r}, []error{err}
	}
	cancel()
	a := answer{done: make([]outbox.Done, len(ms)), errs: errs, took: time.Since(start)}
	crashAfterAnswer() // a test build dies here: answered, not recorded
	var t Tally
	for i, m := range ms {
		o := c.outcome(m, res[i], errs[i])
		if o.Status == outbox.StatusSent && !c.awaitsDelivery(m.Job) && c.mayHaveStandby(m.Job) {
			o.DropStandby = true
		}
		a.done[i] = outbox.Done{Message: m, Outcome: o}
		t.count(o.Status)
	}
	answered()
	c.logRequest(a)
	if err := c.record(ctx, a); err != nil {
		c.keep(a, err)
	}
	return t
}

// record commits a request's outcomes and then does what follows them.
func (c *Channel) record(ctx context.Context, a answer) error {
	bg := context.WithoutCancel(ctx)
	if err := c.store.FinishAll(bg, a.done); err != nil {
		return err
	}
	p := progress.Of(ctx)
	for i, d := range a.done {
		m, o := d.Message, d.Outcome
		if c.observer != nil {
			c.observer.ObserveSend(c.Name, a.took, o.Status)
		}
		if o.Status == outbox.StatusFailed {
			var e *notify.Error
			if a.errs[i] != nil {
				e = notify.AsError(a.errs[i])
			}
			c.failed(bg, m, e)
		}
	}
	p.AddSent(len(a.done))
	return nil
}

// keep holds a request's outcomes that could not be recorded. They stay
// sending in the outbox meanwhile; Drain records them before it starts
// anything else, and a restart before that checks them as uncertain.
func (c *Channel) keep(a answer, err error) {
	if !outbox.Unwritable(err) {
		// Not the disk: a row that is no longer being sent (an operator's
		// action meanwhile). Retrying would not help.
		c.log.Warn("log.dispatch.outcome_not_recorded", "channel", c.Name, "err", err)
		return
	}
	c.mu.Lock()
	c.unrecorded = append(c.unrecorded, a)
	c.mu.Unlock()
	c.log.Error("log.dispatch.outcome_kept",
		"channel", c.Name, "messages", len(a.done), "err", err)
}

// recordUnrecorded records the outcomes kept by keep, adding them to t.
func (c *Channel) recordUnrecorded(ctx context.Context, t *Tally) error {
	c.mu.Lock()
	kept := c.unrecorded
	c.unrecorded = nil
	c.mu.Unlock()
	for i, a := range kept {
		if err := c.record(ctx, a); err != nil {
			c.mu.Lock()
			c.unrecorded = append(kept[i:], c.unrecorded...)
			c.mu.Unlock()
			return fmt.Errorf("%d answered request(s) wait to be recorded: %w", len(kept)-i, err)
		}
		c.log.Info("log.dispatch.recorded_late", "channel", c.Name, "messages", len(a.done))
	}
	return nil
}

// logRequest sums what a request sent into the channel's line a second
// (sentlog.go), and writes a line per kind of trouble at once; the
// per-message detail is at debug level and in the outbox.
func (c *Channel) logRequest(a answer) {
	type trouble struct {
		ids []int64
		err error
		o   outbox.Outcome
	}
	var sent int
	var byStatus map[string]*trouble
	var order []string
	// Checked once: the detail's arguments would be boxed for every
	// message even when debug is off.
	debug := c.log.Enabled(context.Background(), slog.LevelDebug)
	for i, d := range a.done {
		m, o := d.Message, d.Outcome
		if debug {
			c.log.Debug("log.dispatch.outcome", "message", m.ID, "channel", c.Name, "job", m.Job, "status", o.Status, "provider_id", o.ProviderID, "code", o.Code)
		}
		if o.Status == outbox.StatusSent {
			sent++
			continue
		}
		key := string(o.Status) + "/" + o.Reason.Code
		if o.Status == outbox.StatusFailed && o.Reason.Code == ReasonGaveUp {
			key = "gaveup"
		}
		tr := byStatus[key]
		if tr == nil {
			if byStatus == nil {
				byStatus = map[string]*trouble{}
			}
			tr = &trouble{err: a.errs[i], o: o}
			byStatus[key] = tr
			order = append(order, key)
		}
		tr.ids = append(tr.ids, m.ID)
	}
	if sent > 0 {
		c.logSent(c.sent.add(time.Now(), sent, a.took))
	}
	for _, key := range order {
		tr := byStatus[key]
		e := notify.AsError(tr.err)
		attrs := []any{"messages", tr.ids, "channel", c.Name}
		switch {
		case key == "gaveup":
			c.log.Warn("log.dispatch.gave_up", append(attrs, "err", c.Lang.ProviderError(e))...)
		case tr.o.Status == outbox.StatusPending && errors.Is(tr.err, notify.ErrConfig):
			// The pause has said it (pause).
		case tr.o.Status == outbox.StatusPending:
			c.log.Info("log.dispatch.retry", append(attrs, "at", tr.o.RetryAt, "err", c.Lang.ProviderError(e))...)
		case tr.o.Status == outbox.StatusFailed:
			c.log.Warn("log.dispatch.refused", append(attrs, "code", e.Code, "err", c.Lang.ProviderError(e))...)
		default:
			c.log.Warn("log.dispatch.unknown", append(attrs, "err", c.Lang.ProviderError(e))...)
		}
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

// mayHaveStandby reports whether a job's events may have fallback copies
// waiting (a job no longer configured may).
func (c *Channel) mayHaveStandby(job string) bool {
	p, ok := c.Jobs[job]
	return !ok || len(p.Fallback) > 0
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
	// The note is read by people in the opt-out list: in the config's
	// language, like the rest of what they read.
	note := catalog.M("dispatch.bounce_note", "code", e.Code).In(c.Lang)
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
		c.unpause()
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
	case errors.Is(err, notify.ErrRetry) && e.NoCredit:
		// The account's fault, not the message's: it never gives up for
		// it (a weekend without credit failed every message after 10
		// tries), and the channel waits for the top-up instead of sending
		// the rest to the same refusal.
		wait := max(e.RetryAfter, 5*time.Minute)
		o.Status, o.RetryAt = outbox.StatusPending, now.Add(wait)
		c.pause(e, wait)
	case errors.Is(err, notify.ErrRetry):
		c.refusedSend(e)
		if m.Attempts >= maxAttempts {
			o.Status = outbox.StatusFailed
			o.Reason = mapping.Reason{Code: ReasonGaveUp, Args: map[string]string{"attempts": fmt.Sprint(m.Attempts)}, Parts: []mapping.Reason{o.Reason}}
			return o
		}
		o.Status, o.RetryAt = outbox.StatusPending, now.Add(backoff(m.Attempts, e.RetryAfter))
	case errors.Is(err, notify.ErrConfig):
		// Not the message's fault: put it back and pause the channel
		// instead of failing every message one by one.
		o.Status, o.RetryAt = outbox.StatusPending, now.Add(5*time.Minute)
		c.pause(e, 5*time.Minute)
	case errors.Is(err, notify.ErrPermanent):
		o.Status = outbox.StatusFailed
	default:
		c.refusedSend(e)
		o.Status = outbox.StatusUncertain
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
