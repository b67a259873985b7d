package netgsmtest

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The fake's other sides (two-way.md, NetGSM): the inbox of SMS customers
// send (GET /sms/rest/v2/inbox), the blacklist (POST /sms/blacklist) and
// İYS (POST /iys/search, /iys/add). Where the documents leave a shape open
// the fake answers each way, by a setting.

// InboxTimes is how the inbox writes a message's datetime [UNCONFIRMED].
type InboxTimes int

const (
	InboxDotted  InboxTimes = iota // "25.11.2026 10:00:02"
	InboxISO                       // "2026-11-25 10:00:02"
	InboxCompact                   // "25112026100002", as the window is written
)

// IYSAuth is where İYS reads the credentials: NetGSM's library sends a JSON
// "header" object; the reference speaks of headers [UNCONFIRMED].
type IYSAuth int

const (
	IYSAuthBody    IYSAuth = iota // {"header": {username, password, brandCode}}
	IYSAuthHeaders                // HTTP headers username, password, brandCode
)

// RetWithoutConsent is what İYS does with a RET for an address it holds no
// ONAY for ("no RET without an earlier ONAY" [UNCONFIRMED]).
type RetWithoutConsent int

const (
	RetRecorded RetWithoutConsent = iota // recorded like any other
	RetRefused                           // refused with code 70
)

// Incoming is one SMS a customer sent to the account.
type Incoming struct {
	Sender   string // 905…
	Receiver string // the account's number
	Text     string
	At       time.Time
	listed   bool
}

// Consent is one İYS record.
type Consent struct {
	Type, Recipient, RecipientType string
	Status                         string // ONAY, RET
	ConsentDate, Source            string
}

// TwoWay holds the fake's inbox, blacklist and İYS, and their settings.
type TwoWay struct {
	InboxTimes        InboxTimes
	IYSAuth           IYSAuth
	RetWithoutConsent RetWithoutConsent
	BrandCode         string
	// OnInbox, when set, is called after an inbox answer listing at least
	// one message was written and flushed: the crash test kills the
	// connector then, between its read and its write.
	OnInbox func(listed int)

	twMu      sync.Mutex
	twFaults  int
	inbox     []*Incoming
	inboxAsks int
	blacklist map[string]bool
	consents  map[string]Consent
	iysAdds   []Consent
}

// Receive puts an SMS from sender (905… or 5…) in the inbox.
func (s *Server) Receive(sender, text string, at time.Time) {
	s.twMu.Lock()
	defer s.twMu.Unlock()
	if !strings.HasPrefix(sender, "90") {
		sender = "90" + strings.TrimPrefix(sender, "0")
	}
	s.inbox = append(s.inbox, &Incoming{Sender: sender, Receiver: "8501234567", Text: text, At: at})
}

// SetOnInbox sets OnInbox while the fake serves.
func (s *Server) SetOnInbox(f func(listed int)) {
	s.twMu.Lock()
	s.OnInbox = f
	s.twMu.Unlock()
}

// InboxAsks counts the inbox reads.
func (s *Server) InboxAsks() int {
	s.twMu.Lock()
	defer s.twMu.Unlock()
	return s.inboxAsks
}

// Blacklisted reports whether a number (10 digits) is on the blacklist.
func (s *Server) Blacklisted(number string) bool {
	s.twMu.Lock()
	defer s.twMu.Unlock()
	return s.blacklist[number[len(number)-10:]]
}

// SetConsent records an İYS consent.
func (s *Server) SetConsent(c Consent) {
	s.twMu.Lock()
	defer s.twMu.Unlock()
	if s.consents == nil {
		s.consents = map[string]Consent{}
	}
	s.consents[consentKey(c.Type, c.Recipient, c.RecipientType)] = c
}

// IYSAdds returns the records /iys/add took, in order.
func (s *Server) IYSAdds() []Consent {
	s.twMu.Lock()
	defer s.twMu.Unlock()
	return append([]Consent(nil), s.iysAdds...)
}

func consentKey(typ, recipient, rtype string) string { return typ + "|" + recipient + "|" + rtype }

