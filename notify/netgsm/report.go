package netgsm

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

const (
	reportPageSize = 100
	reportLayout   = "02.01.2006 15:04:05"
	// UncertainWindow is how far after an uncertain send's start a report
	// row for the same number is taken to be that send.
	UncertainWindow = 30 * time.Minute
	maxJobsPerQuery = 50
)

type reportRequest struct {
	JobIDs     []string `json:"jobids,omitempty"`
	StartDate  string   `json:"startdate"`
	StopDate   string   `json:"stopdate"`
	PageNumber int      `json:"pagenumber"`
	PageSize   int      `json:"pagesize"`
	AppName    string   `json:"appname,omitempty"`
}

type reportRow struct {
	JobID     flexString `json:"jobid"`
	Number    flexString `json:"number"`
	Status    int        `json:"status"`
	ErrorCode int        `json:"errorCode"`
	Delivered string     `json:"deliveredDate"`
}

// Reports returns the delivery state of sent messages: by jobid for sends
// NetGSM accepted, by number within a time window for uncertain sends (no
// jobid; see findUncertain). Witnesses only serve the uncertain search.
// Queries respect NetGSM's 10 per minute.
func (p *Provider) Reports(ctx context.Context, sent []notify.Sent) ([]notify.Report, error) {
	var known, uncertain, witnesses []notify.Sent
	for _, s := range sent {
		switch {
		case s.Witness:
			if s.ProviderID != "" {
				witnesses = append(witnesses, s)
			}
		case s.ProviderID != "":
			known = append(known, s)
		default:
			uncertain = append(uncertain, s)
		}
	}
	var out []notify.Report
	// Uncertain sends first: each one holds a message back until it is
	// settled, while a known send's report only updates its status.
	if len(uncertain) > 0 {
		reps, listed, err := p.findUncertain(ctx, uncertain, append(known, witnesses...))
		out = append(out, reps...)
		if err != nil {
			return out, err
		}
		// The search by date listed the rows of our jobs in its window
		// too: a known send found there needs no query of its own, which
		// after a crash saves most of the 10 queries a minute.
		rest := known[:0:0]
		for _, s := range known {
			if r, ok := match(listed, s, true); ok {
				out = append(out, r)
			} else {
				rest = append(rest, s)
			}
		}
		known = rest
	}
	// By job id, a few dozen jobs per query.
	for len(known) > 0 {
		var ids []string
		var group []notify.Sent
		for len(known) > 0 && (len(ids) < maxJobsPerQuery || slices.Contains(ids, known[0].ProviderID)) {
			if !slices.Contains(ids, known[0].ProviderID) {
				ids = append(ids, known[0].ProviderID)
			}
			group, known = append(group, known[0]), known[1:]
		}
		from, _ := window(group)
		rows, err := p.query(ctx, ids, from, p.now().Add(time.Minute), nil)
		for _, s := range group {
			if r, ok := match(rows, s, true); ok {
				out = append(out, r)
			}
		}
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

func window(ss []notify.Sent) (from, to time.Time) {
	for i, s := range ss {
		if i == 0 || s.At.Before(from) {
			from = s.At
		}
		if s.At.After(to) {
			to = s.At
		}
	}
	return from.Add(-5 * time.Minute), to
}

// match finds s in rows: by jobid and number, or (uncertain) by number only.
func match(rows []reportRow, s notify.Sent, byJob bool) (notify.Report, bool) {
	no, _ := Number(s.To)
	for _, r := range rows {
		if byJob && string(r.JobID) != s.ProviderID {
			continue
		}
		if n := string(r.Number); no != "" && !strings.HasSuffix(n, no) {
			continue
		}
		rep := notify.Report{ID: s.ID, ProviderID: string(r.JobID), To: s.To, Code: strconv.Itoa(r.Status)}
		rep.Status, rep.Why = status(r.Status, r.ErrorCode)
		rep.Refused = r.Status == 16 // İYS: no consent, or refused
		if t, err := time.ParseInLocation("2006-01-02 15:04:05", r.Delivered, istanbul); err == nil {
			rep.At = t
		}
		return rep, true
	}
	return notify.Report{}, false
}

var istanbul = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Istanbul"); err == nil {
		return l
	}
	return time.FixedZone("TRT", 3*3600)
}()

