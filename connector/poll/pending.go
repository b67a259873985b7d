package poll

import (
	"context"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// Pending counts, per database (merkez@2026), the rows the job's next run
// would read, without touching cursors or the outbox: check runs it with the
// outbox opened read-only. A job that never ran counts from where it would
// start (0 unless it sets a backfill). For condition jobs it is the rows
// matching now, before the outbox drops those already notified this period.
func Pending(ctx context.Context, cursors Cursors, sources map[string]*erp.Group, j *Job, now time.Time) (map[string]int, error) {
	out := map[string]int{}
	j, _, err := withoutBlockedBackfill(ctx, cursors, j)
	if err != nil {
		return nil, err
	}
	p := &Poller{Sources: sources, Now: func() time.Time { return now }, cursors: cursors}
	err = p.eachSource(ctx, j, func(run *Job, src *erp.Source) error {
		j := run
		det := j.detector(src, now)
		var c cursor
		s, ok, err := cursors.Cursor(ctx, j.Name, src.Name())
		switch {
		case err != nil:
			return err
		case ok || !det.resumes():
			if c, err = det.parse(s); err != nil {
				return fmt.Errorf("job %s: %w", j.Name, err)
			}
		default:
			// As the run starts it: a new year's database from its first
			// invoice, or without the backfill of the job's first start.
			j, c, err = newYearStart(ctx, cursors, j, src, nil)
			if err != nil {
				return err
			}
			det = j.detector(src, now)
			if c != nil {
				break
			}
			if _, isChanged := det.(*changed); isChanged && !j.Backfill.Set() {
				out[src.Name()] = 0 // starts after the newest row
				return nil
			}
			if c, err = det.start(ctx); err != nil {
				return fmt.Errorf("job %s: %w", j.Name, err)
			}
		}
		n, err := det.count(ctx, c)
		if err != nil {
			return fmt.Errorf("job %s: %w", j.Name, err)
		}
		out[src.Name()] = n
		return nil
	})
	return out, err
}

// AbsentColumns lists, per database, the optional columns of the job's
// preset that the database lacks (read as NULL, filters dropped), so check
// can say so. Databases lacking none are left out.
func AbsentColumns(ctx context.Context, sources map[string]*erp.Group, j *Job) (map[string][]string, error) {
	out := map[string][]string{}
	for _, name := range j.Sources {
		group, ok := sources[name]
		if !ok {
			return out, fmt.Errorf("job %s: source %s is not open", j.Name, name)
		}
		srcs, err := group.Sources()
		if err != nil {
			return out, err
		}
		for _, src := range srcs {
			_, absent, err := j.SQLFor(ctx, src)
			if err != nil && skipped(group, err) {
				continue
			}
			if err != nil {
				return out, err
			}
			if len(absent) > 0 {
				out[src.Name()] = absent
			}
		}
	}
	return out, nil
}
