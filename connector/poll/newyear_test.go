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

// In January the shop opens the new year's database and enters invoices
// there, maybe before the connector first reads it (its rights not yet
// granted). A job that read last year's database reads the new one from its
// first row: every invoice in it is the year's own. A job installed in
// January, which read no earlier year, starts at the end as any new job.
func TestNewYearsInvoicesAreSentFromTheFirst(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		lastYear bool // the job ran in 2026's database
	}{
		{"the job read last year's database", true},
		{"installed in January", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			year := func(y string) string { return yearDB(t, dir, y) }
			store, err := outbox.Open(ctx, filepath.Join(dir, "outbox.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			now := time.Date(2026, 12, 30, 12, 0, 0, 0, istanbul)
			clock := func() time.Time { return now }
			g, err := erp.OpenGroup(erp.Options{Name: "demo", Driver: "sqlite", Database: filepath.Join(dir, "{year}", "demo.db"),
				Location: istanbul}, clock)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			p := &poll.Poller{Store: store, Sources: map[string]*erp.Group{"demo": g}, Now: clock}
			e := &demoEnv{t: t, ctx: ctx}
			j := e.job(`
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 5m"
    messages: {sms: {}}
`)
			// run returns the messages made in each database.
			run := func() map[string]int {
				t.Helper()
				res, err := p.Run(ctx, j)
				if err != nil {
					t.Fatal(err)
				}
				n := map[string]int{}
				for _, r := range res {
					n[r.Source] += r.New
				}
				return n
			}
			year("2026")
			if tc.lastYear {
				if n := run(); n["demo@2026"] != 0 {
					t.Fatalf("first run in 2026's database: %v, want a start at its end", n)
				}
			}
			year("2027")
			now = time.Date(2027, 1, 2, 10, 0, 0, 0, istanbul)
			n := run()
			if tc.lastYear && n["demo@2027"] < 20 {
				t.Errorf("first run in 2027's database: %v, want every invoice in it", n)
			}
			if !tc.lastYear && (n["demo@2026"] != 0 || n["demo@2027"] != 0) {
				t.Errorf("first run, installed in January: %v, want a start at the end of both", n)
			}
			if n := run(); n["demo@2026"]+n["demo@2027"] != 0 {
				t.Errorf("the run after: %v", n)
			}
		})
	}
}

// yearDB creates the demo database of year y under dir, as Wolvox lays a
// company's years out (dir/2026/demo.db), and returns its path.
func yearDB(t *testing.T, dir, y string) string {
	t.Helper()
	p := filepath.Join(dir, y, "demo.db")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := demo.CreateDB(context.Background(), p); err != nil {
		t.Fatal(err)
	}
	return p
}
