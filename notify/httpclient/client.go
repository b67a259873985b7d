// Package httpclient is the one HTTP client every HTTP provider uses. It
// decorates a plain transport with the things every send needs, in one place:
// an egress allowlist enforced at the dialer, a rate limiter, an audit hook,
// mandatory TLS verification, and a retry policy that knows the difference
// between "did not reach the provider" (safe to retry) and "may have reached
// it" (unknown: never resent blindly, see shared/reference/lessons.md).
package httpclient

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/time/rate"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// maxBody bounds what is read from a provider's answer.
const maxBody = 1 << 20

// AuditRecord is one request that left the machine. It never holds the
// message body, only what an auditor needs to see what went where.
type AuditRecord struct {
	Time      time.Time
	Host      string
	Channel   string
	Path      string
	Recipient string // masked
	Messages  int    // messages carried by the request
	// MessageIDs are the outbox ids carried, for linking audit rows to
	// messages (audit_messages).
	MessageIDs []int64
	BytesOut   int64
	BytesIn    int64
	Status     int    // HTTP status, 0 when there was no answer
	Outcome    string // "http 200", "refused", "error: ..."
	Duration   time.Duration
}

// AuditFunc receives one record per request attempt, refused ones included.
type AuditFunc func(AuditRecord)

type options struct {
	channel      string
	allow        *Allowlist
	roots        *x509.CertPool
	limiter      *rate.Limiter
	timeout      time.Duration
	retries      int
	waitMin      time.Duration
	waitMax      time.Duration
	maxRetryWait time.Duration
	audit        AuditFunc
	dial         DialContextFunc
	lookup       LookupFunc
}

// Option configures a Client.
type Option func(*options)

// WithChannel names the channel in audit records and errors.
func WithChannel(name string) Option { return func(o *options) { o.channel = name } }

// WithAllowedHosts sets the hosts (names, URLs or host:port) the client may
// reach. A client with no allowed host can reach nothing.
func WithAllowedHosts(hosts ...string) Option {
	return func(o *options) { o.allow = NewAllowlist(append(o.allow.Hosts(), hosts...)...) }
}

// WithRootCAs trusts these CAs instead of the system pool (tests against
// httptest.NewTLSServer, or a shop's own CA). Verification stays on.
func WithRootCAs(pool *x509.CertPool) Option { return func(o *options) { o.roots = pool } }

// WithRate limits requests (including retries) to r per second with burst b.
func WithRate(r rate.Limit, b int) Option {
	return func(o *options) { o.limiter = rate.NewLimiter(r, max(1, b)) }
}

// WithLimiter shares an existing limiter.
func WithLimiter(l *rate.Limiter) Option { return func(o *options) { o.limiter = l } }

// WithTimeout bounds each attempt, reading the answer included.
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithRetries sets how many times a safely retryable request is retried.
func WithRetries(n int) Option { return func(o *options) { o.retries = n } }

// WithBackoff sets the retry wait bounds; Retry-After longer than maxWait is
// not waited for here but handed back to the caller to schedule.
func WithBackoff(min, max, maxRetryAfter time.Duration) Option {
	return func(o *options) { o.waitMin, o.waitMax, o.maxRetryWait = min, max, maxRetryAfter }
}

// WithAudit calls f for every request attempt.
func WithAudit(f AuditFunc) Option { return func(o *options) { o.audit = f } }

// WithDialContext replaces the base dialer (still behind the allowlist).
func WithDialContext(d DialContextFunc) Option { return func(o *options) { o.dial = d } }

// WithLookup replaces the DNS lookup plain http uses to check that localhost
// is this machine.
func WithLookup(f LookupFunc) Option { return func(o *options) { o.lookup = f } }

// Client sends provider requests.
type Client struct {
	o  options
	rc *retryablehttp.Client
}

