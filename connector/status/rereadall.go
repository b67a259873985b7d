package status

import (
	"context"
	"maps"
	"slices"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// A bulk re-read reads again every message a correction in Wolvox may have
// mended (Rereadable), narrowed by job, channel and kind of problem: the
// shop that added forty customers' mobile numbers presses one button, or
// runs `messages reread --skipped`, instead of forty.

// RereadFilter chooses the messages of a bulk re-read; its empty fields
// choose every one.
type RereadFilter struct {
	Job, Channel string
	// Problem is a kind of problem (RereadKinds): the owner's group.
	Problem string
	// Since keeps the messages made since then (the page's last week).
	Since time.Time
}

// RereadKinds are the kinds of problem a bulk re-read may be narrowed to:
// those a correction in Wolvox can mend, in the page's order.
func RereadKinds() []string { return slices.Clone(rereadKinds) }

// IsRereadKind reports whether kind is one of RereadKinds.
func IsRereadKind(kind string) bool { return slices.Contains(rereadKinds, kind) }

// Matches reports whether f chooses m, which must also be re-readable.
func (f RereadFilter) Matches(m outbox.Message) bool {
	if f.Job != "" && m.Job != f.Job || f.Channel != "" && m.Channel != f.Channel || !f.Since.IsZero() && m.CreatedAt.Before(f.Since) {
		return false
	}
	if !Rereadable(m.Status, m.Channel, m.Reason) {
		return false
	}
	return f.Problem == "" || Problem(m.Status, m.Channel, m.Reason) == f.Problem
}

// rereadPage is how many messages a bulk re-read reads from the outbox at a
// time: never the whole outbox in memory.
const rereadPage = 200

// EachRereadable calls fn with every message f chooses, newest first, a
// page at a time. fn may change the message (read it again): the pages go
// by ID, so that none is skipped or seen twice. It stops at fn's first
// error and when ctx ends.
func EachRereadable(ctx context.Context, store *outbox.Store, f RereadFilter, fn func(outbox.Message) error) error {
	q := outbox.Filter{Statuses: []outbox.Status{outbox.StatusSkipped, outbox.StatusFailed}, Job: f.Job, Channel: f.Channel,
		Since: f.Since, Limit: rereadPage}
	for {
		page, err := store.List(ctx, q)
		if err != nil {
			return err
		}
		for _, m := range page {
			if err := ctx.Err(); err != nil {
				return err
			}
			q.Before = m.ID
			if !f.Matches(m) {
				continue
			}
			if err := fn(m); err != nil {
				return err
			}
		}
		if len(page) < rereadPage {
			return nil
		}
	}
}

// RereadTally is what came of a bulk re-read.
type RereadTally struct {
	// Pending were made pending with today's details.
	Pending int `json:"pending"`
	// Still stay skipped, by the kind of problem they show now (Problem):
	// the number is still missing, or another problem came up.
	Still map[string]int `json:"still,omitempty"`
	// Refused were left as they were, by why (the words of
	// page.failed_reread_<why>: gone, told, database…).
	Refused map[string]int `json:"refused,omitempty"`
}

// Clone is a copy of t that shares no map with it.
func (t RereadTally) Clone() RereadTally {
	t.Still, t.Refused = maps.Clone(t.Still), maps.Clone(t.Refused)
	return t
}

// Add counts one message's outcome: the state a re-read left it in and
// why, or the error that refused it.
func (t *RereadTally) Add(m outbox.Message, st outbox.Status, why mapping.Reason, err error) {
	switch {
	case err != nil:
		if t.Refused == nil {
			t.Refused = map[string]int{}
		}
		t.Refused[rereadRefusal(err)]++
	case st == outbox.StatusPending:
		t.Pending++
	default:
		if t.Still == nil {
			t.Still = map[string]int{}
		}
		kind := Problem(st, m.Channel, why)
		if kind == "" {
			kind = "other"
		}
		t.Still[kind]++
	}
}

// Read is how many messages were read again, whatever came of it.
func (t RereadTally) Read() int { return t.Pending + t.StillCount() + t.RefusedCount() }

// StillCount is how many stay skipped.
func (t RereadTally) StillCount() int { return sum(t.Still) }

// RefusedCount is how many were refused.
func (t RereadTally) RefusedCount() int { return sum(t.Refused) }

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// StillKinds are the kinds of Still in the page's order (problemKinds).
func (t RereadTally) StillKinds() []string {
	var out []string
	for _, k := range problemKinds {
		if t.Still[k] > 0 {
			out = append(out, k)
		}
	}
	return out
}

// rereadRefusalWords are the words rereadRefusal gives, in the order a
// summary tells them.
var rereadRefusalWords = []string{"gone", "told", "cancelled", "refused", "state", "not_mendable", "purged", "no_source", "no_job", "database", "other"}

// RefusedWhys are the words of Refused in a fixed order.
func (t RereadTally) RefusedWhys() []string {
	var out []string
	for _, w := range rereadRefusalWords {
		if t.Refused[w] > 0 {
			out = append(out, w)
		}
	}
	return out
}

// RereadRun is a bulk re-read the page started in the daemon's background
// (Probe.StartRereadAll): while it runs, what it has read so far; once it
// ended, what came of it.
type RereadRun struct {
	// Kind is the group of problems it reads (RereadFilter.Problem).
	Kind    string    `json:"kind"`
	Started time.Time `json:"started"`
	// Ended is zero while it runs.
	Ended time.Time   `json:"ended,omitzero"`
	Tally RereadTally `json:"tally"`
	// Stopped says it ended before it read every message: the daemon
	// stopped or reloaded, or the outbox could not be listed. The messages
	// it did not reach stay as they were.
	Stopped bool `json:"stopped,omitempty"`
}

// Running reports whether the run has not ended yet.
func (r RereadRun) Running() bool { return r.Ended.IsZero() }
