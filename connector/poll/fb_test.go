package poll_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
)

// fbEnv is one Wolvox-shaped Firebird database, an outbox and a clock: the
// real poll path, jobs built from config text as the daemon builds them.
type fbEnv struct {
	t      *testing.T
	ctx    context.Context
	db     *sql.DB
	store  *outbox.Store
	poller *poll.Poller
	now    time.Time
	cfg    *config.Config
}

func newFB(t *testing.T, name string, without ...string) *fbEnv {
	t.Helper()
	s := erptest.Firebird(t)
	ctx := context.Background()
	path := s.Path(t, name)
	db, err := s.CreateWolvoxWithout(ctx, path, time.Now().Add(-time.Hour), without...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store, err := outbox.Open(ctx, filepath.Join(t.TempDir(), "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	g, err := erp.OpenGroup(erp.Options{Name: "merkez", Driver: "firebird", Host: s.Host, Port: s.Port, Database: path,
		User: s.User, Password: s.Password, Charset: "WIN1254", Timeout: 20 * time.Second,
		// The test server runs on this machine: the times the tests write,
		// and its CURRENT_TIMESTAMP, are this machine's wall clock.
		Location: time.Local}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	e := &fbEnv{t: t, ctx: ctx, db: db, store: store, now: time.Now()}
	e.poller = &poll.Poller{Store: store, Sources: map[string]*erp.Group{"merkez": g}, Now: func() time.Time { return e.now }}
	store.SetClock(func() time.Time { return e.now })
	return e
}

const fbHead = `
sources:
  - {name: merkez, driver: firebird, host: 127.0.0.1, database: /x.fdb, user: SYSDBA, password: "${env:AC_UNUSED}"}
channels:
  sms: {provider: console}
  whatsapp: {provider: console}
  email: {provider: console}
  webhook: {provider: console}
`

// job builds the config's first job.
func (e *fbEnv) job(jobs string) *poll.Job {
	e.t.Helper()
	e.t.Setenv("AC_UNUSED", "x")
	cfg, err := config.Parse("/etc/ac/config.yaml", []byte(fbHead+jobs), config.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	e.cfg = cfg
	j, err := poll.Build(cfg, cfg.Jobs[0])
	if err != nil {
		e.t.Fatal(err)
	}
	return j
}

func (e *fbEnv) exec(qs ...string) {
	e.t.Helper()
	for _, q := range qs {
		if _, err := e.db.ExecContext(e.ctx, q); err != nil {
			e.t.Fatalf("%s: %v", q, err)
		}
	}
}

func (e *fbEnv) run(j *poll.Job) poll.Result {
	e.t.Helper()
	res, err := e.poller.Run(e.ctx, j)
	if err != nil {
		e.t.Fatalf("run %s: %v", j.Name, err)
	}
	if len(res) != 1 {
		e.t.Fatalf("results %+v", res)
	}
	return res[0]
}

// messages are the job's outbox messages as "key channel status: text".
func (e *fbEnv) messages(job string) []outbox.Message {
	e.t.Helper()
	ms, err := e.store.List(e.ctx, outbox.Filter{Job: job, Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	sort.Slice(ms, func(i, k int) bool {
		if ms[i].DedupeKey != ms[k].DedupeKey {
			return ms[i].DedupeKey < ms[k].DedupeKey
		}
		return ms[i].Channel < ms[k].Channel
	})
	return ms
}

// keys are the dedupe keys and channels of the job's messages.
func (e *fbEnv) keys(job string) string {
	var out []string
	for _, m := range e.messages(job) {
		out = append(out, m.DedupeKey+" "+m.Channel+" "+string(m.Status))
	}
	return strings.Join(out, "\n")
}

func date(t time.Time) string { return t.Format("2006-01-02") }

func day(d int) time.Time { return time.Now().AddDate(0, 0, d) }

// istDay is the calendar day d days from today in Europe/Istanbul, as a
// Firebird DATE parameter (midnight, local time).
func istDay(d int) time.Time {
	ist, err := time.LoadLocation("Europe/Istanbul")
	if err != nil {
		panic(err)
	}
	t := time.Now().In(ist).AddDate(0, 0, d)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.Local)
}
