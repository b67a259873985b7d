// Package status is the connector's local HTTP face: /healthz, /readyz,
// Prometheus /metrics, a read-only JSON API for monitoring, and the status
// page where IT staff see why a customer got no message and retry or cancel
// it. It listens on loopback unless the config opts in to more.
package status

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Probe is what the page asks the running daemon.
type Probe interface {
	// ChannelStates lists every configured channel, paused or not.
	ChannelStates() []ChannelState
	// PingSources checks that every ERP database answers.
	PingSources(ctx context.Context) error
	// Wake tells a channel's dispatcher that a message is due now (after
	// an operator's retry), instead of at its next tick.
	Wake(channel string)
	// Hold pauses a channel by hand until Resume (the admin's Pause); both
	// report whether the channel exists.
	Hold(ctx context.Context, channel string) bool
	Resume(ctx context.Context, channel string) bool
	// Health is what the daemon knows of its own trouble (in memory).
	Health(ctx context.Context) Health
	// Reread reads a skipped or failed message's record again from Wolvox
	// and writes the message as it is made now: the state it is left in
	// and, when that is not pending, why.
	Reread(ctx context.Context, id int64) (outbox.Status, mapping.Reason, error)
	// StartRereadAll starts reading again, in the background and under
	// the daemon's own lifetime, every re-readable message f chooses, one
	// message's refusal not stopping the rest. One runs at a time, whatever
	// it chose: while one runs, it is reported with false and none starts.
	StartRereadAll(f RereadFilter) (RereadRun, bool)
	// RereadAllRun is the bulk re-read running now or else the last one to
	// end; false when there has been none.
	RereadAllRun() (RereadRun, bool)
}

// ChannelState is one channel as the page shows it.
type ChannelState struct {
	Name   string         `json:"name"`
	Paused bool           `json:"paused"`
	Alert  mapping.Reason `json:"alert,omitempty"` // why it is paused
	// ReportsDelivery says whether the channel learns of deliveries
	// (WhatsApp only with the status webhook).
	ReportsDelivery bool `json:"reports_delivery"`
	// Credit is the provider's balance at its last check (NetGSM,
	// Mutlucell); Low says it is under the channel's low_credit.
	Credit *Credit `json:"credit,omitempty"`
	// Held says an operator paused it (Alert says so too).
	Held bool `json:"held,omitempty"`
	// QuietUntil is the end of the quiet hours holding now (zero: none).
	QuietUntil time.Time `json:"quiet_until,omitzero"`
	// NoCredit says the pause waits for a top-up: the provider refused a
	// send for lack of credit.
	NoCredit bool `json:"no_credit,omitempty"`
	// FailingSince is when the provider last took none of the channel's
	// sends, Failures how many in a row since, with the last answer
	// (LastFailure, its code FailureCode); zero while sends go through.
	FailingSince time.Time      `json:"failing_since,omitzero"`
	Failures     int            `json:"failures,omitempty"`
	LastFailure  mapping.Reason `json:"last_failure,omitzero"`
	FailureCode  string         `json:"failure_code,omitempty"`
}

// Options configure a Server.
type Options struct {
	Store    *outbox.Store
	Probe    Probe
	Metrics  *Metrics
	AuthFile string // see AuthPath
	Language string // "tr" (default) or "en"
	Location *time.Location
	// Remote is set when the server listens beyond loopback: then /metrics
	// and /readyz need a token too.
	Remote bool
	// Secure marks cookies Secure (the server speaks TLS).
	Secure bool
	// Hosts are the names, besides IP addresses, localhost and this
	// computer's name, that requests may give in their Host header (e.g.
	// the names in the TLS certificate). Any other name is refused: a page
	// in the browser that rebinds its own name to 127.0.0.1 must not reach
	// this one.
	Hosts []string
	Log   *slog.Logger
	Now   func() time.Time
	// Logins are the sessions to keep from the server this one replaces
	// (nil: everyone logs in anew).
	Logins *Logins
}

// Server serves the status endpoints and page.
type Server struct {
	opts  Options
	guard *guard
	tmpl  *template.Template
	mux   *http.ServeMux
	hosts []string // see hostAllowed
}

