package poll

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// ErrNoLongerDue says a record read again makes no message with the key of
// the one asked for: it was deleted or cancelled in Wolvox, no longer
// matches the job (an invoice paid since), or the event is another one now
// (a reminder's period passed).
var ErrNoLongerDue = errors.New("the record no longer makes this message")

// Reread reads the record of a stored message again, as the job reads it
// now, and plans that message again: the same event (its dedupe key) on the
// same channel, with the recipient and text Wolvox gives today. It is how an
// operator's correction in Wolvox (a mobile number added to the account
// card) reaches a message that was skipped or refused for it: a run never
// reads the record again, its cursor is past it.
func (p *Poller) Reread(ctx context.Context, j *Job, m outbox.Message) (Planned, error) {
	var found *Planned
	matched := false // source names are unique: fn runs once at most
	err := p.eachSourceNamed(ctx, j, m.Source, func(run *Job, src *erp.Source) error {
		matched = true
		var err error
		found, err = p.reread(ctx, run, src, m)
		return err
	})
	if err != nil {
		return Planned{}, err
	}
	if !matched {
		return Planned{}, catalog.Errorf("poll.reread_no_source", "job", j.Name, "source", m.Source)
	}
	if found == nil {
		return Planned{}, catalog.Errorf("poll.reread_gone", "job", j.Name, "key", m.RecordKey).Wrapping(ErrNoLongerDue)
	}
	return *found, nil
}

func (p *Poller) reread(ctx context.Context, j *Job, src *erp.Source, m outbox.Message) (*Planned, error) {
	// The key as the database holds it: a whole number for Wolvox's BLKODU
	// (a text would not compare equal on every database), else as stored.
	// Only a key a number is written as is one: a text key with leading
	// zeros (a card code "00042") is no number 42.
	var key any = m.RecordKey
	if n, err := strconv.ParseInt(m.RecordKey, 10, 64); err == nil && strconv.FormatInt(n, 10) == m.RecordKey {
		key = n
	}
	var page []erp.Record
	q := erp.RecordQuery(src.Dialect(), j.sql(src), j.Key)
	if err := src.Query(ctx, q, []any{key}, func(r erp.Record) error {
		page = append(page, r)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("job %s: %w", j.Name, err)
	}
	if len(page) == 0 {
		return nil, nil
	}
	rc := &runContext{now: p.Now()}
	// Wolvox's own sends are looked up from the window before the message
	// was made, not only before today: the shop that typed in the number
	// days ago may have sent the document through Wolvox then.
	since := rc.now
	if m.CreatedAt.Before(since) && !m.CreatedAt.IsZero() {
		since = m.CreatedAt
	}
	var err error
	if rc.sent, err = j.loadSent(ctx, src, since, j.region); err != nil {
		return nil, err
	}
	if rc.contacts, err = j.loadContacts(ctx, src, page); err != nil {
		return nil, err
	}
	if rc.movements, err = j.loadMovements(ctx, src, page); err != nil {
		return nil, err
	}
	det := j.detector(src, rc.now)
	for _, rec := range page {
		plans, err := j.plan(src.Name(), rec, det.event(rec), rc)
		if err != nil {
			return nil, err
		}
		for _, pl := range plans {
			// A message renumbered when it was stored (outbox.Spaced) is
			// its interval's too.
			if (pl.DedupeKey == m.DedupeKey || pl.Spaced != nil && pl.Spaced.Renumbered == m.DedupeKey) && pl.Channel == m.Channel {
				pl.DedupeKey = m.DedupeKey
				return &pl, nil
			}
		}
	}
	return nil, nil
}
