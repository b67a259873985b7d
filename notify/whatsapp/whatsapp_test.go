package whatsapp_test

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp/whatsapptest"
)

func start(t *testing.T, timeout time.Duration, mod func(*whatsapp.Config)) (*whatsapp.Provider, *whatsapptest.Server) {
	t.Helper()
	fake := whatsapptest.New()
	t.Cleanup(fake.Close)
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	c := httpclient.New(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts(fake.URL()), httpclient.WithTimeout(timeout),
		httpclient.WithBackoff(5*time.Millisecond, 20*time.Millisecond, time.Second))
	cfg := whatsapp.Config{URL: fake.URL(), APIVersion: "v24.0", PhoneNumberID: fake.PhoneNumberID, Token: fake.Token}
	if mod != nil {
		mod(&cfg)
	}
	return whatsapp.New(cfg, c), fake
}

func tmpl(name string, params ...string) []byte {
	var ps []any
	for _, p := range params {
		ps = append(ps, map[string]string{"type": "text", "text": p})
	}
	b, _ := json.Marshal(map[string]any{"name": name, "language": map[string]string{"code": "tr", "policy": "deterministic"},
		"components": []any{map[string]any{"type": "body", "parameters": ps}}})
	return b
}

var good = notify.Message{ID: 42, Message: mapping.Message{To: "+905551112233", Payload: tmpl("order_shipped", "Ayşe", "ORDER123")}}

func TestConformance(t *testing.T) {
	for _, status := range []int{400, 429} {
		t.Run(fmt.Sprintf("130429 as HTTP %d", status), func(t *testing.T) {
			providertest.Run(t, providertest.Setup{
				New: func(t *testing.T, timeout time.Duration) (notify.Provider, providertest.Fake) {
					p, f := start(t, timeout, nil)
					f.ThroughputStatus = status
					return p, f
				},
				Message: good,
			})
		})
	}
}

func TestCodes(t *testing.T) {
	cases := []struct {
		name  string
		mod   func(*whatsapp.Config)
		fake  func(*whatsapptest.Server)
		m     notify.Message
		class error
		code  string
	}{
		{name: "190 bad token", mod: func(c *whatsapp.Config) { c.Token = "old" }, m: good, class: notify.ErrConfig, code: "190"},
		{name: "132001 unknown template", m: notify.Message{Message: mapping.Message{To: "+905551112233", Payload: tmpl("nope", "a", "b")}}, class: notify.ErrPermanent, code: "132001"},
		{name: "132000 parameter count", m: notify.Message{Message: mapping.Message{To: "+905551112233", Payload: tmpl("order_shipped", "a")}}, class: notify.ErrPermanent, code: "132000"},
		{name: "131026 not on WhatsApp", fake: func(s *whatsapptest.Server) { s.Inject(providertest.FaultPermanent, 1) }, m: good, class: notify.ErrPermanent, code: "131026"},
		{name: "131000 server", fake: func(s *whatsapptest.Server) { s.Inject(providertest.FaultServer, 1) }, m: good, class: notify.ErrRetry, code: "131000"},
		{name: "100 wrong phone number id", mod: func(c *whatsapp.Config) { c.PhoneNumberID = "1" }, m: good, class: notify.ErrPermanent, code: "100"},
		{name: "no template", m: notify.Message{Message: mapping.Message{To: "+905551112233", Text: "free text"}}, class: notify.ErrPermanent, code: "template"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, fake := start(t, 5*time.Second, tc.mod)
			if tc.fake != nil {
				tc.fake(fake)
			}
			_, err := p.Send(context.Background(), tc.m)
			if !errors.Is(err, tc.class) || notify.AsError(err).Code != tc.code {
				t.Fatalf("err = %v, want %v code %s", err, tc.class, tc.code)
			}
		})
	}
}

func TestAcceptedCarriesOutboxID(t *testing.T) {
	p, fake := start(t, 5*time.Second, func(c *whatsapp.Config) {})
	fake.MessageStatus = "accepted"
	res, err := p.Send(context.Background(), good)
	if err != nil || res.ProviderID == "" {
		t.Fatal(res, err)
	}
	if s := fake.Sent(); len(s) != 1 || s[0].Opaque != "outbox-42" || s[0].To != "905551112233" {
		t.Fatalf("fake got %+v", s)
	}
}

// TestPairRate: a second message to the same person within the pair window
// is held back locally (no request), and the fake's own 131056 is a retry.
func TestPairRate(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	if _, err := p.Send(context.Background(), good); err != nil {
		t.Fatal(err)
	}
	_, err := p.Send(context.Background(), good)
	if e := notify.AsError(err); !errors.Is(err, notify.ErrRetry) || e.Code != "131056" || e.RetryAfter <= 0 || len(fake.Sent()) != 1 {
		t.Fatalf("second message within 6 s = %v (%d sent)", err, len(fake.Sent()))
	}
	p3, fake3 := start(t, 5*time.Second, func(c *whatsapp.Config) { c.PairEvery = time.Nanosecond })
	p3.Send(context.Background(), good)
	_, err = p3.Send(context.Background(), good)
	if !errors.Is(err, notify.ErrRetry) || notify.AsError(err).Code != "131056" || len(fake3.Sent()) != 1 {
		t.Fatalf("fake's pair limit = %v", err)
	}
}

func TestThroughput(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	fake.MPS = 2
	var errs []error
	for i := range 3 {
		m := good
		m.To = fmt.Sprintf("+90555111220%d", i)
		_, err := p.Send(context.Background(), m)
		errs = append(errs, err)
	}
	if errs[0] != nil || errs[1] != nil || !errors.Is(errs[2], notify.ErrRetry) || notify.AsError(errs[2]).Code != "130429" {
		t.Fatalf("third message in a second at 2 mps: %v", errs)
	}
}

func TestCheck(t *testing.T) {
	p, _ := start(t, 5*time.Second, nil)
	if s, err := p.Check(context.Background()); err != nil || s.Code != whatsapp.ReasonCheckOK {
		t.Fatal(s, err)
	}
	p, _ = start(t, 5*time.Second, func(c *whatsapp.Config) { c.Token = "x" })
	if _, err := p.Check(context.Background()); !errors.Is(err, notify.ErrConfig) {
		t.Fatal(err)
	}
}

func TestStatusWebhookSigned(t *testing.T) {
	body, sig := whatsapptest.StatusWebhook("app-secret", whatsapptest.Sent{ID: "wamid.1", To: "905551112233", Opaque: "outbox-42", At: time.Unix(1749416383, 0)}, "failed", 131026)
	if len(sig) != len("sha256=")+64 || !json.Valid(body) {
		t.Fatalf("signature %q body %s", sig, body)
	}
}
