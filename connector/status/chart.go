package status

import (
	"math"
	"slices"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// The 14-day chart is drawn here, on the server, as inline SVG: stacked
// bars per day of what was delivered, sent without a report yet, and what
// failed, one chart per channel. No script, font or file from anywhere
// else; the page's stylesheet colours it (presentation attributes only,
// so the CSP needs no inline styles).

const chartDays = 14

// Chart geometry in SVG user units; the SVG scales to its box.
const (
	chartW, chartH  = 420.0, 150.0
	chartLeft       = 30.0 // the axis' numbers
	chartBottom     = 18.0 // the dates
	chartTop        = 8.0
	chartBarPadding = 0.25 // of a day's width
)

// chartDaysFrom are the local midnights of the chart's days and the end of
// the last: the bounds outbox.DailyCounts counts between.
func chartDaysFrom(now time.Time, loc *time.Location) []time.Time {
	l := now.In(loc)
	today := time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc)
	out := make([]time.Time, 0, chartDays+1)
	for i := chartDays - 1; i >= -1; i-- {
		out = append(out, today.AddDate(0, 0, -i))
	}
	return out
}

// channelChart is one channel's chart, laid out.
type channelChart struct {
	Channel                 string
	Title                   string // the channel's name
	Summary                 string // the 14 days' totals, in words
	Label                   string // for screen readers
	Empty                   bool
	Bars                    []chartBar
	Max                     int
	MaxY, BaseY             float64
	Width, Height, AxisX    float64
	Delivered, Sent, Failed int
}

// chartBar is one day.
type chartBar struct {
	X, W, LabelX            float64
	Date                    string
	ShowDate                bool
	Title                   string
	Segments                []chartSegment
	Delivered, Sent, Failed int
}

type chartSegment struct {
	Class string
	Y, H  float64
}

// charts lays out a chart for each channel the daemon runs or the outbox
// counted, in the page's language.
func (p *pageData) charts(days []time.Time, counts []outbox.DayCount) []channelChart {
	l := p.lang
	per := map[string][]chartBar{}
	var names []string
	for _, c := range p.Channels {
		names = append(names, c.Name)
	}
	for _, c := range counts {
		if !slices.Contains(names, c.Channel) {
			names = append(names, c.Channel)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		per[n] = make([]chartBar, chartDays)
	}
	for _, c := range counts {
		if c.Day < 0 || c.Day >= chartDays {
			continue
		}
		b := &per[c.Channel][c.Day]
		switch c.Status {
		case outbox.StatusDelivered:
			b.Delivered += c.N
		case outbox.StatusSent:
			b.Sent += c.N
		case outbox.StatusFailed:
			b.Failed += c.N
		}
	}
	out := make([]channelChart, 0, len(names))
	for _, n := range names {
		out = append(out, layoutChart(l, n, days, per[n]))
	}
	return out
}

func layoutChart(l lang, channel string, days []time.Time, bars []chartBar) channelChart {
	c := channelChart{Channel: channel, Title: l.ChannelName(channel), Width: chartW, Height: chartH, AxisX: chartLeft - 4}
	for _, b := range bars {
		c.Delivered, c.Sent, c.Failed = c.Delivered+b.Delivered, c.Sent+b.Sent, c.Failed+b.Failed
		c.Max = max(c.Max, b.Delivered+b.Sent+b.Failed)
	}
	c.Empty = c.Max == 0
	c.Summary = l.C("statuspage.chart.summary", "delivered", c.Delivered, "sent", c.Sent, "failed", c.Failed)
	c.Label = c.Title + ": " + c.Summary
	top := niceMax(c.Max)
	plotH := chartH - chartBottom - chartTop
	c.BaseY, c.MaxY = chartH-chartBottom, chartTop
	c.Max = top
	slot := (chartW - chartLeft) / chartDays
	for i := range bars {
		b := &bars[i]
		b.X = chartLeft + float64(i)*slot + slot*chartBarPadding/2
		b.W = slot * (1 - chartBarPadding)
		b.LabelX = b.X + b.W/2
		b.Date = days[i].Format("02.01")
		b.ShowDate = (chartDays-1-i)%2 == 0 // every other day, ending today
		b.Title = l.C("statuspage.chart.bar", "day", days[i].Format("02.01.2006"), "delivered", b.Delivered, "sent", b.Sent, "failed", b.Failed)
		y := c.BaseY
		for _, s := range []struct {
			class string
			n     int
		}{{"delivered", b.Delivered}, {"sent", b.Sent}, {"failed", b.Failed}} {
			if s.n == 0 {
				continue
			}
			h := plotH * float64(s.n) / float64(top)
			y -= h
			b.Segments = append(b.Segments, chartSegment{Class: s.class, Y: round1(y), H: round1(h)})
		}
		b.X, b.W, b.LabelX = round1(b.X), round1(b.W), round1(b.LabelX)
	}
	c.Bars = bars
	return c
}

// niceMax rounds the largest day up to a number the axis can show: 1, 2,
// 5, 10, 20, 50…
func niceMax(n int) int {
	if n <= 1 {
		return 1
	}
	for step := 1; ; step *= 10 {
		for _, m := range []int{1, 2, 5} {
			if m*step >= n {
				return m * step
			}
		}
	}
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
