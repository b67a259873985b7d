package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// What customers send back: SMS read from a provider's inbox, WhatsApp
// messages from the webhook. A reply is stored once however often it is
// read (a keyed hash of what identifies it is unique), together with the
// inbox's read position and, for a refusal, the opt-out it brings, in one
// transaction: a crash between reading an inbox and storing it loses
// nothing (the position did not move, the next read asks again) and a
// second read stores nothing twice.

// NewReply is one message a customer sent.
type NewReply struct {
	Channel  string
	Provider string
	From     string // the customer's address, any spelling
	To       string // the shop's number or account it was sent to
	Text     string
	// At is the provider's time of the reply.
	At time.Time
	// Key identifies the reply at the provider: its id when it has one (a
	// WhatsApp message id), else the provider's time as the provider wrote
	// it, so that a time the connector cannot read still deduplicates.
	Key string
}

// Refusal is what a reply that refuses brings: the opt-out (its Recipient,
// Channel and ReplyID are filled in from the reply) and, when the config
// asks for one, a confirmation to send back.
type Refusal struct {
	OptOut  OptOutEntry
	Confirm *NewMessage
}

// ReplyBatch is what one read of an inbox found.
type ReplyBatch struct {
	Replies []NewReply
	// Classify says whether a new reply refuses; nil: no reply does.
	Classify func(NewReply) *Refusal
	// Cursor, when set, is saved with the replies (Job and Source name it).
	Job, Source, Cursor string
}

// Reply is a stored reply.
type Reply struct {
	ID       int64
	Channel  string
	Provider string
	From     string // masked once purged
	To       string
	Text     string
	At       time.Time // the provider's time
	Stored   time.Time
	Refusal  bool
	Purged   bool
}

// StoredReplies says what StoreReplies did.
type StoredReplies struct {
	New       []Reply // the replies not stored before
	Refusals  int     // of those, refusals (each now on the opt-out list)
	Duplicate int     // replies already stored by an earlier read
	// Forgotten are replies from a forgotten person, sent before they were
	// forgotten: what forget erased, read again by an overlapping inbox
	// read or a webhook's redelivery, and not stored again.
	Forgotten int
}

// StoreReplies stores the batch's new replies, the opt-outs of those that
// refuse and their confirmations, and the inbox position, in one
// transaction.
func (s *Store) StoreReplies(ctx context.Context, b ReplyBatch) (StoredReplies, error) {
	var out StoredReplies
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		out = StoredReplies{}
		var key []byte
		if len(b.Replies) > 0 {
			k, err := s.macKey(ctx, tx, true)
			if err != nil {
				return err
			}
			key = k
		}
		for _, r := range b.Replies {
			from := mapping.NormalizeAddress(r.From, "")
			if from == "" {
				from = strings.TrimSpace(r.From)
			}
			id := r.Key
			if id == "" {
				id = r.At.UTC().Format(time.RFC3339)
			}
			dedupe := keyedHash(key, strings.Join([]string{"reply", r.Channel, from, id, r.Text}, "\x00"))
			at := r.At
			if at.IsZero() {
				at = now
			}
			mac := keyedHash(key, from)
			if gone, err := forgottenBefore(ctx, tx, mac, at); err != nil {
				return err
			} else if gone {
				out.Forgotten++
				continue
			}
			res, err := tx.ExecContext(ctx, `INSERT INTO replies (channel, provider, sender, sender_mac, receiver, text, provider_id, received_at, stored_at, dedupe)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe) DO NOTHING`,
				r.Channel, r.Provider, from, mac, r.To, r.Text, r.Key, ms(at), ms(now), dedupe)
			if err != nil {
				return fmt.Errorf("store a reply: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				out.Duplicate++
				continue
			}
			rid, _ := res.LastInsertId()
			stored := Reply{ID: rid, Channel: r.Channel, Provider: r.Provider, From: from, To: r.To, Text: r.Text, At: at, Stored: now}
			if b.Classify != nil {
				if ref := b.Classify(r); ref != nil {
					if err := s.refuse(ctx, tx, rid, from, r.Channel, *ref, now); err != nil {
						return err
					}
					stored.Refusal = true
					out.Refusals++
				}
			}
			out.New = append(out.New, stored)
		}
		if b.Cursor != "" {
			return setCursor(ctx, tx, b.Job, b.Source, b.Cursor, now)
		}
		return nil
	})
	if err != nil {
		return StoredReplies{}, fmt.Errorf("store replies: %w", err)
	}
	return out, nil
}

