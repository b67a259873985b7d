package netgsm_test

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

var update = flag.Bool("update", false, "rewrite golden files")

func start(t testing.TB, timeout time.Duration, mod func(*netgsm.Config)) (*netgsm.Provider, *netgsmtest.Server) {
	t.Helper()
	fake := netgsmtest.New()
	t.Cleanup(fake.Close)
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	c := httpclient.New(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts(fake.URL()), httpclient.WithTimeout(timeout),
		httpclient.WithBackoff(5*time.Millisecond, 20*time.Millisecond, time.Second), httpclient.WithChannel("sms"))
	cfg := netgsm.Config{URL: fake.URL(), UserCode: fake.User, Password: fake.Password, MsgHeader: "MAGAZA", ReportEvery: time.Millisecond}
	if mod != nil {
		mod(&cfg)
	}
	return netgsm.New(cfg, c), fake
}

func msg(to, text string) notify.Message {
	return notify.Message{ID: 1, Message: mapping.Message{Channel: "sms", To: to, Text: text}}
}

func TestConformance(t *testing.T) {
	providertest.Run(t, providertest.Setup{
		New: func(t *testing.T, timeout time.Duration) (notify.Provider, providertest.Fake) {
			return start(t, timeout, nil)
		},
		Message: msg("+905321234567", "Faturanız hazır"),
	})
}

func TestSendCodes(t *testing.T) {
	cases := []struct {
		name    string
		mod     func(*netgsm.Config)
		fake    func(*netgsmtest.Server)
		m       notify.Message
		class   error
		code    string
		badAddr bool
	}{
		{name: "00 accepted", m: msg("+905321234567", "x")},
		{name: "30 wrong password", mod: func(c *netgsm.Config) { c.Password = "nope" }, m: msg("+905321234567", "x"), class: notify.ErrConfig, code: "30"},
		{name: "30 with HTTP 401", mod: func(c *netgsm.Config) { c.Password = "nope" }, fake: func(s *netgsmtest.Server) { s.AuthStatus = 401 },
			m: msg("+905321234567", "x"), class: notify.ErrConfig, code: "30"},
		{name: "40 unknown header", mod: func(c *netgsm.Config) { c.MsgHeader = "BASKA" }, m: msg("+905321234567", "x"), class: notify.ErrConfig, code: "40"},
		{name: "70 empty text", m: msg("+905321234567", ""), class: notify.ErrPermanent, code: "70"},
		{name: "20 text problem", fake: func(s *netgsmtest.Server) { s.Inject(providertest.FaultPermanent, 1) }, m: msg("+905321234567", "x"), class: notify.ErrPermanent, code: "20"},
		{name: "80 limit", fake: func(s *netgsmtest.Server) { s.Inject(providertest.FaultLimit, 1) }, m: msg("+905321234567", "x"), class: notify.ErrRetry, code: "80"},
		{name: "100 system error", fake: func(s *netgsmtest.Server) { s.Inject(providertest.FaultServer, 1) }, m: msg("+905321234567", "x"), class: notify.ErrRetry, code: "100"},
		{name: "a foreign number, refused before NetGSM", m: msg("+4915112345678", "x"), class: notify.ErrPermanent, code: ""},
		{name: "not a Turkish mobile", m: msg("+902121234567", "x"), class: notify.ErrPermanent, code: "number"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, fake := start(t, 5*time.Second, tc.mod)
			if tc.fake != nil {
				tc.fake(fake)
			}
			res, err := p.Send(context.Background(), tc.m)
			if tc.class == nil {
				if err != nil || res.ProviderID == "" {
					t.Fatalf("Send = %+v, %v", res, err)
				}
				return
			}
			if !errors.Is(err, tc.class) || notify.AsError(err).Code != tc.code {
				t.Fatalf("Send error = %v, want %v with code %s", err, tc.class, tc.code)
			}
		})
	}
}

