package outbox

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// Message is a stored message as the dispatcher and the CLI see it: what
// the provider receives (notify.Message, handed over as it is) and its state.
type Message struct {
	notify.Message
	Job       string
	Source    string
	RecordKey string
	Status    Status
	// Reason is why the message is in its state (a catalog key and the
	// provider's own words); zero when there is nothing to say.
	Reason     mapping.Reason
	Code       string
	ProviderID string
	Attempts   int
	CreatedAt  time.Time
	UpdatedAt  time.Time
	SentAt     time.Time
	// NextAt is when a pending message may be sent (zero: at once): a
	// retry's time, the end of quiet days or of a daily cap.
	NextAt time.Time
	// About names what the message is about for people ("2024-117 · Ayşe
	// Yılmaz"): stored at enqueue, emptied with the body.
	About string
	// AttemptID is the attempts row opened when the message was started.
	AttemptID int64
}

const messageCols = `id, dedupe_key, channel, job, source, record_key, recipient, subject, body, html, payload,
	commercial, status, reason, code, provider_id, attempts, created_at, updated_at, COALESCE(sent_at, 0), merchant, next_at, about`

// scanMessage reads the messageCols of a row, then any extra columns the
// query selected after them into extra.
func scanMessage(sc interface{ Scan(...any) error }, extra ...any) (Message, error) {
	var m Message
	var created, updated, sent, next int64
	var reason string
	err := sc.Scan(append([]any{&m.ID, &m.DedupeKey, &m.Channel, &m.Job, &m.Source, &m.RecordKey, &m.To, &m.Subject,
		&m.Text, &m.HTML, &m.Payload, &m.Commercial, &m.Status, &reason, &m.Code, &m.ProviderID,
		&m.Attempts, &created, &updated, &sent, &m.Merchant, &next, &m.About}, extra...)...)
	m.Reason = decodeReason(reason)
	m.CreatedAt = time.UnixMilli(created)
	m.UpdatedAt = time.UnixMilli(updated)
	if sent > 0 {
		m.SentAt = time.UnixMilli(sent)
	}
	if next > 0 {
		m.NextAt = time.UnixMilli(next)
	}
	return m, err
}

// Claim starts up to limit due messages of a channel at once, without the
// dispatcher's policies (for tools and tests that play the dispatcher).
func (s *Store) Claim(ctx context.Context, channel string, limit int) ([]Message, error) {
	due, err := s.Due(ctx, channel, limit)
	if err != nil || len(due) == 0 {
		return nil, err
	}
	ids := make([]int64, len(due))
	for i, c := range due {
		ids[i] = c.ID
	}
	return s.Start(ctx, Plan{Send: ids})
}

// Outcome is what happened to one started message.
type Outcome struct {
	Status     Status // StatusSent, StatusFailed, StatusPending (retry), StatusUncertain
	ProviderID string
	Code       string
	Reason     mapping.Reason // zero clears an older one
	RetryAt    time.Time      // for StatusPending
	// DropStandby cancels the event's standby fallbacks in the same
	// transaction (a sent message whose job waits for no delivery report).
	DropStandby bool
}

// Done is a started message with its outcome.
type Done struct {
	Message Message
	Outcome Outcome
}

// Finish records the outcome of a started message and closes its attempt.
func (s *Store) Finish(ctx context.Context, m Message, o Outcome) error {
	return s.FinishAll(ctx, []Done{{Message: m, Outcome: o}})
}

// FinishAll records the outcomes of one request's messages (or of several
// requests that ended together) and closes their attempts, in one
// transaction: a crash before it returns leaves all of them sending, to be
// checked as uncertain, none half recorded. A message that is no longer
// being sent is reported, the others are recorded.
func (s *Store) FinishAll(ctx context.Context, done []Done) error {
	for _, d := range done {
		if err := checkMove(d.Outcome.Status, StatusSending); err != nil {
			return fmt.Errorf("record outcome of message %d: %w", d.Message.ID, err)
		}
		if d.Outcome.DropStandby {
			if err := checkMove(StatusCancelled, StatusStandby); err != nil {
				return err
			}
		}
	}
	if len(done) == 0 {
		return nil
	}
	o := &op{ctx: ctx, finish: done, res: make(chan error, 1)}
	if err := s.run(o); err != nil {
		return fmt.Errorf("record the outcome of %d message(s): %w", len(done), err)
	}
	if len(o.stale) > 0 {
		return fmt.Errorf("record outcome: message(s) %v are no longer being sent", o.stale)
	}
	return nil
}

