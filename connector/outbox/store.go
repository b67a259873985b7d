// Package outbox is the connector's local state: job cursors, messages with
// their delivery state, send attempts, and the audit of what left the machine.
//
// It is a SQLite database (modernc.org/sqlite, pure Go, WAL). Two rules keep the
// "no lost, no duplicate notification" promise:
//   - a message is unique on (dedupe_key, channel), and new messages are inserted
//     in the same transaction that advances the job's cursor, so re-reading rows
//     after a crash inserts nothing new;
//   - a message is marked "sending" and committed before the provider is called,
//     so a crash mid-send leaves evidence: such rows become "uncertain" at the next
//     start and are reconciled, never resent blindly.
package outbox

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/akinsoft-connector/akinsoft-connector/internal/sqlitefile"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Store is the outbox database.
type Store struct {
	db  *sql.DB
	now func() time.Time
	// keyDir holds the key of the keyed hashes of forgotten addresses
	// (suppress.go), beside the outbox and the vault, never inside the
	// outbox.
	keyDir string
	keyMu  sync.Mutex
	key    []byte
	// w commits the hot path's writes in groups (commit.go); nil for a
	// read-only store.
	w      *writer
	health writeHealth
	hot    *hot // the hot path's statements (hot.go)
}

// Open opens (creating if needed) the outbox at path and migrates it.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create state directory %s: %w (check state_dir in the config and the service account's rights)", filepath.Dir(path), err)
	}
	return openWith(ctx, path, url.Values{})
}

// OpenExisting opens the outbox at path for writing, as Open does, but
// never creates it nor its folder: a path with no outbox is an error (one
// that wraps fs.ErrNotExist when the file is not there). It is for a
// command that writes beside the service but must leave the making of the
// outbox to others (check --providers records its requests in an outbox
// that exists, and creates none).
func OpenExisting(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	q := url.Values{}
	// SQLite's own check, at the open itself: a file removed since the
	// Stat above is not made again.
	q.Set("mode", "rw")
	return openWith(ctx, path, q)
}

