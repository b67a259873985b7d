package poll_test

import (
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// Sending need not wait for the end of a long run: the poller says so
// after each page whose messages are committed, so a backfill streams
// through the dispatcher while it is still being read.
func TestFirebirdEachPageIsAnnouncedOnceStored(t *testing.T) {
	e := newFB(t, "pages")
	j := e.job(`
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    backfill: all
    page_size: 3
    messages:
      sms: {}
`)
	var seen []int
	e.poller.Enqueued = func() {
		c, err := e.store.Counts(e.ctx, e.now.Add(-24*3600e9))
		if err != nil {
			t.Error(err)
			return
		}
		seen = append(seen, c["sms"][outbox.StatusPending])
	}
	res := e.run(j)
	if res.New < 7 || len(seen) < 3 {
		t.Fatalf("%d new messages, announced %d time(s) (%v): want a page of 3 at a time", res.New, len(seen), seen)
	}
	for i, n := range seen {
		if n > 3*(i+1) || i > 0 && n <= seen[i-1] {
			t.Errorf("announcements saw %v pending: want up to 3 more, stored, at each", seen)
			break
		}
	}
	if last, want := seen[len(seen)-1], res.New-res.Skipped; last != want {
		t.Errorf("the last announcement saw %d pending, want all %d", last, want)
	}
}
