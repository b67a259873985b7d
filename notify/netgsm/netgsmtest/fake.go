// Package netgsmtest is a fake NetGSM REST v2 server on loopback that speaks
// the shapes in shared/reference/providers.md §1.2: Basic auth, the send and
// report result codes, n:n bodies, report paging and the 80/85 limits.
// Points the reference marks [UNCONFIRMED] are settings here, never asserted:
// the HTTP status of an auth error (AuthStatus), the jobid form (JobIDs), what
// a send does with a foreign number (Abroad), and how the report reads a
// query: by date without jobids (DateSearch), with an appname (AppNames). Paging follows pagenumber as documented; PageNumbers
// can make it ignore it, as a faulty server would.
package netgsmtest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// JobIDStyle is how a successful send names its job.
type JobIDStyle int

const (
	OneJobID        JobIDStyle = iota // one jobid for the whole request (documented)
	JobIDPerMessage                   // "12345,12346": one per message (seen only in SDK mocks)
)

// DateSearch is how the report answers a query by date without jobids.
// NetGSM's documentation does not say (two-way.md [UNCONFIRMED]).
type DateSearch int

const (
	DateSearchLists     DateSearch = iota // lists every send of the window
	DateSearchNoRecords                   // answers code 60 ("no records") whatever was sent
)

// AppNames is how the report treats the request's appname. The documents
// call appname "for tracking" only [UNCONFIRMED].
type AppNames int

const (
	AppNameIgnored  AppNames = iota // lists every program's sends on the account
	AppNameFiltered                 // lists only sends made with the request's appname (all when it has none)
)

// PageNumbers is how the report treats pagenumber.
type PageNumbers int

const (
	PageNumberHonoured PageNumbers = iota // documented: pages from 0
	PageNumberIgnored                     // a faulty server: every page is page 0
)

// Abroad is how a send treats a number of another country, written with
// its calling code ("4915112345678", or "004915112345678"). NetGSM's send
// takes a number as 10 digits (5XXXXXXXXX); what it does with a foreign
// one, on an account without international SMS or with it, is not
// documented [UNCONFIRMED].
type Abroad int

const (
	// AbroadRefused answers code 70 for the whole request, as for any
	// number that is not 10 digits.
	AbroadRefused Abroad = iota
	// AbroadUndelivered accepts the request, and the report then gives the
	// foreign number status 3 (invalid or restricted number) with
	// operator 212 (abroad).
	AbroadUndelivered
)

// BalanceShape is how POST /balance answers. The SDK's types and a public
// client disagree, and NetGSM documents neither [UNCONFIRMED].
type BalanceShape int

const (
	BalanceText BalanceShape = iota // {"code":"00","balance":"39,000"} (the SDK's BalanceResponse)
	BalanceList                     // {"balance":[{"amount":215,"balance_name":"..."}]} (a public C# client)
)

// Package is one balance row of the list shape.
type Package struct {
	Name   string
	Amount float64
}

// Message is one message the fake accepted.
type Message struct {
	JobID     string
	AppName   string // the send request's appname
	Number    string // as reported: 90XXXXXXXXXX (a foreign one: its calling code and number)
	Operator  int    // as reported: 30 (Turkcell), 212 abroad
	Text      string
	IYSFilter string
	Encoding  string
	At        time.Time
	Status    int
	ErrorCode int
}

// Server is the fake. Set its fields before sending.
type Server struct {
	providertest.Base
	User, Password string
	Headers        []string
	// AuthStatus is the HTTP status of business errors such as code 30
	// (406 documented; 401 possible).
	AuthStatus int
	JobIDs     JobIDStyle
	// Abroad is what a send does with a foreign number.
	Abroad Abroad
	// ReportLimit is the report queries allowed per minute (10).
	ReportLimit int
	// Now is the fake's clock, for the per-minute limits.
	Now func() time.Time
	// Readings of the report; tests run under each.
	DateSearch  DateSearch
	AppNames    AppNames
	PageNumbers PageNumbers
	// The account's balance: Credit as NetGSM writes it ("39,000", a
	// decimal comma) for BalanceText, Packages for BalanceList.
	BalanceShape BalanceShape
	Credit       string
	Packages     []Package

	mu       sync.Mutex
	nextJob  int
	messages []Message
	// recent indexes messages by number, for the 20-jobs-a-minute check:
	// scanning every message per number made the fake slower than the
	// connector it measures.
	recent   map[string][]sentJob
	reportAt []time.Time

	acceptThenDrop int

	TwoWay
}

