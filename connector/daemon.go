package connector

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
	"golang.org/x/time/rate"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// Options are what the daemon needs besides the config.
type Options struct {
	Logger *slog.Logger
	// Console receives the console provider's output (the demo's stdout).
	Console io.Writer
	// Providers overrides the provider built for a channel (tests, demo).
	Providers map[string]notify.Provider
	Now       func() time.Time
	// RootCAs and Audit go to the providers' HTTP clients (see ProviderOptions).
	RootCAs *x509.CertPool
	Audit   httpclient.AuditFunc
}

// Daemon is the running connector.
type Daemon struct {
	cfg         *config.Config
	log         *slog.Logger
	store       *outbox.Store
	sources     map[string]*erp.Group
	jobs        []*Job
	poller      *poller
	dispatchers map[string]*dispatcher
	metrics     *status.Metrics
	schedules   map[string]cron.Schedule // set by Run, for each job's next run
	now         func() time.Time

	mu      sync.Mutex
	last    map[string]JobStatus
	running map[string]bool // jobs running now: a job never overlaps itself
}

// JobStatus is what the status command and page show per job.
type JobStatus struct {
	LastRun  time.Time
	Duration time.Duration
	Rows     int
	New      int
	Skipped  int
	Err      string
	Next     time.Time
}

// OutboxPath is where the outbox lives inside the state directory.
func OutboxPath(cfg *config.Config) string { return filepath.Join(string(cfg.StateDir), "outbox.db") }

// New opens the outbox, the sources and the providers. Connections to the
// ERP are made lazily, so New succeeds while the database server is down.
func New(ctx context.Context, cfg *config.Config, opts Options) (*Daemon, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	d := &Daemon{cfg: cfg, log: opts.Logger, sources: map[string]*erp.Group{}, dispatchers: map[string]*dispatcher{},
		now: opts.Now, last: map[string]JobStatus{}, running: map[string]bool{}, schedules: map[string]cron.Schedule{}}
	store, err := outbox.Open(ctx, OutboxPath(cfg))
	if err != nil {
		return nil, err
	}
	store.SetClock(opts.Now)
	d.store = store
	d.metrics = status.NewMetrics(store)
	if err := d.open(cfg, opts); err != nil {
		d.Close()
		return nil, err
	}
	d.poller = &poller{store: store, sources: d.sources, now: opts.Now, log: d.log}
	return d, nil
}

func (d *Daemon) open(cfg *config.Config, opts Options) error {
	opts.Audit = d.auditTo(opts.Audit)
	for _, s := range cfg.Sources {
		src, err := erp.OpenGroup(SourceOptions(s), opts.Now)
		if err != nil {
			return err
		}
		d.sources[s.Name] = src
	}
	fallback := map[string][]string{}
	notDelivered := map[string]time.Duration{}
	for _, j := range cfg.Jobs {
		if j.Disabled {
			continue
		}
		job, err := BuildJob(cfg, j)
		if err != nil {
			return err
		}
		d.jobs = append(d.jobs, job)
		fallback[job.Name] = job.Fallback
		if v := j.NotDeliveredWithin.Std(); v > 0 {
			notDelivered[job.Name] = v
		}
	}
	for name, ch := range cfg.Channels.ByName() {
		p, ok := opts.Providers[name]
		if !ok {
			var err error
			if p, err = buildProvider(name, ch, opts); err != nil {
				return fmt.Errorf("channel %s: %w", name, err)
			}
		}
		disp := &dispatcher{channel: name, store: d.store, provider: p, observer: d.metrics, fallback: fallback, log: d.log, now: opts.Now,
			wakeup: make(chan struct{}, 1), dailyCap: cfg.DailyCap, loc: cfg.Location(),
			limiter: rate.NewLimiter(rate.Limit(ch.Rate.PerSecond()), ch.Rate.Burst()), batch: batchSize(p, ch), notDelivered: notDelivered}
		if q := cfg.QuietHours; q != nil && !q.Disabled && slices.Contains(q.Channels, name) {
			disp.quiet = &quietHours{start: q.Start.Minutes(), end: q.End.Minutes(), loc: cfg.Location()}
		}
		d.dispatchers[name] = disp
	}
	return nil
}

