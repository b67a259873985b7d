package poll

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/progress"
)

// Result says what one run of a job did in one database.
type Result struct {
	Job     string
	Source  string
	Rows    int  // rows read from the ERP
	New     int  // messages enqueued (pending or skipped)
	Skipped int  // of New, how many were skipped with a reason
	Started bool // first run: the cursor was just set
	// NoBackfill: the job's backfill was not sent, the outbox being
	// recreated or replaced (see BackfillBlocks).
	NoBackfill bool
	From       string // on a first run, where it started
	// NewYear: the first run in a year's database that follows one the job
	// read, from its first row.
	NewYear  bool
	Cursor   string
	Duration time.Duration
}

// Cursors is where a job's positions are kept: the outbox, or a read-only
// view of it for check.
type Cursors interface {
	Cursor(ctx context.Context, job, source string) (value string, ok bool, err error)
}

// Store is what a poll run writes: the first position of a new job, and each
// page's messages together with the position after it.
type Store interface {
	Cursors
	SetCursor(ctx context.Context, job, source, value string) error
	Enqueue(ctx context.Context, b outbox.Batch) (outbox.Enqueued, error)
	KnownRecords(ctx context.Context, job, source string, keys []string) (map[string]bool, error)
}

// Poller runs jobs against their databases and fills the outbox.
type Poller struct {
	Store   Store
	Sources map[string]*erp.Group
	Now     func() time.Time
	Log     *slog.Logger
	// Enqueued, when set, hears of every page that enqueued new messages,
	// so that sending need not wait for the end of a long run (a backfill).
	Enqueued func()

	// missing are the year databases (merkez@2027) whose absence was
	// logged: once, for every job, until the database answers.
	missing sync.Map
	// cursors are where positions are read when there is no Store
	// (Pending's read-only view).
	cursors Cursors
}

// BackfillBlocks is a store that may forbid a job's backfill: an outbox that
// was recreated or replaced, where the operator did not confirm sending a
// backfill again (outbox.Store).
type BackfillBlocks interface {
	BackfillBlocked(ctx context.Context, job string) (bool, error)
	UnblockBackfill(ctx context.Context, job string) error
}

// withoutBlockedBackfill is j, or j without its backfill when the store
// forbids it.
func withoutBlockedBackfill(ctx context.Context, store any, j *Job) (*Job, bool, error) {
	b, ok := store.(BackfillBlocks)
	if !ok || !j.Backfill.Set() {
		return j, false, nil
	}
	blocked, err := b.BackfillBlocked(ctx, j.Name)
	if err != nil || !blocked {
		return j, false, err
	}
	c := *j
	c.Backfill = config.Backfill{}
	return &c, true, nil
}

// Run polls every database of a job once.
func (p *Poller) Run(ctx context.Context, j *Job) ([]Result, error) {
	j, blocked, err := withoutBlockedBackfill(ctx, p.Store, j)
	if err != nil {
		return nil, err
	}
	if blocked {
		p.warn("log.poll.backfill_blocked", "job", j.Name)
	}
	var results []Result
	begun := map[string]bool{} // databases whose cursor this run set
	err = p.eachSource(ctx, j, func(run *Job, src *erp.Source) error {
		start := p.Now()
		res, err := p.runSource(ctx, run, src, begun)
		if res.Started {
			begun[src.Name()] = true
		}
		res.Job, res.Source, res.Duration, res.NoBackfill = j.Name, src.Name(), p.Now().Sub(start), blocked
		results = append(results, res)
		return err
	})
	if err == nil && blocked {
		// Every database of the job has its cursor now: no first run is
		// left that the block must cover.
		err = p.Store.(BackfillBlocks).UnblockBackfill(ctx, j.Name)
	}
	return results, err
}

// eachSource calls fn for every database of the job's sources (a {year}
// source has one per year in its grace window), after checking that the
// database has what the job reads, with the job's SELECT for that database's
// columns. A year's database that does not exist yet is skipped: the other
// year's still has to be polled.
func (p *Poller) eachSource(ctx context.Context, j *Job, fn func(*Job, *erp.Source) error) error {
	return p.eachSourceNamed(ctx, j, "", fn)
}

