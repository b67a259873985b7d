package poll_test

import (
	"testing"
	"time"
)

// A job's quiet days hold its messages until the next working day starts
// (the end of the quiet hours, 09:00): made on the first day of Kurban
// Bayramı, they wait for the Monday after it, the Sunday being quiet too;
// made the night before 23 April, an SMS would go when the quiet hours end,
// on the holiday, so it waits for the 24th, while the e-mail, which quiet
// hours do not hold, is not held by a day that has not begun.
func TestFirebirdQuietDays(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ist())
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, tc := range []struct {
		now            string
		smsAt, emailAt string // when each may first be claimed
	}{
		{"2026-05-27 10:00", "2026-06-01 09:00", "2026-06-01 09:00"},
		{"2026-04-22 23:00", "2026-04-24 09:00", "2026-04-22 23:00"},
		{"2026-05-25 11:00", "2026-05-25 11:00", "2026-05-25 11:00"}, // a working Monday
	} {
		t.Run(tc.now, func(t *testing.T) {
			e := newFB(t, "quiet")
			e.now = at(tc.now)
			j := e.job(`
timezone: Europe/Istanbul
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    backfill: key:100
    quiet_days: [tr_holidays, sundays]
    messages:
      sms: {}
      email: {}
`)
			if r := e.run(j); r.New == 0 {
				t.Fatalf("run: %+v", r)
			}
			for ch, when := range map[string]string{"sms": tc.smsAt, "email": tc.emailAt} {
				ready := at(when)
				if ready.After(e.now) {
					e.store.SetClock(func() time.Time { return ready.Add(-time.Minute) })
					if ms, err := e.store.Claim(e.ctx, ch, 100); err != nil || len(ms) != 0 {
						t.Fatalf("%s claimed before %s: %d %v", ch, when, len(ms), err)
					}
				}
				e.store.SetClock(func() time.Time { return ready })
				ms, err := e.store.Claim(e.ctx, ch, 100)
				if err != nil || len(ms) == 0 {
					t.Fatalf("%s not claimable at %s: %v", ch, when, err)
				}
			}
		})
	}
}