// Store is the outbox, for CLI commands that read it.
func (d *Daemon) Store() *outbox.Store { return d.store }

// Jobs returns the configured jobs.
func (d *Daemon) Jobs() []*Job { return d.jobs }

// Close releases everything.
func (d *Daemon) Close() error {
	var errs []error
	for _, s := range d.sources {
		errs = append(errs, s.Close())
	}
	if d.store != nil {
		errs = append(errs, d.store.Close())
	}
	return errors.Join(errs...)
}

// RecoverInFlight marks the sends a previous process left unfinished as
// uncertain, to be checked with the provider before any resend. Run does
// this first; a one-off run must too.
func (d *Daemon) RecoverInFlight(ctx context.Context) error {
	n, err := d.store.RecoverInFlight(ctx)
	if err != nil {
		return err
	}
	if n > 0 {
		d.log.Warn("messages were being sent when the connector stopped; they are marked uncertain and will be checked with the provider before any resend", "count", n)
	}
	return nil
}

// RunJob polls one job now.
func (d *Daemon) RunJob(ctx context.Context, name string) ([]RunResult, error) {
	for _, j := range d.jobs {
		if j.Name == name {
			return d.runJob(ctx, j)
		}
	}
	return nil, fmt.Errorf("no job named %q", name)
}

func (d *Daemon) runJob(ctx context.Context, j *Job) ([]RunResult, error) {
	start := d.now()
	results, err := d.poller.runJob(ctx, j)
	st := JobStatus{LastRun: start, Duration: d.now().Sub(start)}
	for _, r := range results {
		st.Rows += r.Rows
		st.New += r.New
		st.Skipped += r.Skipped
		switch {
		case r.Started && !j.Backfill.Set():
			d.log.Info("job started from the current end of the table; older rows are not sent (set backfill to send them)",
				"job", j.Name, "source", r.Source, "cursor", r.From)
		case r.Started:
			d.log.Info("job started with a backfill: rows after the start cursor are sent", "job", j.Name, "source", r.Source,
				"backfill", j.Backfill, "from", r.From, "cursor", r.Cursor)
		}
	}
	if err != nil {
		st.Err = err.Error()
		d.log.Error("job run failed; it will run again at its next time", "job", j.Name, "err", err)
	} else {
		d.log.Info("job ran", "job", j.Name, "rows", st.Rows, "new_messages", st.New, "skipped", st.Skipped, "took", st.Duration.Round(time.Millisecond))
	}
	d.mu.Lock()
	prev := d.last[j.Name]
	st.Next = d.nextRun(j.Name, prev.Next)
	d.last[j.Name] = st
	d.mu.Unlock()
	d.recordRun(ctx, j.Name, st)
	if st.New > 0 {
		for _, disp := range d.dispatchers {
			disp.wake()
		}
	}
	return results, err
}

// runExclusive runs a job unless it is still running from its last start.
func (d *Daemon) runExclusive(ctx context.Context, j *Job) {
	d.mu.Lock()
	if d.running[j.Name] {
		d.mu.Unlock()
		d.log.Warn("job still running from its last start; this run is skipped", "job", j.Name)
		return
	}
	d.running[j.Name] = true
	d.mu.Unlock()
	defer func() {
		d.mu.Lock()
		delete(d.running, j.Name)
		d.mu.Unlock()
	}()
	if ctx.Err() == nil {
		_, _ = d.runJob(ctx, j)
	}
}

