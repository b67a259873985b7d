package connector

import (
	"context"
	"fmt"
	"strconv"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// Pending counts, per resolved source (merkez@2026), the rows the job's next
// run would read, without touching cursors or the outbox. A job that never
// ran counts from where it would start (0 unless it sets a backfill). For
// condition jobs it is the rows matching now, before the outbox drops those
// already notified this period.
func (d *Daemon) Pending(ctx context.Context, job string) (map[string]int, error) {
	var j *Job
	for _, x := range d.jobs {
		if x.Name == job {
			j = x
		}
	}
	if j == nil {
		return nil, fmt.Errorf("no job named %q", job)
	}
	out := map[string]int{}
	for _, name := range j.Sources {
		group, ok := d.sources[name]
		if !ok {
			return out, fmt.Errorf("job %s: source %s is not open", j.Name, name)
		}
		srcs, err := group.Sources()
		if err != nil {
			return out, err
		}
		for _, src := range srcs {
			if err := src.Verify(ctx, j.Needs); err != nil {
				return out, err
			}
			run, err := j.forSource(ctx, src, nil)
			if err != nil {
				return out, err
			}
			n, err := d.poller.pending(ctx, run, src)
			if err != nil {
				return out, fmt.Errorf("job %s: %w", j.Name, err)
			}
			out[src.Name()] = n
		}
	}
	return out, nil
}

// AbsentColumns lists, per resolved source, the optional columns of the
// job's preset that the database lacks (read as NULL, filters dropped), so
// check can say so. Sources lacking none are left out.
func (d *Daemon) AbsentColumns(ctx context.Context, job string) (map[string][]string, error) {
	out := map[string][]string{}
	for _, j := range d.jobs {
		if j.Name != job {
			continue
		}
		for _, name := range j.Sources {
			group, ok := d.sources[name]
			if !ok {
				return out, fmt.Errorf("job %s: source %s is not open", j.Name, name)
			}
			srcs, err := group.Sources()
			if err != nil {
				return out, err
			}
			for _, src := range srcs {
				_, absent, err := j.SQLFor(ctx, src)
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
	return nil, fmt.Errorf("no job named %q", job)
}

func (p *poller) pending(ctx context.Context, j *Job, src *erp.Source) (int, error) {
	d := src.Dialect()
	var q string
	var args []any
	switch j.Mode {
	case "created":
		cur, ok, err := p.store.Cursor(ctx, j.Name, src.Name())
		if err != nil {
			return 0, err
		}
		if !ok {
			if cur, err = p.startCursor(ctx, j, src); err != nil {
				return 0, err
			}
		}
		after, err := strconv.ParseInt(cur, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("cursor %q is not a whole number", cur)
		}
		q, args = erp.CountAfterQuery(d, j.SQL, j.Key), []any{after}
	case "changed":
		if j.DateColumn == "" {
			return 0, fmt.Errorf("changed mode needs timestamp:")
		}
		lag := j.Lag
		if lag <= 0 {
			lag = defaultLag
		}
		upper := p.now().Add(-lag)
		s, ok, err := p.store.Cursor(ctx, j.Name, src.Name())
		if err != nil {
			return 0, err
		}
		if !ok {
			return 0, nil // starts after the newest row unless backfilled
		}
		c, err := parseChangedCursor(s)
		if err != nil {
			return 0, err
		}
		// Counted from the saved position: the lag re-read adds rows the
		// outbox already holds, which are not new.
		from, key := c.ts, c.key
		if key == int64(minKey) {
			from, key = c.readFrom(lag)
		}
		q, args = erp.CountChangedQuery(d, j.SQL, j.DateColumn, j.Key), []any{d.TimeArg(upper), d.TimeArg(from), key, d.TimeArg(from)}
	case "condition":
		q = erp.CountQuery(j.SQL)
	default:
		return 0, fmt.Errorf("mode %q is not supported", j.Mode)
	}
	n := 0
	err := src.Query(ctx, q, args, func(r erp.Record) error {
		v, err := keyOf(r, "N")
		n = int(v)
		return err
	})
	return n, err
}