// refuse applies a refusal inside tx: the reply is marked, the opt-out
// recorded with it as its proof and the time it took effect (now), and a
// confirmation enqueued.
func (s *Store) refuse(ctx context.Context, tx *sql.Tx, replyID int64, from, channel string, ref Refusal, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE replies SET refusal = 1 WHERE id = ?`, replyID); err != nil {
		return err
	}
	e := ref.OptOut
	e.Recipient, e.ReplyID, e.Added = from, replyID, now
	if e.Channel == "" {
		e.Channel = channel
	}
	if e.Source == "" {
		e.Source = SourceReply
	}
	if err := s.addOptOut(ctx, tx, e); err != nil {
		return err
	}
	if ref.Confirm == nil {
		return nil
	}
	c := *ref.Confirm
	c.To = from
	if c.DedupeKey == "" {
		c.DedupeKey = fmt.Sprintf("reply:%d:confirm", replyID)
	}
	_, err := s.enqueue(ctx, tx, Batch{Job: "refusal-confirmation", Source: channel, Messages: []NewMessage{c}}, now)
	return err
}

// ReplyFilter selects replies for listings.
type ReplyFilter struct {
	Channel  string
	Refusals bool // only refusals
	Since    time.Time
	Limit    int
}

// Replies lists replies, newest first.
func (s *Store) Replies(ctx context.Context, f ReplyFilter) ([]Reply, error) {
	q := `SELECT id, channel, provider, sender, receiver, text, received_at, stored_at, refusal, purged_at IS NOT NULL FROM replies WHERE received_at >= ?`
	args := []any{ms(f.Since)}
	if f.Channel != "" {
		q, args = q+` AND channel = ?`, append(args, f.Channel)
	}
	if f.Refusals {
		q += ` AND refusal = 1`
	}
	f.Limit = ListLimit(f.Limit)
	q, args = q+` ORDER BY received_at DESC, id DESC LIMIT ?`, append(args, f.Limit)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list replies: %w", err)
	}
	defer rows.Close()
	var out []Reply
	for rows.Next() {
		var r Reply
		var at, stored int64
		if err := rows.Scan(&r.ID, &r.Channel, &r.Provider, &r.From, &r.To, &r.Text, &at, &stored, &r.Refusal, &r.Purged); err != nil {
			return nil, fmt.Errorf("list replies: %w", err)
		}
		r.At, r.Stored = time.UnixMilli(at), time.UnixMilli(stored)
		out = append(out, r)
	}
	return out, rows.Err()
}

// purgeReplies empties replies received before before: the text goes, the
// sender is kept masked and as a keyed hash (for forget). A refusal's reply
// is its opt-out's proof and stays whole while that opt-out does. Cached
// İYS answers older than before are dropped: İYS itself is the record.
func (s *Store) purgeReplies(ctx context.Context, tx *sql.Tx, before time.Time) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, sender FROM replies r WHERE received_at < ? AND purged_at IS NULL
		AND NOT (refusal = 1 AND EXISTS (SELECT 1 FROM optout o WHERE o.reply_id = r.id))`, ms(before))
	if err != nil {
		return 0, err
	}
	type row struct {
		id   int64
		from string
	}
	var todo []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.from); err != nil {
			rows.Close()
			return 0, err
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	now := ms(s.now())
	for _, r := range todo {
		if _, err := tx.ExecContext(ctx, `UPDATE replies SET text = '', sender = ?, purged_at = ? WHERE id = ?`,
			maskRecipient(r.from), now, r.id); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM consent WHERE checked_at < ?`, ms(before)); err != nil {
		return 0, err
	}
	return len(todo), nil
}

// forgottenBefore reports whether the sender whose keyed hash is mac was
// forgotten at or after at. A reply they send later is new and is stored.
func forgottenBefore(ctx context.Context, tx *sql.Tx, mac []byte, at time.Time) (bool, error) {
	var forgotAt int64
	err := tx.QueryRowContext(ctx, `SELECT added_at FROM suppression WHERE mac = ?`, mac).Scan(&forgotAt)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read the forgotten addresses: %w", err)
	}
	return ms(at) <= forgotAt, nil
}
