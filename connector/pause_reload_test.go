package connector_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

const pauseReloadConfig = `state_dir: state
language: en
quiet_hours: {disabled: true}
status: {listen: "127.0.0.1:0"}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console, rate: 1000/s}}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1s"
    messages: {sms: {text: "{{.FATURA_NO}} hazır"}}
`

// The job a reload adds, so the daemon rebuilt has another config.
const addedJob = `  - name: night-invoices
    preset: new_invoices
    schedule: "0 3 * * *"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`

const pagePassword = "a-long-admin-password"

// pageUser is a browser on the status page: it keeps its cookies across the
// page's addresses (a cookie is not bound to a port) and does not follow
// redirects, so a 303 to /login is seen.
type pageUser struct {
	t     *testing.T
	c     *http.Client
	base  string // the page's address now
	csrf  string // the session's form token
	token string // an API token, to read /api/status without the session
}

func (u *pageUser) do(method, path string, form url.Values, bearer bool) (*http.Response, string) {
	u.t.Helper()
	req, err := http.NewRequest(method, u.base+path, strings.NewReader(form.Encode()))
	if err != nil {
		u.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if bearer {
		req.Header.Set("Authorization", "Bearer "+u.token)
	}
	resp, err := u.c.Do(req)
	if err != nil {
		u.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

var formToken = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (u *pageUser) login() {
	u.t.Helper()
	_, page := u.do("GET", "/login", nil, false)
	m := formToken.FindStringSubmatch(page)
	if m == nil {
		u.t.Fatalf("no form token on the login page:\n%s", page)
	}
	if resp, _ := u.do("POST", "/login", url.Values{"csrf": {m[1]}, "password": {pagePassword}}, false); resp.StatusCode != http.StatusSeeOther {
		u.t.Fatalf("login: %s", resp.Status)
	}
	resp, page := u.do("GET", "/", nil, false)
	if m = formToken.FindStringSubmatch(page); resp.StatusCode != http.StatusOK || m == nil {
		u.t.Fatalf("page after login: %s", resp.Status)
	}
	u.csrf = m[1]
}

// channel presses a channel's Pause or Resume button.
func (u *pageUser) channel(action string) {
	u.t.Helper()
	resp, _ := u.do("POST", "/channels/sms/"+action, url.Values{"csrf": {u.csrf}}, false)
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "channel_done="+action) {
		u.t.Fatalf("%s sms: %s to %q", action, resp.Status, loc)
	}
}

// overview is /api/status, read with the API token.
func (u *pageUser) overview() status.Overview {
	u.t.Helper()
	resp, body := u.do("GET", "/api/status", nil, true)
	var o status.Overview
	if err := json.Unmarshal([]byte(body), &o); resp.StatusCode != http.StatusOK || err != nil {
		u.t.Fatalf("api/status: %s %v\n%s", resp.Status, err, body)
	}
	return o
}

// smsHeld says the page shows SMS held by an operator, for that reason.
func smsHeld(o status.Overview) bool {
	for _, c := range o.Channels {
		if c.Name == "sms" {
			return c.Held && c.Paused && c.Alert.Code == dispatch.ReasonPausedByOperator
		}
	}
	return false
}

func pendingSMS(o status.Overview) int {
	n := 0
	for _, m := range o.Pending {
		if m.Channel == "sms" && m.Status == outbox.StatusPending {
			n++
		}
	}
	return n
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); !ok(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
	}
}

var pageURL = regexp.MustCompile(`url=(http://127\.0\.0\.1:\d+)/`)

// pageAt waits for the n-th start of the status page and returns its address.
func pageAt(t *testing.T, log *syncBuffer, n int) string {
	t.Helper()
	var addr string
	waitFor(t, "the status page started", func() bool {
		if m := pageURL.FindAllStringSubmatch(log.String(), -1); len(m) >= n {
			addr = m[n-1][1]
		}
		return addr != ""
	})
	return addr
}

// reloadEnv is a running service (RunWithReload) on the demo database,
// its config file, and an operator logged in to its status page.
type reloadEnv struct {
	dir, path string
	log       *syncBuffer // what the service logged
	console   *syncBuffer // what the console provider sent
	reload    chan struct{}
	u         *pageUser
	stop      func(*testing.T) // stops the running service
	starts    int              // how many times the status page has started
}

// start runs the service (RunWithReload) on e's config until stop.
func (e *reloadEnv) start(t *testing.T) {
	t.Helper()
	load := func() (*config.Config, error) { return config.Load(e.path, config.Options{}) }
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- connector.RunWithReload(ctx, load, e.reload, connector.Options{Console: e.console, Logger: slog.New(slog.NewTextHandler(e.log, nil))})
	}()
	stopped := false
	e.stop = func(t *testing.T) {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}
	e.starts++
}

// restart stops the service and starts it again, as a reboot or Windows'
// service restart does, and logs the operator in to the new page.
func (e *reloadEnv) restart(t *testing.T) {
	t.Helper()
	e.stop(t)
	e.start(t)
	e.u.base = pageAt(t, e.log, e.starts)
	e.u.login()
	// The new daemon's dispatcher drains at once when it starts: given that
	// time, a lifted pause would have sent the message by now.
	time.Sleep(500 * time.Millisecond)
}

