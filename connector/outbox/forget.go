package outbox

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// forgetCovers says, for every table of the outbox, what forget does with
// it. A table added without an entry here fails a test: forget must know
// every place a person can be stored.
var forgetCovers = map[string]string{
	"messages":       "deleted when addressed to the person (purged ones found by their keyed hash); text emptied, and cancelled if still waiting, when the text names them",
	"attempts":       "deleted with their message; an error text naming the person is emptied",
	"audit":          "deleted when it carried one of the person's messages, or was a request to them outside the outbox (send-test; found by its keyed hash, or by the masked recipient in rows written before the hash was)",
	"audit_messages": "deleted with their audit row or message",
	"optout":         "the person's entries on every channel deleted (the refusal is kept as a suppression); notes naming them emptied",
	"replies":        "deleted when sent by the person (purged ones found by their keyed hash), and not stored again when an inbox read or a webhook brings them once more; text emptied when it names them",
	"consent":        "the person's cached İYS answers deleted (İYS itself keeps the record)",
	"suppression":    "the person's keyed hash is added: no readable address",
	"job_runs":       "an error text naming the person is emptied",
	"cursors":        "read positions, kept; reported when one names the person",
	"meta":           "key check, housekeeping flags, the channels an operator paused and the largest forgotten message id (so it is not given again), no personal data",
}

// ForgottenMessage is one message forget removed or emptied.
type ForgottenMessage struct {
	ID      int64
	Job     string
	Channel string
	Status  Status
	Created time.Time
	Purged  bool // its text was already gone; the row was found by its keyed hash
}

// Forgotten says what Forget removed, or for ForgetDryRun what it would.
type Forgotten struct {
	// Messages were addressed to the person: deleted with their attempts
	// and audit rows.
	Messages []ForgottenMessage
	// Mentioned were addressed to someone else but named the person in
	// their text (a webhook body, an e-mail quoting the number): the text
	// is emptied and those still waiting are cancelled. The rows stay, or
	// the ERP rows behind them would be messaged again.
	Mentioned    []ForgottenMessage
	Attempts     int // send attempts deleted
	AttemptTexts int // other messages' attempts whose error text named the person, emptied
	Audit        int // audit rows deleted
	OptOut       bool
	OptOutNotes  int // other opt-out entries whose note named the person, emptied
	// Replies were sent by the person: deleted. ReplyTexts were others'
	// replies whose text named the person: emptied.
	Replies, ReplyTexts int
	Consents            int // cached İYS answers about the person, deleted

	JobRuns []string // jobs whose last error named the person, emptied
	// AlreadySuppressed says the address was forgotten before.
	AlreadySuppressed bool
	// Left are places that still name the person and are kept, with why.
	Left []mapping.Reason
	// WALBusy says another process kept the write-ahead log from being
	// emptied: the old pages stay in outbox.db-wal until the next forget or
	// until that process lets go.
	WALBusy  bool
	Vacuumed bool // the whole file was rewritten (once, for an outbox from before secure_delete)
}

// Total is the number of rows forget changes.
func (f Forgotten) Total() int {
	n := len(f.Messages) + len(f.Mentioned) + f.Attempts + f.AttemptTexts + f.Audit + f.OptOutNotes + len(f.JobRuns) +
		f.Replies + f.ReplyTexts + f.Consents
	if f.OptOut {
		n++
	}
	return n
}

var errDryRun = errors.New("dry run")

// Forget erases everything stored about one person, given by a phone number
// in any spelling or an e-mail address in any case: their messages (also
// those still waiting: a person who asks to be forgotten is not messaged
// afterwards), those messages' attempts and audit rows, their opt-out entry,
// and the text of any other message, attempt or job error that names them.
// What the law needs is kept without a readable address: a suppression (a
// keyed hash of the address) that keeps them from being messaged again,
// checked by OptedOut and Enqueue, lifted by OptIn.
//
// The deleted bytes are zeroed (secure_delete) and the write-ahead log is
// emptied, so the number is gone from the files, not only from queries.
func (s *Store) Forget(ctx context.Context, recipient string) (Forgotten, error) {
	f, err := s.forget(ctx, recipient, false)
	if err != nil {
		return f, err
	}
	if f.Vacuumed, err = s.vacuumOnce(ctx); err != nil {
		return f, err
	}
	if f.WALBusy, err = s.checkpoint(ctx); err != nil {
		return f, err
	}
	return f, nil
}

