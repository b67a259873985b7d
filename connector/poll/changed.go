package poll

import (
	"context"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// changed follows a timestamp plus key (Kafka Connect's
// timestamp+incrementing mode). Only rows older than now − lag are read, and
// every run starts again one lag before the saved position: a row committed
// late with an older timestamp is still seen, and the rows read twice are
// dropped by the outbox's unique dedupe key ("inclusive cursor, dedupe
// locally"). A change that does not touch the timestamp, and deletes, are
// not seen: that is the limit of any cursor on a table.
type changed struct {
	job *Job
	src *erp.Source
	now time.Time
}

func (d *changed) resumes() bool { return true }

func (d *changed) parse(s string) (cursor, error) { return parseChangedCursor(s) }

func (d *changed) event(rec erp.Record) event { return changedEvent(d.job, rec, d.now) }

// upper is the newest timestamp a run reads: younger rows wait one lag.
func (d *changed) upper() time.Time { return d.now.Add(-d.job.Lag) }

var longAgo = time.Date(1900, 1, 1, 0, 0, 0, 0, time.Local)

func (d *changed) start(ctx context.Context) (cursor, error) {
	j := d.job
	if j.DateColumn == "" {
		return nil, fmt.Errorf("changed mode needs timestamp: (the column that changes with the row, e.g. DEGISTIRME_TARIHI)")
	}
	var p position
	switch j.Backfill.Kind {
	case config.BackfillAll:
		p = position{ts: longAgo, key: minKey}
	case config.BackfillPeriod:
		p = position{ts: d.now.Add(-j.Backfill.Period.Std()), key: minKey}
	case config.BackfillKey:
		return nil, fmt.Errorf("changed mode backfills by a period (e.g. 7d), not %s", j.Backfill)
	default:
		// Start after the newest row: nothing that exists now is sent.
		err := d.src.Query(ctx, erp.MaxChangedQuery(d.src.Dialect(), j.sql(d.src), j.DateColumn, j.Key), nil, func(r erp.Record) error {
			var err error
			p, err = positionOf(r, "MAX_TS", "MAX_KEY")
			return err
		})
		if err != nil {
			return nil, err
		}
		if p.ts.IsZero() {
			p = position{ts: longAgo, key: minKey}
		}
	}
	return changedCursor{at: p, floor: p}, nil
}

func (d *changed) read(ctx context.Context, c cursor, emit func([]erp.Record, cursor) error) error {
	j := d.job
	if j.DateColumn == "" {
		return fmt.Errorf("job %s: changed mode needs timestamp: (the column that changes with the row, e.g. DEGISTIRME_TARIHI)", j.Name)
	}
	cur := c.(changedCursor)
	dl := d.src.Dialect()
	upper := d.upper()
	q := erp.ChangedQuery(dl, j.sql(d.src), j.DateColumn, j.Key, j.PageSize)
	pos := cur.readFrom(j.Lag) // re-read one lag window before the saved position
	best := cur
	for {
		var page []erp.Record
		err := d.src.Query(ctx, q, []any{dl.TimeArg(upper), dl.TimeArg(pos.ts), pos.key, dl.TimeArg(pos.ts)}, func(r erp.Record) error {
			page = append(page, r)
			return nil
		})
		if err != nil {
			return fmt.Errorf("job %s: %w", j.Name, err)
		}
		if len(page) == 0 {
			return nil
		}
		last, err := positionOf(page[len(page)-1], j.DateColumn, j.Key)
		if err != nil {
			return fmt.Errorf("job %s: %w", j.Name, err)
		}
		if best.at.less(last) {
			best.at = last
		}
		if err := emit(page, best); err != nil {
			return err
		}
		pos = last
		if len(page) < j.PageSize {
			return nil
		}
	}
}

func (d *changed) count(ctx context.Context, c cursor) (int, error) {
	j := d.job
	if j.DateColumn == "" {
		return 0, fmt.Errorf("changed mode needs timestamp:")
	}
	cur := c.(changedCursor)
	// Counted from the saved position: the lag re-read adds rows the outbox
	// already holds, which are not new.
	from := cur.at
	if from.key == minKey {
		from = cur.readFrom(j.Lag)
	}
	dl := d.src.Dialect()
	return countRows(ctx, d.src, erp.CountChangedQuery(dl, j.sql(d.src), j.DateColumn, j.Key),
		[]any{dl.TimeArg(d.upper()), dl.TimeArg(from.ts), from.key, dl.TimeArg(from.ts)})
}

func positionOf(r erp.Record, ts, key string) (position, error) {
	var p position
	switch v := r[ts].(type) {
	case time.Time:
		p.ts = v
	case nil:
		return p, nil
	default:
		return p, catalog.Errorf("poll.timestamp_not_time", "ts", ts, "value", fmt.Sprintf("%v (%T)", v, v))
	}
	k, err := keyOf(r, key)
	if err != nil {
		return p, err
	}
	p.key = k
	return p, nil
}