// eachSourceNamed is eachSource for the one database named only ("": every
// one): the others are neither checked nor read, so that one that is down
// does not stop the work on this one.
func (p *Poller) eachSourceNamed(ctx context.Context, j *Job, only string, fn func(*Job, *erp.Source) error) error {
	for _, name := range j.Sources {
		group, ok := p.Sources[name]
		if !ok {
			return fmt.Errorf("job %s: source %s is not open", j.Name, name)
		}
		srcs, err := group.Sources()
		if err != nil {
			return fmt.Errorf("job %s: %w", j.Name, err)
		}
		one := only == "" && j.Mode == config.ModeCondition && group.Templated() && len(srcs) > 1
		if one {
			srcs = j.yearFirst(srcs, p.Now())
		}
		if only == "" {
			last, err := p.lastLook(ctx, j, group, srcs)
			if err != nil {
				return fmt.Errorf("job %s: %w", j.Name, err)
			}
			if last != nil {
				defer last.Close()
				srcs = append([]*erp.Source{last}, srcs...)
			}
		}
		for _, src := range srcs {
			if only != "" && src.Name() != only {
				continue
			}
			err := src.Verify(ctx, j.Needs)
			if err == nil {
				err = j.verifyLog(ctx, src)
			}
			run := j
			if err == nil {
				var warn func(string, ...any)
				if p.Log != nil { // Pending and check say it themselves
					warn = p.Log.Warn
				}
				run, err = j.forSource(ctx, src, warn)
			}
			if err == nil {
				err = fn(run, src)
			}
			if err != nil && skipped(group, err) {
				// Every job of the source, every run, until the shop
				// opens the year (weeks, some years): said once.
				if _, said := p.missing.LoadOrStore(src.Name(), true); !said {
					p.warn("log.poll.database_missing", "source", src.Name(), "database", src.Database())
				}
				continue
			}
			if err != nil {
				return err
			}
			p.missing.Delete(src.Name())
			if one {
				break
			}
		}
	}
	return nil
}

// lastLook is last year's database of a {year} source past January's
// window, for a job's first run in this year's (its cursor there not set
// yet, last year's set): read to its end a last time before the job moves
// on, as the window would have, so that what was entered there since the
// job last read it is sent: the minutes before a shop opened the year in
// February, or the days the service was stopped over it. A condition job
// reads one database and has none. Nil when there is none to read.
func (p *Poller) lastLook(ctx context.Context, j *Job, group *erp.Group, srcs []*erp.Source) (*erp.Source, error) {
	if j.Mode == config.ModeCondition || !group.Templated() || len(srcs) != 1 {
		return nil, nil
	}
	base, year, ok := strings.Cut(srcs[0].Name(), "@")
	y, err := strconv.Atoi(year)
	if !ok || err != nil {
		return nil, nil
	}
	var cursors Cursors = p.cursors
	if p.Store != nil {
		cursors = p.Store
	}
	if cursors == nil {
		return nil, nil
	}
	if _, started, err := cursors.Cursor(ctx, j.Name, srcs[0].Name()); err != nil || started {
		return nil, err
	}
	if _, read, err := cursors.Cursor(ctx, j.Name, base+"@"+strconv.Itoa(y-1)); err != nil || !read {
		return nil, err
	}
	return group.YearSource(y - 1)
}

// yearFirst orders the year databases of a condition job (oldest first in
// srcs) by the one it reads: the first that exists. A condition job reads
// one: a customer is in both (Wolvox's year opening copies the customers),
// so two would greet each birthday twice, and an invoice's payments entered
// in the new year are not in last year's database, which would remind a
// customer who has paid. That is this year's database, the newest; before
// the shop opens it, last year's. A statement's period in January is last
// year's (December, the last quarter, the year): its movements are there.
func (j *Job) yearFirst(srcs []*erp.Source, now time.Time) []*erp.Source {
	out := slices.Clone(srcs)
	loc := j.loc
	if loc == nil {
		loc = time.Local
	}
	if j.statement != nil && now.In(loc).Month() == time.January {
		return out
	}
	slices.Reverse(out)
	return out
}

// runSource reads one database from the job's cursor to the end, a page at a
// time; each page's messages and the cursor after it are stored together.
func (p *Poller) runSource(ctx context.Context, j *Job, src *erp.Source, begun map[string]bool) (Result, error) {
	var res Result
	det := j.detector(src, p.Now())
	cur, err := p.cursor(ctx, j, src, det, &res, begun)
	if err != nil {
		return res, err
	}
	last := cur
	rc := &runContext{now: p.Now()}
	if rc.sent, err = j.loadSent(ctx, src, rc.now, j.region); err != nil {
		return res, err
	}
	reread, again := det.(rereader)
	err = det.read(ctx, cur, func(page []erp.Record, after cursor) error {
		last = after
		if again {
			var err error
			if page, rc.reread, err = p.dropKnown(ctx, j, src, page, reread.seen(cur)); err != nil {
				return err
			}
		}
		return p.enqueuePage(ctx, j, src, det, page, after, rc, &res)
	})
	if err != nil {
		return res, err
	}
	res.Cursor = last.String()
	return res, nil
}

// rereader is a detector that reads again rows up to the key seen(c) (the
// created mode's rows committed late): of those, only rows the outbox holds
// no message for are new.
type rereader interface {
	seen(c cursor) int64
}

// dropKnown leaves out of page the rows up to seen that the outbox already
// holds messages of this job for, so that a row read again is neither
// planned, nor counted, nor skipped twice. It returns the record keys of
// the rows up to seen it kept: committed late, or read before and their
// messages erased by forget (the outbox stores nothing of those again).
func (p *Poller) dropKnown(ctx context.Context, j *Job, src *erp.Source, page []erp.Record, seen int64) ([]erp.Record, map[string]bool, error) {
	again := map[string]bool{} // the record keys (as stored) of rows up to seen
	for _, r := range page {
		if k, err := keyOf(r, j.Key); err == nil && k <= seen {
			again[fmt.Sprint(r[j.Key])] = true
		}
	}
	if len(again) == 0 {
		return page, nil, nil
	}
	known, err := p.Store.KnownRecords(ctx, j.Name, src.Name(), slices.Collect(maps.Keys(again)))
	if err != nil {
		return nil, nil, err
	}
	out := page[:0:0]
	for _, r := range page {
		if k := fmt.Sprint(r[j.Key]); !(again[k] && known[k]) {
			out = append(out, r)
		}
	}
	for k := range known {
		delete(again, k)
	}
	return out, again, nil
}

