package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// JobRun is a job's last run as the status page and the status command show
// it. The daemon writes it after every run, because the CLI runs in another
// process and cannot see the daemon's memory.
type JobRun struct {
	Job         string
	LastRun     time.Time // zero: never ran
	LastSuccess time.Time // zero: never succeeded
	Duration    time.Duration
	Rows        int
	New         int
	Skipped     int
	Err         string // empty: the last run succeeded
	ErrTR       string // Err in Turkish, when the connector wrote it ("": a driver's English only)
	Failure     string // the kind of Err, an erp.Failure
	Next        time.Time
}

// RecordJobRun saves a finished run. A failed run keeps the time of the last
// successful one.
func (s *Store) RecordJobRun(ctx context.Context, r JobRun) error {
	var success any
	if r.Err == "" {
		success = ms(r.LastRun)
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO job_runs (job, last_run, last_success, duration_ms, rows_read, new_messages, skipped, err, err_tr, failure, next_run)
		VALUES (?, ?, COALESCE(?, 0), ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (job) DO UPDATE SET last_run = excluded.last_run,
			last_success = COALESCE(?, job_runs.last_success), duration_ms = excluded.duration_ms,
			rows_read = excluded.rows_read, new_messages = excluded.new_messages, skipped = excluded.skipped,
			err = excluded.err, err_tr = excluded.err_tr, failure = excluded.failure, next_run = excluded.next_run`,
		r.Job, ms(r.LastRun), success, r.Duration.Milliseconds(), r.Rows, r.New, r.Skipped, r.Err, r.ErrTR, r.Failure, msOrZero(r.Next), success)
	if err != nil {
		return fmt.Errorf("save the run of job %s: %w", r.Job, err)
	}
	return nil
}

// SetJobNext saves when a job runs next, keeping its last run.
func (s *Store) SetJobNext(ctx context.Context, job string, next time.Time) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO job_runs (job, next_run) VALUES (?, ?)
		ON CONFLICT (job) DO UPDATE SET next_run = excluded.next_run`, job, msOrZero(next))
	if err != nil {
		return fmt.Errorf("save the next run of job %s: %w", job, err)
	}
	return nil
}

// JobRuns returns every job's last run, by job name.
func (s *Store) JobRuns(ctx context.Context) ([]JobRun, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT job, last_run, last_success, duration_ms, rows_read, new_messages, skipped, err, err_tr, failure, next_run
		FROM job_runs ORDER BY job`)
	if err != nil {
		return nil, fmt.Errorf("read job runs: %w", err)
	}
	defer rows.Close()
	var out []JobRun
	for rows.Next() {
		var r JobRun
		var last, success, dur, next int64
		if err := rows.Scan(&r.Job, &last, &success, &dur, &r.Rows, &r.New, &r.Skipped, &r.Err, &r.ErrTR, &r.Failure, &next); err != nil {
			return nil, fmt.Errorf("read job runs: %w", err)
		}
		r.LastRun, r.LastSuccess, r.Next = fromMs(last), fromMs(success), fromMs(next)
		r.Duration = time.Duration(dur) * time.Millisecond
		out = append(out, r)
	}
	return out, rows.Err()
}

// Queue is one channel's unfinished messages.
type Queue struct {
	Channel   string
	Due       int // pending and due now
	Later     int // pending, waiting for a retry time, quiet hours or a cap
	Sending   int
	Uncertain int
	Held      int
}

// Depth is every message still waiting to leave or to be decided.
func (q Queue) Depth() int { return q.Due + q.Later + q.Sending + q.Uncertain + q.Held }

// channelsCTE names the outbox's channels, one index step each (SQLite's
// planner does not skip through an index by itself): the per-channel
// counts below then read only their states' part of the index, not every
// message the outbox ever held (35 ms a page view at 300,000 messages).
const channelsCTE = `WITH RECURSIVE channels(name) AS (
		SELECT MIN(channel) FROM messages
		UNION ALL
		SELECT (SELECT MIN(channel) FROM messages WHERE channel > channels.name) FROM channels WHERE channels.name IS NOT NULL)
	`

const queuesQuery = channelsCTE + `SELECT m.channel,
		SUM(m.status = ? AND m.next_at <= ?), SUM(m.status = ? AND m.next_at > ?),
		SUM(m.status = ?), SUM(m.status = ?), SUM(m.status = ?)
	FROM channels JOIN messages m ON m.channel = channels.name
	WHERE m.status IN (?, ?, ?, ?) GROUP BY m.channel ORDER BY m.channel`

// Queues returns the unfinished messages per channel, sorted by channel.
func (s *Store) Queues(ctx context.Context) ([]Queue, error) {
	rows, err := s.db.QueryContext(ctx, queuesQuery,
		StatusPending, ms(s.now()), StatusPending, ms(s.now()), StatusSending, StatusUncertain, StatusHeld,
		StatusPending, StatusSending, StatusUncertain, StatusHeld)
	if err != nil {
		return nil, fmt.Errorf("read the queue: %w", err)
	}
	defer rows.Close()
	var out []Queue
	for rows.Next() {
		var q Queue
		if err := rows.Scan(&q.Channel, &q.Due, &q.Later, &q.Sending, &q.Uncertain, &q.Held); err != nil {
			return nil, fmt.Errorf("read the queue: %w", err)
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// ListStatuses returns messages in any of the given states created since t,
// newest first: the page's "failures and skipped records" list.
func (s *Store) ListStatuses(ctx context.Context, statuses []Status, since time.Time, limit int) ([]Message, error) {
	if len(statuses) == 0 {
		return nil, nil
	}
	q := `SELECT ` + messageCols + ` FROM messages WHERE created_at >= ? AND status IN (?` + strings.Repeat(",?", len(statuses)-1) + `) ORDER BY id DESC LIMIT ?`
	args := []any{ms(since)}
	for _, st := range statuses {
		args = append(args, st)
	}
	return s.query(ctx, q, append(args, limit)...)
}

// Recent returns the messages changed last, newest change first: a retried
// message shows up here once it is sent.
func (s *Store) Recent(ctx context.Context, limit int) ([]Message, error) {
	return s.query(ctx, `SELECT `+messageCols+` FROM messages ORDER BY updated_at DESC, id DESC LIMIT ?`, limit)
}

// CheckWritable proves that the outbox can record sends by writing for
// real: a row committed to the database (with its fsync) and a small file
// written and synced beside it. A disk that is full, read-only or out of
// the service account's rights fails here, even when the database's log
// still has room to overwrite (a probe that changes nothing, or only
// reuses space, would pass on a full disk).
func (s *Store) CheckWritable(ctx context.Context) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO meta (name, value) VALUES ('write_probe', ?)
			ON CONFLICT (name) DO UPDATE SET value = excluded.value`, fmt.Append(nil, s.now().UnixMilli()))
		return err
	})
	if err == nil && s.keyDir != "" {
		err = probeFile(filepath.Join(s.keyDir, ".write-probe"))
		s.noteWrite(err)
	}
	if err != nil {
		return fmt.Errorf("the outbox cannot be written: %w (check free disk space and the state directory's rights)", err)
	}
	return nil
}

