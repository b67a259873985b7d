package connector

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// minKey is below every key: Wolvox keys are positive, and the parameter
// must fit the key column's type (INTEGER in older Wolvox databases, where
// math.MinInt64 overflows).
const minKey = math.MinInt32

// changedCursor is a position in (timestamp, key) order plus a floor: the
// position the job started at, below which it never re-reads (so the
// overlap re-read cannot resend rows that existed before the job began).
// Timestamps are the exact values read from the database.
type changedCursor struct {
	ts, floorTS   time.Time
	key, floorKey int64
}

func (c changedCursor) String() string {
	return strings.Join([]string{c.ts.Format(time.RFC3339Nano), strconv.FormatInt(c.key, 10),
		c.floorTS.Format(time.RFC3339Nano), strconv.FormatInt(c.floorKey, 10)}, "|")
}

func parseChangedCursor(s string) (changedCursor, error) {
	parts := strings.Split(s, "|")
	if len(parts) != 4 {
		return changedCursor{}, fmt.Errorf("cursor %q is not a changed-mode cursor (timestamp|key|floor|key)", s)
	}
	var c changedCursor
	var err error
	if c.ts, err = time.Parse(time.RFC3339Nano, parts[0]); err != nil {
		return c, fmt.Errorf("cursor %q: %w", s, err)
	}
	if c.floorTS, err = time.Parse(time.RFC3339Nano, parts[2]); err != nil {
		return c, fmt.Errorf("cursor %q: %w", s, err)
	}
	if c.key, err = strconv.ParseInt(parts[1], 10, 64); err != nil {
		return c, fmt.Errorf("cursor %q: key is not a whole number", s)
	}
	if c.floorKey, err = strconv.ParseInt(parts[3], 10, 64); err != nil {
		return c, fmt.Errorf("cursor %q: key is not a whole number", s)
	}
	return c, nil
}

// less orders positions by (timestamp, key).
func less(at time.Time, ak int64, bt time.Time, bk int64) bool {
	return at.Before(bt) || (at.Equal(bt) && ak < bk)
}

// readFrom is where a run starts reading: one lag before the saved
// position, but never below the floor.
func (c changedCursor) readFrom(lag time.Duration) (time.Time, int64) {
	t, k := c.ts.Add(-lag), int64(minKey)
	if less(t, k, c.floorTS, c.floorKey) {
		return c.floorTS, c.floorKey
	}
	return t, k
}

// pollChanged follows a timestamp plus key (Kafka Connect's
// timestamp+incrementing mode). Only rows older than now − lag are read, and
// every run starts again one lag before the saved position: a row committed
// late with an older timestamp is still seen, and the rows read twice are
// dropped by the outbox's unique dedupe key ("inclusive cursor, dedupe
// locally"). A change that does not touch the timestamp, and deletes, are
// not seen: that is the limit of any cursor on a table.
func (p *poller) pollChanged(ctx context.Context, j *Job, src *erp.Source) (RunResult, error) {
	var res RunResult
	if j.DateColumn == "" {
		return res, fmt.Errorf("job %s: changed mode needs timestamp: (the column that changes with the row, e.g. DEGISTIRME_TARIHI)", j.Name)
	}
	lag := j.Lag
	upper := p.now().Add(-lag)
	cur, err := p.changedStart(ctx, j, src, upper, &res)
	if err != nil {
		return res, err
	}
	d := src.Dialect()
	q := erp.ChangedQuery(d, j.SQL, j.DateColumn, j.Key, j.PageSize)
	// Re-read one lag window before the saved position.
	var pos changedCursor
	pos.ts, pos.key = cur.readFrom(lag)
	best := cur
	for {
		var page []erp.Record
		err := src.Query(ctx, q, []any{d.TimeArg(upper), d.TimeArg(pos.ts), pos.key, d.TimeArg(pos.ts)}, func(r erp.Record) error {
			page = append(page, r)
			return nil
		})
		if err != nil {
			return res, fmt.Errorf("job %s: %w", j.Name, err)
		}
		if len(page) == 0 {
			break
		}
		last, err := positionOf(page[len(page)-1], j.DateColumn, j.Key)
		if err != nil {
			return res, fmt.Errorf("job %s: %w", j.Name, err)
		}
		if less(best.ts, best.key, last.ts, last.key) {
			best.ts, best.key = last.ts, last.key
		}
		if err := p.enqueuePage(ctx, j, src, page, best.String(), changedKey(j), &res); err != nil {
			return res, err
		}
		pos = last
		if len(page) < j.PageSize {
			break
		}
	}
	res.Cursor = best.String()
	return res, nil
}

