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
		{"@daily", "2026-11-25T21:00:00Z"}, // midnight in Istanbul
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