// probeFile writes a page's worth of bytes to path, syncs and removes it.
func probeFile(path string) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return unwritableError{err}
	}
	_, err = f.Write(make([]byte, 4096))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	os.Remove(path)
	if err != nil {
		return unwritableError{err}
	}
	return nil
}

// Retry puts a failed (or operator-held) message back in the queue.
//
// An operator's retry starts a fresh attempt budget: a message that gave up
// after the maximum number of attempts would otherwise get only one more.
//
// A standby fallback is sent by a retry only when nothing else of its event
// went or is on its way: one left waiting behind a channel that was skipped
// when it was stored (before this version started such fallbacks by
// itself). Behind a channel still under way, it goes by itself if that one
// fails; behind one that was sent, it would say the same thing twice.
func (s *Store) Retry(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		refused, err := s.retryIn(ctx, tx, id)
		if err != nil {
			return err
		}
		return refused
	})
}

// retryIn is Retry's work in tx. refused is why the message is not queued
// again (no such message, a state a retry does not take), the outbox left
// as it was; err is the outbox's own failure.
func (s *Store) retryIn(ctx context.Context, tx *sql.Tx, id int64) (refused, err error) {
	var (
		st  Status
		key string
	)
	err = tx.QueryRowContext(ctx, `SELECT status, dedupe_key FROM messages WHERE id = ?`, id).Scan(&st, &key)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return catalog.Errorf("outbox.no_message").Wrapping(ErrNoMessage), nil
	case err != nil:
		return nil, catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
	}
	from := []Status{StatusFailed, StatusHeld}
	if st == StatusStandby {
		ch, other, found, err := eventUnderWay(ctx, tx, key, id, func(string) bool { return true })
		switch {
		case err != nil:
			return nil, err
		case found:
			return catalog.Errorf("outbox.standby_behind", "channel", ch, "is", stateText(other)).Wrapping(ErrWrongState), nil
		}
		from = append(from, StatusStandby)
	}
	if !slices.Contains(from, st) {
		return wrongState(st, StatusPending, from), nil
	}
	if err := checkMove(StatusPending, st); err != nil {
		return fmt.Errorf("message %d: %w", id, err), nil
	}
	// The earlier send goes with the retry: its provider id, so that a
	// late report of that attempt cannot settle this one, and its time,
	// so that this send's fallback waits its whole time for a report.
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = ?, attempts = 0, next_at = 0, provider_id = '', sent_at = NULL,
		updated_at = ? WHERE id = ? AND status = ?`, StatusPending, ms(s.now()), id, st); err != nil {
		return nil, catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
	}
	return nil, nil
}

// retryPage is how many failed messages RetryFailed queues again in one
// transaction: the IDs of one page in memory, never the whole outbox (a
// provider's outage may leave hundreds of thousands failed), and the
// write lock held for one page, so the service's own writes go on between
// pages.
const retryPage = 200

// RetryFailed queues again, as Retry does, every failed message f chooses
// by its Channel, Job and Since (its other fields aside), of those failed
// when it starts: in ascending ID order, a page at a time, each page in one
// transaction. each, when not nil, sees every message of a page once the
// page is committed, with why it was refused (nil: queued again); a
// refusal does not stop the rest. Any other error rolls its page back and
// is returned: the messages not queued yet stay failed, and the same call
// queues them.
func (s *Store) RetryFailed(ctx context.Context, f Filter, each func(id int64, refused error)) error {
	where, args := Filter{Status: StatusFailed, Channel: f.Channel, Job: f.Job, Since: f.Since}.where()
	// The last of them now: one that fails while this runs is not
	// retried by it, as it was not asked for.
	var last sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(id) FROM messages`+where, args...).Scan(&last); err != nil {
		return fmt.Errorf("list messages: %w", err)
	}
	if !last.Valid {
		return nil
	}
	q := `SELECT id FROM messages` + where + ` AND id > ? AND id <= ? ORDER BY id LIMIT ?`
	var after int64
	ids := make([]int64, 0, retryPage)
	refused := make([]error, 0, retryPage)
	for {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			ids, refused = ids[:0], refused[:0]
			rows, err := tx.QueryContext(ctx, q, append(args, after, last.Int64, retryPage)...)
			if err != nil {
				return fmt.Errorf("list messages: %w", err)
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return fmt.Errorf("list messages: %w", err)
				}
				ids = append(ids, id)
			}
			err = rows.Err()
			rows.Close()
			if err != nil {
				return fmt.Errorf("list messages: %w", err)
			}
			for _, id := range ids {
				r, err := s.retryIn(ctx, tx, id)
				if err != nil {
					return err
				}
				refused = append(refused, r)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if each != nil {
			for i, id := range ids {
				each(id, refused[i])
			}
		}
		if len(ids) < retryPage {
			return nil
		}
		after = ids[len(ids)-1]
	}
}

// Cancel stops a message that has not been sent, a standby fallback too.
func (s *Store) Cancel(ctx context.Context, id int64) error {
	return s.SetStatus(ctx, id, StatusCancelled, StatusPending, StatusHeld, StatusStandby)
}

func msOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return ms(t)
}

func fromMs(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}
