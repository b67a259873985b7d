// Package connector wires the daemon together: it opens the outbox and the
// ERP sources, builds the jobs (connector/poll) and one dispatcher per channel
// (connector/dispatch) from the config, runs the jobs on their cron
// schedules, and starts the status page, the retention purge and the
// delivery-report loops. The work itself lives in those packages.
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
	"sync/atomic"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
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
	// AcceptOutbox starts with an outbox the state folder's marker does not
	// name (missing: a new one is made; another one; an older copy): run's
	// --accept-outbox. AcceptBackfill lets jobs then send their backfill.
	AcceptOutbox   bool
	AcceptBackfill bool
	// RereadStep, when set, is called after each message the page's bulk
	// re-read in the background has read, before the next one, with the
	// run's context (tests hold a run there until they let it go).
	RereadStep func(ctx context.Context)
}

// Daemon is the running connector.
type Daemon struct {
	cfg      *config.Config
	log      *slog.Logger
	store    *outbox.Store
	sources  map[string]*erp.Group
	jobs     []*poll.Job
	poller   *poll.Poller
	channels map[string]*dispatch.Channel
	metrics  *status.Metrics
	now      func() time.Time
	tw       *twoWay // replies, refusals, consent, webhooks (twoway.go)
	// reloading says the run ends for a reload (RunWithReload), not a
	// stop: its last lines say so, not a bare "stopped" between a reload's
	// lines, which an IT person reads as the service having stopped.
	reloading atomic.Bool

	mu         sync.Mutex
	last       map[string]JobStatus
	running    map[string]bool // jobs running now: a job never overlaps itself
	scheduling bool            // Run has started the cron schedules
	markerSeq  int64           // the outbox change count last written to the marker
	carried    handover        // from the daemon a reload replaced (handover.go)
	logins     *status.Logins  // the running status page's sessions

	// life is the daemon's own lifetime, from New until Run ends or
	// Close: what the work it starts in the background for the page (a
	// bulk re-read) runs under, never a request's context.
	life    context.Context
	endLife context.CancelFunc
	bulk    bulkReread // the page's bulk re-read (reread_all.go)
}

// RunResult says what one run of a job did in one database.
type RunResult = poll.Result

// JobStatus is what the status command and page show per job.
type JobStatus struct {
	LastRun  time.Time
	Duration time.Duration
	Rows     int
	New      int
	Skipped  int
	Err      string
	ErrTR    string      // Err in Turkish, when the connector wrote it
	Failure  erp.Failure // the kind of Err
	Next     time.Time
	// FailingSince is when the job's failed runs in a row began, and
	// FailedRuns how many there were (zero after a success).
	FailingSince time.Time
	FailedRuns   int
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
	// Every log message is a catalog key, written in the config's language.
	d := &Daemon{cfg: cfg, log: cfg.Language.Lang().Logger(opts.Logger), sources: map[string]*erp.Group{}, channels: map[string]*dispatch.Channel{},
		now: opts.Now, last: map[string]JobStatus{}, running: map[string]bool{}, bulk: bulkReread{step: opts.RereadStep}}
	// Not New's context: that may end once the daemon is open.
	d.life, d.endLife = context.WithCancel(context.WithoutCancel(ctx))
	store, err := openOutbox(ctx, cfg, opts)
	if err != nil {
		return nil, err
	}
	store.SetClock(opts.Now)
	d.store = store
	d.metrics = status.NewMetrics(store)
	if err := d.open(opts); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.restoreHolds(ctx); err != nil {
		d.Close()
		return nil, err
	}
	if err := d.carrySources(ctx, store); err != nil {
		d.Close()
		return nil, err
	}
	d.metrics.WatchChannels(d.ChannelStates)
	d.metrics.WatchHealth(d.health)
	d.poller = &poll.Poller{Store: store, Sources: d.sources, Now: opts.Now, Log: d.log, Enqueued: d.wakeAll}
	return d, nil
}

