package poll

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// cursor is a job's position in one database, stored as its String().
type cursor interface{ String() string }

// detector finds what a job has to send in one database: one per change
// mode (created.go, changed.go, condition.go).
type detector interface {
	// resumes is false for a mode that reads from its start on every run.
	resumes() bool
	// start is where a job that never ran begins: the current end of the
	// table (nothing that exists now is sent) unless it asks for a backfill.
	start(ctx context.Context) (cursor, error)
	// parse reads a saved position.
	parse(s string) (cursor, error)
	// read hands every page after c to page, with the position after it.
	read(ctx context.Context, c cursor, page func(rows []erp.Record, after cursor) error) error
	// count is how many rows the next run would read after c.
	count(ctx context.Context, c cursor) (int, error)
	// event is what the mode adds to a row's dedupe key.
	event(rec erp.Record) event
}

// detector returns the job's detector for one database at now.
func (j *Job) detector(src *erp.Source, now time.Time) detector {
	switch j.Mode {
	case config.ModeChanged:
		return &changed{job: j, src: src, now: now}
	case config.ModeCondition:
		return &condition{job: j, src: src, now: now}
	default:
		return &created{job: j, src: src, now: now}
	}
}

// sql is the SELECT for the database a detector reads: the job it holds is
// already the one for that database (Job.forSource).
func (j *Job) sql(*erp.Source) string { return j.SQL }

// count runs a COUNT query built by the caller.
func countRows(ctx context.Context, src *erp.Source, q string, args []any) (int, error) {
	n := 0
	err := src.Query(ctx, q, args, func(r erp.Record) error {
		v, err := keyOf(r, "N")
		n = int(v)
		return err
	})
	return n, err
}

func keyOf(r erp.Record, key string) (int64, error) {
	var s string
	switch v := r[key].(type) {
	case int64:
		return v, nil
	case float64:
		return int64(v), nil
	case nil:
		return 0, catalog.Errorf("poll.key_missing", "key", key)
	case string:
		s = v
	default:
		s = fmt.Sprint(v)
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		v := r[key]
		return 0, catalog.Errorf("poll.key_not_integer", "key", key, "value", fmt.Sprintf("%v (%T)", v, v)).Wrapping(err)
	}
	return n, nil
}