// Drain dispatches every due message on every channel once.
func (d *Daemon) Drain(ctx context.Context) (int, error) {
	total := 0
	names := make([]string, 0, len(d.dispatchers))
	for n := range d.dispatchers {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		sent, err := d.dispatchers[n].drain(ctx)
		total += sent
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// JobStatuses returns a snapshot of each job's last run.
func (d *Daemon) JobStatuses() map[string]JobStatus {
	d.mu.Lock()
	defer d.mu.Unlock()
	out := make(map[string]JobStatus, len(d.last))
	for k, v := range d.last {
		out[k] = v
	}
	return out
}

// Run schedules the jobs and dispatches until ctx is cancelled, then stops
// scheduling, lets running sends finish and returns.
func (d *Daemon) Run(ctx context.Context) error {
	if err := d.RecoverInFlight(ctx); err != nil {
		if ctx.Err() != nil {
			return nil // stopped while starting: nothing was sent yet
		}
		return err
	}
	c := cron.New(cron.WithLocation(d.cfg.Location()), cron.WithChain(cron.Recover(cronLogger{d.log})))
	for _, j := range d.jobs {
		j := j
		id := c.Schedule(j.Schedule.Cron(), cron.FuncJob(func() { d.runExclusive(ctx, j) }))
		d.mu.Lock()
		st := d.last[j.Name]
		st.Next = j.Schedule.Next(d.now().In(d.cfg.Location()))
		d.last[j.Name] = st
		d.schedules[j.Name] = c.Entry(id).Schedule
		d.mu.Unlock()
	}
	c.Start()
	var wg sync.WaitGroup
	d.startStatus(ctx, &wg)
	jitter := d.cfg.StartupJitter.Std()
	for _, j := range d.jobs {
		// Each job runs once at start: after a restart nobody should wait a
		// whole interval (or a day, for @daily) for pending rows.
		wg.Add(1)
		go func(j *Job) {
			defer wg.Done()
			if jitter > 0 {
				select {
				case <-time.After(time.Duration(rand.Int64N(int64(jitter)))):
				case <-ctx.Done():
					return
				}
			}
			d.runExclusive(ctx, j)
		}(j)
	}
	d.log.Info("connector running", "jobs", len(d.jobs), "channels", len(d.dispatchers), "state_dir", d.cfg.StateDir)

	wg.Add(1)
	go func() {
		defer wg.Done()
		d.purgeLoop(ctx)
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		d.reconcileLoop(ctx)
	}()
	for _, disp := range d.dispatchers {
		wg.Add(1)
		go func(disp *dispatcher) {
			defer wg.Done()
			d.dispatchLoop(ctx, disp)
		}(disp)
	}
	<-ctx.Done()
	d.log.Info("stopping: no new job runs; waiting for sends in progress")
	stopped := c.Stop() // waits for running jobs
	<-stopped.Done()
	wg.Wait()
	d.log.Info("stopped")
	return nil
}

func (d *Daemon) dispatchLoop(ctx context.Context, disp *dispatcher) {
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		if _, err := disp.drain(ctx); err != nil && ctx.Err() == nil {
			d.log.Error("dispatch failed", "channel", disp.channel, "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-disp.wakeup:
		}
	}
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		c.l.Warn("job still running from its last start; this run is skipped", kv...)
		return
	}
	c.l.Debug("cron: "+msg, kv...)
}

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}

// ChannelPaused reports whether a channel is paused by a credential or
// config error, and the alert text.
func (d *Daemon) ChannelPaused(channel string) (bool, string) {
	disp, ok := d.dispatchers[channel]
	if !ok {
		return false, ""
	}
	return disp.Paused()
}

// purgeLoop empties old message bodies at start and then daily, so the
// outbox keeps personal data only as long as the retention period says.
func (d *Daemon) purgeLoop(ctx context.Context) {
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		if n, err := d.Purge(ctx); err != nil && ctx.Err() == nil {
			d.log.Error("retention purge failed; it runs again tomorrow", "err", err)
		} else if n > 0 {
			d.log.Info("retention purge: old message texts and recipients removed", "messages", n, "retention", d.cfg.Retention)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Purge removes message bodies older than the retention period.
func (d *Daemon) Purge(ctx context.Context) (int, error) {
	return d.store.Purge(ctx, d.now().Add(-d.cfg.Retention.Std()))
}

// SourceOptions are the connection settings of a configured source.
func SourceOptions(s config.Source) erp.Options {
	return erp.Options{Name: s.Name, Driver: s.Driver, Host: s.Host, Port: s.Port, Database: string(s.Database),
		User: s.User, Password: s.Password.Reveal(), Charset: s.Charset, Timeout: s.Timeout.Std(), AuthPlugin: s.AuthPlugin,
		WireCrypt: s.WireCrypt, Encrypt: s.Encrypt, TrustServerCertificate: s.TrustServerCertificate, Instance: s.Instance,
		YearGrace: s.YearGrace.Std()}
}
