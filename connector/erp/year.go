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
// its own cursors and dedupe keys.
type Group struct {
	opts Options
	now  func() time.Time

	mu   sync.Mutex
	open map[string]*Source
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
	return &Group{opts: o, now: now, open: map[string]*Source{}}, nil
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
// closing those that left the window.
func (g *Group) Sources() ([]*Source, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	want := map[string]Options{}
	if !g.Templated() {
		want[g.opts.Name] = g.opts
	} else {
		// The shop's calendar decides the year, as in Open.
		for _, y := range Years(g.now().In(g.opts.Location), g.opts.YearGrace) {
			o := g.opts
			o.Name = g.opts.Name + "@" + strconv.Itoa(y)
			o.Database = strings.ReplaceAll(o.Database, YearPlaceholder, strconv.Itoa(y))
			want[o.Name] = o
		}
	}
	for name, s := range g.open {
		if _, ok := want[name]; !ok {
			s.Close()
			delete(g.open, name)
		}
	}
	var out []*Source
	for name, o := range want {
		s, ok := g.open[name]
		if !ok {
			var err error
			if s, err = Open(o); err != nil {
				return nil, err
			}
			if s.missing == nil { // a file that does not exist yet is looked for again next time
				g.open[name] = s
			}
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// Ping checks every database of the group.
func (g *Group) Ping(ctx context.Context) error {
	srcs, err := g.Sources()
	if err != nil {
		return err
	}
	var errs []error
	for _, s := range srcs {
		errs = append(errs, s.Ping(ctx))
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
