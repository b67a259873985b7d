package outbox

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// The hot path's writes (starting a request's messages, recording their
// outcomes, the audit rows of the requests) go through one writer that
// commits whatever is waiting in one transaction: with several requests in
// flight their claims and outcomes share a commit, and its fsync, instead
// of paying one each. synchronous=FULL stays: a caller of group returns
// only once its write is durable, as with its own transaction.

// maxGroup bounds the operations one commit carries.
const maxGroup = 256

// op is one write waiting for the writer: a function of the transaction,
// or the outcomes of a request, or an audit row. Outcomes and audit rows
// of one group are written by one statement each for all of them.
type op struct {
	ctx context.Context
	fn  func(ctx context.Context, tx *sql.Tx) error
	// finish holds a request's outcomes; stale receives the ids of those
	// no longer being sent.
	finish []Done
	stale  []int64
	audit  *AuditEntry
	// res receives the outcome once committed; nil when nobody waits (an
	// audit row), then onErr hears of a failure.
	res   chan error
	onErr func(error)
}

// writer owns the commit loop.
type writer struct {
	mu     sync.RWMutex // held for reading while sending to ops
	closed bool
	ops    chan *op
	done   chan struct{}
}

func (s *Store) startWriter() {
	s.w = &writer{ops: make(chan *op, 4*maxGroup), done: make(chan struct{})}
	go s.writeLoop()
}

// stopWriter commits what is queued and ends the loop.
func (s *Store) stopWriter() {
	if s.w == nil {
		return
	}
	s.w.mu.Lock()
	if !s.w.closed {
		s.w.closed = true
		close(s.w.ops)
	}
	s.w.mu.Unlock()
	<-s.w.done
}

// group runs fn in the next group commit and returns once it is durable
// (or failed). Without a writer (a read-only or closed store) fn gets a
// transaction of its own.
func (s *Store) group(ctx context.Context, fn func(ctx context.Context, tx *sql.Tx) error) error {
	return s.run(&op{ctx: ctx, fn: fn, res: make(chan error, 1)})
}

// run hands o to the writer and waits for it; without a writer (a
// read-only or closed store) o gets a transaction of its own.
func (s *Store) run(o *op) error {
	if !s.submit(o) {
		return s.tx(o.ctx, func(tx *sql.Tx) error { return s.runAlone(o, tx) })
	}
	return <-o.res
}

// runAlone runs one op in tx.
func (s *Store) runAlone(o *op, tx *sql.Tx) error {
	switch {
	case o.fn != nil:
		return o.fn(o.ctx, tx)
	case o.finish != nil:
		return s.finishRows(o.ctx, tx, []*op{o})
	case o.audit != nil:
		return s.auditRows(o.ctx, tx, []*op{o})
	}
	return nil
}

// queue hands o to the writer without waiting for it.
func (s *Store) queue(o *op) {
	if !s.submit(o) {
		if err := s.tx(o.ctx, func(tx *sql.Tx) error { return s.runAlone(o, tx) }); err != nil && o.onErr != nil {
			o.onErr(err)
		}
	}
}

func (s *Store) submit(o *op) bool {
	if s.w == nil {
		return false
	}
	s.w.mu.RLock()
	defer s.w.mu.RUnlock()
	if s.w.closed {
		return false
	}
	s.w.ops <- o
	return true
}

// While a dispatcher starts requests one after the other (a start committed
// within startsBusy), a group holding only outcomes and audit rows waits up
// to linger for the next start and shares its commit: with many requests in
// flight their answers trickle in one by one, and each would otherwise pay
// a commit and its fsync of its own. An outcome is no less durable for it:
// its caller still returns only once it is committed, and a crash meanwhile
// leaves the message sending, then uncertain and checked, as before.
const (
	linger     = 2 * time.Millisecond
	startsBusy = 5 * time.Millisecond
)

func (s *Store) writeLoop() {
	defer close(s.w.done)
	batch := make([]*op, 0, maxGroup)
	var lastStart time.Time // the last commit that held a function (a take)
	timer := time.NewTimer(linger)
	timer.Stop()
	for first := range s.w.ops {
		batch = append(batch[:0], first)
		open := s.gather(&batch, nil)
		starts := hasFn(batch)
		if open && !starts && time.Since(lastStart) < startsBusy {
			timer.Reset(linger)
			s.gather(&batch, timer.C)
			timer.Stop() // since Go 1.23 a stopped timer delivers nothing stale
			starts = hasFn(batch)
		}
		if starts {
			lastStart = time.Now()
		}
		s.commitGroup(batch)
	}
}