// changedStart loads the saved position or, for a job that never ran,
// starts at the newest row (or a backfill period back).
func (p *poller) changedStart(ctx context.Context, j *Job, src *erp.Source, upper time.Time, res *RunResult) (changedCursor, error) {
	s, ok, err := p.store.Cursor(ctx, j.Name, src.Name())
	if err != nil {
		return changedCursor{}, err
	}
	if ok {
		c, err := parseChangedCursor(s)
		if err != nil {
			return c, fmt.Errorf("job %s, source %s: %w", j.Name, src.Name(), err)
		}
		return c, nil
	}
	var c changedCursor
	switch j.Backfill.Kind {
	case config.BackfillAll:
		c.ts, c.key = time.Date(1900, 1, 1, 0, 0, 0, 0, time.Local), minKey
	case config.BackfillPeriod:
		c.ts, c.key = p.now().Add(-j.Backfill.Period.Std()), minKey
	case config.BackfillKey:
		return c, fmt.Errorf("job %s: changed mode backfills by a period (e.g. 7d), not %s", j.Name, j.Backfill)
	default:
		// Start after the newest row: nothing that exists now is sent.
		err := src.Query(ctx, erp.MaxChangedQuery(src.Dialect(), j.SQL, j.DateColumn, j.Key), nil, func(r erp.Record) error {
			var err error
			c, err = positionOf(r, "MAX_TS", "MAX_KEY")
			return err
		})
		if err != nil {
			return c, fmt.Errorf("job %s: %w", j.Name, err)
		}
		if c.ts.IsZero() {
			c.ts, c.key = time.Date(1900, 1, 1, 0, 0, 0, 0, time.Local), minKey
		}
	}
	c.floorTS, c.floorKey = c.ts, c.key
	if err := p.store.SetCursor(ctx, j.Name, src.Name(), c.String()); err != nil {
		return c, err
	}
	res.Started, res.From = true, c.String()
	return c, nil
}

func positionOf(r erp.Record, ts, key string) (changedCursor, error) {
	var c changedCursor
	switch v := r[ts].(type) {
	case time.Time:
		c.ts = v
	case nil:
		return c, nil
	default:
		return c, fmt.Errorf("timestamp column %s holds %v (%T), not a date and time", ts, v, v)
	}
	k, err := keyOf(r, key)
	if err != nil {
		return c, err
	}
	c.key = k
	return c, nil
}

// changedKey names one change of a row: the row's key plus its timestamp,
// so the next change of the same row is a new event.
func changedKey(j *Job) func(source string, rec erp.Record, now time.Time) (string, error) {
	return func(source string, rec erp.Record, now time.Time) (string, error) {
		if j.DedupeKey != nil {
			return j.dedupeKey(source, rec, now)
		}
		ts := ""
		if t, ok := rec[strings.ToUpper(j.DateColumn)].(time.Time); ok {
			ts = t.UTC().Format("20060102T150405.000000000")
		}
		return fmt.Sprintf("%s:%s:%v:changed:%s", j.Entity, source, rec[strings.ToUpper(j.Key)], ts), nil
	}
}

func (p *poller) warn(msg string, kv ...any) {
	if p.log != nil {
		p.log.Warn(msg, kv...)
	}
}
