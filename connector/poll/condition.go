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
	return periodEvent(d.now, d.job.Renotify)
}

// periodEvent is a row's event in the re-notify period now falls in. The
// periods are blocks of days counted from 1970, the same for every row, so
// a row that starts to match on a period's last day would match again the
// next day, in the next period: renotify says how long after a notice the
// next may come, not how the calendar is cut. So a message of the period
// before, made less than renotify (in whole days) before today, stands for
// this one (the outbox's former keys): the next notice comes renotify after
// the last one, on the first run in a later period. Periods under two days,
// and the calendar month (no renotify), have no such overlap to guard.
func periodEvent(now time.Time, every time.Duration) event {
	ev := conditionEvent(periodLabel(now, every))
	days := int(every / (24 * time.Hour))
	if days < 2 {
		return ev
	}
	y, m, dd := now.Date()
	today := time.Date(y, m, dd, 0, 0, 0, 0, time.UTC).Unix() / 86400
	start := today - today%int64(days)
	ev.former = []string{time.Unix((start-int64(days))*86400, 0).UTC().Format("2006-01-02")}
	ev.since = time.Date(y, m, dd-(days-1), 0, 0, 0, 0, now.Location())
	return ev
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
