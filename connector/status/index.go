package status

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/internal/buildinfo"
)

// Default and bounds of the refresh interval (?refresh=N seconds).
const (
	refreshEvery = 30
	refreshMin   = 2
	refreshMax   = 300
)

// ownerView reads what the top of the page and its paged lists show.
func (s *Server) ownerView(r *http.Request, d *pageData, sess session) error {
	ctx := r.Context()
	d.query, d.now, d.Admin = r.URL.Query(), s.opts.Now(), sess.role == RoleAdmin
	d.Version = buildinfo.Read().Version
	d.Refresh = refreshEvery
	if n, err := strconv.Atoi(d.query.Get("refresh")); err == nil {
		d.Refresh = min(refreshMax, max(refreshMin, n))
	}
	d.Filter = d.readFilter()
	if a := d.query.Get("channel_done"); a == "pause" || a == "resume" {
		d.Flash = d.C("statuspage.done_"+a, "channel", d.ChannelName(d.query.Get("name")))
	} else if d.query.Get("channel_failed") != "" {
		d.Flash, d.FlashErr = d.C("statuspage.failed_pause", "channel", d.query.Get("name")), true
	}

	since := weekStart(d.now, s.opts.Location)
	recent, err := s.opts.Store.ListStatuses(ctx, ProblemStatuses, since, maxProblems)
	if err != nil {
		return err
	}
	problems := make([]MessageView, 0, len(recent))
	for _, m := range recent {
		problems = append(problems, d.view(View(m)))
	}
	queued, err := s.opts.Store.ListStatuses(ctx, []outbox.Status{outbox.StatusPending}, since, maxProblems)
	if err != nil {
		return err
	}
	waiting := make([]MessageView, 0, len(queued))
	for _, m := range queued {
		waiting = append(waiting, d.view(View(m)))
	}
	d.Todos = d.todos(problems, waiting)
	d.rereadAll = rereadAllCounts(problems)
	d.rereadAllFlash()
	d.RereadRun = d.rereadRun(s.opts.Probe.RereadAllRun())
	if _, set := d.query["refresh"]; d.RereadRun != nil && d.RereadRun.Running && !set {
		d.Refresh = min(d.Refresh, rereadRunRefresh)
	}

	days := chartDaysFrom(d.now, s.opts.Location)
	counts, err := s.opts.Store.DailyCounts(ctx, days)
	if err != nil {
		return err
	}
	d.Charts = d.charts(days, counts)
	sent, delivered := 0, 0
	for _, c := range d.Charts {
		sent, delivered = sent+c.Sent+c.Delivered, delivered+c.Delivered
	}
	d.Verdict = d.verdictOf(d.Todos, sent, delivered)

	if d.PendingPage, err = s.storedPage(ctx, d, "pending", outbox.Filter{Status: outbox.StatusPending}); err != nil {
		return err
	}
	if d.ProblemsPage, err = s.storedPage(ctx, d, "problems", outbox.Filter{Statuses: ProblemStatuses, Since: since}); err != nil {
		return err
	}
	if d.MessagesPage, err = s.messagesPage(ctx, d, problems); err != nil {
		return err
	}
	for i, v := range d.Recent {
		d.Recent[i] = d.view(v)
	}
	return nil
}

// channelPost pauses or resumes a channel (the admin's buttons).
func (s *Server) channelPost(w http.ResponseWriter, r *http.Request, _ session) {
	name := r.PathValue("name")
	action := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	ok := false
	if action == "pause" {
		ok = s.opts.Probe.Hold(r.Context(), name)
	} else {
		ok = s.opts.Probe.Resume(r.Context(), name)
	}
	q := url.Values{"name": {name}}
	if ok {
		s.opts.Log.Info("log.page.action", "action", action, "channel", name)
		q.Set("channel_done", action)
	} else {
		q.Set("channel_failed", action)
	}
	http.Redirect(w, r, "/?"+q.Encode()+"#channels", http.StatusSeeOther)
}
