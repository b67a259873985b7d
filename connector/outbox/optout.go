package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The opt-out list: who must not be messaged, on which channel, and which
// messages. A refusal applies to the channel it was made on (Law 6563: an
// SMS refusal is not an e-mail refusal); an operator's entry, a bounce and
// a forgotten person's suppression apply to every channel. Dispatch checks
// the list before every send.

// Scope is which messages an opt-out stops.
type Scope string

const (
	// ScopeAll stops every message, informational ones (invoices,
	// reminders) too.
	ScopeAll Scope = "all"
	// ScopeCommercial stops commercial messages only: the law lets a shop
	// keep sending informational ones to someone who refused campaigns.
	ScopeCommercial Scope = "commercial"
)

// OptOutSource is where an opt-out came from.
type OptOutSource string

const (
	SourceOperator OptOutSource = "operator" // optout add
	SourceReply    OptOutSource = "reply"    // the customer answered with a refusal word
	SourceBounce   OptOutSource = "bounce"   // the provider says the address does not exist
	SourceProvider OptOutSource = "provider" // the provider says the person refused (WhatsApp 131050)
)

// Sync states of an opt-out's copy at the provider's blacklist or in İYS.
const (
	SyncNone    = ""        // no copy wanted
	SyncPending = "pending" // to be sent
	SyncDone    = "done"
	// SyncFailed starts the state of a copy that will never be made,
	// followed by the error.
	SyncFailed = "failed:"
)

// EveryChannel is the channel of an opt-out that applies to all of them.
const EveryChannel = ""

// OptOutEntry is one line of the opt-out list.
type OptOutEntry struct {
	Recipient string
	Channel   string // EveryChannel or one channel
	Scope     Scope
	Added     time.Time // when it took effect
	Note      string
	Source    OptOutSource
	ReplyID   int64 // the reply that asked (its proof), 0 when none
	// Blacklist and IYS are the states of its copies (Sync*, or the error
	// that keeps one from being made).
	Blacklist string
	IYS       string
}

// OptOut records that a recipient must not be messaged at all, on any
// channel. Any spelling of the address is stored in its normalised form.
func (s *Store) OptOut(ctx context.Context, recipient, note string) error {
	return s.AddOptOut(ctx, OptOutEntry{Recipient: recipient, Channel: EveryChannel, Scope: ScopeAll, Note: note, Source: SourceOperator})
}

// AddOptOut records an opt-out. One already there for the same recipient
// and channel is widened, never narrowed: its scope becomes the wider of the
// two and it keeps the time it first took effect.
func (s *Store) AddOptOut(ctx context.Context, e OptOutEntry) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return s.addOptOut(ctx, tx, e) })
}

