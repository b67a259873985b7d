// Package mutlucell sends SMS through Mutlucell's XML API (sndblkex) and
// reads delivery reports from gtblkrprtex, keeping Mutlucell's polling rule:
// first query at least a minute after sending, then at least 15 minutes
// apart, or the account is blocked. Facts: shared/reference/providers.md §2.
package mutlucell

import (
	"context"
	"encoding/xml"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// DefaultURL is Mutlucell's gateway base.
const DefaultURL = "https://smsgw.mutlucell.com/smsgw-ws"

// Config is one Mutlucell account.
type Config struct {
	URL        string // base, default DefaultURL
	User       string
	Password   string
	Originator string
	Charset    string // turkish (default), unicode, default
	MaxBatch   int    // messages per request (default 500)
	// FirstReport and ReportEvery are Mutlucell's polling rule (1 min, 15 min).
	FirstReport, ReportEvery time.Duration
	// InboxNumber is the account's receiving number (aboneno) whose
	// incoming SMS Inbox reads.
	InboxNumber string
}

// Provider is a Mutlucell account. It is safe for concurrent use.
type Provider struct {
	cfg Config
	c   *httpclient.Client
	now func() time.Time

	mu        sync.Mutex
	lastQuery map[string]time.Time // packet id → last report query
}

// New returns a provider sending through c.
func New(cfg Config, c *httpclient.Client) *Provider {
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	if cfg.Charset == "" {
		cfg.Charset = "turkish"
	}
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = 500
	}
	if cfg.FirstReport <= 0 {
		cfg.FirstReport = time.Minute
	}
	if cfg.ReportEvery <= 0 {
		cfg.ReportEvery = 15 * time.Minute
	}
	return &Provider{cfg: cfg, c: c, now: time.Now, lastQuery: map[string]time.Time{}}
}

// SetClock replaces the clock used for the polling rule (tests).
func (p *Provider) SetClock(now func() time.Time) { p.now = now }

type smspack struct {
	XMLName xml.Name `xml:"smspack"`
	User    string   `xml:"ka,attr"`
	Pass    string   `xml:"pwd,attr"`
	Org     string   `xml:"org,attr"`
	Charset string   `xml:"charset,attr"`
	Mesaj   []mesaj  `xml:"mesaj"`
}

type mesaj struct {
	Metin string `xml:"metin"`
	Nums  string `xml:"nums"`
}

// Send sends one message.
func (p *Provider) Send(ctx context.Context, m notify.Message) (notify.Result, error) {
	rs, errs := p.SendBatch(ctx, []notify.Message{m})
	return rs[0], errs[0]
}

// SendBatch sends n:n: one <mesaj> per message, one packet id per request.
func (p *Provider) SendBatch(ctx context.Context, ms []notify.Message) ([]notify.Result, []error) {
	results, errs := make([]notify.Result, len(ms)), make([]error, len(ms))
	for start := 0; start < len(ms); start += p.cfg.MaxBatch {
		chunk := ms[start:min(len(ms), start+p.cfg.MaxBatch)]
		res, err := p.send(ctx, chunk)
		for i := range chunk {
			results[start+i], errs[start+i] = res, err
		}
	}
	return results, errs
}

func (p *Provider) send(ctx context.Context, ms []notify.Message) (notify.Result, error) {
	pack := smspack{User: p.cfg.User, Pass: p.cfg.Password, Org: p.cfg.Originator, Charset: p.cfg.Charset}
	var to []string
	var ids []int64
	for _, m := range ms {
		pack.Mesaj = append(pack.Mesaj, mesaj{Metin: m.Text, Nums: strings.TrimPrefix(m.To, "+")})
		to, ids = append(to, m.To), append(ids, m.ID)
	}
	body, _ := xml.Marshal(pack)
	resp, err := p.post(ctx, "/sndblkex", body, to, ids, false)
	if err != nil {
		return notify.Result{}, err
	}
	return parseSend(resp, len(ms))
}

// parseSend reads sndblkex's plain-text answer for a packet of n messages:
// "$<packetId>#<credits>" or a bare error number.
func parseSend(resp *httpclient.Response, n int) (notify.Result, error) {
	text := strings.TrimSpace(string(resp.Body))
	if id, credits, ok := strings.Cut(strings.TrimPrefix(text, "$"), "#"); ok && strings.HasPrefix(text, "$") && strings.TrimSpace(id) != "" {
		c, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(credits), ",", ".", 1), 64)
		if err == nil && c == 0 {
			// "#0.0": Mutlucell took the packet but sent nothing.
			return notify.Result{}, notify.Permanent("0.0", notify.Why(ReasonNothingSent))
		}
		// Credits that cannot be read ("", "NaN", "-1", "1e300") still came
		// with a packet id: the packet went out, only its cost is unknown.
		// Converting such a float to int gives a negative count.
		segments := 0
		if err == nil && c > 0 && c < 1e6 {
			segments = int(c) / max(1, n)
		}
		return notify.Result{ProviderID: strings.TrimSpace(id), Segments: segments}, nil
	}
	return notify.Result{}, classify(text, resp.Status)
}

