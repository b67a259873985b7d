package erp

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

type sqlCase struct{ name, query, want string }

// readSQLCases reads a testdata/sqlcheck file: "=== name", the query lines,
// then ">>> want" (a part of the refusal, or the text that is sent).
func readSQLCases(t *testing.T, file string) []sqlCase {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "sqlcheck", file))
	if err != nil {
		t.Fatal(err)
	}
	var out []sqlCase
	var cur *sqlCase
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		switch {
		case strings.HasPrefix(l, "=== "):
			out = append(out, sqlCase{name: strings.TrimPrefix(l, "=== ")})
			cur, lines = &out[len(out)-1], nil
		case cur == nil:
		case strings.HasPrefix(l, ">>> "):
			if cur.query == "" {
				cur.query = strings.Join(lines, "\n")
				lines = nil
			}
			lines = append(lines, strings.TrimPrefix(l, ">>> "))
			cur.want = strings.Join(lines, "\n")
		case cur.query != "":
			if l != "" {
				lines = append(lines, l)
				cur.want = strings.Join(lines, "\n")
			}
		default:
			lines = append(lines, l)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no case", file)
	}
	for _, c := range out {
		if c.query == "" || c.want == "" {
			t.Fatalf("%s: case %q lacks a query or a >>> line", file, c.name)
		}
	}
	return out
}

var hostileFiles = map[string]Dialect{"mssql.txt": mssqlDialect{}, "firebird.txt": firebirdDialect{}, "sqlite.txt": sqliteDialect{}}

// wrappers are every statement the connector builds around a job's SELECT.
var wrappers = map[string]func(d Dialect, base string) string{
	"keyset":         func(d Dialect, b string) string { return KeysetQuery(d, b, "BLKODU", 100) },
	"changed":        func(d Dialect, b string) string { return ChangedQuery(d, b, "DEGISTIRME_TARIHI", "BLKODU", 100) },
	"count changed":  func(d Dialect, b string) string { return CountChangedQuery(d, b, "DEGISTIRME_TARIHI", "BLKODU") },
	"max key":        func(d Dialect, b string) string { return MaxKeyQuery(d, b, "BLKODU") },
	"max key before": func(d Dialect, b string) string { return MaxKeyBeforeQuery(d, b, "BLKODU", "DEGISTIRME_TARIHI") },
	"max changed":    func(d Dialect, b string) string { return MaxChangedQuery(d, b, "DEGISTIRME_TARIHI", "BLKODU") },
	"count after":    func(d Dialect, b string) string { return CountAfterQuery(d, b, "BLKODU") },
	"count":          func(d Dialect, b string) string { return CountQuery(d, b) },
	"newest":         func(d Dialect, b string) string { return NewestQuery(d, b, "BLKODU", 5) },
	"by key":         func(d Dialect, b string) string { return KeyQuery(d, b, "BLKODU") },
}

// Every hostile query is refused by the config-time check with the expected
// reason (as its database reads it, and as every database does), and each
// statement the connector would build around it is refused by the
// run-time check of that database.
func TestHostileQueriesAreRefused(t *testing.T) {
	for file, d := range hostileFiles {
		for _, c := range readSQLCases(t, file) {
			t.Run(file+"/"+c.name, func(t *testing.T) {
				err := CheckSelect(c.query, d.Name())
				if err == nil {
					t.Fatalf("CheckSelect accepted\n%s", c.query)
				}
				if !strings.Contains(err.Error(), c.want) {
					t.Errorf("CheckSelect: %v\nwant it to say %q", err, c.want)
				}
				if CheckSelect(c.query) == nil {
					t.Error("CheckSelect for every database accepted it")
				}
				for name, w := range wrappers {
					q := w(d, c.query)
					if _, err := syntaxOf(d).prepare(q); err == nil {
						t.Errorf("%s: the run-time check accepted\n%s", name, q)
					}
				}
			})
		}
	}
}

