package dispatch

import (
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

func TestQuietHoursUntil(t *testing.T) {
	ist := time.FixedZone("+03", 3*3600)
	q := &QuietHours{Start: config.MustClock("21:00"), End: config.MustClock("09:00"), Location: ist}
	at := func(d, h, m int) time.Time { return time.Date(2026, 11, d, h, m, 0, 0, ist) }
	for _, tc := range []struct{ t, want time.Time }{
		{at(25, 22, 15), at(26, 9, 0)}, // evening: tomorrow morning
		{at(26, 3, 0), at(26, 9, 0)},   // after midnight: this morning
		{at(26, 12, 0), at(26, 12, 0)}, // not quiet
		{at(26, 8, 59), at(26, 9, 0)},
	} {
		if got := q.Until(tc.t); !got.Equal(tc.want) {
			t.Errorf("Until(%s) = %s, want %s", tc.t, got, tc.want)
		}
	}
}

// A channel an operator paused says so and why, and claims nothing until
// resumed.
func TestHoldAndResume(t *testing.T) {
	c := New(Settings{Name: "sms"}, Deps{})
	if p, _ := c.Paused(); p || c.Held() {
		t.Fatal("a new channel is paused")
	}
	c.Hold()
	if p, why := c.Paused(); !p || why.Code != ReasonPausedByOperator || !c.Held() {
		t.Errorf("held channel: paused %v, %v", p, why)
	}
	c.Resume()
	if p, _ := c.Paused(); p || c.Held() {
		t.Error("resumed channel still paused")
	}
}
