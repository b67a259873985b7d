package erptest

import (
	"io"
	"net"
	"strconv"
	"sync"
	"testing"
)

// Proxy is a TCP relay in front of the test server: a connection through
// it can be cut as a shop's network or router cuts one (a cable pulled, a
// VPN that drops), while the server itself keeps running for the other
// tests sharing it.
type Proxy struct {
	Host string
	Port int

	l      net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
}

// Proxy starts a relay to the server on a loopback port; it closes when the
// test ends.
func (s Server) Proxy(t testing.TB) *Proxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &Proxy{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, l: l, target: net.JoinHostPort(s.Host, strconv.Itoa(s.Port))}
	go p.accept()
	t.Cleanup(p.Stop)
	return p
}

// Stop cuts every connection and refuses new ones: the server is out of
// reach.
func (p *Proxy) Stop() {
	p.l.Close()
	p.Cut()
}

func (p *Proxy) accept() {
	for {
		c, err := p.l.Accept()
		if err != nil {
			return
		}
		up, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, c, up)
		p.mu.Unlock()
		go func() { io.Copy(up, c); up.Close(); c.Close() }()
		go func() { io.Copy(c, up); up.Close(); c.Close() }()
	}
}

// Cut closes every connection made through the relay so far, both ways;
// new ones are relayed again.
func (p *Proxy) Cut() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}
