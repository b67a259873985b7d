package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/instance"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/progress"
)

// runOnce polls the chosen jobs (all when none is named) once, sends what
// is due, and returns. IT staff use it to try a new job, or to push a large
// backfill through while watching it, with the service stopped: it takes
// the state directory like the service does.
func runOnce(ctx context.Context, g *globals, jobs []string, accept connector.Options, out, progressTo io.Writer, log *slog.Logger) error {
	cfg, err := loadConfig(g)
	if err != nil {
		return err
	}
	// A --job that names no job is a wrong command line: said before the
	// state folder is locked or the outbox opened.
	var known, disabled []string
	for _, j := range cfg.Jobs {
		if j.Disabled {
			disabled = append(disabled, j.Name)
		} else {
			known = append(known, j.Name)
		}
	}
	for _, name := range jobs {
		switch {
		case slices.Contains(disabled, name):
			return &usageError{g.say("cmd.once.job_disabled", "name", fmt.Sprintf("%q", name), "file", g.configPath)}
		case !slices.Contains(known, name):
			return &usageError{g.say("cmd.once.no_job", "name", fmt.Sprintf("%q", name), "file", g.configPath, "jobs", strings.Join(known, ", "))}
		}
	}
	lock, err := instance.Acquire(string(cfg.StateDir))
	if err != nil {
		return heldError(g, err)
	}
	defer lock.Release()
	d, err := connector.New(ctx, cfg, connector.Options{Logger: log, Console: out, AcceptOutbox: accept.AcceptOutbox, AcceptBackfill: accept.AcceptBackfill})
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.RecoverInFlight(ctx); err != nil {
		return err
	}
	if len(jobs) == 0 {
		jobs = startJobs(ctx, g, d, cfg, out, log)
	}

	// Sending starts as soon as a job has enqueued its first page: a long
	// backfill streams through instead of sending only once it is read.
	stop := make(chan struct{})
	early := make(chan dispatch.Tally, 1)
	go func() { early <- d.DispatchUntil(ctx, stop) }()
	var failed []string
	for _, name := range jobs {
		total := 0
		if pending, err := d.Pending(ctx, name); err == nil {
			for _, n := range pending {
				total += n
			}
		}
		bar := lockedProgress(newProgress(progressTo, total, g.say("cmd.once.rows_progress", "job", name)))
		results, err := d.RunJob(progress.With(ctx, progress.Progress{Rows: bar.addN}), name)
		bar.finish()
		var rows, msgs, skipped int
		for _, r := range results {
			rows, msgs, skipped = rows+r.Rows, msgs+r.New, skipped+r.Skipped
		}
		if err != nil {
			fmt.Fprintln(out, g.say("cmd.once.job_failed", "job", name, "rows", rows, "err", err))
			failed = append(failed, name)
			continue
		}
		fmt.Fprintln(out, g.say("cmd.once.job_done", "job", name, "rows", rows, "queued", msgs-skipped, "skipped", skipped))
	}
	close(stop)
	sentEarly := <-early

	due := 0
	if queues, err := d.Store().Queues(ctx); err == nil {
		for _, q := range queues {
			due += q.Due
		}
	}
	bar := lockedProgress(newProgress(progressTo, due, g.say("cmd.once.sending")))
	t, err := d.Dispatch(progress.With(ctx, progress.Progress{Sent: bar.addN}))
	bar.finish()
	t.Add(sentEarly)
	// Only what a provider accepted is sent: a provider that is down takes
	// nothing, and the line says so instead of counting the attempts.
	line := g.say("cmd.once.sent", "n", t.Sent)
	for _, part := range []struct {
		n   int
		key catalog.Key
	}{{t.Retry, "cmd.once.part.retry"}, {t.Failed, "cmd.once.part.failed"}, {t.Uncertain, "cmd.once.part.uncertain"},
		{t.Skipped, "cmd.once.part.skipped"}, {t.Deferred, "cmd.once.part.deferred"}} {
		if part.n > 0 {
			line += ", " + g.say(part.key, "n", part.n)
		}
	}
	fmt.Fprintln(out, line)
	if err != nil {
		return fmt.Errorf("%s: %w", g.say("cmd.once.send_stopped"), err)
	}
	if queues, err := d.Store().Queues(ctx); err == nil {
		for _, q := range queues {
			until := heldByQuietHours(cfg, &q, time.Now())
			if q.Depth() > 0 {
				fmt.Fprintln(out, g.say("cmd.once.still_queued", "channel", q.Channel, "due", q.Due, "later", q.Later,
					"uncertain", q.Uncertain, "held", q.Held))
			}
			if !until.IsZero() && q.Later > 0 {
				fmt.Fprintln(out, g.say("cmd.once.quiet", "channel", q.Channel, "at", stamp(until, cfg.Location())))
			}
			if paused, why := d.ChannelPaused(q.Channel); paused {
				fmt.Fprintln(out, g.say("cmd.once.paused", "channel", q.Channel, "reason", g.language().Reason(why)))
			}
		}
	}
	if len(failed) > 0 {
		return g.sayErr("cmd.once.failed", "n", len(failed), "jobs", strings.Join(failed, ", "))
	}
	return nil
}

// startJobs are the jobs run --once polls when no --job names one: those
// the service's start would run. A time-of-day job (reminders, statements)
// that missed no scheduled run waits, as in the service: a dealer trying
// the install in the evening must not send tomorrow's reminders at night.
// Each is said, with its next run and the command that runs it now (--job
// is an explicit request and runs a job whatever its schedule).
func startJobs(ctx context.Context, g *globals, d *connector.Daemon, cfg *config.Config, out io.Writer, log *slog.Logger) []string {
	waiting := d.WaitingAtStart(ctx)
	var jobs []string
	for _, j := range d.Jobs() {
		next, ok := waiting[j.Name]
		if !ok {
			jobs = append(jobs, j.Name)
			continue
		}
		log.Info("log.daemon.waits_for_schedule", "job", j.Name, "next", next)
		fmt.Fprintln(out, g.say("cmd.once.waits", "job", j.Name, "next", stamp(next, cfg.Location()),
			"cmd", commandLine(g, "run", "--once", "--job", j.Name)))
	}
	return jobs
}

// lockedProgress serialises a progress display: sends finish on several
// goroutines at once.
func lockedProgress(p progressView) *syncProgress { return &syncProgress{p: p} }

type syncProgress struct {
	mu sync.Mutex
	p  progressView
}

func (s *syncProgress) addN(n int) { s.mu.Lock(); s.p.addN(n); s.mu.Unlock() }
func (s *syncProgress) finish()    { s.mu.Lock(); s.p.finish(); s.mu.Unlock() }

// heldError says in the reader's language that another connector holds the
// state folder.
func heldError(g *globals, err error) error {
	var held *instance.HeldError
	if errors.As(err, &held) {
		holder := catalog.M("instance.pid_unknown")
		if held.PID > 0 {
			holder = catalog.M("instance.pid", "pid", held.PID)
		}
		return g.sayErr("cmd.instance.held", "dir", held.Dir, "holder", holder)
	}
	return err
}

// heldByQuietHours counts what is due on q's channel as waiting while the
// quiet hours hold it, as the status page does, and returns when they end
// (zero when they do not hold it).
func heldByQuietHours(cfg *config.Config, q *outbox.Queue, now time.Time) time.Time {
	until := connector.QuietUntil(cfg, q.Channel, now)
	if !until.IsZero() {
		q.Later, q.Due = q.Later+q.Due, 0
	}
	return until
}
