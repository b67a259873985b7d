package mutlucelltest

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The fake's other sides (two-way.md, Mutlucell): incoming SMS
// (gtincmngapi) and the blacklist (addblklst). Where the documents leave a
// shape open the fake answers each way, by a setting.

// IncomingTimes is how gtincmngapi writes a message's time [UNCONFIRMED].
type IncomingTimes int

const (
	IncomingISO    IncomingTimes = iota // "2026-11-25 10:00:02"
	IncomingDotted                      // "25.11.2026 10:00:02"
)

// BlacklistAnswer is what addblklst answers on success [UNCONFIRMED]:
// "$<count>" as dltblklst does, or a plain "OK".
type BlacklistAnswer int

const (
	BlacklistCount BlacklistAnswer = iota
	BlacklistOK
)

// TwoWay holds the fake's incoming SMS and blacklist, and their settings.
type TwoWay struct {
	InboxNumber     string // aboneno; default 908505505555
	IncomingTimes   IncomingTimes
	BlacklistAnswer BlacklistAnswer

	twMu      sync.Mutex
	incoming  []incoming
	blacklist map[string]bool
}

type incoming struct {
	from, text string
	at         time.Time
}

var istanbul = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Istanbul"); err == nil {
		return l
	}
	return time.FixedZone("TRT", 3*3600)
}()

// Receive puts an SMS from a number (905…) in the inbox.
func (s *Server) Receive(from, text string, at time.Time) {
	s.twMu.Lock()
	defer s.twMu.Unlock()
	s.incoming = append(s.incoming, incoming{from: from, text: text, at: at})
}

// Blacklisted reports whether a number (905…) is on the blacklist.
func (s *Server) Blacklisted(number string) bool {
	s.twMu.Lock()
	defer s.twMu.Unlock()
	return s.blacklist[strings.TrimPrefix(number, "+")]
}

func (s *Server) routeTwoWay(mux *http.ServeMux) {
	mux.HandleFunc("POST /smsgw-ws/gtincmngapi", s.incomingList)
	mux.HandleFunc("POST /smsgw-ws/addblklst", s.blacklistAdd)
}

func (s *Server) incomingList(w http.ResponseWriter, r *http.Request) {
	var q struct {
		Abone string `xml:"aboneno,attr"`
		Pass  string `xml:"pwd,attr"`
		Start string `xml:"startdate,attr"`
		End   string `xml:"enddate,attr"`
	}
	if err := xml.NewDecoder(r.Body).Decode(&q); err != nil {
		text(w, "20")
		return
	}
	number := s.InboxNumber
	if number == "" {
		number = "908505505555"
	}
	if q.Abone != number || q.Pass != s.Password {
		text(w, "23")
		return
	}
	from, err1 := time.ParseInLocation("2006-01-02 15:04", q.Start, istanbul)
	to, err2 := time.ParseInLocation("2006-01-02 15:04", q.End, istanbul)
	if err1 != nil || err2 != nil {
		text(w, "20")
		return
	}
	to = to.Add(time.Minute - time.Nanosecond) // the end minute is included
	s.twMu.Lock()
	defer s.twMu.Unlock()
	var b strings.Builder
	for _, m := range s.incoming {
		if m.at.Before(from) || m.at.After(to) {
			continue
		}
		layout := "2006-01-02 15:04:05"
		if s.IncomingTimes == IncomingDotted {
			layout = "02.01.2006 15:04:05"
		}
		fmt.Fprintf(&b, "%s\t%s\t%s\n", m.at.In(istanbul).Format(layout), m.from, m.text)
	}
	text(w, b.String())
}

func (s *Server) blacklistAdd(w http.ResponseWriter, r *http.Request) {
	var q struct {
		User string `xml:"ka,attr"`
		Pass string `xml:"pwd,attr"`
		Nums string `xml:"nums"`
	}
	if err := xml.NewDecoder(r.Body).Decode(&q); err != nil || strings.TrimSpace(q.Nums) == "" {
		text(w, "20")
		return
	}
	if q.User != s.User || q.Pass != s.Password {
		text(w, "23")
		return
	}
	s.twMu.Lock()
	defer s.twMu.Unlock()
	if s.blacklist == nil {
		s.blacklist = map[string]bool{}
	}
	n := 0
	for _, num := range strings.Split(q.Nums, ",") {
		if num = strings.TrimSpace(num); num != "" {
			s.blacklist[num] = true
			n++
		}
	}
	if s.BlacklistAnswer == BlacklistOK {
		text(w, "OK")
		return
	}
	text(w, fmt.Sprintf("$%d", n))
}
