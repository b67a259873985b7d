package faulttest

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/base64"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

const netgsmConfig = `
state_dir: state
language: en # the assertions read English log lines
quiet_hours: {disabled: true}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: netgsm
    rate: 1000/s
    timeout: TIMEOUT
    netgsm:
      url: URL
      usercode: "8501234567"
      password: ${env:FAULTTEST_NETGSM_PASSWORD}
      msgheader: MAGAZA
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: "key:129"
    messages:
      sms:
        text: "Fatura {{.FATURA_NO}}"
`

// front stands between the connector and the NetGSM fake and answers what
// the fake cannot: a bare HTTP 500, or 429 with Retry-After. Everything
// else is passed to the fake unchanged.
type front struct {
	*httptest.Server
	mu     sync.Mutex
	faults []func(http.ResponseWriter)
	seen   int
}

func newFront(fake *netgsmtest.Server) *front {
	f := &front{}
	u, _ := url.Parse(fake.URL())
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.Transport = fake.Server.Client().Transport
	f.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.seen++
		var fault func(http.ResponseWriter)
		if len(f.faults) > 0 {
			fault, f.faults = f.faults[0], f.faults[1:]
		}
		f.mu.Unlock()
		if fault != nil {
			fault(w)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	return f
}

func (f *front) inject(fault func(http.ResponseWriter)) {
	f.mu.Lock()
	f.faults = append(f.faults, fault)
	f.mu.Unlock()
}

func (f *front) requests() int { f.mu.Lock(); defer f.mu.Unlock(); return f.seen }

// fill sends 20 messages to number straight to the fake, as another program
// on the same account would: the 21st within a minute gets code 85.
func fill(t *testing.T, fake *netgsmtest.Server, number string) {
	t.Helper()
	for i := range 20 {
		body := fmt.Sprintf(`{"msgheader":"MAGAZA","iysfilter":"0","messages":[{"msg":"other %d","no":"%s"}]}`, i, number)
		req, _ := http.NewRequest(http.MethodPost, fake.URL()+"/sms/rest/v2/send", bytes.NewReader([]byte(body)))
		req.Header.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(fake.User+":"+fake.Password)))
		resp, err := fake.Server.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
}

// closedPort is a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "https://" + addr
}

// settle says how a case ends after its first attempt.
type settle int

const (
	retryLater      settle = iota // pending with a delay; sent once it is due
	reconcileResend               // uncertain; NetGSM never took it: sent again on a proven absence, else held
	reconcileFound                // uncertain; NetGSM took it: never sent again, marked sent where the report shows it is ours, else held
	staysPending                  // the provider stays unreachable
)

// reportReading is one way NetGSM's report may answer a query by date
// without jobids (unconfirmed), with or without a witness: a send of ours
// NetGSM accepted in the same window, for the report to be checked against.
type reportReading struct {
	name     string
	date     netgsmtest.DateSearch
	appnames netgsmtest.AppNames
	witness  bool
}

var reportReadings = []reportReading{
	{"date search lists, appname filtered", netgsmtest.DateSearchLists, netgsmtest.AppNameFiltered, true},
	{"date search lists, appname ignored", netgsmtest.DateSearchLists, netgsmtest.AppNameIgnored, true},
	{"date search lists, no witness", netgsmtest.DateSearchLists, netgsmtest.AppNameFiltered, false},
	{"date search answers 60", netgsmtest.DateSearchNoRecords, netgsmtest.AppNameFiltered, true},
}

// outcome is how an uncertain case must end under r: sent (after a resend on
// a proven absence, or found and told to be ours), or held for an operator.
// foreign says another program sent to the same number in the window: a
// report that ignores appname cannot tell its row from ours.
func (r reportReading) outcome(s settle, foreign bool) outbox.Status {
	lists := r.date == netgsmtest.DateSearchLists
	filtered := r.appnames == netgsmtest.AppNameFiltered
	switch {
	case foreign && lists && !filtered:
		return outbox.StatusHeld
	case s == reconcileResend && lists && r.witness:
		return outbox.StatusSent
	case s == reconcileFound && lists && filtered:
		return outbox.StatusSent
	}
	return outbox.StatusHeld
}

