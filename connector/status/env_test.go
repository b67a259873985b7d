package status_test

import (
	"context"
	"crypto/x509"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// The tests run a real daemon on the demo database; only the provider is a
// fake, scripted per call.
const envConfig = `
state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: console
    rate: 1000/s
    in_flight: 1 # the fake provider's answers go in order: to the messages in order
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1h"
    backfill: all
    messages:
      sms:
        text: "{{.FATURA_NO}} {{money .TOPLAM_GENEL_KPB}}"
`

const password = "dogru-parola-123"

// provider answers with errs in order, then accepts; each accepted send is
// reported on sent.
type provider struct {
	mu   sync.Mutex
	errs []error
	sent chan int64
}

func (p *provider) Send(_ context.Context, m notify.Message) (notify.Result, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.errs) > 0 {
		err := p.errs[0]
		p.errs = p.errs[1:]
		if err != nil {
			return notify.Result{}, err
		}
	}
	if p.sent != nil {
		p.sent <- m.ID
	}
	return notify.Result{ProviderID: "p-" + m.DedupeKey}, nil
}

// Balance makes the fake one of the providers with a balance API.
func (p *provider) Balance(context.Context) ([]notify.Balance, error) {
	return []notify.Balance{{Name: "credit", Amount: 39, Unit: notify.UnitTL}}, nil
}

type env struct {
	t        *testing.T
	dir      string
	daemon   *connector.Daemon
	store    *outbox.Store
	authFile string
	srv      *httptest.Server
	clock    *clock
	failed   outbox.Message // the message the provider refused
}

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type envOpts struct {
	errs     []error // provider answers, in order
	remote   bool
	noPass   bool
	sent     chan int64
	language string
	// lowCredit is the sms channel's low_credit ("": none, as for the
	// console provider).
	lowCredit string
	// rereadStep holds the page's bulk re-read after each message
	// (connector.Options.RereadStep).
	rereadStep func(context.Context)
}

// newEnv backfills the demo invoices, sends them once (the first is refused
// for good) and serves the status page over httptest.
func newEnv(t *testing.T, o envOpts) *env {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	y := envConfig
	if o.lowCredit != "" {
		y = strings.Replace(y, "    provider: console\n", "    provider: console\n    low_credit: "+o.lowCredit+"\n", 1)
	}
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p := &provider{errs: o.errs, sent: o.sent}
	d, err := connector.New(ctx, cfg, connector.Options{Providers: map[string]notify.Provider{"sms": p}, RereadStep: o.rereadStep})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, dir: dir, daemon: d, store: d.Store(), authFile: status.AuthPath(string(cfg.StateDir)),
		clock: &clock{t: time.Now()}}
	if failed, _ := e.store.List(ctx, outbox.Filter{Status: outbox.StatusFailed}); len(failed) > 0 {
		e.failed = failed[0]
	}
	if !o.noPass {
		if err := status.SetPassword(e.authFile, password); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := status.New(status.Options{Store: e.store, Probe: d, Metrics: d.Metrics(), AuthFile: e.authFile, Remote: o.remote,
		Language: o.language, Location: cfg.Location(), Now: e.clock.now})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(srv)
	t.Cleanup(e.srv.Close)
	return e
}

// client keeps cookies and does not follow redirects, so tests see them.
func (e *env) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

func (e *env) do(c *http.Client, method, path string, form map[string]string, header ...string) (*http.Response, string) {
	e.t.Helper()
	var body *strings.Reader
	vals := make([]string, 0, len(form))
	for k, v := range form {
		vals = append(vals, k+"="+url.QueryEscape(v))
	}
	body = strings.NewReader(strings.Join(vals, "&"))
	req, err := http.NewRequest(method, e.srv.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	_, _ = io.Copy(&b, resp.Body)
	return resp, b.String()
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func csrfOf(t *testing.T, html string) string {
	t.Helper()
	m := csrfRE.FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("no CSRF token in the page:\n%s", html)
	}
	return m[1]
}

// login logs a fresh client in and returns it with the page's CSRF token.
func (e *env) login() (*http.Client, string) {
	e.t.Helper()
	c := e.client()
	_, page := e.do(c, "GET", "/login", nil)
	resp, _ := e.do(c, "POST", "/login", map[string]string{"csrf": csrfOf(e.t, page), "password": password})
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login: %s", resp.Status)
	}
	_, page = e.do(c, "GET", "/", nil)
	return c, csrfOf(e.t, page)
}

// newProviderEnv runs the config y (its state and demo.db in dir) with the
// real provider client it names, trusting the fake's certificate, on a
// clock the test moves, and serves the status page over httptest.
func newProviderEnv(t *testing.T, dir, y string, cert *x509.Certificate) *env {
	t.Helper()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	c := &clock{t: time.Now()}
	d, err := connector.New(context.Background(), cfg, connector.Options{RootCAs: pool, Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	e := &env{t: t, dir: dir, daemon: d, store: d.Store(), authFile: status.AuthPath(string(cfg.StateDir)), clock: c}
	if err := status.SetPassword(e.authFile, password); err != nil {
		t.Fatal(err)
	}
	srv, err := status.New(status.Options{Store: e.store, Probe: d, Metrics: d.Metrics(), AuthFile: e.authFile,
		Language: cfg.Status.Language, Location: cfg.Location(), Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(srv)
	t.Cleanup(e.srv.Close)
	return e
}