// New builds the server.
func New(opts Options) (*Server, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Location == nil {
		opts.Location = time.Local
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	if opts.Metrics == nil {
		opts.Metrics = NewMetrics(opts.Store)
	}
	tmpl, err := parseTemplates()
	if err != nil {
		return nil, err
	}
	s := &Server{opts: opts, guard: opts.Logins.guardFor(opts.AuthFile, opts.Now), tmpl: tmpl, mux: http.NewServeMux(), hosts: allowedHosts(opts.Hosts)}
	s.routes()
	return s, nil
}

func (s *Server) routes() {
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintln(w, "ok")
	})
	s.mux.Handle("GET /readyz", s.monitoring(http.HandlerFunc(s.readyz)))
	s.mux.Handle("GET /metrics", s.monitoring(promhttp.HandlerFor(s.opts.Metrics.Registry(), promhttp.HandlerOpts{})))
	s.mux.Handle("GET /api/status", s.readOnly(http.HandlerFunc(s.apiStatus)))
	s.mux.Handle("GET /static/", http.FileServerFS(staticFS))
	s.mux.HandleFunc("GET /login", s.loginPage)
	s.mux.HandleFunc("POST /login", s.loginPost)
	s.mux.HandleFunc("GET /login/link", s.loginLink)
	s.mux.Handle("POST /logout", s.withSession(s.logoutPost))
	s.mux.Handle("GET /{$}", s.withSession(s.indexPage))
	s.mux.Handle("POST /messages/{id}/retry", s.withSession(s.adminOnly(s.actionPost)))
	s.mux.Handle("POST /messages/{id}/reread", s.withSession(s.adminOnly(s.rereadPost)))
	s.mux.Handle("POST /problems/{kind}/reread", s.withSession(s.adminOnly(s.rereadAllPost)))
	s.mux.Handle("POST /messages/{id}/cancel", s.withSession(s.adminOnly(s.actionPost)))
	s.mux.Handle("POST /channels/{name}/pause", s.withSession(s.adminOnly(s.channelPost)))
	s.mux.Handle("POST /channels/{name}/resume", s.withSession(s.adminOnly(s.channelPost)))
}

// ServeHTTP adds headers that keep the page from being framed, cached or
// loading anything from elsewhere.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; form-action 'self'")
	h.Set("X-Frame-Options", "DENY")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	if !s.hostAllowed(r.Host) {
		s.opts.Log.Warn("log.page.foreign_host", "host", r.Host, "remote", r.RemoteAddr)
		http.Error(w, s.text(r, "statusauth.foreign_host", "host", r.Host), http.StatusMisdirectedRequest)
		return
	}
	if r.URL.Query().Has("lang") {
		s.setLanguage(w, r)
		return
	}
	s.mux.ServeHTTP(w, r)
}

