package status

import (
	"context"
	"net/url"
	"slices"
	"strconv"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// Long lists come a page at a time, and the list of all messages can be
// filtered by state, channel, job or the kind of problem a to-do names.
// Everything is in the address (GET parameters), so a link, a reload and
// the automatic refresh show the same page.

const listPageSize = 25

// maxProblems bounds the messages of the last week read to sum up the
// to-do list and to filter by a kind of problem.
const maxProblems = 2000

// listPage is one page of a list.
type listPage struct {
	ID         string // the section's id, and its page parameter's prefix
	Rows       []MessageView
	Page       int
	Pages      int
	Total      int
	Prev, Next string // links, "" at either end
}

// filter is the list of all messages' choice.
type filter struct {
	Status, Channel, Job, Fix string
}

// pageParam is the parameter holding a list's page number.
func pageParam(id string) string { return id + "_page" }

// pageNumber reads a list's page from the address (1 when absent or wrong).
func (p *pageData) pageNumber(id string) int {
	n, err := strconv.Atoi(p.query.Get(pageParam(id)))
	if err != nil || n < 1 {
		return 1
	}
	return n
}

// link is the page's address with some parameters set (an empty value
// removes one), without the one-time flash parameters, at a section.
func (p *pageData) link(section string, kv ...string) string {
	q := url.Values{}
	for k, v := range p.query {
		switch k {
		case "done", "failed", "id", "channel_done", "channel_failed", "lang", "kind", "pending", "still", "refused", "stopped":
			continue
		}
		q[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			q.Del(kv[i])
		} else {
			q.Set(kv[i], kv[i+1])
		}
	}
	u := "/"
	if e := q.Encode(); e != "" {
		u += "?" + e
	}
	if section != "" {
		u += "#" + section
	}
	return u
}

// filterURL is the list of all messages filtered by one thing.
func (p *pageData) filterURL(key, value string) string {
	kv := []string{"status", "", "channel", "", "job", "", "fix", "", pageParam("messages"), ""}
	for i := 0; i < len(kv); i += 2 {
		if kv[i] == key {
			kv[i+1] = value
		}
	}
	return p.link("messages", kv...)
}

// paged cuts a list into pages and links them.
func (p *pageData) paged(id string, total int, rows []MessageView) listPage {
	lp := listPage{ID: id, Rows: rows, Page: p.pageNumber(id), Total: total}
	lp.Pages = max(1, (total+listPageSize-1)/listPageSize)
	if lp.Page > 1 {
		lp.Prev = p.link(id, pageParam(id), strconv.Itoa(lp.Page-1))
	}
	if lp.Page < lp.Pages {
		lp.Next = p.link(id, pageParam(id), strconv.Itoa(lp.Page+1))
	}
	return lp
}

// offset is where a list's page starts.
func (p *pageData) offset(id string) int { return (p.pageNumber(id) - 1) * listPageSize }

// storedPage reads one page of messages matching f.
func (s *Server) storedPage(ctx context.Context, p *pageData, id string, f outbox.Filter) (listPage, error) {
	total, err := s.opts.Store.Count(ctx, f)
	if err != nil {
		return listPage{}, err
	}
	f.Limit, f.Offset = listPageSize, p.offset(id)
	ms, err := s.opts.Store.List(ctx, f)
	if err != nil {
		return listPage{}, err
	}
	return p.paged(id, total, p.views(ms)), nil
}

// views masks messages and says why each pending one waits.
func (p *pageData) views(ms []outbox.Message) []MessageView {
	out := make([]MessageView, 0, len(ms))
	for _, m := range ms {
		out = append(out, p.view(View(m)))
	}
	return out
}

func (p *pageData) view(v MessageView) MessageView {
	var ch ChannelState
	for _, c := range p.Channels {
		if c.Name == v.Channel {
			ch = c
		}
	}
	v.Wait = p.lang.waitReason(v, ch, p.now, p.loc)
	if !p.Admin {
		v.CanRetry, v.CanCancel, v.CanReread = false, false, false
	}
	return v
}

// readFilter takes the list's filter from the address, keeping only
// values it knows.
func (p *pageData) readFilter() filter {
	f := filter{Status: p.query.Get("status"), Channel: p.query.Get("channel"), Job: p.query.Get("job"), Fix: p.query.Get("fix")}
	if !slices.Contains(outbox.Statuses, outbox.Status(f.Status)) {
		f.Status = ""
	}
	if !slices.Contains(problemKinds, f.Fix) {
		f.Fix = ""
	}
	return f
}

// messagesPage is the list of all messages, as filtered. A kind of problem
// is not a column of the outbox: those are sorted out of the last week's
// problems here.
func (s *Server) messagesPage(ctx context.Context, p *pageData, problems []MessageView) (listPage, error) {
	f := p.Filter
	if f.Fix == "" {
		return s.storedPage(ctx, p, "messages", outbox.Filter{Status: outbox.Status(f.Status), Channel: f.Channel, Job: f.Job})
	}
	var rows []MessageView
	for _, v := range problems {
		if fixOf(v) == f.Fix && (f.Channel == "" || v.Channel == f.Channel) && (f.Job == "" || v.Job == f.Job) {
			rows = append(rows, v)
		}
	}
	total := len(rows)
	from := min(total, p.offset("messages"))
	return p.paged("messages", total, rows[from:min(total, from+listPageSize)]), nil
}

// MessagesOpen says the list of all messages is what the address asks
// for (a filter, a page of it, a to-do's link): it is shown open.
func (p pageData) MessagesOpen() bool {
	return p.Filter != (filter{}) || p.query.Has(pageParam("messages"))
}