// What shops really write passes, and the text sent is the text checked
// without its comments and trailing semicolons; inside every wrapper it
// sits on lines of its own, so the wrapper stays whole.
func TestAcceptedQueriesAreSentWithoutComments(t *testing.T) {
	dialects := []Dialect{firebirdDialect{}, mssqlDialect{}, sqliteDialect{}}
	for _, d := range dialects {
		cases := append(readSQLCases(t, "accepted.txt"), readSQLCases(t, "accepted_"+d.Name()+".txt")...)
		for _, c := range cases {
			t.Run(d.Name()+"/"+c.name, func(t *testing.T) {
				got, err := syntaxOf(d).prepare(c.query)
				if err != nil {
					t.Fatalf("refused: %v\n%s", err, c.query)
				}
				if got != c.want {
					t.Errorf("sent\n%q\nwant\n%q", got, c.want)
				}
				for name, w := range wrappers {
					q := w(d, c.query)
					if !strings.Contains(q, "(\n"+c.want+"\n) q") {
						t.Errorf("%s: the query is not on lines of its own:\n%s", name, q)
					}
					if _, err := syntaxOf(d).prepare(q); err != nil {
						t.Errorf("%s: the run-time check refused its own wrapper: %v\n%s", name, err, q)
					}
				}
			})
		}
	}
	for _, c := range readSQLCases(t, "accepted.txt") {
		if err := CheckSelect(c.query); err != nil {
			t.Errorf("%s: CheckSelect for every database: %v", c.name, err)
		}
	}
}

// Characters a server may read differently from the check are refused:
// a NUL may end the text early, a Unicode space may split a word.
func TestInvisibleCharactersAreRefused(t *testing.T) {
	for _, q := range []string{
		"SELECT BLKODU FROM CARI\x00 SHUTDOWN",
		"SELECT BLKODU FROM CARI\u00a0SHUTDOWN",
		"SELECT BLKODU FROM CARI\u2028SHUTDOWN",
		"SELECT BLKODU FROM CARI\u200bSHUTDOWN",
		"SELECT BLKODU FROM CARI\x1a",
		"SELECT BLKODU FROM CARI WHERE ADI = '\xff'",
	} {
		if err := CheckSelect(q); err == nil {
			t.Errorf("accepted %q", q)
		}
	}
}

// Every preset's SELECT passes the run-time check of every database.
func TestPresetsPassTheCheck(t *testing.T) {
	for _, name := range PresetNames() {
		p, _ := LookupPreset(name)
		for _, d := range []Dialect{firebirdDialect{}, mssqlDialect{}, sqliteDialect{}} {
			q, _, err := p.Build(nil, columnsWith(p, func(Column) bool { return true }))
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if _, err := syntaxOf(d).prepare(ExpandTokens(d, q)); err != nil {
				t.Errorf("%s on %s: %v\n%s", name, d.Name(), err, q)
			}
		}
	}
}

// check accepts a job's SQL ending in ";" or a comment; run must then run
// it in every statement it builds. A trailing "--" used to swallow the
// wrapper's ") q WHERE …", a ";" before a comment stayed inside it.
func TestCustomSQLEndingsRunInEveryWrapper(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wolvox.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{`CREATE TABLE FATURA (BLKODU INTEGER PRIMARY KEY, DEGISTIRME_TARIHI TIMESTAMP)`,
		`INSERT INTO FATURA VALUES (1, '2026-01-01 10:00:00'), (2, '2026-01-02 10:00:00')`} {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	src, err := Open(Options{Name: "demo", Driver: "sqlite", Database: path, Location: time.Local})
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	d := src.Dialect()
	args := map[string][]any{
		"keyset": {0}, "count after": {0}, "by key": {1}, "max key before": {"2030-01-01 00:00:00"},
		"changed":       {"2030-01-01 00:00:00", "2000-01-01 00:00:00", 0, "2000-01-01 00:00:00"},
		"count changed": {"2030-01-01 00:00:00", "2000-01-01 00:00:00", 0, "2000-01-01 00:00:00"},
	}
	for _, base := range []string{
		"SELECT BLKODU, DEGISTIRME_TARIHI FROM FATURA;",
		"SELECT BLKODU, DEGISTIRME_TARIHI FROM FATURA -- yeni faturalar",
		"SELECT BLKODU, DEGISTIRME_TARIHI FROM FATURA; -- yeni faturalar",
		"SELECT BLKODU, DEGISTIRME_TARIHI FROM FATURA /* yeni */ ;\n-- son\n",
	} {
		if err := CheckSelect(base, "sqlite"); err != nil {
			t.Fatalf("check refused %q: %v", base, err)
		}
		for name, w := range wrappers {
			rows := 0
			if err := src.Query(context.Background(), w(d, base), args[name], func(Record) error { rows++; return nil }); err != nil {
				t.Errorf("%q in %s: %v", base, name, err)
			} else if rows == 0 {
				t.Errorf("%q in %s: no row", base, name)
			}
		}
	}
}
