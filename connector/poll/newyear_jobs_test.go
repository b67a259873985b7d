package poll_test

import (
	"bytes"
	"context"
	"database/sql"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
)

// A job's backfill is its first start's. Wolvox's year opening copies the
// customers and their balances into the new year's database: a job that read
// last year's starts the new one at its end whatever its backfill, or every
// customer would be welcomed, and every opening balance thanked for, a
// second time. Invoices are the year's own: read from the first, as without
// a backfill. A job installed in January backfills both databases. check's
// count of what the next run reads says the same.
func TestNewYearsDatabaseIsNoBackfill(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name, job string
		lastYear  bool // the job ran in 2026's database before 2027's was made
		want      int  // messages made in 2027's database by its first run
	}{
		{name: "new customers, backfill all", lastYear: true, want: 0, job: `
  - name: j
    preset: new_customers
    backfill: all
    schedule: "@every 5m"
    messages: {sms: {text: "Hoş geldiniz {{.ALICI_ADI}}"}}
`},
		{name: "new customers, backfill 3650d", lastYear: true, want: 0, job: `
  - name: j
    preset: new_customers
    backfill: 3650d
    schedule: "@every 5m"
    messages: {sms: {text: "Hoş geldiniz {{.ALICI_ADI}}"}}
`},
		{name: "collections, backfill all", lastYear: true, want: 0, job: `
  - name: j
    preset: collections
    backfill: all
    schedule: "@every 5m"
    messages: {sms: {}}
`},
		{name: "new invoices, backfill all: every invoice of the new year", lastYear: true, want: 26, job: `
  - name: j
    preset: new_invoices
    backfill: all
    schedule: "@every 5m"
    messages: {sms: {}}
`},
		{name: "new invoices, no backfill: every invoice of the new year", lastYear: true, want: 26, job: `
  - name: j
    preset: new_invoices
    schedule: "@every 5m"
    messages: {sms: {}}
`},
		{name: "new customers installed in January, backfill all", lastYear: false, want: 18, job: `
  - name: j
    preset: new_customers
    backfill: all
    schedule: "@every 5m"
    messages: {sms: {text: "Hoş geldiniz {{.ALICI_ADI}}"}}
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			year := func(y string) { yearDB(t, dir, y) }
			store, err := outbox.Open(ctx, filepath.Join(dir, "outbox.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			now := time.Date(2026, 12, 30, 12, 0, 0, 0, istanbul)
			clock := func() time.Time { return now }
			sources := map[string]*erp.Group{}
			g, err := erp.OpenGroup(erp.Options{Name: "demo", Driver: "sqlite", Database: filepath.Join(dir, "{year}", "demo.db"), Location: istanbul}, clock)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			sources["demo"] = g
			p := &poll.Poller{Store: store, Sources: sources, Now: clock}
			e := &demoEnv{t: t, ctx: ctx}
			j := e.job(tc.job)
			run := func() map[string]poll.Result {
				t.Helper()
				res, err := p.Run(ctx, j)
				if err != nil {
					t.Fatal(err)
				}
				out := map[string]poll.Result{}
				for _, r := range res {
					out[r.Source] = r
				}
				return out
			}
			year("2026")
			if tc.lastYear {
				if r := run()["demo@2026"]; r.New == 0 && j.Backfill.Set() {
					t.Fatalf("the backfill in 2026's database made no message: %+v", r)
				}
			}
			year("2027")
			now = time.Date(2027, 1, 2, 10, 0, 0, 0, istanbul)
			pending, err := poll.Pending(ctx, store, sources, j, now)
			if err != nil {
				t.Fatal(err)
			}
			r := run()["demo@2027"]
			if r.New != tc.want {
				t.Errorf("first run in 2027's database: %d messages (%d rows), want %d", r.New, r.Rows, tc.want)
			}
			if pending["demo@2027"] != r.Rows {
				t.Errorf("check counted %d rows to read in 2027's database, the run read %d", pending["demo@2027"], r.Rows)
			}
		})
	}
}

// In January's grace window a condition job reads one year's database, the
// first that exists: this year's, before the shop opens it last year's; a
// statement in January last year's, where its period's movements are.
// Reading both would greet a birthday twice (Wolvox copies the customers),
// send two statements of December and remind a customer who paid in the new
// year from last year's database. check's count reads the same one.
func TestAConditionJobReadsOneYearsDatabase(t *testing.T) {
	ctx := context.Background()
	const (
		overdue = `
  - name: j
    preset: invoices_overdue
    schedule: "0 10 * * *"
    messages: {sms: {}}
`
		statements = `
  - name: j
    preset: account_statements
    schedule: "0 9 1 * *"
    messages: {sms: {}}
`
	)
	for _, tc := range []struct {
		name, job string
		years     []string // the databases that exist
		day       time.Time
		want      string // the one database read
	}{
		{"reminders, both years", overdue, []string{"2026", "2027"}, time.Date(2027, 1, 5, 10, 0, 0, 0, istanbul), "demo@2027"},
		{"reminders before the shop opens the year", overdue, []string{"2026"}, time.Date(2027, 1, 5, 10, 0, 0, 0, istanbul), "demo@2026"},
		{"reminders after the grace window", overdue, []string{"2026", "2027"}, time.Date(2027, 1, 20, 10, 0, 0, 0, istanbul), "demo@2027"},
		{"December's statement on 1 January", statements, []string{"2026", "2027"}, time.Date(2027, 1, 1, 9, 0, 0, 0, istanbul), "demo@2026"},
		{"reminders in December, one database", overdue, []string{"2026"}, time.Date(2026, 12, 5, 10, 0, 0, 0, istanbul), "demo@2026"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, y := range tc.years {
				yearDB(t, dir, y)
			}
			store, err := outbox.Open(ctx, filepath.Join(dir, "outbox.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			clock := func() time.Time { return tc.day }
			g, err := erp.OpenGroup(erp.Options{Name: "demo", Driver: "sqlite", Database: filepath.Join(dir, "{year}", "demo.db"), Location: istanbul}, clock)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			sources := map[string]*erp.Group{"demo": g}
			e := &demoEnv{t: t, ctx: ctx}
			j := e.job(tc.job)
			pending, err := poll.Pending(ctx, store, sources, j, tc.day)
			if err != nil {
				t.Fatal(err)
			}
			res, err := (&poll.Poller{Store: store, Sources: sources, Now: clock}).Run(ctx, j)
			if err != nil {
				t.Fatal(err)
			}
			var read []string
			for _, r := range res {
				read = append(read, r.Source)
				if r.Rows == 0 {
					t.Errorf("%s: no row read; the test proves nothing", r.Source)
				}
			}
			if len(read) != 1 || read[0] != tc.want {
				t.Errorf("read %v, want only %s", read, tc.want)
			}
			if _, ok := pending[tc.want]; len(pending) != 1 || !ok {
				t.Errorf("check counts %v, want only %s", pending, tc.want)
			}
		})
	}
}

// Many shops open the new year in Wolvox only in February, and until then
// enter January's invoices in last year's database. Past January's window
// that database is still read while this year's does not exist: the
// invoices entered there are sent (check counts them first), a condition
// job reads it (January's statement on 1 February too). Once the shop
// opens the year, only the new database is read, from its first invoice.
func TestAShopThatOpensTheYearInFebruary(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	year := func(y string) string { return yearDB(t, dir, y) }
	store, err := outbox.Open(ctx, filepath.Join(dir, "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2026, 12, 30, 12, 0, 0, 0, istanbul)
	clock := func() time.Time { return now }
	g, err := erp.OpenGroup(erp.Options{Name: "demo", Driver: "sqlite", Database: filepath.Join(dir, "{year}", "demo.db"), Location: istanbul}, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	sources := map[string]*erp.Group{"demo": g}
	p := &poll.Poller{Store: store, Sources: sources, Now: clock}
	e := &demoEnv{t: t, ctx: ctx}
	invoices := e.job(`
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    messages: {sms: {}}
`)
	overdue := e.job(`
  - name: overdue
    preset: invoices_overdue
    schedule: "0 10 * * *"
    messages: {sms: {}}
`)
	statements := e.job(`
  - name: statements
    preset: account_statements
    schedule: "0 9 1 * *"
    messages: {sms: {}}
`)
	// run returns each database's result, and checks that check counted
	// the rows the run read.
	run := func(j *poll.Job) map[string]poll.Result {
		t.Helper()
		pending, err := poll.Pending(ctx, store, sources, j, now)
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.Run(ctx, j)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]poll.Result{}
		for _, r := range res {
			out[r.Source] = r
			if pending[r.Source] != r.Rows {
				t.Errorf("%s on %s: check counted %d rows, the run read %d", j.Name, r.Source, pending[r.Source], r.Rows)
			}
		}
		return out
	}
	read := func(res map[string]poll.Result) []string { return slices.Sorted(maps.Keys(res)) }

	db2026 := year("2026")
	run(invoices)
	now = time.Date(2027, 1, 20, 11, 0, 0, 0, istanbul)
	late, err := sql.Open("sqlite", db2026)
	if err != nil {
		t.Fatal(err)
	}
	defer late.Close()
	if _, err := late.ExecContext(ctx, `INSERT INTO FATURA (BLKODU, BLCRKODU, FATURA_NO, TARIHI, VADESI, TOPLAM_GENEL_KPB, FATURA_DURUMU, KAYIT_TARIHI)
		VALUES (900, 1, '2027-001', '2027-01-20', '2027-02-19', 1500, 1, '2027-01-20 10:30:00')`); err != nil {
		t.Fatal(err)
	}
	if r := run(invoices); r["demo@2026"].New != 1 {
		t.Errorf("20 January, the year not opened: %+v, want the invoice entered in 2026's database", r)
	}
	if r := run(overdue); !slices.Equal(read(r), []string{"demo@2026"}) || r["demo@2026"].Rows == 0 {
		t.Errorf("overdue on 20 January read %v, want demo@2026", r)
	}
	now = time.Date(2027, 2, 1, 9, 0, 0, 0, istanbul)
	if r := run(statements); !slices.Equal(read(r), []string{"demo@2026"}) {
		t.Errorf("January's statement on 1 February read %v, want demo@2026", read(r))
	}

	// The service is stopped over the weekend; an invoice is entered in
	// 2026's database on Saturday, and on Monday 10 February the shop opens
	// 2027 before the service starts again. The jobs' first run in 2027's
	// database reads 2026's a last time (the invoice is sent), and 2027's
	// from its first invoice; from then on only 2027's.
	now = time.Date(2027, 2, 6, 18, 0, 0, 0, istanbul)
	run(invoices)
	if _, err := late.ExecContext(ctx, `INSERT INTO FATURA (BLKODU, BLCRKODU, FATURA_NO, TARIHI, VADESI, TOPLAM_GENEL_KPB, FATURA_DURUMU, KAYIT_TARIHI)
		VALUES (901, 2, '2027-002', '2027-02-07', '2027-03-09', 800, 1, '2027-02-07 11:00:00')`); err != nil {
		t.Fatal(err)
	}
	now = time.Date(2027, 2, 10, 14, 0, 0, 0, istanbul)
	year("2027")
	if r := run(invoices); !slices.Equal(read(r), []string{"demo@2026", "demo@2027"}) || r["demo@2026"].New != 1 || r["demo@2027"].New != 26 {
		t.Errorf("the year opened on 10 February: %v, want Saturday's invoice of demo@2026 and every invoice of demo@2027", r)
	}
	if r := run(invoices); !slices.Equal(read(r), []string{"demo@2027"}) {
		t.Errorf("the run after: %v, want demo@2027 alone", read(r))
	}
	if r := run(overdue); !slices.Equal(read(r), []string{"demo@2027"}) {
		t.Errorf("overdue after the year is opened read %v, want demo@2027", read(r))
	}
}

// A year database not opened yet is logged once, not by every job at every
// run: from 1 January until the shop opens the year (weeks, in some shops)
// a job every minute would write thousands of lines a day.
func TestAYearNotOpenedIsLoggedOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	p2026 := filepath.Join(dir, "2026", "demo.db")
	if err := os.MkdirAll(filepath.Dir(p2026), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := demo.CreateDB(ctx, p2026); err != nil {
		t.Fatal(err)
	}
	store, err := outbox.Open(ctx, filepath.Join(dir, "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	clock := func() time.Time { return time.Date(2027, 1, 1, 0, 5, 0, 0, istanbul) }
	g, err := erp.OpenGroup(erp.Options{Name: "demo", Driver: "sqlite", Database: filepath.Join(dir, "{year}", "demo.db"), Location: istanbul}, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	var logged bytes.Buffer
	p := &poll.Poller{Store: store, Sources: map[string]*erp.Group{"demo": g}, Now: clock, Log: slog.New(slog.NewTextHandler(&logged, nil))}
	e := &demoEnv{t: t, ctx: ctx}
	jobs := []*poll.Job{e.job(`
  - name: invoices
    preset: new_invoices
    schedule: "@every 1m"
    messages: {sms: {}}
`), e.job(`
  - name: payments
    preset: collections
    schedule: "@every 1m"
    messages: {sms: {}}
`)}
	for range 3 {
		for _, j := range jobs {
			if _, err := p.Run(ctx, j); err != nil {
				t.Fatal(err)
			}
		}
	}
	if n := strings.Count(logged.String(), "log.poll.database_missing"); n != 1 || !strings.Contains(logged.String(), "source=demo@2027") {
		t.Errorf("logged %d times, want once for demo@2027:\n%s", n, logged.String())
	}
}
