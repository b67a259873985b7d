package inbound

import (
	"context"
	"log/slog"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// A refusal's copies: the SMS provider's blacklist and İYS. Each opt-out
// that wants one says so (outbox: pending); the syncer makes it and records
// the result on the opt-out, so a copy that failed is tried again and one
// that was made is not made twice. The local opt-out stops the sends
// either way: the copies only make the refusal hold beyond this connector.

// Refuser records a refusal in İYS (consent.Checker).
type Refuser interface {
	Refused(ctx context.Context, to, channel string, at time.Time) error
}

// Syncer makes the copies.
type Syncer struct {
	store     *outbox.Store
	blacklist notify.Blacklister
	iys       Refuser
	log       *slog.Logger
	wake      chan struct{}
}

// NewSyncer makes copies at blacklist and iys (either may be nil: no such
// copy).
func NewSyncer(store *outbox.Store, blacklist notify.Blacklister, iys Refuser, log *slog.Logger) *Syncer {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Syncer{store: store, blacklist: blacklist, iys: iys, log: log, wake: make(chan struct{}, 1)}
}

// Wake makes Run look at the pending copies now.
func (s *Syncer) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Sync makes every pending copy once; a failed one stays pending when it
// may work later, and records the error when it never will.
func (s *Syncer) Sync(ctx context.Context) (done int, err error) {
	for _, c := range []struct {
		what string
		do   func(outbox.OptOutEntry) error
	}{
		{"blacklist", func(e outbox.OptOutEntry) error {
			if s.blacklist == nil {
				return nil
			}
			return s.blacklist.Blacklist(ctx, e.Recipient)
		}},
		{"iys", func(e outbox.OptOutEntry) error {
			if s.iys == nil {
				return nil
			}
			return s.iys.Refused(ctx, e.Recipient, e.Channel, e.Added)
		}},
	} {
		pending, err := s.store.PendingSync(ctx, c.what, 100)
		if err != nil {
			return done, err
		}
		for _, e := range pending {
			err := c.do(e)
			state := outbox.SyncDone
			switch {
			case err == nil:
				done++
			case notify.Classify(err) == notify.ErrPermanent:
				state = outbox.SyncFailed + " " + err.Error()
				s.log.Warn("log.inbound.copy_failed", "copy", c.what,
					"channel", e.Channel, "err", err)
			default:
				s.log.Warn("log.inbound.copy_later", "copy", c.what, "err", err)
				return done, nil
			}
			if err := s.store.SetSync(ctx, e, c.what, state); err != nil {
				return done, err
			}
		}
	}
	return done, nil
}

// Run syncs at start, when woken and every five minutes until ctx ends.
func (s *Syncer) Run(ctx context.Context) {
	t := time.NewTicker(5 * time.Minute)
	defer t.Stop()
	for {
		if n, err := s.Sync(ctx); err != nil && ctx.Err() == nil {
			s.log.Warn("log.inbound.sync_failed", "err", err)
		} else if n > 0 {
			s.log.Info("log.inbound.synced", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.wake:
		}
	}
}
