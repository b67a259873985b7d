package poll

import (
	"strconv"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// A condition preset about dated rows (invoices_due, invoices_overdue: the
// due date VADESI) counts its re-notify intervals from each row, never from
// the calendar: a row's first interval starts on the first day the preset's
// query returns it (erp.Anchor: days_ahead days before the due date, the
// day after it), the next one renotify later, and so on. The dedupe key
// names the row's date and the interval's number from 0,
//
//	<entity>:<source>:<key>:due:<date>:<n>     overdue:merkez:12:due:20261120:1
//
// so a row notifies once per interval on whatever days the runs fall, two
// runs in one interval (a restart, a crash, the next day) make the same
// key, and a changed due date is a new row. invoices_due, whose window
// (3 days) is shorter than its renotify (30d), reminds once per invoice and
// due date; invoices_overdue (7d) on the 1st, 8th, 15th… day after it.
// Intervals are whole days in the config's time zone: a renotify with part
// of a day counts as the next whole day, so one never comes sooner.
//
// Earlier versions keyed these rows by fixed periods counted from 1970
// (overdue:merkez:12:2026-11-26, periodLabel), so a period's end could fall
// between two days' runs and remind twice. A message stored under that form
// in the row's current interval still counts (the event's former periods,
// checked by the outbox in the same transaction): an upgrade sends nothing
// a second time.

// anchor is a job's erp.Anchor for its parameters.
type anchor struct {
	column string
	first  int // the first day the query returns a row, in days after its date
}

// anchoredEvent is a dated row's event at now; false when the job counts
// fixed periods or the row has no date.
func (j *Job) anchoredEvent(rec erp.Record, now time.Time) (event, bool) {
	a := j.anchor
	if a == nil || j.Renotify <= 0 {
		return event{}, false
	}
	date, ok := dateOf(rec[a.column])
	if !ok {
		return event{}, false
	}
	loc := j.loc
	if loc == nil {
		loc = time.Local
	}
	every := wholeDays(j.Renotify)
	t := now.In(loc)
	today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	in := int(today.Sub(date)/(24*time.Hour)) - a.first // days since the row's first day
	// A run that finds the row before its first day (the database's date
	// ahead of the config's zone) counts it in the first interval.
	n := max(in, 0) / every
	series := "due:" + date.Format("20060102") + ":"
	label := series + strconv.Itoa(n)
	first := date.AddDate(0, 0, a.first+n*every)
	if n == 0 {
		first = first.AddDate(0, 0, -1) // that run's day belongs to the first interval
	}
	since := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, loc)
	// The last reminder of the series, not the interval's number, spaces
	// them: renotify whole days after it at the soonest (see Spaced).
	spaced := time.Date(t.Year(), t.Month(), t.Day()-(every-1), 0, 0, 0, 0, loc)
	ev := event{suffix: label, period: label, former: formerPeriods(since, now, j.Renotify), since: since,
		series: series, spaced: spaced}
	if n > 0 {
		// The first interval's key is made only in it (a run before its
		// first day counts in it too): no other numbering stored it first.
		ev.renumbered = label + "." + first.Format("20060102")
	}
	return ev, true
}

// wholeDays is d in days, rounded up, at least one.
func wholeDays(d time.Duration) int {
	return max(1, int((d+24*time.Hour-1)/(24*time.Hour)))
}

// maxFormer bounds the former periods looked up for one row: only a
// renotify under a day has more than two in an interval.
const maxFormer = 48

// formerPeriods are the labels periodLabel gave, with the interval every,
// to the instants from since to now: the periods a message of the row's
// current interval may be stored under by an earlier version. Days are
// counted in now's zone, as periodLabel did; with every under a day, the
// latest maxFormer periods.
func formerPeriods(since, now time.Time, every time.Duration) []string {
	if since.After(now) {
		since = now
	}
	var out []string
	days := int64(every / (24 * time.Hour))
	if days < 1 {
		lo, hi := since.UnixNano()/int64(every), now.UnixNano()/int64(every)
		for n := max(lo, hi-maxFormer+1); n <= hi; n++ {
			out = append(out, time.Unix(0, n*int64(every)).In(now.Location()).Format("2006-01-02T15:04"))
		}
		return out
	}
	day := func(t time.Time) int64 {
		y, m, d := t.In(now.Location()).Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	}
	for b := day(since) / days; b <= day(now)/days; b++ {
		out = append(out, time.Unix(b*days*86400, 0).UTC().Format("2006-01-02"))
	}
	return out
}
