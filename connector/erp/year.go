package erp

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// YearPlaceholder in a database path or name stands for the working year:
// Wolvox keeps one database per company per year.
const YearPlaceholder = "{year}"

// DefaultYearGrace is how long into January last year's database is still
// polled: invoices of December are often entered in the first days of
// January, into the old year's database.
const DefaultYearGrace = 15 * 24 * time.Hour

// ErrDatabaseMissing says the database (file) does not exist on the server,
// e.g. the new year's database before the shop opened the year in Wolvox.
var ErrDatabaseMissing = errors.New("the database does not exist on the server")

// Group is one configured source. Without {year} it is a single database;
// with it, the databases of the current year and, during the grace window in
// January, of last year, each with its own name (merkez@2026) and therefore
// its own cursors and dedupe keys. Past the window last year's is still
// read while this year's does not exist: a shop that opens the year in
// Wolvox only in February goes on entering its invoices in last year's.
type Group struct {
	opts Options
	now  func() time.Time

	mu   sync.Mutex
	open map[string]*Source
	// seen are the databases that answered once: this year's is not
	// asked again whether it exists (see yearOpened). missing are those
	// the server said, the last time it was asked, do not exist.
	seen       map[string]bool
	missing    map[string]bool
	unanswered map[string]time.Time // when a ping of it last failed otherwise
}

// OpenGroup prepares a source; connections are made when first used.
func OpenGroup(o Options, now func() time.Time) (*Group, error) {
	if now == nil {
		now = time.Now
	}
	if o.YearGrace == 0 {
		o.YearGrace = DefaultYearGrace
	}
	if _, ok := openers[o.Driver]; !ok {
		return nil, catalog.Errorf("erp.driver_unsupported", "source", o.Name, "driver", strconv.Quote(o.Driver))
	}
	// Refused now rather than at the first poll.
	if _, err := NewZone(o.Location); err != nil {
		return nil, fmt.Errorf("source %s: %w", o.Name, err)
	}
	return &Group{opts: o, now: now, open: map[string]*Source{}, seen: map[string]bool{}, missing: map[string]bool{},
		unanswered: map[string]time.Time{}}, nil
}

// Name is the configured name.
func (g *Group) Name() string { return g.opts.Name }

// Templated reports whether the database path holds {year}.
func (g *Group) Templated() bool { return strings.Contains(g.opts.Database, YearPlaceholder) }

// Years returns the working years to poll at t, oldest first.
func Years(t time.Time, grace time.Duration) []int {
	y := t.Year()
	newYear := time.Date(y, time.January, 1, 0, 0, 0, 0, t.Location())
	if t.Sub(newYear) < grace {
		return []int{y - 1, y}
	}
	return []int{y}
}

