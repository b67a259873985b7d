package httpclient_test

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

func TestCheckURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		want string // "" accepted, else a part of the refusal
	}{
		{"https://hooks.example.com/akinsoft", ""},
		{"HTTPS://Hooks.Example.com/x?a=1", ""},
		{"http://127.0.0.1:8080/hook", ""},
		{"http://127.0.0.2/hook", ""},
		{"http://[::1]:8080/hook", ""},
		{"http://[::ffff:127.0.0.1]/hook", ""},
		{"http://localhost:8080/hook", ""},
		{"http://LOCALHOST/hook", ""},
		// The two of the issue: a text prefix test let both through.
		{"http://127.0.0.1@elsewhere.example/", "user info"},
		{"http://127.0.0.1.elsewhere.example/", "only to this machine"},
		{"http://localhost.elsewhere.example/", "only to this machine"},
		{"http://localhost@elsewhere.example/", "user info"},
		{"https://user:pass@hooks.example.com/", "user info"},
		// A name that resolves to 127.0.0.1 today is someone else's to change.
		{"http://localtest.me/hook", "only to this machine"},
		{"http://erp.example.com/hook", "only to this machine"},
		{"http://0.0.0.0/hook", "only to this machine"},
		{"http://[::]/hook", "only to this machine"},
		{"http://127.1/hook", "only to this machine"},
		{"http://2130706433/hook", "only to this machine"},
		{"http://0x7f000001/hook", "only to this machine"},
		{`http://127.0.0.1\@elsewhere.example/`, ""}, // see below
		{"ftp://127.0.0.1/x", "scheme"},
		{"file:///etc/passwd", "scheme"},
		{"//hooks.example.com/x", "scheme"},
		{"https:///x", "no host"},
		{"hooks.example.com/x", "scheme"},
	} {
		_, err := httpclient.CheckURL(tc.url)
		if strings.Contains(tc.url, `\`) {
			// Go's parser refuses a backslash in the host; either way the
			// URL must not be accepted.
			if err == nil {
				t.Errorf("%s: accepted", tc.url)
			}
			continue
		}
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: refused: %v", tc.url, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%s: got %v, want a refusal saying %q", tc.url, err, tc.want)
		}
	}
}

// recorder is a base dialer that notes every address asked for and dials
// only loopback ones, so a test never reaches the network.
type recorder struct {
	mu    sync.Mutex
	addrs []string
}

func (r *recorder) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	r.mu.Lock()
	r.addrs = append(r.addrs, addr)
	r.mu.Unlock()
	host, _, _ := net.SplitHostPort(addr)
	if a, err := netip.ParseAddr(host); err != nil || !a.IsLoopback() {
		return nil, errors.New("test: this address would have left the machine")
	}
	return (&net.Dialer{}).DialContext(ctx, network, addr)
}

func (r *recorder) dialled() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.addrs...)
}

// The client refuses to send plain http off the machine even when the URL
// passed the config (or never went through it), and its allowlist was made
// from that very URL, as the webhook channel's is.
func TestPlainHTTPNeverLeavesTheMachine(t *testing.T) {
	for _, u := range []string{"http://127.0.0.1@elsewhere.example/hook", "http://127.0.0.1.elsewhere.example/hook", "http://erp.example.com/hook"} {
		rec := &recorder{}
		c := httpclient.New(fast(httpclient.WithAllowedHosts(u), httpclient.WithDialContext(rec.dial), httpclient.WithRetries(0))...)
		_, err := c.Do(context.Background(), httpclient.Request{Method: "POST", URL: u, Body: []byte(`{"to":"+905321234567"}`)})
		if !errors.Is(err, notify.ErrConfig) {
			t.Errorf("%s: %v, want a config error", u, err)
		}
		if got := rec.dialled(); len(got) > 0 {
			t.Errorf("%s: dialled %q", u, got)
		}
	}
}

// The dialer checks what localhost resolves to, and dials that address
// itself: a hosts file or resolver that maps localhost elsewhere cannot
// carry plain http off the machine.
func TestPlainHTTPDialerChecksTheResolvedAddress(t *testing.T) {
	var hits int
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits++ }))
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	url := "http://localhost:" + port + "/hook"
	for _, tc := range []struct {
		name    string
		answer  []string
		allowed bool
	}{
		{"loopback", []string{"127.0.0.1"}, true},
		{"elsewhere", []string{"192.0.2.10"}, false},
		{"one of two elsewhere", []string{"127.0.0.1", "192.0.2.10"}, false},
		{"mapped elsewhere", []string{"::ffff:192.0.2.10"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{}
			lookup := func(ctx context.Context, host string) ([]netip.Addr, error) {
				var out []netip.Addr
				for _, a := range tc.answer {
					out = append(out, netip.MustParseAddr(a))
				}
				return out, nil
			}
			c := httpclient.New(fast(httpclient.WithAllowedHosts(url), httpclient.WithDialContext(rec.dial),
				httpclient.WithLookup(lookup), httpclient.WithRetries(0))...)
			before := hits
			_, err := c.Do(context.Background(), httpclient.Request{Method: "POST", URL: url})
			switch {
			case tc.allowed && (err != nil || hits != before+1):
				t.Fatalf("loopback refused: %v", err)
			case tc.allowed && strings.Join(rec.dialled(), ",") != "127.0.0.1:"+port:
				t.Fatalf("dialled %q, want the resolved address itself", rec.dialled())
			case !tc.allowed && (!errors.Is(err, notify.ErrConfig) || !strings.Contains(err.Error(), "loopback")):
				t.Fatalf("got %v, want a config error naming the non-loopback address", err)
			case !tc.allowed && len(rec.dialled()) > 0:
				t.Fatalf("dialled %q", rec.dialled())
			}
		})
	}
	// IPv6 loopback, literal.
	ln, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skip("no IPv6 loopback here:", err)
	}
	srv6 := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	srv6.Listener = ln
	srv6.Start()
	t.Cleanup(srv6.Close)
	c := httpclient.New(fast(httpclient.WithAllowedHosts(srv6.URL))...)
	if _, err := c.Do(context.Background(), httpclient.Request{Method: "POST", URL: srv6.URL + "/hook"}); err != nil {
		t.Fatalf("http://[::1]: %v", err)
	}
}
