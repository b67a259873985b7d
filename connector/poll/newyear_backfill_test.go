package poll_test

import (
	"context"
	"os"
	"path/filepath"
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
			year := func(y string) {
				p := filepath.Join(dir, y, "demo.db")
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := demo.CreateDB(ctx, p); err != nil {
					t.Fatal(err)
				}
			}
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