// readyz reports whether the connector can do its work: the databases
// answer, the outbox takes a real write and its last write did not fail,
// every job's last run succeeded, no channel is paused by an error. Little
// free disk and a channel an operator paused are warnings, not failures.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 15*time.Second)
	defer cancel()
	type result struct {
		Ready  bool              `json:"ready"`
		Checks map[string]string `json:"checks"`
		// Told are the failed checks in the reader's language (the
		// akc_lang cookie, else the page's) for the status command:
		// Checks stay English, for monitoring.
		Told     map[string]string `json:"told,omitempty"`
		Warnings []string          `json:"warnings,omitempty"`
		// NotOpened are the years not opened in Wolvox past January, in
		// the reader's language: no outage, last year's is read.
		NotOpened []string       `json:"not_opened,omitempty"`
		Channels  []ChannelState `json:"channels"`
	}
	res := result{Ready: true, Checks: map[string]string{"erp": "ok", "outbox": "ok", "jobs": "ok", "disk": "ok"},
		Channels: s.opts.Probe.ChannelStates()}
	if err := s.opts.Probe.PingSources(ctx); err != nil {
		res.Ready, res.Checks["erp"] = false, err.Error()
		res.Told = map[string]string{"erp": sourcesTold(catalog.Lang(s.lang(r).Code), err)}
	}
	// Health after the write check, which updates the outbox's write health.
	writable := s.opts.Store.CheckWritable(ctx)
	h := s.opts.Probe.Health(ctx)
	for _, n := range h.NotOpened {
		res.NotOpened = append(res.NotOpened, NotOpenedLine(catalog.Lang(s.lang(r).Code), n))
	}
	if writable != nil {
		res.Ready, res.Checks["outbox"] = false, writable.Error()
	} else if h.Outbox.Failing() {
		res.Ready, res.Checks["outbox"] = false, "the last write failed: "+h.Outbox.LastError
	}
	if failed := h.FailedJobs(); len(failed) > 0 {
		res.Ready, res.Checks["jobs"] = false, strings.Join(failed, "; ")
	}
	switch {
	case h.DiskErr != nil:
		res.Checks["disk"] = "unknown: " + h.DiskErr.Error()
	case h.DiskLow():
		res.Checks["disk"] = fmt.Sprintf("low: %s free in %s", megabytes(h.DiskFree), h.StateDir)
		res.Warnings = append(res.Warnings, res.Checks["disk"])
	}
	for _, c := range res.Channels {
		switch {
		case c.Held:
			// Paused by an operator on purpose: said, but no outage.
			res.Warnings = append(res.Warnings, "channel "+c.Name+" paused by an operator")
		case c.Paused:
			// Paused by the provider's refusal of the credentials or the
			// config: it sends nothing, and monitoring should turn red.
			res.Ready = false
		}
	}
	code := http.StatusOK
	if !res.Ready {
		code = http.StatusServiceUnavailable
	}
	writeJSON(w, code, res)
}

func (s *Server) apiStatus(w http.ResponseWriter, r *http.Request) {
	v, err := s.collect(r.Context())
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	_ = enc.Encode(v)
}

// monitoring lets loopback clients in freely and asks remote ones for a token.
func (s *Server) monitoring(h http.Handler) http.Handler {
	if !s.opts.Remote {
		return h
	}
	return s.readOnly(h)
}

