package poll_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	_ "modernc.org/sqlite" // the demo's driver, for the SQLite case

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/internal/sqlitefile"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// zoneEnv is a dealer's set-up from the walkthrough: the connector on a
// Linux machine set to UTC, the Wolvox database holding the shop's wall
// clock (Istanbul), the config's timezone the default Europe/Istanbul. The
// source is opened as the daemon opens it, in the config's timezone.
type zoneEnv struct {
	t      *testing.T
	ctx    context.Context
	db     *sql.DB // writes as Wolvox would
	store  *outbox.Store
	poller *poll.Poller
	now    time.Time
	head   string // the config up to jobs:, naming the source merkez
}

// onUTCMachine sets the process's zone to UTC for the test: the drivers
// and every time.Local default see the dealer's machine.
func onUTCMachine(t *testing.T) {
	local := time.Local
	time.Local = time.UTC
	t.Cleanup(func() { time.Local = local })
}

func newZoneEnv(t *testing.T, db *sql.DB, o erp.Options, head string) *zoneEnv {
	t.Helper()
	ctx := context.Background()
	store, err := outbox.Open(ctx, filepath.Join(t.TempDir(), "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	o.Name, o.Location = "merkez", config.DefaultLocation()
	g, err := erp.OpenGroup(o, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	e := &zoneEnv{t: t, ctx: ctx, db: db, store: store, head: head}
	e.poller = &poll.Poller{Store: store, Sources: map[string]*erp.Group{"merkez": g}, Now: func() time.Time { return e.now }}
	store.SetClock(func() time.Time { return e.now })
	return e
}

// newSQLiteZone is the demo's path: a SQLite file whose newest change is
// 22:00 on New Year's Eve, shop time.
func newSQLiteZone(t *testing.T) *zoneEnv {
	t.Helper()
	path := filepath.Join(t.TempDir(), "wolvox.db")
	uri, err := sqlitefile.URI(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, q := range []string{
		`CREATE TABLE FATURA (BLKODU INTEGER PRIMARY KEY, FATURA_NO VARCHAR(20), CEP_TEL VARCHAR(20), DEGISTIRME_TARIHI TIMESTAMP)`,
		`INSERT INTO FATURA VALUES (1, '2026-001', '05321234567', '2026-12-31 22:00:00')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	return newZoneEnv(t, db, erp.Options{Driver: "sqlite", Database: path}, `
sources:
  - {name: merkez, driver: sqlite, database: wolvox.db}
channels:
  sms: {provider: console}
jobs:
`)
}

// shopTime is a wall clock in the shop's zone.
func shopTime(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04:05", s, config.DefaultLocation())
	if err != nil {
		panic(err)
	}
	return t
}

// kargoJob follows FATURA's changes, as the shipments preset does, and
// writes the change's date both ways.
const kargoJob = `
  - name: kargo
    sql: SELECT BLKODU, FATURA_NO, CEP_TEL, DEGISTIRME_TARIHI FROM FATURA
    key: BLKODU
    mode: changed
    timestamp: DEGISTIRME_TARIHI
    lag: 1m
    schedule: "@every 1m"
    messages: {sms: {to: [CEP_TEL], text: "{{.FATURA_NO}} {{date .DEGISTIRME_TARIHI}} {{longdate .DEGISTIRME_TARIHI}}"}}
`

func (e *zoneEnv) job() *poll.Job {
	e.t.Helper()
	cfg, err := config.Parse("/etc/ac/config.yaml", []byte(e.head+kargoJob), config.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	j, err := poll.Build(cfg, cfg.Jobs[0])
	if err != nil {
		e.t.Fatal(err)
	}
	return j
}

func (e *zoneEnv) exec(q string) {
	e.t.Helper()
	if _, err := e.db.ExecContext(e.ctx, q); err != nil {
		e.t.Fatalf("%s: %v", q, err)
	}
}

func (e *zoneEnv) run(j *poll.Job, at string) poll.Result {
	e.t.Helper()
	e.now = shopTime(at)
	res, err := e.poller.Run(e.ctx, j)
	if err != nil || len(res) != 1 {
		e.t.Fatalf("run at %s: %+v, %v", at, res, err)
	}
	return res[0]
}

func (e *zoneEnv) messages() []outbox.Message {
	e.t.Helper()
	ms, err := e.store.List(e.ctx, outbox.Filter{Job: "kargo", Limit: 100})
	if err != nil {
		e.t.Fatal(err)
	}
	return ms
}

// A change Wolvox writes at 23:59:59 on New Year's Eve is read one lag
// later, not three hours later, and its date is the 31st in both helpers.
func checkShopWallClock(t *testing.T, e *zoneEnv) {
	j := e.job()
	if r := e.run(j, "2026-12-31 23:50:00"); !r.Started {
		t.Fatalf("first run: %+v", r)
	}
	e.exec(`INSERT INTO FATURA (BLKODU, FATURA_NO, CEP_TEL, DEGISTIRME_TARIHI) VALUES (901, '2026-901', '05321234567', '2026-12-31 23:59:59')`)
	if r := e.run(j, "2027-01-01 00:00:30"); r.Rows != 0 {
		t.Fatalf("read inside the lag: %+v", r)
	}
	r := e.run(j, "2027-01-01 00:01:00")
	if r.Rows != 1 || r.New != 1 {
		t.Fatalf("one lag after the change: %+v, want the row read (a machine-zone reading waits 3 hours)", r)
	}
	if want := "2026-12-31T23:59:59+03:00|901|"; len(r.Cursor) < len(want) || r.Cursor[:len(want)] != want {
		t.Errorf("cursor %q, want it saved as the shop's time", r.Cursor)
	}
	ms := e.messages()
	if len(ms) != 1 || ms[0].Text != "2026-901 31.12.2026 31 Aralık 2026" {
		t.Fatalf("messages %+v", ms)
	}
	// The key is the change's instant, the same whatever the machine's zone.
	if ms[0].DedupeKey != "kargo:merkez:901:changed:20261231T205959.000000000" {
		t.Errorf("key %q", ms[0].DedupeKey)
	}
}

// A cursor an earlier version saved on the UTC machine holds the row's
// wall clock with the machine's offset (…23:59:30Z for a change at 23:59:30
// shop time), and its messages were keyed the same way. That version read
// 902 three hours late, at 03:00:40, when 903 was still "in the lag". After
// the upgrade the job resumes at 902, not three hours past it (which would
// skip 903 for good), and does not read 902 again in the lag window, where
// its new key would send it twice.
func checkSavedCursorResumes(t *testing.T, e *zoneEnv) {
	j := e.job()
	e.exec(`INSERT INTO FATURA (BLKODU, FATURA_NO, CEP_TEL, DEGISTIRME_TARIHI) VALUES (902, '2026-902', '05321234567', '2026-12-31 23:59:30')`)
	e.exec(`INSERT INTO FATURA (BLKODU, FATURA_NO, CEP_TEL, DEGISTIRME_TARIHI) VALUES (903, '2026-903', '05321234567', '2026-12-31 23:59:45')`)
	e.now = shopTime("2027-01-01 03:00:40")
	old := outbox.Batch{Job: "kargo", Source: "merkez", Cursor: "2026-12-31T23:59:30Z|902|2026-12-31T22:00:00Z|1",
		Messages: []outbox.NewMessage{{Message: mapping.Message{Channel: "sms", To: "+905321234567", Text: "2026-902"},
			DedupeKey: "kargo:merkez:902:changed:20261231T235930.000000000", RecordKey: "902"}}}
	if n, err := e.store.Enqueue(e.ctx, old); err != nil || n.New != 1 {
		t.Fatalf("the earlier version's state: %+v %v", n, err)
	}
	r := e.run(j, "2027-01-01 03:01:00")
	if r.Rows != 1 || r.New != 1 {
		t.Fatalf("after the upgrade: %+v, want 903 alone read and sent", r)
	}
	var got []string
	for _, m := range e.messages() {
		got = append(got, m.DedupeKey)
	}
	want := []string{"kargo:merkez:902:changed:20261231T235930.000000000", "kargo:merkez:903:changed:20261231T205945.000000000"}
	if got = sortedCopy(got); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("keys %v, want %v", got, want)
	}
	// The next run has the cursor this version saved: nothing again.
	if r := e.run(j, "2027-01-01 03:02:00"); r.New != 0 {
		t.Fatalf("second run: %+v", r)
	}
}

func TestSQLiteTimesAreTheShopsWallClock(t *testing.T) {
	onUTCMachine(t)
	checkShopWallClock(t, newSQLiteZone(t))
}

func TestSQLiteCursorSavedBeforeTheUpgradeResumes(t *testing.T) {
	onUTCMachine(t)
	checkSavedCursorResumes(t, newSQLiteZone(t))
}