// New starts a fake with one account and header.
func New() *Server {
	s := &Server{User: "8501234567", Password: "secret", Headers: []string{"MAGAZA"}, AuthStatus: http.StatusNotAcceptable,
		ReportLimit: 10, Now: time.Now, nextJob: 1311033500, Credit: "39,000",
		Packages: []Package{{Name: "Sms Hizmeti - Giden", Amount: 215}, {Name: "TL Bakiye", Amount: 39}}}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /sms/rest/v2/send", s.send)
	mux.HandleFunc("POST /sms/rest/v2/report", s.report)
	mux.HandleFunc("GET /sms/rest/v2/msgheader", s.msgheader)
	mux.HandleFunc("POST /balance", s.balance)
	s.routeTwoWay(mux)
	s.Start(mux)
	return s
}

// Messages returns what the fake accepted.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// SetStatus sets the report status of every accepted message to number
// (10 digits or 90-prefixed).
func (s *Server) SetStatus(number string, status, errorCode int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.messages {
		if strings.HasSuffix(s.messages[i].Number, number[len(number)-10:]) {
			s.messages[i].Status, s.messages[i].ErrorCode = status, errorCode
		}
	}
}

func (s *Server) reply(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) fail(w http.ResponseWriter, code, desc string) {
	s.reply(w, s.AuthStatus, map[string]any{"code": code, "description": desc, "jobid": nil})
}

func (s *Server) authorized(r *http.Request) bool {
	v, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Basic ")
	if !ok {
		return false
	}
	b, err := base64.StdEncoding.DecodeString(v)
	return err == nil && string(b) == s.User+":"+s.Password
}

// fault answers an injected fault; it reports whether it did.
func (s *Server) fault(w http.ResponseWriter, limitCode string) bool {
	switch s.TakeFault() {
	case providertest.FaultAuth:
		s.fail(w, "30", "Invalid credentials")
	case providertest.FaultPermanent:
		s.fail(w, "20", "Message text problem")
	case providertest.FaultLimit:
		s.fail(w, limitCode, "Limit exceeded")
	case providertest.FaultServer:
		s.fail(w, "100", "System error")
	default:
		return false
	}
	return true
}

var tenDigits = regexp.MustCompile(`^[0-9]{10}$`)

