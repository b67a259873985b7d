package connector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// RunResult says what one run of a job did in one source.
type RunResult struct {
	Job      string
	Source   string
	Rows     int    // rows read from the ERP
	New      int    // messages enqueued (pending or skipped)
	Skipped  int    // of New, how many were skipped with a reason
	Started  bool   // first run: the cursor was just set
	From     string // on a first run, where it started
	Cursor   string
	Duration time.Duration
}

// poller runs jobs against sources and fills the outbox.
type poller struct {
	store   *outbox.Store
	sources map[string]*erp.Group
	now     func() time.Time
	log     *slog.Logger
}

// runJob polls every source of a job.
func (p *poller) runJob(ctx context.Context, j *Job) ([]RunResult, error) {
	var results []RunResult
	for _, name := range j.Sources {
		group, ok := p.sources[name]
		if !ok {
			return results, fmt.Errorf("job %s: source %s is not open", j.Name, name)
		}
		srcs, err := group.Sources()
		if err != nil {
			return results, fmt.Errorf("job %s: %w", j.Name, err)
		}
		for _, src := range srcs {
			start := p.now()
			var res RunResult
			err := src.Verify(ctx, j.Needs)
			run := j
			if err == nil {
				run, err = j.forSource(ctx, src, p.warn) // the SELECT for this database's columns
			}
			if err == nil {
				switch j.Mode {
				case "created":
					res, err = p.pollCreated(ctx, run, src)
				case "changed":
					res, err = p.pollChanged(ctx, run, src)
				case "condition":
					res, err = p.pollCondition(ctx, run, src)
				default:
					err = fmt.Errorf("job %s: mode %q is not supported by this build", j.Name, j.Mode)
				}
			}
			res.Job, res.Source, res.Duration = j.Name, src.Name(), p.now().Sub(start)
			if err != nil && group.Templated() && errors.Is(err, erp.ErrDatabaseMissing) {
				// One year's database may not exist yet (early January);
				// the other year's still has to be polled.
				p.warn("a database of this source does not exist yet; it is polled again next run", "job", j.Name, "source", src.Name(), "err", err)
				continue
			}
			results = append(results, res)
			if err != nil {
				return results, err
			}
		}
	}
	return results, nil
}

// pollCreated follows a monotonic key. On the first run the cursor starts at
// the current maximum (no flood) unless the job asks for a backfill.
func (p *poller) pollCreated(ctx context.Context, j *Job, src *erp.Source) (RunResult, error) {
	var res RunResult
	cur, ok, err := p.store.Cursor(ctx, j.Name, src.Name())
	if err != nil {
		return res, err
	}
	if !ok {
		cur, err = p.startCursor(ctx, j, src)
		if err != nil {
			return res, err
		}
		if err := p.store.SetCursor(ctx, j.Name, src.Name(), cur); err != nil {
			return res, err
		}
		res.Started, res.From = true, cur
	}
	after, err := strconv.ParseInt(cur, 10, 64)
	if err != nil {
		return res, fmt.Errorf("job %s: cursor %q of source %s is not a whole number; the key column %s must be an increasing integer", j.Name, cur, src.Name(), j.Key)
	}
	q := erp.KeysetQuery(src.Dialect(), j.SQL, j.Key, j.PageSize)
	for {
		var page []erp.Record
		err := src.Query(ctx, q, []any{after}, func(r erp.Record) error {
			page = append(page, r)
			return nil
		})
		if err != nil {
			return res, fmt.Errorf("job %s: %w", j.Name, err)
		}
		if len(page) == 0 {
			break
		}
		last, err := keyOf(page[len(page)-1], j.Key)
		if err != nil {
			return res, fmt.Errorf("job %s: %w", j.Name, err)
		}
		if err := p.enqueuePage(ctx, j, src, page, strconv.FormatInt(last, 10), j.dedupeKey, &res); err != nil {
			return res, err
		}
		after = last
		if len(page) < j.PageSize {
			break
		}
	}
	res.Cursor = strconv.FormatInt(after, 10)
	return res, nil
}