// ForgetDryRun says what Forget would do, changing nothing.
func (s *Store) ForgetDryRun(ctx context.Context, recipient string) (Forgotten, error) {
	return s.forget(ctx, recipient, true)
}

func (s *Store) forget(ctx context.Context, recipient string, dry bool) (Forgotten, error) {
	to := mapping.NormalizeAddress(recipient, "")
	if to == "" {
		return Forgotten{}, errors.New("forget: no address given")
	}
	var f Forgotten
	err := s.tx(ctx, func(tx *sql.Tx) error {
		f = Forgotten{}
		// A dry run makes no key; without one it cannot tell whether the
		// address was forgotten before, nor find purged rows, and says so.
		key, keyErr := s.macKey(ctx, tx, !dry)
		if keyErr != nil && !dry {
			return keyErr
		}
		var mac []byte
		if key != nil {
			mac = keyedHash(key, to)
		}
		p, err := planForget(ctx, tx, to, mac)
		if err != nil {
			return err
		}
		f = p.Forgotten
		if dry {
			var hashed int
			if err := tx.QueryRowContext(ctx, `SELECT (SELECT COUNT(*) FROM suppression) + (SELECT COUNT(*) FROM messages WHERE recipient_mac IS NOT NULL) + (SELECT COUNT(*) FROM audit WHERE recipient_mac IS NOT NULL)`).Scan(&hashed); err != nil {
				return err
			}
			if key == nil && hashed > 0 {
				f.Left = append(f.Left, mapping.R(ReasonForgetUnchecked).WithDetail(fmt.Sprint(keyErr)))
			}
			return errDryRun
		}
		return p.apply(ctx, tx, to, mac, s.now())
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	if err != nil {
		return f, fmt.Errorf("forget recipient: %w", err)
	}
	return f, nil
}

// forgetPlan is what forget found, with the row ids it acts on.
type forgetPlan struct {
	Forgotten
	textHits    map[int64]bool // mentioned messages whose reason names the person
	attemptIDs  []int64        // attempts of others to empty
	auditIDs    []int64
	noteEntries []string // opt-out entries whose note names the person
	replyIDs    []int64  // the person's replies
	replyTexts  []int64  // others' replies naming the person
}

func planForget(ctx context.Context, tx *sql.Tx, to string, mac []byte) (*forgetPlan, error) {
	match := mapping.NewMatcher(to)
	p := &forgetPlan{textHits: map[int64]bool{}}
	addressed := map[int64]bool{}

	rows, err := tx.QueryContext(ctx, `SELECT id, job, channel, status, created_at, purged_at IS NOT NULL, recipient, recipient_mac,
		dedupe_key, record_key, subject, body, html, COALESCE(payload, X''), reason FROM messages ORDER BY id`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var m ForgottenMessage
		var created int64
		var rcpt, dedupe, record, subject, body, html, reason string
		var rmac, payload []byte
		if err := rows.Scan(&m.ID, &m.Job, &m.Channel, &m.Status, &created, &m.Purged, &rcpt, &rmac,
			&dedupe, &record, &subject, &body, &html, &payload, &reason); err != nil {
			rows.Close()
			return nil, err
		}
		m.Created = time.UnixMilli(created)
		switch {
		case rcpt == to || (mac != nil && string(rmac) == string(mac)) || match.Match(rcpt):
			addressed[m.ID] = true
			p.Messages = append(p.Messages, m)
			continue
		case match.Match(subject) || match.Match(body) || match.Match(html) || match.Match(string(payload)):
			p.Mentioned = append(p.Mentioned, m)
			p.textHits[m.ID] = match.Match(reason)
		case match.Match(reason):
			p.Mentioned = append(p.Mentioned, m)
			p.textHits[m.ID] = true
		}
		if match.Match(dedupe) || match.Match(record) {
			p.Left = append(p.Left, mapping.R(ReasonForgetKeptKey, "id", m.ID, "job", m.Job, "channel", m.Channel))
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	audit := map[int64]bool{}
	for _, m := range p.Messages {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM attempts WHERE message_id = ?`, m.ID).Scan(&n); err != nil {
			return nil, err
		}
		p.Attempts += n
		ids, err := int64s(ctx, tx, `SELECT audit_id FROM audit_messages WHERE message_id = ?`, m.ID)
		if err != nil {
			return nil, err
		}
		for _, id := range ids {
			if !audit[id] {
				audit[id] = true
				p.auditIDs = append(p.auditIDs, id)
			}
		}
	}
	// Requests outside the outbox (send-test) carry no message: their
	// rows are found by the keyed hash of the recipient, and those written
	// before the hash was kept by the masked recipient alone (another
	// person's test with the same masked form goes with them: it is only a
	// test's record).
	lone, err := int64s(ctx, tx, `SELECT id FROM audit WHERE NOT EXISTS (SELECT 1 FROM audit_messages WHERE audit_id = audit.id)
		AND ((recipient_mac IS NOT NULL AND recipient_mac = ?) OR (recipient_mac IS NULL AND recipient != '' AND recipient = ?))`, mac, maskRecipient(to))
	if err != nil {
		return nil, err
	}
	for _, id := range lone {
		if !audit[id] {
			audit[id] = true
			p.auditIDs = append(p.auditIDs, id)
		}
	}
	p.Audit = len(p.auditIDs)

	if err := eachText(ctx, tx, `SELECT id, message_id, detail FROM attempts WHERE detail != ''`, func(id, msg int64, text string) {
		if !addressed[msg] && match.Match(text) {
			p.attemptIDs = append(p.attemptIDs, id)
		}
	}); err != nil {
		return nil, err
	}
	p.AttemptTexts = len(p.attemptIDs)

	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM optout WHERE recipient = ?`, to).Scan(&n); err != nil {
		return nil, err
	}
	p.OptOut = n > 0
	if err := eachString(ctx, tx, `SELECT recipient, note FROM optout WHERE note != '' AND recipient != ?`, to, func(key, text string) {
		if match.Match(text) {
			p.noteEntries = append(p.noteEntries, key)
		}
	}); err != nil {
		return nil, err
	}
	p.OptOutNotes = len(p.noteEntries)
	if err := eachString(ctx, tx, `SELECT job, err || char(10) || err_tr FROM job_runs WHERE err != '' AND job != ?`, "", func(job, text string) {
		if match.Match(text) {
			p.JobRuns = append(p.JobRuns, job)
		}
	}); err != nil {
		return nil, err
	}
	if err := eachString(ctx, tx, `SELECT job || '/' || source, value FROM cursors WHERE job != ?`, "", func(job, value string) {
		if match.Match(value) {
			p.Left = append(p.Left, mapping.R(ReasonForgetKeptCursor, "job", job))
		}
	}); err != nil {
		return nil, err
	}
	if mac != nil {
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM suppression WHERE mac = ?`, mac).Scan(&n); err != nil {
			return nil, err
		}
		p.AlreadySuppressed = n > 0
	}
	if err := planReplies(ctx, tx, p, to, mac, match); err != nil {
		return nil, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM consent WHERE recipient = ?`, to).Scan(&p.Consents); err != nil {
		return nil, err
	}
	return p, nil
}

// planReplies finds the person's replies (by address, by keyed hash once
// purged) and others' replies whose text names them.
func planReplies(ctx context.Context, tx *sql.Tx, p *forgetPlan, to string, mac []byte, match *mapping.Matcher) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, sender, COALESCE(sender_mac, X''), text FROM replies ORDER BY id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var from, text string
		var smac []byte
		if err := rows.Scan(&id, &from, &smac, &text); err != nil {
			return err
		}
		switch {
		case from == to || (mac != nil && string(smac) == string(mac)) || match.Match(from):
			p.replyIDs = append(p.replyIDs, id)
		case match.Match(text):
			p.replyTexts = append(p.replyTexts, id)
		}
	}
	p.Replies, p.ReplyTexts = len(p.replyIDs), len(p.replyTexts)
	return rows.Err()
}

// waitingStates are those of messages that have not left and would: a
// mentioned one is cancelled instead of being sent with its text gone.
var waitingStates = []any{StatusPending, StatusStandby, StatusUncertain, StatusHeld}

func (p *forgetPlan) apply(ctx context.Context, tx *sql.Tx, to string, mac []byte, now time.Time) error {
	exec := func(q string, args ...any) error {
		_, err := tx.ExecContext(ctx, q, args...)
		return err
	}
	for _, id := range p.auditIDs {
		if err := exec(`DELETE FROM audit WHERE id = ?`, id); err != nil { // audit_messages go with it
			return err
		}
	}
	if err := keepIDsFrom(ctx, tx, p.Messages); err != nil {
		return err
	}
	for _, m := range p.Messages {
		if err := exec(`DELETE FROM audit_messages WHERE message_id = ?`, m.ID); err != nil {
			return err
		}
		if err := exec(`DELETE FROM attempts WHERE message_id = ?`, m.ID); err != nil {
			return err
		}
		if err := exec(`DELETE FROM messages WHERE id = ?`, m.ID); err != nil {
			return err
		}
	}
	cancelled, erased := encodeReason(mapping.R(ReasonForgetStop)), encodeReason(mapping.R(ReasonForgetErase))
	for _, m := range p.Mentioned {
		args := []any{ms(now), ms(now)}
		args = append(args, waitingStates...)
		args = append(args, StatusCancelled)
		args = append(args, waitingStates...)
		args = append(args, cancelled, p.textHits[m.ID], erased, m.ID)
		if err := exec(`UPDATE messages SET subject = '', body = '', html = '', payload = NULL, attachments = NULL, about = '',
			purged_at = COALESCE(purged_at, ?), updated_at = ?,
			status = CASE WHEN status IN (?, ?, ?, ?) THEN ? ELSE status END,
			reason = CASE WHEN status IN (?, ?, ?, ?) THEN ? WHEN ? THEN ? ELSE reason END
			WHERE id = ?`, args...); err != nil {
			return err
		}
	}
	for _, id := range p.attemptIDs {
		if err := exec(`UPDATE attempts SET detail = '' WHERE id = ?`, id); err != nil {
			return err
		}
	}
	for _, job := range p.JobRuns {
		if err := exec(`UPDATE job_runs SET err = 'the error text named a person who asked to be forgotten and was erased', err_tr = 'hata metni unutulmak isteyen bir kişinin adını taşıyordu ve silindi' WHERE job = ?`, job); err != nil {
			return err
		}
	}
	for _, r := range p.noteEntries {
		if err := exec(`UPDATE optout SET note = '' WHERE recipient = ?`, r); err != nil {
			return err
		}
	}
	if err := exec(`DELETE FROM optout WHERE recipient = ?`, to); err != nil {
		return err
	}
	for _, id := range p.replyIDs {
		if err := exec(`DELETE FROM replies WHERE id = ?`, id); err != nil {
			return err
		}
	}
	for _, id := range p.replyTexts {
		if err := exec(`UPDATE replies SET text = '', purged_at = COALESCE(purged_at, ?) WHERE id = ?`, ms(now), id); err != nil {
			return err
		}
	}
	if err := exec(`DELETE FROM consent WHERE recipient = ?`, to); err != nil {
		return err
	}
	return exec(`INSERT INTO suppression (mac, added_at, opted_out) VALUES (?, ?, ?)
		ON CONFLICT (mac) DO UPDATE SET opted_out = MAX(opted_out, excluded.opted_out), added_at = MAX(added_at, excluded.added_at)`, mac, ms(now), p.OptOut)
}

// checkpoint copies the write-ahead log into the database and truncates
// it: the log still holds the pages as they were before the erasure, and
// a log that is only reset keeps old frames past its new end. busy says
// another connection's read kept it from finishing.
func (s *Store) checkpoint(ctx context.Context) (busy bool, err error) {
	var b, logged, done int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&b, &logged, &done); err != nil {
		return false, fmt.Errorf("empty the outbox's write-ahead log: %w", err)
	}
	return b != 0, nil
}

// vacuumOnce rewrites an outbox written before secure_delete was on: its
// free pages may still hold deleted text.
func (s *Store) vacuumOnce(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM meta WHERE name = ?`, metaVacuum).Scan(&n); err != nil || n == 0 {
		return false, err
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
		return false, fmt.Errorf("rewrite the outbox without its old free pages: %w", unwritable(err))
	}
	if _, err := s.db.ExecContext(ctx, `DELETE FROM meta WHERE name = ?`, metaVacuum); err != nil {
		return true, fmt.Errorf("rewrite the outbox: %w", unwritable(err))
	}
	return true, nil
}

func int64s(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func eachText(ctx context.Context, tx *sql.Tx, q string, fn func(id, ref int64, text string)) error {
	rows, err := tx.QueryContext(ctx, q)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, ref int64
		var text string
		if err := rows.Scan(&id, &ref, &text); err != nil {
			return err
		}
		fn(id, ref, text)
	}
	return rows.Err()
}

func eachString(ctx context.Context, tx *sql.Tx, q, arg string, fn func(key, text string)) error {
	rows, err := tx.QueryContext(ctx, q, arg)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var key, text string
		if err := rows.Scan(&key, &text); err != nil {
			return err
		}
		fn(key, text)
	}
	return rows.Err()
}
