package outbox

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

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
	// AttemptID is the attempts row opened by Claim.
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

// Claim marks up to limit due pending messages of a channel as sending, opens
// an attempt for each and commits before returning, so that a crash during the
// provider call leaves them visibly in flight.
func (s *Store) Claim(ctx context.Context, channel string, limit int) ([]Message, error) {
	now := s.now()
	var out []Message
	if err := checkMove(StatusSending, StatusPending); err != nil {
		return nil, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		out = out[:0]
		rows, err := tx.QueryContext(ctx, `SELECT `+messageCols+` FROM messages
			WHERE channel = ? AND status = ? AND next_at <= ? ORDER BY next_at, id LIMIT ?`,
			channel, StatusPending, ms(now), limit)
		if err != nil {
			return err
		}
		for rows.Next() {
			m, err := scanMessage(rows)
			if err != nil {
				rows.Close()
				return err
			}
			out = append(out, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if err := loadAttachments(ctx, tx, out); err != nil {
			return err
		}
		for i := range out {
			m := &out[i]
			m.Attempts++
			m.Status = StatusSending
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = ?, attempts = ?, updated_at = ? WHERE id = ?`,
				StatusSending, m.Attempts, ms(now), m.ID); err != nil {
				return err
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO attempts (message_id, n, started_at) VALUES (?, ?, ?)`, m.ID, m.Attempts, ms(now))
			if err != nil {
				return err
			}
			m.AttemptID, _ = res.LastInsertId()
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim %s messages: %w", channel, err)
	}
	return out, nil
}

// Outcome is what happened to one claimed message.
type Outcome struct {
	Status     Status // StatusSent, StatusFailed, StatusPending (retry), StatusUncertain, StatusSkipped
	ProviderID string
	Code       string
	Reason     mapping.Reason // zero clears an older one
	RetryAt    time.Time      // for StatusPending
}

// Finish records the outcome of a claimed message and closes its attempt.
func (s *Store) Finish(ctx context.Context, m Message, o Outcome) error {
	now := s.now()
	if err := checkMove(o.Status, StatusSending); err != nil {
		return fmt.Errorf("record outcome of message %d: %w", m.ID, err)
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var sentAt any
		if o.Status == StatusSent {
			sentAt = ms(now)
		}
		res, err := tx.ExecContext(ctx, `UPDATE messages SET status = ?, provider_id = CASE WHEN ? = '' THEN provider_id ELSE ? END,
			code = ?, reason = ?, next_at = ?, updated_at = ?, sent_at = COALESCE(?, sent_at) WHERE id = ? AND status = ?`,
			o.Status, o.ProviderID, o.ProviderID, o.Code, encodeReason(o.Reason), ms(o.RetryAt), ms(now), sentAt, m.ID, StatusSending)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("message %d is no longer being sent", m.ID)
		}
		_, err = tx.ExecContext(ctx, `UPDATE attempts SET finished_at = ?, outcome = ?, code = ?, detail = ?, provider_id = ? WHERE id = ?`,
			ms(now), o.Status, o.Code, encodeReason(o.Reason), o.ProviderID, m.AttemptID)
		return err
	})
	if err != nil {
		return fmt.Errorf("record outcome of message %d: %w", m.ID, err)
	}
	return nil
}

// Release puts claimed messages whose provider call never started back to
// pending, undoing the claim (used on shutdown).
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
		return m, fmt.Errorf("message %d not found", id)
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
	if len(where) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(where, " AND "), args
}

// List returns messages matching f, newest first.
func (s *Store) List(ctx context.Context, f Filter) ([]Message, error) {
	where, args := f.where()
	if f.Limit <= 0 {
		f.Limit = 100
	}
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
		return fmt.Errorf("update message %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		m, err := s.Get(ctx, id)
		if err != nil {
			return err
		}
		names := make([]string, len(from))
		for i, f := range from {
			names[i] = string(f)
		}
		return fmt.Errorf("message %d is %s; only %s messages can become %s", id, m.Status, strings.Join(names, "/"), to)
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
	if err := checkMove(StatusCancelled, StatusStandby); err != nil {
		return err
	}
	_, err := s.db.ExecContext(ctx, `UPDATE messages SET status = ?, reason = ?, updated_at = ? WHERE dedupe_key = ? AND status = ?`,
		StatusCancelled, encodeReason(mapping.R(ReasonNotNeeded)), ms(s.now()), dedupeKey, StatusStandby)
	if err != nil {
		return fmt.Errorf("drop fallbacks for %s: %w", dedupeKey, err)
	}
	return nil
}

// SentSince counts messages handed to a provider for a recipient since t
// (sent, delivered, or possibly sent), for the per-recipient daily cap.
func (s *Store) SentSince(ctx context.Context, recipient string, t time.Time) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM messages WHERE recipient = ? AND sent_at >= ? AND status IN (?, ?, ?)`,
		recipient, ms(t), StatusSent, StatusDelivered, StatusUncertain).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count messages to a recipient: %w", err)
	}
	return n, nil
}

// Defer gives a claimed message back without counting an attempt, to be
// claimed again at until (daily cap, quiet hours), saying why.
func (s *Store) Defer(ctx context.Context, m Message, until time.Time, why mapping.Reason) error {
	if err := checkMove(StatusPending, StatusSending); err != nil {
		return err
	}
	now := s.now()
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = ?, attempts = attempts - 1, next_at = ?, reason = ?, updated_at = ? WHERE id = ? AND status = ?`,
			StatusPending, ms(until), encodeReason(why), ms(now), m.ID, StatusSending); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM attempts WHERE id = ?`, m.AttemptID)
		return err
	})
}
