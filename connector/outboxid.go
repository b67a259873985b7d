package connector

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/vault"
)

// The outbox is the connector's memory of what it sent. Deleting it,
// restoring an old copy or pointing state_dir at a new folder used to make
// the next start a first start: with a backfill, every message went out a
// second time, silently. The state folder's marker (vault.Marker) names the
// outbox and how far it had got; a start that finds another outbox, none,
// or an older copy refuses until the operator says so.

// OutboxMatch is how the outbox a start finds compares with the marker.
type OutboxMatch int

const (
	OutboxFirst    OutboxMatch = iota // no marker, no outbox: the first start ever
	OutboxAdopted                     // no marker, an outbox: from before markers; it is adopted
	OutboxSame                        // the marker's outbox, as far as it had got or further
	OutboxMissing                     // a marker, no outbox
	OutboxReplaced                    // a marker, another outbox
	OutboxOlder                       // a marker, an older copy of its outbox
)

// Refused reports whether a start refuses this outbox without
// --accept-outbox.
func (m OutboxMatch) Refused() bool { return m >= OutboxMissing }

// ErrOutboxMismatch is the refusal of a start whose outbox is not the one
// the state folder's marker names.
var ErrOutboxMismatch = errors.New("the outbox is not the one this connector used")

// AcceptFlag and AcceptBackfillFlag are the run flags that accept an
// outbox the marker does not name, and in addition its backfills.
const (
	AcceptFlag         = "--accept-outbox"
	AcceptBackfillFlag = "--accept-outbox-backfill"
)

// MatchOutbox compares the outbox found at path (its identity; exists false
// when there is none) with the state folder's marker.
func MatchOutbox(stateDir, path string, id outbox.Identity, exists bool) (OutboxMatch, error) {
	m, ok, err := vault.ReadMarker(stateDir)
	switch {
	case err != nil:
		return 0, err
	case !ok && !exists:
		return OutboxFirst, nil
	case !ok:
		return OutboxAdopted, nil
	case !exists:
		return OutboxMissing, outboxError(OutboxMissing, path, m, id)
	case id.ID != m.Outbox:
		return OutboxReplaced, outboxError(OutboxReplaced, path, m, id)
	case id.Seq < m.Seq:
		return OutboxOlder, outboxError(OutboxOlder, path, m, id)
	}
	return OutboxSame, nil
}

func outboxError(match OutboxMatch, path string, m vault.Marker, id outbox.Identity) error {
	var what catalog.Msg
	switch match {
	case OutboxMissing:
		what = catalog.M("outbox.mismatch.missing", "path", path, "marker", vault.MarkerName, "updated", m.Updated.Local().Format("2006-01-02 15:04"))
	case OutboxReplaced:
		what = catalog.M("outbox.mismatch.replaced", "path", path, "marker", vault.MarkerName, "id", short(id.ID), "want", short(m.Outbox))
	case OutboxOlder:
		what = catalog.M("outbox.mismatch.older", "path", path, "seq", id.Seq, "want", m.Seq, "updated", m.Updated.Local().Format("2006-01-02 15:04"))
	}
	return catalog.Errorf("outbox.mismatch", "what", what, "marker", vault.MarkerName, "accept", AcceptFlag,
		"backfill", AcceptBackfillFlag).Wrapping(ErrOutboxMismatch)
}

func short(id string) string {
	if len(id) > 8 {
		return id[:8]
	}
	return id
}

// openOutbox opens the outbox after checking it against the marker, and
// writes the marker for it.
func openOutbox(ctx context.Context, cfg *config.Config, opts Options) (*outbox.Store, error) {
	path, dir := OutboxPath(cfg), string(cfg.StateDir)
	_, statErr := os.Stat(path)
	exists := statErr == nil
	if statErr != nil && !errors.Is(statErr, fs.ErrNotExist) {
		return nil, fmt.Errorf("open outbox %s: %w", path, statErr)
	}
	if !exists && !opts.AcceptOutbox {
		// Refuse before creating anything: a missing outbox must stay
		// missing until the operator decides.
		if match, err := MatchOutbox(dir, path, outbox.Identity{}, false); match.Refused() || err != nil {
			return nil, err
		}
	}
	store, err := outbox.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	id, err := store.Identity(ctx)
	if err == nil {
		var match OutboxMatch
		match, err = MatchOutbox(dir, path, id, exists)
		switch {
		case match.Refused() && opts.AcceptOutbox:
			err = acceptOutbox(ctx, cfg, store, opts, match)
		case match == OutboxAdopted && opts.Logger != nil:
			cfg.Language.Lang().Logger(opts.Logger).Info("log.outbox.adopted", "outbox", path)
		}
	}
	if err == nil {
		err = vault.WriteMarker(dir, vault.Marker{Outbox: id.ID, Seq: id.Seq, Updated: time.Now().UTC()})
	}
	if err != nil {
		store.Close()
		return nil, err
	}
	return store, nil
}

// acceptOutbox is the operator's --accept-outbox: the outbox is used as it
// is, and without --accept-outbox-backfill no job's backfill is sent again.
func acceptOutbox(ctx context.Context, cfg *config.Config, store *outbox.Store, opts Options, match OutboxMatch) error {
	var blocked []string
	for _, j := range cfg.Jobs {
		if j.Backfill.Set() && !opts.AcceptBackfill {
			blocked = append(blocked, j.Name)
		}
	}
	if err := store.BlockBackfill(ctx, blocked); err != nil {
		return err
	}
	if opts.Logger != nil {
		was := map[OutboxMatch]string{OutboxMissing: "missing", OutboxReplaced: "replaced", OutboxOlder: "older"}[match]
		cfg.Language.Lang().Logger(opts.Logger).Warn("log.outbox.accepted",
			"outbox", OutboxPath(cfg), "was", was, "jobs_without_backfill", blocked)
	}
	return nil
}

// saveMarker records how far the outbox has got, so an older copy of it is
// recognised. It runs after job runs and at Close; the marker only ever
// trails the outbox, so a crash between the two leaves a start that
// matches.
func (d *Daemon) saveMarker(ctx context.Context) {
	id, err := d.store.Identity(ctx)
	if err != nil || id.ID == "" {
		return
	}
	d.mu.Lock()
	stale := id.Seq > d.markerSeq
	d.mu.Unlock()
	if !stale {
		return
	}
	if err := vault.WriteMarker(string(d.cfg.StateDir), vault.Marker{Outbox: id.ID, Seq: id.Seq, Updated: d.now().UTC()}); err != nil {
		d.log.Warn("log.outbox.marker_failed", "err", err)
		return
	}
	d.mu.Lock()
	d.markerSeq = max(d.markerSeq, id.Seq)
	d.mu.Unlock()
}

// OpenStore opens the outbox for a command beside the service (status,
// messages, opt-outs). Where the marker says the outbox was lost it creates
// none: the refusal keeps saying what happened until the operator decides.
func OpenStore(ctx context.Context, cfg *config.Config) (*outbox.Store, error) {
	path := OutboxPath(cfg)
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if match, err := MatchOutbox(string(cfg.StateDir), path, outbox.Identity{}, false); match.Refused() || err != nil {
			return nil, err
		}
	}
	return outbox.Open(ctx, path)
}
