package status

import (
	"net/http"
	"net/url"
)

// rereadAllPost starts reading again, in the daemon's background, every
// re-readable message of one of the owner's groups of problems (the
// admin's "Read all again from Wolvox"): those of the last week, as the
// group counts them. It answers at once; the page shows the run's progress
// and then what came of it (rereadRunView). While a run is on, whichever
// group it reads, none starts beside it.
func (s *Server) rereadAllPost(w http.ResponseWriter, r *http.Request, _ session) {
	kind := r.PathValue("kind")
	if !IsRereadKind(kind) {
		http.Error(w, s.text(r, "statuspage.bad_problem_kind"), http.StatusBadRequest)
		return
	}
	f := RereadFilter{Problem: kind, Since: weekStart(s.opts.Now(), s.opts.Location)}
	run, started := s.opts.Probe.StartRereadAll(f)
	q := url.Values{"kind": {run.Kind}}
	switch {
	case started:
		s.opts.Log.Info("log.page.reread_all_started", "kind", kind)
		q.Set("done", "reread_all")
	case !run.Running():
		// The service is stopping (a restart, a reload): none started.
		q.Set("kind", kind)
		q.Set("failed", "reread_all_stopping")
	default:
		s.opts.Log.Info("log.page.reread_all_busy", "kind", kind, "running", run.Kind)
		q.Set("failed", "reread_all")
	}
	http.Redirect(w, r, "/?"+q.Encode(), http.StatusSeeOther)
}

// rereadAllFlash is the flash after the press: the run started, or one was
// running already (of the group kind names).
func (p *pageData) rereadAllFlash() {
	q := p.query
	kind := q.Get("kind")
	if !IsRereadKind(kind) {
		return
	}
	switch {
	case q.Get("done") == "reread_all":
		p.Flash = p.C("statuspage.reread_all.started", "group", p.rereadGroup(kind))
	case q.Get("failed") == "reread_all":
		p.Flash, p.FlashErr = p.C("statuspage.reread_all.busy", "group", p.rereadGroup(kind)), true
	case q.Get("failed") == "reread_all_stopping":
		p.Flash, p.FlashErr = p.C("statuspage.reread_all.stopping", "group", p.rereadGroup(kind)), true
	}
}

// rereadGroup is the name of a group of problems a bulk re-read reads.
func (p *pageData) rereadGroup(kind string) string { return p.C("statuspage.reread_all.kind." + kind) }

// rereadRunRefresh is how often, in seconds at most, the page refreshes
// itself while a bulk re-read runs, so that its progress moves.
const rereadRunRefresh = 5

// rereadRunView is the page's line on the bulk re-read running in the
// background, or else on the last one to end, until the next starts.
type rereadRunView struct {
	Running bool
	// Bad says not all went: some stay skipped, were not read, or the run
	// stopped half way.
	Bad  bool
	Line string // what it has read so far, or what came of it
	// Refused are its refusals by why, each in words with its count.
	Refused []string
	// Stopped, when it stopped half way, says what to do.
	Stopped string
}

// rereadRun renders run (nil: there has been none).
func (p *pageData) rereadRun(run RereadRun, ok bool) *rereadRunView {
	if !ok || !IsRereadKind(run.Kind) {
		return nil
	}
	t := run.Tally
	args := []any{"group", p.rereadGroup(run.Kind), "read", t.Read(), "pending", t.Pending, "still", t.StillCount(), "refused", t.RefusedCount()}
	v := &rereadRunView{Running: run.Running()}
	if v.Running {
		v.Line = p.C("statuspage.reread_all.running", append(args, "time", p.Time(run.Started))...)
		return v
	}
	v.Line = p.C("statuspage.reread_all.ended", append(args, "time", p.Time(run.Ended))...)
	for _, why := range t.RefusedWhys() {
		v.Refused = append(v.Refused, p.C("statuspage.reread_all.why."+why, "n", t.Refused[why]))
	}
	if run.Stopped {
		v.Stopped = p.C("statuspage.reread_all.stopped")
	}
	v.Bad = run.Stopped || t.StillCount()+t.RefusedCount() > 0
	return v
}

// RereadAll is how many of a group's messages the admin's "Read all again
// from Wolvox" reads (0: the group has no button).
func (p pageData) RereadAll(kind string) int { return p.rereadAll[kind] }

// rereadAllCounts counts, by kind, the problems an admin may read again.
func rereadAllCounts(problems []MessageView) map[string]int {
	out := map[string]int{}
	for _, v := range problems {
		if v.CanReread {
			out[fixOf(v)]++
		}
	}
	return out
}
