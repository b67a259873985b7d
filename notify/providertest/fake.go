// Package providertest holds what every provider's fake server shares (a
// request log and fault injection) and the conformance suite every provider
// runs against its fake: the same outcomes, classified the same way.
package providertest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"
)

// Fault is an outcome a test injects into the next requests of a fake.
type Fault int

const (
	FaultNone      Fault = iota
	FaultAuth            // credentials rejected
	FaultPermanent       // the message is refused for good
	FaultLimit           // a rate or sending limit
	FaultServer          // the provider's own error
)

// Request is one request a fake received, kept so tests (a crash test, say)
// can compare what the outbox holds with what the provider got.
type Request struct {
	Time   time.Time
	Method string
	Path   string
	Header http.Header
	Body   []byte
}

// Fake is what the conformance suite needs from a provider's fake.
type Fake interface {
	URL() string
	// Inject makes the next n requests answer with f.
	Inject(f Fault, n int)
	// SetLatency delays every answer by d (until the fake closes).
	SetLatency(d time.Duration)
	// DropNext makes the next n requests read fully, then lose the connection
	// without an answer.
	DropNext(n int)
	Requests() []Request
}

// Base implements the shared half of Fake; fakes embed it and wrap their
// handler with Handler.
type Base struct {
	Server *httptest.Server

	mu      sync.Mutex
	log     []Request
	faults  []Fault
	latency time.Duration
	drops   int
	closed  chan struct{}
	once    sync.Once
}

// Start serves h over TLS on loopback (the client trusts the server's CA via
// httpclient.WithRootCAs; verification is never skipped).
func (b *Base) Start(h http.Handler) {
	b.closed = make(chan struct{})
	b.Server = httptest.NewTLSServer(b.wrap(h))
}

// StartPlain serves h over plain HTTP on loopback (the webhook's local case).
func (b *Base) StartPlain(h http.Handler) {
	b.closed = make(chan struct{})
	b.Server = httptest.NewServer(b.wrap(h))
}

// Close stops the server, releasing any delayed answers first.
func (b *Base) Close() {
	b.once.Do(func() { close(b.closed) })
	b.Server.Close()
}

func (b *Base) URL() string { return b.Server.URL }

func (b *Base) Inject(f Fault, n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for range n {
		b.faults = append(b.faults, f)
	}
}

func (b *Base) SetLatency(d time.Duration) {
	b.mu.Lock()
	b.latency = d
	b.mu.Unlock()
}

func (b *Base) DropNext(n int) {
	b.mu.Lock()
	b.drops += n
	b.mu.Unlock()
}

// Requests returns a copy of the request log.
func (b *Base) Requests() []Request {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Request(nil), b.log...)
}

// Count returns how many requests went to path ("" for all).
func (b *Base) Count(path string) int {
	n := 0
	for _, r := range b.Requests() {
		if path == "" || r.Path == path {
			n++
		}
	}
	return n
}

// TakeFault returns the injected fault for this request, if any.
func (b *Base) TakeFault() Fault {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.faults) == 0 {
		return FaultNone
	}
	f := b.faults[0]
	b.faults = b.faults[1:]
	return f
}

func (b *Base) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		b.mu.Lock()
		b.log = append(b.log, Request{Time: time.Now(), Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
		latency, drop := b.latency, b.drops > 0
		if drop {
			b.drops--
		}
		b.mu.Unlock()
		if drop {
			if hj, ok := w.(http.Hijacker); ok {
				if c, _, err := hj.Hijack(); err == nil {
					c.Close()
					return
				}
			}
			panic(http.ErrAbortHandler)
		}
		if latency > 0 {
			t := time.NewTimer(latency)
			select {
			case <-t.C:
			case <-b.closed:
				t.Stop()
			case <-r.Context().Done():
				t.Stop()
				return
			}
		}
		h.ServeHTTP(w, r)
	})
}