func (s *Store) addOptOut(ctx context.Context, tx *sql.Tx, e OptOutEntry) error {
	to := mapping.NormalizeAddress(e.Recipient, "")
	if to == "" {
		return errors.New("add to the opt-out list: no address given")
	}
	if e.Scope == "" {
		e.Scope = ScopeAll
	}
	if e.Source == "" {
		e.Source = SourceOperator
	}
	if e.Added.IsZero() {
		e.Added = s.now()
	}
	var reply any
	if e.ReplyID > 0 {
		reply = e.ReplyID
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO optout (recipient, channel, scope, added_at, note, source, reply_id, blacklist, iys)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (recipient, channel) DO UPDATE SET
			scope = CASE WHEN optout.scope = 'all' OR excluded.scope = 'all' THEN 'all' ELSE optout.scope END,
			note = CASE WHEN excluded.note = '' THEN optout.note ELSE excluded.note END,
			reply_id = COALESCE(optout.reply_id, excluded.reply_id),
			blacklist = CASE WHEN optout.blacklist = '' THEN excluded.blacklist ELSE optout.blacklist END,
			iys = CASE WHEN optout.iys = '' THEN excluded.iys ELSE optout.iys END`,
		to, e.Channel, e.Scope, ms(e.Added), e.Note, e.Source, reply, e.Blacklist, e.IYS)
	if err != nil {
		return fmt.Errorf("add to the opt-out list: %w", err)
	}
	return nil
}

// OptIn removes a recipient from the opt-out list on every channel and
// lifts a suppression left by forget for that address; false when there
// was neither.
func (s *Store) OptIn(ctx context.Context, recipient string) (bool, error) {
	return s.optIn(ctx, recipient, nil)
}

// OptInChannel removes a recipient's opt-out of one channel only (an
// opt-out of every channel stays).
func (s *Store) OptInChannel(ctx context.Context, recipient, channel string) (bool, error) {
	return s.optIn(ctx, recipient, &channel)
}

func (s *Store) optIn(ctx context.Context, recipient string, channel *string) (bool, error) {
	to := mapping.NormalizeAddress(recipient, "")
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		q, args := `DELETE FROM optout WHERE recipient = ?`, []any{to}
		if channel != nil {
			q, args = q+` AND channel = ?`, append(args, *channel)
		}
		res, err := tx.ExecContext(ctx, q, args...)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		if channel != nil {
			return nil
		}
		if some, err := s.anySuppressed(ctx, tx); err != nil || !some {
			return err
		}
		key, err := s.macKey(ctx, tx, false)
		if err != nil {
			return err
		}
		res, err = tx.ExecContext(ctx, `DELETE FROM suppression WHERE mac = ?`, keyedHash(key, to))
		if err != nil {
			return err
		}
		lifted, _ := res.RowsAffected()
		n += lifted
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("remove from the opt-out list: %w", err)
	}
	return n > 0, nil
}

// OptedOut reports whether a recipient must not be messaged at all: on the
// opt-out list for every channel and message, or forgotten (suppressed by a
// keyed hash of the address). When the answer cannot be known it is an
// error, and the caller must not send.
func (s *Store) OptedOut(ctx context.Context, recipient string) (bool, error) {
	_, out, err := s.Refused(ctx, recipient, EveryChannel, false)
	return out, err
}

// Refused reports whether a message to recipient on channel must not go: an
// opt-out of that channel or of every channel whose scope covers it (a
// commercial-only one stops commercial messages), or a suppression left by
// forget. The entry says which one; for a suppression it has no address.
// When the answer cannot be known it is an error, and the caller must not
// send.
func (s *Store) Refused(ctx context.Context, recipient, channel string, commercial bool) (OptOutEntry, bool, error) {
	to := mapping.NormalizeAddress(recipient, "")
	r, err := s.refusalsAmong(ctx, nil, []string{to}, channel)
	if err != nil {
		return OptOutEntry{}, false, fmt.Errorf("check the opt-out list: %w", err)
	}
	e, out := r.of(to, commercial)
	return e, out, nil
}

const optOutCols = `recipient, channel, scope, added_at, note, source, COALESCE(reply_id, 0), blacklist, iys`

func scanOptOut(sc interface{ Scan(...any) error }) (OptOutEntry, error) {
	var e OptOutEntry
	var at int64
	err := sc.Scan(&e.Recipient, &e.Channel, &e.Scope, &at, &e.Note, &e.Source, &e.ReplyID, &e.Blacklist, &e.IYS)
	e.Added = time.UnixMilli(at)
	return e, err
}

// OptOuts lists the opt-out list, oldest first.
func (s *Store) OptOuts(ctx context.Context) ([]OptOutEntry, error) {
	return s.optOuts(ctx, `SELECT `+optOutCols+` FROM optout ORDER BY added_at, recipient, channel`)
}

// Refusals lists the opt-out list newest first, whatever put each entry
// there (a reply, the provider, an operator's optout add, a bounce): the
// status page's list, beside the refusals İYS holds (IYSRefusals).
func (s *Store) Refusals(ctx context.Context, limit int) ([]OptOutEntry, error) {
	return s.optOuts(ctx, `SELECT `+optOutCols+` FROM optout ORDER BY added_at DESC, recipient, channel LIMIT ?`, limit)
}

// IYSRefusals lists the refusals (RET) İYS holds, as the connector last
// asked, newest first by İYS's date. A refusal by reply that the connector
// itself sent on to İYS is left out: the opt-out list has it already, with
// its copy's state.
func (s *Store) IYSRefusals(ctx context.Context, limit int) ([]Consent, error) {
	// İYS's dates ("2025-01-24 09:40:00") sort as text.
	return s.consents(ctx, `SELECT recipient, type, recipient_type, status, consent_date, source, checked_at FROM consent c
		WHERE status = 'RET' AND NOT EXISTS (SELECT 1 FROM optout o WHERE o.recipient = c.recipient AND o.iys != '')
		ORDER BY consent_date DESC, checked_at DESC, recipient LIMIT ?`, limit)
}

// PendingSync lists opt-outs whose copy at the provider's blacklist
// (what = "blacklist") or in İYS (what = "iys") is still to be made.
func (s *Store) PendingSync(ctx context.Context, what string, limit int) ([]OptOutEntry, error) {
	col, err := syncColumn(what)
	if err != nil {
		return nil, err
	}
	return s.optOuts(ctx, `SELECT `+optOutCols+` FROM optout WHERE `+col+` = ? ORDER BY added_at LIMIT ?`, SyncPending, limit)
}

// SetSync records the state of an opt-out's copy (SyncDone, or the error).
func (s *Store) SetSync(ctx context.Context, e OptOutEntry, what, state string) error {
	col, err := syncColumn(what)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `UPDATE optout SET `+col+` = ? WHERE recipient = ? AND channel = ?`, state, e.Recipient, e.Channel)
	if err != nil {
		return fmt.Errorf("record the %s copy of an opt-out: %w", what, err)
	}
	return nil
}

func syncColumn(what string) (string, error) {
	switch what {
	case "blacklist", "iys":
		return what, nil
	}
	return "", fmt.Errorf("no copy of opt-outs named %q", what)
}

func (s *Store) optOuts(ctx context.Context, q string, args ...any) ([]OptOutEntry, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("read the opt-out list: %w", err)
	}
	defer rows.Close()
	var out []OptOutEntry
	for rows.Next() {
		e, err := scanOptOut(rows)
		if err != nil {
			return nil, fmt.Errorf("read the opt-out list: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
