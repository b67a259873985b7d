package poll

import (
	"fmt"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// The dedupe key names the event a record stands for; the outbox refuses a
// second message with the same key on the same channel, so reading a row
// twice (an overlap, a crash before the cursor was saved) sends nothing
// twice. These keys are stored: changing their form resends every message.
//
//	created:   <entity>:<source>:<key>:created                 invoice:merkez:4711:created
//	changed:   <entity>:<source>:<key>:changed:<timestamp>     a new change of the row is a new event
//	condition: <entity>:<source>:<key>:<period>                lowstock:merkez:12:2026-11
//	dated:     <entity>:<source>:<key>:due:<date>:<n>          overdue:merkez:12:due:20261120:1
//	           renumbered: <n>.<the interval's first day>      overdue:merkez:12:due:20261120:3.20270102
//
// A condition preset about dated rows (the reminders) counts its periods
// from each row's due date (anchored.go); other condition jobs by the
// calendar month, or by periods of their re-notify interval (periodLabel).
// A job's own dedupe_key template replaces the part after the source; it sees
// the row's columns plus SOURCE and PERIOD (the month, the condition's
// re-notify period, or due:<date>:<n> of a dated row).

// event is what a mode adds to a row's identity.
type event struct {
	suffix string // after the row's key in the default form
	period string // PERIOD for a job's own template
	// former are the periods (conditionEvent) an earlier version keyed the
	// same event by, when stored since since (anchored.go).
	former []string
	since  time.Time
	// series is the key's part naming the row's date, without the
	// interval's number (due:20261120:): a message of the series made on
	// spaced or later stands for this one (outbox.Spaced).
	series string
	spaced time.Time
	// renumbered is the key's interval part when another numbering of the
	// series stored this one's key before the interval began.
	renumbered string
}

func createdEvent(now time.Time) event {
	return event{suffix: "created", period: now.Format("2006-01")}
}

func changedEvent(j *Job, rec erp.Record, now time.Time) event {
	ts := ""
	if t, ok := rec[strings.ToUpper(j.DateColumn)].(time.Time); ok {
		ts = t.UTC().Format("20060102T150405.000000000")
	}
	return event{suffix: "changed:" + ts, period: now.Format("2006-01")}
}

func conditionEvent(period string) event { return event{suffix: period, period: period} }

// dedupeKey is the event's key for one row.
func (j *Job) dedupeKey(source string, rec erp.Record, ev event) (string, error) {
	if j.DedupeKey == nil {
		return fmt.Sprintf("%s:%s:%v:%s", j.Entity, source, rec[strings.ToUpper(j.Key)], ev.suffix), nil
	}
	data := make(erp.Record, len(rec)+2)
	for k, v := range rec {
		data[k] = v
	}
	data["SOURCE"] = source
	data["PERIOD"] = ev.period
	s, err := j.DedupeKey.Execute(data)
	if err != nil {
		return "", err
	}
	return source + ":" + s, nil
}
