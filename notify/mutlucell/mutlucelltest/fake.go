// Package mutlucelltest is a fake Mutlucell XML gateway on loopback speaking
// the shapes in shared/reference/providers.md §2: ka/pwd/org attributes,
// "$id#credits" answers, bare error numbers, and line-per-number reports.
package mutlucelltest

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// Packet is one accepted sndblkex request.
type Packet struct {
	ID      string
	Charset string
	Org     string
	Nums    []string
	Texts   []string
	Status  map[string]int // number → report status
}

// Server is the fake.
type Server struct {
	providertest.Base
	User, Password string
	Originators    []string
	// Credit is what gtcrdtex reports after the "$" (default "1986.0");
	// a send of more messages than it holds is refused with code 22.
	// Set it with SetCredit while the fake serves.
	Credit string

	mu      sync.Mutex
	next    int
	packets []*Packet

	TwoWay
}

// New starts a fake with one account and originator.
func New() *Server {
	s := &Server{User: "magaza", Password: "secret", Originators: []string{"MAGAZA"}, next: 88096495, Credit: "1986.0"}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /smsgw-ws/sndblkex", s.send)
	mux.HandleFunc("POST /smsgw-ws/gtblkrprtex", s.report)
	mux.HandleFunc("POST /smsgw-ws/gtcrdtex", s.credit)
	s.routeTwoWay(mux)
	s.Start(mux)
	return s
}

// URL is the gateway base the provider is configured with.
func (s *Server) URL() string { return s.Server.URL + "/smsgw-ws" }

// Packets returns the accepted packets.
func (s *Server) Packets() []Packet {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Packet, len(s.packets))
	for i, p := range s.packets {
		out[i] = *p
	}
	return out
}

// SetCredit sets the account's credit while the fake serves (a top-up).
func (s *Server) SetCredit(credit string) {
	s.mu.Lock()
	s.Credit = credit
	s.mu.Unlock()
}

// SetStatus sets a number's report status in every packet.
func (s *Server) SetStatus(number string, st int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.packets {
		if _, ok := p.Status[number]; ok {
			p.Status[number] = st
		}
	}
}

func text(w http.ResponseWriter, body string) {
	w.Header().Set("Content-Type", "text/plain;charset=UTF-8")
	fmt.Fprint(w, body)
}

func (s *Server) fault(w http.ResponseWriter) bool {
	switch s.TakeFault() {
	case providertest.FaultAuth:
		text(w, "23")
	case providertest.FaultPermanent:
		text(w, "20")
	case providertest.FaultLimit:
		text(w, "24")
	case providertest.FaultServer:
		text(w, "25")
	default:
		return false
	}
	return true
}

func (s *Server) send(w http.ResponseWriter, r *http.Request) {
	if s.fault(w) {
		return
	}
	var pack struct {
		User    string `xml:"ka,attr"`
		Pass    string `xml:"pwd,attr"`
		Org     string `xml:"org,attr"`
		Charset string `xml:"charset,attr"`
		Mesaj   []struct {
			Metin string `xml:"metin"`
			Nums  string `xml:"nums"`
		} `xml:"mesaj"`
	}
	if err := xml.NewDecoder(r.Body).Decode(&pack); err != nil || len(pack.Mesaj) == 0 {
		text(w, "20")
		return
	}
	if pack.User != s.User || pack.Pass != s.Password {
		text(w, "23")
		return
	}
	known := false
	for _, o := range s.Originators {
		known = known || o == pack.Org
	}
	if !known {
		text(w, "21")
		return
	}
	switch pack.Charset {
	case "", "default", "turkish", "unicode":
	default:
		text(w, "20")
		return
	}
	p := &Packet{Charset: pack.Charset, Org: pack.Org, Status: map[string]int{}}
	for _, m := range pack.Mesaj {
		for _, n := range strings.Split(m.Nums, ",") {
			n = strings.TrimSpace(n)
			p.Nums, p.Texts = append(p.Nums, n), append(p.Texts, m.Metin)
			p.Status[n] = 1
		}
	}
	s.mu.Lock()
	if c, err := strconv.ParseFloat(s.Credit, 64); err == nil && c < float64(len(p.Nums)) {
		// Fewer credits than messages: Mutlucell takes none (code 22).
		s.mu.Unlock()
		text(w, "22")
		return
	}
	s.next++
	p.ID = fmt.Sprint(s.next)
	s.packets = append(s.packets, p)
	s.mu.Unlock()
	text(w, fmt.Sprintf("$%s#%d.0", p.ID, len(p.Nums)))
}

func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	if s.fault(w) {
		return
	}
	var q struct {
		User string `xml:"ka,attr"`
		Pass string `xml:"pwd,attr"`
		ID   string `xml:"id,attr"`
	}
	if err := xml.NewDecoder(r.Body).Decode(&q); err != nil {
		text(w, "20")
		return
	}
	if q.User != s.User || q.Pass != s.Password {
		text(w, "23")
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var b strings.Builder
	for _, p := range s.packets {
		if p.ID == q.ID {
			for _, n := range p.Nums {
				fmt.Fprintf(&b, "%s %d\n", n, p.Status[n])
			}
		}
	}
	text(w, b.String())
}

func (s *Server) credit(w http.ResponseWriter, r *http.Request) {
	if s.fault(w) {
		return
	}
	var q struct {
		User string `xml:"ka,attr"`
		Pass string `xml:"pwd,attr"`
	}
	if err := xml.NewDecoder(r.Body).Decode(&q); err != nil || q.User != s.User || q.Pass != s.Password {
		text(w, "23")
		return
	}
	s.mu.Lock()
	credit := s.Credit
	s.mu.Unlock()
	text(w, "$"+credit)
}
