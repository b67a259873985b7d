// Package summary is the shop owner's daily summary: once a day, in plain
// words, what went out and was delivered, what failed and what to do
// about it, the refusals received and the provider credit left. It reads
// the outbox (never the ERP) and is sent through the outbox like any
// message, once per day.
package summary

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Job is the name the summary's own messages are filed under in the
// outbox; the summary leaves them out of its counts.
const Job = "daily-summary"

// Report is one day's summary.
type Report struct {
	From, To time.Time
	Days     []outbox.Day // per channel
	Refusals int          // opt-outs received in the window
	Credits  []status.Credit
	Failing  []outbox.JobRun // jobs whose last run failed, by name
	// NotOpened are the {year} sources reading last year's database past
	// January, the year not opened in Wolvox (status.NotOpenedText).
	NotOpened []erp.NotOpened
}

// failingFor is how long a job must have gone without a successful run to
// be in the summary: one server timeout just before it is not news.
const failingFor = time.Hour

// Build reads the window [from, to) of the outbox; credits are the
// providers' last balance checks, jobs the names of the configured jobs
// (the outbox still has the runs of jobs taken out of the config).
func Build(ctx context.Context, store *outbox.Store, from, to time.Time, credits []status.Credit, jobs []string) (Report, error) {
	days, refusals, err := store.DaySummary(ctx, from, to, Job)
	if err != nil {
		return Report{}, fmt.Errorf("daily summary: %w", err)
	}
	runs, err := store.JobRuns(ctx)
	if err != nil {
		return Report{}, fmt.Errorf("daily summary: %w", err)
	}
	var failing []outbox.JobRun
	for _, r := range runs {
		if r.Err != "" && slices.Contains(jobs, r.Job) && r.LastSuccess.Before(to.Add(-failingFor)) {
			failing = append(failing, r)
		}
	}
	return Report{From: from, To: to, Days: days, Refusals: refusals, Credits: credits, Failing: failing}, nil
}

// Window is the day a summary sent at now covers: from midnight of that
// day, in loc, to now. The outbox keeps times in milliseconds and counts
// [from, to): to is the millisecond after now's, so that a message sent in
// now's own millisecond is in this summary and not lost between two days.
func Window(now time.Time, loc *time.Location) (from, to time.Time) {
	n := now.In(loc)
	return time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc), now.Truncate(time.Millisecond).Add(time.Millisecond)
}

// channelNames are the channels as the owner reads them.
var channelNames = map[string]catalog.Key{"sms": "summary.channel_sms", "whatsapp": "summary.channel_whatsapp",
	"email": "summary.channel_email", "webhook": "summary.channel_webhook"}

// Text is the summary as the owner reads it: a subject and a plain text.
func (r Report) Text(l catalog.Lang, loc *time.Location) (subject, body string) {
	day := longDate(r.From, l, loc)
	subject = l.Text("summary.subject", map[string]string{"date": day})
	var b strings.Builder
	line := func(key catalog.Key, args ...any) {
		b.WriteString(catalog.M(key, args...).In(l))
		b.WriteByte('\n')
	}
	if len(r.Failing) > 0 {
		line("summary.failing", "count", len(r.Failing))
		for _, j := range r.Failing {
			cause := erp.Failure(j.Failure).Cause()
			if cause.IsZero() {
				cause = catalog.M("summary.failing_other")
			}
			if j.LastSuccess.IsZero() {
				line("summary.failing_job_never", "job", j.Job, "cause", cause)
				continue
			}
			line("summary.failing_job", "job", j.Job, "cause", cause, "since", longDate(j.LastSuccess, l, loc)+" "+j.LastSuccess.In(loc).Format("15:04"))
		}
		line("summary.failing_fix")
		b.WriteByte('\n')
	}
	for _, n := range r.NotOpened {
		// The owner is the one who knows whether the shop opened the year.
		title, fix := status.NotOpenedText(l, n)
		line("summary.year_not_opened", "title", title, "fix", fix)
		b.WriteByte('\n')
	}
	line("summary.heading", "date", day, "from", r.From.In(loc).Format("15:04"), "to", r.To.In(loc).Format("15:04"))
	b.WriteByte('\n')
	waiting, held := 0, 0
	active := 0
	for _, d := range r.Days {
		waiting, held = waiting+d.Waiting, held+d.Held
		if d.Sent+d.Failed+d.Skipped == 0 {
			continue
		}
		active++
		line("summary.channel", "channel", l.Text(channelNames[d.Channel], nil), "sent", d.Sent, "delivered", d.Delivered,
			"failed", d.Failed, "skipped", d.Skipped)
		for _, rc := range d.Reasons {
			line(reasonKey(rc), "count", rc.Count, "reason", l.Reason(rc.Reason))
			if fix := status.Fix(l, status.Problem(rc.Status, d.Channel, rc.Reason)); fix != "" {
				line("summary.reason_fix", "fix", fix)
			}
		}
	}
	if active == 0 {
		line("summary.nothing")
	}
	b.WriteByte('\n')
	if waiting > 0 {
		line("summary.waiting", "count", waiting)
	}
	if held > 0 {
		line("summary.held", "count", held)
	}
	if r.Refusals > 0 {
		line("summary.refusals", "count", r.Refusals)
	} else {
		line("summary.no_refusals")
	}
	for _, c := range r.Credits {
		line("summary.credit", "channel", l.Text(channelNames[c.Channel], nil), "provider", c.Provider, "balances", c.Amounts(l))
		switch {
		case c.Low && c.Thresholds != nil:
			line("summary.credit_low_each", "lines", c.Lines(l))
		case c.Low:
			line("summary.credit_low", "threshold", status.Amount(l, c.Threshold))
		}
	}
	return subject, strings.TrimRight(b.String(), "\n")
}

