package faulttest

import (
	"crypto/x509"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// refuser stands before the NetGSM fake and, while on, answers every
// request as NetGSM does credentials it refuses (406, code 30): an account
// whose API access was turned off in the panel, then turned on again.
type refuser struct {
	*httptest.Server
	on atomic.Bool
}

func newRefuser(fake *netgsmtest.Server) *refuser {
	r := &refuser{}
	u, _ := url.Parse(fake.URL())
	proxy := httputil.NewSingleHostReverseProxy(u)
	proxy.Transport = fake.Server.Client().Transport
	r.Server = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if r.on.Load() {
			w.Header().Set("Content-Type", "application/json;charset=UTF-8")
			w.WriteHeader(http.StatusNotAcceptable)
			fmt.Fprint(w, `{"code":"30","description":"Invalid username, password or no API access","jobid":null}`)
			return
		}
		proxy.ServeHTTP(w, req)
	}))
	return r
}

// count is how many log lines of level have a message containing msg.
func (l *logs) count(level, msg string) int {
	n := 0
	for _, r := range l.records() {
		if r["level"] == level && strings.Contains(fmt.Sprint(r["msg"]), msg) {
			n++
		}
	}
	return n
}

// Credentials refused for a whole batch, or for requests in flight side by
// side, stop the channel with one log line, not one per message (a batch
// of 100 wrote 100 identical errors). Once the account is fixed at the
// provider, the channel goes on by itself when its pause runs out, with
// no restart, says so once, and sends every message once.
func TestCredentialPauseIsToldOnceAndItsEnd(t *testing.T) {
	cases := []struct{ name, settings string }{
		{"one request of a batch", "batch: 100"},
		{"requests in flight side by side", "batch: 1\n    in_flight: 4"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newClock(time.Now().Truncate(time.Second))
			fake := netgsmtest.New()
			t.Cleanup(fake.Close)
			fake.Now = c.now
			r := newRefuser(fake)
			t.Cleanup(r.Close)
			os.Setenv("FAULTTEST_NETGSM_PASSWORD", fake.Password)
			y := strings.NewReplacer("URL", r.URL, "TIMEOUT", "5s\n    "+tc.settings, `backfill: "key:129"`, "backfill: all").Replace(netgsmConfig)
			cfg := loadConfig(t, demoDir(t), y)
			pool := x509.NewCertPool()
			pool.AddCert(fake.Server.Certificate())
			var lg logs
			d := newDaemon(t, cfg, connector.Options{Logger: lg.logger(), RootCAs: pool, Now: c.now})

			runJob(t, d, "new-invoices")
			want := 0 // the demo's invoices that can be sent; a few are skipped at once
			for _, m := range messages(t, d.Store(), "sms") {
				if m.Status != outbox.StatusSkipped {
					want++
				}
			}
			if want < 10 {
				t.Fatalf("the demo gave %d messages; the case needs a batch", want)
			}
			r.on.Store(true)
			drain(t, d)
			if n := lg.count("ERROR", "channel paused"); n != 1 {
				t.Errorf("%d %q lines for one refusal of %d messages, want 1", n, "channel paused", want)
			}
			if paused, _ := d.ChannelPaused("sms"); !paused {
				t.Fatal("the channel is not paused after code 30")
			}
			for _, m := range messages(t, d.Store(), "sms") {
				if m.Status != outbox.StatusPending && m.Status != outbox.StatusSkipped {
					t.Fatalf("message %d is %s after the refusal, want pending: nothing is lost", m.ID, m.Status)
				}
			}

			r.on.Store(false) // fixed in NetGSM's panel; nobody restarts the service
			c.add(5*time.Minute + time.Second)
			drain(t, d)
			if paused, _ := d.ChannelPaused("sms"); paused {
				t.Error("the channel is still paused after its pause ran out and a send went through")
			}
			if n := lg.count("INFO", "channel sending again"); n != 1 {
				t.Errorf("%d %q lines after the channel went on, want 1", n, "channel sending again")
			}
			if got := ours(fake); got != want {
				t.Errorf("NetGSM holds %d messages after the pause, want each of the %d once", got, want)
			}
			drain(t, d)
			if n := lg.count("INFO", "channel sending again"); n != 1 {
				t.Errorf("%d %q lines after another drain, want still 1", n, "channel sending again")
			}
		})
	}
}