// cursor loads the job's saved position, or for a job that never ran in
// this database saves where it starts (no flood: the current end, unless a
// backfill is asked for).
func (p *Poller) cursor(ctx context.Context, j *Job, src *erp.Source, det detector, res *Result, begun map[string]bool) (cursor, error) {
	if !det.resumes() {
		return det.start(ctx)
	}
	s, ok, err := p.Store.Cursor(ctx, j.Name, src.Name())
	if err != nil {
		return nil, err
	}
	if ok {
		c, err := det.parse(s)
		if err != nil {
			return nil, fmt.Errorf("job %s, source %s: %w", j.Name, src.Name(), err)
		}
		return c, nil
	}
	j, c, err := newYearStart(ctx, p.Store, j, src, begun)
	if err != nil {
		return nil, err
	}
	res.NewYear = c != nil
	if c == nil {
		if c, err = j.detector(src, p.Now()).start(ctx); err != nil {
			return nil, fmt.Errorf("job %s: %w", j.Name, err)
		}
	}
	if err := p.Store.SetCursor(ctx, j.Name, src.Name(), c.String()); err != nil {
		return nil, err
	}
	res.Started, res.From = true, c.String()
	return c, nil
}

// newYearStart is how a job starts in a year's database (merkez@2027)
// that follows the one it read last year (merkez@2026). A job whose rows
// are the year's own (the invoices) starts there from the first row (c):
// not "now", as for a job that never ran, or the invoices entered in the
// new database before its first read (the run before it opened, or failed
// on its rights) would never be sent. Any other job starts as a new job
// without its backfill (the job returned): the backfill was the job's
// first start's, in last year's database, and here would read again what
// Wolvox's year opening copied (every customer, every balance) and send it
// all a second time. For any other database, and when last year's cursor
// was set in this run (begun: a job installed in January starts both as a
// new job does), it is j and nil.
func newYearStart(ctx context.Context, cursors Cursors, j *Job, src *erp.Source, begun map[string]bool) (*Job, cursor, error) {
	own := j.YearsOwn && j.Mode == config.ModeCreated
	if !own && !j.Backfill.Set() {
		return j, nil, nil
	}
	base, year, ok := strings.Cut(src.Name(), "@")
	y, err := strconv.Atoi(year)
	if !ok || err != nil {
		return j, nil, nil
	}
	last := base + "@" + strconv.Itoa(y-1)
	if begun[last] {
		return j, nil, nil
	}
	_, read, err := cursors.Cursor(ctx, j.Name, last)
	switch {
	case err != nil || !read:
		return j, nil, err
	case own:
		return j, startingAfter(minKey), nil
	}
	nb := *j
	nb.Backfill = config.Backfill{}
	return &nb, nil, nil
}

// enqueuePage stores a page's messages and the cursor after it in one
// transaction, and counts the page in res.
func (p *Poller) enqueuePage(ctx context.Context, j *Job, src *erp.Source, det detector, page []erp.Record, after cursor, rc *runContext, res *Result) error {
	var err error
	if rc.contacts, err = j.loadContacts(ctx, src, page); err != nil {
		return err
	}
	if rc.movements, err = j.loadMovements(ctx, src, page); err != nil {
		return err
	}
	msgs, skipped, err := j.messages(src.Name(), page, det, rc)
	if err != nil {
		return err
	}
	for i := range msgs {
		msgs[i].Reread = rc.reread[msgs[i].RecordKey]
	}
	n, err := p.Store.Enqueue(ctx, outbox.Batch{Job: j.Name, Source: src.Name(), Cursor: after.String(), Messages: msgs})
	if err != nil {
		return err
	}
	res.Rows += len(page)
	res.New += n.New
	res.Skipped += skipped + n.Suppressed // forgotten recipients are stored skipped
	progress.Of(ctx).AddRows(len(page))
	if n.New > 0 && p.Enqueued != nil {
		p.Enqueued()
	}
	return nil
}

// messages turns a page of records into outbox messages. A record that cannot
// be messaged becomes a skipped message with the reason, never an error.
func (j *Job) messages(source string, page []erp.Record, det detector, rc *runContext) ([]outbox.NewMessage, int, error) {
	var out []outbox.NewMessage
	skipped := 0
	for _, rec := range page {
		msgs, err := j.plan(source, rec, det.event(rec), rc)
		if err != nil {
			return nil, 0, err
		}
		for _, m := range msgs {
			if m.Skip != nil {
				skipped++
			}
			out = append(out, m.NewMessage)
		}
	}
	return out, skipped, nil
}

func (p *Poller) warn(msg string, kv ...any) {
	if p.Log != nil {
		p.Log.Warn(msg, kv...)
	}
}
