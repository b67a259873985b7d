package connector

import (
	"context"
	"errors"
	"maps"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The daemon's side of the status page: what the page asks the running
// daemon (status.Probe), metrics and the job runs the status command reads.

// ChannelStates lists the channels, sorted, with their pause state.
func (d *Daemon) ChannelStates() []status.ChannelState {
	out := make([]status.ChannelState, 0, len(d.channels))
	now := d.now()
	for name, c := range d.channels {
		paused, alert := c.Paused()
		if !paused {
			alert = mapping.Reason{}
		}
		st := status.ChannelState{Name: name, Paused: paused, Alert: alert, ReportsDelivery: d.reportsDelivery(name),
			Credit: d.metrics.Credit(name), Held: c.Held(), QuietUntil: c.QuietUntil(now), NoCredit: paused && c.PausedForCredit()}
		st.FailingSince, st.Failures, st.LastFailure, st.FailureCode = c.Failing()
		out = append(out, st)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// PingSources checks that every ERP database answers.
func (d *Daemon) PingSources(ctx context.Context) error {
	var errs []error
	for _, s := range d.sources {
		errs = append(errs, s.Ping(ctx))
	}
	return errors.Join(errs...)
}

// Health is what the daemon knows of its own trouble: the outbox's failed
// writes, each job's last error, the state folder's free space. It is kept
// in memory, as a full disk stops the outbox recording any of it; only the
// words of a job's last error are taken from the outbox when it has them
// (takeForgottenErrors).
func (d *Daemon) Health(ctx context.Context) status.Health {
	d.takeForgottenErrors(ctx)
	return d.health()
}

// health is Health from memory alone, for the metrics: they say only
// whether a job failed, never in what words, and a scrape has no context.
func (d *Daemon) health() status.Health {
	h := status.Health{Outbox: d.store.WriteHealth(), Jobs: map[string]status.JobHealth{}, StateDir: string(d.cfg.StateDir)}
	for job, st := range d.JobStatuses() {
		if !st.LastRun.IsZero() {
			h.Jobs[job] = status.JobHealth{Err: st.Err, ErrTR: st.ErrTR, Failure: st.Failure}
		}
	}
	h.DiskFree, h.DiskErr = status.StateDisk(h.StateDir)
	h.NotOpened = d.notOpened()
	return h
}

// notOpened are the {year} sources reading last year's database past
// January, this year's not existing (the year not opened in Wolvox).
func (d *Daemon) notOpened() []erp.NotOpened {
	var out []erp.NotOpened
	now := d.now()
	for _, name := range slices.Sorted(maps.Keys(d.sources)) {
		if n, ok := d.sources[name].NotOpened(now); ok {
			out = append(out, n)
		}
	}
	return out
}

// takeForgottenErrors lets the outbox's words on a job's last run replace
// the daemon's own once the outbox has that run: `forget`, another process,
// empties there an error text that named the person, and the page's warning
// line and /readyz, which read the daemon's memory, must not go on showing
// it (nor the memory keep it) until the job runs again. Memory stays the
// word when the outbox cannot be read or has not got the run.
func (d *Daemon) takeForgottenErrors(ctx context.Context) {
	// A writer holding the outbox's one connection must not hold up the
	// page or /readyz for long: memory answers then.
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	runs, err := d.store.JobRuns(ctx)
	if err != nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, r := range runs {
		st, ok := d.last[r.Job]
		if ok && st.Err != "" && r.Err != st.Err && r.LastRun.UnixMilli() == st.LastRun.UnixMilli() {
			st.Err, st.ErrTR = r.Err, r.ErrTR
			d.last[r.Job] = st
		}
	}
}

// Wake makes a channel look at its queue now, e.g. after an operator's retry.
func (d *Daemon) Wake(channel string) {
	if c, ok := d.channels[channel]; ok {
		c.Wake()
	}
}

// Hold pauses a channel by hand (the status page's Pause button); it
// reports whether the channel exists. The pause is kept in the outbox and
// outlasts a restart (restoreHolds). Were it not saved, the channel still
// holds now, and the log says a restart would lift it.
func (d *Daemon) Hold(ctx context.Context, channel string) bool {
	c, ok := d.channels[channel]
	if !ok {
		return false
	}
	c.Hold()
	if err := d.store.SetHeld(ctx, channel, true); err != nil {
		d.log.Warn("log.dispatch.hold_not_saved", "channel", channel, "err", err)
	}
	return true
}

// Resume lets a held channel send again. Were it not saved, the channel
// sends now and would be paused again after a restart: the safe side.
func (d *Daemon) Resume(ctx context.Context, channel string) bool {
	c, ok := d.channels[channel]
	if !ok {
		return false
	}
	if err := d.store.SetHeld(ctx, channel, false); err != nil {
		d.log.Warn("log.dispatch.resume_not_saved", "channel", channel, "err", err)
	}
	c.Resume()
	return true
}

// restoreHolds pauses again, before anything is sent, the channels an
// operator paused and did not resume, whether this daemon follows a restart
// or a reload. Without a status page no one can press Resume, so the log
// says how to get it back rather than lifting the pause unasked.
func (d *Daemon) restoreHolds(ctx context.Context) error {
	held, err := d.store.HeldChannels(ctx)
	if err != nil {
		return err
	}
	for _, name := range held {
		if c, ok := d.channels[name]; ok {
			c.HoldOver()
			if d.cfg.Status.Disabled {
				d.log.Warn("log.dispatch.held_no_page", "channel", name)
			}
		}
	}
	return nil
}

// recordRun feeds a finished job run to the metrics and saves it in the
// outbox, where the status command (another process) finds it.
func (d *Daemon) recordRun(ctx context.Context, job string, st JobStatus) {
	d.metrics.ObserveJob(job, st.Duration, st.Rows)
	err := d.store.RecordJobRun(context.WithoutCancel(ctx), outboxJobRun(job, st))
	if err != nil {
		d.log.Warn("log.status.save_run_failed", "job", job, "err", err)
	}
}

// startStatus saves each job's next run and starts the status page unless
// the config disables it. A status page that cannot start is logged, not
// fatal: the notifications matter more.
func (d *Daemon) startStatus(ctx context.Context, wg *sync.WaitGroup) {
	for job, st := range d.JobStatuses() {
		if err := d.store.SetJobNext(ctx, job, st.Next); err != nil {
			d.log.Warn("log.status.save_next_failed", "job", job, "err", err)
		}
	}
	cfg := d.cfg.Status
	if cfg.Disabled {
		return
	}
	authFile := status.AuthPath(string(d.cfg.StateDir))
	l, remote, err := status.Listen(cfg, authFile)
	if err != nil {
		d.log.Error("log.status.not_started", "err", err)
		return
	}
	srv, err := status.New(status.Options{Store: d.store, Probe: d, Metrics: d.metrics, AuthFile: authFile,
		Language: cfg.Language, Location: d.cfg.Location(), Remote: remote, Secure: cfg.TLSCert != "", Hosts: append(status.TLSNames(cfg), cfg.Hosts...),
		Log: d.log, Now: d.now, Logins: d.carriedLogins()})
	if err != nil {
		l.Close()
		d.log.Error("log.status.not_started", "err", err)
		return
	}
	d.keepLogins(srv.Logins())
	scheme := "http"
	if cfg.TLSCert != "" {
		scheme = "https"
	}
	d.log.Info("log.status.listening", "url", scheme+"://"+l.Addr().String()+"/")
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := status.Serve(ctx, l, srv); err != nil {
			d.log.Error("log.status.stopped", "err", err)
		}
	}()
}

func outboxJobRun(job string, st JobStatus) outbox.JobRun {
	return outbox.JobRun{Job: job, LastRun: st.LastRun, Duration: st.Duration, Rows: st.Rows, New: st.New,
		Skipped: st.Skipped, Err: st.Err, ErrTR: st.ErrTR, Failure: string(st.Failure), Next: st.Next}
}

// Metrics are the daemon's Prometheus metrics, for a status server that a
// test or an embedding program builds itself.
func (d *Daemon) Metrics() *status.Metrics { return d.metrics }