// query pages through /sms/rest/v2/report; enough, when given, sees the
// rows read so far after each page and may end the paging early. Paging
// also ends, with a *pagingError, on a page that repeats the one before
// (a server ignoring pagenumber) and after MaxReportPages full pages.
func (p *Provider) query(ctx context.Context, ids []string, from, to time.Time, enough func([]reportRow) bool) ([]reportRow, error) {
	return p.queryAs(ctx, p.cfg.AppName, ids, from, to, enough)
}

// queryAs is query with another appname.
func (p *Provider) queryAs(ctx context.Context, appname string, ids []string, from, to time.Time, enough func([]reportRow) bool) ([]reportRow, error) {
	var rows, last []reportRow
	for page := 0; ; page++ {
		if page == p.cfg.MaxReportPages {
			return rows, &pagingError{notify.Why(ReasonReportPageLimit, "pages", page, "rows", len(rows))}
		}
		if err := p.reports.Wait(ctx); err != nil {
			return rows, notify.Retry("", notify.Why(ReasonReportInterrupted), 0)
		}
		body, _ := json.Marshal(reportRequest{JobIDs: ids, StartDate: from.In(istanbul).Format(reportLayout),
			StopDate: to.In(istanbul).Format(reportLayout), PageNumber: page, PageSize: reportPageSize, AppName: appname})
		resp, err := p.c.Do(ctx, httpclient.Request{Method: http.MethodPost, URL: p.cfg.URL + "/sms/rest/v2/report",
			Header: p.header(), Body: body, Idempotent: true})
		if err != nil {
			return rows, err
		}
		jobs, err := reportPage(resp)
		if err != nil {
			return rows, err
		}
		if page > 0 && len(jobs) > 0 && slices.Equal(jobs, last) {
			return rows, &pagingError{notify.Why(ReasonReportRepeated, "page", page, "previous", page-1)}
		}
		last = jobs
		rows = append(rows, jobs...)
		if (enough != nil && enough(rows)) || len(jobs) < reportPageSize {
			return rows, nil
		}
	}
}

// pagingError is a report whose pages did not end. What was read is still
// good; only an absence cannot be concluded from it.
type pagingError struct{ why mapping.Reason }

func (e *pagingError) Error() string { return e.why.String() }

// reportStates are the report statuses with a text of their own
// (providers.md §1.2; "netgsm.report.<status>" in the catalog).
var reportStates = map[int]bool{1: true, 2: true, 3: true, 4: true, 11: true, 12: true, 13: true, 14: true, 15: true, 16: true, 17: true, 103: true}

// status maps a report status to a delivery state and its reason.
func status(st, errCode int) (notify.DeliveryStatus, mapping.Reason) {
	switch st {
	case 0:
		return notify.StatusPending, notify.Why(ReasonWaiting)
	case 1:
		return notify.StatusDelivered, notify.Why("netgsm.report.1")
	}
	why := notify.Why(ReasonReportStatus, "status", st)
	if reportStates[st] {
		why = notify.Why("netgsm.report." + strconv.Itoa(st))
	}
	if errCode != 0 {
		why = mapping.Reason{Code: ReasonOperatorError, Args: map[string]string{"error": strconv.Itoa(errCode)}, Parts: []mapping.Reason{why}}
	}
	return notify.StatusFailed, why
}

// FindsUncertain says NetGSM's report can look for a send without its jobid
// (by number and time window). Whether one query can prove a send absent is
// its own answer: StatusAbsent or StatusUnproven.
func (p *Provider) FindsUncertain() bool { return true }
