package dispatch

import (
	"context"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

const (
	// reportMaxAge stops polling for messages sent longer ago than this;
	// they stay "sent".
	reportMaxAge   = 72 * time.Hour
	reconcileBatch = 500
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
				c.log.Warn("delivery reports could not be read; trying again later", "channel", c.Name, "err", err)
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
	uncertain, err := c.store.Awaiting(ctx, c.Name, outbox.StatusUncertain, time.Time{}, reconcileBatch)
	if err != nil {
		return err
	}
	var ask []outbox.Awaiting
	for _, u := range uncertain {
		if hasReports && (u.ProviderID != "" || finds) {
			ask = append(ask, u)
			continue
		}
		c.settleUncertain(ctx, u, "the provider has no report that can find it")
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
			c.fallback(ctx, m.ID, m.DedupeKey, job, "not delivered in time; falling back to the next channel")
		}
	}
	return queryErr
}

// applyReports asks the provider about ask and records what it says. When
// the query succeeded, an uncertain send the provider can search for but
// has no record of, well after the send, was never accepted: it may go again.
func (c *Channel) applyReports(ctx context.Context, rep notify.Reporter, ask []outbox.Awaiting, finds bool) error {
	if len(ask) == 0 {
		return nil
	}
	q := make([]notify.Sent, len(ask))
	byID := make(map[int64]outbox.Awaiting, len(ask))
	for i, a := range ask {
		q[i] = notify.Sent{ID: a.ID, ProviderID: a.ProviderID, To: a.To, At: a.At}
		byID[a.ID] = a
	}
	reps, err := rep.Reports(ctx, q)
	seen := map[int64]bool{}
	for _, r := range reps {
		a, ok := byID[r.ID]
		if !ok {
			continue
		}
		seen[r.ID] = true
		c.applyReport(ctx, a, r)
	}
	if err != nil {
		return err
	}
	for _, a := range ask {
		if a.Status != outbox.StatusUncertain || seen[a.ID] || a.ProviderID != "" || !finds || c.now().Sub(a.At) < c.UncertainGrace {
			continue
		}
		if ok, err := c.store.RecordReport(ctx, a.ID, outbox.Report{Status: outbox.StatusPending,
			Reason:   "the provider's report has no record of this send; sending it again",
			ReasonTR: "sağlayıcının raporunda bu gönderimin kaydı yok; yeniden gönderiliyor"}, outbox.StatusUncertain); err != nil {
			c.log.Warn("could not requeue an uncertain message", "message", a.ID, "err", err)
		} else if ok {
			c.log.Info("uncertain send never reached the provider; it will be sent again", "message", a.ID, "channel", c.Name)
			c.Wake()
		}
	}
	return nil
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
			Reason: "the provider's report shows it was accepted: " + r.Reason, ReasonTR: "sağlayıcının raporuna göre kabul edildi"}
	case notify.StatusDelivered:
		rec = outbox.Report{Status: outbox.StatusDelivered, ProviderID: r.ProviderID, Code: r.Code, Reason: r.Reason}
	default:
		// Reports carry an English reason only; the Turkish text says what
		// happened and keeps the provider's words.
		rec = outbox.Report{Status: outbox.StatusFailed, ProviderID: r.ProviderID, Code: r.Code, Reason: "not delivered: " + r.Reason,
			ReasonTR: "iletilemedi: " + r.Reason}
	}
	ok, err := c.store.RecordReport(ctx, a.ID, rec, from...)
	if err != nil || !ok {
		if err != nil {
			c.log.Warn("could not record a delivery report", "message", a.ID, "err", err)
		}
		return
	}
	c.log.Info("delivery report", "message", a.ID, "channel", c.Name, "status", rec.Status, "code", r.Code, "reason", r.Reason)
	switch rec.Status {
	case outbox.StatusDelivered:
		if err := c.store.DropStandby(ctx, a.DedupeKey); err != nil {
			c.log.Warn("could not drop fallbacks", "message", a.ID, "err", err)
		}
	case outbox.StatusFailed:
		c.fallback(ctx, a.ID, a.DedupeKey, a.Job, "not delivered; falling back to the next channel")
	}
}

// settleUncertain decides an uncertain send nobody can look up: held for an
// operator (default), or sent again when uncertain_sends is resend.
func (c *Channel) settleUncertain(ctx context.Context, u outbox.Awaiting, why string) {
	rec := outbox.Report{Status: outbox.StatusHeld,
		Reason:   "uncertain: " + why + "; check with the provider whether it arrived, then retry or cancel it",
		ReasonTR: "gönderim belirsiz: ulaşıp ulaşmadığını sağlayıcıdan kontrol edin, sonra tekrar deneyin veya iptal edin"}
	if c.Uncertain == config.UncertainResend {
		rec = outbox.Report{Status: outbox.StatusPending, Reason: "uncertain: " + why + "; sending again (uncertain_sends: resend)",
			ReasonTR: "gönderim belirsiz; yeniden gönderiliyor (uncertain_sends: resend)"}
	}
	ok, err := c.store.RecordReport(ctx, u.ID, rec, outbox.StatusUncertain)
	if err != nil {
		c.log.Warn("could not settle an uncertain message", "message", u.ID, "err", err)
		return
	}
	if ok {
		c.log.Warn("uncertain send settled", "message", u.ID, "channel", c.Name, "status", rec.Status)
		if rec.Status == outbox.StatusPending {
			c.Wake()
		}
	}
}