func (d *Daemon) open(opts Options) error {
	cfg := d.cfg
	opts.Audit = d.auditTo(opts.Audit)
	sources, err := OpenSources(cfg, opts.Now)
	if err != nil {
		return err
	}
	d.sources = sources
	if d.jobs, err = buildJobs(cfg); err != nil {
		return err
	}
	policies := map[string]dispatch.JobPolicy{}
	for _, j := range cfg.Jobs {
		if !j.Disabled {
			policies[j.Name] = dispatch.JobPolicy{Fallback: j.Fallback, NotDeliveredWithin: j.NotDeliveredWithin.Std()}
		}
	}
	if err := d.openConsent(opts); err != nil {
		return err
	}
	providers := map[string]notify.Provider{}
	for name, ch := range cfg.Channels.ByName() {
		p, ok := opts.Providers[name]
		if !ok {
			var err error
			if p, err = NewProvider(name, ch, ProviderOptions{Console: opts.Console, RootCAs: opts.RootCAs, Audit: opts.Audit}); err != nil {
				return fmt.Errorf("channel %s: %w", name, err)
			}
		}
		s := channelSettings(cfg, name, ch, p, policies)
		d.twoWaySettings(name, &s)
		d.channels[name] = dispatch.New(s, dispatch.Deps{Store: d.store, Log: d.log, Now: opts.Now, Observer: d.metrics, Waker: d})
		providers[name] = p
	}
	d.openListening(providers)
	return nil
}

// channelSettings are one channel's settings from the config.
func channelSettings(cfg *config.Config, name string, ch *config.Channel, p notify.Provider, jobs map[string]dispatch.JobPolicy) dispatch.Settings {
	_, batching := p.(notify.BatchProvider)
	s := dispatch.Settings{Name: name, Provider: p, Rate: ch.Rate, Batch: ch.BatchSize(batching), InFlight: ch.InFlightLimit(batching), DailyCap: cfg.DailyCap,
		Location: cfg.Location(), Jobs: jobs, ReportEvery: ch.ReportEvery.Std(), UncertainGrace: cfg.UncertainGrace.Std(),
		Uncertain: cfg.Uncertain, Lang: cfg.Language.Lang()}
	s.Quiet = quietHours(cfg, name)
	return s
}

// quietHours is the config's quiet window for a channel, nil when none
// holds it.
func quietHours(cfg *config.Config, channel string) *dispatch.QuietHours {
	q := cfg.QuietHours
	if q == nil || q.Disabled || !slices.Contains(q.Channels, channel) {
		return nil
	}
	return &dispatch.QuietHours{Start: q.Start, End: q.End, Location: cfg.Location()}
}

// QuietUntil is when the quiet hours holding a channel at t end, zero when
// none hold it. run --once and status use it to tell the messages due now
// that wait for the morning from the ones the next take sends.
func QuietUntil(cfg *config.Config, channel string, t time.Time) time.Time {
	q := quietHours(cfg, channel)
	if q == nil || !q.Active(t) {
		return time.Time{}
	}
	return q.Until(t)
}

// OpenSources opens every configured ERP source (lazily: no connection yet).
func OpenSources(cfg *config.Config, now func() time.Time) (map[string]*erp.Group, error) {
	out := map[string]*erp.Group{}
	for _, s := range cfg.Sources {
		src, err := erp.OpenGroup(SourceOptions(s, cfg.Location()), now)
		if err != nil {
			for _, o := range out {
				o.Close()
			}
			return nil, err
		}
		out[s.Name] = src
	}
	return out, nil
}

// SourceOptions are the connection settings of a configured source; loc is
// the config's timezone, the wall clock of the database's times.
func SourceOptions(s config.Source, loc *time.Location) erp.Options {
	return erp.Options{Name: s.Name, Driver: s.Driver, Host: s.Host, Port: s.Port, Database: string(s.Database), Location: loc,
		User: s.User, Password: s.Password.Reveal(), Charset: s.Charset, Timeout: s.Timeout.Std(), AuthPlugin: s.AuthPlugin,
		WireCrypt: s.WireCrypt, Encrypt: s.Encrypt, TrustServerCertificate: s.TrustServerCertificate, Instance: s.Instance,
		YearGrace: s.YearGrace.Std()}
}

// Store is the outbox, for CLI commands that read it.
func (d *Daemon) Store() *outbox.Store { return d.store }

// Jobs returns the configured jobs.
func (d *Daemon) Jobs() []*poll.Job { return d.jobs }

// Close releases everything, once a bulk re-read running in the
// background has stopped.
func (d *Daemon) Close() error {
	d.stopBackground()
	var errs []error
	for _, s := range d.sources {
		errs = append(errs, s.Close())
	}
	if d.store != nil {
		d.saveMarker(context.Background())
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
		d.log.Warn("log.daemon.interrupted", "count", n)
	}
	return nil
}

