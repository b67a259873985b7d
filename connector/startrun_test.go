package connector_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// A job that sends what is due at a time of day (reminders, statements)
// does not run when the service starts: installed at 15:00, its 10:00 run
// comes tomorrow, as check says. Only a run it missed while stopped (or
// that failed) is made up at start. A job reading new rows runs at start.
func TestTimeOfDayJobsWaitForTheirTime(t *testing.T) {
	now := time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC) // 15:00 in Istanbul
	for _, tc := range []struct {
		name        string
		lastSuccess time.Time // of due-soon; zero: never ran
		runs        bool
	}{
		{"first start", time.Time{}, false},
		{"ran at 10:00 today", time.Date(2026, 12, 3, 7, 0, 5, 0, time.UTC), false},
		{"stopped over today's 10:00", time.Date(2026, 12, 2, 7, 0, 5, 0, time.UTC), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
				t.Fatal(err)
			}
			cfg := loadConfig(t, dir, `
state_dir: state
timezone: Europe/Istanbul
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console}}
jobs:
  - name: new
    preset: new_invoices
    schedule: "@every 1h"
    messages: {sms: {}}
  - name: due-soon
    preset: invoices_due
    schedule: "0 10 * * *"
    messages: {sms: {}}
`)
			d, err := connector.New(context.Background(), cfg, connector.Options{Now: func() time.Time { return now }})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			if !tc.lastSuccess.IsZero() {
				if err := d.Store().RecordJobRun(context.Background(), outbox.JobRun{Job: "due-soon", LastRun: tc.lastSuccess}); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- d.Run(ctx) }()
			ran := func(job string) bool {
				runs, err := d.Store().JobRuns(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				for _, r := range runs {
					if r.Job == job && r.LastRun.After(tc.lastSuccess) {
						return true
					}
				}
				return false
			}
			deadline := time.Now().Add(10 * time.Second)
			for !ran("new") || (tc.runs && !ran("due-soon")) {
				if time.Now().After(deadline) {
					t.Fatalf("new ran: %v, due-soon ran: %v", ran("new"), ran("due-soon"))
				}
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(200 * time.Millisecond) // time for a start run that should not be
			cancel()
			<-done
			if got := ran("due-soon"); got != tc.runs {
				t.Errorf("due-soon ran at start: %v, want %v", got, tc.runs)
			}
		})
	}
}
