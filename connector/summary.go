package connector

import (
	"context"
	"fmt"

	"github.com/robfig/cron/v3"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/summary"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// scheduleSummary sends the shop owner's daily summary at daily_summary.at
// in the config's time zone.
func (d *Daemon) scheduleSummary(ctx context.Context, c *cron.Cron) {
	s := d.cfg.DailySummary
	if s == nil || s.Disabled {
		return
	}
	m := s.At.Minutes()
	if _, err := c.AddFunc(fmt.Sprintf("%d %d * * *", m%60, m/60), func() {
		if err := d.SendSummary(ctx); err != nil && ctx.Err() == nil {
			d.log.Warn("log.summary.failed", "err", err)
		}
	}); err != nil {
		d.log.Warn("log.summary.schedule_failed", "err", err)
	}
}

// SendSummary enqueues today's summary for the owner, once per day (its
// dedupe key is the day: a second call the same day adds nothing), and
// wakes its channel. The outbox sends it like any message.
func (d *Daemon) SendSummary(ctx context.Context) error {
	s := d.cfg.DailySummary
	if s == nil || s.Disabled {
		return nil
	}
	loc := d.cfg.Location()
	from, to := summary.Window(d.now(), loc)
	var jobs []string
	for _, j := range d.jobs {
		jobs = append(jobs, j.Name)
	}
	r, err := summary.Build(ctx, d.store, from, to, d.metrics.Credits(), jobs)
	if err != nil {
		return err
	}
	r.NotOpened = d.notOpened()
	addr, err := mapping.NormalizeRecipient(s.Channel, s.To, d.cfg.Formats.PhoneRegion)
	if err != nil {
		return fmt.Errorf("daily summary: daily_summary.to: %w", err)
	}
	msg := r.Message(s.Channel, addr, s.Language.Lang(), loc)
	n, err := d.store.Enqueue(ctx, outbox.Batch{Job: summary.Job, Source: "connector", Messages: []outbox.NewMessage{msg}})
	if err != nil {
		return err
	}
	if n.New > 0 {
		d.log.Info("log.summary.queued", "channel", s.Channel, "day", msg.RecordKey)
		d.Wake(s.Channel)
	}
	return nil
}
