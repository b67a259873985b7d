package status

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// rereadAllTimeout bounds a bulk re-read the page asks for, so that its
// answer is written before the server's write timeout; what it did not get
// to stays as it was, and a second press reads the rest.
const rereadAllTimeout = 45 * time.Second

// rereadAllPost reads again every re-readable message of one of the owner's
// groups of problems (the admin's "Read all again from Wolvox"): those of
// the last week, as the group counts them.
func (s *Server) rereadAllPost(w http.ResponseWriter, r *http.Request, _ session) {
	kind := r.PathValue("kind")
	if !IsRereadKind(kind) {
		http.Error(w, s.text(r, "statuspage.bad_problem_kind"), http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), rereadAllTimeout)
	defer cancel()
	f := RereadFilter{Problem: kind, Since: weekStart(s.opts.Now(), s.opts.Location)}
	t, err := s.opts.Probe.RereadAll(ctx, f)
	q := url.Values{"done": {"reread_all"}, "kind": {kind}, "pending": {strconv.Itoa(t.Pending)},
		"still": {strconv.Itoa(t.StillCount())}, "refused": {strconv.Itoa(t.RefusedCount())}}
	if err != nil {
		s.opts.Log.Warn("log.page.reread_all_stopped", "kind", kind, "pending", t.Pending, "err", err)
		q.Set("stopped", "1")
	} else {
		s.opts.Log.Info("log.page.reread_all", "kind", kind, "pending", t.Pending, "still", t.StillCount(), "refused", t.RefusedCount())
	}
	http.Redirect(w, r, "/?"+q.Encode(), http.StatusSeeOther)
}

// rereadAllFlash is the flash after a bulk re-read: how many are on their
// way, how many still cannot be sent, how many were refused.
func (p *pageData) rereadAllFlash() {
	q := p.query
	if q.Get("done") != "reread_all" || !IsRereadKind(q.Get("kind")) {
		return
	}
	n := func(k string) int { v, _ := strconv.Atoi(q.Get(k)); return max(0, v) }
	pending, still, refused := n("pending"), n("still"), n("refused")
	p.Flash = p.C("statuspage.reread_all.done", "n", pending)
	if still > 0 {
		p.Flash += " " + p.C("statuspage.reread_all.still", "n", still)
	}
	if refused > 0 {
		p.Flash += " " + p.C("statuspage.reread_all.refused", "n", refused)
	}
	p.FlashErr = still+refused > 0
	if q.Get("stopped") != "" {
		p.Flash, p.FlashErr = p.Flash+" "+p.C("statuspage.reread_all.stopped"), true
	}
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
