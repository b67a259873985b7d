package poll

import (
	"context"
	"errors"
	"fmt"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// SampleRow returns the newest row a job's query yields in its first
// database, so check can render a job written with its own SELECT against
// real columns: a misspelled column then fails at check time, not in front
// of a customer. It returns nil when the query yields no row.
func SampleRow(ctx context.Context, sources map[string]*erp.Group, j *Job) (erp.Record, error) {
	if len(j.Sources) == 0 {
		return nil, fmt.Errorf("job %s has no source", j.Name)
	}
	group, ok := sources[j.Sources[0]]
	if !ok {
		return nil, fmt.Errorf("job %s: source %s is not open", j.Name, j.Sources[0])
	}
	srcs, err := group.Sources()
	if err != nil || len(srcs) == 0 {
		return nil, err
	}
	// The newest database that exists: a year's database not created yet
	// is skipped, as runs skip it.
	for i := len(srcs) - 1; i >= 0; i-- {
		row, err := sampleFrom(ctx, j, srcs[i])
		if err != nil && skipped(group, err) {
			continue
		}
		return row, err
	}
	return nil, nil
}

func sampleFrom(ctx context.Context, j *Job, src *erp.Source) (erp.Record, error) {
	base, _, err := j.SQLFor(ctx, src)
	if err != nil {
		return nil, err
	}
	q := erp.NewestQuery(src.Dialect(), base, j.Key, 1)
	var row erp.Record
	err = src.Query(ctx, q, nil, func(r erp.Record) error {
		row = r
		return erp.ErrStop
	})
	if err != nil && row == nil {
		return nil, fmt.Errorf("job %s: read a sample row: %w", j.Name, err)
	}
	return row, nil
}

// skipped reports whether err is a {year} database that does not exist
// yet (the new year's before the shop opened it in Wolvox): runs skip it
// and read the other year's, and check says so rather than failing.
func skipped(group *erp.Group, err error) bool {
	return group.Templated() && errors.Is(err, erp.ErrDatabaseMissing)
}

// Missing is a database of a {year} source that does not exist yet.
type Missing struct {
	Database string // its path or name on the server
	Err      error  // what the server said
}

// MissingDatabases lists, by database (merkez@2026), the databases of the
// job's {year} sources that do not exist yet, with the error that says so:
// runs skip them, and check names them.
func MissingDatabases(ctx context.Context, sources map[string]*erp.Group, j *Job) map[string]Missing {
	out := map[string]Missing{}
	for _, name := range j.Sources {
		group, ok := sources[name]
		if !ok || !group.Templated() {
			continue
		}
		srcs, err := group.Sources()
		if err != nil {
			continue // said by Pending
		}
		for _, src := range srcs {
			if err := src.Ping(ctx); err != nil && skipped(group, err) {
				out[src.Name()] = Missing{Database: src.Database(), Err: err}
			}
		}
	}
	return out
}