func (s *Server) send(w http.ResponseWriter, r *http.Request) {
	if s.fault(w, "80") {
		return
	}
	if !s.authorized(r) {
		s.fail(w, "30", "Invalid username, password or no API access")
		return
	}
	var req struct {
		MsgHeader string `json:"msgheader"`
		Messages  []struct {
			Msg string `json:"msg"`
			No  string `json:"no"`
		} `json:"messages"`
		Encoding  string `json:"encoding"`
		IYSFilter string `json:"iysfilter"`
		AppName   string `json:"appname"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Messages) == 0 {
		s.fail(w, "70", "Invalid parameter")
		return
	}
	known := false
	for _, h := range s.Headers {
		known = known || h == req.MsgHeader
	}
	if !known || len(req.MsgHeader) > 11 {
		s.fail(w, "40", "Check the msgheader parameter")
		return
	}
	switch req.IYSFilter {
	case "", "0", "11", "12":
	default:
		s.fail(w, "70", "Invalid iysfilter")
		return
	}
	numbers := make([]string, len(req.Messages))
	for i, m := range req.Messages {
		switch f, foreign := foreignNumber(m.No); {
		case m.Msg == "":
		case tenDigits.MatchString(m.No):
			numbers[i] = "90" + m.No
			continue
		case foreign && s.Abroad == AbroadUndelivered:
			numbers[i] = f
			continue
		}
		s.fail(w, "70", "Invalid parameter")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.Now()
	for _, number := range numbers {
		if s.jobsTo(number, now) >= 20 {
			s.fail(w, "85", "More than 20 jobs to the same number within a minute")
			return
		}
	}
	var ids []string
	for i, m := range req.Messages {
		if len(ids) == 0 || s.JobIDs == JobIDPerMessage {
			s.nextJob++
			ids = append(ids, fmt.Sprint(s.nextJob))
		}
		st, operator := 0, 30
		switch {
		case !strings.HasPrefix(numbers[i], "90"):
			st, operator = 3, 212 // AbroadUndelivered: invalid or restricted, abroad
		case s.Blacklisted(m.No):
			st = 15 // NetGSM sends nothing to a blacklisted number
		}
		s.messages = append(s.messages, Message{JobID: ids[len(ids)-1], AppName: req.AppName, Number: numbers[i], Operator: operator,
			Text: m.Msg, IYSFilter: req.IYSFilter, Encoding: req.Encoding, At: now, Status: st})
		s.remember(numbers[i], ids[len(ids)-1], now)
	}
	if s.acceptThenDrop > 0 {
		// NetGSM took the job, but the answer never reaches the client.
		s.acceptThenDrop--
		if c, _, err := w.(http.Hijacker).Hijack(); err == nil {
			c.Close()
			return
		}
	}
	s.reply(w, http.StatusOK, map[string]any{"code": "00", "description": "Success", "jobid": strings.Join(ids, ",")})
}

// foreignNumber reads no as a number of another country written with its
// calling code, and returns it without a leading 00.
func foreignNumber(no string) (string, bool) {
	d := strings.TrimPrefix(no, "00")
	if len(d) < 11 || len(d) > 15 || strings.Trim(d, "0123456789") != "" || d[0] == '0' || strings.HasPrefix(d, "90") {
		return "", false
	}
	return d, true
}

// SendAs records a job another program on the same account sent (the
// shop's Wolvox SMS module, say), with appname (empty: none) and one
// message per number (10 digits), and returns its jobid.
func (s *Server) SendAs(appname, text string, numbers ...string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextJob++
	id := fmt.Sprint(s.nextJob)
	now := s.Now()
	for _, no := range numbers {
		s.messages = append(s.messages, Message{JobID: id, AppName: appname, Number: "90" + no, Operator: 30, Text: text, IYSFilter: "0", At: now})
		s.remember("90"+no, id, now)
	}
	return id
}

// AcceptThenDrop makes the next n sends accept the job and then lose the
// connection before answering: the client cannot know the job exists.
func (s *Server) AcceptThenDrop(n int) {
	s.mu.Lock()
	s.acceptThenDrop += n
	s.mu.Unlock()
}

// sentJob is one job that carried a message to a number.
type sentJob struct {
	id string
	at time.Time
}

// remember notes a job to number, dropping those older than a minute.
func (s *Server) remember(number, job string, at time.Time) {
	if s.recent == nil {
		s.recent = map[string][]sentJob{}
	}
	js := s.recent[number]
	keep := js[:0]
	for _, j := range js {
		if at.Sub(j.at) < time.Minute {
			keep = append(keep, j)
		}
	}
	s.recent[number] = append(keep, sentJob{job, at})
}

// jobsTo counts distinct jobs to number in the last minute.
func (s *Server) jobsTo(number string, now time.Time) int {
	var jobs []string
	for _, j := range s.recent[number] {
		if now.Sub(j.at) < time.Minute && !slices.Contains(jobs, j.id) {
			jobs = append(jobs, j.id)
		}
	}
	return len(jobs)
}

const reportLayout = "02.01.2006 15:04:05"

func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	if s.fault(w, "80") {
		return
	}
	if !s.authorized(r) {
		s.fail(w, "30", "Invalid credentials")
		return
	}
	s.mu.Lock()
	now := s.Now()
	recent := s.reportAt[:0]
	for _, t := range s.reportAt {
		if now.Sub(t) < time.Minute {
			recent = append(recent, t)
		}
	}
	s.reportAt = recent
	over := len(recent) >= s.ReportLimit
	if !over {
		s.reportAt = append(s.reportAt, now)
	}
	s.mu.Unlock()
	if over {
		s.fail(w, "80", "Limit: max 10 queries per minute")
		return
	}
	var req struct {
		JobIDs     []string `json:"jobids"`
		StartDate  string   `json:"startdate"`
		StopDate   string   `json:"stopdate"`
		PageNumber int      `json:"pagenumber"`
		PageSize   int      `json:"pagesize"`
		AppName    string   `json:"appname"`
	}
	err := json.NewDecoder(r.Body).Decode(&req)
	from, err1 := time.ParseInLocation(reportLayout, req.StartDate, istanbul)
	to, err2 := time.ParseInLocation(reportLayout, req.StopDate, istanbul)
	if err != nil || err1 != nil || err2 != nil || req.PageSize < 1 || req.PageSize > 100 || req.PageNumber < 0 {
		s.fail(w, "70", "Invalid parameter")
		return
	}
	type row struct {
		JobID     string `json:"jobid"`
		Number    string `json:"number"`
		Status    int    `json:"status"`
		Operator  int    `json:"operator"`
		MsgLen    int    `json:"msglen"`
		Delivered string `json:"deliveredDate"`
		ErrorCode int    `json:"errorCode"`
	}
	var rows []row
	for _, m := range s.Messages() {
		if m.At.Before(from) || m.At.After(to) {
			continue
		}
		if len(req.JobIDs) > 0 && !slices.Contains(req.JobIDs, m.JobID) {
			continue
		}
		if len(req.JobIDs) == 0 && s.DateSearch == DateSearchNoRecords {
			continue
		}
		if s.AppNames == AppNameFiltered && req.AppName != "" && m.AppName != req.AppName {
			continue
		}
		rw := row{JobID: m.JobID, Number: m.Number, Status: m.Status, Operator: m.Operator, MsgLen: 1, ErrorCode: m.ErrorCode}
		if m.Status == 1 {
			rw.Delivered = m.At.In(istanbul).Add(5 * time.Second).Format("2006-01-02 15:04:05")
		}
		rows = append(rows, rw)
	}
	if s.PageNumbers == PageNumberIgnored {
		req.PageNumber = 0
	}
	start := req.PageNumber * req.PageSize
	if start >= len(rows) {
		s.reply(w, s.AuthStatus, map[string]any{"code": "60", "description": "No records"})
		return
	}
	rows = rows[start:min(len(rows), start+req.PageSize)]
	s.reply(w, http.StatusOK, map[string]any{"code": "00", "description": "Success", "jobs": rows})
}

func (s *Server) msgheader(w http.ResponseWriter, r *http.Request) {
	if s.fault(w, "80") {
		return
	}
	if !s.authorized(r) {
		s.fail(w, "30", "Invalid credentials")
		return
	}
	s.reply(w, http.StatusOK, map[string]any{"code": "00", "description": "Success", "msgheaders": s.Headers})
}

// balance answers POST /balance, which takes the credentials in the body.
func (s *Server) balance(w http.ResponseWriter, r *http.Request) {
	if s.fault(w, "80") {
		return
	}
	var req struct {
		UserCode string `json:"usercode"`
		Password string `json:"password"`
		Stip     int    `json:"stip"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Stip < 1 || req.Stip > 3 {
		s.fail(w, "70", "Invalid parameter")
		return
	}
	if req.UserCode != s.User || req.Password != s.Password {
		s.fail(w, "30", "Invalid credentials")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.BalanceShape == BalanceList {
		rows := []map[string]any{}
		for _, p := range s.Packages {
			rows = append(rows, map[string]any{"amount": p.Amount, "balance_name": p.Name})
		}
		s.reply(w, http.StatusOK, map[string]any{"balance": rows})
		return
	}
	s.reply(w, http.StatusOK, map[string]any{"code": "00", "balance": s.Credit})
}

var istanbul = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Istanbul"); err == nil {
		return l
	}
	return time.FixedZone("TRT", 3*3600)
}()
