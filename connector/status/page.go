package status

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/internal/buildinfo"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

//go:embed web/*.html web/static
var webFS embed.FS

// staticFS serves /static/... from web/static.
var staticFS = func() fs.FS { f, _ := fs.Sub(webFS, "web"); return f }()

func parseTemplates() (*template.Template, error) {
	t, err := template.New("").Funcs(template.FuncMap{"dict": dict}).ParseFS(webFS, "web/*.html")
	if err != nil {
		return nil, fmt.Errorf("status page templates: %w", err)
	}
	return t, nil
}

// dict builds a map for passing several values to a sub-template.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key/value pairs")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// Overview is what the page, the JSON API and the status command show.
type Overview struct {
	Generated time.Time                        `json:"generated"`
	Today     map[string]map[outbox.Status]int `json:"today"` // channel → status → count
	Week      map[string]map[outbox.Status]int `json:"week"`
	Jobs      []outbox.JobRun                  `json:"jobs"`
	Queues    []outbox.Queue                   `json:"queue"`
	Channels  []ChannelState                   `json:"channels"`
	Problems  []MessageView                    `json:"problems"` // failed, held, uncertain, skipped: last 7 days
	Pending   []MessageView                    `json:"pending"`
	Recent    []MessageView                    `json:"recent"` // the messages changed last
	// Refusals customers made, newest first, and the latest replies
	// (twoway.go).
	Refusals []RefusalView `json:"refusals"`
	Replies  []ReplyView   `json:"replies"`
}

// MessageView is a message with its recipient masked.
type MessageView struct {
	ID        int64          `json:"id"`
	Created   time.Time      `json:"created"`
	Channel   string         `json:"channel"`
	Job       string         `json:"job"`
	Record    string         `json:"record"`
	To        string         `json:"to"` // masked
	Status    outbox.Status  `json:"status"`
	Code      string         `json:"code,omitempty"`
	Reason    string         `json:"reason,omitempty"`      // English
	ReasonTR  string         `json:"reason_tr,omitempty"`   // Turkish
	Why       mapping.Reason `json:"reason_code,omitempty"` // the stored reason: key, arguments, provider's words
	Attempts  int            `json:"attempts"`
	CanRetry  bool           `json:"-"`
	CanCancel bool           `json:"-"`
	CanReread bool           `json:"-"` // read its record again from Wolvox (Rereadable)
	// About names the record ("2024-117 · Ayşe Yılmaz"), Entity its kind
	// (the dedupe key's first part: invoice, payment…).
	About  string    `json:"about,omitempty"`
	Entity string    `json:"-"`
	NextAt time.Time `json:"next_at,omitzero"` // a pending message's earliest send
	Wait   string    `json:"-"`                // why it waits, in the page's language
}

// View masks a message for display.
func View(m outbox.Message) MessageView {
	return MessageView{ID: m.ID, Created: m.CreatedAt, Channel: m.Channel, Job: m.Job, Record: m.RecordKey,
		To: mapping.MaskRecipient(m.To), Status: m.Status, Code: m.Code, Reason: catalog.EN.ReasonWithCode(m.Reason, m.Code),
		ReasonTR: catalog.TR.ReasonWithCode(m.Reason, m.Code), Why: m.Reason, Attempts: m.Attempts,
		CanRetry:  (m.Status == outbox.StatusFailed && !unreachable(m.Reason)) || m.Status == outbox.StatusHeld,
		CanCancel: m.Status == outbox.StatusPending || m.Status == outbox.StatusHeld,
		CanReread: Rereadable(m.Status, m.Channel, m.Reason),
		About:     m.About, Entity: entityOf(m.DedupeKey), NextAt: m.NextAt}
}

// ReasonIn returns the reason in a page language.
func (v MessageView) ReasonIn(code string) string {
	if code == "tr" {
		return v.ReasonTR
	}
	return v.Reason
}

// ProblemStatuses are the states listed as failures on the page.
var ProblemStatuses = []outbox.Status{outbox.StatusFailed, outbox.StatusHeld, outbox.StatusUncertain, outbox.StatusSkipped}

const (
	listLimit   = 100
	recentLimit = 20
)

// CollectOverview reads the outbox. Channel states come from the daemon
// and are left empty here.
func CollectOverview(ctx context.Context, store *outbox.Store, now time.Time, loc *time.Location) (Overview, error) {
	local := now.In(loc)
	day := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, loc)
	week := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7)) // Monday: the Turkish week
	o := Overview{Generated: now}
	var err error
	if o.Today, err = store.Counts(ctx, day); err != nil {
		return o, err
	}
	if o.Week, err = store.Counts(ctx, week); err != nil {
		return o, err
	}
	if o.Jobs, err = store.JobRuns(ctx); err != nil {
		return o, err
	}
	if o.Queues, err = store.Queues(ctx); err != nil {
		return o, err
	}
	problems, err := store.ListStatuses(ctx, ProblemStatuses, day.AddDate(0, 0, -7), listLimit)
	if err != nil {
		return o, err
	}
	pending, err := store.ListStatuses(ctx, []outbox.Status{outbox.StatusPending}, time.Time{}, listLimit)
	if err != nil {
		return o, err
	}
	recent, err := store.Recent(ctx, recentLimit)
	if err != nil {
		return o, err
	}
	for _, m := range recent {
		o.Recent = append(o.Recent, View(m))
	}
	for _, m := range problems {
		o.Problems = append(o.Problems, View(m))
	}
	for _, m := range pending {
		o.Pending = append(o.Pending, View(m))
	}
	return o, collectTwoWay(ctx, store, &o)
}

