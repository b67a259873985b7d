package status

import (
	"slices"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// The shop owner reads the top of the page: one verdict, and a list of
// what to do, each problem with its fix in plain Turkish. Both are made
// from what the rest of the page shows, so they can never disagree with it.

// verdict is the line at the top of the page.
type verdict struct {
	OK     bool
	Title  string // "Her şey yolunda" / "2 sorun var"
	List   string // the problems' titles, after the count
	Detail string
}

// todo is one thing to do: a kind of problem, how many messages it holds
// back, which records, and the fix.
type todo struct {
	Kind     string
	Title    string
	Fix      string
	Examples []string
	More     int
	Link     string // the message list showing them ("" when there is none)
	// Detail is the error itself, DetailEN when it is in English whatever
	// the page's language (a database driver's words).
	Detail   string
	DetailEN bool
	Bad      bool // stops a channel or a job (red), not one message (amber)
}

// secretRef is how the example configs write a secret's reference.
func secretRef(l lang) string {
	if l.Code == string(catalog.TR) {
		return "${secret:AD}"
	}
	return "${secret:NAME}"
}

// jobText is a failed job's words as the page shows them; EN when they are
// English whatever the page's language (a database driver's).
type jobText struct {
	Text string
	EN   bool
}

// JobError is a failed job's error in l: in Turkish when the connector
// wrote it and l is Turkish, else as recorded; en says the text is English
// whatever l (a database driver's words).
func JobError(l catalog.Lang, err, errTR string) (text string, en bool) {
	if l == catalog.TR && errTR != "" {
		return errTR, false
	}
	return err, true
}

// jobOutcome is a failed job in one phrase: the cause when its kind has
// one, else its error.
func jobOutcome(l catalog.Lang, f erp.Failure, err, errTR string) jobText {
	if c := f.Cause(); !c.IsZero() {
		return jobText{Text: c.In(l)}
	}
	text, en := JobError(l, err, errTR)
	return jobText{Text: text, EN: en}
}

// JobOutcome is the jobs table's word on a failed run.
func (p pageData) JobOutcome(j outbox.JobRun) jobText {
	return jobOutcome(p.cat(), erp.Failure(j.Failure), j.Err, j.ErrTR)
}

// grantOf is the GRANT a read the database refused needs, from its stored
// words (the connector wrote it there), or its general form.
func grantOf(words string) any {
	if g := erp.GrantIn(words); g != "" {
		return g
	}
	return catalog.M("statuspage.grant_unknown")
}

// maxExamples are the records named per problem; the rest are counted.
const maxExamples = 5

// creditReasons are a provider's refusals of a send for lack of credit: the
// message waits for its retry, and only a top-up of the account helps.
var creditReasons = map[string]bool{"mutlucell.22": true, "whatsapp.131042": true}

// outOfCredit is a to-do per channel whose waiting messages the provider
// refused for lack of credit: the top of the page said "all is well" while
// nothing went, the reason only in the waiting list's rows.
func (p *pageData) outOfCredit(waiting []MessageView) map[string]*todo {
	l := p.lang
	type refused struct {
		n     int
		why   string
		names []string
		next  time.Time // the first retry
	}
	// A channel waiting for a top-up tries one request at a time: its
	// other messages wait for the same credit, untried.
	waits := map[string]bool{}
	for _, c := range p.Channels {
		waits[c.Name] = c.Paused && c.NoCredit
	}
	by := map[string]*refused{}
	for _, v := range waiting {
		refusedHere := v.Attempts > 0 && creditReasons[v.Why.Code]
		if v.Status != outbox.StatusPending || !refusedHere && !waits[v.Channel] {
			continue
		}
		r := by[v.Channel]
		if r == nil {
			r = &refused{}
			by[v.Channel] = r
		}
		if refusedHere && r.why == "" {
			r.why = l.cat().ReasonWithCode(v.Why, v.Code)
		}
		// The next try is a refused message's: the untried wait for it.
		if refusedHere && (r.next.IsZero() || v.NextAt.Before(r.next)) {
			r.next = v.NextAt
		}
		r.n++
		if name := l.AboutOf(v); !slices.Contains(r.names, name) {
			r.names = append(r.names, name)
		}
	}
	out := map[string]*todo{}
	for ch, r := range by {
		if r.next.IsZero() {
			r.next = p.now
		}
		shown := r.names[:min(len(r.names), maxExamples)]
		// The provider's own answer below the fix, as a failed job's error.
		out[ch] = &todo{Kind: "no_credit", Bad: true, Examples: shown, More: len(r.names) - len(shown),
			Title:  l.C("statuspage.fix.no_credit.title", "channel", l.ChannelName(ch), "n", r.n),
			Fix:    l.C("statuspage.fix.no_credit", "when", l.when(r.next, p.now, p.loc)),
			Detail: r.why}
	}
	return out
}

// A channel is failing when its provider took none of at least
// failingSends sends in a row for failingFor: one error is a retry, not a
// problem for the owner.
const (
	failingSends = 3
	failingFor   = 5 * time.Minute
)

func (c ChannelState) failing(now time.Time) bool {
	return c.Failures >= failingSends && now.Sub(c.FailingSince) >= failingFor
}

// todos are the problems of the channels, the jobs and the messages of
// the last week, worst first. waiting are the messages waiting to be sent.
func (p *pageData) todos(problems, waiting []MessageView) []todo {
	l := p.lang
	var out []todo
	credit := p.outOfCredit(waiting)
	for _, c := range p.Channels {
		switch {
		case credit[c.Name] != nil:
			// Out of credit says more than a low balance, and the same fix.
			out = append(out, *credit[c.Name])
		case c.Held:
			out = append(out, todo{Kind: "channel_held", Title: l.C("statuspage.fix.channel_held.title", "channel", l.ChannelName(c.Name)),
				Fix: l.C(p.fixKey("channel_held"))})
		case c.Paused:
			out = append(out, todo{Kind: "channel_paused", Bad: true, Title: l.C("statuspage.fix.channel_paused.title", "channel", l.ChannelName(c.Name)),
				Fix: l.C("statuspage.fix.channel_paused", "reason", l.Why(c.Alert))})
		case c.failing(p.now):
			// Each message waits for its retry or its report, none is lost,
			// but nothing goes: the owner must not read "all is well".
			out = append(out, todo{Kind: "channel_failing", Bad: true,
				Title:  l.C("statuspage.fix.channel_failing.title", "channel", l.ChannelName(c.Name)),
				Fix:    l.C("statuspage.fix.channel_failing", "n", c.Failures, "since", l.when(c.FailingSince, p.now, p.loc)),
				Detail: l.cat().ReasonWithCode(c.LastFailure, c.FailureCode)})
		case c.Credit != nil && c.Credit.Low:
			// Not yet stopped, but it will be: the owner is the one who
			// tops the account up, and glances at the verdict only.
			out = append(out, todo{Kind: "low_credit", Title: l.C("statuspage.fix.low_credit.title", "channel", l.ChannelName(c.Name)),
				Fix: c.Credit.Warning(l.cat())})
		}
	}
	for _, n := range p.notOpened {
		// Nothing is lost (last year's is read), but a shop that did open
		// the year with the path pointing elsewhere would send nothing of it.
		title, fix := NotOpenedText(l.cat(), n)
		out = append(out, todo{Kind: "year_not_opened", Title: title, Fix: fix})
	}
	for _, j := range p.Jobs {
		if j.Err != "" {
			// The cause and its fix in the reader's words; below, the error
			// itself, which only the driver's English may say.
			f := erp.Failure(j.Failure)
			detail, en := JobError(l.cat(), j.Err, j.ErrTR)
			// Since when: the last try alone does not say whether the job
			// fails since a minute or since the night.
			since := l.C("statuspage.fix.job_failed.never_ran")
			if !j.LastSuccess.IsZero() {
				since = l.C("statuspage.fix.job_failed.last_success", "when", l.when(j.LastSuccess, p.now, p.loc))
			}
			out = append(out, todo{Kind: "job_failed", Bad: true, Title: l.C("statuspage.fix.job_failed.title", "job", j.Job),
				Fix:    l.C(string(f.FixKey()), "when", l.when(j.LastRun, p.now, p.loc), "cause", f.Cause(), "ref", secretRef(l), "grant", grantOf(j.Err)) + " " + since,
				Detail: detail, DetailEN: en})
		}
	}
	byKind := map[string]*todo{}
	counts := map[string]int{}
	for _, v := range problems {
		kind := fixOf(v)
		if kind == "" {
			continue
		}
		counts[kind]++
		t := byKind[kind]
		if t == nil {
			t = &todo{Kind: kind, Link: p.filterURL("fix", kind)}
			byKind[kind] = t
		}
		name := l.AboutOf(v)
		switch {
		case slices.Contains(t.Examples, name):
		case len(t.Examples) < maxExamples:
			t.Examples = append(t.Examples, name)
		default:
			t.More++
		}
	}
	for _, kind := range problemKinds {
		if t := byKind[kind]; t != nil {
			t.Title = l.C("statuspage.fix."+kind+".title", "n", counts[kind])
			t.Fix = l.C(p.fixKey(kind))
			if slices.Contains(seeList, kind) {
				t.Fix = l.C("statuspage.fix.see_list") + " " + t.Fix
			}
			out = append(out, *t)
		}
	}
	return out
}

// fixKey is a problem's fix as the reader can do it: the viewer has no
// buttons, so where the fix is one, theirs says whom to ask.
func (p *pageData) fixKey(kind string) string { return string(fixKey(kind, p.Admin)) }

// fixKey is the catalog key of a kind's fix, for one with the page's
// buttons (admin) or without them.
func fixKey(kind string, admin bool) catalog.Key {
	k := catalog.Key("statuspage.fix." + kind)
	if !admin && catalog.Has(k+".viewer") {
		return k + ".viewer"
	}
	return k
}

// verdictOf sums the list up in one line.
func (p *pageData) verdictOf(todos []todo, sent, delivered int) verdict {
	l := p.lang
	if len(todos) == 0 {
		return verdict{OK: true, Title: l.C("statuspage.verdict.ok"),
			Detail: l.C("statuspage.verdict.ok_detail", "sent", sent, "delivered", delivered)}
	}
	titles := make([]string, 0, 3)
	for i, t := range todos {
		if i == 3 {
			titles = append(titles, "…")
			break
		}
		titles = append(titles, t.Title)
	}
	key := "statuspage.verdict.many"
	if len(todos) == 1 {
		key = "statuspage.verdict.one"
	}
	return verdict{Title: l.C(key, "n", len(todos)), List: strings.Join(titles, " · ")}
}

// weekStart is where the problems the owner is told about begin: the
// last seven days, as the problems list.
func weekStart(now time.Time, loc *time.Location) time.Time {
	l := now.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), 0, 0, 0, 0, loc).AddDate(0, 0, -7)
}
