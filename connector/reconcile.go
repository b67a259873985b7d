package connector

import (
	"context"
	"errors"
	"fmt"
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

// reconcileLoop polls delivery reports and settles uncertain sends, per
// channel at its report_every interval, until ctx ends.
func (d *Daemon) reconcileLoop(ctx context.Context) {
	next := map[string]time.Time{}
	// Wake often enough for the shortest report_every.
	tick := 15 * time.Second
	for name := range d.dispatchers {
		tick = min(tick, d.reportEvery(name))
	}
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		for name, disp := range d.dispatchers {
			if now := d.now(); !now.Before(next[name]) {
				if err := d.reconcileChannel(ctx, disp); err != nil && ctx.Err() == nil {
					d.log.Warn("delivery reports could not be read; trying again later", "channel", name, "err", err)
				}
				next[name] = now.Add(d.reportEvery(name))
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (d *Daemon) uncertainGrace() time.Duration { return d.cfg.UncertainGrace.Std() }

func (d *Daemon) reportEvery(channel string) time.Duration {
	if ch := d.cfg.Channels.ByName()[channel]; ch != nil {
		return ch.ReportEvery.Std()
	}
	return config.DefaultReportEvery.Std()
}

// Reconcile reads delivery reports and settles uncertain sends on every
// channel once.
func (d *Daemon) Reconcile(ctx context.Context) error {
	var errs []error
	for name, disp := range d.dispatchers {
		if err := d.reconcileChannel(ctx, disp); err != nil {
			errs = append(errs, fmt.Errorf("channel %s: %w", name, err))
		}
	}
	return errors.Join(errs...)
}

func (d *Daemon) reconcileChannel(ctx context.Context, disp *dispatcher) error {
	now := d.now()
	name := disp.channel
	rep, hasReports := disp.provider.(notify.Reporter)
	finds := false
	if f, ok := disp.provider.(uncertainFinder); ok {
		finds = f.FindsUncertain()
	}
	uncertain, err := d.store.Awaiting(ctx, name, outbox.StatusUncertain, time.Time{}, reconcileBatch)
	if err != nil {
		return err
	}
	var ask []outbox.Awaiting
	for _, u := range uncertain {
		if hasReports && (u.ProviderID != "" || finds) {
			ask = append(ask, u)
			continue
		}
		d.settleUncertain(ctx, disp, u, "the provider has no report that can find it")
	}
	var queryErr error
	if hasReports {
		sent, err := d.store.Awaiting(ctx, name, outbox.StatusSent, now.Add(-reportMaxAge), reconcileBatch)
		if err != nil {
			return err
		}
		ask = append(ask, sent...)
		queryErr = d.applyReports(ctx, disp, rep, ask, finds)
	}
	for job, after := range disp.notDelivered {
		stale, err := d.store.StaleSent(ctx, name, job, now.Add(-after), reconcileBatch)
		if err != nil {
			return err
		}
		for _, m := range stale {
			if ch, err := d.store.ActivateFallback(ctx, m.DedupeKey, disp.fallback[job]); err != nil {
				d.log.Warn("could not start the fallback channel", "message", m.ID, "err", err)
			} else if ch != "" {
				d.log.Info("not delivered in time; falling back to the next channel", "message", m.ID, "from", name, "to", ch, "after", after)
				d.wake(ch)
			}
		}
	}
	return queryErr
}

// applyReports asks the provider about ask and records what it says. When
// the query succeeded, an uncertain send the provider can search for but
// has no record of, well after the send, was never accepted: it may go again.
func (d *Daemon) applyReports(ctx context.Context, disp *dispatcher, rep notify.Reporter, ask []outbox.Awaiting, finds bool) error {
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
		d.applyReport(ctx, disp, a, r)
	}
	if err != nil {
		return err
	}
	for _, a := range ask {
		if a.Status != outbox.StatusUncertain || seen[a.ID] || a.ProviderID != "" || !finds || d.now().Sub(a.At) < d.uncertainGrace() {
			continue
		}
		if ok, err := d.store.RecordReport(ctx, a.ID, outbox.Report{Status: outbox.StatusPending,
			Reason:   "the provider's report has no record of this send; sending it again",
			ReasonTR: "sağlayıcının raporunda bu gönderimin kaydı yok; yeniden gönderiliyor"}, outbox.StatusUncertain); err != nil {
			d.log.Warn("could not requeue an uncertain message", "message", a.ID, "err", err)
		} else if ok {
			d.log.Info("uncertain send never reached the provider; it will be sent again", "message", a.ID, "channel", disp.channel)
			disp.wake()
		}
	}
	return nil
}

func (d *Daemon) applyReport(ctx context.Context, disp *dispatcher, a outbox.Awaiting, r notify.Report) {
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
	ok, err := d.store.RecordReport(ctx, a.ID, rec, from...)
	if err != nil || !ok {
		if err != nil {
			d.log.Warn("could not record a delivery report", "message", a.ID, "err", err)
		}
		return
	}
	d.log.Info("delivery report", "message", a.ID, "channel", disp.channel, "status", rec.Status, "code", r.Code, "reason", r.Reason)
	switch rec.Status {
	case outbox.StatusDelivered:
		if err := d.store.DropStandby(ctx, a.DedupeKey); err != nil {
			d.log.Warn("could not drop fallbacks", "message", a.ID, "err", err)
		}
	case outbox.StatusFailed:
		if ch, err := d.store.ActivateFallback(ctx, a.DedupeKey, disp.fallback[a.Job]); err != nil {
			d.log.Warn("could not start the fallback channel", "message", a.ID, "err", err)
		} else if ch != "" {
			d.log.Info("not delivered; falling back to the next channel", "message", a.ID, "from", disp.channel, "to", ch)
			d.wake(ch)
		}
	}
}

// settleUncertain decides an uncertain send nobody can look up: held for an
// operator (default), or sent again when uncertain_sends is resend.
func (d *Daemon) settleUncertain(ctx context.Context, disp *dispatcher, u outbox.Awaiting, why string) {
	rec := outbox.Report{Status: outbox.StatusHeld,
		Reason:   "uncertain: " + why + "; check with the provider whether it arrived, then retry or cancel it",
		ReasonTR: "gönderim belirsiz: ulaşıp ulaşmadığını sağlayıcıdan kontrol edin, sonra tekrar deneyin veya iptal edin"}
	if d.cfg.Uncertain == config.UncertainResend {
		rec = outbox.Report{Status: outbox.StatusPending, Reason: "uncertain: " + why + "; sending again (uncertain_sends: resend)",
			ReasonTR: "gönderim belirsiz; yeniden gönderiliyor (uncertain_sends: resend)"}
	}
	ok, err := d.store.RecordReport(ctx, u.ID, rec, outbox.StatusUncertain)
	if err != nil {
		d.log.Warn("could not settle an uncertain message", "message", u.ID, "err", err)
		return
	}
	if ok {
		d.log.Warn("uncertain send settled", "message", u.ID, "channel", disp.channel, "status", rec.Status)
		if rec.Status == outbox.StatusPending {
			disp.wake()
		}
	}
}

func (d *Daemon) wake(channel string) {
	if disp, ok := d.dispatchers[channel]; ok {
		disp.wake()
	}
}
