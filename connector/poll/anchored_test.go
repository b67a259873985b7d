package poll

import (
	"slices"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// A dated row's key is its due date and the number of its interval,
// counted from the first day its preset returns it; the former periods
// cover the interval's days so far, and include what the former form gave
// at that moment.
func TestAnchoredEvent(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ist)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	midnight := func(s string) time.Time { return at(s + " 00:00") }
	for _, tc := range []struct {
		name   string
		job    string // the job's settings besides its name, schedule and messages
		due    time.Time
		now    time.Time
		label  string
		since  time.Time
		former []string
	}{
		{"overdue, its first day", "preset: invoices_overdue", dueDate, at("2026-12-05 10:00"),
			"due:20261204:0", midnight("2026-12-04"), []string{"2026-12-03"}},
		{"overdue, the last day of its first interval", "preset: invoices_overdue", dueDate, at("2026-12-11 23:59"),
			"due:20261204:0", midnight("2026-12-04"), []string{"2026-12-03", "2026-12-10"}},
		{"overdue, the first day of its second interval", "preset: invoices_overdue", dueDate, at("2026-12-12 00:00"),
			"due:20261204:1", midnight("2026-12-12"), []string{"2026-12-10"}},
		{"overdue, found on its due date (the database a day ahead)", "preset: invoices_overdue", dueDate, at("2026-12-04 23:30"),
			"due:20261204:0", midnight("2026-12-04"), []string{"2026-12-03"}},
		{"overdue every 7d12h: whole days, 8 of them", "preset: invoices_overdue\n    renotify: 7d12h", dueDate, at("2026-12-12 10:00"),
			"due:20261204:0", midnight("2026-12-04"), []string{"2026-12-03", "2026-12-10"}},
		{"due, three days before", "preset: invoices_due", dueDate, at("2026-12-01 10:00"),
			"due:20261204:0", midnight("2026-11-30"), []string{"2026-11-03"}},
		{"due, on the day: the same key", "preset: invoices_due", dueDate, at("2026-12-04 10:00"),
			"due:20261204:0", midnight("2026-11-30"), []string{"2026-11-03", "2026-12-03"}},
		{"due 45 days ahead, the second 30 days", "preset: invoices_due\n    params: {days_ahead: 45}", dueDate, at("2026-11-19 10:00"),
			"due:20261204:1", midnight("2026-11-19"), []string{"2026-11-03"}},
		{"due, postponed: a new key", "preset: invoices_due", dueDate.AddDate(0, 0, 1), at("2026-12-04 10:00"),
			"due:20261205:0", midnight("2026-12-01"), []string{"2026-11-03", "2026-12-03"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Parse("/etc/ac/config.yaml", []byte(goldenHead+"  - name: j\n    schedule: \"0 10 * * *\"\n    messages: {sms: {}}\n    "+
				tc.job+"\n"), config.Options{})
			if err != nil {
				t.Fatal(err)
			}
			j, err := Build(cfg, cfg.Jobs[0])
			if err != nil {
				t.Fatal(err)
			}
			rec := erp.Record{"BLKODU": int64(120), "VADESI": tc.due}
			ev := (&condition{job: j, now: tc.now}).event(rec)
			if ev.suffix != tc.label || ev.period != tc.label || !ev.since.Equal(tc.since) || !slices.Equal(ev.former, tc.former) {
				t.Errorf("event = %q %q since %s former %v; want %q since %s former %v", ev.suffix, ev.period, ev.since, ev.former,
					tc.label, tc.since, tc.former)
			}
			if !slices.Contains(ev.former, periodLabel(tc.now, j.Renotify)) {
				t.Errorf("former %v lacks the former form's period now, %s", ev.former, periodLabel(tc.now, j.Renotify))
			}
			key, err := j.dedupeKey("merkez", rec, ev)
			if err != nil || key != j.Entity+":merkez:120:"+tc.label {
				t.Errorf("key = %q, %v", key, err)
			}
		})
	}
}

// The former periods between two moments: under a day the latest ones
// only; always the one the former form gives now.
func TestFormerPeriods(t *testing.T) {
	now := time.Date(2026, 12, 3, 10, 17, 0, 0, ist)
	for _, tc := range []struct {
		every time.Duration
		since time.Time
		n     int
	}{
		{12 * time.Hour, now.Add(-36 * time.Hour), 4},
		{time.Hour, now.Add(-2 * time.Hour), 3},
		{time.Minute, now.Add(-48 * time.Hour), maxFormer},
		{24 * time.Hour, now.Add(-48 * time.Hour), 3},
		{7 * 24 * time.Hour, now, 1},
	} {
		got := formerPeriods(tc.since, now, tc.every)
		if len(got) != tc.n || got[len(got)-1] != periodLabel(now, tc.every) {
			t.Errorf("every %s since %s: %v, want %d ending in %s", tc.every, tc.since, got, tc.n, periodLabel(now, tc.every))
		}
	}
}

