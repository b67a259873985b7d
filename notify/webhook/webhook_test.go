package webhook_test

import (
	"context"
	"crypto/x509"
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/webhook"
	"github.com/akinsoft-connector/akinsoft-connector/notify/webhook/webhooktest"
)

func start(t *testing.T, timeout time.Duration, secret string, plain bool) (*webhook.Provider, *webhooktest.Server) {
	fake := webhooktest.New("s3cret", plain)
	t.Cleanup(fake.Close)
	opts := []httpclient.Option{httpclient.WithAllowedHosts(fake.URL()), httpclient.WithTimeout(timeout),
		httpclient.WithBackoff(5*time.Millisecond, 20*time.Millisecond, time.Second)}
	if !plain {
		pool := x509.NewCertPool()
		pool.AddCert(fake.Server.Certificate())
		opts = append(opts, httpclient.WithRootCAs(pool))
	}
	return webhook.New(webhook.Config{URL: fake.URL() + "/hooks/akinsoft", Secret: secret}, httpclient.New(opts...)), fake
}

var m = notify.Message{ID: 7, DedupeKey: "invoice:4711:created", Message: mapping.Message{Channel: "webhook", To: "+905551112233", Text: "Fatura 4711 hazır"}}

func TestConformance(t *testing.T) {
	providertest.Run(t, providertest.Setup{
		New: func(t *testing.T, timeout time.Duration) (notify.Provider, providertest.Fake) {
			return start(t, timeout, "s3cret", false)
		},
		Message: m,
	})
}

func TestSignedDelivery(t *testing.T) {
	p, fake := start(t, 5*time.Second, "s3cret", true)
	res, err := p.Send(context.Background(), m)
	if err != nil || res.ProviderID != "shop-1" {
		t.Fatal(res, err)
	}
	got := fake.Received()
	if len(got) != 1 || got[0].DedupeKey != m.DedupeKey || got[0].Text != m.Text || got[0].ID != 7 {
		t.Fatalf("received %+v", got)
	}
	if k := fake.Requests()[0].Header.Get("Idempotency-Key"); k != "invoice:4711:created/webhook" {
		t.Errorf("Idempotency-Key %q", k)
	}
}

func TestWrongSecretPausesChannel(t *testing.T) {
	p, _ := start(t, 5*time.Second, "wrong", true)
	if _, err := p.Send(context.Background(), m); !errors.Is(err, notify.ErrConfig) {
		t.Fatalf("err = %v, want config", err)
	}
}

func TestServerErrorIsUnknown(t *testing.T) {
	p, fake := start(t, 5*time.Second, "s3cret", true)
	fake.Inject(providertest.FaultServer, 5)
	if _, err := p.Send(context.Background(), m); !errors.Is(err, notify.ErrUnknown) || fake.Count("") != 1 {
		t.Fatalf("err = %v after %d requests, want unknown after 1", err, fake.Count(""))
	}
}

func TestVerifyRejectsReplay(t *testing.T) {
	body := []byte(`{"id":1}`)
	old := time.Now().Add(-time.Hour)
	sig := webhook.Sign("k", old.Unix(), body)
	if err := webhook.Verify("k", "0", sig, body, time.Now(), time.Minute); err == nil {
		t.Fatal("bad timestamp accepted")
	}
	if err := webhook.Verify("k", itoa(old.Unix()), sig, body, time.Now(), 5*time.Minute); err == nil {
		t.Fatal("an hour-old signed request accepted")
	}
	if err := webhook.Verify("k", itoa(old.Unix()), sig, body, old, 5*time.Minute); err != nil {
		t.Fatal(err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
