// Package netgsm sends SMS through NetGSM's REST v2 API (n:n batches in one
// request) and reads delivery reports from /sms/rest/v2/report. Wire facts and
// their sources: shared/reference/providers.md §1.
package netgsm

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/nyaruka/phonenumbers"
	"golang.org/x/time/rate"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// DefaultURL is NetGSM's API base.
const DefaultURL = "https://api.netgsm.com.tr"

// DefaultAppName is sent as appname when the config names none, so the
// connector's sends can be told from other programs' on the same account
// wherever NetGSM's report filters by it.
const DefaultAppName = "akinsoft-connector"

// Config is one NetGSM account.
type Config struct {
	URL       string // base URL, default DefaultURL
	UserCode  string
	Password  string
	MsgHeader string
	// Encoding is "TR" (default) or "GSM" to leave it out (NetGSM then
	// transliterates Turkish letters).
	Encoding string
	// AppName is sent with every request (default DefaultAppName).
	AppName string
	// IYSFilter is sent for commercial messages: "11" (individuals, default)
	// or "12" (merchants). Informational messages always send "0".
	IYSFilter string
	// MaxBatch is the most messages per request (default 500; NetGSM does
	// not publish a maximum).
	MaxBatch int
	// ReportEvery refills the report-query budget, which holds ReportBurst
	// queries. The defaults (12 s, 5) allow at most 5 + 60/12 = 10 queries in
	// any minute: NetGSM's limit (code 80).
	ReportEvery time.Duration
	ReportBurst int
	// MaxReportPages ends a report query that has not ended after this many
	// pages of 100 (default 50), so a server that answers every page alike
	// cannot keep the client paging for ever.
	MaxReportPages int
}

// Provider is a NetGSM account. It is safe for concurrent use.
type Provider struct {
	cfg     Config
	c       *httpclient.Client
	reports *rate.Limiter
	now     func() time.Time
	// appnames is what the report was seen to do with appname (uncertain.go).
	appnames atomic.Int32
}

// New returns a provider sending through c.
func New(cfg Config, c *httpclient.Client) *Provider {
	if cfg.URL == "" {
		cfg.URL = DefaultURL
	}
	cfg.URL = strings.TrimRight(cfg.URL, "/")
	if cfg.Encoding == "" {
		cfg.Encoding = "TR"
	}
	if strings.EqualFold(cfg.Encoding, "gsm") {
		cfg.Encoding = ""
	}
	if cfg.IYSFilter == "" {
		cfg.IYSFilter = "11"
	}
	if cfg.AppName == "" {
		cfg.AppName = DefaultAppName
	}
	if cfg.MaxReportPages <= 0 {
		cfg.MaxReportPages = 50
	}
	if cfg.MaxBatch <= 0 {
		cfg.MaxBatch = 500
	}
	if cfg.ReportEvery <= 0 {
		cfg.ReportEvery = 12 * time.Second
	}
	if cfg.ReportBurst <= 0 {
		cfg.ReportBurst = 5
	}
	return &Provider{cfg: cfg, c: c, reports: rate.NewLimiter(rate.Every(cfg.ReportEvery), cfg.ReportBurst), now: time.Now}
}

type sendMsg struct {
	Msg string `json:"msg"`
	No  string `json:"no"`
}

type sendRequest struct {
	MsgHeader string    `json:"msgheader"`
	Messages  []sendMsg `json:"messages"`
	Encoding  string    `json:"encoding,omitempty"`
	IYSFilter string    `json:"iysfilter"`
	AppName   string    `json:"appname,omitempty"`
}

// answer is NetGSM's common response. code is sometimes a number in
// third-party mocks, so it is read either way.
type answer struct {
	Code        flexString `json:"code"`
	Description string     `json:"description"`
	JobID       flexString `json:"jobid"`
}

type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return err
	}
	*f = flexString(n.String())
	return nil
}

// Send sends one message.
func (p *Provider) Send(ctx context.Context, m notify.Message) (notify.Result, error) {
	rs, errs := p.SendBatch(ctx, []notify.Message{m})
	return rs[0], errs[0]
}

