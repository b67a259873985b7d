package poll

import (
	"context"
	"fmt"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// condition runs the job's query as it is (due invoices, birthdays) and
// enqueues every row. The dedupe key carries the period, so a row that still
// matches notifies once per period and again only in the next one: the
// re-notify interval (renotify: 7d) sets the period's length; without it
// the period is the calendar month (lowstock:merkez:12:2026-11). The
// reminders' periods start from each invoice's due date (anchored.go).
type condition struct {
	job *Job
	src *erp.Source
	now time.Time
}

func (d *condition) resumes() bool { return false }

func (d *condition) period() periodCursor {
	return periodCursor{label: periodLabel(d.now, d.job.Renotify)}
}

func (d *condition) start(context.Context) (cursor, error) { return d.period(), nil }

func (d *condition) parse(string) (cursor, error) { return d.period(), nil }

func (d *condition) event(rec erp.Record) event {
	if ev, ok := d.job.anchoredEvent(rec, d.now); ok {
		return ev
	}
	return conditionEvent(d.period().label)
}

// read streams the result a page at a time: a large result is never held
// whole.
func (d *condition) read(ctx context.Context, _ cursor, emit func([]erp.Record, cursor) error) error {
	j := d.job
	after := d.period()
	var page []erp.Record
	flush := func() error {
		if len(page) == 0 {
			return nil
		}
		err := emit(page, after)
		page = page[:0]
		return err
	}
	err := d.src.Query(ctx, j.sql(d.src), nil, func(r erp.Record) error {
		page = append(page, r)
		if len(page) >= j.PageSize {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("job %s: %w", j.Name, err)
	}
	return nil
}

func (d *condition) count(ctx context.Context, _ cursor) (int, error) {
	return countRows(ctx, d.src, erp.CountQuery(d.src.Dialect(), d.job.sql(d.src)), nil)
}