// finishRows records the outcomes of the ops' requests with one statement
// for the messages, one for their attempts and one for the fallbacks they
// make unneeded, and tells each op which of its messages were no longer
// being sent.
func (s *Store) finishRows(ctx context.Context, tx *sql.Tx, ops []*op) error {
	now := ms(s.now())
	type row struct {
		id      int64
		attempt int64
		o       Outcome
		dedupe  string
	}
	var rows []row
	var msgs [][]any
	for _, op := range ops {
		op.stale = op.stale[:0]
		for _, d := range op.finish {
			var sentAt any
			if d.Outcome.Status == StatusSent {
				sentAt = now
			}
			rows = append(rows, row{d.Message.ID, d.Message.AttemptID, d.Outcome, d.Message.DedupeKey})
			msgs = append(msgs, []any{d.Message.ID, d.Outcome.Status, d.Outcome.ProviderID, d.Outcome.Code,
				encodeReason(d.Outcome.Reason), ms(d.Outcome.RetryAt), sentAt})
		}
	}
	res, err := s.hot.finish.query(ctx, tx, now, idsJSON(msgs))
	if err != nil {
		return err
	}
	done := make(map[int64]bool, len(rows))
	for res.Next() {
		var id int64
		if err := res.Scan(&id); err != nil {
			res.Close()
			return err
		}
		done[id] = true
	}
	res.Close()
	if err := res.Err(); err != nil {
		return err
	}
	var attempts [][]any
	var drop []string
	for _, r := range rows {
		if !done[r.id] {
			continue
		}
		attempts = append(attempts, []any{r.attempt, r.o.Status, r.o.Code, encodeReason(r.o.Reason), r.o.ProviderID})
		if r.o.DropStandby {
			drop = append(drop, r.dedupe)
		}
	}
	for _, op := range ops {
		for _, d := range op.finish {
			if !done[d.Message.ID] {
				op.stale = append(op.stale, d.Message.ID)
			}
		}
	}
	if len(attempts) > 0 {
		if _, err := s.hot.finishAttempts.exec(ctx, tx, now, idsJSON(attempts)); err != nil {
			return err
		}
	}
	if len(drop) > 0 {
		if _, err := s.hot.dropStandbys.exec(ctx, tx, encodeReason(mapping.R(ReasonNotNeeded)), now, idsJSON(drop)); err != nil {
			return err
		}
	}
	return nil
}

// Release puts started messages whose provider call never began back to
// pending, undoing the start.
func (s *Store) Release(ctx context.Context, ms_ []Message) error {
	if len(ms_) == 0 {
		return nil
	}
	if err := checkMove(StatusPending, StatusSending); err != nil {
		return err
	}
	now := s.now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		for _, m := range ms_ {
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = ?, attempts = attempts - 1, updated_at = ? WHERE id = ? AND status = ?`,
				StatusPending, ms(now), m.ID, StatusSending); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM attempts WHERE id = ?`, m.AttemptID); err != nil {
				return err
			}
		}
		return nil
	})
}

// distinct drops empty and repeated strings.
func distinct(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	var out []string
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// RecoverInFlight turns messages left in "sending" by a crash into
// "uncertain": they may have reached the provider. It returns how many.
func (s *Store) RecoverInFlight(ctx context.Context) (int, error) {
	now := s.now()
	var n int64
	if err := checkMove(StatusUncertain, StatusSending); err != nil {
		return 0, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE messages SET status = ?, reason = ?, updated_at = ? WHERE status = ?`,
			StatusUncertain, encodeReason(mapping.R(ReasonInterrupted)), ms(now), StatusSending)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		_, err = tx.ExecContext(ctx, `UPDATE attempts SET outcome = 'interrupted', finished_at = ? WHERE finished_at IS NULL`, ms(now))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("recover in-flight messages: %w", err)
	}
	return int(n), nil
}

// ByStatus returns messages of one channel in one status, oldest first.
func (s *Store) ByStatus(ctx context.Context, channel string, status Status, limit int) ([]Message, error) {
	return s.query(ctx, `SELECT `+messageCols+` FROM messages WHERE channel = ? AND status = ? ORDER BY id LIMIT ?`, channel, status, limit)
}

// Get returns one message.
func (s *Store) Get(ctx context.Context, id int64) (Message, error) {
	m, err := scanMessage(s.db.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages WHERE id = ?`, id))
	if err == sql.ErrNoRows {
		return m, catalog.Errorf("outbox.no_message").Wrapping(ErrNoMessage)
	}
	return m, err
}

// Filter selects messages for listings.
type Filter struct {
	Status  Status
	Channel string
	Job     string
	Since   time.Time
	Limit   int
	// Statuses selects any of several states (with Status, either).
	Statuses []Status
	// Offset skips the first matches, for paging.
	Offset int
	// Before keeps only messages with a smaller ID (0: any), to page
	// through a list newest first while its messages change state: an
	// offset would skip the ones after a message that left the list.
	Before int64
}