func TestNetGSMFaults(t *testing.T) {
	cases := []netgsmCase{
		{name: "HTTP 500 without a result code is unknown", front: true,
			prepare: func(t *testing.T, _ *netgsmtest.Server, f *front, _ string) {
				f.inject(func(w http.ResponseWriter) { http.Error(w, "internal error", http.StatusInternalServerError) })
			},
			status: outbox.StatusUncertain, sends: 0, frontSaw: 1,
			logLevel: "WARN", logMsg: "send outcome unknown; it will be checked with the provider before any resend", logErr: "HTTP 500",
			settle: reconcileResend},
		{name: "429 with Retry-After 120 waits 120 s", front: true,
			prepare: func(t *testing.T, _ *netgsmtest.Server, f *front, _ string) {
				f.inject(func(w http.ResponseWriter) {
					w.Header().Set("Retry-After", "120")
					w.WriteHeader(http.StatusTooManyRequests)
				})
			},
			status: outbox.StatusPending, minDelay: 120 * time.Second, maxDelay: 120 * time.Second, sends: 0, frontSaw: 1,
			logLevel: "INFO", logMsg: "send will be retried", logErr: "http 429", settle: retryLater},
		{name: "406 code 80 sending limit retries in a minute",
			prepare: func(t *testing.T, fake *netgsmtest.Server, _ *front, _ string) {
				fake.Inject(providertest.FaultLimit, 1)
			},
			status: outbox.StatusPending, minDelay: time.Minute, maxDelay: time.Minute, sends: 1,
			logLevel: "INFO", logMsg: "send will be retried", logErr: "code 80", settle: retryLater},
		{name: "406 code 85 duplicate guard retries in a minute",
			prepare: func(t *testing.T, fake *netgsmtest.Server, _ *front, number string) { fill(t, fake, number) },
			status:  outbox.StatusPending, minDelay: time.Minute, maxDelay: time.Minute, sends: 21,
			logLevel: "INFO", logMsg: "send will be retried", logErr: "code 85", settle: retryLater},
		{name: "406 code 30 credentials pause the channel; the message waits",
			prepare: func(t *testing.T, fake *netgsmtest.Server, _ *front, _ string) {
				fake.Inject(providertest.FaultAuth, 1)
			},
			status: outbox.StatusPending, minDelay: 5 * time.Minute, maxDelay: 5 * time.Minute, sends: 1, paused: true,
			logLevel: "ERROR", logMsg: "channel paused", logErr: "", settle: retryLater},
		{name: "answer slower than the timeout is unknown, then settled by the report",
			timeout: "300ms",
			prepare: func(t *testing.T, fake *netgsmtest.Server, _ *front, _ string) { fake.SetLatency(10 * time.Second) },
			status:  outbox.StatusUncertain, sends: 1,
			logLevel: "WARN", logMsg: "send outcome unknown", logErr: "no complete answer after the request was sent", settle: reconcileResend},
		{name: "connection reset after the request was read is unknown",
			prepare: func(t *testing.T, fake *netgsmtest.Server, _ *front, _ string) { fake.DropNext(1) },
			status:  outbox.StatusUncertain, sends: 1,
			logLevel: "WARN", logMsg: "send outcome unknown", logErr: "no complete answer after the request was sent", settle: reconcileResend},
		{name: "connection reset after NetGSM took the job is found by the report, never resent",
			prepare: func(t *testing.T, fake *netgsmtest.Server, _ *front, _ string) { fake.AcceptThenDrop(1) },
			status:  outbox.StatusUncertain, sends: 1,
			logLevel: "WARN", logMsg: "send outcome unknown", logErr: "no complete answer after the request was sent", settle: reconcileFound},
		{name: "connection reset; the shop's Wolvox SMS module sends to the same number on the same account",
			prepare: func(t *testing.T, fake *netgsmtest.Server, _ *front, number string) {
				fake.DropNext(1)
				fake.SendAs("", "Wolvox: ödemeniz alındı", number)
			},
			status: outbox.StatusUncertain, sends: 1, foreign: true,
			logLevel: "WARN", logMsg: "send outcome unknown", logErr: "no complete answer after the request was sent", settle: reconcileResend},
		{name: "connection refused before anything was sent retries",
			refused: true, status: outbox.StatusPending, minDelay: 15 * time.Second, maxDelay: 45 * time.Second, sends: 0,
			logLevel: "INFO", logMsg: "send will be retried", logErr: "could not be reached", settle: staysPending},
	}
	for _, tc := range cases {
		if tc.settle != reconcileResend && tc.settle != reconcileFound {
			t.Run(tc.name, func(t *testing.T) { netgsmFault(t, tc, reportReading{}) })
			continue
		}
		for _, rr := range reportReadings {
			t.Run(tc.name+"/"+rr.name, func(t *testing.T) { netgsmFault(t, tc, rr) })
		}
	}
}