// SendBatch sends many messages, MaxBatch per request, each request carrying
// only informational, only commercial or only commercial-to-merchant
// messages (iysfilter is per request).
func (p *Provider) SendBatch(ctx context.Context, ms []notify.Message) ([]notify.Result, []error) {
	results, errs := make([]notify.Result, len(ms)), make([]error, len(ms))
	// iysfilter is per request: informational "0", commercial the
	// account's (11, individuals), commercial to known merchants "12".
	filters := [3]string{"0", p.cfg.IYSFilter, "12"}
	var groups [3][]int
	for i, m := range ms {
		if _, err := Number(m.To); err != nil {
			errs[i] = err
			continue
		}
		switch {
		case m.Commercial && m.Merchant:
			groups[2] = append(groups[2], i)
		case m.Commercial:
			groups[1] = append(groups[1], i)
		default:
			groups[0] = append(groups[0], i)
		}
	}
	for g, idx := range groups {
		for len(idx) > 0 {
			n := min(len(idx), p.cfg.MaxBatch)
			chunk := idx[:n]
			idx = idx[n:]
			ids, err := p.send(ctx, ms, chunk, filters[g])
			for k, i := range chunk {
				if err != nil {
					errs[i] = err
				} else {
					results[i] = notify.Result{ProviderID: ids[k]}
				}
			}
		}
	}
	return results, errs
}

func (p *Provider) send(ctx context.Context, ms []notify.Message, chunk []int, iysfilter string) ([]string, error) {
	req := sendRequest{MsgHeader: p.cfg.MsgHeader, Encoding: p.cfg.Encoding, IYSFilter: iysfilter, AppName: p.cfg.AppName}
	to := make([]string, 0, len(chunk))
	ids := make([]int64, 0, len(chunk))
	for _, i := range chunk {
		no, _ := Number(ms[i].To)
		req.Messages = append(req.Messages, sendMsg{Msg: ms[i].Text, No: no})
		to, ids = append(to, ms[i].To), append(ids, ms[i].ID)
	}
	body, _ := json.Marshal(req)
	resp, err := p.c.Do(ctx, httpclient.Request{Method: http.MethodPost, URL: p.cfg.URL + "/sms/rest/v2/send",
		Header: p.header(), Body: body, Recipients: to, MessageIDs: ids})
	if err != nil {
		return nil, err
	}
	return parseSend(resp, len(chunk))
}

// parseSend reads the answer to a send of n messages: one jobid per message,
// or the classified refusal.
func parseSend(resp *httpclient.Response, n int) ([]string, error) {
	a, err := decode(resp)
	if err != nil {
		return nil, err
	}
	if e := classifySend(string(a.Code), a.Description, resp); e != nil {
		return nil, e
	}
	if a.JobID == "" {
		return nil, notify.Unknown(notify.Why(ReasonNoJobID), nil)
	}
	// One jobid covers the request; a comma-separated list with one id per
	// message is tolerated (seen only in SDK mocks).
	jobs := strings.Split(string(a.JobID), ",")
	out := make([]string, n)
	for k := range out {
		if len(jobs) == n {
			out[k] = strings.TrimSpace(jobs[k])
		} else {
			out[k] = strings.TrimSpace(jobs[0])
		}
		if out[k] == "" {
			// Accepted, but with no job to follow ("," or " "): the report
			// can still find it by number, as for any uncertain send.
			return nil, notify.Unknown(notify.Why(ReasonNoJobID), nil)
		}
	}
	return out, nil
}

func (p *Provider) header() http.Header {
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(p.cfg.UserCode+":"+p.cfg.Password)))
	return h
}

