package outbox

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Awaiting is a message whose fate the provider's report can tell: sent and
// not yet final, or uncertain. At is when it was handed over (or, for an
// uncertain send, when the attempt started).
type Awaiting struct {
	Message
	At time.Time
}

// Awaiting returns up to limit messages of a channel in status (sent or
// uncertain) handed over since since, oldest first.
func (s *Store) Awaiting(ctx context.Context, channel string, status Status, since time.Time, limit int) ([]Awaiting, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+messageCols+`,
		COALESCE(sent_at, (SELECT MAX(started_at) FROM attempts a WHERE a.message_id = messages.id), updated_at) AS at
		FROM messages WHERE channel = ? AND status = ? AND at >= ? ORDER BY at, id LIMIT ?`,
		channel, status, ms(since), limit)
	if err != nil {
		return nil, fmt.Errorf("list %s messages awaiting a report: %w", status, err)
	}
	defer rows.Close()
	var out []Awaiting
	for rows.Next() {
		var a Awaiting
		var at int64
		m, err := scanMessage(rows, &at)
		if err != nil {
			return nil, err
		}
		a.Message = m
		a.At = time.UnixMilli(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Report is what a delivery report or a reconciliation says about a message.
type Report struct {
	Status     Status // StatusSent, StatusDelivered, StatusFailed, StatusPending (resend), StatusHeld
	ProviderID string // kept when empty
	Code       string
	Reason     mapping.Reason // zero clears an older one
}

// RecordReport moves a message to r.Status if it is still in one of from,
// and reports whether it did (a concurrent operator action wins).
func (s *Store) RecordReport(ctx context.Context, id int64, r Report, from ...Status) (bool, error) {
	if err := checkMove(r.Status, from...); err != nil {
		return false, fmt.Errorf("record report for message %d: %w", id, err)
	}
	now := s.now()
	var sentAt any
	if r.Status == StatusSent || r.Status == StatusDelivered || r.Status == StatusFailed {
		sentAt = ms(now) // only used when sent_at is still empty
	}
	args := []any{r.Status, r.ProviderID, r.ProviderID, r.Code, encodeReason(r.Reason), ms(now), sentAt, id}
	q := `UPDATE messages SET status = ?, provider_id = CASE WHEN ? = '' THEN provider_id ELSE ? END, code = ?, reason = ?,
		next_at = 0, updated_at = ?, sent_at = COALESCE(sent_at, ?) WHERE id = ? AND status IN (`
	for i, f := range from {
		if i > 0 {
			q += ","
		}
		q += "?"
		args = append(args, f)
	}
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, q+")", args...)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("record report for message %d: %w", id, err)
	}
	return n > 0, nil
}

// StaleSent returns messages of a job sent before before, still not
// delivered, that have a standby fallback waiting: candidates for the
// "not delivered within" rule.
func (s *Store) StaleSent(ctx context.Context, channel, job string, before time.Time, limit int) ([]Message, error) {
	return s.query(ctx, `SELECT `+messageCols+` FROM messages m WHERE channel = ? AND job = ? AND status = ? AND sent_at < ?
		AND EXISTS (SELECT 1 FROM messages f WHERE f.dedupe_key = m.dedupe_key AND f.status = ?)
		ORDER BY sent_at LIMIT ?`, channel, job, StatusSent, ms(before), StatusStandby, limit)
}

// Accepted returns up to limit messages of a channel the provider accepted
// (they have a provider id, whatever their state now) with sent_at in
// [from, to], oldest first: witnesses a provider checks its report against
// before it calls an uncertain send of that time absent.
func (s *Store) Accepted(ctx context.Context, channel string, from, to time.Time, limit int) ([]Awaiting, error) {
	msgs, err := s.query(ctx, `SELECT `+messageCols+` FROM messages WHERE channel = ? AND provider_id <> '' AND sent_at BETWEEN ? AND ?
		ORDER BY sent_at, id LIMIT ?`, channel, ms(from), ms(to), limit)
	if err != nil {
		return nil, fmt.Errorf("list accepted %s messages: %w", channel, err)
	}
	out := make([]Awaiting, len(msgs))
	for i, m := range msgs {
		out[i] = Awaiting{Message: m, At: m.SentAt}
	}
	return out, nil
}