// buildJobs builds the config's jobs that are not disabled.
func buildJobs(cfg *config.Config) ([]*poll.Job, error) {
	var jobs []*poll.Job
	for _, j := range cfg.Jobs {
		if j.Disabled {
			continue
		}
		job, err := poll.Build(cfg, j)
		if err != nil {
			return nil, err
		}
		jobs = append(jobs, job)
	}
	return jobs, nil
}

func (d *Daemon) job(name string) (*poll.Job, error) {
	for _, j := range d.jobs {
		if j.Name == name {
			return j, nil
		}
	}
	return nil, fmt.Errorf("no job named %q", name)
}

// RunJob polls one job now.
func (d *Daemon) RunJob(ctx context.Context, name string) ([]RunResult, error) {
	j, err := d.job(name)
	if err != nil {
		return nil, err
	}
	return d.runJob(ctx, j)
}

func (d *Daemon) runJob(ctx context.Context, j *poll.Job) ([]RunResult, error) {
	start := d.now()
	d.mu.Lock()
	prev := d.last[j.Name]
	d.mu.Unlock()
	results, err := d.poller.Run(ctx, j)
	st := JobStatus{LastRun: start, Duration: d.now().Sub(start)}
	for _, r := range results {
		st.Rows += r.Rows
		st.New += r.New
		st.Skipped += r.Skipped
		switch {
		case r.NewYear:
			d.log.Info("log.daemon.started_new_year", "job", j.Name, "source", r.Source, "rows", r.Rows)
		case r.Started && (!j.Backfill.Set() || r.NoBackfill):
			d.log.Info("log.daemon.started_at_end",
				"job", j.Name, "source", r.Source, "cursor", r.From)
		case r.Started:
			d.log.Info("log.daemon.started_backfill", "job", j.Name, "source", r.Source,
				"backfill", j.Backfill, "from", r.From, "cursor", r.Cursor)
		}
	}
	if err != nil && ctx.Err() != nil {
		// Stopped by shutdown, not failed: the last run's record stands, or
		// the status page and the owner's summary would tell a failure
		// until the job's next time, a day later for a daily job.
		d.log.Info("log.daemon.job_stopped", "job", j.Name)
		return results, err
	}
	if err != nil {
		if e, ok := d.cfg.SQLPlace(j.Name, err); ok {
			// The dealer's SELECT refused: where it is in the file, not
			// where it is in the query that wrapped it.
			err = &placedError{at: e, err: err}
		}
		st.Err, st.ErrTR, st.Failure = err.Error(), inTurkish(err), erp.FailureOf(err)
		err = erp.Explain(err)
		st.FailingSince, st.FailedRuns = start, 1
		if prev.FailedRuns > 0 {
			st.FailingSince, st.FailedRuns = prev.FailingSince, prev.FailedRuns+1
		}
		attrs := []any{"job", j.Name, "err", err}
		if st.FailedRuns > 1 {
			// A job that fails every minute for hours: each line says since
			// when, so the one read first in the morning tells it all.
			attrs = append(attrs, "failed_runs", st.FailedRuns, "failing_since", d.stamp(st.FailingSince))
		}
		d.log.Error("log.daemon.job_failed", attrs...)
	} else {
		d.log.Info("log.daemon.job_ran", "job", j.Name, "rows", st.Rows, "new_messages", st.New, "skipped", st.Skipped, "took", st.Duration.Round(time.Millisecond))
		if prev.FailedRuns > 0 {
			// The end of a wall of errors, said once: the database is back.
			d.log.Info("log.daemon.job_recovered", "job", j.Name, "failed_runs", prev.FailedRuns, "failing_since", d.stamp(prev.FailingSince))
		}
	}
	d.mu.Lock()
	st.Next = d.nextRun(j, d.last[j.Name].Next)
	d.last[j.Name] = st
	d.mu.Unlock()
	d.recordRun(ctx, j.Name, st)
	d.saveMarker(ctx)
	if st.New > 0 {
		d.wakeAll()
	}
	return results, err
}

// stamp is t as the log's readers read a time in a text: the shop's day and
// minute.
func (d *Daemon) stamp(t time.Time) string { return t.In(d.cfg.Location()).Format("02.01.2006 15:04") }

// placedError is a failed read told at its place in the config file
// (config.SQLPlace); errors.Is and errors.As still find the read's error.
type placedError struct {
	at  *config.Error
	err error
}

