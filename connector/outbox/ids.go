package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// A message id is never given twice. SQLite gives a new row the largest id
// plus one, so after forget deletes the newest messages their ids would come
// back: a log line's message=31 would then name another customer's message,
// and a late WhatsApp status for the forgotten 31 (its
// biz_opaque_callback_data) could settle the new 31. forget keeps the
// largest id it deleted as a floor in meta, and the next message stored
// takes the id after it.

const metaIDFloor = "message_id_floor"

const insertCols = `dedupe_key, channel, job, source, record_key, recipient, subject, body, html, payload, commercial, merchant, status, reason, next_at, created_at, updated_at, attachments, about`

var (
	insertMessage = `INSERT INTO messages (` + insertCols + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (dedupe_key, channel) DO NOTHING`
	insertMessageWithID = `INSERT INTO messages (id, ` + insertCols + `)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (dedupe_key, channel) DO NOTHING`
)

// keepIDsFrom records, before messages are deleted, the largest id among
// them when no message left would be above it.
func keepIDsFrom(ctx context.Context, tx *sql.Tx, deleted []ForgottenMessage) error {
	var top int64
	for _, m := range deleted {
		top = max(top, m.ID)
	}
	if top == 0 {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO meta (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = MAX(CAST(value AS INTEGER), excluded.value)`, metaIDFloor, top)
	if err != nil {
		return fmt.Errorf("keep the message ids: %w", err)
	}
	return nil
}

// idAfterFloor is the id the next message must take, or 0 when the ids
// already go on past the floor by themselves.
func idAfterFloor(ctx context.Context, tx *sql.Tx) (int64, error) {
	var floor, top int64
	err := tx.QueryRowContext(ctx, `SELECT CAST(value AS INTEGER), (SELECT COALESCE(MAX(id), 0) FROM messages) FROM meta WHERE name = ?`, metaIDFloor).Scan(&floor, &top)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read the message ids: %w", err)
	}
	if top >= floor {
		return 0, nil
	}
	return floor + 1, nil
}