type netgsmCase struct {
	name    string
	timeout string
	refused bool // the URL points at a closed port
	front   bool // send through the front (HTTP-level faults)
	prepare func(t *testing.T, fake *netgsmtest.Server, f *front, number string)
	// After the first drain:
	status             outbox.Status
	minDelay, maxDelay time.Duration // next attempt after the send (pending only)
	sends              int           // send requests the fake saw
	frontSaw           int           // requests the front saw (0: not checked)
	paused             bool          // the channel pauses (credentials)
	logLevel, logMsg   string
	logErr             string
	settle             settle
	foreign            bool // another program sent to the same number (uncertain cases)
}

func netgsmFault(t *testing.T, tc netgsmCase, rr reportReading) {
	ctx := context.Background()
	c := newClock(time.Now().Truncate(time.Second)) // the outbox keeps milliseconds
	fake := netgsmtest.New()
	t.Cleanup(fake.Close)
	fake.Now = c.now
	fake.DateSearch, fake.AppNames = rr.date, rr.appnames
	f := newFront(fake)
	t.Cleanup(f.Close)
	target := fake.URL()
	if tc.front {
		target = f.URL
	}
	if tc.refused {
		target = closedPort(t)
	}
	timeout := tc.timeout
	if timeout == "" {
		timeout = "5s"
	}
	os.Setenv("FAULTTEST_NETGSM_PASSWORD", fake.Password)
	dir := demoDir(t)
	y := strings.NewReplacer("URL", target, "TIMEOUT", timeout).Replace(netgsmConfig)
	cfg := loadConfig(t, dir, y)
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	var lg logs
	d := newDaemon(t, cfg, connector.Options{Logger: lg.logger(), RootCAs: pool, Now: c.now})
	st := d.Store()

	runJob(t, d, "new-invoices")
	m := only(t, st, "sms")
	if m.Status != outbox.StatusPending {
		t.Fatalf("after the poll the message is %s, want pending", m.Status)
	}
	number := strings.TrimPrefix(m.To, "+90")
	if tc.prepare != nil {
		tc.prepare(t, fake, f, number)
	}
	sentAt := c.now()
	drain(t, d)
	fake.SetLatency(0)

	m = only(t, st, "sms")
	if m.Status != tc.status {
		t.Fatalf("after the first attempt the message is %s (%s), want %s", m.Status, m.Reason, tc.status)
	}
	if n := fake.Count("/sms/rest/v2/send"); n != tc.sends {
		t.Errorf("the fake saw %d send requests, want %d", n, tc.sends)
	}
	if tc.frontSaw > 0 && f.requests() != tc.frontSaw {
		t.Errorf("the provider got %d requests, want %d: a send whose outcome is open must not be repeated", f.requests(), tc.frontSaw)
	}
	attrs := map[string]string{"err": tc.logErr, "channel": "sms"}
	if tc.paused {
		attrs = map[string]string{"reason": "code 30", "channel": "sms"}
	}
	lg.want(t, tc.logLevel, tc.logMsg, attrs)
	if paused, _ := d.ChannelPaused("sms"); paused != tc.paused {
		t.Fatalf("channel paused = %v, want %v", paused, tc.paused)
	}
	if n := ours(fake); n > 0 && tc.settle != reconcileFound {
		t.Fatalf("the fake accepted %d messages after a failed attempt", n)
	}
	sends := fake.Count("/sms/rest/v2/send")

	switch tc.settle {
	case retryLater, staysPending:
		delay := nextAt(t, cfg, m.ID).Sub(sentAt)
		if delay < tc.minDelay || delay > tc.maxDelay {
			t.Fatalf("next attempt in %v, want %v..%v", delay, tc.minDelay, tc.maxDelay)
		}
		c.set(sentAt.Add(delay - time.Second))
		if n := drain(t, d); n != 0 {
			t.Fatalf("%d messages sent a second before the retry was due", n)
		}
		if tc.settle == staysPending {
			return // the URL still goes nowhere; the message waits, counted once
		}
		c.set(sentAt.Add(delay))
		drain(t, d)
	case reconcileResend, reconcileFound:
		if rr.witness {
			// Another of our messages goes out fine in the same window.
			witness(t, st, "+905329999999")
			drain(t, d)
			sends = fake.Count("/sms/rest/v2/send")
		}
		// Well inside the grace period nothing may be resent.
		c.add(10 * time.Minute)
		if err := d.Reconcile(ctx); err != nil {
			t.Fatalf("Reconcile: %v", err)
		}
		drain(t, d)
		want := rr.outcome(tc.settle, tc.foreign)
		if got, _ := st.Get(ctx, m.ID); want == outbox.StatusHeld && got.Status != outbox.StatusUncertain {
			t.Fatalf("10 minutes after an uncertain send it is %s, want still uncertain", got.Status)
		}
		if n := fake.Count("/sms/rest/v2/send"); n != sends {
			t.Fatalf("an uncertain send was repeated before the report settled it (%d requests)", n)
		}
		c.add(40 * time.Minute)
		if err := d.Reconcile(ctx); err != nil {
			t.Fatalf("Reconcile: %v", err)
		}
		drain(t, d)
		switch {
		case want == outbox.StatusHeld:
			lg.want(t, "WARN", "uncertain send settled", map[string]string{"status": "held", "reason": "NetGSM"})
		case tc.settle == reconcileResend:
			lg.want(t, "INFO", "uncertain send never reached the provider; it will be sent again", nil)
		default:
			lg.want(t, "INFO", "delivery report", map[string]string{"status": "sent"})
		}
		// The accounting: lost is a message the customer never got
		// that the outbox does not put before an operator; a blind
		// duplicate, a second copy at NetGSM.
		got, err := st.Get(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		own := ours(fake)
		lost := own == 0 && got.Status != outbox.StatusHeld && got.Status != outbox.StatusFailed
		t.Logf("outbox %s (%s); NetGSM holds %d copies; lost %v, blind duplicates %d", got.Status, got.Reason, own, lost, max(0, own-1))
		if lost || own > 1 {
			t.Fatalf("lost %v, %d copies at NetGSM: the promise is 0 lost and 0 duplicates", lost, own)
		}
		if got.Status != want {
			t.Fatalf("finally the message is %s (%s), want %s", got.Status, got.Reason, want)
		}
		if want == outbox.StatusHeld {
			if en, tr := catalog.EN.Reason(got.Reason), catalog.TR.Reason(got.Reason); !strings.HasPrefix(en, "uncertain: ") || !strings.HasPrefix(tr, "gönderim belirsiz: ") {
				t.Fatalf("held without its reason: %q / %q", en, tr)
			}
			if taken := tc.settle == reconcileFound; (own == 1) != taken {
				t.Fatalf("NetGSM holds %d copies of a held message, want %d", own, map[bool]int{true: 1}[taken])
			}
			return
		}
	}
	m, _ = st.Get(ctx, m.ID)
	if m.Status != outbox.StatusSent || m.ProviderID == "" {
		t.Fatalf("finally the message is %s (provider id %q), want sent", m.Status, m.ProviderID)
	}
	if own := ours(fake); own != 1 {
		t.Fatalf("NetGSM holds %d copies of the message, want exactly 1", own)
	}
}

// witness enqueues a message of ours that is not an invoice's, so ours does
// not count it.
func witness(t *testing.T, st *outbox.Store, to string) {
	t.Helper()
	_, err := st.Enqueue(context.Background(), outbox.Batch{Job: "new-invoices", Source: "demo", Messages: []outbox.NewMessage{
		{Message: mapping.Message{Channel: "sms", To: to, Text: "Tanık"}, DedupeKey: "witness", RecordKey: "w"}}})
	if err != nil {
		t.Fatal(err)
	}
}

// ours counts the connector's messages the fake accepted.
func ours(fake *netgsmtest.Server) int {
	n := 0
	for _, m := range fake.Messages() {
		if strings.HasPrefix(m.Text, "Fatura ") {
			n++
		}
	}
	return n
}
