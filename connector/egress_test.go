package connector_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

const egressConfig = `
state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms:
    provider: netgsm
    rate: 1000/s
    netgsm:
      url: NETGSM_URL
      usercode: "8501234567"
      password: ${env:EGRESS_TEST_NETGSM_PASSWORD}
      msgheader: MAGAZA
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: all
    messages:
      sms:
        text: "Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}} numaralı faturanız hazır: OTHER_URL/f/{{.FATURA_NO}}"
`

// otherHost is a server on another loopback address that no config names:
// nothing may ever reach it.
func otherHost(t *testing.T) (url string, hits *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.2:0")
	if err != nil {
		t.Skipf("no second loopback address here: %v", err)
	}
	hits = new(atomic.Int64)
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	srv.Listener = ln
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL, hits
}

func egressDaemon(t *testing.T, netgsmURL, other string, pool *x509.CertPool) *connector.Daemon {
	t.Helper()
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	y := strings.NewReplacer("NETGSM_URL", netgsmURL, "OTHER_URL", other).Replace(egressConfig)
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(y), 0o600)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	d, err := connector.New(context.Background(), cfg, connector.Options{RootCAs: pool})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// Only the rendered text and the recipient reach the provider: none of the
// source rows' other columns (tax numbers, addresses, e-mail, totals the
// template does not use), and nothing reaches a host no config names — not
// even one a template writes into a message.
func TestOnlyRenderedTextAndRecipientLeave(t *testing.T) {
	ctx := context.Background()
	fake := netgsmtest.New()
	t.Cleanup(fake.Close)
	t.Setenv("EGRESS_TEST_NETGSM_PASSWORD", fake.Password)
	other, hits := otherHost(t)
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	d := egressDaemon(t, fake.URL(), other, pool)
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	if n, err := d.Drain(ctx); err != nil || n != 21 {
		t.Fatalf("sent %d, %v; want the demo's 21 messages", n, err)
	}
	var sent []byte
	for _, r := range fake.Requests() {
		sent = append(sent, r.Body...)
		for _, v := range r.Header {
			sent = append(sent, strings.Join(v, " ")...)
		}
	}
	for _, want := range []string{"Sayın Ayşe Yılmaz, 2024-101 numaralı faturanız hazır", "5321234567"} {
		if !bytes.Contains(sent, []byte(want)) {
			t.Errorf("the provider did not get %q", want)
		}
	}
	var never []string
	for _, c := range demo.Customers {
		never = append(never, c.Code, c.Address)
		if c.TaxNo != "" {
			never = append(never, c.TaxNo)
		}
		if c.Email != "" {
			never = append(never, c.Email)
		}
	}
	for _, f := range demo.Invoices {
		never = append(never, f.Total, strings.Replace(f.Total, ".", ",", 1))
	}
	for _, v := range never {
		if bytes.Contains(sent, []byte(v)) {
			t.Errorf("a source column not used by the template left the machine: %q", v)
		}
	}
	if hits.Load() != 0 {
		t.Errorf("the unconfigured host got %d request(s)", hits.Load())
	}

	// Every request left an audit row: host, masked recipient, bytes; no text.
	audit, err := d.Store().Audit(ctx, time.Now().AddDate(0, 0, -1), 1000)
	if err != nil || len(audit) == 0 {
		t.Fatalf("audit rows = %d, %v", len(audit), err)
	}
	for _, a := range audit {
		if a.BytesOut == 0 || !strings.HasPrefix(a.Host, "127.0.0.1") || a.Channel != "sms" {
			t.Errorf("audit row = %+v", a)
		}
		if strings.Contains(a.Recipient, "1234567") || strings.Contains(a.Outcome, "Sayın") {
			t.Errorf("audit row holds personal data or text: %+v", a)
		}
	}
	// forget removes the person's messages and the audit rows of the requests that carried them.
	f, err := d.Store().Forget(ctx, "+905321234567")
	if err != nil || len(f.Messages) != 2 || f.Audit == 0 {
		t.Fatalf("forget = %+v, %v; want Ayşe Yılmaz's 2 messages and their audit rows", f, err)
	}
}

// A provider that answers with a redirect to another host cannot make the
// connector go there: the request is refused before any connection.
func TestRedirectToUnconfiguredHostIsNotFollowed(t *testing.T) {
	ctx := context.Background()
	other, hits := otherHost(t)
	redirector := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other+r.URL.Path, http.StatusTemporaryRedirect)
	}))
	t.Cleanup(redirector.Close)
	t.Setenv("EGRESS_TEST_NETGSM_PASSWORD", "x")
	pool := x509.NewCertPool()
	pool.AddCert(redirector.Certificate())
	d := egressDaemon(t, redirector.URL, "https://example.invalid", pool)
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	d.Drain(ctx)
	if hits.Load() != 0 {
		t.Fatalf("the redirect was followed to an unconfigured host (%d requests)", hits.Load())
	}
	ms, _ := d.Store().List(ctx, outbox.Filter{Status: outbox.StatusSent})
	if len(ms) != 0 {
		t.Fatalf("%d messages counted as sent after a redirect", len(ms))
	}
}