// openWith opens the outbox at path with the SQLite URI parameters q, to
// which it adds its own, and migrates it.
func openWith(ctx context.Context, path string, q url.Values) (*Store, error) {
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(1)")
	// Deleted rows are overwritten with zeros, not just unlinked: forget and
	// the retention purge must take a person's number out of the file's
	// bytes, not only out of query results.
	q.Add("_pragma", "secure_delete(1)")
	q.Set("_txlock", "immediate")
	uri, err := sqlitefile.URI(path, q)
	if err != nil {
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	// One connection: SQLite serialises writers anyway, and a single
	// connection makes "immediate" transactions never wait on each other
	// inside this process.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, now: time.Now, keyDir: filepath.Dir(path), hot: newHot(db)}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	if err := s.ensureIdentity(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	// The outbox must be the file inside the locked state folder: another
	// file would let two instances share one outbox.
	if err := sqlitefile.Opened(ctx, db, path); err != nil {
		db.Close()
		return nil, fmt.Errorf("open outbox: %w", err)
	}
	if err := s.hot.prepare(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open outbox %s: %w", path, err)
	}
	s.startWriter()
	return s, nil
}

// Close commits the writes still queued and closes the database.
func (s *Store) Close() error {
	s.stopWriter()
	s.hot.close()
	return s.db.Close()
}

// SetClock replaces the clock, for tests.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

var migrations = []string{
	`CREATE TABLE cursors (
		job        TEXT NOT NULL,
		source     TEXT NOT NULL,
		value      TEXT NOT NULL,
		updated_at INTEGER NOT NULL,
		PRIMARY KEY (job, source)
	);
	CREATE TABLE messages (
		id          INTEGER PRIMARY KEY,
		dedupe_key  TEXT NOT NULL,
		channel     TEXT NOT NULL,
		job         TEXT NOT NULL,
		source      TEXT NOT NULL,
		record_key  TEXT NOT NULL,
		recipient   TEXT NOT NULL DEFAULT '',
		subject     TEXT NOT NULL DEFAULT '',
		body        TEXT NOT NULL DEFAULT '',
		html        TEXT NOT NULL DEFAULT '',
		payload     BLOB,
		commercial  INTEGER NOT NULL DEFAULT 0,
		status      TEXT NOT NULL,
		reason      TEXT NOT NULL DEFAULT '',
		code        TEXT NOT NULL DEFAULT '',
		provider_id TEXT NOT NULL DEFAULT '',
		attempts    INTEGER NOT NULL DEFAULT 0,
		next_at     INTEGER NOT NULL DEFAULT 0,
		created_at  INTEGER NOT NULL,
		updated_at  INTEGER NOT NULL,
		sent_at     INTEGER,
		purged_at   INTEGER,
		UNIQUE (dedupe_key, channel)
	);
	CREATE INDEX messages_due ON messages (channel, status, next_at);
	CREATE INDEX messages_recipient ON messages (recipient);
	CREATE TABLE attempts (
		id          INTEGER PRIMARY KEY,
		message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
		n           INTEGER NOT NULL,
		started_at  INTEGER NOT NULL,
		finished_at INTEGER,
		outcome     TEXT NOT NULL DEFAULT 'started',
		code        TEXT NOT NULL DEFAULT '',
		detail      TEXT NOT NULL DEFAULT '',
		provider_id TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX attempts_message ON attempts (message_id);`,
	// 2: what left the machine, and who asked not to be messaged.
	`CREATE TABLE audit (
		id         INTEGER PRIMARY KEY,
		at         INTEGER NOT NULL,
		host       TEXT NOT NULL,
		channel    TEXT NOT NULL,
		recipient  TEXT NOT NULL DEFAULT '', -- masked, never the full address
		bytes_out  INTEGER NOT NULL DEFAULT 0,
		bytes_in   INTEGER NOT NULL DEFAULT 0,
		outcome    TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX audit_at ON audit (at);
	CREATE TABLE audit_messages (
		audit_id   INTEGER NOT NULL REFERENCES audit(id) ON DELETE CASCADE,
		message_id INTEGER NOT NULL
	);
	CREATE INDEX audit_messages_message ON audit_messages (message_id);
	CREATE TABLE optout (
		recipient TEXT PRIMARY KEY,
		added_at  INTEGER NOT NULL,
		note      TEXT NOT NULL DEFAULT ''
	);`,
	// 3: each job's last run, for the status command (another process).
	`CREATE TABLE job_runs (
		job          TEXT PRIMARY KEY,
		last_run     INTEGER NOT NULL DEFAULT 0,
		last_success INTEGER NOT NULL DEFAULT 0,
		duration_ms  INTEGER NOT NULL DEFAULT 0,
		rows_read    INTEGER NOT NULL DEFAULT 0,
		new_messages INTEGER NOT NULL DEFAULT 0,
		skipped      INTEGER NOT NULL DEFAULT 0,
		err          TEXT NOT NULL DEFAULT '',
		next_run     INTEGER NOT NULL DEFAULT 0
	);`,
	// 4: the reason in Turkish too, for the shop owner's status page
	// (empty: only the English reason is known).
	`ALTER TABLE messages ADD COLUMN reason_tr TEXT NOT NULL DEFAULT '';`,
	// 5: forget and opt-outs. A forgotten address is kept only as a keyed
	// hash (the key is a file beside the outbox, not in it), so its refusal
	// outlives the erasure; a purged message keeps the same hash of its
	// recipient so forget can still find it. Recipients already stored are
	// normalised (normaliseRecipients).
	`CREATE TABLE suppression (
		mac       BLOB PRIMARY KEY, -- HMAC-SHA256(key, normalised address); never the address
		added_at  INTEGER NOT NULL,
		opted_out INTEGER NOT NULL DEFAULT 0 -- was on the opt-out list when forgotten
	);
	CREATE TABLE meta (
		name  TEXT PRIMARY KEY,
		value BLOB
	);
	ALTER TABLE messages ADD COLUMN recipient_mac BLOB;
	CREATE INDEX messages_recipient_mac ON messages (recipient_mac) WHERE recipient_mac IS NOT NULL;`,
	// 6: reasons as catalog keys (JSON in the reason column, outbox/reason.go)
	// instead of English and Turkish sentences; the old sentences are kept
	// as the reason's detail and its Turkish text.
	`UPDATE messages SET reason = json_object('detail', reason, 'args', json_object('tr', reason_tr))
		WHERE reason != '' AND reason_tr != '';
	UPDATE messages SET reason = json_object('detail', reason) WHERE reason != '' AND reason_tr = '';
	UPDATE attempts SET detail = json_object('detail', detail) WHERE detail != '';
	ALTER TABLE messages DROP COLUMN reason_tr;`,
	// 7: replies, refusals per channel and İYS consent (twoway.go).
	migrationTwoWay,
	// 8: e-mail attachments made on this machine (statement PDFs), erased
	// with the text by the purge and by forget (attachments.go).
	`ALTER TABLE messages ADD COLUMN attachments BLOB;`,
	// 9: what a message is about, for people ("2024-117 · Ayşe Yılmaz"):
	// the status page shows it instead of keys. It is personal data like
	// the body: emptied by the retention purge and by forget.
	`ALTER TABLE messages ADD COLUMN about TEXT NOT NULL DEFAULT '';`,
	// 10: the kind of a job's last failure (an erp.Failure: "login",
	// "unreachable", …), so its cause and fix are told in the reader's
	// language while err keeps the driver's words; and err in Turkish when
	// the connector wrote it ('': only the English, a driver's, is known).
	`ALTER TABLE job_runs ADD COLUMN failure TEXT NOT NULL DEFAULT '';
	ALTER TABLE job_runs ADD COLUMN err_tr TEXT NOT NULL DEFAULT '';`,
	// 11: the keyed hash of the recipient of a request that carried no
	// outbox message (send-test), so that forget finds its audit row too.
	`ALTER TABLE audit ADD COLUMN recipient_mac BLOB;
	CREATE INDEX audit_recipient_mac ON audit (recipient_mac) WHERE recipient_mac IS NOT NULL;`,
	// 12: a created job reads again the rows just behind its cursor (rows
	// committed late) and asks which of them it holds messages for.
	`CREATE INDEX messages_record ON messages (job, source, record_key);`,
	// 13: a provider's status names its own id (a WhatsApp status its
	// wamid, three for each message): without an index each one scanned
	// every message of the channel. Messages without an id are left out.
	`CREATE INDEX messages_provider ON messages (provider_id) WHERE provider_id != '';`,
	// 14: deleting an audit row (forget) cascades to its audit_messages:
	// without an index each delete read all of them, one per message sent.
	`CREATE INDEX audit_messages_audit ON audit_messages (audit_id);`,
}

// migrationSteps run after the SQL of the migration they are keyed by (its
// 1-based number), in the same transaction, for what SQL cannot do.
// existed says the outbox had a schema before this Open.
var migrationSteps = map[int]func(ctx context.Context, tx *sql.Tx, existed bool) error{
	5: normaliseRecipients,
}

func (s *Store) migrate(ctx context.Context) error {
	var version int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("the outbox was written by a newer akinsoft-connector (schema %d, this binary knows %d): upgrade the binary", version, len(migrations))
	}
	existed := version > 0
	for i := version; i < len(migrations); i++ {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return err
			}
			if step := migrationSteps[i+1]; step != nil {
				if err := step(ctx, tx, existed); err != nil {
					return err
				}
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate schema to %d: %w", i+1, err)
		}
	}
	return nil
}

