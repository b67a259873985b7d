package dispatch

import (
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

func TestQuietHours(t *testing.T) {
	ist, _ := time.LoadLocation("Europe/Istanbul")
	q := &QuietHours{Start: config.MustClock("21:00"), End: config.MustClock("09:00"), Location: ist}
	for _, tc := range []struct {
		at    string
		quiet bool
	}{{"2026-11-25T20:59:00+03:00", false}, {"2026-11-25T21:00:00+03:00", true}, {"2026-11-26T03:00:00+03:00", true},
		{"2026-11-26T08:59:00+03:00", true}, {"2026-11-26T09:00:00+03:00", false}, {"2026-11-25T18:30:00Z", true}} {
		at, _ := time.Parse(time.RFC3339, tc.at)
		if got := q.Active(at); got != tc.quiet {
			t.Errorf("quiet at %s = %v, want %v", tc.at, got, tc.quiet)
		}
	}
}

func TestBackoff(t *testing.T) {
	for attempt := 1; attempt <= 12; attempt++ {
		d := backoff(attempt, 0)
		if d < baseBackoff/2 || d > maxBackoff*3/2 {
			t.Errorf("backoff(%d) = %v out of range", attempt, d)
		}
	}
	if d := backoff(1, 10*time.Minute); d < 10*time.Minute {
		t.Errorf("Retry-After not honoured: %v", d)
	}
}