func (p *Provider) post(ctx context.Context, path string, body []byte, to []string, ids []int64, idempotent bool) (*httpclient.Response, error) {
	h := http.Header{}
	h.Set("Content-Type", "text/xml; charset=UTF-8")
	return p.c.Do(ctx, httpclient.Request{Method: http.MethodPost, URL: p.cfg.URL + path, Header: h,
		Body: append([]byte(xml.Header), body...), Recipients: to, MessageIDs: ids, Idempotent: idempotent})
}

// classify maps Mutlucell's bare-number answers (providers.md §2.2).
func classify(code string, status int) error {
	switch code {
	case "20":
		return notify.Permanent(code, notify.Why("mutlucell."+code))
	case "21":
		return notify.Config(code, notify.Why("mutlucell."+code))
	case "22":
		return notify.NoCredit(code, notify.Why("mutlucell."+code), 30*time.Minute)
	case "23":
		return notify.Config(code, notify.Why("mutlucell."+code))
	case "24":
		return notify.Retry(code, notify.Why("mutlucell."+code), 30*time.Second)
	case "25":
		return notify.Retry(code, notify.Why("mutlucell."+code), 2*time.Minute)
	case "30":
		return notify.Config(code, notify.Why("mutlucell."+code))
	}
	if status == http.StatusTooManyRequests {
		return notify.Retry("http 429", notify.Why(ReasonSlowDown), time.Minute)
	}
	return notify.Unknown(notify.Why(ReasonUnknownAnswer, "status", status).WithDetail(trim(code)), nil)
}

func trim(s string) string {
	if len(s) > 80 {
		return s[:80]
	}
	return s
}

// Check verifies the credentials without sending (balance query).
func (p *Provider) Check(ctx context.Context) (mapping.Reason, error) {
	resp, err := p.creditQuery(ctx)
	if err != nil {
		return mapping.Reason{}, err
	}
	return parseCredit(resp)
}

// parseCredit reads gtcrdtex's answer: "$<credit>" or a bare error number.
func parseCredit(resp *httpclient.Response) (mapping.Reason, error) {
	text := strings.TrimSpace(string(resp.Body))
	if strings.HasPrefix(text, "$") {
		return notify.Why(ReasonCheckOK, "credit", strings.TrimPrefix(text, "$")), nil
	}
	return mapping.Reason{}, classify(text, resp.Status)
}

// The reasons the Mutlucell client gives besides its answer codes
// ("mutlucell.<code>"); their texts are in connector/catalog.
const (
	ReasonNothingSent     = "mutlucell.nothing_sent"
	ReasonSlowDown        = "mutlucell.slow_down"
	ReasonUnknownAnswer   = "mutlucell.unknown_answer"
	ReasonCheckOK         = "mutlucell.check_ok"
	ReasonReportStatus    = "mutlucell.report.status"
	ReasonCreditNotNumber = "mutlucell.credit_not_number"
	ReasonNoInboxNumber   = "mutlucell.no_inbox_number"
)

// ReasonCodes lists every reason code the client gives, for the catalog's
// completeness test.
var ReasonCodes = []string{"mutlucell.20", "mutlucell.21", "mutlucell.22", "mutlucell.23", "mutlucell.24",
	"mutlucell.25", "mutlucell.30", ReasonNothingSent, ReasonSlowDown, ReasonUnknownAnswer, ReasonCheckOK,
	ReasonReportStatus, ReasonCreditNotNumber, ReasonNoInboxNumber, "mutlucell.report.0", "mutlucell.report.1", "mutlucell.report.2", "mutlucell.report.3",
	"mutlucell.report.4", "mutlucell.report.5", "mutlucell.report.6", "mutlucell.report.7", "mutlucell.report.11",
	"mutlucell.report.12", "mutlucell.report.13", "mutlucell.report.15", "mutlucell.report.16", "mutlucell.report.17",
	"mutlucell.report.18", "mutlucell.report.19", "mutlucell.report.20"}