// startCursor decides where a job that never ran begins.
func (p *poller) startCursor(ctx context.Context, j *Job, src *erp.Source) (string, error) {
	switch {
	case j.Backfill == "all":
		return strconv.FormatInt(math.MinInt32, 10), nil // below any key; Firebird refuses MinInt64 against an INTEGER key
	case len(j.Backfill) > 4 && j.Backfill[:4] == "key:":
		k, err := strconv.ParseInt(j.Backfill[4:], 10, 64)
		if err != nil {
			return "", fmt.Errorf("job %s: backfill %q: the key must be a whole number", j.Name, j.Backfill)
		}
		return strconv.FormatInt(k, 10), nil
	case j.Backfill != "" && j.Backfill != "none":
		period, err := parsePeriod(j.Backfill)
		if err != nil {
			return "", fmt.Errorf("job %s: %w", j.Name, err)
		}
		if j.DateColumn == "" {
			return "", fmt.Errorf("job %s: backfill %s needs the column that holds the creation time: set timestamp: in the job", j.Name, j.Backfill)
		}
		q := fmt.Sprintf("SELECT MAX(q.%s) AS MAX_KEY FROM (%s) q WHERE q.%s < %s", j.Key, j.SQL, j.DateColumn, src.Dialect().Placeholder(1))
		return p.maxKey(ctx, src, q, []any{p.now().Add(-period)})
	default:
		return p.maxKey(ctx, src, erp.MaxKeyQuery(j.SQL, j.Key), nil)
	}
}

func (p *poller) maxKey(ctx context.Context, src *erp.Source, q string, args []any) (string, error) {
	var max int64
	err := src.Query(ctx, q, args, func(r erp.Record) error {
		if r["MAX_KEY"] == nil {
			return nil
		}
		v, err := keyOf(r, "MAX_KEY")
		max = v
		return err
	})
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(max, 10), nil
}

func keyOf(r erp.Record, key string) (int64, error) {
	switch v := r[key].(type) {
	case int64:
		return v, nil
	case float64:
		return int64(v), nil
	case string:
		return strconv.ParseInt(v, 10, 64)
	case nil:
		return 0, fmt.Errorf("key column %s is NULL or missing in the query's result", key)
	default:
		n, err := strconv.ParseInt(fmt.Sprint(v), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("key column %s holds %v (%T), not a whole number", key, v, v)
		}
		return n, nil
	}
}

// enqueuePage stores a page's messages and the cursor after it in one
// transaction, and counts the page in res: every change-detection mode ends
// a page this way.
func (p *poller) enqueuePage(ctx context.Context, j *Job, src *erp.Source, page []erp.Record, cursor string,
	dedupe func(string, erp.Record, time.Time) (string, error), res *RunResult) error {
	msgs, skipped, err := p.messagesWith(j, src.Name(), page, dedupe)
	if err != nil {
		return err
	}
	n, err := p.store.Enqueue(ctx, outbox.Batch{Job: j.Name, Source: src.Name(), Cursor: cursor, Messages: msgs})
	if err != nil {
		return err
	}
	res.Rows += len(page)
	res.New += n
	res.Skipped += skipped
	progressOf(ctx).rows(len(page))
	return nil
}

// messages turns a page of records into outbox messages. A record that cannot
// be messaged becomes a skipped message with the reason, never an error.
func (p *poller) messages(j *Job, source string, page []erp.Record) ([]outbox.NewMessage, int, error) {
	return p.messagesWith(j, source, page, j.dedupeKey)
}

// messagesWith is messages with the mode's own dedupe key.
func (p *poller) messagesWith(j *Job, source string, page []erp.Record, dedupe func(string, erp.Record, time.Time) (string, error)) ([]outbox.NewMessage, int, error) {
	var out []outbox.NewMessage
	skipped := 0
	now := p.now()
	for _, rec := range page {
		key, err := dedupe(source, rec, now)
		if err != nil {
			return nil, 0, fmt.Errorf("job %s: dedupe key: %w", j.Name, err)
		}
		recordKey := fmt.Sprint(rec[j.Key])
		reason := ""
		if j.Check != nil {
			reason = j.Check(rec)
		}
		for _, r := range j.Mapper.Map(rec) {
			m := outbox.NewMessage{DedupeKey: key, Channel: r.Channel, RecordKey: recordKey, To: r.To,
				Subject: r.Subject, Text: r.Text, HTML: r.HTML, Payload: r.Payload, Commercial: j.Commercial, Skip: r.Skip,
				SkipTR: r.SkipTR, Standby: contains(j.Fallback, r.Channel)}
			if reason != "" {
				m.Skip, m.SkipTR = reason, "" // the job's own checks explain in English only
			}
			if m.Skip != "" {
				skipped++
			}
			out = append(out, m)
		}
	}
	return out, skipped, nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