func (s *Server) routeTwoWay(mux *http.ServeMux) {
	mux.HandleFunc("GET /sms/rest/v2/inbox", s.inboxList)
	mux.HandleFunc("POST /sms/blacklist", s.blacklistAdd)
	mux.HandleFunc("POST /iys/search", s.iysSearch)
	mux.HandleFunc("POST /iys/add", s.iysAdd)
}

// FailTwoWay makes the next n requests to the inbox, the blacklist or İYS
// fail with a system error (code 100). They never take the faults of
// Base, which are the sends'.
func (s *Server) FailTwoWay(n int) {
	s.twMu.Lock()
	s.twFaults += n
	s.twMu.Unlock()
}

func (s *Server) twFault() bool {
	s.twMu.Lock()
	defer s.twMu.Unlock()
	if s.twFaults > 0 {
		s.twFaults--
		return true
	}
	return false
}

func (s *Server) inboxList(w http.ResponseWriter, r *http.Request) {
	if s.twFault() {
		s.fail(w, "100", "System error")
		return
	}
	if !s.authorized(r) {
		s.fail(w, "30", "Invalid credentials")
		return
	}
	q := r.URL.Query()
	start, stop := q.Get("startdate"), q.Get("stopdate")
	var from, to time.Time
	window := start != "" || stop != ""
	if window {
		var err1, err2 error
		from, err1 = time.ParseInLocation("02012006150405", start, istanbul)
		to, err2 = time.ParseInLocation("02012006150405", stop, istanbul)
		if err1 != nil || err2 != nil || to.Before(from) {
			s.fail(w, "70", "Invalid parameter")
			return
		}
	}
	s.twMu.Lock()
	s.inboxAsks++
	var rows []map[string]string
	for _, m := range s.inbox {
		at := m.At.Truncate(time.Second)
		switch {
		case window && (at.Before(from) || at.After(to)):
			continue
		case !window && m.listed:
			continue // without a window, each message is listed once
		}
		m.listed = true
		rows = append(rows, map[string]string{"message": m.Text, "sender": m.Sender, "receiver": m.Receiver, "datetime": s.inboxTime(m.At)})
	}
	hook := s.OnInbox
	s.twMu.Unlock()
	if len(rows) == 0 {
		s.reply(w, s.AuthStatus, map[string]any{"code": "40", "description": "No messages"})
		return
	}
	s.reply(w, http.StatusOK, map[string]any{"code": "00", "description": "Success", "messages": rows})
	if hook != nil {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
		hook(len(rows))
	}
}

func (s *Server) inboxTime(t time.Time) string {
	t = t.In(istanbul)
	switch s.InboxTimes {
	case InboxISO:
		return t.Format("2006-01-02 15:04:05")
	case InboxCompact:
		return t.Format("02012006150405")
	}
	return t.Format("02.01.2006 15:04:05")
}

// blacklistAdd answers POST /sms/blacklist: plain text, "OK" or a code.
func (s *Server) blacklistAdd(w http.ResponseWriter, r *http.Request) {
	if s.twFault() {
		fmt.Fprint(w, "100")
		return
	}
	var req struct {
		Header struct {
			UserCode string `xml:"usercode"`
			Password string `xml:"password"`
			Tip      int    `xml:"tip"`
		} `xml:"header"`
		Body struct {
			Number []string `xml:"number"`
		} `xml:"body"`
	}
	if err := xml.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Body.Number) == 0 {
		fmt.Fprint(w, "70")
		return
	}
	if req.Header.UserCode != s.User || req.Header.Password != s.Password {
		fmt.Fprint(w, "30")
		return
	}
	s.twMu.Lock()
	defer s.twMu.Unlock()
	if s.blacklist == nil {
		s.blacklist = map[string]bool{}
	}
	for _, n := range req.Body.Number {
		n = strings.TrimSpace(n)
		if len(n) < 10 {
			fmt.Fprint(w, "70")
			return
		}
		switch req.Header.Tip {
		case 1:
			s.blacklist[n[len(n)-10:]] = true
		case 2:
			delete(s.blacklist, n[len(n)-10:])
		default:
			fmt.Fprint(w, "70")
			return
		}
	}
	fmt.Fprint(w, "OK")
}

