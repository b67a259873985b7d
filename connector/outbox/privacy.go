package outbox

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// AuditEntry is one outbound request: where it went and how big it was,
// never what it said.
type AuditEntry struct {
	At         time.Time
	Host       string
	Channel    string
	Recipient  string // stored masked
	BytesOut   int64
	BytesIn    int64
	Outcome    string
	MessageIDs []int64 // the messages the request carried, so forget can find it
	// Address is the full recipient of a request that carried no outbox
	// message (send-test). It is never stored: only its keyed hash is, for
	// forget to find the row by.
	Address string
}

// RecordAudit writes one audit row and returns once it is durable.
func (s *Store) RecordAudit(ctx context.Context, e AuditEntry) error {
	return s.run(&op{ctx: ctx, audit: &e, res: make(chan error, 1)})
}

// QueueAudit writes one audit row with the next group commit, without
// waiting for it: the row of a request is committed no later than the
// outcome recorded after that request, and never holds the send up. A
// failure is handed to onErr.
func (s *Store) QueueAudit(ctx context.Context, e AuditEntry, onErr func(error)) {
	s.queue(&op{ctx: ctx, audit: &e, onErr: onErr})
}

// auditRows writes the ops' audit rows, one statement for the rows and one
// for the messages they carried.
func (s *Store) auditRows(ctx context.Context, tx *sql.Tx, ops []*op) error {
	var base int64
	if err := s.hot.auditMax.queryRow(ctx, tx).Scan(&base); err != nil {
		return fmt.Errorf("write audit rows: %w", err)
	}
	rows := make([][]any, len(ops))
	var links [][]int64
	for i, o := range ops {
		e := o.audit
		if e.At.IsZero() {
			e.At = s.now()
		}
		id := base + 1 + int64(i)
		rows[i] = []any{id, ms(e.At), e.Host, e.Channel, maskRecipient(e.Recipient), e.BytesOut, e.BytesIn, e.Outcome, s.auditMAC(ctx, tx, e.Address)}
		for _, m := range e.MessageIDs {
			links = append(links, []int64{id, m})
		}
	}
	if _, err := s.hot.audit.exec(ctx, tx, idsJSON(rows)); err != nil {
		return fmt.Errorf("write audit rows: %w", err)
	}
	if len(links) > 0 {
		if _, err := s.hot.auditMessages.exec(ctx, tx, idsJSON(links)); err != nil {
			return fmt.Errorf("write audit rows: %w", err)
		}
	}
	return nil
}

// auditMAC is the keyed hash, in hex, of the address of a request outside
// the outbox, or "" when there is none. Without the key the row keeps only
// its masked recipient, which forget matches in rows without a hash: an
// audit row is not worth failing, or holding up, a request that has left.
func (s *Store) auditMAC(ctx context.Context, tx *sql.Tx, address string) string {
	to := mapping.NormalizeAddress(address, "")
	if to == "" {
		return ""
	}
	key, err := s.macKey(ctx, tx, true)
	if err != nil {
		return ""
	}
	return hex.EncodeToString(keyedHash(key, to))
}

// Audit returns audit rows since t, oldest first.
func (s *Store) Audit(ctx context.Context, since time.Time, limit int) ([]AuditEntry, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT at, host, channel, recipient, bytes_out, bytes_in, outcome FROM audit WHERE at >= ? ORDER BY id LIMIT ?`, ms(since), limit)
	if err != nil {
		return nil, fmt.Errorf("read audit: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&at, &e.Host, &e.Channel, &e.Recipient, &e.BytesOut, &e.BytesIn, &e.Outcome); err != nil {
			return nil, err
		}
		e.At = time.UnixMilli(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

// finalStates are those whose body is no longer needed once old enough.
var finalStates = []any{StatusSent, StatusDelivered, StatusRead, StatusFailed, StatusSkipped, StatusCancelled, StatusHeld}

// Purge removes the text and the full recipient of messages created before
// t that are finished, keeping counts, statuses and reasons, and does the
// same to replies (replies.go). It returns how many messages and replies it
// emptied.
//
// The recipient is kept masked, and as a keyed hash so that forget can still
// find the row; when the key cannot be had, the purge goes ahead without the
// hash, since removing the texts matters more.
func (s *Store) Purge(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, recipient FROM messages WHERE created_at < ? AND purged_at IS NULL AND status IN (?, ?, ?, ?, ?, ?, ?)`,
			append([]any{ms(before)}, finalStates...)...)
		if err != nil {
			return err
		}
		type row struct {
			id int64
			to string
		}
		var todo []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.to); err != nil {
				rows.Close()
				return err
			}
			todo = append(todo, r)
		}
		rows.Close()
		var key []byte
		if len(todo) > 0 {
			key, _ = s.macKey(ctx, tx, true)
		}
		now := ms(s.now())
		for _, r := range todo {
			var mac []byte
			if key != nil && r.to != "" {
				mac = keyedHash(key, r.to)
			}
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET subject = '', body = '', html = '', payload = NULL, attachments = NULL, about = '', recipient = ?, recipient_mac = ?, purged_at = ? WHERE id = ?`,
				maskRecipient(r.to), mac, now, r.id); err != nil {
				return err
			}
		}
		replies, err := s.purgeReplies(ctx, tx, before)
		n = int64(len(todo) + replies)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("purge old message bodies: %w", err)
	}
	return int(n), nil
}

// maskRecipient keeps enough of an address to tell audit rows apart, not
// enough to contact the person; already-masked values pass through.
func maskRecipient(s string) string {
	if s == "" || strings.Contains(s, "*") {
		return s
	}
	return mapping.MaskRecipient(s)
}
