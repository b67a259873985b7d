package outbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// The statements of the hot path (a message's start, its outcome, the
// audit row of its request, the policies' reads) are prepared once, when
// the store opens, on its one connection: parsing them again for every
// message cost more than running them. A set of ids travels as one JSON
// array (json_each), so one statement serves a request of any size.

// idsJSON is the ids as a JSON array for json_each.
func idsJSON[T any](ids []T) string {
	b, _ := json.Marshal(ids)
	return string(b)
}

// stmt is one hot statement: prepared on a writable store, run from its
// text on a read-only one (whose older schema may not prepare).
type stmt struct {
	q  string
	st *sql.Stmt
	db *sql.DB
}

func (h *stmt) exec(ctx context.Context, tx *sql.Tx, args ...any) (sql.Result, error) {
	switch {
	case h.st != nil && tx != nil:
		return tx.StmtContext(ctx, h.st).ExecContext(ctx, args...)
	case h.st != nil:
		return h.st.ExecContext(ctx, args...)
	case tx != nil:
		return tx.ExecContext(ctx, h.q, args...)
	}
	return h.db.ExecContext(ctx, h.q, args...)
}

func (h *stmt) queryRow(ctx context.Context, tx *sql.Tx, args ...any) *sql.Row {
	switch {
	case h.st != nil && tx != nil:
		return tx.StmtContext(ctx, h.st).QueryRowContext(ctx, args...)
	case h.st != nil:
		return h.st.QueryRowContext(ctx, args...)
	case tx != nil:
		return tx.QueryRowContext(ctx, h.q, args...)
	}
	return h.db.QueryRowContext(ctx, h.q, args...)
}

func (h *stmt) query(ctx context.Context, tx *sql.Tx, args ...any) (*sql.Rows, error) {
	switch {
	case h.st != nil && tx != nil:
		return tx.StmtContext(ctx, h.st).QueryContext(ctx, args...)
	case h.st != nil:
		return h.st.QueryContext(ctx, args...)
	case tx != nil:
		return tx.QueryContext(ctx, h.q, args...)
	}
	return h.db.QueryContext(ctx, h.q, args...)
}

type hot struct {
	due, dueCount, optedOut, sentSince stmt
	anySuppressed                      stmt

	start, startAttempts, skip, postpone stmt
	finish, finishAttempts, dropStandby  stmt
	dropStandbys                         stmt
	auditMax, audit, auditMessages       stmt
	savepoint, release, rollbackTo       stmt
}

func (h *hot) all() []*stmt {
	return []*stmt{&h.due, &h.dueCount, &h.optedOut, &h.sentSince, &h.anySuppressed, &h.start, &h.startAttempts, &h.skip, &h.postpone,
		&h.finish, &h.finishAttempts, &h.dropStandby, &h.dropStandbys, &h.auditMax, &h.audit, &h.auditMessages, &h.savepoint, &h.release, &h.rollbackTo}
}

func newHot(db *sql.DB) *hot {
	h := &hot{
		// LIMIT CAST(? AS INTEGER), not LIMIT ?: SQLite plans with the
		// value bound to a bare LIMIT parameter and so prepares the
		// statement again whenever it changes, which here is nearly always.
		due:           stmt{q: `SELECT id, recipient, commercial, merchant, dedupe_key, job FROM messages WHERE channel = ? AND status = 'pending' AND next_at <= ? ORDER BY next_at, id LIMIT CAST(? AS INTEGER)`},
		dueCount:      stmt{q: `SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE channel = ? AND status = 'pending' AND next_at <= ? LIMIT CAST(? AS INTEGER))`},
		optedOut:      stmt{q: `SELECT ` + optOutCols + ` FROM optout WHERE recipient IN (SELECT value FROM json_each(?)) AND (channel = '' OR channel = ?)`},
		sentSince:     stmt{q: `SELECT recipient, COUNT(*) FROM messages WHERE recipient IN (SELECT value FROM json_each(?)) AND (status = 'sending' OR (sent_at >= ? AND status IN ('sent', 'delivered', 'uncertain'))) GROUP BY recipient`},
		anySuppressed: stmt{q: `SELECT EXISTS (SELECT 1 FROM suppression)`},
		start: stmt{q: `UPDATE messages SET status = 'sending', attempts = attempts + 1, updated_at = ?
			WHERE id IN (SELECT value FROM json_each(?)) AND status = 'pending' RETURNING ` + messageCols},
		startAttempts: stmt{q: `INSERT INTO attempts (message_id, n, started_at)
			SELECT id, attempts, ? FROM messages WHERE id IN (SELECT value FROM json_each(?)) RETURNING id, message_id`},
		skip:     stmt{q: `UPDATE messages SET status = 'skipped', reason = ?, updated_at = ? WHERE id = ? AND status = 'pending'`},
		postpone: stmt{q: `UPDATE messages SET next_at = ?, reason = ?, updated_at = ? WHERE id = ? AND status = 'pending'`},
		// Outcomes as [id, status, provider_id, code, reason, next_at, sent_at].
		finish: stmt{q: `UPDATE messages SET status = j.value->>1,
			provider_id = CASE WHEN j.value->>2 = '' THEN messages.provider_id ELSE j.value->>2 END,
			code = j.value->>3, reason = j.value->>4, next_at = j.value->>5, updated_at = ?1,
			sent_at = COALESCE(j.value->>6, messages.sent_at)
			FROM json_each(?2) AS j WHERE messages.id = j.value->>0 AND messages.status = 'sending' RETURNING messages.id`},
		// Attempts as [attempt id, outcome, code, detail, provider_id].
		finishAttempts: stmt{q: `UPDATE attempts SET finished_at = ?1, outcome = j.value->>1, code = j.value->>2,
			detail = j.value->>3, provider_id = j.value->>4 FROM json_each(?2) AS j WHERE attempts.id = j.value->>0`},
		dropStandby:  stmt{q: `UPDATE messages SET status = 'cancelled', reason = ?, updated_at = ? WHERE dedupe_key = ? AND status = 'standby'`},
		dropStandbys: stmt{q: `UPDATE messages SET status = 'cancelled', reason = ?, updated_at = ? WHERE dedupe_key IN (SELECT value FROM json_each(?)) AND status = 'standby'`},
		auditMax:     stmt{q: `SELECT COALESCE(MAX(id), 0) FROM audit`},
		// Rows as [id, at, host, channel, recipient, bytes_out, bytes_in, outcome, recipient_mac in hex or ''].
		audit: stmt{q: `INSERT INTO audit (id, at, host, channel, recipient, bytes_out, bytes_in, outcome, recipient_mac)
			SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, unhex(NULLIF(value->>8, '')) FROM json_each(?)`},
		// Links as [audit id, message id].
		auditMessages: stmt{q: `INSERT INTO audit_messages (audit_id, message_id) SELECT value->>0, value->>1 FROM json_each(?)`},
		savepoint:     stmt{q: `SAVEPOINT op`},
		release:       stmt{q: `RELEASE op`},
		rollbackTo:    stmt{q: `ROLLBACK TO op`},
	}
	for _, st := range h.all() {
		st.db = db
	}
	return h
}

// prepare prepares every hot statement (a writable store, once migrated).
func (h *hot) prepare(ctx context.Context) error {
	for _, st := range h.all() {
		p, err := st.db.PrepareContext(ctx, st.q)
		if err != nil {
			h.close()
			return fmt.Errorf("prepare %.40s: %w", st.q, err)
		}
		st.st = p
	}
	return nil
}

func (h *hot) close() {
	for _, st := range h.all() {
		if st.st != nil {
			st.st.Close()
			st.st = nil
		}
	}
}