// New builds a client. TLS verification cannot be turned off.
func New(opts ...Option) *Client {
	o := options{timeout: 30 * time.Second, retries: 3, waitMin: 500 * time.Millisecond, waitMax: 30 * time.Second,
		maxRetryWait: time.Minute, allow: NewAllowlist()}
	for _, f := range opts {
		f(&o)
	}
	if o.dial == nil {
		o.dial = (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	}
	if o.lookup == nil {
		o.lookup = lookupNetIP
	}
	base := &http.Transport{
		// No proxy from the environment: the allowlist names the provider
		// hosts, and a proxy would be a host nobody configured.
		Proxy:               nil,
		DialContext:         o.allow.Dialer(o.dial),
		TLSClientConfig:     &tls.Config{RootCAs: o.roots, MinVersion: tls.VersionTLS12},
		TLSHandshakeTimeout: 10 * time.Second,
		// As many as a channel may have requests in flight (in_flight, at
		// most 64): fewer, and every request past them pays a new TLS
		// handshake, which at one message per request costs more than the
		// request itself.
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     90 * time.Second,
		ForceAttemptHTTP2:   true,
	}
	// Plain http has a transport of its own, whose dialer reaches only
	// loopback addresses: whatever the URL said, the bytes cannot leave the
	// machine unencrypted.
	plain := &http.Transport{
		Proxy:               nil,
		DialContext:         o.allow.Dialer(loopbackOnly(o.dial, o.lookup)),
		MaxIdleConnsPerHost: 8,
		IdleConnTimeout:     90 * time.Second,
	}
	c := &Client{o: o}
	rc := retryablehttp.NewClient()
	rc.Logger = nil
	rc.HTTPClient = &http.Client{
		Transport: &transport{c: c, base: base, plain: plain},
		Timeout:   o.timeout,
		// Providers do not redirect; following one could carry the body to
		// a host the operator never saw.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	rc.RetryMax = o.retries
	rc.RetryWaitMin, rc.RetryWaitMax = o.waitMin, o.waitMax
	rc.CheckRetry = c.checkRetry
	rc.Backoff = c.backoff
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	c.rc = rc
	return c
}

// Allowlist returns the client's allowlist.
func (c *Client) Allowlist() *Allowlist { return c.o.allow }

// Request is one provider call.
type Request struct {
	Method string
	URL    string
	Header http.Header
	Body   []byte
	// Recipients are the message recipients carried (raw; masked for audit).
	Recipients []string
	// MessageIDs are the outbox ids carried (for the audit).
	MessageIDs []int64
	// Idempotent marks queries (reports, balance) that may be retried even
	// after they reached the provider. Sends never are.
	Idempotent bool
}

// Response is a provider's full answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// RetryAfter returns the delay the provider asked for, or 0.
func (r *Response) RetryAfter() time.Duration { return RetryAfter(r.Header) }

// Do sends r. A non-nil error is a *notify.Error: ErrRetry when the request
// provably did not reach the provider, ErrUnknown when it may have, ErrConfig
// when the host is not allowed. Any HTTP answer is returned for the provider
// to classify.
func (c *Client) Do(ctx context.Context, r Request) (*Response, error) {
	if _, err := CheckURL(r.URL); err != nil {
		c.auditRefused(r, err)
		why := notify.Why(ReasonURLRefused)
		if ue, ok := err.(*URLError); ok {
			why.Parts = []mapping.Reason{ue.Reason}
		}
		return nil, notify.Config("egress", why)
	}
	if err := c.o.allow.Check(HostOf(r.URL)); err != nil {
		c.auditRefused(r, err)
		return nil, notify.Config("egress", notify.Why(ReasonEgressDenied).WithDetail(err.Error()))
	}
	st := &state{idempotent: r.Idempotent, recipients: r.Recipients, ids: r.MessageIDs}
	ctx = context.WithValue(ctx, stateKey{}, st)
	req, err := retryablehttp.NewRequestWithContext(ctx, r.Method, r.URL, bytes.NewReader(r.Body))
	if err != nil {
		return nil, notify.Permanent("request", notify.Why(ReasonBadRequest).WithDetail(err.Error()))
	}
	for k, v := range r.Header {
		req.Header[k] = v
	}
	resp, err := c.rc.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, c.classify(ctx, st, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		if r.Idempotent {
			return nil, notify.Retry("", notify.Why(ReasonAnswerCut), 0)
		}
		return nil, notify.Unknown(notify.Why(ReasonAnswerCutAfterSend), err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

func (c *Client) classify(ctx context.Context, st *state, err error) error {
	switch {
	case refused(err):
		return notify.Config("egress", notify.Why(ReasonEgressDenied).WithDetail(err.Error()))
	case !st.wrote.Load() || st.idempotent:
		e := notify.Retry("", notify.Why(ReasonUnreachable), 0)
		e.Err = err
		return e
	default:
		return notify.Unknown(notify.Why(ReasonNoAnswer), err)
	}
}

func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	st, _ := ctx.Value(stateKey{}).(*state)
	if err != nil {
		if refused(err) || st == nil {
			return false, nil
		}
		// A request that was written may have been accepted: retrying it
		// could send the SMS twice.
		return !st.wrote.Load() || st.idempotent, nil
	}
	switch {
	case resp.StatusCode == http.StatusTooManyRequests:
		return RetryAfter(resp.Header) <= c.o.maxRetryWait, nil
	case resp.StatusCode >= 500 && resp.StatusCode != http.StatusNotImplemented:
		// backoff waits for the Retry-After asked for: one longer than we
		// wait here is handed back, as for a 429, not slept through.
		return st != nil && st.idempotent && RetryAfter(resp.Header) <= c.o.maxRetryWait, nil
	}
	return false, nil
}

// backoff is min·2^n with ±50% jitter, capped, or the Retry-After asked for.
func (c *Client) backoff(lo, hi time.Duration, n int, resp *http.Response) time.Duration {
	if resp != nil {
		if d := RetryAfter(resp.Header); d > 0 {
			return d
		}
	}
	d := lo << min(n, 20)
	if d <= 0 || d > hi {
		d = hi
	}
	return d/2 + time.Duration(rand.Int64N(int64(d)+1))
}

// RetryAfter parses a Retry-After header (seconds or an HTTP date).
func RetryAfter(h http.Header) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	// Seconds beyond what a Duration holds would wrap around to a negative
	// or tiny wait: "wait very long" must not become "retry now", so they
	// saturate (callers cap the wait to their own limit).
	switch s, err := strconv.Atoi(v); {
	case err == nil && s >= 0:
		if int64(s) > math.MaxInt64/int64(time.Second) {
			return time.Duration(math.MaxInt64)
		}
		return time.Duration(s) * time.Second
	case errors.Is(err, strconv.ErrRange) && s > 0 && strings.Trim(strings.TrimPrefix(v, "+"), "0123456789") == "":
		// Too many digits for an int. Atoi reports the overflow before it
		// sees a stray letter, hence the check that all are digits.
		return time.Duration(math.MaxInt64)
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := time.Until(t); d > 0 {
			return d
		}
	}
	return 0
}

type stateKey struct{}

// state follows one Do call across its attempts.
type state struct {
	idempotent bool
	recipients []string
	ids        []int64
	wrote      atomic.Bool // the last attempt wrote the whole request
}

// transport applies the limiter, tracks whether the request was written, and
// audits each attempt.
type transport struct {
	c     *Client
	base  http.RoundTripper // https
	plain http.RoundTripper // http: loopback only
}

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	st, _ := req.Context().Value(stateKey{}).(*state)
	if st == nil {
		st = &state{}
	}
	st.wrote.Store(false)
	if l := t.c.o.limiter; l != nil {
		if err := l.Wait(req.Context()); err != nil {
			return nil, fmt.Errorf("waiting for the rate limit: %w", err)
		}
	}
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) {
		if i.Err == nil {
			st.wrote.Store(true)
		}
	}}
	req = req.WithContext(httptrace.WithClientTrace(req.Context(), trace))
	start := time.Now()
	rt := t.base
	if req.URL.Scheme == "http" {
		rt = t.plain
	}
	resp, err := rt.RoundTrip(req)
	rec := AuditRecord{Time: start, Host: req.URL.Hostname(), Channel: t.c.o.channel, Path: req.URL.Path,
		Recipient: maskList(st.recipients), Messages: len(st.recipients), MessageIDs: st.ids, BytesOut: max(req.ContentLength, 0)}
	if err != nil {
		rec.Duration = time.Since(start)
		rec.Outcome = "error: " + errText(err)
		if refused(err) {
			rec.Outcome = "refused"
		}
		t.c.emit(rec)
		return nil, err
	}
	rec.Status = resp.StatusCode
	rec.Outcome = "http " + strconv.Itoa(resp.StatusCode)
	resp.Body = &auditBody{ReadCloser: resp.Body, rec: rec, emit: t.c.emit}
	return resp, nil
}