// Sources returns the databases to poll now, opening new years' pools and
// closing those that left the window. Past January's window it is this
// year's database, and last year's too while this year's does not exist
// (the year not opened in Wolvox yet, see NotOpened).
func (g *Group) Sources() ([]*Source, error) {
	want := map[string]Options{}
	if !g.Templated() {
		want[g.opts.Name] = g.opts
	} else {
		// The shop's calendar decides the year, as in Open.
		years := Years(g.now().In(g.opts.Location), g.opts.YearGrace)
		if len(years) == 1 && !g.yearOpened(years[0]) {
			years = []int{years[0] - 1, years[0]}
		}
		for _, y := range years {
			o := g.year(y)
			want[o.Name] = o
		}
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	for name, s := range g.open {
		if _, ok := want[name]; !ok {
			s.Close()
			delete(g.open, name)
		}
	}
	var out []*Source
	for _, o := range want {
		s, err := g.openLocked(o)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// year is the options of year y's database (merkez@2027).
func (g *Group) year(y int) Options {
	o := g.opts
	o.Name = g.opts.Name + "@" + strconv.Itoa(y)
	o.Database = strings.ReplaceAll(o.Database, YearPlaceholder, strconv.Itoa(y))
	return o
}

// openLocked is the open pool of o's database, opened now if need be; g.mu
// is held.
func (g *Group) openLocked(o Options) (*Source, error) {
	if s, ok := g.open[o.Name]; ok {
		return s, nil
	}
	s, err := Open(o)
	if err != nil {
		return nil, err
	}
	if s.missing == nil { // a file that does not exist yet is looked for again next time
		g.open[o.Name] = s
	}
	return s, nil
}

// yearOpened reports whether year y's database exists: asked of the server
// (a ping) until it answers once. Only a database the server says does not
// exist is not there: one that cannot be reached, or refuses the user, is
// this year's all the same, and its runs say why they cannot read it. A
// server that did not answer is not asked again for a while: every job's
// run would wait for its timeout twice.
func (g *Group) yearOpened(y int) bool {
	o := g.year(y)
	now := g.now()
	g.mu.Lock()
	if g.seen[o.Name] || now.Before(g.unanswered[o.Name].Add(unansweredFor)) {
		g.mu.Unlock()
		return true
	}
	s, err := g.openLocked(o)
	g.mu.Unlock()
	if err != nil {
		return true // said by the run, which opens it too
	}
	err = s.Ping(context.Background()) // within the source's timeout
	missing := errors.Is(err, ErrDatabaseMissing)
	g.mu.Lock()
	defer g.mu.Unlock()
	g.seen[o.Name] = err == nil
	g.missing[o.Name] = missing
	delete(g.unanswered, o.Name)
	if err != nil && !missing {
		g.unanswered[o.Name] = now
	}
	return !missing
}

// unansweredFor is how long a server that did not say whether this year's
// database exists is taken to have it.
const unansweredFor = 5 * time.Minute

// NotOpened is this year's database of a {year} source past January's
// window while it does not exist, and last year's, read instead.
type NotOpened struct {
	Source   string // this year's database by name (merkez@2027)
	Year     int
	Database string // its path or name on the server
	Read     string // last year's, read instead (merkez@2026)
}

// NotOpened says whether the group reads last year's database at now
// because this year's does not exist: past January's window, the shop has
// not opened the year in Wolvox. It is what the last Sources found (the
// status page and the metrics call it, and every run asks the server);
// only before any has, it asks the server itself.
func (g *Group) NotOpened(now time.Time) (NotOpened, bool) {
	if !g.Templated() {
		return NotOpened{}, false
	}
	now = now.In(g.opts.Location)
	if len(Years(now, g.opts.YearGrace)) > 1 {
		return NotOpened{}, false
	}
	o := g.year(now.Year())
	g.mu.Lock()
	missing, asked := g.missing[o.Name]
	g.mu.Unlock()
	if !asked {
		missing = !g.yearOpened(now.Year())
	}
	if !missing {
		return NotOpened{}, false
	}
	return NotOpened{Source: o.Name, Year: now.Year(), Database: o.Database, Read: g.year(now.Year() - 1).Name}, true
}

// YearSource opens year y's database of a {year} source on its own, for
// the caller to close: last year's past January's window, for a job's last
// read of it (the group's own pools are closed when they leave the window).
func (g *Group) YearSource(y int) (*Source, error) { return Open(g.year(y)) }

// Newest is the newest of the group's databases that exists: this year's,
// or last year's while the shop has not opened the year in Wolvox. The
// oldest is returned whatever it answers, for its caller to say why.
func (g *Group) Newest(ctx context.Context) (*Source, error) {
	srcs, err := g.Sources()
	if err != nil {
		return nil, err
	}
	for i := len(srcs) - 1; i > 0; i-- {
		if err := srcs[i].Ping(ctx); !g.Templated() || !errors.Is(err, ErrDatabaseMissing) {
			return srcs[i], nil
		}
	}
	return srcs[0], nil
}

// Ping checks every database of the group. A year's database that does
// not exist yet is no failure while another of the group answers: runs
// read that one (last year's, the year not opened in Wolvox yet), and
// monitoring must not call the connector down from 1 January until the
// shop opens the year.
func (g *Group) Ping(ctx context.Context) error {
	srcs, err := g.Sources()
	if err != nil {
		return err
	}
	var errs, missing []error
	answered := false
	for _, s := range srcs {
		switch err := s.Ping(ctx); {
		case err == nil:
			answered = true
		case g.Templated() && errors.Is(err, ErrDatabaseMissing):
			missing = append(missing, err)
		default:
			errs = append(errs, err)
		}
	}
	if !answered {
		errs = append(errs, missing...)
	}
	return errors.Join(errs...)
}

// Close closes every open pool.
func (g *Group) Close() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	var errs []error
	for name, s := range g.open {
		errs = append(errs, s.Close())
		delete(g.open, name)
	}
	return errors.Join(errs...)
}

// missingDatabase recognises the servers' "no such database" answers.
func missingDatabase(err error) bool {
	if err == nil {
		return false
	}
	m := strings.ToLower(err.Error())
	for _, s := range []string{"i/o error during \"open\"", "no such file or directory", "the system cannot find the file",
		"cannot open database", "database file", "does not exist"} {
		if strings.Contains(m, s) {
			return true
		}
	}
	return false
}
