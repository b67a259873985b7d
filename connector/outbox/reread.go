package outbox

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// rereadFrom are the states an operator's re-read starts from: a message
// never sent (skipped) or refused for good (failed). Nothing the provider
// may have taken is ever written again.
var rereadFrom = []Status{StatusSkipped, StatusFailed}

// RereadState refuses to read again a message in state st, which is
// neither skipped nor failed; nil for one that is.
func RereadState(st Status) error {
	if st == StatusSkipped || st == StatusFailed {
		return nil
	}
	return catalog.Errorf("outbox.wrong_state.reread", "is", stateText(st), "from", eitherState(rereadFrom)).Wrapping(ErrWrongState)
}

// Reaim writes a message again as its record, read again from Wolvox, makes
// it now (poll.Poller.Reread): to its new recipient with the text of today,
// pending with a fresh attempt budget; or, when the record still cannot be
// messaged, skipped with today's reason. Its İYS standing (commercial, a
// merchant's card) is today's too: the dispatcher asks for consent by it.
// It returns the state it left the message in and, when that is not
// pending, why.
//
// It refuses a message that is neither skipped nor failed, one that was
// purged, and one whose event a fallback has told or is telling in its place
// (the e-mail the skipped SMS's fallback sent): the customer would hear the
// same thing twice. fallback are the job's fallback channels; a job without
// any sends each channel for itself, as one with SMS and e-mail both does,
// so the e-mail that went does not stand in for the SMS. A recipient
// forgotten since stays skipped.
//
// seen is the message as the caller found it before reading Wolvox, which
// takes a while: one that changed since (retried, and refused by the
// provider for the customer's own refusal) is refused too, since the
// caller's verdict that a correction can mend it was about the message seen.
func (s *Store) Reaim(ctx context.Context, seen Message, m NewMessage, fallback []string) (Status, mapping.Reason, error) {
	id := seen.ID
	var (
		left  Status
		still mapping.Reason
	)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var (
			st      Status
			key     string
			purged  bool
			updated int64
		)
		err := tx.QueryRowContext(ctx, `SELECT status, dedupe_key, purged_at IS NOT NULL, updated_at FROM messages WHERE id = ?`, id).Scan(&st, &key, &purged, &updated)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return catalog.Errorf("outbox.no_message").Wrapping(ErrNoMessage)
		case err != nil:
			return catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
		case st != StatusSkipped && st != StatusFailed:
			return RereadState(st)
		case purged:
			return catalog.Errorf("outbox.reread_purged").Wrapping(ErrWrongState)
		case st != seen.Status || updated != ms(seen.UpdatedAt):
			return catalog.Errorf("outbox.reread_changed").Wrapping(ErrWrongState)
		}
		// A fallback's own copy gives way to any channel of its event; a
		// first channel only to a fallback that spoke in its place: two first
		// channels of one job (SMS and WhatsApp both) each say it on their own.
		standby := slices.Contains(fallback, seen.Channel)
		ch, other, told, err := eventUnderWay(ctx, tx, key, id, func(ch string) bool { return standby || slices.Contains(fallback, ch) })
		switch {
		case err != nil:
			return err
		case told:
			return catalog.Errorf("outbox.reread_told", "channel", ch, "is", stateText(other)).Wrapping(ErrWrongState)
		}
		if standby {
			// Only an operator cancels a first channel's message (a fallback's
			// is cancelled too when it is no longer needed): the event was
			// stopped on purpose, and its fallback must not tell it instead.
			ch, cancelled, err := cancelledFirst(ctx, tx, key, id, fallback)
			switch {
			case err != nil:
				return err
			case cancelled:
				return catalog.Errorf("outbox.reread_cancelled", "channel", ch).Wrapping(ErrWrongState)
			}
		}
		m.To = mapping.NormalizeAddress(m.To, "")
		if m.To != "" && m.Skip == nil {
			suppressed, err := s.suppressedIn(ctx, tx)
			if err != nil {
				return err
			}
			forgotten, err := suppressed(m.To)
			if err != nil {
				return catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
			}
			if forgotten {
				why := mapping.R(ReasonForgotten)
				m = NewMessage{Skip: &why}
			}
		}
		now := ms(s.now())
		if m.Skip != nil {
			// Still not sendable: skipped, with today's reason.
			if st != StatusSkipped {
				if err := checkMove(StatusSkipped, st); err != nil {
					return err
				}
			}
			left, still = StatusSkipped, *m.Skip
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = ?, reason = ?, updated_at = ? WHERE id = ?`,
				StatusSkipped, encodeReason(*m.Skip), now, id); err != nil {
				return catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
			}
			return nil
		}
		if err := checkMove(StatusPending, st); err != nil {
			return err
		}
		attached, err := encodeAttachments(m.Attachments)
		if err != nil {
			return err
		}
		// The earlier send's provider id goes with it: a late report of that
		// attempt must not settle this one.
		res, err := tx.ExecContext(ctx, `UPDATE messages SET recipient = ?, subject = ?, body = ?, html = ?, payload = ?, attachments = ?,
			about = ?, commercial = ?, merchant = ?, status = ?, reason = '', code = '', provider_id = '', sent_at = NULL, attempts = 0, next_at = ?,
			updated_at = ? WHERE id = ? AND status = ?`,
			m.To, m.Subject, m.Text, m.HTML, m.Payload, attached, m.About, m.Commercial, m.Merchant, StatusPending, ms(m.NotBefore), now, id, st)
		if err != nil {
			return catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return RereadState(st)
		}
		left = StatusPending
		return nil
	})
	return left, still, err
}

// cancelledFirst finds a cancelled message of event key, other than id, on
// a channel that is not one of the job's fallbacks.
func cancelledFirst(ctx context.Context, tx *sql.Tx, key string, id int64, fallback []string) (string, bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT channel FROM messages WHERE dedupe_key = ? AND id != ? AND status = ? ORDER BY id`, key, id, StatusCancelled)
	if err != nil {
		return "", false, catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
	}
	defer rows.Close()
	for rows.Next() {
		var ch string
		if err := rows.Scan(&ch); err != nil {
			return "", false, catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
		}
		if !slices.Contains(fallback, ch) {
			return ch, true, nil
		}
	}
	if err := rows.Err(); err != nil {
		return "", false, catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
	}
	return "", false, nil
}

// RefusedFirst finds a message of event key, other than id, on a channel
// that is not one of the job's fallbacks, that refused says the customer
// refused (an opt-out, a RET reply, İYS): a commercial fallback read again
// must not say in another channel what the customer refused in this one
// (Law 6563: a refusal of SMS is no consent to e-mail).
func (s *Store) RefusedFirst(ctx context.Context, key string, id int64, fallback []string, refused func(Status, mapping.Reason) bool) (string, bool, error) {
	ms, err := s.query(ctx, `SELECT `+messageCols+` FROM messages WHERE dedupe_key = ? AND id != ? AND status IN (?, ?) ORDER BY id`,
		key, id, StatusSkipped, StatusFailed)
	if err != nil {
		return "", false, err
	}
	for _, m := range ms {
		if !slices.Contains(fallback, m.Channel) && refused(m.Status, m.Reason) {
			return m.Channel, true, nil
		}
	}
	return "", false, nil
}
