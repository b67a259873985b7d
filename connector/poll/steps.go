package poll

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/quietdays"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// A reminder sequence is one condition job with steps at days relative to
// an invoice's due date (VADESI). Every run reads the open invoices of the
// steps' window; a row gets the latest step it has reached, if that step is
// still due (its day, or up to erp.StepCatchUp days late when a run was
// missed), else nothing. Each step is sent once per invoice and due date:
// its dedupe key is reminder:<source>:<invoice>:step:<offset>:<due date>,
// so listing a new step sends only that one, and a postponed due date
// starts the sequence again. The sequence ends by itself once the invoice
// is covered: the next run finds nothing open.

// Step is one step of a job's reminder sequence.
type Step struct {
	Offset int  // days from the due date
	Staff  bool // to the shop's own people instead of the customer
	Mapper *mapping.Mapper
	staff  map[string]string // channel → address
}

// Label names the step for people: "adım -3d", "adım +14d (personel)",
// the offset as the config writes it.
func (s Step) Label() catalog.Msg {
	if s.Staff {
		return catalog.M("poll.step_staff", "offset", fmt.Sprintf("%+dd", s.Offset))
	}
	return catalog.M("poll.step", "offset", fmt.Sprintf("%+dd", s.Offset))
}

// label is the non-empty ones of parts, a space between them.
func label(parts ...catalog.Msg) catalog.Msg {
	var have []catalog.Msg
	for _, p := range parts {
		if !p.IsZero() {
			have = append(have, p)
		}
	}
	if len(have) == 0 {
		return catalog.Msg{}
	}
	return catalog.Join(" ", have...)
}

// Steps are the job's reminder steps, in order; none for other jobs.
func (j *Job) Steps() []Step { return j.steps }

// sequenceParams widens a sequence preset's window to the job's steps.
func sequenceParams(params erp.Params, preset erp.Preset, steps []config.ReminderStep) erp.Params {
	if preset.Sequence == nil {
		return params
	}
	offsets := stepOffsets(preset, steps)
	out := erp.Params{}
	for k, v := range params {
		out[k] = v
	}
	first, last := offsets[0], offsets[len(offsets)-1]
	if out["days_before_due"] == "" {
		out["days_before_due"] = strconv.Itoa(max(0, -first))
	}
	if out["days_after_due"] == "" {
		out["days_after_due"] = strconv.Itoa(max(0, last+erp.StepCatchUp))
	}
	return out
}

func stepOffsets(preset erp.Preset, steps []config.ReminderStep) []int {
	if len(steps) == 0 {
		return preset.Sequence
	}
	out := make([]int, len(steps))
	for i, s := range steps {
		out[i] = s.Offset.Days()
	}
	return out
}

