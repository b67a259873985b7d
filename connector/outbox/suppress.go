package outbox

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/vault"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// A forgotten person's refusal outlives the erasure as a suppression: a
// keyed hash (HMAC-SHA256) of their normalised address, from which the
// address cannot be read back or confirmed by guessing without the key. The
// key is a random file beside the outbox with the vault key's protection
// (vault.KeyFile), so a copy of outbox.db alone tells nothing.

// suppressionKeyName names the key file: suppression.key in the state folder.
const suppressionKeyName = "suppression"

const keyCheckName = "suppression_keycheck"

// ErrSuppressionKey means suppressions exist but their key file is missing
// or is not the one they were made with: nothing can be checked against
// them, so nothing is sent until it is restored.
var ErrSuppressionKey = errors.New("the key of the forgotten addresses is missing or wrong")

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// macKey returns the key of the keyed hashes, checked against the check
// value stored with them; with create it is made on first use. Inside a
// transaction q must be that transaction (the store has one connection).
func (s *Store) macKey(ctx context.Context, q querier, create bool) ([]byte, error) {
	s.keyMu.Lock()
	defer s.keyMu.Unlock()
	if s.key != nil {
		return s.key, nil
	}
	path := filepath.Join(s.keyDir, suppressionKeyName+".key")
	var stored []byte
	err := q.QueryRowContext(ctx, `SELECT value FROM meta WHERE name = ?`, keyCheckName).Scan(&stored)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read the key check: %w", err)
	}
	// Hashes exist once a check is stored: a new key would never match
	// them, so a lost one is reported, not replaced.
	create = create && stored == nil
	key, err := vault.KeyFile(s.keyDir, suppressionKeyName, create)
	if errors.Is(err, vault.ErrNoKeyFile) {
		return nil, fmt.Errorf("%w: %s does not exist; restore it from a backup of the state folder. If it is lost for good, `akinsoft-connector optout reset-forgotten --yes` drops the forgotten addresses (they can be messaged again when the ERP names them)", ErrSuppressionKey, path)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSuppressionKey, err)
	}
	check := keyedHash(key, "akinsoft-connector outbox key check")
	switch {
	case stored == nil:
		if create {
			if _, err := q.ExecContext(ctx, `INSERT INTO meta (name, value) VALUES (?, ?)`, keyCheckName, check); err != nil {
				return nil, fmt.Errorf("save the key check: %w", err)
			}
		}
	case !hmac.Equal(stored, check):
		return nil, fmt.Errorf("%w: %s is not the key the forgotten addresses were recorded with (copied from another machine or state folder?); put the right file back. If it is lost for good, `akinsoft-connector optout reset-forgotten --yes` drops the forgotten addresses", ErrSuppressionKey, path)
	}
	s.key = key
	return key, nil
}

func keyedHash(key []byte, s string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(s))
	return h.Sum(nil)
}

