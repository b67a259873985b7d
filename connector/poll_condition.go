package connector

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// pollCondition runs the job's query as it is (due invoices, birthdays) and
// enqueues every row. The dedupe key carries the period, so a row that still
// matches notifies once per period and again only in the next one: the
// re-notify interval (renotify: 7d) sets the period's length; without it
// the period is the calendar month (overdue:merkez:12:2026-11).
func (p *poller) pollCondition(ctx context.Context, j *Job, src *erp.Source) (RunResult, error) {
	var res RunResult
	now := p.now()
	period := periodLabel(now, j.Renotify)
	key := func(source string, rec erp.Record, now time.Time) (string, error) {
		if j.DedupeKey != nil {
			return j.conditionKey(source, rec, period)
		}
		return fmt.Sprintf("%s:%s:%v:%s", j.Entity, source, rec[strings.ToUpper(j.Key)], period), nil
	}
	// Rows are collected a page at a time and enqueued, so a large result
	// is streamed through, never held whole.
	var page []erp.Record
	flush := func() error {
		if len(page) == 0 {
			return nil
		}
		if err := p.enqueuePage(ctx, j, src, page, period, key, &res); err != nil {
			return err
		}
		page = page[:0]
		return nil
	}
	err := src.Query(ctx, j.SQL, nil, func(r erp.Record) error {
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
		return res, fmt.Errorf("job %s: %w", j.Name, err)
	}
	res.Cursor = period
	return res, nil
}

// periodLabel names the re-notify period now falls in: the calendar month
// without an interval, else the first day of the interval's bucket, counted
// in whole local days so a bucket never changes in the middle of a day.
func periodLabel(now time.Time, every time.Duration) string {
	if every <= 0 {
		return now.Format("2006-01")
	}
	days := int64(every / (24 * time.Hour))
	if days < 1 {
		// Intervals under a day: buckets of that length since the epoch.
		n := now.UnixNano() / int64(every)
		return time.Unix(0, n*int64(every)).In(now.Location()).Format("2006-01-02T15:04")
	}
	y, m, d := now.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	start := day - day%days
	return time.Unix(start*86400, 0).UTC().Format("2006-01-02")
}

// conditionKey renders the job's dedupe_key template with PERIOD set to the
// re-notify period, e.g. "overdue:{{.CARIKODU}}:{{.PERIOD}}".
func (j *Job) conditionKey(source string, rec erp.Record, period string) (string, error) {
	data := make(erp.Record, len(rec)+2)
	for k, v := range rec {
		data[k] = v
	}
	data["SOURCE"] = source
	data["PERIOD"] = period
	s, err := j.DedupeKey.Execute(data)
	if err != nil {
		return "", err
	}
	return source + ":" + s, nil
}