func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) (err error) {
	defer func() { s.noteWrite(err) }()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return unwritable(err)
	}
	if err := fn(tx); err != nil {
		_ = tx.Rollback()
		return unwritable(err)
	}
	return unwritable(tx.Commit())
}

// unwritableError is SQLite's bare "disk I/O error (778)" and the like,
// which is all an operator would otherwise see when the state directory
// turns read-only or the disk fills up, with what to do.
type unwritableError struct{ err error }

func (e unwritableError) Error() string {
	return e.err.Error() + " (the outbox in the state directory cannot be written: check free disk space, that the disk is not read-only, and the service account's rights; the work is retried, nothing is sent unrecorded)"
}

func (e unwritableError) Unwrap() error { return e.err }

// Unwritable reports whether err says the outbox file could not be
// written (a full disk, a read-only file system, missing rights).
func Unwritable(err error) bool {
	var u unwritableError
	return errors.As(err, &u)
}

func unwritable(err error) error {
	var se interface{ Code() int }
	if err == nil || Unwritable(err) || !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case 3, 8, 10, 13, 14: // SQLITE_PERM, _READONLY, _IOERR, _FULL, _CANTOPEN
		return unwritableError{err}
	}
	return err
}

func ms(t time.Time) int64 { return t.UnixMilli() }