// buildMessaging compiles the job's steps, contacts, quiet days and the
// Wolvox log check.
func (j *Job) buildMessaging(cfg *config.Config, c config.Job, preset erp.Preset, b mapperBuilder) error {
	j.loc, j.region = cfg.Location(), cfg.Formats.PhoneRegion
	if j.loc == nil {
		j.loc = time.Local
	}
	j.event = preset.Event
	if j.Sample != nil {
		if _, ok := j.Sample["ALICI_ADI"]; !ok {
			j.Sample["ALICI_ADI"] = j.Sample["MUSTERI_ADI"]
		}
	}
	if preset.Sequence != nil {
		steps := c.Sequence
		if len(steps) == 0 {
			for _, o := range preset.Sequence {
				d, _ := config.ParseDayOffset(strconv.Itoa(o))
				steps = append(steps, config.ReminderStep{Offset: d})
			}
		}
		for i, st := range steps {
			s := Step{Offset: st.Offset.Days()}
			name := fmt.Sprintf("%s.sequence[%d]", c.Name, i)
			var err error
			if st.Staff != nil {
				s.Staff, s.staff = true, st.Staff.ByChannel()
				s.Mapper, err = b.build(name, staffMessages(st.Messages, s.staff), s.staff)
			} else {
				s.Mapper, err = b.build(name, merged(c.Messages, st.Messages), nil)
			}
			if err != nil {
				return err
			}
			j.steps = append(j.steps, s)
		}
		slices.SortFunc(j.steps, func(a, b Step) int { return a.Offset - b.Offset })
		for _, s := range j.steps {
			if !s.Staff {
				j.Mapper = s.Mapper // what check and render show for the job
				break
			}
		}
		if j.Sample != nil {
			j.Sample["GECIKME_GUN"], j.Sample["ADIM"] = int64(7), int64(3)
			for _, ch := range []string{"sms", "whatsapp", "email"} {
				j.Sample[staffField(ch)] = nil
			}
		}
	}
	if c.Recipients.Contacts() {
		j.contacts = &contactSpec{key: strings.ToUpper(c.ContactsKey), account: c.Recipients.Account(), mapper: contactMapper(j.Mapper)}
		for _, s := range j.steps {
			if !s.Staff {
				j.contactSteps = append(j.contactSteps, contactMapper(s.Mapper))
			} else {
				j.contactSteps = append(j.contactSteps, nil)
			}
		}
		for t, cols := range erp.ContactNeeds() {
			j.Needs = addNeeds(j.Needs, t, cols...)
		}
		if j.Sample != nil {
			for _, col := range erp.ContactColumns {
				j.Sample[col] = nil
			}
		}
	}
	j.quiet = quietCalendar(cfg, c.QuietDays, j.loc)
	if cfg.QuietHours != nil && !cfg.QuietHours.Disabled {
		q := cfg.QuietHours
		j.quietHours = &quietHours{start: q.Start.Minutes(), end: q.End.Minutes(), channels: q.Channels}
	}
	if w := c.SkipIfWolvoxSent; w != nil {
		match := w.Match
		if match == "" {
			match = preset.Document
		}
		if match == "none" {
			match = ""
		}
		text := w.Text
		if match == "" {
			text = "" // nothing to look for in it
		}
		j.wolvox = &wolvoxLog{table: w.Table, recipient: w.Recipient, date: w.Date, text: text, match: match, within: w.Within.Std()}
	}
	return nil
}

func addNeeds(needs map[string][]string, table string, cols ...string) map[string][]string {
	if needs == nil {
		needs = map[string][]string{}
	}
	for _, c := range cols {
		if !slices.Contains(needs[table], c) {
			needs[table] = append(needs[table], c)
		}
	}
	return needs
}

// quietCalendar is the calendar of a job's quiet_days; its working day
// starts when the quiet hours end (09:00 by default).
func quietCalendar(cfg *config.Config, days []config.QuietDay, loc *time.Location) *quietdays.Calendar {
	var spec quietdays.Spec
	for _, d := range days {
		switch d.Kind {
		case config.QuietHolidaysTR:
			spec.TRHolidays = true
		case config.QuietWeekday:
			spec.Weekdays = append(spec.Weekdays, d.Weekday)
		case config.QuietDate:
			spec.Dates = append(spec.Dates, d.Date)
		}
	}
	start := config.DefaultQuietEnd.Minutes()
	if q := cfg.QuietHours; q != nil && !q.Disabled && q.End.IsSet() {
		start = q.End.Minutes()
	}
	return quietdays.New(spec, loc, start)
}

// stepFor is the step a row is due for today, and the days since its due
// date (negative before it); nil when no step is due.
func (j *Job) stepFor(rec erp.Record, now time.Time) (*Step, int, time.Time) {
	due, ok := dateOf(rec["VADESI"])
	if !ok {
		return nil, 0, time.Time{}
	}
	t := now.In(j.loc)
	today := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	days := int(today.Sub(due).Hours() / 24)
	for i := len(j.steps) - 1; i >= 0; i-- {
		s := &j.steps[i]
		if days < s.Offset {
			continue
		}
		if days >= s.Offset+erp.StepCatchUp {
			return nil, days, due // the latest step reached is past its days
		}
		return s, days, due
	}
	return nil, days, due
}

// dateOf reads a date column's calendar day, as UTC midnight: a DATE comes
// from the driver as a time (Firebird: midnight in the server's zone), or
// as text from SQLite.
func dateOf(v any) (time.Time, bool) {
	switch x := v.(type) {
	case time.Time:
		return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC), true
	case string:
		for _, layout := range []string{"2006-01-02", "2006-01-02 15:04:05", time.RFC3339} {
			if len(x) >= len("2006-01-02") {
				if t, err := time.Parse(layout, x); err == nil {
					return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), true
				}
			}
		}
	}
	return time.Time{}, false
}
