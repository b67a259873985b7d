// Package quietdays says on which days a job sends nothing: Turkish public
// holidays (the religious ones included, computed for any year), chosen
// weekdays and a shop's own dates. A message made on such a day waits until
// the working day after it starts.
package quietdays

import (
	"sync"
	"time"
)

// Spec is what a job's quiet_days names.
type Spec struct {
	TRHolidays bool
	Weekdays   []time.Weekday
	Dates      []time.Time // any time on the day; only its date counts
}

// Calendar answers for one job.
type Calendar struct {
	holidays bool
	weekdays [7]bool
	dates    map[time.Time]bool
	loc      *time.Location
	start    int // minutes after midnight the working day starts

	mu    sync.Mutex
	years map[int]map[time.Time]Holiday
}

// New is the calendar of spec in loc, whose working day starts workStart
// minutes after midnight (the end of the quiet hours, 09:00 by default).
// It is nil when spec names no day.
func New(spec Spec, loc *time.Location, workStart int) *Calendar {
	if !spec.TRHolidays && len(spec.Weekdays) == 0 && len(spec.Dates) == 0 {
		return nil
	}
	c := &Calendar{holidays: spec.TRHolidays, dates: map[time.Time]bool{}, loc: loc, start: workStart, years: map[int]map[time.Time]Holiday{}}
	for _, w := range spec.Weekdays {
		c.weekdays[w] = true
	}
	for _, d := range spec.Dates {
		c.dates[day(d.Year(), d.Month(), d.Day())] = true
	}
	return c
}

// Quiet reports whether t falls on a quiet day, and which: the holiday's
// name, the weekday, or the date.
func (c *Calendar) Quiet(t time.Time) (bool, string) {
	if c == nil {
		return false, ""
	}
	t = t.In(c.loc)
	d := day(t.Year(), t.Month(), t.Day())
	switch {
	case c.weekdays[t.Weekday()]:
		return true, t.Weekday().String()
	case c.dates[d]:
		return true, d.Format("2006-01-02")
	case c.holidays:
		if h, ok := c.holiday(d); ok && (h.HalfFrom == 0 || t.Hour() >= h.HalfFrom) {
			return true, h.Name
		}
	}
	return false, ""
}

// NotBefore is t when t is not on a quiet day, else the start of the next
// working day.
func (c *Calendar) NotBefore(t time.Time) time.Time {
	if quiet, _ := c.Quiet(t); !quiet {
		return t
	}
	local := t.In(c.loc)
	for i := 1; i <= 400; i++ {
		n := time.Date(local.Year(), local.Month(), local.Day()+i, 0, c.start, 0, 0, c.loc)
		if quiet, _ := c.Quiet(n); !quiet {
			return n
		}
	}
	return t // every day of a year is quiet: a config no one means; do not hold forever
}

// holiday is the public holiday on d, a full day winning over an eve.
func (c *Calendar) holiday(d time.Time) (Holiday, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	days, ok := c.years[d.Year()]
	if !ok {
		days = map[time.Time]Holiday{}
		for _, h := range Turkey(d.Year()) {
			if old, seen := days[h.Date]; !seen || old.HalfFrom > 0 {
				days[h.Date] = h
			}
		}
		c.years[d.Year()] = days
	}
	h, ok := days[d]
	return h, ok
}
