package connector

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Rereader reads a skipped or failed message's record again from Wolvox and
// writes the message as the record makes it now (the status page's "Read
// again from Wolvox", `messages reread`): a customer's mobile number added
// to the account card reaches the invoice message that was skipped without
// it. Retry cannot do that: it sends the message as it was stored.
//
// Only a message whose problem a correction in Wolvox can mend is read
// again (status.Rereadable): never one a customer refused, or one Wolvox
// itself sent. The daemon has one; the command line opens its own
// (OpenRereader) beside a running service, as its other commands open the
// outbox.
type Rereader struct {
	store  *outbox.Store
	poller *poll.Poller
	jobs   []*poll.Job
	log    *slog.Logger
	// consentChecked: İYS is asked before every commercial send (an iys:
	// setting), so a commercial fallback goes under its own channel's
	// consent, as the dispatcher sends it.
	consentChecked bool
}

// Reread reads message id's record again. It returns the state the message
// is left in and, when that is not pending, why.
func (r *Rereader) Reread(ctx context.Context, id int64) (outbox.Status, mapping.Reason, error) {
	m, err := r.store.Get(ctx, id)
	if err != nil {
		return "", mapping.Reason{}, err
	}
	if err := outbox.RereadState(m.Status); err != nil {
		return "", mapping.Reason{}, err
	}
	if !status.Rereadable(m.Status, m.Channel, m.Reason) {
		return "", mapping.Reason{}, catalog.Errorf("connector.reread_not_mendable").Wrapping(outbox.ErrWrongState)
	}
	var job *poll.Job
	for _, j := range r.jobs {
		if j.Name == m.Job {
			job = j
		}
	}
	if job == nil {
		return "", mapping.Reason{}, catalog.Errorf("connector.reread_no_job", "job", m.Job)
	}
	if m.Commercial && !r.consentChecked && slices.Contains(job.Fallback, m.Channel) {
		ch, refused, err := r.store.RefusedFirst(ctx, m.DedupeKey, m.ID, job.Fallback, status.CustomerRefused)
		switch {
		case err != nil:
			return "", mapping.Reason{}, err
		case refused:
			return "", mapping.Reason{}, catalog.Errorf("connector.reread_refused_first", "channel", ch).Wrapping(outbox.ErrWrongState)
		}
	}
	planned, err := r.poller.Reread(ctx, job, m)
	if err != nil {
		return "", mapping.Reason{}, err
	}
	st, why, err := r.store.Reaim(ctx, m, planned.NewMessage, job.Fallback)
	if err != nil {
		return "", mapping.Reason{}, err
	}
	r.log.Info("log.reread.done", "message", id, "job", m.Job, "status", string(st))
	return st, why, nil
}

// OpenRereader opens the sources of cfg (its secrets resolved) and builds
// its jobs, to read messages of store again; close closes the sources.
func OpenRereader(cfg *config.Config, store *outbox.Store, log *slog.Logger) (r *Rereader, close func(), err error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	log = cfg.Language.Lang().Logger(log)
	jobs, err := buildJobs(cfg)
	if err != nil {
		return nil, nil, err
	}
	sources, err := OpenSources(cfg, time.Now)
	if err != nil {
		return nil, nil, err
	}
	closeAll := func() {
		for _, g := range sources {
			g.Close()
		}
	}
	return &Rereader{store: store, poller: &poll.Poller{Store: store, Sources: sources, Now: time.Now, Log: log}, jobs: jobs, log: log,
		consentChecked: cfg.IYS != nil}, closeAll, nil
}

// Reread is the Rereader's Reread on the daemon's own sources and jobs;
// a message made pending is looked at at once.
func (d *Daemon) Reread(ctx context.Context, id int64) (outbox.Status, mapping.Reason, error) {
	st, why, err := d.rereader().Reread(ctx, id)
	if err == nil && st == outbox.StatusPending {
		d.wakeAll()
	}
	return st, why, err
}

// rereader reads messages again on the daemon's own sources and jobs.
func (d *Daemon) rereader() *Rereader {
	return &Rereader{store: d.store, poller: d.poller, jobs: d.jobs, log: d.log, consentChecked: d.cfg.IYS != nil}
}
