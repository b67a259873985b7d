package outbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// A message becomes sending in the transaction committed right before its
// request (or its batch's request) leaves, never earlier: Take reads what
// is due, lets the dispatcher's policies decide on all of it at once, and
// starts what they let through, in one transaction. After a crash only
// what may have reached the provider is sending (then uncertain); the rest
// is still pending.

// Candidate is a due message as the dispatcher's policies see it: who it
// goes to and what is known of them, nothing of what it says.
type Candidate struct {
	ID         int64
	To         string
	Commercial bool
	Merchant   bool   // the recipient is a business (İYS)
	DedupeKey  string // the event's, for its fallbacks
	Job        string
	// OptedOut: the recipient refused this channel, or every channel, for
	// this kind of message (the opt-out list by scope), or was forgotten;
	// Refusal is the entry that says so.
	OptedOut bool
	Refusal  OptOutEntry
	// Sent counts the messages to To handed to a provider since
	// Take.CapSince, and those being sent now (only with CapSince set).
	Sent int
}

// Plan is what the dispatcher decided for due messages.
type Plan struct {
	Send  []int64    // started now: sending, with an attempt open
	Skip  []Decision // never to be sent (the recipient refused, no consent): skipped
	Defer []Decision // not now (daily cap, opt-out list unreadable): pending until Until
}

// Decision is one message's part of a Plan.
type Decision struct {
	ID     int64
	Reason mapping.Reason
	Until  time.Time // for Defer
}

// Take is one claim of due messages for a request, or for several that
// leave together.
type Take struct {
	Channel string
	Limit   int
	// Grow, when set, is called in the transaction right before the due
	// messages are read, and returns how many may be read besides Limit
	// (what the caller could take on while the take waited for its turn).
	// It must not block.
	Grow func() int
	// CapSince, when set, has each candidate's Sent counted from then.
	CapSince time.Time
	// Decide makes the plan. optOutErr says the opt-out list could not be
	// read (then OptedOut is unknown and nothing may be sent). It runs
	// inside the transaction: it must only decide.
	Decide func(due []Candidate, optOutErr error) Plan
	// Next bounds the count of what is still due afterwards (Taken.Left).
	Next int
}

// Taken is what a Take did.
type Taken struct {
	Plan    Plan
	Started []Message // in the order of Plan.Send; an operator's cancel meanwhile leaves one out
	Left    int       // due messages left after it, counted up to Take.Next
}

// Take reads up to t.Limit due messages of a channel, oldest first, with
// their recipients' opt-outs and counts (set queries, one each for the
// lot), has t.Decide plan them and applies the plan, all in one
// transaction committed before it returns.
func (s *Store) Take(ctx context.Context, t Take) (Taken, error) {
	if err := checkPlan(); err != nil {
		return Taken{}, err
	}
	var out Taken
	err := s.group(ctx, func(ctx context.Context, tx *sql.Tx) error {
		out = Taken{}
		now := s.now()
		limit := t.Limit
		if t.Grow != nil {
			limit += t.Grow()
		}
		due, err := s.due(ctx, tx, t.Channel, limit, now)
		if err != nil {
			return err
		}
		if len(due) > 0 {
			to := make([]string, len(due))
			for i, c := range due {
				to[i] = c.To
			}
			refusals, optErr := s.refusalsAmong(ctx, tx, to, t.Channel)
			var sent map[string]int
			if !t.CapSince.IsZero() {
				if sent, err = s.sentSinceAmong(ctx, tx, to, t.CapSince); err != nil {
					return err
				}
			}
			for i := range due {
				due[i].Refusal, due[i].OptedOut = refusals.of(due[i].To, due[i].Commercial)
				due[i].Sent = sent[due[i].To]
			}
			if optErr != nil {
				optErr = fmt.Errorf("check the opt-out list: %w", optErr)
			}
			p := t.Decide(due, optErr)
			started, err := s.apply(ctx, tx, p, now)
			if err != nil {
				return err
			}
			out.Plan, out.Started = p, started
		}
		if t.Next > 0 {
			err = s.hot.dueCount.queryRow(ctx, tx, t.Channel, ms(now), t.Next).Scan(&out.Left)
		}
		return err
	})
	if err != nil {
		return Taken{}, fmt.Errorf("start sending %s messages: %w", t.Channel, err)
	}
	return out, nil
}