// suppressedIn returns a check of addresses (in stored form) against the
// suppressions, for use inside tx. With no suppression at all it needs no
// key.
func (s *Store) suppressedIn(ctx context.Context, tx *sql.Tx) (func(to string) (bool, error), error) {
	some, err := s.anySuppressed(ctx, tx)
	if err != nil {
		return nil, fmt.Errorf("read the forgotten addresses: %w", err)
	}
	if !some {
		return func(string) (bool, error) { return false, nil }, nil
	}
	key, err := s.macKey(ctx, tx, false)
	if err != nil {
		return nil, err
	}
	return func(to string) (bool, error) {
		var hit int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM suppression WHERE mac = ?`, keyedHash(key, to)).Scan(&hit)
		return hit > 0, err
	}, nil
}

// suppressedAmong marks in out those of the addresses (in stored form)
// that were forgotten, in one query for the lot; with no suppression at
// all it needs no key.
func (s *Store) suppressedAmong(ctx context.Context, tx *sql.Tx, to []string, out map[string]bool) error {
	var q interface {
		querier
		QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	} = s.db
	if tx != nil {
		q = tx // the store's one connection is the transaction's
	}
	if some, err := s.anySuppressed(ctx, tx); err != nil || !some {
		return err
	}
	key, err := s.macKey(ctx, q, false)
	if err != nil {
		return err
	}
	byMAC := make(map[string]string, len(to))
	macs := make([][]byte, len(to))
	for i, a := range to {
		mac := keyedHash(key, a)
		byMAC[string(mac)] = a
		macs[i] = mac
	}
	rows, err := q.QueryContext(ctx, `SELECT mac FROM suppression WHERE mac IN (SELECT unhex(value) FROM json_each(?))`, hexJSON(macs))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var mac []byte
		if err := rows.Scan(&mac); err != nil {
			return err
		}
		out[byMAC[string(mac)]] = true
	}
	return rows.Err()
}

func hexJSON(bs [][]byte) string {
	hs := make([]string, len(bs))
	for i, b := range bs {
		hs[i] = hex.EncodeToString(b)
	}
	return idsJSON(hs)
}

// CheckSuppressionKey says how many forgotten addresses the outbox holds and
// whether the key file in keyDir is the one they were recorded with. It only
// reads, so check can run it on a copy of the outbox against the service's
// state folder: a missing key stops every send, and check must say so first.
func (s *Store) CheckSuppressionKey(ctx context.Context, keyDir string) (int, error) {
	n, err := s.Suppressions(ctx)
	if err != nil || n == 0 {
		return n, err
	}
	other := &Store{db: s.db, now: s.now, keyDir: keyDir, hot: s.hot}
	_, err = other.macKey(ctx, s.db, false)
	return n, err
}

// anySuppressed reports whether any address was forgotten: without one,
// no keyed hash needs computing (asked on every take and enqueue).
func (s *Store) anySuppressed(ctx context.Context, tx *sql.Tx) (bool, error) {
	var some bool
	err := s.hot.anySuppressed.queryRow(ctx, tx).Scan(&some)
	return some, err
}

// Suppressions counts the forgotten addresses whose refusal is kept.
func (s *Store) Suppressions(ctx context.Context) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM suppression`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count the forgotten addresses: %w", err)
	}
	return n, nil
}

// ResetSuppressions drops every suppression and the key check, for when the
// key file is lost for good: the hashes cannot be matched any more, and
// without this nothing would ever be sent again. It returns how many it
// dropped.
func (s *Store) ResetSuppressions(ctx context.Context) (int, error) {
	var n int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM suppression`)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		_, err = tx.ExecContext(ctx, `DELETE FROM meta WHERE name = ?`, keyCheckName)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("drop the forgotten addresses: %w", err)
	}
	s.keyMu.Lock()
	s.key = nil
	s.keyMu.Unlock()
	return int(n), nil
}

// normaliseRecipients gives the recipients stored by older versions their
// normalised form (webhook recipients were stored as typed, e-mail local
// parts kept their case), merging opt-out entries that become one. Purged
// messages hold a masked recipient and are left alone. An outbox that
// existed is vacuumed once by the next forget: its free pages were never
// zeroed.
func normaliseRecipients(ctx context.Context, tx *sql.Tx, existed bool) error {
	type row struct{ key, to string }
	read := func(q string) ([]row, error) {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []row
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.key, &r.to); err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, rows.Err()
	}
	msgs, err := read(`SELECT id, recipient FROM messages WHERE recipient != '' AND purged_at IS NULL`)
	if err != nil {
		return fmt.Errorf("normalise recipients: %w", err)
	}
	for _, m := range msgs {
		if to := mapping.NormalizeAddress(m.to, ""); to != m.to && !strings.Contains(m.to, "*") {
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET recipient = ? WHERE id = ?`, to, m.key); err != nil {
				return fmt.Errorf("normalise recipients: %w", err)
			}
		}
	}
	opts, err := read(`SELECT recipient, recipient FROM optout ORDER BY added_at`)
	if err != nil {
		return fmt.Errorf("normalise the opt-out list: %w", err)
	}
	for _, o := range opts {
		to := mapping.NormalizeAddress(o.to, "")
		if to == o.to {
			continue
		}
		// The earliest entry of a person wins; a later spelling of them goes.
		if _, err := tx.ExecContext(ctx, `INSERT INTO optout (recipient, added_at, note) SELECT ?, added_at, note FROM optout WHERE recipient = ?
			ON CONFLICT (recipient) DO NOTHING`, to, o.to); err != nil {
			return fmt.Errorf("normalise the opt-out list: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM optout WHERE recipient = ?`, o.to); err != nil {
			return fmt.Errorf("normalise the opt-out list: %w", err)
		}
	}
	if existed {
		if _, err := tx.ExecContext(ctx, `INSERT INTO meta (name, value) VALUES (?, 1)`, metaVacuum); err != nil {
			return err
		}
	}
	return nil
}

// metaVacuum marks an outbox written before deleted bytes were zeroed.
const metaVacuum = "vacuum_before_forget"
