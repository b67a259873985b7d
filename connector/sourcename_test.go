package connector_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// The IT person changes a fixed year's path (…/2026/demo.db) to {year}:
// the same database, now named demo@2026. Its jobs go on where they were:
// an invoice reminded yesterday is not reminded again today, and the new
// year's database, which the fixed path never read, is read from its first
// invoice (as after any year the job read) instead of at its end as a new
// job's, which never sent the invoices entered there before the edit.
// Without a recorded database (an earlier version's outbox) or for a path
// that names another database, nothing is renamed.
func TestAFixedPathChangedToYearGoesOn(t *testing.T) {
	ist, _ := time.LoadLocation("Europe/Istanbul")
	const head = `state_dir: state
timezone: Europe/Istanbul
quiet_hours: {disabled: true}
status: {disabled: true}
channels:
  sms: {provider: console, rate: 1000/s}
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    messages: {sms: {}}
  - name: overdue
    preset: invoices_overdue
    schedule: "0 10 * * *"
    messages: {sms: {}}
`
	for _, tc := range []struct {
		name    string
		fixed   string // the path the first config names
		renamed bool   // the history goes on as demo@2026's
		// forgotten: the outbox recorded no database (an earlier version)
		forgotten bool
	}{
		{"the fixed path was 2026's", "y/2026/demo.db", true, false},
		{"written another way", `y\2026\..\2026\demo.db`, true, false},
		{"the fixed path was another database", "z/2026/demo.db", false, false},
		{"an earlier version's outbox", "y/2026/demo.db", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			for _, p := range []string{"y/2026/demo.db", "z/2026/demo.db"} {
				os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o700)
				if err := demo.CreateDB(ctx, filepath.Join(dir, p)); err != nil {
					t.Fatal(err)
				}
			}
			now := time.Date(2026, 12, 28, 10, 0, 0, 0, ist)
			run := runner(t, dir, head, func() time.Time { return now })
			fixed := strings.ReplaceAll(tc.fixed, `\`, string(filepath.Separator))
			run(fixed, "invoices")
			reminded := run(fixed, "overdue")["demo"]
			if reminded == 0 {
				t.Fatal("no overdue reminder on the fixed path: the test proves nothing")
			}
			if tc.forgotten {
				forgetSourceDatabase(t, dir)
			}
			// The next day the path gets {year}: the invoices reminded
			// yesterday are not reminded again within their week.
			now = time.Date(2026, 12, 29, 10, 0, 0, 0, ist)
			if n := run("y/{year}/demo.db", "overdue"); n["demo@2026"] != map[bool]int{true: 0, false: reminded}[tc.renamed] {
				t.Errorf("overdue the day after the edit: %v, %d made the day before", n, reminded)
			}
		})
		t.Run(tc.name+", edited in January", func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			for _, p := range []string{"y/2026/demo.db", "z/2026/demo.db"} {
				os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o700)
				if err := demo.CreateDB(ctx, filepath.Join(dir, p)); err != nil {
					t.Fatal(err)
				}
			}
			now := time.Date(2026, 12, 28, 10, 0, 0, 0, ist)
			run := runner(t, dir, head, func() time.Time { return now })
			fixed := strings.ReplaceAll(tc.fixed, `\`, string(filepath.Separator))
			run(fixed, "invoices")
			// The shop opens 2027 on 2 January and enters invoices there;
			// the fixed path reads none of them.
			now = time.Date(2027, 1, 2, 14, 0, 0, 0, ist)
			os.MkdirAll(filepath.Join(dir, "y", "2027"), 0o700)
			if err := demo.CreateDB(ctx, filepath.Join(dir, "y", "2027", "demo.db")); err != nil {
				t.Fatal(err)
			}
			run(fixed, "invoices")
			if tc.forgotten {
				forgetSourceDatabase(t, dir)
			}
			// On 4 January the path gets {year}.
			now = time.Date(2027, 1, 4, 10, 0, 0, 0, ist)
			want := map[bool]int{true: 26, false: 0}[tc.renamed]
			if n := run("y/{year}/demo.db", "invoices"); n["demo@2027"] != want || n["demo@2026"] != 0 {
				t.Errorf("invoices after the edit: %v, want %d from demo@2027, the invoices entered there since 2 January", n, want)
			}
		})
	}
}

// runner runs a job once on a daemon of dir's config head with the source
// demo at path, and says how many messages each database made.
func runner(t *testing.T, dir, head string, clock func() time.Time) func(path, job string) map[string]int {
	return func(path, job string) map[string]int {
		t.Helper()
		ctx := context.Background()
		cfg := loadConfig(t, dir, head+"sources: [{name: demo, driver: sqlite, database: '"+filepath.ToSlash(path)+"'}]\n")
		d, err := connector.New(ctx, cfg, connector.Options{Now: clock})
		if err != nil {
			t.Fatal(err)
		}
		defer d.Close()
		res, err := d.RunJob(ctx, job)
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]int{}
		for _, r := range res {
			out[r.Source] += r.New
		}
		return out
	}
}

// forgetSourceDatabase makes dir's outbox one that recorded no database,
// as an earlier version's.
func forgetSourceDatabase(t *testing.T, dir string) {
	t.Helper()
	store, err := outbox.Open(context.Background(), filepath.Join(dir, "state", "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if err := store.SetSourceDatabase(context.Background(), "demo", ""); err != nil {
		t.Fatal(err)
	}
}

// The year typed in by hand once the shop opens the next one (…/2026/… to
// …/2027/…) keeps the name demo, and the 2026 database's history would be
// taken for 2027's: its invoices under last year's last key never sent.
// The daemon refuses to start, saying to write {year} instead; with it,
// the history goes on as demo@2026's and 2027's is read from its first
// invoice. Another change of the path (a server's new folder) is no year.
func TestAFixedPathsYearChangedByHandIsRefused(t *testing.T) {
	ist, _ := time.LoadLocation("Europe/Istanbul")
	const head = `state_dir: state
timezone: Europe/Istanbul
quiet_hours: {disabled: true}
status: {disabled: true}
channels:
  sms: {provider: console, rate: 1000/s}
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    messages: {sms: {}}
`
	ctx := context.Background()
	dir := t.TempDir()
	for _, p := range []string{"y/2026/demo.db", "y/2027/demo.db"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o700)
		if err := demo.CreateDB(ctx, filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	now := time.Date(2026, 12, 28, 10, 0, 0, 0, ist)
	run := runner(t, dir, head, func() time.Time { return now })
	run("y/2026/demo.db", "invoices")
	now = time.Date(2027, 1, 5, 10, 0, 0, 0, ist)
	cfg := loadConfig(t, dir, head+"sources: [{name: demo, driver: sqlite, database: 'y/2027/demo.db'}]\n")
	d, err := connector.New(ctx, cfg, connector.Options{Now: func() time.Time { return now }})
	var l catalog.Localized
	if err == nil || !errors.As(err, &l) || !strings.Contains(l.In(catalog.TR), "Yılı elle değiştirmek yerine yolu bir kez şöyle yazın: "+filepath.Join(dir, "y", "{year}", "demo.db")) {
		if d != nil {
			d.Close()
		}
		t.Fatalf("the daemon on the 2027 path: %v, want a refusal naming the {year} path", err)
	}
	if n := run("y/{year}/demo.db", "invoices"); n["demo@2027"] != 26 || n["demo@2026"] != 0 {
		t.Errorf("with {year}: %v, want every invoice of demo@2027", n)
	}

	// A folder moved on the server is not another year.
	dir = t.TempDir()
	for _, p := range []string{"a/2026/demo.db", "b/2026/demo.db"} {
		os.MkdirAll(filepath.Dir(filepath.Join(dir, p)), 0o700)
		if err := demo.CreateDB(ctx, filepath.Join(dir, p)); err != nil {
			t.Fatal(err)
		}
	}
	run = runner(t, dir, head, func() time.Time { return now })
	run("a/2026/demo.db", "invoices")
	run("b/2026/demo.db", "invoices")
}

// SQL Server's databases are named per company and year: the same holds
// of WOLVOX8_001_2026_WOLVOX. No connection is made: New opens sources
// lazily, and the history is the outbox's.
func TestASQLServerNamesYearIsCarriedToo(t *testing.T) {
	ist, _ := time.LoadLocation("Europe/Istanbul")
	ctx := context.Background()
	dir := t.TempDir()
	t.Setenv("AKC_TEST_MSSQL", "parola")
	now := time.Date(2027, 1, 5, 10, 0, 0, 0, ist)
	open := func(name string) (*connector.Daemon, error) {
		cfg := loadConfig(t, dir, `state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources: [{name: sube, driver: mssql, host: 127.0.0.1, port: 1433, user: connector_ro, password: "${env:AKC_TEST_MSSQL}", database: '`+name+`'}]
channels:
  sms: {provider: console}
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    messages: {sms: {}}
`)
		return connector.New(ctx, cfg, connector.Options{Now: func() time.Time { return now }})
	}
	d, err := open("WOLVOX8_001_2026_WOLVOX")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Store().SetCursor(ctx, "invoices", "sube", "4711"); err != nil {
		t.Fatal(err)
	}
	d.Close()
	var l catalog.Localized
	if d, err = open("WOLVOX8_001_2027_WOLVOX"); err == nil || !errors.As(err, &l) || !strings.Contains(l.In(catalog.EN), "write the path once as WOLVOX8_001_{year}_WOLVOX") {
		if d != nil {
			d.Close()
		}
		t.Fatalf("the 2027 name: %v, want a refusal naming WOLVOX8_001_{year}_WOLVOX", err)
	}
	if d, err = open("WOLVOX8_001_{year}_WOLVOX"); err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if c, ok, err := d.Store().Cursor(ctx, "invoices", "sube@2026"); err != nil || !ok || c != "4711" {
		t.Errorf("sube@2026's cursor: %q %v %v, want the one read as sube", c, ok, err)
	}
}