// Cursor returns the saved position of a job in a source; ok is false when the
// job has never run there (the caller then decides between "now" and a backfill).
func (s *Store) Cursor(ctx context.Context, job, source string) (value string, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, `SELECT value FROM cursors WHERE job = ? AND source = ?`, job, source).Scan(&value)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read cursor of job %s/%s: %w", job, source, err)
	}
	return value, true, nil
}

// SetCursor saves a cursor on its own (used when a new job starts from "now").
func (s *Store) SetCursor(ctx context.Context, job, source, value string) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return setCursor(ctx, tx, job, source, value, s.now()) })
}

func setCursor(ctx context.Context, tx *sql.Tx, job, source, value string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO cursors (job, source, value, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (job, source) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		job, source, value, ms(now))
	if err != nil {
		return fmt.Errorf("save cursor of job %s/%s: %w", job, source, err)
	}
	return countChange(ctx, tx)
}

// NewMessage is a message to enqueue: what the channel sends and what
// the outbox files it under. A message with Skip set is stored as skipped
// with that reason, so bad rows are counted and visible.
type NewMessage struct {
	mapping.Message
	DedupeKey  string
	RecordKey  string
	Commercial bool
	// Merchant marks a recipient the ERP knows as a merchant (tacir): a
	// commercial message needs no prior İYS consent for them.
	Merchant bool
	Skip     *mapping.Reason
	// Standby is a fallback message's place in its job's chain (such as
	// WhatsApp, then SMS), from 1; 0 for the others. It waits for the
	// event's earlier channel to fail. A channel skipped as it is enqueued
	// (no number, no link for its template) has failed already: the event's
	// next standby starts with it.
	Standby int
	// Notified marks a skipped message whose event reached the recipient
	// another way (Wolvox sent it itself): it starts no fallback.
	Notified bool
	// Reread marks a message of a row read before: to a forgotten address
	// it is not stored again (forget erased it; nothing would be sent).
	Reread    bool
	NotBefore time.Time // zero: as soon as possible
	// About names the record for people (see Message.About).
	About string
	// FormerKeys are the keys an earlier version of the connector gave
	// this message (a form of key that changed). A message stored under
	// one of them on the same channel at FormerSince or later stands for
	// this one: it is not added, as if its own key were already there.
	FormerKeys  []string
	FormerSince time.Time
	// Spaced, when set, keeps this message at least an interval after the
	// last one of its series (the same row and due date, whatever interval
	// number its key ends in): one stored on the same channel at
	// Spaced.Since or later stands for this one.
	Spaced *Spaced
}

// Spaced names a message's series: the keys Prefix + a number + Suffix.
// Reminders number their intervals from the due date, so a changed
// renotify or days_ahead numbers them anew: the new numbering's interval
// may begin the day after the old one's reminder, and its number may be
// one the old numbering stored long ago. The series' last message, not
// the number, says whether one is due; a number already stored before the
// interval Began is the old numbering's, and the message takes its
// Renumbered key instead (the same in every run of the interval).
type Spaced struct {
	Prefix, Suffix string
	Since          time.Time
	Began          time.Time
	Renumbered     string // "" where no earlier numbering can hold the key
}

// Batch is one page of a job's results.
type Batch struct {
	Job      string
	Source   string
	Cursor   string // saved with the messages; empty keeps the old cursor
	Messages []NewMessage
}

// Enqueued is what Enqueue inserted.
type Enqueued struct {
	New        int // new messages, pending and skipped together
	Suppressed int // of those, skipped because the recipient was forgotten
}