// gather adds queued ops to batch, up to maxGroup: those waiting now, or,
// with until set, those that arrive before it fires or until a function
// arrives. It reports whether the queue is still open.
func (s *Store) gather(batch *[]*op, until <-chan time.Time) bool {
	for len(*batch) < maxGroup {
		var o *op
		var ok bool
		if until == nil {
			select {
			case o, ok = <-s.w.ops:
			default:
				return true
			}
		} else {
			select {
			case o, ok = <-s.w.ops:
			case <-until:
				return true
			}
		}
		if !ok {
			return false
		}
		*batch = append(*batch, o)
		if until != nil && o.fn != nil {
			return true
		}
	}
	return true
}

func hasFn(batch []*op) bool {
	for _, o := range batch {
		if o.fn != nil {
			return true
		}
	}
	return false
}

// commitGroup runs the group's functions each under its own savepoint, so
// that one failing (a move the state table refuses) does not undo the
// others, then writes all of its outcomes and audit rows with one
// statement each, and commits.
func (s *Store) commitGroup(batch []*op) {
	errs := make([]error, len(batch))
	fail := func(err error) {
		for i := range errs {
			if errs[i] == nil {
				errs[i] = err
			}
		}
	}
	var fns, finishes, audits []*op
	for i, o := range batch {
		if err := o.ctx.Err(); err != nil {
			errs[i] = err
			continue
		}
		switch {
		case o.fn != nil:
			fns = append(fns, o)
		case o.finish != nil:
			finishes = append(finishes, o)
		case o.audit != nil:
			audits = append(audits, o)
		}
	}
	tx, err := s.db.BeginTx(context.Background(), nil)
	if err != nil {
		fail(err)
	} else if err := s.runGroup(tx, batch, fns, finishes, audits, errs); err != nil {
		_ = tx.Rollback()
		fail(err)
	} else if err := tx.Commit(); err != nil {
		// Nothing of the group was written.
		for i := range errs {
			errs[i] = err
		}
	}
	for i, o := range batch {
		err := unwritable(errs[i])
		s.noteWrite(err)
		if o.res != nil {
			o.res <- err
		} else if err != nil && o.onErr != nil {
			o.onErr(err)
		}
	}
}

// runGroup writes a group inside tx; an error means nothing of it holds.
func (s *Store) runGroup(tx *sql.Tx, batch, fns, finishes, audits []*op, errs []error) error {
	ctx := context.Background()
	index := make(map[*op]int, len(batch))
	for i, o := range batch {
		index[o] = i
	}
	for _, o := range fns {
		// An op cancelled before its turn was left out; once it runs, it
		// runs to the end: SQLite answers a statement interrupted by a
		// cancelled context by rolling back the whole transaction, and
		// with it the other requests' outcomes.
		octx := context.WithoutCancel(o.ctx)
		if len(batch) == 1 {
			if err := o.fn(octx, tx); err != nil {
				return err
			}
			continue
		}
		if _, err := s.hot.savepoint.exec(ctx, tx); err != nil {
			return err
		}
		if err := o.fn(octx, tx); err != nil {
			errs[index[o]] = err
			// Some errors (a full disk, an I/O error) make SQLite roll
			// back the whole transaction; then nothing of the group holds.
			if _, rerr := s.hot.rollbackTo.exec(ctx, tx); rerr != nil {
				return err
			}
		}
		if _, err := s.hot.release.exec(ctx, tx); err != nil {
			return err
		}
	}
	if len(finishes) > 0 {
		if err := s.finishRows(ctx, tx, finishes); err != nil {
			return err
		}
	}
	if len(audits) > 0 {
		if err := s.auditRows(ctx, tx, audits); err != nil {
			return err
		}
	}
	return nil
}

// WriteHealth is what the store knows of its own writes since it opened,
// for /readyz and the metrics: a full disk shows here before any probe.
type WriteHealth struct {
	Errors    uint64    // writes that failed because the outbox could not be written
	LastError string    // the last such failure
	LastErrAt time.Time // when
	LastOKAt  time.Time // the last write that succeeded
}

// Failing reports whether the last write failed.
func (h WriteHealth) Failing() bool { return !h.LastErrAt.IsZero() && !h.LastErrAt.Before(h.LastOKAt) }

type writeHealth struct {
	mu sync.Mutex
	h  WriteHealth
}

// noteWrite keeps the outcome of a write for WriteHealth. Only failures of
// the file itself count: a refused state move is the caller's error.
func (s *Store) noteWrite(err error) {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	now := time.Now()
	switch {
	case err == nil:
		s.health.h.LastOKAt = now
	case Unwritable(err):
		s.health.h.Errors++
		s.health.h.LastError = err.Error()
		s.health.h.LastErrAt = now
	}
}

// WriteHealth returns what the store knows of its writes.
func (s *Store) WriteHealth() WriteHealth {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	return s.health.h
}

// Sync returns once every write queued before it is durable.
func (s *Store) Sync(ctx context.Context) error {
	return s.group(ctx, func(context.Context, *sql.Tx) error { return nil })
}
