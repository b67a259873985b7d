package erp

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

// A year's SQLite file that does not exist yet is a missing database, as
// Firebird's and SQL Server's are: the group still lists it, every use of
// it says ErrDatabaseMissing (which runs skip), last year's is read, and
// once the file appears the next Sources opens it.
func TestSQLiteYearFileNotCreatedYetIsAMissingDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeCari(t, filepath.Join(dir, "2025", "wolvox.db"), "2025")
	jan := func() time.Time { return time.Date(2026, 1, 5, 10, 0, 0, 0, istanbul(t)) }
	g, err := OpenGroup(Options{Name: "merkez", Driver: "sqlite", Database: filepath.Join(dir, "{year}", "wolvox.db"), Location: istanbul(t)}, jan)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	srcs, err := g.Sources()
	if err != nil {
		t.Fatalf("Sources with the 2026 file missing: %v", err)
	}
	if len(srcs) != 2 || srcs[0].Name() != "merkez@2025" || srcs[1].Name() != "merkez@2026" {
		t.Fatalf("sources %v", srcs)
	}
	if err := srcs[0].Ping(ctx); err != nil {
		t.Fatalf("2025: %v", err)
	}
	uses := map[string]error{
		"Ping":    srcs[1].Ping(ctx),
		"Query":   srcs[1].Query(ctx, "SELECT BLKODU FROM CARI", nil, func(Record) error { return nil }),
		"Columns": func() error { _, err := srcs[1].Columns(ctx, []string{"CARI"}); return err }(),
		"Verify":  srcs[1].Verify(ctx, map[string][]string{"CARI": {"BLKODU"}}),
	}
	for use, err := range uses {
		if !errors.Is(err, ErrDatabaseMissing) || FailureOf(err) != FailureMissing {
			t.Errorf("%s on the missing 2026 file: %v (failure %q), want ErrDatabaseMissing", use, err, FailureOf(err))
		}
	}
	if err := srcs[1].Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	// Wolvox opens the year: the file is read from the next Sources on.
	writeCari(t, filepath.Join(dir, "2026", "wolvox.db"), "2026")
	if srcs, err = g.Sources(); err != nil || len(srcs) != 2 {
		t.Fatalf("Sources after the 2026 file appeared: %v %v", srcs, err)
	}
	if err := srcs[1].Ping(ctx); err != nil {
		t.Errorf("2026 once it exists: %v", err)
	}
}

// Many shops open the new year in Wolvox only in February: until then they
// go on entering invoices in last year's database. Past January's window
// the group still reads last year's while this year's does not exist, and
// only this year's once it does, whatever the date. A year's database that
// exists is never dropped for the one before.
func TestLastYearIsReadUntilTheShopOpensTheYear(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []string // the years' databases that exist
		day   time.Time
		want  []string
		kept  bool // NotOpened
	}{
		{"in the window, the year not opened", []string{"2026"}, time.Date(2027, 1, 5, 10, 0, 0, 0, istanbul(t)), []string{"merkez@2026", "merkez@2027"}, false},
		{"in the window, both", []string{"2026", "2027"}, time.Date(2027, 1, 5, 10, 0, 0, 0, istanbul(t)), []string{"merkez@2026", "merkez@2027"}, false},
		{"past the window, the year not opened", []string{"2026"}, time.Date(2027, 1, 16, 10, 0, 0, 0, istanbul(t)), []string{"merkez@2026", "merkez@2027"}, true},
		{"in February, the year not opened", []string{"2026"}, time.Date(2027, 2, 3, 10, 0, 0, 0, istanbul(t)), []string{"merkez@2026", "merkez@2027"}, true},
		{"in February, the year opened", []string{"2026", "2027"}, time.Date(2027, 2, 3, 10, 0, 0, 0, istanbul(t)), []string{"merkez@2027"}, false},
		{"past the window, only this year's", []string{"2027"}, time.Date(2027, 3, 1, 10, 0, 0, 0, istanbul(t)), []string{"merkez@2027"}, false},
		{"in December", []string{"2026"}, time.Date(2026, 12, 28, 10, 0, 0, 0, istanbul(t)), []string{"merkez@2026"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, y := range tc.files {
				writeCari(t, filepath.Join(dir, y, "wolvox.db"), y)
			}
			g, err := OpenGroup(Options{Name: "merkez", Driver: "sqlite", Database: filepath.Join(dir, "{year}", "wolvox.db"), Location: istanbul(t)},
				func() time.Time { return tc.day })
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			srcs, err := g.Sources()
			if err != nil {
				t.Fatal(err)
			}
			var names []string
			for _, s := range srcs {
				names = append(names, s.Name())
			}
			if !slices.Equal(names, tc.want) {
				t.Errorf("Sources: %v, want %v", names, tc.want)
			}
			n, kept := g.NotOpened(tc.day)
			if kept != tc.kept || kept && (n.Source != "merkez@2027" || n.Read != "merkez@2026" || n.Year != 2027 ||
				n.Database != filepath.Join(dir, "2027", "wolvox.db")) {
				t.Errorf("NotOpened: %+v %v, want %v", n, kept, tc.kept)
			}
		})
	}
}

