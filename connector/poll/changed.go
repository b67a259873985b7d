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

// parse reads a saved position. Its timestamps are values read from the
// database, and what they mean is their wall clock: the shop's, as Wolvox
// wrote it. Versions before this one saved them in the zone the driver had
// put on them (Firebird: the machine's; SQL Server, SQLite: UTC), so where
// that was not the config's timezone the offset in the text is not the
// shop's, and taken as an instant such a cursor would sit hours away from
// its row: the rows in between skipped for good, or read again. So the wall
// clock is read again in the shop's zone: an old cursor resumes at the row
// it stopped at, and one this version saved (in the shop's zone already)
// is unchanged.
//
// Such an old cursor also moves the floor up to its position. That version
// keyed its messages by the instant it had read (changedEvent), so a row it
// sent, read again in the lag window, would have a new key and be sent
// twice. Every row up to the cursor was read by it; what is given up, once,
// is the re-read that finds a row committed late with a timestamp in the
// lag before the cursor (on a UTC machine that version read three hours
// late, so such a row was hours late).
func (d *changed) parse(s string) (cursor, error) {
	c, err := parseChangedCursor(s)
	if err != nil {
		return nil, err
	}
	z := d.src.Zone()
	saved := c.at.ts
	c.at.ts, c.floor.ts = z.Read(c.at.ts), z.Read(c.floor.ts)
	if !sameOffset(saved, c.at.ts) && c.floor.less(c.at) {
		c.floor = c.at
	}
	return c, nil
}

// sameOffset reports whether a and b are in zones of the same offset, in
// whole minutes: RFC 3339 drops the seconds of an old local mean time, such
// as Istanbul's in 1900 (longAgo).
func sameOffset(a, b time.Time) bool {
	_, x := a.Zone()
	_, y := b.Zone()
	return x/60 == y/60
}

func (d *changed) event(rec erp.Record) event { return changedEvent(d.job, rec, d.now) }

// upper is the newest timestamp a run reads: younger rows wait one lag.
func (d *changed) upper() time.Time { return d.now.Add(-d.job.Lag) }

var longAgo = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)

func (d *changed) start(ctx context.Context) (cursor, error) {
	j := d.job
	if j.DateColumn == "" {
		return nil, fmt.Errorf("changed mode needs timestamp: (the column that changes with the row, e.g. DEGISTIRME_TARIHI)")
	}
	// A position is saved in the shop's zone, as the times read from the
	// database are: parse reads it back unchanged.
	z := d.src.Zone()
	var p position
	switch j.Backfill.Kind {
	case config.BackfillAll:
		p = position{ts: z.Write(longAgo), key: minKey}
	case config.BackfillPeriod:
		p = position{ts: z.Write(d.now.Add(-j.Backfill.Period.Std())), key: minKey}
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
			p = position{ts: z.Write(longAgo), key: minKey}
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
		err := d.src.Query(ctx, q, []any{upper, pos.ts, pos.key, pos.ts}, func(r erp.Record) error {
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
		[]any{d.upper(), from.ts, from.key, from.ts})
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