func (s *Server) collect(ctx context.Context) (Overview, error) {
	o, err := CollectOverview(ctx, s.opts.Store, s.opts.Now(), s.opts.Location)
	o.Channels = s.opts.Probe.ChannelStates()
	return o, err
}

// countRow is one channel's line in a counts table.
type countRow struct {
	Channel string
	Counts  []int
	Total   int
}

// shownStatuses are the columns of the counts tables.
var shownStatuses = []outbox.Status{outbox.StatusPending, outbox.StatusSent, outbox.StatusDelivered, outbox.StatusRead, outbox.StatusFailed,
	outbox.StatusSkipped, outbox.StatusUncertain, outbox.StatusHeld, outbox.StatusCancelled}

func countRows(c map[string]map[outbox.Status]int) []countRow {
	var out []countRow
	for ch, byStatus := range c {
		r := countRow{Channel: ch}
		for _, st := range shownStatuses {
			r.Counts = append(r.Counts, byStatus[st])
		}
		for _, n := range byStatus {
			r.Total += n
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b countRow) int { return compare(a.Channel, b.Channel) })
	return out
}

func compare(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// pageData feeds the templates; T and S translate in them.
type pageData struct {
	lang
	Overview
	TodayRows, WeekRows []countRow
	Statuses            []outbox.Status
	Warnings            []string // the connector's own trouble (Health)
	notOpened           []erp.NotOpened
	CSRF                string
	Flash               string
	FlashErr            bool
	Message             string // login page
	NoPassword          bool
	loc                 *time.Location
	// The shop owner's view (index.go): the verdict, what to do, the
	// chart, paged lists; Admin hides the buttons from the viewer.
	Verdict                                 verdict
	Todos                                   []todo
	Charts                                  []channelChart
	PendingPage, ProblemsPage, MessagesPage listPage
	Filter                                  filter
	Admin                                   bool
	Refresh                                 int            // seconds between refreshes
	rereadAll                               map[string]int // RereadAll
	RereadRun                               *rereadRunView // the bulk re-read in the background
	Version                                 string
	query                                   url.Values
	now                                     time.Time
}

// Time formats a time for the page ("—" when unset).
func (p pageData) Time(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(p.loc).Format("02.01.2006 15:04:05 -07:00")
}

// Dur formats a duration for the page.
func (p pageData) Dur(d time.Duration) string { return d.Round(time.Millisecond).String() }

func (s *Server) indexPage(w http.ResponseWriter, r *http.Request, sess session) {
	o, err := s.collect(r.Context())
	if err != nil {
		s.opts.Log.Error("log.page.outbox_unreadable", "err", err)
		http.Error(w, s.text(r, "statuspage.outbox_unreadable", "err", err), http.StatusInternalServerError)
		return
	}
	l := s.lang(r)
	h := s.opts.Probe.Health(r.Context())
	d := pageData{lang: l, Overview: o, TodayRows: countRows(o.Today), WeekRows: countRows(o.Week),
		Statuses: shownStatuses, Warnings: h.Warnings(catalog.Lang(l.Code)), notOpened: h.NotOpened, CSRF: sess.csrf, loc: s.opts.Location}
	if err := s.ownerView(r, &d, sess); err != nil {
		s.opts.Log.Error("log.page.outbox_unreadable", "err", err)
		http.Error(w, s.text(r, "statuspage.outbox_unreadable", "err", err), http.StatusInternalServerError)
		return
	}
	q := r.URL.Query()
	if id := q.Get("id"); id != "" {
		if _, err := strconv.ParseInt(id, 10, 64); err == nil {
			switch a := q.Get("done"); {
			case a == "retry" || a == "cancel":
				d.Flash = l.f("done_"+a, id)
			case a == "reread" && q.Get("left") == string(outbox.StatusPending):
				d.Flash = l.f("done_reread", id)
			case a == "reread":
				d.Flash, d.FlashErr = l.f("reread_still", id), true
			}
			switch a := q.Get("failed"); {
			case a == "retry" || a == "cancel":
				d.Flash, d.FlashErr = l.f("failed_"+a, id), true
			case a == "reread":
				// Only a word the catalog has a flash for: no link can make
				// the page say something else.
				why := q.Get("why")
				if !catalog.Has(catalog.Key("page.failed_reread_" + why)) {
					why = "other"
				}
				d.Flash, d.FlashErr = l.f("failed_reread_"+why, id), true
			}
		}
	}
	s.render(w, http.StatusOK, "index", d)
}

func (s *Server) loginData(r *http.Request, csrf, msg string, noPassword bool) pageData {
	return pageData{lang: s.lang(r), CSRF: csrf, Message: msg, NoPassword: noPassword, loc: s.opts.Location, Version: buildinfo.Read().Version}
}

// render executes into a buffer first so that a template error never sends
// half a page.
func (s *Server) render(w http.ResponseWriter, code int, name string, d pageData) {
	var buf bytes.Buffer
	if err := s.tmpl.ExecuteTemplate(&buf, name, d); err != nil {
		s.opts.Log.Error("log.page.template_error", "page", name, "err", err)
		http.Error(w, d.C("statuspage.template_error", "err", err), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	_, _ = buf.WriteTo(w)
}
