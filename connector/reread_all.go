package connector

import (
	"context"
	"sync"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// RereadOutcome is what came of reading one message again in a bulk
// re-read: the state it is left in and why, or the error that refused it.
type RereadOutcome struct {
	Message outbox.Message // as it was found
	Status  outbox.Status
	Why     mapping.Reason
	Err     error
}

// RereadAll reads again every message f chooses (status.EachRereadable),
// the outbox a page at a time; one message's refusal does not stop the
// rest. each, when not nil, sees every outcome as it comes. It returns the
// tally and, when ctx ended or the outbox could not be listed, the error:
// the messages not reached yet stay as they were.
func (r *Rereader) RereadAll(ctx context.Context, f status.RereadFilter, each func(RereadOutcome)) (status.RereadTally, error) {
	var t status.RereadTally
	err := status.EachRereadable(ctx, r.store, f, func(m outbox.Message) error {
		st, why, err := r.Reread(ctx, m.ID)
		if err != nil && ctx.Err() != nil {
			return ctx.Err() // not the message's refusal: the run was stopped
		}
		if err != nil {
			r.log.Warn("log.reread.refused", "message", m.ID, "job", m.Job, "err", err)
		}
		t.Add(m, st, why, err)
		if each != nil {
			each(RereadOutcome{Message: m, Status: st, Why: why, Err: err})
		}
		return nil
	})
	return t, err
}

// RereadAll is the Rereader's RereadAll on the daemon's own sources and
// jobs, while the caller waits (the page's run in the background,
// StartRereadAll, calls it): the channels are woken once at the end, when
// any message was made pending, not once a message.
func (d *Daemon) RereadAll(ctx context.Context, f status.RereadFilter, each func(RereadOutcome)) (status.RereadTally, error) {
	t, err := d.rereader().RereadAll(ctx, f, each)
	if t.Pending > 0 {
		d.wakeAll()
	}
	return t, err
}

// bulkReread is the page's bulk re-read in the background: one at a time
// for the whole daemon, whatever its group, so that a second press or a
// second admin never doubles the load on the shop's Wolvox server.
type bulkReread struct {
	step func(context.Context) // Options.RereadStep

	mu      sync.Mutex
	run     status.RereadRun // running, or the last to end
	has     bool             // run was ever set
	stopped bool             // the daemon's life ended: none starts
	wg      sync.WaitGroup   // the running one
}

// StartRereadAll starts the Rereader's RereadAll of f in the background
// (the page's "Read all again from Wolvox"), under the daemon's own
// lifetime, not the request's: it stops when Run ends or at Close, and the
// messages it did not reach stay as they were. The channels are woken once
// at its end. While a run is on, it reports that one and false; once the
// daemon is stopping, none starts: it reports the last run, which the
// next daemon is handed, and false.
func (d *Daemon) StartRereadAll(f status.RereadFilter) (status.RereadRun, bool) {
	b := &d.bulk
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.has && b.run.Running() || b.stopped {
		return b.snapshot(), false
	}
	b.run, b.has = status.RereadRun{Kind: f.Problem, Started: d.now()}, true
	b.wg.Add(1)
	go func() {
		defer b.wg.Done()
		d.rereadAllInBackground(f)
	}()
	return b.snapshot(), true
}

func (d *Daemon) rereadAllInBackground(f status.RereadFilter) {
	ctx, b := d.life, &d.bulk
	t, err := d.RereadAll(ctx, f, func(o RereadOutcome) {
		b.mu.Lock()
		b.run.Tally.Add(o.Message, o.Status, o.Why, o.Err)
		b.mu.Unlock()
		if b.step != nil {
			b.step(ctx)
		}
	})
	if err != nil {
		d.log.Warn("log.page.reread_all_stopped", "kind", f.Problem, "pending", t.Pending, "err", err)
	} else {
		d.log.Info("log.page.reread_all", "kind", f.Problem, "pending", t.Pending, "still", t.StillCount(), "refused", t.RefusedCount())
	}
	b.mu.Lock()
	b.run.Tally, b.run.Ended, b.run.Stopped = t, d.now(), err != nil
	b.mu.Unlock()
}

// RereadAllRun is the bulk re-read running in the background now, or the
// last one to end (this daemon's, or that of the daemon a reload
// replaced).
func (d *Daemon) RereadAllRun() (status.RereadRun, bool) {
	b := &d.bulk
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.snapshot(), b.has
}

// snapshot is the run as it is now, sharing no map with the one that goes
// on counting. Callers hold b.mu.
func (b *bulkReread) snapshot() status.RereadRun {
	r := b.run
	r.Tally = r.Tally.Clone()
	return r
}

// stopBackground ends the daemon's life and waits for a bulk re-read
// running in the background to stop; none starts after it.
func (d *Daemon) stopBackground() {
	d.endLife()
	b := &d.bulk
	b.mu.Lock()
	b.stopped = true
	b.mu.Unlock()
	b.wg.Wait()
}