// Every message of a dated row names its former keys, a contact person's
// with the contact's part: the outbox checks each on its own channel.
func TestPlannedMessagesNameTheirFormerKeys(t *testing.T) {
	cfg, err := config.Parse("/etc/ac/config.yaml", []byte(goldenHead+`
  - name: overdue
    preset: invoices_overdue
    schedule: "0 10 * * *"
    recipients: both
    messages: {sms: {}}
`), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	j, err := Build(cfg, cfg.Jobs[0])
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 11, 10, 0, 0, 0, ist)
	rec := row("invoices_overdue", ayse)
	rc := &runContext{now: now, contacts: map[string][]erp.Record{customerKey(rec[j.contacts.key]): {
		{"YETKILI_BLKODU": int64(31), "YETKILI_ADI": "Mehmet Demir", "YETKILI_CEP_TEL": "0533 765 43 21"}}}}
	planned, err := j.plan("merkez", rec, j.detector(nil, now).event(rec), rc)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]string{
		"overdue:merkez:120:due:20261204:0":            {"overdue:merkez:120:2026-12-03", "overdue:merkez:120:2026-12-10"},
		"overdue:merkez:120:due:20261204:0:contact:31": {"overdue:merkez:120:2026-12-03:contact:31", "overdue:merkez:120:2026-12-10:contact:31"},
	}
	if len(planned) != len(want) {
		t.Fatalf("planned %d messages, want %d", len(planned), len(want))
	}
	for _, p := range planned {
		if !slices.Equal(p.FormerKeys, want[p.DedupeKey]) || !p.FormerSince.Equal(time.Date(2026, 12, 4, 0, 0, 0, 0, ist)) {
			t.Errorf("%s: former %v since %s, want %v since 2026-12-04", p.DedupeKey, p.FormerKeys, p.FormerSince, want[p.DedupeKey])
		}
	}
}

// Every message of a dated row names its series, a contact person's with
// the contact's part, in the default key form and in a job's own: the
// outbox finds the last reminder of the row and due date by it, whatever
// interval number a changed renotify gave it.
func TestPlannedMessagesNameTheirSeries(t *testing.T) {
	type series struct{ prefix, suffix, renumbered string }
	for _, tc := range []struct {
		name, extra string
		want        map[string]series
	}{
		{name: "default key", want: map[string]series{
			"overdue:merkez:120:due:20261204:1":            {"overdue:merkez:120:due:20261204:", "", "overdue:merkez:120:due:20261204:1.20261212"},
			"overdue:merkez:120:due:20261204:1:contact:31": {"overdue:merkez:120:due:20261204:", ":contact:31", "overdue:merkez:120:due:20261204:1.20261212:contact:31"},
		}},
		{name: "own key", extra: `    dedupe_key: "r-{{.BLKODU}}-{{.PERIOD}}-x"` + "\n", want: map[string]series{
			"merkez:r-120-due:20261204:1-x":            {"merkez:r-120-due:20261204:", "-x", "merkez:r-120-due:20261204:1.20261212-x"},
			"merkez:r-120-due:20261204:1-x:contact:31": {"merkez:r-120-due:20261204:", "-x:contact:31", "merkez:r-120-due:20261204:1.20261212-x:contact:31"},
		}},
		{name: "own key without the period: one key for every interval", extra: `    dedupe_key: "r-{{.BLKODU}}"` + "\n", want: map[string]series{
			"merkez:r-120":            {},
			"merkez:r-120:contact:31": {},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := config.Parse("/etc/ac/config.yaml", []byte(goldenHead+`
  - name: overdue
    preset: invoices_overdue
    schedule: "0 10 * * *"
    recipients: both
    messages: {sms: {}}
`+tc.extra), config.Options{})
			if err != nil {
				t.Fatal(err)
			}
			j, err := Build(cfg, cfg.Jobs[0])
			if err != nil {
				t.Fatal(err)
			}
			now := time.Date(2026, 12, 16, 10, 0, 0, 0, ist) // the second interval: days 8 to 14 after the due date
			rec := row("invoices_overdue", ayse)
			rc := &runContext{now: now, contacts: map[string][]erp.Record{customerKey(rec[j.contacts.key]): {
				{"YETKILI_BLKODU": int64(31), "YETKILI_ADI": "Mehmet Demir", "YETKILI_CEP_TEL": "0533 765 43 21"}}}}
			planned, err := j.plan("merkez", rec, j.detector(nil, now).event(rec), rc)
			if err != nil {
				t.Fatal(err)
			}
			if len(planned) != len(tc.want) {
				t.Fatalf("planned %d messages, want %d", len(planned), len(tc.want))
			}
			for _, p := range planned {
				w, ok := tc.want[p.DedupeKey]
				if !ok {
					t.Errorf("unexpected key %s", p.DedupeKey)
					continue
				}
				if w == (series{}) {
					if p.Spaced != nil {
						t.Errorf("%s: series %+v, want none", p.DedupeKey, *p.Spaced)
					}
					continue
				}
				if p.Spaced == nil {
					t.Fatalf("%s: no series", p.DedupeKey)
				}
				got := series{p.Spaced.Prefix, p.Spaced.Suffix, p.Spaced.Renumbered}
				if got != w || !p.Spaced.Since.Equal(time.Date(2026, 12, 10, 0, 0, 0, 0, ist)) || !p.Spaced.Began.Equal(time.Date(2026, 12, 12, 0, 0, 0, 0, ist)) {
					t.Errorf("%s: %+v since %s began %s, want %+v since 2026-12-10 began 2026-12-12", p.DedupeKey, got, p.Spaced.Since, p.Spaced.Began, w)
				}
			}
		})
	}
}