// Enqueue inserts the batch's messages, ignoring those already present, and
// advances the cursor, all in one transaction. It says how many messages
// were new, and how many of those were stopped because their recipient was
// forgotten (a run's summary counts them as skipped).
//
// Every recipient is stored in its normalised form (mapping.NormalizeAddress),
// whoever built the message. A message to a forgotten address is stored
// skipped, without its recipient or text, so a new ERP row about that person
// neither reaches them nor brings their number back into the outbox.
func (s *Store) Enqueue(ctx context.Context, b Batch) (Enqueued, error) {
	var e Enqueued
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		e, err = s.enqueue(ctx, tx, b, s.now())
		return err
	})
	if err != nil {
		return Enqueued{}, fmt.Errorf("enqueue for job %s/%s: %w", b.Job, b.Source, err)
	}
	return e, nil
}

// enqueue is Enqueue inside tx, for what must be stored together with
// other rows (a refusal's confirmation with its reply).
func (s *Store) enqueue(ctx context.Context, tx *sql.Tx, b Batch, now time.Time) (Enqueued, error) {
	var e Enqueued
	suppressed, err := s.suppressedIn(ctx, tx)
	if err != nil {
		return e, err
	}
	stmt, err := tx.PrepareContext(ctx, insertMessage)
	if err != nil {
		return e, err
	}
	defer stmt.Close()
	nextID, err := idAfterFloor(ctx, tx)
	if err != nil {
		return e, err
	}
	chains := fallbackChains{}
	// The series of the batch's messages, by prefix: a row's account and
	// contacts, on every channel, are one look-up.
	seen := map[string][]seriesRow{}
	for _, m := range b.Messages {
		if known, err := knownFormerly(ctx, tx, m); err != nil || known {
			if err != nil {
				return e, err
			}
			continue
		}
		if m.Spaced != nil {
			rows, ok := seen[m.Spaced.Prefix]
			if !ok {
				if rows, err = seriesRows(ctx, tx, m); err != nil {
					return e, err
				}
				seen[m.Spaced.Prefix] = rows
			}
			var recent bool
			if m.DedupeKey, recent = spacedKey(m, rows); recent {
				continue
			}
		}
		rank, notified := m.Standby, m.Notified
		m.To = mapping.NormalizeAddress(m.To, "")
		stopped := false // a message that would have been sent
		// Skipped ones too: a job's own check skips with the recipient known.
		if m.To != "" {
			forgotten, err := suppressed(m.To)
			if err != nil {
				return e, err
			}
			if forgotten && m.Reread {
				continue
			}
			if forgotten {
				stopped = m.Skip == nil
				why := mapping.R(ReasonForgotten)
				m = NewMessage{Message: mapping.Message{Channel: m.Channel}, DedupeKey: m.DedupeKey, RecordKey: m.RecordKey,
					Commercial: m.Commercial, Merchant: m.Merchant, Skip: &why}
			}
		}
		status, reason := StatusPending, ""
		if m.Skip != nil {
			status, reason = StatusSkipped, encodeReason(*m.Skip)
		} else if m.Standby > 0 {
			status = StatusStandby
		}
		if err := checkMove(status, StatusNew); err != nil {
			return e, err
		}
		attached, err := encodeAttachments(m.Attachments)
		if err != nil {
			return e, err
		}
		args := []any{m.DedupeKey, m.Channel, b.Job, b.Source, m.RecordKey, m.To,
			m.Subject, m.Text, m.HTML, m.Payload, m.Commercial, m.Merchant, status, reason, ms(m.NotBefore), ms(now), ms(now), attached, m.About}
		var res sql.Result
		if nextID > 0 {
			res, err = tx.ExecContext(ctx, insertMessageWithID, append([]any{nextID}, args...)...)
		} else {
			res, err = stmt.ExecContext(ctx, args...)
		}
		if err != nil {
			return e, fmt.Errorf("insert message %s/%s: %w", m.DedupeKey, m.Channel, err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			nextID = 0 // the ids go on from it by themselves
			e.New++
			if stopped {
				e.Suppressed++
			}
			id, err := res.LastInsertId()
			if err != nil {
				return e, fmt.Errorf("insert message %s/%s: %w", m.DedupeKey, m.Channel, err)
			}
			chains.add(m.DedupeKey, id, status, rank, notified)
		}
	}
	if err := chains.start(ctx, tx); err != nil {
		return e, err
	}
	if b.Cursor != "" {
		return e, setCursor(ctx, tx, b.Job, b.Source, b.Cursor, now)
	}
	return e, nil
}

func formerQuery(keys int) string {
	return `SELECT EXISTS (SELECT 1 FROM messages WHERE channel = ? AND created_at >= ? AND dedupe_key IN (?` +
		strings.Repeat(", ?", keys-1) + `))`
}

// knownFormerly reports whether m was stored under one of its former keys,
// on its channel, since its FormerSince.
func knownFormerly(ctx context.Context, tx *sql.Tx, m NewMessage) (bool, error) {
	if len(m.FormerKeys) == 0 {
		return false, nil
	}
	q := formerQuery(len(m.FormerKeys))
	args := []any{m.Channel, ms(m.FormerSince)}
	for _, k := range m.FormerKeys {
		args = append(args, k)
	}
	var known bool
	if err := tx.QueryRowContext(ctx, q, args...).Scan(&known); err != nil {
		return false, fmt.Errorf("look up former keys of %s/%s: %w", m.DedupeKey, m.Channel, err)
	}
	return known, nil
}

// seriesRow is a stored message of a series (outbox.Spaced).
type seriesRow struct {
	key, channel string
	created      int64 // ms
}

const seriesQuery = `SELECT dedupe_key, channel, created_at FROM messages WHERE dedupe_key >= ? AND dedupe_key < ?`

// seriesRows are the stored messages whose key starts with m's series'
// prefix, on every channel: a contact's too, told apart by inSeries.
func seriesRows(ctx context.Context, tx *sql.Tx, m NewMessage) ([]seriesRow, error) {
	// A range on dedupe_key, not LIKE: the unique index serves it, and a
	// key's % or _ need no escaping. U+10FFFF sorts after every character
	// a key can continue its prefix with.
	rows, err := tx.QueryContext(ctx, seriesQuery, m.Spaced.Prefix, m.Spaced.Prefix+"\U0010FFFF")
	if err != nil {
		return nil, fmt.Errorf("look up the series of %s/%s: %w", m.DedupeKey, m.Channel, err)
	}
	defer rows.Close()
	var out []seriesRow
	for rows.Next() {
		var r seriesRow
		if err := rows.Scan(&r.key, &r.channel, &r.created); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("look up the series of %s/%s: %w", m.DedupeKey, m.Channel, err)
	}
	return out, nil
}

// spacedKey is m's key in its interval, and whether another message of its
// series on its channel, made since Spaced.Since, stands for it. The key is
// the Renumbered one when m's own was stored, on any channel (a key's
// channels move together: a fallback chain is its key), before the
// interval began. The key itself is left to the unique index: a run that
// finds it stored adds nothing anyway.
func spacedKey(m NewMessage, rows []seriesRow) (key string, recent bool) {
	sp, key := m.Spaced, m.DedupeKey
	if sp.Renumbered != "" {
		for _, r := range rows {
			if r.key == m.DedupeKey && r.created < ms(sp.Began) {
				key = sp.Renumbered
				break
			}
		}
	}
	for _, r := range rows {
		if r.channel == m.Channel && r.key != key && r.created >= ms(sp.Since) && inSeries(r.key, sp.Prefix, sp.Suffix) {
			return key, true
		}
	}
	return key, false
}

// inSeries reports whether key is prefix, a number and suffix: a contact's
// message (suffix :contact:31) is not the account's, nor the account's a
// contact's.
func inSeries(key, prefix, suffix string) bool {
	n, ok := strings.CutPrefix(key, prefix)
	if !ok {
		return false
	}
	if n, ok = strings.CutSuffix(n, suffix); !ok || n == "" {
		return false
	}
	return strings.Trim(n, "0123456789.") == "" // 2, or renumbered 2.20261219
}

// KnownRecords says which of the records keys (record_key) job already holds
// messages for from source.
func (s *Store) KnownRecords(ctx context.Context, job, source string, keys []string) (map[string]bool, error) {
	list, err := json.Marshal(keys)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT DISTINCT record_key FROM messages WHERE job = ? AND source = ?
		AND record_key IN (SELECT value FROM json_each(?))`, job, source, string(list))
	if err != nil {
		return nil, fmt.Errorf("read the records job %s holds messages for: %w", job, err)
	}
	defer rows.Close()
	known := map[string]bool{}
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, err
		}
		known[k] = true
	}
	return known, rows.Err()
}