// reasonKey is the line of one kind of reason. When the messages' reasons
// differ (each names its own number or the provider's own words), the one
// shown is said to be an example, not the reason of them all.
func reasonKey(rc outbox.ReasonCount) catalog.Key {
	switch {
	case rc.Status == outbox.StatusFailed && rc.Varied:
		return "summary.reason_failed_example"
	case rc.Status == outbox.StatusFailed:
		return "summary.reason_failed"
	case rc.Varied:
		return "summary.reason_skipped_example"
	}
	return "summary.reason_skipped"
}

// Short is the summary for an SMS or a WhatsApp message: the numbers only.
func (r Report) Short(l catalog.Lang, loc *time.Location) string {
	var sent, delivered, failed, skipped, held int
	for _, d := range r.Days {
		sent, delivered, failed, skipped, held = sent+d.Sent, delivered+d.Delivered, failed+d.Failed, skipped+d.Skipped, held+d.Held
	}
	s := catalog.M("summary.short", "date", r.From.In(loc).Format("02.01"), "sent", sent, "delivered", delivered, "failed", failed,
		"skipped", skipped, "refusals", r.Refusals).In(l)
	if held > 0 {
		s += " " + catalog.M("summary.short_held", "count", held).In(l)
	}
	for _, c := range r.Credits {
		if c.Low {
			s += " " + catalog.M("summary.short_low", "provider", c.Provider).In(l)
		}
	}
	if len(r.Failing) > 0 {
		names := make([]string, len(r.Failing))
		for i, j := range r.Failing {
			names[i] = j.Job
		}
		s += " " + catalog.M("summary.short_failing", "jobs", strings.Join(names, ", ")).In(l)
	}
	for _, n := range r.NotOpened {
		s += " " + catalog.M("summary.short_year_not_opened", "year", n.Year, "read", n.Read).In(l)
	}
	return s
}

// Message is the summary as an outbox message to the owner on channel,
// one per day: its dedupe key is the day.
func (r Report) Message(channel, to string, l catalog.Lang, loc *time.Location) outbox.NewMessage {
	m := mapping.Message{Channel: channel, To: to}
	if channel == "email" {
		m.Subject, m.Text = r.Text(l, loc)
	} else {
		m.Text = r.Short(l, loc)
	}
	day := r.From.In(loc).Format("2006-01-02")
	return outbox.NewMessage{Message: m, DedupeKey: Job + ":" + day, RecordKey: day}
}

// longDate is "2 Aralık 2026" in Turkish and "2 December 2026" in English
// (the templates' longdate is Turkish whatever the reader's language).
func longDate(t time.Time, l catalog.Lang, loc *time.Location) string {
	if l == catalog.EN {
		return t.In(loc).Format("2 January 2006")
	}
	f := mapping.DefaultFormats()
	f.Location = loc
	day, _ := mapping.LongDate(t, f)
	return day
}
