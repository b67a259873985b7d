package poll_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/internal/sqlitefile"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// demoEnv is the demo database, an outbox and a clock: the real poll path
// on SQLite, with the jobs built from config text as the daemon builds them.
// Only the demo's invoice 105 (Gülşen Doğan, 15,00 TL open, a mobile and an
// e-mail address) is left with a due date near today.
type demoEnv struct {
	t      *testing.T
	ctx    context.Context
	db     *sql.DB
	store  *outbox.Store
	poller *poll.Poller
	now    time.Time
	today  time.Time // the database's own date: its window does not follow the clock
}

func newDemo(t *testing.T) *demoEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	if err := demo.CreateDB(ctx, path); err != nil {
		t.Fatal(err)
	}
	uri, err := sqlitefile.URI(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store, err := outbox.Open(ctx, filepath.Join(dir, "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	g, err := erp.OpenGroup(erp.Options{Name: "demo", Driver: "sqlite", Database: path, Location: time.Local}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { g.Close() })
	e := &demoEnv{t: t, ctx: ctx, db: db, store: store}
	e.poller = &poll.Poller{Store: store, Sources: map[string]*erp.Group{"demo": g}, Now: func() time.Time { return e.now }}
	store.SetClock(func() time.Time { return e.now })
	var today string
	if err := db.QueryRowContext(ctx, `SELECT date('now', 'localtime')`).Scan(&today); err != nil {
		t.Fatal(err)
	}
	if e.today, err = time.Parse("2006-01-02", today); err != nil {
		t.Fatal(err)
	}
	e.exec(`UPDATE FATURA SET VADESI = date('now', 'localtime', '+2000 days')`)
	return e
}

func (e *demoEnv) exec(q string, args ...any) {
	e.t.Helper()
	if _, err := e.db.ExecContext(e.ctx, q, args...); err != nil {
		e.t.Fatalf("%s: %v", q, err)
	}
}

// due sets invoice 105's due date, as an edit in Wolvox would.
func (e *demoEnv) due(d time.Time) {
	e.exec(`UPDATE FATURA SET VADESI = ? WHERE BLKODU = 105`, date(d))
}

func (e *demoEnv) job(jobs string) *poll.Job {
	e.t.Helper()
	cfg, err := config.Parse("/etc/ac/config.yaml", []byte(demoHead+jobs), config.Options{})
	if err != nil {
		e.t.Fatal(err)
	}
	j, err := poll.Build(cfg, cfg.Jobs[0])
	if err != nil {
		e.t.Fatal(err)
	}
	return j
}

// runOn runs the job at 10:00 in Istanbul on day d and returns how many
// messages it added.
func (e *demoEnv) runOn(j *poll.Job, d time.Time) int {
	e.t.Helper()
	e.now = at10(d)
	res, err := e.poller.Run(e.ctx, j)
	if err != nil {
		e.t.Fatalf("run %s on %s: %v", j.Name, date(d), err)
	}
	if len(res) != 1 || res[0].Rows != 1 {
		e.t.Fatalf("run %s on %s: %+v, want the one invoice read", j.Name, date(d), res)
	}
	return res[0].New
}

// keys are the job's messages as "key channel", sorted.
func (e *demoEnv) keys(job string) []string {
	e.t.Helper()
	ms, err := e.store.List(e.ctx, outbox.Filter{Job: job, Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		out = append(out, m.DedupeKey+" "+m.Channel)
	}
	return sortedCopy(out)
}

// enqueueFormer stores what a version before anchored periods enqueued for
// invoice 105 at 10:00 on day d: its key had the period counted in blocks of
// the renotify interval since 1970.
func (e *demoEnv) enqueueFormer(job, entity string, d time.Time, days int) {
	e.t.Helper()
	e.now = at10(d)
	key := fmt.Sprintf("%s:demo:105:%s", entity, formerLabel(d, days))
	b := outbox.Batch{Job: job, Source: "demo", Messages: []outbox.NewMessage{
		{Message: mapping.Message{Channel: "sms", To: "+905424567890", Text: "2024-105 hatırlatma"}, DedupeKey: key, RecordKey: "105"},
		{Message: mapping.Message{Channel: "email", To: "gulsen.dogan@example.com", Subject: "2024-105", Text: "hatırlatma"}, DedupeKey: key, RecordKey: "105"},
	}}
	if n, err := e.store.Enqueue(e.ctx, b); err != nil || n.New != 2 {
		e.t.Fatalf("former enqueue: %+v %v", n, err)
	}
}

const demoHead = `
timezone: Europe/Istanbul
sources:
  - {name: demo, driver: sqlite, database: demo.db}
channels:
  sms: {provider: console}
  email: {provider: console}
jobs:
`

var istanbul = func() *time.Location {
	l, err := time.LoadLocation("Europe/Istanbul")
	if err != nil {
		panic(err)
	}
	return l
}()

func at10(d time.Time) time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, istanbul)
}

func addDays(d time.Time, n int) time.Time { return d.AddDate(0, 0, n) }

// epochDay counts d's date in days since 1970-01-01.
func epochDay(d time.Time) int {
	return int(time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// formerLabel is the period of earlier versions on day d: the first day of
// the block of days it falls in, blocks counted from 1970.
func formerLabel(d time.Time, days int) string {
	n := epochDay(d)
	return time.Unix(int64(n-n%days)*86400, 0).UTC().Format("2006-01-02")
}

// firstOnOrAfter is the first day from d whose epoch day is rem modulo m.
func firstOnOrAfter(d time.Time, m, rem int) time.Time {
	for epochDay(d)%m != rem {
		d = addDays(d, 1)
	}
	return d
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func pair(key string) []string { return []string{key + " email", key + " sms"} }

// Daily runs of invoices_due and invoices_overdue over weeks, across the
// ends of the fixed periods earlier versions counted from 1970: an invoice
// is reminded once per renotify interval counted from its own due date, on
// the interval's first run, whatever day the calendar's periods end.
func TestDueRemindersCountFromTheInvoice(t *testing.T) {
	type run struct {
		day  int // days after the due date (negative before it)
		want int // messages added: sms and e-mail, or none
	}
	for _, tc := range []struct {
		name, job, entity string
		days              int // renotify in days
		// due is the invoice's due date, relative to the database's today
		// (its window) and placing a former period's end inside the runs.
		due  func(today time.Time) time.Time
		runs []run
		keys []string // by the due date's yyyymmdd, %s
	}{
		{
			name: "invoices_due: one reminder per due date, every day for 30 days", entity: "due", days: 30,
			job: `
  - name: due
    preset: invoices_due
    schedule: "0 10 * * *"
    params: {days_ahead: 29}
    messages: {sms: {}, email: {}}
`,
			// A former 30-day period starts 15 days before the due date.
			due: func(today time.Time) time.Time { return firstOnOrAfter(today, 30, 15) },
			runs: func() []run {
				rs := []run{{-29, 2}}
				for d := -28; d <= 0; d++ {
					rs = append(rs, run{d, 0})
				}
				return rs
			}(),
			keys: pair("due:demo:105:due:%s:0"),
		},
		{
			name: "invoices_overdue: every 7 days from the day after the due date", entity: "overdue", days: 7,
			job: `
  - name: overdue
    preset: invoices_overdue
    schedule: "0 10 * * *"
    messages: {sms: {}, email: {}}
`,
			// Overdue for about a month by the database's date; the former
			// 7-day periods start on the 5th, 12th, 19th and 26th day after
			// the due date, in the middle of each interval.
			due: func(today time.Time) time.Time { return firstOnOrAfter(addDays(today, -31), 7, 2) },
			runs: func() []run {
				var rs []run
				for d := 1; d <= 28; d++ {
					rs = append(rs, run{d, map[bool]int{true: 2, false: 0}[(d-1)%7 == 0]})
				}
				return rs
			}(),
			keys: append(append(append(pair("overdue:demo:105:due:%s:0"), pair("overdue:demo:105:due:%s:1")...),
				pair("overdue:demo:105:due:%s:2")...), pair("overdue:demo:105:due:%s:3")...),
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newDemo(t)
			due := tc.due(e.today)
			e.due(due)
			j := e.job(tc.job)
			former := map[string]bool{}
			for _, r := range tc.runs {
				d := addDays(due, r.day)
				former[formerLabel(d, tc.days)] = true
				if got := e.runOn(j, d); got != r.want {
					t.Errorf("day %+d (%s): %d messages added, want %d; outbox:\n%s", r.day, date(d), got, r.want, strings.Join(e.keys(j.Name), "\n"))
				}
			}
			if len(former) < 2 {
				t.Fatalf("the runs stay in one former period %v: the test proves nothing", former)
			}
			var want []string
			for _, k := range tc.keys {
				want = append(want, fmt.Sprintf(k, due.Format("20060102")))
			}
			if got := e.keys(j.Name); strings.Join(got, "\n") != strings.Join(sortedCopy(want), "\n") {
				t.Errorf("outbox:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(sortedCopy(want), "\n"))
			}
		})
	}
}

// The reviewer's case, on the former key form's own days: the day before a
// former period's end and the day after it, the same invoice and due date,
// make the same key; a due date moved in Wolvox is reminded again.
func TestDueReminderAcrossAFormerPeriodsEnd(t *testing.T) {
	e := newDemo(t)
	// A former 30-day period starts on day b; the invoice falls due two days
	// after it (Wolvox's default window is 3 days).
	b := firstOnOrAfter(addDays(e.today, -2), 30, 0)
	due := addDays(b, 2)
	e.due(due)
	j := e.job(`
  - name: due
    preset: invoices_due
    schedule: "0 10 * * *"
    params: {days_ahead: 29}
    messages: {sms: {}, email: {}}
`)
	if formerLabel(addDays(b, -1), 30) == formerLabel(b, 30) {
		t.Fatal("no former period ends between the runs")
	}
	// days_ahead widens the database's window, whose today is the real one,
	// to hold the chosen due date: still one interval (30 days), and the
	// runs are those of the default window, 3 days before it.
	for i, tc := range []struct {
		day  time.Time
		want int
	}{{addDays(b, -1), 2}, {b, 0}, {addDays(b, 1), 0}, {due, 0}} {
		if got := e.runOn(j, tc.day); got != tc.want {
			t.Errorf("run %d on %s: %d added, want %d", i, date(tc.day), got, tc.want)
		}
	}
	// Postponed by a day: a new due date, a new reminder, once.
	moved := addDays(due, 1)
	if epochDay(moved) > epochDay(e.today)+29 {
		moved = addDays(due, -1)
	}
	e.due(moved)
	if got := e.runOn(j, addDays(moved, -1)); got != 2 {
		t.Errorf("moved due date: %d added, want 2", got)
	}
	if got := e.runOn(j, moved); got != 0 {
		t.Errorf("moved due date, next day: %d added, want 0", got)
	}
	want := sortedCopy(append(pair("due:demo:105:due:"+due.Format("20060102")+":0"), pair("due:demo:105:due:"+moved.Format("20060102")+":0")...))
	if got := e.keys("due"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("outbox:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// An outbox written by a version with the former key form: what it sent in
// an invoice's current interval is not sent again after the upgrade, on
// any day of that interval, even where a former period ends; the next
// interval is reminded as before, even when the former message's period
// reaches into it.
func TestUpgradeDoesNotResendUnderTheNewKey(t *testing.T) {
	type run struct {
		day  int // days after the due date
		want int
	}
	for _, tc := range []struct {
		name, job, entity string
		days              int
		due               func(today time.Time) time.Time
		sent              int // the day, after the due date, the former version sent
		runs              []run
	}{
		{
			name: "invoices_due, sent the day before a former period ends", entity: "due", days: 30,
			job: `
  - name: due
    preset: invoices_due
    schedule: "0 10 * * *"
    params: {days_ahead: 29}
    messages: {sms: {}, email: {}}
`,
			// A former period starts 2 days before the due date.
			due:  func(today time.Time) time.Time { return firstOnOrAfter(today, 30, 2) },
			sent: -3,
			runs: []run{{-3, 0}, {-2, 0}, {-1, 0}, {0, 0}},
		},
		{
			name: "invoices_overdue, sent in the first interval", entity: "overdue", days: 7,
			job: `
  - name: overdue
    preset: invoices_overdue
    schedule: "0 10 * * *"
    messages: {sms: {}, email: {}}
`,
			// Former periods start on the 5th and 12th day after the due date.
			due:  func(today time.Time) time.Time { return firstOnOrAfter(addDays(today, -31), 7, 2) },
			sent: 3,
			runs: []run{{3, 0}, {4, 0}, {5, 0}, {6, 0}, {7, 0}, {8, 2}, {9, 0}, {14, 0}, {15, 2}},
		},
		{
			// The former message's period (days 5 to 11) reaches into the
			// second interval (days 8 to 14): that one is still reminded.
			name: "invoices_overdue, sent on the first interval's last day", entity: "overdue", days: 7,
			job: `
  - name: overdue
    preset: invoices_overdue
    schedule: "0 10 * * *"
    messages: {sms: {}, email: {}}
`,
			due:  func(today time.Time) time.Time { return firstOnOrAfter(addDays(today, -31), 7, 2) },
			sent: 7,
			runs: []run{{7, 0}, {8, 2}, {9, 0}, {11, 0}, {12, 0}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newDemo(t)
			due := tc.due(e.today)
			e.due(due)
			e.enqueueFormer(tc.entity, tc.entity, addDays(due, tc.sent), tc.days)
			j := e.job(tc.job) // the upgraded connector
			labels := map[string]bool{}
			for _, r := range tc.runs {
				d := addDays(due, r.day)
				labels[formerLabel(d, tc.days)] = true
				if got := e.runOn(j, d); got != r.want {
					t.Errorf("day %+d (%s): %d added, want %d; outbox:\n%s", r.day, date(d), got, r.want, strings.Join(e.keys(j.Name), "\n"))
				}
			}
			if len(labels) < 2 {
				t.Fatalf("the runs stay in one former period %v: the test proves nothing", labels)
			}
		})
	}
}

// A condition job of the shop's own SQL counts its periods in fixed blocks
// of days (no row date to count from), but its renotify is how long after a
// notice the next may come: daily runs from the last day of a block notify
// on that day and every 7 days after it, never on two days running.
func TestOwnConditionJobNotifiesRenotifyApart(t *testing.T) {
	e := newDemo(t)
	j := e.job(`
  - name: own
    sql: SELECT BLKODU, FATURA_NO, CEP_TEL FROM FATURA WHERE BLKODU = 105
    key: BLKODU
    mode: condition
    renotify: 7d
    schedule: "0 10 * * *"
    messages: {sms: {to: [CEP_TEL], text: "{{.FATURA_NO}} hatırlatma"}}
`)
	first := addDays(firstOnOrAfter(e.today, 7, 0), -1) // the last day of a block
	var sent []int
	for d := 0; d < 30; d++ {
		if n := e.runOn(j, addDays(first, d)); n > 0 {
			sent = append(sent, d)
		}
	}
	if want := []int{0, 7, 14, 21, 28}; fmt.Sprint(sent) != fmt.Sprint(want) {
		t.Errorf("notified on days %v of 30 daily runs, want %v; outbox:\n%s", sent, want, strings.Join(e.keys(j.Name), "\n"))
	}
}

// A shop that changes renotify, or whose runs miss days, numbers an
// invoice's intervals anew: reminders stay renotify apart, counted from the
// last one sent, never the day after it, and a number the old numbering
// stored long ago holds nothing back.
func TestRemindersStayRenotifyApartWhenTheIntervalsChange(t *testing.T) {
	overdue := func(renotify string) string {
		return `
  - name: overdue
    preset: invoices_overdue
    schedule: "0 10 * * *"
    renotify: ` + renotify + `
    messages: {sms: {}, email: {}}
`
	}
	type phase struct {
		renotify string
		days     []int // the runs, in days after the due date
	}
	daily := func(from, to int) []int {
		var out []int
		for d := from; d <= to; d++ {
			out = append(out, d)
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		phases []phase
		sent   []int    // the days a reminder was added
		keys   []string // the keys' interval parts; {43}: that day after the due date, yyyymmdd
	}{
		{
			name:   "14d to 7d the day after a reminder",
			phases: []phase{{"14d", daily(1, 15)}, {"7d", daily(16, 36)}},
			sent:   []int{1, 15, 22, 29, 36},
			keys:   []string{"0", "1", "3", "4", "5"},
		},
		{
			// 14d numbers the interval from day 29 as 2 and the one from day
			// 43 as 3: keys 7d stored on days 15 and 22.
			name:   "7d to 14d after weeks of reminders",
			phases: []phase{{"7d", daily(1, 29)}, {"14d", daily(30, 57)}},
			sent:   []int{1, 8, 15, 22, 29, 43, 57},
			keys:   []string{"0", "1", "2", "3", "4", "3.{43}", "4.{57}"},
		},
		{
			name:   "a run missed: the next comes renotify after the late one",
			phases: []phase{{"7d", append([]int{1, 10}, daily(11, 24)...)}},
			sent:   []int{1, 10, 17, 24},
			keys:   []string{"0", "1", "2", "3"},
		},
		{
			name:   "unchanged daily runs keep the due date's days",
			phases: []phase{{"7d", daily(1, 22)}},
			sent:   []int{1, 8, 15, 22},
			keys:   []string{"0", "1", "2", "3"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newDemo(t)
			due := addDays(e.today, -60)
			e.due(due)
			var sent []int
			for _, p := range tc.phases {
				j := e.job(overdue(p.renotify))
				for _, d := range p.days {
					switch n := e.runOn(j, addDays(due, d)); n {
					case 0:
					case 2:
						sent = append(sent, d)
					default:
						t.Fatalf("day %d: %d messages added, want the sms and the e-mail or none", d, n)
					}
				}
			}
			if fmt.Sprint(sent) != fmt.Sprint(tc.sent) {
				t.Errorf("reminded on days %v, want %v; outbox:\n%s", sent, tc.sent, strings.Join(e.keys("overdue"), "\n"))
			}
			var want []string
			for _, k := range tc.keys {
				k = strings.NewReplacer("{43}", addDays(due, 43).Format("20060102"), "{57}", addDays(due, 57).Format("20060102")).Replace(k)
				want = append(want, pair("overdue:demo:105:due:"+due.Format("20060102")+":"+k)...)
			}
			if got := e.keys("overdue"); strings.Join(got, "\n") != strings.Join(sortedCopy(want), "\n") {
				t.Errorf("outbox:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(sortedCopy(want), "\n"))
			}
		})
	}
}