// The shop opens the year in February while the service runs: the next
// Sources reads this year's database only, and last year's pool is closed.
func TestOpeningTheYearLateMovesTheGroupOn(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeCari(t, filepath.Join(dir, "2026", "wolvox.db"), "2026")
	day := func() time.Time { return time.Date(2027, 2, 10, 14, 0, 0, 0, istanbul(t)) }
	g, err := OpenGroup(Options{Name: "merkez", Driver: "sqlite", Database: filepath.Join(dir, "{year}", "wolvox.db"), Location: istanbul(t)}, day)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	srcs, err := g.Sources()
	if err != nil || len(srcs) != 2 {
		t.Fatalf("before the year is opened: %v %v", srcs, err)
	}
	if err := srcs[0].Ping(ctx); err != nil {
		t.Fatalf("last year's: %v", err)
	}
	writeCari(t, filepath.Join(dir, "2027", "wolvox.db"), "2027")
	srcs, err = g.Sources()
	if err != nil || len(srcs) != 1 || srcs[0].Name() != "merkez@2027" {
		t.Fatalf("after the year is opened: %v %v", srcs, err)
	}
	if err := srcs[0].Ping(ctx); err != nil {
		t.Errorf("this year's: %v", err)
	}
}

// A year's database not opened yet is no failure of the group's Ping (the
// status command's and /readyz's) while another of its databases answers;
// with none answering it is.
func TestPingLeavesOutAYearNotOpenedYet(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		files []string
		day   time.Time
		ok    bool
	}{
		{"1 January, the year not opened", []string{"2026"}, time.Date(2027, 1, 1, 0, 5, 0, 0, istanbul(t)), true},
		{"in February, the year not opened", []string{"2026"}, time.Date(2027, 2, 3, 10, 0, 0, 0, istanbul(t)), true},
		{"neither year's database", nil, time.Date(2027, 1, 5, 10, 0, 0, 0, istanbul(t)), false},
		{"in March, neither", nil, time.Date(2027, 3, 5, 10, 0, 0, 0, istanbul(t)), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, y := range tc.files {
				writeCari(t, filepath.Join(dir, y, "wolvox.db"), y)
			}
			g, err := OpenGroup(Options{Name: "merkez", Driver: "sqlite", Database: filepath.Join(dir, "{year}", "wolvox.db"), Location: istanbul(t)},
				func() time.Time { return tc.day })
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			if err := g.Ping(ctx); (err == nil) != tc.ok {
				t.Errorf("Ping: %v, want ok %v", err, tc.ok)
			}
		})
	}
}