func startReloadEnv(t *testing.T) *reloadEnv {
	t.Helper()
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	e := &reloadEnv{dir: dir, path: filepath.Join(dir, "config.yaml"), log: &syncBuffer{}, console: &syncBuffer{}, reload: make(chan struct{})}
	e.write(t, pauseReloadConfig)
	first, err := config.Load(e.path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	authFile := status.AuthPath(string(first.StateDir))
	if err := status.SetPassword(authFile, pagePassword); err != nil {
		t.Fatal(err)
	}
	token, err := status.CreateToken(authFile, "test", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.start(t)
	t.Cleanup(func() { e.stop(t) })
	jar, _ := cookiejar.New(nil)
	e.u = &pageUser{t: t, base: pageAt(t, e.log, 1), token: token,
		c: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	e.u.login()
	return e
}

func (e *reloadEnv) write(t *testing.T, y string) {
	t.Helper()
	if err := os.WriteFile(e.path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
}

// reloadTo writes the config y, reloads as SIGHUP does and waits for the
// rebuilt daemon: its page up and its new job run.
func (e *reloadEnv) reloadTo(t *testing.T, y string) {
	t.Helper()
	e.write(t, y)
	e.reload <- struct{}{}
	e.starts++
	e.u.base = pageAt(t, e.log, e.starts)
	waitFor(t, "the reloaded config's new job ran", func() bool { return strings.Contains(e.log.String(), "job=night-invoices") })
	// The new daemon's dispatcher drains at once when it starts: given that
	// time, a lifted pause would have sent the message by now.
	time.Sleep(500 * time.Millisecond)
}

// An operator's pause of SMS on the status page holds through a config
// reload (the dealer's walkthrough: the reload sent the held message at
// once), and the operator stays logged in; Resume then sends it.
func TestPauseAndLoginOutliveAReload(t *testing.T) {
	e := startReloadEnv(t)
	u := e.u
	u.channel("pause")
	addInvoices(t, e.dir, demo.LaterInvoices[0])
	waitFor(t, "the new invoice's SMS is queued", func() bool { return pendingSMS(u.overview()) == 1 })

	e.reloadTo(t, pauseReloadConfig+addedJob)
	o := u.overview()
	if !smsHeld(o) {
		t.Errorf("after the reload sms is %+v, want it still held by the operator", o.Channels)
	}
	if n := pendingSMS(o); n != 1 || strings.Contains(e.console.String(), "2024-131") {
		t.Errorf("after the reload %d SMS pending, console:\n%s\nwant the invoice's SMS still waiting", n, e.console)
	}
	if resp, _ := u.do("GET", "/", nil, false); resp.StatusCode != http.StatusOK {
		t.Fatalf("the page after the reload: %s to %q, want the session to last", resp.Status, resp.Header.Get("Location"))
	}

	u.channel("resume")
	waitFor(t, "the SMS is sent after Resume", func() bool { return strings.Contains(e.console.String(), "2024-131") })
	if o := u.overview(); smsHeld(o) || pendingSMS(o) != 0 {
		t.Errorf("after Resume: channels %+v, %d pending", o.Channels, pendingSMS(o))
	}
}

// A reload that moves the page to another port logs everyone out (the
// browsers' cookies were given to another page); the pause still holds.
func TestReloadThatMovesThePageLogsOut(t *testing.T) {
	e := startReloadEnv(t)
	e.u.channel("pause")
	probe, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := probe.Addr().(*net.TCPAddr).Port
	probe.Close()
	moved := strings.Replace(pauseReloadConfig, "127.0.0.1:0", "127.0.0.1:"+strconv.Itoa(port), 1)
	e.reloadTo(t, moved+addedJob)
	if resp, _ := e.u.do("GET", "/", nil, false); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Errorf("the moved page: %s to %q, want a 303 to /login", resp.Status, resp.Header.Get("Location"))
	}
	if o := e.u.overview(); !smsHeld(o) {
		t.Errorf("after the reload sms is %+v, want it still held", o.Channels)
	}
}

// The pause also outlasts a restart of the service: on Windows the config is
// read again only by restarting it, and a pause that a restart lifted would
// send the messages it held back right after the fix. Resume is kept too.
func TestPauseOutlivesARestart(t *testing.T) {
	e := startReloadEnv(t)
	e.u.channel("pause")
	addInvoices(t, e.dir, demo.LaterInvoices[0])
	waitFor(t, "the new invoice's SMS is queued", func() bool { return pendingSMS(e.u.overview()) == 1 })

	e.restart(t)
	o := e.u.overview()
	if !smsHeld(o) || pendingSMS(o) != 1 || strings.Contains(e.console.String(), "2024-131") {
		t.Fatalf("after the restart: channels %+v, %d pending, console:\n%s\nwant sms still held and its SMS waiting", o.Channels, pendingSMS(o), e.console)
	}
	if !strings.Contains(e.log.String(), "channel stays paused by an operator after the restart or reload") {
		t.Errorf("the log does not say the pause goes on:\n%s", e.log)
	}

	e.u.channel("resume")
	waitFor(t, "the SMS is sent after Resume", func() bool { return strings.Contains(e.console.String(), "2024-131") })
	e.restart(t)
	if o := e.u.overview(); smsHeld(o) {
		t.Errorf("after Resume and a restart sms is %+v, want it sending", o.Channels)
	}
}

// Without a status page no one could press Resume: the pause stays (nothing
// is sent unasked) and the log says how to lift it.
func TestPauseWithoutAPageSaysHowToResume(t *testing.T) {
	e := startReloadEnv(t)
	e.u.channel("pause")
	e.stop(t)
	e.write(t, strings.Replace(pauseReloadConfig, `status: {listen: "127.0.0.1:0"}`, `status: {disabled: true}`, 1))
	cfg, err := config.Load(e.path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	log := &syncBuffer{}
	d, err := connector.New(t.Context(), cfg, connector.Options{Console: e.console, Logger: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if held, _ := d.ChannelPaused("sms"); !held {
		t.Error("sms is not held without the page")
	}
	if !strings.Contains(log.String(), "the status page is disabled (status.disabled): enable it, restart and press Resume") {
		t.Errorf("the log does not say how to resume:\n%s", log)
	}
}