// decode reads NetGSM's JSON answer. Business errors come as HTTP 406 (or,
// unconfirmed, 401) with the same body, so the HTTP status is only used when
// there is no JSON at all.
func decode(resp *httpclient.Response) (answer, error) {
	var a answer
	if err := json.Unmarshal(bytes.TrimSpace(resp.Body), &a); err == nil && a.Code != "" {
		return a, nil
	}
	switch {
	case resp.Status == http.StatusUnauthorized || resp.Status == http.StatusForbidden:
		return a, notify.Config(fmt.Sprintf("http %d", resp.Status), notify.Why(ReasonHTTPCredentials, "status", resp.Status))
	case resp.Status == http.StatusTooManyRequests:
		return a, notify.Retry("http 429", notify.Why(ReasonSlowDown), max(resp.RetryAfter(), time.Minute))
	case resp.Status >= 500:
		return a, notify.Unknown(notify.Why(ReasonNoResultCode, "status", resp.Status), nil)
	}
	return a, notify.Unknown(notify.Why(ReasonUnreadable, "status", resp.Status), nil)
}

// Number turns an E.164 Turkish mobile number into NetGSM's 10 digits.
//
// A number of another country is refused here, before any request:
// NetGSM's send takes a number as 10 digits, 5XXXXXXXXX (providers.md §1.2),
// and how an account with international SMS would take a foreign one is not
// documented. Sent anyway, NetGSM would either refuse the request with code
// 70, failing the Turkish messages of the same n:n batch with it, or accept
// it and report it undeliverable later, at a cost [UNCONFIRMED which]; either
// way it never reaches the customer, so it is refused as abroad
// (notify.ReasonAbroad): final, with no code of NetGSM's, and for the job's
// fallback channel to take over.
func Number(e164 string) (string, error) {
	if country, ok := abroad(e164); ok {
		return "", notify.Permanent("", notify.Why(notify.ReasonAbroad, "provider", "NetGSM", "country", country))
	}
	d := strings.TrimPrefix(e164, "+")
	if strings.HasPrefix(d, "90") && len(d) == 12 {
		d = d[2:]
	} else if strings.HasPrefix(d, "0") && len(d) == 11 {
		d = d[1:]
	}
	if len(d) != 10 || d[0] != '5' || strings.Trim(d, "0123456789") != "" {
		return "", notify.Permanent("number", notify.Why(ReasonNotTurkishMobile))
	}
	return d, nil
}

// abroad reports whether an E.164 number is of a country other than
// Türkiye, and which: its calling code ("+49"). A number that is not E.164
// is not judged here.
func abroad(e164 string) (string, bool) {
	if !strings.HasPrefix(e164, "+") || strings.HasPrefix(e164, "+90") {
		return "", false
	}
	num, err := phonenumbers.Parse(e164, "")
	if err != nil || num.GetCountryCode() == 0 || num.GetCountryCode() == 90 {
		return "", false
	}
	return fmt.Sprintf("+%d", num.GetCountryCode()), true
}

// Check verifies the credentials and the sender name without sending: the
// msgheader list must contain the configured header.
func (p *Provider) Check(ctx context.Context) (mapping.Reason, error) {
	u := p.cfg.URL + "/sms/rest/v2/msgheader"
	if p.cfg.AppName != "" {
		u += "?appname=" + p.cfg.AppName
	}
	resp, err := p.c.Do(ctx, httpclient.Request{Method: http.MethodGet, URL: u, Header: p.header(), Idempotent: true})
	if err != nil {
		return mapping.Reason{}, err
	}
	return parseHeaders(resp, p.cfg.MsgHeader)
}

// parseHeaders reads the msgheader answer: the account's approved sender
// names must include want.
func parseHeaders(resp *httpclient.Response, want string) (mapping.Reason, error) {
	var a struct {
		Code       flexString `json:"code"`
		MsgHeaders []string   `json:"msgheaders"`
	}
	if err := json.Unmarshal(resp.Body, &a); err != nil || a.Code == "" {
		if _, err := decode(resp); err != nil {
			return mapping.Reason{}, err
		}
		// A result code but no readable list (one name as a string, say)
		// does not confirm the header: decode alone would have said yes.
		return mapping.Reason{}, notify.Unknown(notify.Why(ReasonHeadersUnreadable, "status", resp.Status), nil)
	}
	if e := classifySend(string(a.Code), "", resp); e != nil {
		return mapping.Reason{}, e
	}
	for _, h := range a.MsgHeaders {
		if h == want {
			return notify.Why(ReasonCheckOK, "header", h), nil
		}
	}
	return mapping.Reason{}, notify.Config("40", notify.Why(ReasonHeaderNotApproved, "header", want, "approved", strings.Join(a.MsgHeaders, ", ")))
}

