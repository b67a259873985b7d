//go:build linux

package egresstest

import (
	"net"
	"net/netip"
	"strings"
	"sync"

	"golang.org/x/net/dns/dnsmessage"
)

// dnsServer answers A queries for the provider names it knows with their
// fakes' addresses, other types of a known name with no records, and any
// other name with NXDOMAIN. It keeps every question it was asked, so the
// test can compare them with the capture.
type dnsServer struct {
	conn  net.PacketConn
	names map[string]netip.Addr // lower-case, with the trailing dot

	mu    sync.Mutex
	asked []string
}

func serveDNS(conn net.PacketConn, names map[string]netip.Addr) *dnsServer {
	s := &dnsServer{conn: conn, names: map[string]netip.Addr{}}
	for n, a := range names {
		s.names[strings.ToLower(n)+"."] = a
	}
	go s.serve()
	return s
}

func (s *dnsServer) Close() { s.conn.Close() }

// Asked returns the names queried, in order, without the trailing dot.
func (s *dnsServer) Asked() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.asked...)
}

func (s *dnsServer) serve() {
	buf := make([]byte, 1500)
	for {
		n, from, err := s.conn.ReadFrom(buf)
		if err != nil {
			return
		}
		if out, ok := s.answer(buf[:n]); ok {
			s.conn.WriteTo(out, from)
		}
	}
}

func (s *dnsServer) answer(req []byte) ([]byte, bool) {
	var p dnsmessage.Parser
	h, err := p.Start(req)
	if err != nil {
		return nil, false
	}
	q, err := p.Question()
	if err != nil {
		return nil, false
	}
	name := strings.ToLower(q.Name.String())
	s.mu.Lock()
	s.asked = append(s.asked, strings.TrimSuffix(name, "."))
	s.mu.Unlock()
	addr, known := s.names[name]
	rh := dnsmessage.Header{ID: h.ID, Response: true, Authoritative: true, RecursionDesired: h.RecursionDesired}
	if !known {
		rh.RCode = dnsmessage.RCodeNameError
	}
	b := dnsmessage.NewBuilder(nil, rh)
	b.EnableCompression()
	b.StartQuestions()
	b.Question(q)
	b.StartAnswers()
	if known && q.Type == dnsmessage.TypeA && q.Class == dnsmessage.ClassINET {
		b.AResource(dnsmessage.ResourceHeader{Name: q.Name, Class: dnsmessage.ClassINET, TTL: 60}, dnsmessage.AResource{A: addr.As4()})
	}
	out, err := b.Finish()
	return out, err == nil
}
