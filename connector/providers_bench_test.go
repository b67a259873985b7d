package connector_test

import (
	"context"
	"crypto/x509"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// singleOnly is NetGSM without SendBatch, standing in for a provider that
// sends one message per request (WhatsApp, webhook).
func singleOnly(fake *netgsmtest.Server, pool *x509.CertPool) notify.Provider {
	c := httpclient.New(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts(fake.URL()))
	return struct{ notify.Provider }{netgsm.New(netgsm.Config{URL: fake.URL(), UserCode: fake.User, Password: fake.Password, MsgHeader: "MAGAZA"}, c)}
}

// BenchmarkDispatchThroughput drains messages through the real dispatcher and
// NetGSM provider against the fake with 50 ms latency per request, and
// reports the achieved steady rate as a share of the configured one. The
// channel limiter's burst (one second's worth) is sent at once, so the steady
// rate counts the messages after it. Run with -benchtime=1x.
func BenchmarkDispatchThroughput(b *testing.B) {
	for _, bc := range []struct {
		name  string
		rate  string
		perS  float64
		batch string
		n     int
		// single hides SendBatch: the dispatcher sends concurrently instead.
		single bool
	}{
		{name: "one at a time 15/s", rate: "15/s", perS: 15, batch: "1\n    in_flight: 1", n: 90},
		{name: "batch100 500/s", rate: "500/s", perS: 500, batch: "100", n: 3000},
		{name: "one per request 8 in flight 100/s", rate: "100/s", perS: 100, batch: "1\n    in_flight: 8", n: 600, single: true},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				var provide func(*netgsmtest.Server, *x509.CertPool) notify.Provider
				if bc.single {
					provide = singleOnly
				}
				e := netgsmEnv(b, map[string]string{"RATE": bc.rate, "BATCH": bc.batch}, provide)
				e.fake.SetLatency(50 * time.Millisecond)
				e.enqueue(b, 1, bc.n)
				b.StartTimer()
				start := time.Now()
				if _, err := e.d.Drain(context.Background()); err != nil {
					b.Fatal(err)
				}
				took := time.Since(start)
				got := len(e.fake.Messages())
				if got != bc.n {
					b.Fatalf("fake accepted %d of %d", got, bc.n)
				}
				steady := float64(bc.n-int(bc.perS)) / took.Seconds()
				b.ReportMetric(steady, "msg/s")
				b.ReportMetric(100*steady/bc.perS, "%of-rate")
				b.ReportMetric(float64(e.fake.Count("/sms/rest/v2/send")), "requests")
			}
		})
	}
}