// Start applies a plan made outside a Take (the CLI and tests playing the
// dispatcher), in one transaction.
func (s *Store) Start(ctx context.Context, p Plan) ([]Message, error) {
	if err := checkPlan(); err != nil {
		return nil, err
	}
	var out []Message
	err := s.group(ctx, func(ctx context.Context, tx *sql.Tx) (err error) {
		out, err = s.apply(ctx, tx, p, s.now())
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("start sending: %w", err)
	}
	return out, nil
}

// Due lists up to limit pending messages of a channel whose time has come,
// oldest first. It only reads.
func (s *Store) Due(ctx context.Context, channel string, limit int) ([]Candidate, error) {
	due, err := s.due(ctx, nil, channel, limit, s.now())
	if err != nil {
		return nil, fmt.Errorf("read due %s messages: %w", channel, err)
	}
	return due, nil
}

// DueCount counts the pending messages of a channel whose time has come,
// up to limit. It only reads.
func (s *Store) DueCount(ctx context.Context, channel string, limit int) (int, error) {
	var n int
	if err := s.hot.dueCount.queryRow(ctx, nil, channel, ms(s.now()), limit).Scan(&n); err != nil {
		return 0, fmt.Errorf("count due %s messages: %w", channel, err)
	}
	return n, nil
}

func checkPlan() error {
	for _, mv := range []Status{StatusSending, StatusSkipped} {
		if err := checkMove(mv, StatusPending); err != nil {
			return err
		}
	}
	return nil
}

func (s *Store) due(ctx context.Context, tx *sql.Tx, channel string, limit int, now time.Time) ([]Candidate, error) {
	rows, err := s.hot.due.query(ctx, tx, channel, ms(now), limit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Candidate
	for rows.Next() {
		var c Candidate
		if err := rows.Scan(&c.ID, &c.To, &c.Commercial, &c.Merchant, &c.DedupeKey, &c.Job); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// refusals are the opt-out entries of some recipients on one channel:
// theirs for every channel and for that one.
type refusals map[string][]OptOutEntry

// of picks the entry that stops a message to recipient: every channel
// before one, every kind before commercial only, the oldest.
func (r refusals) of(recipient string, commercial bool) (OptOutEntry, bool) {
	var best OptOutEntry
	found := false
	// A suppression (no address) ranks after an entry of the list that
	// says as much, which names its source.
	rank := func(e OptOutEntry) int {
		n := 0
		if e.Channel != EveryChannel {
			n += 4
		}
		if e.Scope != ScopeAll {
			n += 2
		}
		if e.Recipient == "" {
			n++
		}
		return n
	}
	for _, e := range r[recipient] {
		if e.Scope != ScopeAll && !commercial {
			continue
		}
		if !found || rank(e) < rank(best) || rank(e) == rank(best) && e.Added.Before(best.Added) {
			best, found = e, true
		}
	}
	return best, found
}

// refusalsAmong reads the opt-out entries of the recipients (in stored
// form) for channel, and a suppression left by forget as a refusal of
// every channel, in one query for the lot.
func (s *Store) refusalsAmong(ctx context.Context, tx *sql.Tx, recipients []string, channel string) (refusals, error) {
	to := distinct(recipients)
	out := refusals{}
	if len(to) == 0 {
		return out, nil
	}
	rows, err := s.hot.optedOut.query(ctx, tx, idsJSON(to), channel)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		e, err := scanOptOut(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out[e.Recipient] = append(out[e.Recipient], e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	forgotten := map[string]bool{}
	if err := s.suppressedAmong(ctx, tx, to, forgotten); err != nil {
		return nil, err
	}
	for r := range forgotten {
		// A suppression has no address: forget erased it.
		out[r] = append(out[r], OptOutEntry{Channel: EveryChannel, Scope: ScopeAll, Source: SourceOperator})
	}
	return out, nil
}

// sentSinceAmong counts, per recipient, the messages handed to a provider
// since t (sent, delivered or possibly sent) and those being sent now, for
// the per-recipient daily cap; one query for the lot.
func (s *Store) sentSinceAmong(ctx context.Context, tx *sql.Tx, recipients []string, t time.Time) (map[string]int, error) {
	to := distinct(recipients)
	out := map[string]int{}
	if len(to) == 0 {
		return out, nil
	}
	rows, err := s.hot.sentSince.query(ctx, tx, idsJSON(to), ms(t))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var r string
		var n int
		if err := rows.Scan(&r, &n); err != nil {
			return nil, err
		}
		out[r] = n
	}
	return out, rows.Err()
}

// apply records a plan: skipped and deferred messages with their reasons;
// the messages to send become sending, each with an attempt opened. Only
// messages still pending are touched: one an operator cancelled meanwhile
// is left alone. It returns the started messages in the order of p.Send.
func (s *Store) apply(ctx context.Context, tx *sql.Tx, p Plan, at time.Time) ([]Message, error) {
	now := ms(at)
	for _, d := range p.Skip {
		if _, err := s.hot.skip.exec(ctx, tx, encodeReason(d.Reason), now, d.ID); err != nil {
			return nil, err
		}
	}
	for _, d := range p.Defer {
		if _, err := s.hot.postpone.exec(ctx, tx, ms(d.Until), encodeReason(d.Reason), now, d.ID); err != nil {
			return nil, err
		}
	}
	if len(p.Send) == 0 {
		return nil, nil
	}
	rows, err := s.hot.start.query(ctx, tx, now, idsJSON(p.Send))
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]Message, len(p.Send))
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		byID[m.ID] = m
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(byID) == 0 {
		return nil, err
	}
	out := make([]Message, 0, len(byID))
	ids := make([]int64, 0, len(byID))
	for _, id := range p.Send {
		if m, ok := byID[id]; ok {
			out = append(out, m)
			ids = append(ids, id)
		}
	}
	rows, err = s.hot.startAttempts.query(ctx, tx, now, idsJSON(ids))
	if err != nil {
		return nil, err
	}
	attempt := make(map[int64]int64, len(out))
	for rows.Next() {
		var id, msg int64
		if err := rows.Scan(&id, &msg); err != nil {
			rows.Close()
			return nil, err
		}
		attempt[msg] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].AttemptID = attempt[out[i].ID]
	}
	if err := loadAttachments(ctx, tx, out); err != nil {
		return nil, err
	}
	return out, nil
}
