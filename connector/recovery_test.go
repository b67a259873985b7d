package connector_test

import (
	"context"
	"html"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

// A database that goes away fails its job at every run, for hours: each
// error after the first says since when and how many runs in a row, the
// status page says when the job last read (or that it never did), and the
// first run that reads again says the failures are over, once. Real
// databases: a Firebird one that appears (a path that did not exist yet),
// and the demo's SQLite file moved away and put back across a restart.
func TestAJobThatFailsSaysSinceWhenAndWhenItIsBack(t *testing.T) {
	cases := []struct {
		name string
		// source is the config's sources: block; away makes its database
		// missing, back brings it (again).
		source     func(t *testing.T, dir string) (source string, away, back func())
		readBefore bool // the job read once before the database went away
		page       string
	}{
		{name: "a Firebird database that appears", source: func(t *testing.T, dir string) (string, func(), func()) {
			s := erptest.Firebird(t)
			path := s.Path(t, "recovery")
			t.Setenv("AKC_TEST_SIFRE", os.Getenv("FIREBIRD_TEST_PASSWORD"))
			src := "  - {name: merkez, driver: firebird, host: " + s.Host + ", port: " + itoa(s.Port) + ", database: '" + path +
				"', user: " + s.User + ", password: \"${env:AKC_TEST_SIFRE}\"}\n"
			back := func() {
				db, err := s.CreateWolvox(context.Background(), path, time.Now().Add(-time.Hour))
				if err != nil {
					t.Fatal(err)
				}
				db.Close()
			}
			return src, func() {}, back
		}, page: "Görev henüz hiç başarıyla çalışmadı."},
		{name: "the SQLite file moved away and back", source: func(t *testing.T, dir string) (string, func(), func()) {
			db := filepath.Join(dir, "demo.db")
			if err := demo.CreateDB(context.Background(), db); err != nil {
				t.Fatal(err)
			}
			move := func(from, to string) func() {
				return func() {
					if err := os.Rename(from, to); err != nil {
						t.Fatal(err)
					}
				}
			}
			return "  - {name: merkez, driver: sqlite, database: demo.db}\n", move(db, db+".away"), move(db+".away", db)
		}, readBefore: true, page: "Son başarılı çalışması: bugün "},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			dir := t.TempDir()
			src, away, back := tc.source(t, dir)
			cfg := loadConfig(t, dir, `state_dir: state
status: {disabled: true}
quiet_hours: {disabled: true}
sources:
`+src+`channels: {sms: {provider: console}}
jobs:
  - name: yeni-faturalar
    preset: new_invoices
    schedule: "@every 1m"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`)
			var log syncBuffer
			open := func() *connector.Daemon {
				d, err := connector.New(ctx, cfg, connector.Options{Logger: slog.New(slog.NewTextHandler(&log, nil))})
				if err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { d.Close() })
				return d
			}
			d := open()
			if tc.readBefore {
				if _, err := d.RunJob(ctx, "yeni-faturalar"); err != nil {
					t.Fatal(err)
				}
				d.Close() // a restart: SQLite keeps a file it has open
				d = open()
			}
			away()
			for range 3 {
				if _, err := d.RunJob(ctx, "yeni-faturalar"); err == nil {
					t.Fatal("the job read a database that is not there")
				}
			}
			failed := lines(log.String(), "görevin çalışması başarısız")
			if len(failed) != 3 || strings.Contains(failed[0], "failed_runs") ||
				!strings.Contains(failed[1], "failed_runs=2 failing_since=") || !strings.Contains(failed[2], "failed_runs=3 failing_since=") {
				t.Errorf("the failed runs' lines should count and say since when, from the second on:\n%s", strings.Join(failed, "\n"))
			}
			if todo := jobToDo(t, d, cfg); !strings.Contains(todo, tc.page) {
				t.Errorf("the job's to-do lacks %q:\n%s", tc.page, todo)
			}

			back()
			for range 2 {
				if _, err := d.RunJob(ctx, "yeni-faturalar"); err != nil {
					t.Fatalf("the job does not read the database that is back: %v", err)
				}
			}
			if back := lines(log.String(), "görev yeniden çalışıyor: "); len(back) != 1 ||
				!regexp.MustCompile(`itibarıyla art arda 3 çalışması başarısız olmuştu" job=yeni-faturalar failed_runs=3 failing_since="\d\d\.\d\d\.\d{4} \d\d:\d\d"`).MatchString(back[0]) {
				t.Errorf("the run that reads again should say once that 3 had failed, and since when:\n%s", log.String())
			}
		})
	}
}

// lines are the lines of log holding s.
func lines(log, s string) []string {
	var out []string
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return out
}

// jobToDo is the status page's to-do about the failed job, as text.
func jobToDo(t *testing.T, d *connector.Daemon, cfg *config.Config) string {
	t.Helper()
	auth := status.AuthPath(string(cfg.StateDir))
	if err := status.SetPassword(auth, pagePassword); err != nil {
		t.Fatal(err)
	}
	srv, err := status.New(status.Options{Store: d.Store(), Probe: d, Metrics: d.Metrics(), AuthFile: auth, Location: cfg.Location()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	jar, _ := cookiejar.New(nil)
	u := &pageUser{t: t, base: ts.URL, c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	u.login()
	_, page := u.do("GET", "/", nil, false)
	i := strings.Index(page, `data-kind="job_failed"`)
	if i < 0 {
		t.Fatalf("the page has no to-do for the failed job:\n%s", page)
	}
	end := strings.Index(page[i:], "</li>")
	return html.UnescapeString(page[i : i+end])
}
