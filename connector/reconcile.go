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
	defaultReportEvery = 2 * time.Minute
	// reportMaxAge stops polling for messages sent longer ago than this;
	// they stay "sent".
	reportMaxAge = 72 * time.Hour
	// defaultUncertainGrace is how long after an uncertain send the report
	// of a provider that can search by number may still lag behind it: only
	// then is its answer on a send it did not find acted on (absent: send
	// again; unproven: hold) (config uncertain_grace).
	defaultUncertainGrace = 45 * time.Minute
	reconcileBatch        = 500
	// witnessMargin widens the time range of the witnesses handed to the
	// provider beyond the uncertain sends' own: the provider keeps those in
	// the window it queries, and knows the rest as our jobs.
	witnessMargin = 2 * time.Hour
	maxWitnesses  = 5000
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

func (d *Daemon) uncertainGrace() time.Duration {
	if v, err := config.ParseDuration(d.cfg.UncertainGrace); err == nil && v > 0 {
		return v
	}
	return defaultUncertainGrace
}

func (d *Daemon) reportEvery(channel string) time.Duration {
	if ch := d.cfg.Channels.ByName()[channel]; ch != nil && ch.ReportEvery != "" {
		if v, err := config.ParseDuration(ch.ReportEvery); err == nil && v > 0 {
			return v
		}
	}
	return defaultReportEvery
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
		d.settleUncertain(ctx, disp, u, "the provider has no report that can find it", "sağlayıcının bunu bulabilecek bir raporu yok")
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

// applyReports asks the provider about ask and records what it says. An
// uncertain send the provider can search for is sent again only when the
// provider proves it absent; one it cannot prove either way is held. Both
// wait for the grace period: the report may lag behind the send.
func (d *Daemon) applyReports(ctx context.Context, disp *dispatcher, rep notify.Reporter, ask []outbox.Awaiting, finds bool) error {
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
		ws, err := d.store.Accepted(ctx, disp.channel, from.Add(-witnessMargin), to.Add(witnessMargin), maxWitnesses)
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
			d.settleUnfound(ctx, disp, a, r)
			continue
		}
		d.applyReport(ctx, disp, a, r)
	}
	if err != nil {
		return err
	}
	for _, a := range ask {
		if finds && !seen[a.ID] {
			d.settleUnfound(ctx, disp, a, notify.Report{Status: notify.StatusUnproven,
				Reason: "the provider's report did not say whether it took this send", ReasonTR: "sağlayıcının raporu bu gönderimi alıp almadığını söylemedi"})
		}
	}
	return nil
}

// settleUnfound acts on an uncertain send the report did not find, once the
// grace period has passed: sent again on a proven absence, held otherwise.
func (d *Daemon) settleUnfound(ctx context.Context, disp *dispatcher, a outbox.Awaiting, r notify.Report) {
	if a.Status != outbox.StatusUncertain || a.ProviderID != "" || d.now().Sub(a.At) < d.uncertainGrace() {
		return
	}
	if r.Status != notify.StatusAbsent {
		d.holdUncertain(ctx, disp, a, r.Reason, r.ReasonTR)
		return
	}
	if ok, err := d.store.RecordReport(ctx, a.ID, outbox.Report{Status: outbox.StatusPending,
		Reason:   "the provider's report proves it never took this send (" + r.Reason + "); sending it again",
		ReasonTR: "sağlayıcının raporu bu gönderimi hiç almadığını gösteriyor (" + r.ReasonTR + "); yeniden gönderiliyor"}, outbox.StatusUncertain); err != nil {
		d.log.Warn("could not requeue an uncertain message", "message", a.ID, "err", err)
	} else if ok {
		d.log.Info("uncertain send never reached the provider; it will be sent again", "message", a.ID, "channel", disp.channel, "proof", r.Reason)
		disp.wake()
	}
}

func (d *Daemon) applyReport(ctx context.Context, disp *dispatcher, a outbox.Awaiting, r notify.Report) {
	from := []string{outbox.StatusSent, outbox.StatusUncertain}
	var rec outbox.Report
	switch r.Status {
	case notify.StatusPending:
		if a.Status != outbox.StatusUncertain {
			return
		}
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
func (d *Daemon) settleUncertain(ctx context.Context, disp *dispatcher, u outbox.Awaiting, why, whyTR string) {
	if d.cfg.Uncertain != "resend" {
		d.holdUncertain(ctx, disp, u, why, whyTR)
		return
	}
	rec := outbox.Report{Status: outbox.StatusPending, Reason: "uncertain: " + why + "; sending again (uncertain_sends: resend)",
		ReasonTR: "gönderim belirsiz: " + whyTR + "; yeniden gönderiliyor (uncertain_sends: resend)"}
	ok, err := d.store.RecordReport(ctx, u.ID, rec, outbox.StatusUncertain)
	if err != nil {
		d.log.Warn("could not settle an uncertain message", "message", u.ID, "err", err)
		return
	}
	if ok {
		d.log.Warn("uncertain send settled", "message", u.ID, "channel", disp.channel, "status", rec.Status)
		disp.wake()
	}
}

// holdUncertain puts an uncertain send before an operator, saying why it
// cannot be settled.
func (d *Daemon) holdUncertain(ctx context.Context, disp *dispatcher, u outbox.Awaiting, why, whyTR string) {
	rec := outbox.Report{Status: outbox.StatusHeld,
		Reason:   "uncertain: " + why + "; check with the provider whether it arrived, then retry or cancel it",
		ReasonTR: "gönderim belirsiz: " + whyTR + "; ulaşıp ulaşmadığını sağlayıcıdan kontrol edin, sonra tekrar deneyin veya iptal edin"}
	ok, err := d.store.RecordReport(ctx, u.ID, rec, outbox.StatusUncertain)
	if err != nil {
		d.log.Warn("could not settle an uncertain message", "message", u.ID, "err", err)
		return
	}
	if ok {
		d.log.Warn("uncertain send settled", "message", u.ID, "channel", disp.channel, "status", rec.Status, "reason", why)
	}
}

func (d *Daemon) wake(channel string) {
	if disp, ok := d.dispatchers[channel]; ok {
		disp.wake()
	}
}
