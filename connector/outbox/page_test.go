package outbox

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Each day of the chart is the shop's day: a message made at 23:30 local
// time counts on that day, not on the next (UTC) one.
func TestDailyCounts(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	ist := time.FixedZone("+03", 3*3600)
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, ist) }
	at := func(t time.Time) { s.SetClock(func() time.Time { return t }) }
	for i, when := range []time.Time{day(1).Add(-time.Minute), day(1).Add(time.Hour), day(1).Add(23*time.Hour + 30*time.Minute), day(2).Add(time.Hour), day(3)} {
		at(when)
		k := "k" + string(rune('a'+i))
		s.Enqueue(ctx, Batch{Job: "j", Source: "s", Messages: []NewMessage{{Message: mapping.Message{Channel: "sms", To: "+905321234567", Text: k}, DedupeKey: k}}})
	}
	at(day(2).Add(2 * time.Hour))
	c, _ := s.Claim(ctx, "sms", 1) // the one made just before day 1: outside the chart
	s.Finish(ctx, c[0], Outcome{Status: StatusSent})
	c, _ = s.Claim(ctx, "sms", 1)
	s.Finish(ctx, c[0], Outcome{Status: StatusFailed})
	got, err := s.DailyCounts(ctx, []time.Time{day(1), day(2), day(3)})
	if err != nil {
		t.Fatal(err)
	}
	want := []DayCount{{0, "sms", StatusFailed, 1}, {0, "sms", StatusPending, 1}, {1, "sms", StatusPending, 1}}
	if len(got) != len(want) {
		t.Fatalf("counts = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("count %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestListPagesAndCounts(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	if _, err := s.Enqueue(ctx, batch("5", "a", "b", "c", "d", "e")); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Claim(ctx, "sms", 2)
	s.Finish(ctx, c[0], Outcome{Status: StatusFailed})
	s.Finish(ctx, c[1], Outcome{Status: StatusSent})
	f := Filter{Statuses: []Status{StatusPending, StatusFailed}, Limit: 2}
	if n, err := s.Count(ctx, f); err != nil || n != 4 {
		t.Fatalf("count = %d, %v; want 4", n, err)
	}
	var keys []string
	for off := 0; off < 4; off += 2 {
		f.Offset = off
		page, err := s.List(ctx, f)
		if err != nil || len(page) != 2 {
			t.Fatalf("page at %d = %v, %v", off, page, err)
		}
		for _, m := range page {
			keys = append(keys, m.DedupeKey)
		}
	}
	if got := keys[0] + keys[1] + keys[2] + keys[3]; got != "edca" {
		t.Errorf("pages = %v, want newest first without the sent one", keys)
	}
}

// Paging by Before visits every message once even when each one leaves
// the list as it is visited (a bulk re-read makes them pending): an offset
// would step over half of them.
func TestListPagesBeforeWhileTheListShrinks(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	if _, err := s.Enqueue(ctx, batch("5", "a", "b", "c", "d", "e")); err != nil {
		t.Fatal(err)
	}
	f := Filter{Status: StatusPending, Limit: 2}
	var keys string
	for {
		page, err := s.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		for _, m := range page {
			keys += m.DedupeKey
			if err := s.Cancel(ctx, m.ID); err != nil {
				t.Fatal(err)
			}
			f.Before = m.ID
		}
	}
	if keys != "edcba" {
		t.Errorf("visited %q, want every message once, newest first", keys)
	}
}
