package connector

import (
	"context"

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
// jobs (the page's "Read all again from Wolvox"): the channels are woken
// once at the end, when any message was made pending, not once a message.
func (d *Daemon) RereadAll(ctx context.Context, f status.RereadFilter) (status.RereadTally, error) {
	r := &Rereader{store: d.store, poller: d.poller, jobs: d.jobs, log: d.log}
	t, err := r.RereadAll(ctx, f, nil)
	if t.Pending > 0 {
		d.wakeAll()
	}
	return t, err
}