func (c *Client) emit(r AuditRecord) {
	if c.o.audit != nil {
		c.o.audit(r)
	}
}

func (c *Client) auditRefused(r Request, err error) {
	c.emit(AuditRecord{Time: time.Now(), Host: HostOf(r.URL), Channel: c.o.channel, Recipient: maskList(r.Recipients),
		Messages: len(r.Recipients), MessageIDs: r.MessageIDs, Outcome: "refused"})
}

// auditBody counts the answer's bytes and emits the record once, on Close.
type auditBody struct {
	io.ReadCloser
	rec  AuditRecord
	emit func(AuditRecord)
	done bool
}

func (b *auditBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	b.rec.BytesIn += int64(n)
	if err != nil && err != io.EOF {
		b.rec.Outcome += " (answer cut off)"
	}
	return n, err
}

func (b *auditBody) Close() error {
	if !b.done {
		b.done = true
		b.rec.Duration = time.Since(b.rec.Time)
		b.emit(b.rec)
	}
	return b.ReadCloser.Close()
}

func errText(err error) string {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	s := err.Error()
	if len(s) > 120 {
		s = s[:120]
	}
	return s
}

// The reasons the HTTP client gives (their texts are in connector/catalog).
const (
	ReasonEgressDenied       = "http.egress_denied"
	ReasonURLRefused         = "http.url_refused"
	ReasonURLInvalid         = "http.url_invalid"
	ReasonURLScheme          = "http.url_scheme"
	ReasonURLUserInfo        = "http.url_userinfo"
	ReasonURLNoHost          = "http.url_no_host"
	ReasonURLPlainRemote     = "http.url_plain_remote"
	ReasonBadRequest         = "http.bad_request"
	ReasonAnswerCut          = "http.answer_cut"
	ReasonAnswerCutAfterSend = "http.answer_cut_after_send"
	ReasonUnreachable        = "http.unreachable"
	ReasonNoAnswer           = "http.no_answer"
)

// ReasonCodes lists them, for the catalog's completeness test.
var ReasonCodes = []string{ReasonEgressDenied, ReasonURLRefused, ReasonURLInvalid, ReasonURLScheme, ReasonURLUserInfo,
	ReasonURLNoHost, ReasonURLPlainRemote, ReasonBadRequest, ReasonAnswerCut, ReasonAnswerCutAfterSend, ReasonUnreachable, ReasonNoAnswer}
