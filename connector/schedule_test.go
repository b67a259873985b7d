package connector

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
)

// Schedules are read in the configured time zone: "0 10 * * *" is 10:00 in
// Istanbul, 07:00 UTC. Computed from an injected "now", no sleeping.
func TestNextRunInTimeZone(t *testing.T) {
	ist, _ := time.LoadLocation("Europe/Istanbul")
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC) // 11:00 in Istanbul
	for _, tc := range []struct{ spec, want string }{
		{"0 10 * * *", "2026-11-26T07:00:00Z"},
		{"*/15 * * * *", "2026-11-25T08:15:00Z"},
		{"30 0 9 * * 1-5", "2026-11-26T06:00:30Z"}, // with seconds: 09:00:30 Istanbul, next weekday
		{"@every 5m", "2026-11-25T08:05:00Z"},
		{"@every 1d", "2026-11-26T08:00:00Z"}, // days, as retention and backfill take them
		{"@daily", "2026-11-25T21:00:00Z"},    // midnight in Istanbul
	} {
		s, err := config.ParseSchedule(tc.spec)
		if err != nil {
			t.Fatalf("%s: %v", tc.spec, err)
		}
		got := s.Next(now.In(ist)).UTC().Format(time.RFC3339)
		if got != tc.want {
			t.Errorf("next run of %q = %s, want %s", tc.spec, got, tc.want)
		}
	}
}

// A job still running is not started again; the skip is logged.
func TestJobNeverOverlapsItself(t *testing.T) {
	d := &Daemon{log: slog.New(slog.DiscardHandler), running: map[string]bool{"slow": true}, last: map[string]JobStatus{}, now: time.Now}
	d.runExclusive(context.Background(), &poll.Job{Name: "slow"}) // would panic on the nil poller if it ran
	if !d.running["slow"] {
		t.Fatal("the running mark of the first run was cleared by the skipped one")
	}
}

// A "0 10 * * *" job runs at 10:00 in the config's time zone whatever the
// host's clock says: on a host set to UTC its next run is 10:00 +03:00, not
// 13:00 (10:00 UTC). The running daemon, the outbox the status command
// reads, and check all give the same time.
func TestNextRunIsInTheConfigZoneOnAUTCHost(t *testing.T) {
	local := time.Local
	time.Local = time.UTC
	defer func() { time.Local = local }()
	dir := t.TempDir()
	cfg, err := config.Parse(dir+"/config.yaml", []byte(`
state_dir: state
timezone: Europe/Istanbul
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console}}
jobs:
  - name: morning
    preset: new_customers
    schedule: "0 10 * * *"
    messages: {sms: {text: "x"}}
`), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC) // 11:00 in Istanbul
	d, err := New(context.Background(), cfg, Options{Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- d.Run(ctx) }()
	want := time.Date(2026, 11, 26, 7, 0, 0, 0, time.UTC) // 10:00 +03:00
	deadline := time.Now().Add(10 * time.Second)
	for d.JobStatuses()["morning"].Next.IsZero() && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	if got := d.JobStatuses()["morning"].Next; !got.Equal(want) {
		t.Errorf("next run = %s, want %s (10:00 in Istanbul)", got.In(cfg.Location()), want.In(cfg.Location()))
	}
	runs, err := d.Store().JobRuns(context.Background())
	if err != nil || len(runs) != 1 || !runs[0].Next.Equal(want) {
		t.Errorf("the outbox says the next run is %+v (%v), want %s", runs, err, want)
	}
	if got := cfg.Jobs[0].Schedule.Next(now.In(cfg.Location())); !got.Equal(want) {
		t.Errorf("check would say %s", got)
	}
}