// The reasons the NetGSM client gives besides its result codes
// ("netgsm.<code>"); their texts are in connector/catalog.
const (
	ReasonUnknownCode       = "netgsm.unknown_code"
	ReasonNoJobID           = "netgsm.no_jobid"
	ReasonHTTPCredentials   = "netgsm.http_credentials"
	ReasonSlowDown          = "netgsm.slow_down"
	ReasonNoResultCode      = "netgsm.no_result_code"
	ReasonUnreadable        = "netgsm.unreadable"
	ReasonNotTurkishMobile  = "netgsm.not_turkish_mobile"
	ReasonHeadersUnreadable = "netgsm.headers_unreadable"
	ReasonCheckOK           = "netgsm.check_ok"
	ReasonHeaderNotApproved = "netgsm.header_not_approved"
	ReasonReportInterrupted = "netgsm.report_interrupted"
	ReasonReportUnreadable  = "netgsm.report_unreadable"
	ReasonReportFailed      = "netgsm.report_failed"
	ReasonReportPageLimit   = "netgsm.report_page_limit"
	ReasonReportRepeated    = "netgsm.report_repeated_page"
	ReasonPagingNoProof     = "netgsm.paging_no_proof"
	ReasonNoWitness         = "netgsm.no_witness"
	ReasonWitnessMissing    = "netgsm.witness_missing"
	ReasonProvenAbsent      = "netgsm.proven_absent"
	ReasonForeignRow        = "netgsm.foreign_row"
	ReasonSeveralJobs       = "netgsm.several_jobs"
	ReasonWaiting           = "netgsm.report.waiting"
	ReasonReportStatus      = "netgsm.report.status" // status: a code without a text of its own
	ReasonOperatorError     = "netgsm.report.operator_error"
	ReasonBalanceUnreadable = "netgsm.balance_unreadable"
	ReasonBalanceNotNumber  = "netgsm.balance_not_number"
	ReasonBalanceMissing    = "netgsm.balance_missing"
	// Replies, the blacklist and İYS (inbox.go, iys.go).
	ReasonInboxUnreadable     = "netgsm.inbox_unreadable"
	ReasonBlacklistUnreadable = "netgsm.blacklist_unreadable"
	ReasonIYSUnreadable       = "netgsm.iys_unreadable"
	ReasonIYSRefused          = "netgsm.iys_refused"
)

// ReasonCodes lists every reason code the client gives, for the catalog's
// completeness test.
var ReasonCodes = []string{"netgsm.20", "netgsm.30", "netgsm.40", "netgsm.50", "netgsm.51", "netgsm.60", "netgsm.70",
	"netgsm.80", "netgsm.85", "netgsm.100", "netgsm.101", "netgsm.110", ReasonUnknownCode, ReasonNoJobID,
	ReasonHTTPCredentials, ReasonSlowDown, ReasonNoResultCode, ReasonUnreadable, ReasonNotTurkishMobile,
	ReasonHeadersUnreadable, ReasonCheckOK, ReasonHeaderNotApproved, ReasonReportInterrupted, ReasonReportUnreadable,
	ReasonReportFailed, ReasonReportPageLimit, ReasonReportRepeated, ReasonPagingNoProof, ReasonNoWitness,
	ReasonWitnessMissing, ReasonProvenAbsent, ReasonForeignRow, ReasonSeveralJobs, ReasonWaiting, ReasonReportStatus,
	ReasonOperatorError, "netgsm.report.1", "netgsm.report.2", "netgsm.report.3", "netgsm.report.4", "netgsm.report.11",
	"netgsm.report.12", "netgsm.report.13", "netgsm.report.14", "netgsm.report.15", "netgsm.report.16",
	"netgsm.report.17", "netgsm.report.103", ReasonBalanceUnreadable, ReasonBalanceNotNumber, ReasonBalanceMissing,
	ReasonInboxUnreadable, ReasonBlacklistUnreadable, ReasonIYSUnreadable, ReasonIYSRefused}
