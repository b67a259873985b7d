package inbound

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// The SMS inbox is read by time windows that overlap: each read asks from
// Overlap before the end of the last one up to now, and the end is saved
// with the replies, in one transaction. A crash between reading and storing
// leaves the position where it was, so the next read asks again; a reply
// read twice is stored once (outbox.StoreReplies).

const (
	// maxWindow is the longest window one request asks for: after a long
	// stop the backlog is read a day at a time.
	maxWindow = 24 * time.Hour
	// maxBacklog is how far back a read ever goes.
	maxBacklog = 30 * 24 * time.Hour
	// positionJob names the inbox's read position among the cursors.
	positionJob = "inbox"
)

// Poller reads one provider's inbox.
type Poller struct {
	Store *outbox.Store
	Inbox notify.Inbox
	// Channel is the replies' channel (sms); Provider names the account
	// (netgsm, mutlucell) and its read position.
	Channel, Provider string
	Every, Overlap    time.Duration
	// Refusal says what a reply that refuses brings (nil: it does not).
	Refusal func(outbox.NewReply) *outbox.Refusal
	// StopsAll says a refusal stops every message of the channel, the
	// informational ones too (replies.stop_informational), not only the
	// commercial ones: the log line says which.
	StopsAll bool
	// Stored is told what each read stored (a refusal wakes the copies to
	// the blacklist and İYS).
	Stored func(outbox.StoredReplies)
	Now    func() time.Time
	Log    *slog.Logger

	// afterRead runs between reading a window and storing it (tests).
	afterRead func()
}

// Read is what one Poll did.
type Read struct {
	Windows   int
	New       int
	Refusals  int
	Duplicate int
	Forgotten int // read again after their sender was forgotten, not stored
}

// Poll reads every window from the saved position up to now.
func (p *Poller) Poll(ctx context.Context) (Read, error) {
	var r Read
	now := p.Now()
	last, ok, err := p.position(ctx)
	if err != nil {
		return r, err
	}
	from := now.Add(-p.Overlap)
	if ok {
		from = last.Add(-p.Overlap)
	}
	from = maxTime(from, now.Add(-maxBacklog))
	for ctx.Err() == nil {
		to := minTime(now, from.Add(maxWindow))
		incoming, err := p.Inbox.Inbox(ctx, from, to)
		if err != nil {
			return r, err
		}
		if p.afterRead != nil {
			p.afterRead()
		}
		batch := outbox.ReplyBatch{Job: positionJob, Source: p.Provider, Cursor: to.UTC().Format(time.RFC3339Nano)}
		for _, in := range incoming {
			batch.Replies = append(batch.Replies, outbox.NewReply{Channel: p.Channel, Provider: p.Provider, From: in.From, To: in.To,
				Text: in.Text, At: in.At, Key: in.Key})
		}
		if p.Refusal != nil {
			batch.Classify = p.Refusal
		}
		st, err := p.Store.StoreReplies(ctx, batch)
		if err != nil {
			return r, err
		}
		r.Windows++
		r.New += len(st.New)
		r.Refusals += st.Refusals
		r.Duplicate += st.Duplicate
		r.Forgotten += st.Forgotten
		if p.Stored != nil && len(st.New) > 0 {
			p.Stored(st)
		}
		for _, s := range st.New {
			if s.Refusal {
				key := "log.inbound.refusal"
				if p.StopsAll {
					key = "log.inbound.refusal_all"
				}
				p.Log.Info(key, "channel", p.Channel, "provider", p.Provider, "reply", s.ID)
			}
		}
		if !to.Before(now) {
			return r, nil
		}
		from = to.Add(-p.Overlap)
	}
	return r, ctx.Err()
}

func (p *Poller) position(ctx context.Context) (time.Time, bool, error) {
	v, ok, err := p.Store.Cursor(ctx, positionJob, p.Provider)
	if err != nil || !ok {
		return time.Time{}, false, err
	}
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, false, nil // unreadable: read from now, as on a first start
	}
	return t, true, nil
}

// Run polls every Every until ctx ends.
func (p *Poller) Run(ctx context.Context) {
	t := time.NewTicker(p.Every)
	defer t.Stop()
	for {
		if r, err := p.Poll(ctx); err != nil && ctx.Err() == nil {
			level := slog.LevelWarn
			if errors.Is(err, notify.ErrConfig) {
				level = slog.LevelError
			}
			p.Log.Log(ctx, level, "log.inbound.inbox_unreadable",
				"provider", p.Provider, "err", err)
		} else if r.New > 0 {
			p.Log.Info("log.inbound.replies_read", "provider", p.Provider, "new", r.New, "refusals", r.Refusals)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