// SQL Server's Wolvox databases are named per company and year: the group
// names and finds them as it does Firebird's paths, and the server's
// answer for one not created yet (4060, with the login's failure) is a
// missing database, which runs skip. No server runs here: the group opens
// its pools lazily, and the one asked past January is on a loopback port
// that refuses, which is no missing database (the run says why).
func TestSQLServerYearDatabases(t *testing.T) {
	o := Options{Name: "sube", Driver: "mssql", Host: "127.0.0.1", Port: 1, Database: "WOLVOX8_001_{year}_WOLVOX", User: "connector_ro",
		Password: "x", Location: istanbul(t), Timeout: 2 * time.Second}
	g, err := OpenGroup(o, func() time.Time { return time.Date(2027, 1, 5, 10, 0, 0, 0, istanbul(t)) })
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	srcs, err := g.Sources()
	if err != nil || len(srcs) != 2 {
		t.Fatalf("sources in January: %v %v", srcs, err)
	}
	for i, want := range [][2]string{{"sube@2026", "WOLVOX8_001_2026_WOLVOX"}, {"sube@2027", "WOLVOX8_001_2027_WOLVOX"}} {
		if srcs[i].Name() != want[0] || srcs[i].Database() != want[1] {
			t.Errorf("source %d: %s %s, want %v", i, srcs[i].Name(), srcs[i].Database(), want)
		}
	}
	missing := srcs[1].connectErr(mssql.Error{Number: 18456, Message: "Login failed for user 'connector_ro'.",
		All: []mssql.Error{{Number: 4060, Message: "Cannot open database \"WOLVOX8_001_2027_WOLVOX\" requested by the login. The login failed."},
			{Number: 18456, Message: "Login failed for user 'connector_ro'."}}})
	if !errors.Is(missing, ErrDatabaseMissing) || !skippedByGroup(g, missing) {
		t.Errorf("4060: %v, want a missing database", missing)
	}
	if login := srcs[1].connectErr(mssql.Error{Number: 18456, Message: "Login failed for user 'connector_ro'."}); errors.Is(login, ErrDatabaseMissing) {
		t.Errorf("a refused login taken for a missing database: %v", login)
	}

	late, err := OpenGroup(o, func() time.Time { return time.Date(2027, 2, 3, 10, 0, 0, 0, istanbul(t)) })
	if err != nil {
		t.Fatal(err)
	}
	defer late.Close()
	if srcs, err = late.Sources(); err != nil || len(srcs) != 1 || srcs[0].Name() != "sube@2027" {
		t.Errorf("in February, the server not answering: %v %v, want this year's alone", srcs, err)
	}
}

// skippedByGroup is poll's rule: a {year} database that does not exist.
func skippedByGroup(g *Group, err error) bool {
	return g.Templated() && errors.Is(err, ErrDatabaseMissing)
}

// A database the server does not have is worded by the source: only a
// year's (sube@2027) may be a year not opened yet in Wolvox; a fixed path
// that stopped answering was moved, deleted or mistyped, and a hint about
// a new year would send the IT person looking for the wrong thing.
func TestMissingDatabaseIsWordedBySource(t *testing.T) {
	for _, tc := range []struct {
		name, database, want, not string
	}{
		{"a fixed path", "WOLVOX8_001_2026_WOLVOX", "check the path", "new year's"},
		{"a year's database", "WOLVOX8_001_{year}_WOLVOX", "new year's database", "check the path"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, err := OpenGroup(Options{Name: "sube", Driver: "mssql", Host: "127.0.0.1", Database: tc.database, User: "connector_ro",
				Location: istanbul(t)}, func() time.Time { return time.Date(2026, 6, 1, 10, 0, 0, 0, istanbul(t)) })
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			srcs, err := g.Sources()
			if err != nil || len(srcs) != 1 {
				t.Fatalf("sources: %v %v", srcs, err)
			}
			err = srcs[0].connectErr(mssql.Error{Number: 4060, Message: "Cannot open database requested by the login. The login failed."})
			if !errors.Is(err, ErrDatabaseMissing) || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), tc.not) {
				t.Errorf("%v: want %q, not %q", err, tc.want, tc.not)
			}
		})
	}
}
