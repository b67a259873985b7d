package httpclient_test

import (
	"context"
	"crypto/x509"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

func tlsServer(t *testing.T, h http.HandlerFunc) (*httptest.Server, *x509.CertPool) {
	srv := httptest.NewTLSServer(h)
	t.Cleanup(srv.Close)
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	return srv, pool
}

func fast(opts ...httpclient.Option) []httpclient.Option {
	return append([]httpclient.Option{httpclient.WithBackoff(time.Millisecond, 5*time.Millisecond, time.Second)}, opts...)
}

func TestEgressAllowlist(t *testing.T) {
	srv, pool := tlsServer(t, func(w http.ResponseWriter, r *http.Request) {})
	var audits []httpclient.AuditRecord
	c := httpclient.New(fast(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts("https://api.netgsm.com.tr"),
		httpclient.WithAudit(func(r httpclient.AuditRecord) { audits = append(audits, r) }))...)
	_, err := c.Do(context.Background(), httpclient.Request{Method: "POST", URL: srv.URL, Recipients: []string{"+905321234567"}})
	if !errors.Is(err, notify.ErrConfig) || !strings.Contains(err.Error(), "egress refused") {
		t.Fatalf("request to an unlisted host = %v, want a config error saying egress refused", err)
	}
	if len(audits) != 1 || audits[0].Outcome != "refused" || strings.Contains(audits[0].Recipient, "1234567") {
		t.Fatalf("refusal must be audited with a masked recipient: %+v", audits)
	}
	// The dialer itself refuses, whatever the caller does.
	dial := httpclient.NewAllowlist("api.netgsm.com.tr").Dialer((&net.Dialer{}).DialContext)
	if _, err := dial(context.Background(), "tcp", srv.Listener.Addr().String()); !errors.Is(err, httpclient.ErrEgressDenied) {
		t.Fatalf("dialer let an unlisted host through: %v", err)
	}
}

func TestTLSVerified(t *testing.T) {
	srv, _ := tlsServer(t, func(w http.ResponseWriter, r *http.Request) {})
	c := httpclient.New(fast(httpclient.WithAllowedHosts(srv.URL))...) // CA not trusted
	_, err := c.Do(context.Background(), httpclient.Request{Method: "POST", URL: srv.URL})
	if !errors.Is(err, notify.ErrRetry) {
		t.Fatalf("untrusted certificate = %v, want a not-sent retry error", err)
	}
}

func TestRetryPolicy(t *testing.T) {
	cases := []struct {
		name       string
		idempotent bool
		handler    func(n int32, w http.ResponseWriter)
		class      error
		status     int
		calls      int32
	}{
		{name: "429 with Retry-After is retried", handler: func(n int32, w http.ResponseWriter) {
			if n == 1 {
				w.Header().Set("Retry-After", "0")
				w.WriteHeader(429)
			}
		}, status: 200, calls: 2},
		{name: "429 asking for longer than we wait is handed back", handler: func(n int32, w http.ResponseWriter) {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(429)
		}, status: 429, calls: 1},
		{name: "5xx on a send is not retried", handler: func(n int32, w http.ResponseWriter) { w.WriteHeader(502) }, status: 502, calls: 1},
		{name: "5xx on a query is retried", idempotent: true, handler: func(n int32, w http.ResponseWriter) {
			if n < 3 {
				w.WriteHeader(503)
			}
		}, status: 200, calls: 3},
		{name: "5xx on a query asking for longer than we wait is handed back", idempotent: true, handler: func(n int32, w http.ResponseWriter) {
			w.Header().Set("Retry-After", "3600")
			w.WriteHeader(503)
		}, status: 503, calls: 1},
		{name: "dropped after the request was read is unknown", handler: func(n int32, w http.ResponseWriter) {
			c, _, _ := w.(http.Hijacker).Hijack()
			c.Close()
		}, class: notify.ErrUnknown, calls: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			srv, pool := tlsServer(t, func(w http.ResponseWriter, r *http.Request) { tc.handler(calls.Add(1), w) })
			c := httpclient.New(fast(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts(srv.URL))...)
			resp, err := c.Do(context.Background(), httpclient.Request{Method: "POST", URL: srv.URL, Body: []byte("{}"), Idempotent: tc.idempotent})
			if tc.class != nil {
				if !errors.Is(err, tc.class) {
					t.Fatalf("err = %v, want %v", err, tc.class)
				}
			} else if err != nil || resp.Status != tc.status {
				t.Fatalf("Do = %+v, %v; want status %d", resp, err, tc.status)
			}
			if calls.Load() != tc.calls {
				t.Errorf("%d calls, want %d", calls.Load(), tc.calls)
			}
		})
	}
}

func TestNotReachedIsRetry(t *testing.T) {
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close() // nothing listens: connection refused, provably not sent
	c := httpclient.New(fast(httpclient.WithAllowedHosts(addr), httpclient.WithRetries(1))...)
	_, err := c.Do(context.Background(), httpclient.Request{Method: "POST", URL: "https://" + addr})
	if !errors.Is(err, notify.ErrRetry) {
		t.Fatalf("connection refused = %v, want retry", err)
	}
}

func TestTimeoutAfterWriteIsUnknown(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	srv, pool := tlsServer(t, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		<-release
	})
	defer close(release)
	c := httpclient.New(fast(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts(srv.URL), httpclient.WithTimeout(100*time.Millisecond))...)
	_, err := c.Do(context.Background(), httpclient.Request{Method: "POST", URL: srv.URL, Body: []byte("x")})
	if !errors.Is(err, notify.ErrUnknown) || calls.Load() != 1 {
		t.Fatalf("timeout after write = %v after %d calls, want unknown after 1", err, calls.Load())
	}
}

func TestRateAndAudit(t *testing.T) {
	srv, pool := tlsServer(t, func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hello")) })
	var mu sync.Mutex
	var audits []httpclient.AuditRecord
	c := httpclient.New(fast(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts(srv.URL), httpclient.WithChannel("sms"),
		httpclient.WithRate(rate.Every(50*time.Millisecond), 1),
		httpclient.WithAudit(func(r httpclient.AuditRecord) { mu.Lock(); audits = append(audits, r); mu.Unlock() }))...)
	start := time.Now()
	for range 5 {
		if _, err := c.Do(context.Background(), httpclient.Request{Method: "POST", URL: srv.URL + "/send", Body: []byte("secret body"),
			Recipients: []string{"+905321234567", "+905321234568"}, MessageIDs: []int64{11, 12}}); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Errorf("5 requests at 20/s took %v", d)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(audits) != 5 {
		t.Fatalf("%d audit records, want 5", len(audits))
	}
	a := audits[0]
	if a.Channel != "sms" || a.Host != "127.0.0.1" || a.Path != "/send" || a.BytesOut != 11 || a.BytesIn != 5 || a.Status != 200 ||
		a.Messages != 2 || len(a.MessageIDs) != 2 || a.MessageIDs[1] != 12 || strings.Contains(a.Recipient, "21234567") {
		t.Errorf("audit record %+v", a)
	}
}