type iysRequest struct {
	Header struct {
		Username  string `json:"username"`
		Password  string `json:"password"`
		BrandCode string `json:"brandCode"`
	} `json:"header"`
	Body struct {
		Data []Consent `json:"data"`
	} `json:"body"`
}

// iysAuthorized checks the credentials where this fake's reading of the
// documents puts them.
func (s *Server) iysAuthorized(r *http.Request, req iysRequest) bool {
	user, pw, brand := req.Header.Username, req.Header.Password, req.Header.BrandCode
	if s.IYSAuth == IYSAuthHeaders {
		user, pw, brand = r.Header.Get("username"), r.Header.Get("password"), r.Header.Get("brandCode")
	}
	return user == s.User && pw == s.Password && brand != "" && (s.BrandCode == "" || brand == s.BrandCode)
}

func (s *Server) iysAnswer(w http.ResponseWriter, v map[string]any) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	_ = json.NewEncoder(w).Encode(v)
}

func (s *Server) iysRead(w http.ResponseWriter, r *http.Request) (iysRequest, bool) {
	var req iysRequest
	if s.twFault() {
		s.iysAnswer(w, map[string]any{"code": 100, "error": "Sistem hatası"})
		return req, false
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || len(req.Body.Data) != 1 {
		s.iysAnswer(w, map[string]any{"code": 70, "error": "Hatalı JSON formatı."})
		return req, false
	}
	if !s.iysAuthorized(r, req) {
		s.iysAnswer(w, map[string]any{"code": 30, "error": "Geçersiz kullanıcı adı, şifre veya marka kodu"})
		return req, false
	}
	return req, true
}

func (s *Server) iysSearch(w http.ResponseWriter, r *http.Request) {
	req, ok := s.iysRead(w, r)
	if !ok {
		return
	}
	q := req.Body.Data[0]
	s.twMu.Lock()
	c, found := s.consents[consentKey(q.Type, q.Recipient, q.RecipientType)]
	s.twMu.Unlock()
	if !found {
		s.iysAnswer(w, map[string]any{"code": 50, "error": "Kayıt Bulunamadı."})
		return
	}
	s.iysAnswer(w, map[string]any{"code": 0, "error": false, "query": map[string]any{"recipientType": c.RecipientType,
		"recipient": c.Recipient, "source": c.Source, "type": c.Type, "consentDate": c.ConsentDate, "status": c.Status,
		"creationDate": c.ConsentDate, "retailerAccessCount": 0}})
}

func (s *Server) iysAdd(w http.ResponseWriter, r *http.Request) {
	req, ok := s.iysRead(w, r)
	if !ok {
		return
	}
	c := req.Body.Data[0]
	if c.Type == "" || c.Source == "" || c.Recipient == "" || c.ConsentDate == "" || (c.Status != "ONAY" && c.Status != "RET") ||
		(c.RecipientType != "BIREYSEL" && c.RecipientType != "TACIR") {
		s.iysAnswer(w, map[string]any{"code": 70, "error": "Hatalı JSON formatı.", "erroritem": []any{map[string]string{"recipient": c.Recipient}}})
		return
	}
	s.twMu.Lock()
	defer s.twMu.Unlock()
	k := consentKey(c.Type, c.Recipient, c.RecipientType)
	if prev, had := s.consents[k]; c.Status == "RET" && s.RetWithoutConsent == RetRefused && (!had || prev.Status != "ONAY") {
		s.iysAnswer(w, map[string]any{"code": 70, "error": "Onayı olmayan adres için ret kaydedilemez."})
		return
	}
	if s.consents == nil {
		s.consents = map[string]Consent{}
	}
	s.consents[k] = c
	s.iysAdds = append(s.iysAdds, c)
	s.iysAnswer(w, map[string]any{"code": 0, "error": false, "uid": fmt.Sprintf("59a3ec87-bca0-%04d", len(s.iysAdds))})
}