func TestDuplicateGuard85(t *testing.T) {
	p, _ := start(t, 5*time.Second, nil)
	var err error
	for i := range 21 {
		if _, err = p.Send(context.Background(), msg("+905321234567", fmt.Sprint("mesaj ", i))); i < 20 && err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
	}
	if !errors.Is(err, notify.ErrRetry) || notify.AsError(err).Code != "85" || notify.AsError(err).RetryAfter <= 0 {
		t.Fatalf("21st job to one number in a minute = %v, want retry 85 with a delay", err)
	}
}

// TestBatchBody checks the n:n body against a golden file and that
// informational and commercial messages never share a request.
func TestBatchBody(t *testing.T) {
	p, fake := start(t, 5*time.Second, func(c *netgsm.Config) { c.AppName = "akinsoft-connector" })
	ms := []notify.Message{msg("+905321234567", "Merhaba Ayşe, faturanız hazır"), msg("05329876543", "Merhaba Ali"),
		{Message: mapping.Message{To: "+905551112233", Text: "Kampanya: %20 indirim"}, Commercial: true}}
	res, errs := p.SendBatch(context.Background(), ms)
	for i := range ms {
		if errs[i] != nil || res[i].ProviderID == "" {
			t.Fatalf("message %d: %+v %v", i, res[i], errs[i])
		}
	}
	reqs := fake.Requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2 (one per iysfilter)", len(reqs))
	}
	var pretty []json.RawMessage
	for _, r := range reqs {
		pretty = append(pretty, r.Body)
	}
	got, _ := json.MarshalIndent(pretty, "", "  ")
	golden("testdata/send_batch.golden.json", got, t)
	if res[0].ProviderID != res[1].ProviderID || res[0].ProviderID == res[2].ProviderID {
		t.Errorf("one jobid per request expected: %+v", res)
	}
}

func TestJobIDPerMessage(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	fake.JobIDs = netgsmtest.JobIDPerMessage
	res, errs := p.SendBatch(context.Background(), []notify.Message{msg("+905321234567", "a"), msg("+905321234568", "b")})
	if errs[0] != nil || errs[1] != nil || res[0].ProviderID == res[1].ProviderID {
		t.Fatalf("comma-separated jobids must be split per message: %+v %v", res, errs)
	}
}

func golden(path string, got []byte, t *testing.T) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update)", err)
	}
	if string(want) != string(got) {
		t.Errorf("body differs from %s:\n%s", path, got)
	}
}

// TestBatching10000 is the target: 10,000 messages in at most 10
// requests.
func TestBatching10000(t *testing.T) {
	p, fake := start(t, 30*time.Second, func(c *netgsm.Config) { c.MaxBatch = 1000 })
	ms := make([]notify.Message, 10000)
	for i := range ms {
		ms[i] = msg(fmt.Sprintf("+9053%08d", i), "Faturanız hazır")
	}
	_, errs := p.SendBatch(context.Background(), ms)
	for i, err := range errs {
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	if n := fake.Count("/sms/rest/v2/send"); n > 10 {
		t.Fatalf("%d requests for 10,000 messages, want ≤ 10", n)
	}
	if n := len(fake.Messages()); n != 10000 {
		t.Fatalf("fake accepted %d messages", n)
	}
}

func BenchmarkBatch10000(b *testing.B) {
	p, fake := start(b, 30*time.Second, func(c *netgsm.Config) { c.MaxBatch = 1000 })
	ms := make([]notify.Message, 10000)
	for i := range ms {
		ms[i] = msg(fmt.Sprintf("+9053%08d", i), "Faturanız hazır")
	}
	for b.Loop() {
		_, errs := p.SendBatch(context.Background(), ms)
		if errs[0] != nil {
			b.Fatal(errs[0])
		}
	}
	b.ReportMetric(float64(fake.Count("/sms/rest/v2/send"))/float64(b.N), "requests/10k")
}
