package poll

import (
	"context"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// created follows a monotonic key (Wolvox BLKODU) with keyset paging:
// WHERE key > cursor ORDER BY key, a page at a time.
//
// Keys are handed out before their rows are committed (Firebird's
// generators, SQL Server's identities): two workstations saving at once
// may commit 104 before 103, and a run between the two commits reads 104
// and moves past 103 for good. So each run reads again from lateRows keys
// behind its cursor (never below the key the job started after); the
// poller drops the rows it already holds messages for (rereader), and a
// row committed late is sent once, on the next run.
type created struct {
	job *Job
	src *erp.Source
	now time.Time
}

func (d *created) resumes() bool { return true }

func (d *created) parse(s string) (cursor, error) { return parseKeyCursor(s, d.job.Key) }

func (d *created) event(erp.Record) event { return createdEvent(d.now) }

func (d *created) start(ctx context.Context) (cursor, error) {
	j := d.job
	switch j.Backfill.Kind {
	case config.BackfillAll:
		return startingAfter(minKey), nil
	case config.BackfillKey:
		return startingAfter(j.Backfill.Key), nil
	case config.BackfillPeriod:
		if j.DateColumn == "" {
			return nil, fmt.Errorf("backfill %s needs the column that holds the creation time: set timestamp: in the job", j.Backfill)
		}
		q := erp.MaxKeyBeforeQuery(d.src.Dialect(), j.sql(d.src), j.Key, j.DateColumn)
		return d.maxKey(ctx, q, []any{d.now.Add(-j.Backfill.Period.Std())})
	default:
		return d.maxKey(ctx, erp.MaxKeyQuery(d.src.Dialect(), j.sql(d.src), j.Key), nil)
	}
}

func (d *created) maxKey(ctx context.Context, q string, args []any) (cursor, error) {
	var c keyCursor
	err := d.src.Query(ctx, q, args, func(r erp.Record) error {
		if r["MAX_KEY"] == nil {
			return nil
		}
		v, err := keyOf(r, "MAX_KEY")
		c = startingAfter(v)
		return err
	})
	return c, err
}

// lateRows is how far behind its cursor a run looks for rows committed
// late: more keys than a shop's workstations hand out while one of them
// saves.
const lateRows = 200

// seen is the last key c read before: rows up to it may be read again.
func (d *created) seen(c cursor) int64 { return c.(keyCursor).after }

func (d *created) read(ctx context.Context, c cursor, emit func([]erp.Record, cursor) error) error {
	j := d.job
	kc := c.(keyCursor)
	after := max(kc.floor, kc.after-lateRows)
	q := erp.KeysetQuery(d.src.Dialect(), j.sql(d.src), j.Key, j.PageSize)
	for {
		var page []erp.Record
		err := d.src.Query(ctx, q, []any{after}, func(r erp.Record) error {
			page = append(page, r)
			return nil
		})
		if err != nil {
			return fmt.Errorf("job %s: %w", j.Name, err)
		}
		if len(page) == 0 {
			return nil
		}
		last, err := keyOf(page[len(page)-1], j.Key)
		if err != nil {
			return fmt.Errorf("job %s: %w", j.Name, err)
		}
		if err := emit(page, keyCursor{after: max(last, kc.after), floor: kc.floor}); err != nil {
			return err
		}
		after = last
		if len(page) < j.PageSize {
			return nil
		}
	}
}

func (d *created) count(ctx context.Context, c cursor) (int, error) {
	return countRows(ctx, d.src, erp.CountAfterQuery(d.src.Dialect(), d.job.sql(d.src), d.job.Key), []any{c.(keyCursor).after})
}
