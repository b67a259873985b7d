package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/instance"
	"github.com/akinsoft-connector/akinsoft-connector/connector/progress"
)

// runOnce polls the chosen jobs (all when none is named) once, sends what
// is due, and returns. IT staff use it to try a new job, or to push a large
// backfill through while watching it, with the service stopped: it takes
// the state directory like the service does.
func runOnce(ctx context.Context, g *globals, jobs []string, out, progressTo io.Writer, log *slog.Logger) error {
	cfg, err := loadConfig(g)
	if err != nil {
		return err
	}
	lock, err := instance.Acquire(string(cfg.StateDir))
	if err != nil {
		return err
	}
	defer lock.Release()
	d, err := connector.New(ctx, cfg, connector.Options{Logger: log, Console: out})
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.RecoverInFlight(ctx); err != nil {
		return err
	}
	known := make([]string, 0, len(d.Jobs()))
	for _, j := range d.Jobs() {
		known = append(known, j.Name)
	}
	for _, name := range jobs {
		if !slices.Contains(known, name) {
			return fmt.Errorf("no job named %q in %s (jobs: %v)", name, g.configPath, known)
		}
	}
	if len(jobs) == 0 {
		jobs = known
	}

	var failed []string
	for _, name := range jobs {
		total := 0
		if pending, err := d.Pending(ctx, name); err == nil {
			for _, n := range pending {
				total += n
			}
		}
		bar := lockedProgress(newProgress(progressTo, total, "job "+name+": rows"))
		results, err := d.RunJob(progress.With(ctx, progress.Progress{Rows: bar.addN}), name)
		bar.finish()
		var rows, msgs, skipped int
		for _, r := range results {
			rows, msgs, skipped = rows+r.Rows, msgs+r.New, skipped+r.Skipped
		}
		if err != nil {
			fmt.Fprintf(out, "job %s: failed after %d rows: %v\n", name, rows, err)
			failed = append(failed, name)
			continue
		}
		fmt.Fprintf(out, "job %s: %d rows read, %d messages queued, %d skipped with a reason\n", name, rows, msgs-skipped, skipped)
	}

	due := 0
	if queues, err := d.Store().Queues(ctx); err == nil {
		for _, q := range queues {
			due += q.Due
		}
	}
	bar := lockedProgress(newProgress(progressTo, due, "sending"))
	t, err := d.Dispatch(progress.With(ctx, progress.Progress{Sent: bar.addN}))
	bar.finish()
	// Only what a provider accepted is sent: a provider that is down takes
	// nothing, and the line says so instead of counting the attempts.
	fmt.Fprintf(out, "sent: %d accepted by the providers", t.Sent)
	for _, part := range []struct {
		n    int
		what string
	}{{t.Retry, "to be retried later (provider busy or unreachable, or channel paused)"}, {t.Failed, "refused for good"},
		{t.Uncertain, "with no clear answer (checked with the provider before any resend)"},
		{t.Skipped, "skipped (opted out)"}, {t.Deferred, "waiting (daily limit)"}} {
		if part.n > 0 {
			fmt.Fprintf(out, ", %d %s", part.n, part.what)
		}
	}
	fmt.Fprintln(out)
	if err != nil {
		return fmt.Errorf("sending stopped: %w", err)
	}
	if queues, err := d.Store().Queues(ctx); err == nil {
		for _, q := range queues {
			if q.Depth() > 0 {
				fmt.Fprintf(out, "still queued on %s: %d due, %d later (retry time, quiet hours, daily limit), %d uncertain, %d held: the service sends or settles them\n",
					q.Channel, q.Due, q.Later, q.Uncertain, q.Held)
			}
			if paused, why := d.ChannelPaused(q.Channel); paused {
				fmt.Fprintf(out, "channel %s is paused: %s\n", q.Channel, g.language().Reason(why))
			}
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d job(s) failed: %v (see the lines above)", len(failed), failed)
	}
	return nil
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
