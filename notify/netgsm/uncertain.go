package netgsm

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// findUncertain settles sends whose outcome is unknown (no jobid) with one
// report query by date, without jobids. Whether NetGSM lists every send of a
// window that way is unconfirmed (two-way.md), so a missing row proves
// nothing by itself: a send is absent only when the same query listed every
// witness in the window, sends NetGSM is known to have accepted. ours holds
// the connector's sends with a jobid (known sends and witnesses): the row of
// each is its own, never taken for an uncertain send.
//
// NetGSM's report rows do not say which program sent them. The connector
// always sends an appname; if the report lists only the sends made with the
// query's appname, a row found is ours, and another program's send on the
// same account (Wolvox's SMS module) is not listed at all. If the report
// ignores appname, a row to the same number cannot be told from ours, so it
// is unproven, never taken as ours: a send wrongly marked sent would be
// lost, while a held one waits for an operator. Which of the two NetGSM does
// is unconfirmed, so it is asked (appnameFilters) the first time it matters.
//
// It also returns the rows it read, for the caller to settle known sends.
func (p *Provider) findUncertain(ctx context.Context, uncertain, ours []notify.Sent) ([]notify.Report, []reportRow, error) {
	from, to := window(uncertain)
	stop := to.Add(UncertainWindow)
	if now := p.now().Add(time.Minute); now.Before(stop) {
		stop = now
	}
	// Our sends with a jobid, by jobid and number: each has its own row.
	mine := map[rowKey]int{}
	jobs := map[string]bool{}
	counted := map[int64]bool{}
	var witnesses []notify.Sent
	for _, s := range ours {
		if s.Witness && !s.At.Before(from) && !s.At.After(stop) {
			witnesses = append(witnesses, s)
		}
		if !counted[s.ID] { // a known send may come as a witness too
			counted[s.ID] = true
			mine[rowKey{s.ProviderID, number(s)}]++
			jobs[s.ProviderID] = true
		}
	}
	// The other rows, by number: those that may be an uncertain send.
	byNumber := map[string][]reportRow{}
	listed := map[rowKey]bool{}
	read := 0
	index := func(rows []reportRow) {
		for _, r := range rows[read:] {
			k := rowKey{string(r.JobID), last10(string(r.Number))}
			listed[k] = true
			if mine[k] > 0 {
				mine[k]--
			} else if len(k.number) == 10 {
				byNumber[k.number] = append(byNumber[k.number], r)
			}
		}
		read = len(rows)
	}
	// Paging stops early once every uncertain send has a row; an absence
	// needs every page.
	rows, err := p.query(ctx, nil, from, stop, func(rows []reportRow) bool {
		index(rows)
		for _, s := range uncertain {
			if len(byNumber[number(s)]) == 0 {
				return false
			}
		}
		return true
	})
	index(rows)
	var paging *pagingError
	if errors.As(err, &paging) {
		err = nil // what was read stands; each absence says why it is unproven
	}
	// A row of one of our jobs to the number is ours for sure: that request
	// carried this number (a batch recorded only in part before a crash).
	// Any other row may be another program's; whether the report filters
	// by appname decides.
	found := map[int64][]reportRow{}
	probe := false
	for _, s := range uncertain {
		c := byNumber[number(s)]
		if i := slices.IndexFunc(c, func(r reportRow) bool { return jobs[string(r.JobID)] }); i >= 0 {
			c = c[i : i+1]
		} else if len(c) > 0 {
			probe = true
		}
		if len(c) > 0 {
			found[s.ID] = c
		}
	}
	filters := false
	if probe {
		var perr error
		if filters, perr = p.appnameFilters(ctx, from, stop); perr != nil {
			// Whether a row is ours is not known yet: ask again later.
			return nil, rows, perr
		}
	}
	var out []notify.Report
	for _, s := range uncertain {
		cands := found[s.ID]
		switch {
		case len(cands) > 0:
			out = append(out, settleFound(s, cands, filters || jobs[string(cands[0].JobID)]))
		case paging != nil:
			out = append(out, unproven(s, mapping.Reason{Code: ReasonPagingNoProof, Parts: []mapping.Reason{paging.why}}))
		case err != nil:
			// Not answered (a network error, the query limit): ask again.
		case len(witnesses) == 0:
			out = append(out, unproven(s, notify.Why(ReasonNoWitness)))
		case !allListed(listed, witnesses):
			out = append(out, unproven(s, notify.Why(ReasonWitnessMissing)))
		default:
			out = append(out, notify.Report{ID: s.ID, To: s.To, Status: notify.StatusAbsent, Why: notify.Why(ReasonProvenAbsent)})
		}
	}
	return out, rows, err
}

// settleFound answers an uncertain send with the rows to its number: the
// job is ours if it is one of our jobs, or if the report lists our
// appname's sends alone (filters) and there is one job (an uncertain send is
// never repeated blind, so a second job to the number in the window is
// someone else's).
func settleFound(s notify.Sent, cands []reportRow, filters bool) notify.Report {
	switch {
	case !filters:
		return unproven(s, notify.Why(ReasonForeignRow, "job", string(cands[0].JobID)))
	case !oneJob(cands):
		return unproven(s, notify.Why(ReasonSeveralJobs))
	}
	r, _ := match(cands, s, false)
	return r
}

// appnameFilters says whether the report lists only the sends made with the
// query's appname. It is asked once, by querying the window with an appname
// no send uses: a report that filters lists nothing, one that ignores
// appname lists the same sends as before.
func (p *Provider) appnameFilters(ctx context.Context, from, to time.Time) (bool, error) {
	switch p.appnames.Load() {
	case appnameFiltered:
		return true, nil
	case appnameIgnored:
		return false, nil
	}
	rows, err := p.queryAs(ctx, p.cfg.AppName+"-probe", nil, from, to, func([]reportRow) bool { return true })
	if err != nil {
		return false, err
	}
	if len(rows) > 0 {
		p.appnames.Store(appnameIgnored)
		return false, nil
	}
	p.appnames.Store(appnameFiltered)
	return true, nil
}

const (
	appnameUnknown int32 = iota
	appnameFiltered
	appnameIgnored
)

func unproven(s notify.Sent, why mapping.Reason) notify.Report {
	return notify.Report{ID: s.ID, To: s.To, Status: notify.StatusUnproven, Why: why}
}

// number is s's 10 digits, or "" for a number NetGSM cannot send to.
func number(s notify.Sent) string {
	no, _ := Number(s.To)
	return no
}

func last10(n string) string {
	if len(n) < 10 {
		return n
	}
	return n[len(n)-10:]
}

// oneJob says the rows are one job.
func oneJob(rows []reportRow) bool {
	for _, r := range rows {
		if r.JobID != rows[0].JobID {
			return false
		}
	}
	return true
}

// rowKey names a report row: a job and a number (10 digits).
type rowKey struct{ job, number string }

// allListed says every witness has its row (its jobid and number).
func allListed(listed map[rowKey]bool, witnesses []notify.Sent) bool {
	for _, w := range witnesses {
		if !listed[rowKey{w.ProviderID, number(w)}] {
			return false
		}
	}
	return true
}