// where is the filter as SQL.
func (f Filter) where() (string, []any) {
	var where []string
	var args []any
	if f.Status != "" {
		where, args = append(where, "status = ?"), append(args, f.Status)
	}
	if len(f.Statuses) > 0 {
		where = append(where, "status IN (?"+strings.Repeat(",?", len(f.Statuses)-1)+")")
		for _, st := range f.Statuses {
			args = append(args, st)
		}
	}
	if f.Channel != "" {
		where, args = append(where, "channel = ?"), append(args, f.Channel)
	}
	if f.Job != "" {
		where, args = append(where, "job = ?"), append(args, f.Job)
	}
	if !f.Since.IsZero() {
		where, args = append(where, "created_at >= ?"), append(args, ms(f.Since))
	}
	if f.Before > 0 {
		where, args = append(where, "id < ?"), append(args, f.Before)
	}
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// List returns messages matching f, newest first.
func (s *Store) List(ctx context.Context, f Filter) ([]Message, error) {
	where, args := f.where()
	f.Limit = ListLimit(f.Limit)
	q := `SELECT ` + messageCols + ` FROM messages` + where + " ORDER BY id DESC LIMIT ? OFFSET ?"
	return s.query(ctx, q, append(args, f.Limit, max(0, f.Offset))...)
}

// Count is how many messages match f (its Limit and Offset aside).
func (s *Store) Count(ctx context.Context, f Filter) (int, error) {
	where, args := f.where()
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM messages`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count messages: %w", err)
	}
	return n, nil
}

func (s *Store) query(ctx context.Context, q string, args ...any) ([]Message, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list messages: %w", err)
	}
	defer rows.Close()
	var out []Message
	for rows.Next() {
		m, err := scanMessage(rows)
		if err != nil {
			return nil, fmt.Errorf("list messages: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Counts returns the number of messages per channel and status.
func (s *Store) Counts(ctx context.Context, since time.Time) (map[string]map[Status]int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT channel, status, COUNT(*) FROM messages WHERE created_at >= ? GROUP BY channel, status`, ms(since))
	if err != nil {
		return nil, fmt.Errorf("count messages: %w", err)
	}
	defer rows.Close()
	out := map[string]map[Status]int{}
	for rows.Next() {
		var ch string
		var st Status
		var n int
		if err := rows.Scan(&ch, &st, &n); err != nil {
			return nil, err
		}
		if out[ch] == nil {
			out[ch] = map[Status]int{}
		}
		out[ch][st] = n
	}
	return out, rows.Err()
}

// SetStatus moves a message from one of the given states to another, for
// operator actions (retry a failed message, cancel a pending one). A move the
// state table does not allow is refused with ErrTransition.
func (s *Store) SetStatus(ctx context.Context, id int64, to Status, from ...Status) error {
	if err := checkMove(to, from...); err != nil {
		return fmt.Errorf("message %d: %w", id, err)
	}
	ph := strings.TrimSuffix(strings.Repeat("?,", len(from)), ",")
	args := []any{to, ms(s.now()), id}
	for _, f := range from {
		args = append(args, f)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE messages SET status = ?, next_at = 0, updated_at = ? WHERE id = ? AND status IN (`+ph+`)`, args...)
	if err != nil {
		return catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		m, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		return wrongState(m.Status, to, from)
	}
	return nil
}

// ActivateFallback wakes the first standby message of an event, following
// the job's fallback order, and returns its channel ("" when none is left).
func (s *Store) ActivateFallback(ctx context.Context, dedupeKey string, order []string) (string, error) {
	if err := checkMove(StatusPending, StatusStandby); err != nil {
		return "", err
	}
	for _, ch := range order {
		res, err := s.db.ExecContext(ctx, `UPDATE messages SET status = ?, next_at = 0, updated_at = ? WHERE dedupe_key = ? AND channel = ? AND status = ?`,
			StatusPending, ms(s.now()), dedupeKey, ch, StatusStandby)
		if err != nil {
			return "", fmt.Errorf("activate fallback for %s: %w", dedupeKey, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return ch, nil
		}
	}
	return "", nil
}

// DropStandby cancels an event's remaining fallbacks once a channel succeeded.
func (s *Store) DropStandby(ctx context.Context, dedupeKey string) error {
	_, err := s.CancelStandby(ctx, dedupeKey, mapping.R(ReasonNotNeeded))
	return err
}

// ListLimit is how many rows a listing with limit returns: limit, or 100
// when it is not positive.
func ListLimit(limit int) int {
	if limit <= 0 {
		return 100
	}
	return limit
}