func (e *placedError) Error() string            { return e.at.Error() }
func (e *placedError) In(l catalog.Lang) string { return e.at.In(l) }
func (e *placedError) Unwrap() error            { return e.err }

// inTurkish is err in Turkish when a part of it has a text of its own (a
// catalog error), for the status page; "" when only a driver's English is
// known.
func inTurkish(err error) string {
	var l catalog.Localized
	if errors.As(err, &l) {
		return l.In(catalog.TR)
	}
	return ""
}

// wakeAll tells every channel that new messages may be waiting.
func (d *Daemon) wakeAll() {
	for _, c := range d.channels {
		c.Wake()
	}
}

// runExclusive runs a job unless it is still running from its last start.
func (d *Daemon) runExclusive(ctx context.Context, j *poll.Job) {
	d.mu.Lock()
	if d.running[j.Name] {
		d.mu.Unlock()
		d.log.Warn("log.daemon.overlap", "job", j.Name)
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

// channelNames are the channels in a stable order.
func (d *Daemon) channelNames() []string {
	names := make([]string, 0, len(d.channels))
	for n := range d.channels {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Drain dispatches every due message on every channel once and returns
// how many went to a provider.
func (d *Daemon) Drain(ctx context.Context) (int, error) {
	t, err := d.Dispatch(ctx)
	return t.Handed(), err
}

// Dispatch dispatches every due message on every channel once and says
// what became of them.
func (d *Daemon) Dispatch(ctx context.Context) (dispatch.Tally, error) {
	var total dispatch.Tally
	for _, n := range d.channelNames() {
		t, err := d.channels[n].Drain(ctx)
		total.Add(t)
		if err != nil {
			return total, fmt.Errorf("channel %s: %w", n, err)
		}
	}
	return total, nil
}

// DispatchUntil dispatches on every channel whenever new messages were
// enqueued, until stop is closed, and says what became of them: a one-off
// run sends while its jobs still read (a long backfill streams through),
// then Dispatch sends the rest. Only what is under way when stop closes is
// finished; nothing new starts after it.
func (d *Daemon) DispatchUntil(ctx context.Context, stop <-chan struct{}) dispatch.Tally {
	var mu sync.Mutex
	var total dispatch.Tally
	var wg sync.WaitGroup
	for _, c := range d.channels {
		wg.Go(func() {
			t := c.DrainUntil(ctx, stop)
			mu.Lock()
			total.Add(t)
			mu.Unlock()
		})
	}
	wg.Wait()
	return total
}

// Reconcile reads delivery reports and settles uncertain sends on every
// channel once.
func (d *Daemon) Reconcile(ctx context.Context) error {
	var errs []error
	for _, n := range d.channelNames() {
		if err := d.channels[n].Reconcile(ctx); err != nil {
			errs = append(errs, fmt.Errorf("channel %s: %w", n, err))
		}
	}
	return errors.Join(errs...)
}

// Pending counts, per database, the rows the job's next run would read.
func (d *Daemon) Pending(ctx context.Context, job string) (map[string]int, error) {
	j, err := d.job(job)
	if err != nil {
		return nil, err
	}
	return poll.Pending(ctx, d.store, d.sources, j, d.now())
}

// AbsentColumns lists, per database, the optional columns of the job's
// preset the database lacks.
func (d *Daemon) AbsentColumns(ctx context.Context, job string) (map[string][]string, error) {
	j, err := d.job(job)
	if err != nil {
		return nil, err
	}
	return poll.AbsentColumns(ctx, d.sources, j)
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
	d.mu.Lock()
	d.scheduling = true
	for _, j := range d.jobs {
		c.Schedule(j.Schedule.Cron(), cron.FuncJob(func() { d.runExclusive(ctx, j) }))
		st := d.last[j.Name]
		st.Next = d.nextRun(j, time.Time{})
		d.last[j.Name] = st
	}
	d.mu.Unlock()
	d.scheduleSummary(ctx, c)
	c.Start()
	var wg sync.WaitGroup
	d.startStatus(ctx, &wg)
	d.runListening(ctx, &wg)
	jitter := d.cfg.StartupJitter.Std()
	waiting := d.WaitingAtStart(ctx)
	for _, j := range d.jobs {
		if next, ok := waiting[j.Name]; ok {
			d.log.Info("log.daemon.waits_for_schedule", "job", j.Name, "next", next)
			continue
		}
		wg.Go(func() {
			if jitter > 0 {
				select {
				case <-time.After(time.Duration(rand.Int64N(int64(jitter)))):
				case <-ctx.Done():
					return
				}
			}
			d.runExclusive(ctx, j)
		})
	}
	d.log.Info("log.daemon.running", "jobs", len(d.jobs), "channels", len(d.channels), "state_dir", d.cfg.StateDir)
	wg.Go(func() { d.purgeLoop(ctx) })
	wg.Go(func() { d.balanceLoop(ctx) })
	for _, ch := range d.channels {
		wg.Go(func() { ch.RunReports(ctx) })
		wg.Go(func() { ch.Run(ctx) })
	}
	<-ctx.Done()
	stopping, stoppedKey := "log.daemon.stopping", "log.daemon.stopped"
	if d.reloading.Load() {
		stopping, stoppedKey = "log.daemon.stopping_for_reload", "log.daemon.stopped_for_reload"
	}
	d.log.Info(stopping)
	d.stopBackground()
	stopped := c.Stop() // waits for running jobs
	<-stopped.Done()
	wg.Wait()
	d.log.Info(stoppedKey)
	return nil
}

// nextRun is when a job runs next by its schedule, in the config's time zone
// ("0 10 * * *" is 10:00 there, whatever the host's clock is set to);
// fallback when the daemon is not scheduling (RunJob from the CLI). Callers
// hold d.mu.
func (d *Daemon) nextRun(j *poll.Job, fallback time.Time) time.Time {
	if !d.scheduling {
		return fallback
	}
	return j.Schedule.Next(d.now().In(d.cfg.Location()))
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) {
	if msg == "skip" {
		c.l.Warn("log.daemon.overlap", kv...)
		return
	}
	c.l.Debug("log.daemon.cron", append(kv, "event", msg)...)
}

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("log.daemon.cron_error", append(kv, "event", msg, "err", err)...)
}

// ChannelPaused reports whether a channel is paused by a credential or
// config error, and the alert text.
func (d *Daemon) ChannelPaused(channel string) (bool, mapping.Reason) {
	c, ok := d.channels[channel]
	if !ok {
		return false, mapping.Reason{}
	}
	return c.Paused()
}

// purgeLoop empties old message bodies at start and then daily, so the
// outbox keeps personal data only as long as the retention period says.
func (d *Daemon) purgeLoop(ctx context.Context) {
	t := time.NewTicker(24 * time.Hour)
	defer t.Stop()
	for {
		if n, err := d.Purge(ctx); err != nil && ctx.Err() == nil {
			d.log.Error("log.daemon.purge_failed", "err", err)
		} else if n > 0 {
			d.log.Info("log.daemon.purged", "messages", n, "retention", d.cfg.Retention)
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

// WaitingAtStart are the jobs a start leaves for their scheduled time, each
// with when that is. A job that reads new rows runs once at start: after a
// restart nobody should wait a whole interval (or a day, for @daily) for
// them. One that sends what is due at a time of day (reminders, statements)
// waits for that time, unless it missed it while the service was stopped.
// The service's start and run --once share this rule, so trying an install
// with run --once at night sends no reminder the service would not.
func (d *Daemon) WaitingAtStart(ctx context.Context) map[string]time.Time {
	missed := d.missedRuns(ctx)
	now := d.now().In(d.cfg.Location())
	out := map[string]time.Time{}
	for _, j := range d.jobs {
		if j.Mode == config.ModeCondition && !missed[j.Name] {
			out[j.Name] = j.Schedule.Next(now)
		}
	}
	return out
}

// missedRuns are the condition jobs whose scheduled run came and went since
// their last successful run: the service was stopped, or the run failed.
// A job that never succeeded has missed nothing: started for the first time,
// it sends at its first scheduled time, as check says, and a monthly
// statement is not sent to every customer on the day of installation.
func (d *Daemon) missedRuns(ctx context.Context) map[string]bool {
	runs, err := d.store.JobRuns(ctx)
	if err != nil {
		d.log.Warn("log.daemon.runs_unread", "err", err)
		return nil
	}
	last := make(map[string]time.Time, len(runs))
	for _, r := range runs {
		last[r.Job] = r.LastSuccess
	}
	now := d.now().In(d.cfg.Location())
	out := map[string]bool{}
	for _, j := range d.jobs {
		if t := last[j.Name]; !t.IsZero() {
			next := j.Schedule.Next(t.In(d.cfg.Location()))
			out[j.Name] = !next.IsZero() && !next.After(now)
		}
	}
	return out
}
