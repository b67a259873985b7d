package dispatch

import (
	"context"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

const (
	// reportMaxAge stops polling for messages sent longer ago than this;
	// they stay "sent".
	reportMaxAge   = 72 * time.Hour
	reconcileBatch = 500
	// uncertainBatch is larger: a provider that searches by date pays per
	// window, not per send, so all of a crash's uncertain sends go at once.
	uncertainBatch = 5000
	// witnessMargin widens the time range of the witnesses handed to the
	// provider beyond the uncertain sends' own: the provider keeps those in
	// the window it queries, and knows the rest as our jobs.
	witnessMargin = 2 * time.Hour
	maxWitnesses  = 5000
)

// uncertainFinder is implemented by reporters that can find a send that has
// no provider id (by number and time window), e.g. NetGSM.
type uncertainFinder interface{ FindsUncertain() bool }

// RunReports reads delivery reports and settles uncertain sends every
// ReportEvery until ctx ends.
func (c *Channel) RunReports(ctx context.Context) {
	every := c.ReportEvery
	if every <= 0 {
		every = config.DefaultReportEvery.Std()
	}
	// The clock may be the schedule's (tests move it): wake often and
	// compare with it, rather than trusting the ticker alone.
	t := time.NewTicker(min(pollEvery, every))
	defer t.Stop()
	var next time.Time
	for {
		if now := c.now(); !now.Before(next) {
			if err := c.Reconcile(ctx); err != nil && ctx.Err() == nil {
				c.log.Warn("log.dispatch.reports_unreadable", "channel", c.Name, "err", err)
			}
			next = now.Add(every)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Reconcile asks the provider about sent and uncertain messages once,
// records what it says, settles what nobody can look up, and starts the
// fallback of messages not delivered in time.
func (c *Channel) Reconcile(ctx context.Context) error {
	now := c.now()
	rep, hasReports := c.Provider.(notify.Reporter)
	finds := false
	if f, ok := c.Provider.(uncertainFinder); ok {
		finds = f.FindsUncertain()
	}
	uncertain, err := c.store.Awaiting(ctx, c.Name, outbox.StatusUncertain, time.Time{}, uncertainBatch)
	if err != nil {
		return err
	}
	var ask []outbox.Awaiting
	for _, u := range uncertain {
		if hasReports && (u.ProviderID != "" || finds) {
			ask = append(ask, u)
			continue
		}
		if c.waitsForStatus(u) {
			continue // a status webhook may still settle it (twoway.go)
		}
		why := mapping.R(ReasonNoReportAPI)
		if c.StatusWebhook {
			why = mapping.R(ReasonNoStatus, "grace", c.UncertainGrace)
		}
		c.settleUncertain(ctx, u, why)
	}
	var queryErr error
	if hasReports {
		sent, err := c.store.Awaiting(ctx, c.Name, outbox.StatusSent, now.Add(-reportMaxAge), reconcileBatch)
		if err != nil {
			return err
		}
		ask = append(ask, sent...)
		queryErr = c.applyReports(ctx, rep, ask, finds)
	}
	for job, p := range c.Jobs {
		if p.NotDeliveredWithin <= 0 {
			continue
		}
		stale, err := c.store.StaleSent(ctx, c.Name, job, now.Add(-p.NotDeliveredWithin), reconcileBatch)
		if err != nil {
			return err
		}
		for _, m := range stale {
			c.fallback(ctx, m.ID, m.DedupeKey, job, "log.dispatch.fallback_late")
		}
	}
	return queryErr
}

// applyReports asks the provider about ask and records what it says. An
// uncertain send the provider can search for is sent again only when the
// provider proves it absent; one it cannot prove either way is held. Both
// wait for the grace period: the report may lag behind the send.
func (c *Channel) applyReports(ctx context.Context, rep notify.Reporter, ask []outbox.Awaiting, finds bool) error {
	if len(ask) == 0 {
		return nil
	}
	q := make([]notify.Sent, len(ask))
	byID := make(map[int64]outbox.Awaiting, len(ask))
	var from, to time.Time
	for i, a := range ask {
		q[i] = notify.Sent{ID: a.ID, ProviderID: a.ProviderID, To: a.To, At: a.At}
		byID[a.ID] = a
		if a.Status == outbox.StatusUncertain && a.ProviderID == "" {
			if from.IsZero() || a.At.Before(from) {
				from = a.At
			}
			if a.At.After(to) {
				to = a.At
			}
		}
	}
	if finds && !from.IsZero() {
		// The accepted sends around the uncertain ones: the provider's
		// proof that its report would have listed them.
		ws, err := c.store.Accepted(ctx, c.Name, from.Add(-witnessMargin), to.Add(witnessMargin), maxWitnesses)
		if err != nil {
			return err
		}
		for _, w := range ws {
			q = append(q, notify.Sent{ID: w.ID, ProviderID: w.ProviderID, To: w.To, At: w.At, Witness: true})
		}
	}
	reps, err := rep.Reports(ctx, q)
	seen := map[int64]bool{}
	for _, r := range reps {
		a, ok := byID[r.ID]
		if !ok || seen[r.ID] {
			continue
		}
		seen[r.ID] = true
		if r.Status == notify.StatusAbsent || r.Status == notify.StatusUnproven {
			c.settleUnfound(ctx, a, r)
			continue
		}
		c.applyReport(ctx, a, r)
	}
	if err != nil {
		return err
	}
	for _, a := range ask {
		if finds && !seen[a.ID] {
			c.settleUnfound(ctx, a, notify.Report{Status: notify.StatusUnproven, Why: mapping.R(ReasonReportSilent)})
		}
	}
	return nil
}

// settleUnfound acts on an uncertain send the report did not find, once the
// grace period has passed: sent again on a proven absence, held otherwise.
func (c *Channel) settleUnfound(ctx context.Context, a outbox.Awaiting, r notify.Report) {
	if a.Status != outbox.StatusUncertain || a.ProviderID != "" || c.now().Sub(a.At) < c.UncertainGrace {
		return
	}
	if r.Status != notify.StatusAbsent {
		c.holdUncertain(ctx, a, r.Why)
		return
	}
	if ok, err := c.store.RecordReport(ctx, a.ID, outbox.Report{Status: outbox.StatusPending,
		Reason: mapping.Reason{Code: ReasonProvenAbsent, Parts: []mapping.Reason{r.Why}}}, outbox.StatusUncertain); err != nil {
		c.log.Warn("log.dispatch.requeue_failed", "message", a.ID, "err", err)
	} else if ok {
		c.log.Info("log.dispatch.proven_absent", "message", a.ID, "channel", c.Name, "proof", c.Lang.Reason(r.Why))
		c.Wake()
	}
}

func (c *Channel) applyReport(ctx context.Context, a outbox.Awaiting, r notify.Report) {
	from := []outbox.Status{outbox.StatusSent, outbox.StatusUncertain}
	var rec outbox.Report
	switch r.Status {
	case notify.StatusPending:
		if a.Status != outbox.StatusUncertain {
			return
		}
		from = []outbox.Status{outbox.StatusUncertain}
		rec = outbox.Report{Status: outbox.StatusSent, ProviderID: r.ProviderID, Code: r.Code,
			Reason: mapping.Reason{Code: ReasonReportAccepted, Parts: []mapping.Reason{r.Why}}}
	case notify.StatusDelivered:
		rec = outbox.Report{Status: outbox.StatusDelivered, ProviderID: r.ProviderID, Code: r.Code, Reason: r.Why}
	default:
		rec = outbox.Report{Status: outbox.StatusFailed, ProviderID: r.ProviderID, Code: r.Code,
			Reason: mapping.Reason{Code: ReasonNotDelivered, Parts: []mapping.Reason{r.Why}}}
	}
	ok, err := c.store.RecordReport(ctx, a.ID, rec, from...)
	if err != nil || !ok {
		if err != nil {
			c.log.Warn("log.dispatch.report_not_recorded", "message", a.ID, "err", err)
		}
		return
	}
	c.log.Info("log.dispatch.report", "message", a.ID, "channel", c.Name, "status", rec.Status, "code", r.Code, "reason", c.Lang.Reason(r.Why))
	switch rec.Status {
	case outbox.StatusDelivered:
		if err := c.store.DropStandby(ctx, a.DedupeKey); err != nil {
			c.log.Warn("log.dispatch.drop_fallbacks_failed", "message", a.ID, "err", err)
		}
	case outbox.StatusFailed:
		if r.Refused {
			c.providerRefused(ctx, a.Message, r.Code)
			return
		}
		c.fallback(ctx, a.ID, a.DedupeKey, a.Job, "log.dispatch.fallback_undelivered")
	}
}

// settleUncertain decides an uncertain send nobody can look up: held for an
// operator (default), or sent again when uncertain_sends is resend.
func (c *Channel) settleUncertain(ctx context.Context, u outbox.Awaiting, why mapping.Reason) {
	if c.Uncertain != config.UncertainResend {
		c.holdUncertain(ctx, u, why)
		return
	}
	rec := outbox.Report{Status: outbox.StatusPending, Reason: mapping.Reason{Code: ReasonUncertainResend, Parts: []mapping.Reason{why}}}
	ok, err := c.store.RecordReport(ctx, u.ID, rec, outbox.StatusUncertain)
	if err != nil {
		c.log.Warn("log.dispatch.settle_failed", "message", u.ID, "err", err)
		return
	}
	if ok {
		c.log.Warn("log.dispatch.settled", "message", u.ID, "channel", c.Name, "status", rec.Status)
		c.Wake()
	}
}

// holdUncertain puts an uncertain send before an operator, saying why it
// cannot be settled.
func (c *Channel) holdUncertain(ctx context.Context, u outbox.Awaiting, why mapping.Reason) {
	rec := outbox.Report{Status: outbox.StatusHeld, Reason: mapping.Reason{Code: ReasonUncertainHeld, Parts: []mapping.Reason{why}}}
	ok, err := c.store.RecordReport(ctx, u.ID, rec, outbox.StatusUncertain)
	if err != nil {
		c.log.Warn("log.dispatch.settle_failed", "message", u.ID, "err", err)
		return
	}
	if ok {
		c.log.Warn("log.dispatch.settled", "message", u.ID, "channel", c.Name, "status", rec.Status, "reason", c.Lang.Reason(why))
	}
}