// readOnly accepts a bearer token or a logged-in session.
func (s *Server) readOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && s.guard.tokenOK(tok) {
			h.ServeHTTP(w, r)
			return
		}
		if _, ok := s.currentSession(r); ok {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer realm="akinsoft-connector"`)
		http.Error(w, s.text(r, "statusauth.token_required"), http.StatusUnauthorized)
	})
}

const sessionCookie = "akc_session"

func (s *Server) currentSession(r *http.Request) (session, bool) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return session{}, false
	}
	return s.guard.session(c.Value)
}

// withSession sends visitors without a session to the login page and
// checks the CSRF token of every form post.
func (s *Server) withSession(h func(http.ResponseWriter, *http.Request, session)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sess, ok := s.currentSession(r)
		if !ok {
			if r.Method == http.MethodGet {
				http.Redirect(w, r, "/login", http.StatusSeeOther)
				return
			}
			http.Error(w, s.text(r, "statusauth.log_in_first"), http.StatusUnauthorized)
			return
		}
		if r.Method == http.MethodPost && !sameToken(r.PostFormValue("csrf"), sess.csrf) {
			http.Error(w, s.text(r, "statusauth.csrf"), http.StatusForbidden)
			return
		}
		h(w, r, sess)
	})
}

const csrfCookie = "akc_login_csrf"

func (s *Server) cookie(name, value string, maxAge time.Duration) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode,
		Secure: s.opts.Secure, MaxAge: int(maxAge.Seconds())}
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.renderLogin(w, r, "", http.StatusOK)
}

// renderLogin shows the login form. Before a session exists, the form's
// CSRF token is a double-submit cookie.
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, msg string, code int) {
	tok := randomString(24)
	http.SetCookie(w, s.cookie(csrfCookie, tok, time.Hour))
	c, _ := LoadCredentials(s.opts.AuthFile)
	s.render(w, code, "login", s.loginData(r, tok, msg, c.PasswordHash == ""))
}

func (s *Server) loginPost(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(csrfCookie)
	if err != nil || !sameToken(r.PostFormValue("csrf"), c.Value) {
		http.Error(w, s.text(r, "statusauth.csrf"), http.StatusForbidden)
		return
	}
	id, _, err := s.guard.login(s.client(r), r.PostFormValue("password"))
	var throttled errThrottled
	switch {
	case errors.As(err, &throttled):
		s.opts.Log.Warn("log.page.locked", "remote", r.RemoteAddr, "until", throttled.until)
		wait := max(1, int(throttled.until.Sub(s.opts.Now()).Round(time.Second).Seconds()))
		w.Header().Set("Retry-After", strconv.Itoa(wait))
		s.renderLogin(w, r, s.text(r, "statusauth.wait", "seconds", wait, "time", throttled.until.In(s.opts.Location).Format("15:04:05")), http.StatusTooManyRequests)
	case errors.Is(err, ErrNoPassword):
		s.renderLogin(w, r, s.lang(r).t("no_password"), http.StatusUnauthorized)
	case errors.Is(err, errBadPassword):
		s.opts.Log.Warn("log.page.wrong_password", "remote", r.RemoteAddr)
		s.renderLogin(w, r, s.lang(r).t("bad_password"), http.StatusUnauthorized)
	case err != nil:
		s.opts.Log.Error("log.page.login_failed", "err", err)
		s.renderLogin(w, r, s.errText(r, err), http.StatusInternalServerError)
	default:
		s.loggedIn(w, r, id)
	}
}

// loggedIn sets the session cookie, marks the browser as trusted, and opens
// the page.
func (s *Server) loggedIn(w http.ResponseWriter, r *http.Request, id string) {
	http.SetCookie(w, s.cookie(sessionCookie, id, sessionTTL))
	http.SetCookie(w, s.cookie(csrfCookie, "", -1))
	if c, err := r.Cookie(deviceCookie); err != nil || !s.validDevice(c.Value) {
		if v, err := s.guard.deviceCookie(); err == nil {
			http.SetCookie(w, s.cookie(deviceCookie, v, 365*24*time.Hour))
		} else {
			s.opts.Log.Warn("log.page.device_cookie_failed", "err", err)
		}
	}
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// loginLink opens a session for a one-time link made by `admin login-link`
// at the server.
func (s *Server) loginLink(w http.ResponseWriter, r *http.Request) {
	id, _, err := s.guard.redeem(r.URL.Query().Get("t"))
	switch {
	case errors.Is(err, errBadLink):
		s.opts.Log.Warn("log.page.bad_login_link", "remote", r.RemoteAddr)
		s.renderLogin(w, r, s.text(r, "statusauth.bad_link"), http.StatusForbidden)
	case err != nil:
		s.opts.Log.Error("log.page.login_link_failed", "err", err)
		s.renderLogin(w, r, s.errText(r, err), http.StatusInternalServerError)
	default:
		s.opts.Log.Info("log.page.login_link_used", "remote", r.RemoteAddr)
		s.loggedIn(w, r, id)
	}
}

func (s *Server) logoutPost(w http.ResponseWriter, r *http.Request, _ session) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		s.guard.logout(c.Value)
	}
	http.SetCookie(w, s.cookie(sessionCookie, "", -1))
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// actionPost retries or cancels one message.
func (s *Server) actionPost(w http.ResponseWriter, r *http.Request, _ session) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.Error(w, s.text(r, "statuspage.bad_message_id"), http.StatusBadRequest)
		return
	}
	action := r.URL.Path[strings.LastIndexByte(r.URL.Path, '/')+1:]
	ctx := r.Context()
	if action == "retry" {
		err = s.opts.Store.Retry(ctx, id)
	} else {
		err = s.opts.Store.Cancel(ctx, id)
	}
	q := "?done=" + action + "&id=" + strconv.FormatInt(id, 10)
	if err != nil {
		s.opts.Log.Warn("log.page.action_refused", "action", action, "message", id, "err", err)
		q = "?failed=" + action + "&id=" + strconv.FormatInt(id, 10)
	} else {
		s.opts.Log.Info("log.page.action", "action", action, "message", id)
		if m, err := s.opts.Store.Get(ctx, id); err == nil && action == "retry" {
			s.opts.Probe.Wake(m.Channel)
		}
	}
	http.Redirect(w, r, "/"+q, http.StatusSeeOther)
}

// rereadPost reads one message's record again from Wolvox (the admin's
// "Read again from Wolvox").
func (s *Server) rereadPost(w http.ResponseWriter, r *http.Request, _ session) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		http.Error(w, s.text(r, "statuspage.bad_message_id"), http.StatusBadRequest)
		return
	}
	q := url.Values{"id": {strconv.FormatInt(id, 10)}}
	left, _, err := s.opts.Probe.Reread(r.Context(), id)
	if err != nil {
		s.opts.Log.Warn("log.page.action_refused", "action", "reread", "message", id, "err", err)
		q.Set("failed", "reread")
		q.Set("why", rereadRefusal(err))
	} else {
		q.Set("done", "reread")
		q.Set("left", string(left))
	}
	http.Redirect(w, r, "/?"+q.Encode(), http.StatusSeeOther)
}

func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) {
	l := r.URL.Query().Get("lang")
	if knownLang(l) {
		http.SetCookie(w, s.cookie("akc_lang", l, 365*24*time.Hour))
	}
	back := "/"
	if r.URL.Path == "/login" {
		back = "/login"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// MayListen says whether the page may listen where the config asks, before
// any socket is opened: beyond loopback it needs TLS or allow_remote, and an
// admin password in authFile. check asks it too, so that a page run would
// leave off is a problem check reports, not a log line after the start.
func MayListen(cfg config.Status, authFile string) error {
	if cfg.Listen.Loopback() {
		return nil
	}
	addr := cfg.Listen.String()
	if !cfg.AllowRemote && cfg.TLSCert == "" && cfg.TLSKey == "" {
		return catalog.Errorf("statusauth.listen_remote", "listen", strconv.Quote(addr))
	}
	if c, err := LoadCredentials(authFile); err != nil || c.PasswordHash == "" {
		return catalog.Errorf("statusauth.listen_remote_password", "listen", strconv.Quote(addr), "err", ErrNoPassword).Wrapping(ErrNoPassword)
	}
	return nil
}

// Listen opens the configured address, refusing to listen beyond loopback
// unless the config allows it (TLS or allow_remote) and a password is set.
// remote reports whether it listens beyond loopback.
func Listen(cfg config.Status, authFile string) (l net.Listener, remote bool, err error) {
	addr := cfg.Listen.String()
	remote = !cfg.Listen.Loopback()
	tlsOn := cfg.TLSCert != "" || cfg.TLSKey != ""
	if err := MayListen(cfg, authFile); err != nil {
		return nil, remote, err
	}
	l, err = net.Listen("tcp", addr)
	if err != nil {
		return nil, remote, catalog.Errorf("statusauth.listen_failed", "addr", addr, "err", err).Wrapping(err)
	}
	if tlsOn {
		cert, err := tls.LoadX509KeyPair(string(cfg.TLSCert), string(cfg.TLSKey))
		if err != nil {
			l.Close()
			return nil, remote, catalog.Errorf("statusauth.tls_failed", "err", err).Wrapping(err)
		}
		l = tls.NewListener(l, &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12})
	}
	return l, remote, nil
}

// Serve serves h on l until ctx ends, then lets requests finish.
func Serve(ctx context.Context, l net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 2 * time.Minute}
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-ctx.Done()
		sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(sctx)
	}()
	if err := srv.Serve(l); !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	<-done
	return nil
}

// sourcesTold is the sources' failures (PingSources joins them) in l, each
// with the cause of its kind first.
func sourcesTold(l catalog.Lang, err error) string {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var parts []string
		for _, e := range j.Unwrap() {
			if t := sourcesTold(l, e); t != "" {
				parts = append(parts, t)
			}
		}
		return strings.Join(parts, "; ")
	}
	return catalog.ErrorText(l, erp.Explain(err))
}
