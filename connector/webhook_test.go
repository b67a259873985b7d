package connector_test

import (
	"bytes"
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp/whatsapptest"
)

const webhookConfig = `
state_dir: state
quiet_hours: {disabled: true}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  whatsapp:
    provider: whatsapp_cloud
    rate: 1000/s
    whatsapp_cloud:
      url: URL
      phone_number_id: "106540352242922"
      token: ${env:TEST_WA_TOKEN}
  sms:
    provider: console
whatsapp_webhook:
  verify_token: ${env:TEST_WA_VERIFY}
  app_secret: ${env:TEST_WA_SECRET}
jobs:
  - name: shipped
    preset: new_invoices
    schedule: "@every 1h"
    fallback: [sms]
    not_delivered_within: 2h
    messages:
      whatsapp:
        template: order_shipped
        language: tr
        body: [{value: "{{.MUSTERI_ADI}}"}, {value: "{{.FATURA_NO}}"}]
      sms:
        text: "{{.FATURA_NO}} numaralı faturanız hazır."
`

const (
	waSecret = "meta-app-secret-of-the-shop"
	waVerify = "a-long-random-verify-token"
)

type webhookEnv struct {
	d     *connector.Daemon
	fake  *whatsapptest.Server
	store *outbox.Store
	url   string
	clock *sendClock
	log   *syncBuffer // what the daemon logged
}

func newWebhookEnv(t *testing.T) *webhookEnv {
	t.Helper()
	fake := whatsapptest.New()
	t.Cleanup(fake.Close)
	fake.PairEvery = 0
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(webhookConfig, "URL", fake.URL())), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TEST_WA_TOKEN", fake.Token)
	t.Setenv("TEST_WA_VERIFY", waVerify)
	t.Setenv("TEST_WA_SECRET", waSecret)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	c := &sendClock{t: time.Now()}
	log := &syncBuffer{}
	d, err := connector.New(context.Background(), cfg, connector.Options{RootCAs: pool, Now: c.now, Logger: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	rc := d.WebhookReceiver()
	if rc == nil {
		t.Fatal("no webhook receiver with whatsapp_webhook set")
	}
	srv := httptest.NewServer(rc)
	t.Cleanup(srv.Close)
	return &webhookEnv{d: d, fake: fake, store: d.Store(), url: srv.URL + cfg.WhatsAppWebhook.Path, clock: c, log: log}
}

func (e *webhookEnv) post(t *testing.T, body []byte, sig string) int {
	t.Helper()
	code, err := whatsapptest.Deliver(http.DefaultClient, e.url, body, sig)
	if err != nil {
		t.Fatal(err)
	}
	return code
}

func (e *webhookEnv) message(t *testing.T, channel string) outbox.Message {
	t.Helper()
	ms, err := e.store.List(context.Background(), outbox.Filter{Channel: channel, Limit: 1})
	if err != nil || len(ms) == 0 {
		t.Fatalf("no %s message: %v", channel, err)
	}
	return ms[0]
}

// sendOne enqueues one invoice's WhatsApp message with its SMS standby and
// sends it.
func (e *webhookEnv) sendOne(t *testing.T) (outbox.Message, whatsapptest.Sent) {
	t.Helper()
	ctx := context.Background()
	_, err := e.store.Enqueue(ctx, outbox.Batch{Job: "shipped", Source: "demo", Messages: []outbox.NewMessage{
		{Message: mapping.Message{Channel: "whatsapp", To: "+905551112233", Text: "kargo", Payload: []byte(
			`{"name":"order_shipped","language":{"code":"tr"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ayşe"},{"type":"text","text":"2024-101"}]}]}`)},
			DedupeKey: "inv:101", RecordKey: "101"},
		{Message: mapping.Message{Channel: "sms", To: "+905551112233", Text: "2024-101"}, DedupeKey: "inv:101", RecordKey: "101", Standby: 1},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := e.d.Drain(ctx); err != nil || n != 1 {
		t.Fatalf("Drain = %d, %v", n, err)
	}
	sent := e.fake.Sent()
	if len(sent) != 1 {
		t.Fatalf("the fake took %d messages", len(sent))
	}
	return e.message(t, "whatsapp"), sent[0]
}

// The webhook case: Meta-shaped webhooks posted to the receiver.
// A valid signature moves the message to delivered and then read (and
// drops the SMS fallback); a bad or missing signature is refused with 401
// and changes nothing; a replayed delivery changes nothing; a 10 MB body is
// refused.
func TestWhatsAppStatusWebhook(t *testing.T) {
	e := newWebhookEnv(t)
	m, sent := e.sendOne(t)
	if m.Status != outbox.StatusSent || e.message(t, "sms").Status != outbox.StatusStandby {
		t.Fatalf("after the send: whatsapp %s, sms %s", m.Status, e.message(t, "sms").Status)
	}
	delivered, sig := whatsapptest.StatusWebhook(waSecret, sent, "delivered", 0)
	for name, s := range map[string]string{"missing": "", "wrong secret": func() string { _, s := whatsapptest.StatusWebhook("another-secret", sent, "delivered", 0); return s }(),
		"garbage": "sha256=00ff", "other body": func() string { _, s := whatsapptest.StatusWebhook(waSecret, sent, "read", 0); return s }()} {
		if code := e.post(t, delivered, s); code != http.StatusUnauthorized {
			t.Errorf("%s signature: %d, want 401", name, code)
		}
		if st := e.message(t, "whatsapp").Status; st != outbox.StatusSent {
			t.Fatalf("%s signature changed the message to %s", name, st)
		}
	}
	if code := e.post(t, delivered, sig); code != http.StatusOK {
		t.Fatalf("valid delivery: %d", code)
	}
	if st, sms := e.message(t, "whatsapp").Status, e.message(t, "sms").Status; st != outbox.StatusDelivered || sms != outbox.StatusCancelled {
		t.Fatalf("after delivered: whatsapp %s, sms fallback %s; want delivered and cancelled", st, sms)
	}
	read, rsig := whatsapptest.StatusWebhook(waSecret, sent, "read", 0)
	if code := e.post(t, read, rsig); code != http.StatusOK || e.message(t, "whatsapp").Status != outbox.StatusRead {
		t.Fatalf("after read: %d %s", code, e.message(t, "whatsapp").Status)
	}
	// Meta retries for days: the same delivery again, and a late one after
	// the read, change nothing.
	before := e.message(t, "whatsapp")
	for i := 0; i < 3; i++ {
		if code := e.post(t, delivered, sig); code != http.StatusOK {
			t.Errorf("replay %d: %d", i, code)
		}
	}
	if after := e.message(t, "whatsapp"); after.Status != outbox.StatusRead || !after.UpdatedAt.Equal(before.UpdatedAt) {
		t.Errorf("a replayed delivery changed the message: %s, updated %v → %v", after.Status, before.UpdatedAt, after.UpdatedAt)
	}
	// A 10 MB body is refused before it is read, signed or not.
	huge := bytes.Repeat([]byte(" "), 10<<20)
	huge = append([]byte(`{"object":"whatsapp_business_account","entry":[]}`), huge...)
	if code := e.post(t, huge, whatsapptest.Sign(waSecret, huge)); code != http.StatusRequestEntityTooLarge {
		t.Errorf("10 MB body: %d, want 413", code)
	}
	if code := e.postChunked(t, huge); code != http.StatusRequestEntityTooLarge {
		t.Errorf("10 MB body without Content-Length: %d, want 413", code)
	}
}

// postChunked sends a body without a Content-Length, so only reading it
// can tell its size.
func (e *webhookEnv) postChunked(t *testing.T, body []byte) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, e.url, io.MultiReader(bytes.NewReader(body)))
	req.ContentLength = -1
	req.Header.Set("X-Hub-Signature-256", whatsapptest.Sign(waSecret, body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// Meta's verification handshake echoes the challenge only for the verify
// token; other methods and paths are refused.
func TestWhatsAppWebhookVerification(t *testing.T) {
	e := newWebhookEnv(t)
	get := func(q url.Values, path string) (int, string) {
		resp, err := http.Get(strings.TrimSuffix(e.url, "/whatsapp") + path + "?" + q.Encode())
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	ok := url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {waVerify}, "hub.challenge": {"1158201444"}}
	if code, body := get(ok, "/whatsapp"); code != 200 || body != "1158201444" {
		t.Errorf("handshake: %d %q", code, body)
	}
	for name, q := range map[string]url.Values{
		"wrong token": {"hub.mode": {"subscribe"}, "hub.verify_token": {"guess"}, "hub.challenge": {"1"}},
		"no token":    {"hub.mode": {"subscribe"}, "hub.challenge": {"1"}},
		"wrong mode":  {"hub.mode": {"unsubscribe"}, "hub.verify_token": {waVerify}, "hub.challenge": {"1"}},
	} {
		if code, body := get(q, "/whatsapp"); code != http.StatusForbidden || body == "1" {
			t.Errorf("%s: %d %q", name, code, body)
		}
	}
	if code, _ := get(ok, "/other"); code != http.StatusNotFound {
		t.Errorf("another path: %d", code)
	}
}

// An uncertain WhatsApp send (no answer came back) is settled by its
// status instead of being held: the status carries the outbox id.
func TestStatusSettlesUncertainWhatsAppSend(t *testing.T) {
	e := newWebhookEnv(t)
	ctx := context.Background()
	e.fake.DropNext(1) // Meta took it; the answer is lost
	_, err := e.store.Enqueue(ctx, outbox.Batch{Job: "shipped", Source: "demo", Messages: []outbox.NewMessage{
		{Message: mapping.Message{Channel: "whatsapp", To: "+905551112233", Text: "kargo", Payload: []byte(
			`{"name":"order_shipped","language":{"code":"tr"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ayşe"},{"type":"text","text":"2024-101"}]}]}`)},
			DedupeKey: "inv:101", RecordKey: "101"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.d.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	m := e.message(t, "whatsapp")
	if m.Status != outbox.StatusUncertain {
		t.Fatalf("after a lost answer: %s", m.Status)
	}
	// Without the receiver this would be held at once; with it, the send
	// waits for its status through the grace period.
	if err := e.d.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if st := e.message(t, "whatsapp").Status; st != outbox.StatusUncertain {
		t.Fatalf("reconciled before its status could come: %s", st)
	}
	body, sig := whatsapptest.StatusWebhook(waSecret, whatsapptest.Sent{ID: "wamid.lost", To: "905551112233",
		Opaque: fmt.Sprintf("outbox-%d", m.ID), At: time.Now()}, "delivered", 0)
	if code := e.post(t, body, sig); code != 200 {
		t.Fatalf("status: %d", code)
	}
	if got := e.message(t, "whatsapp"); got.Status != outbox.StatusDelivered || got.ProviderID != "wamid.lost" {
		t.Fatalf("after its status: %s %q, want delivered with its wamid", got.Status, got.ProviderID)
	}
	// One whose status never comes is held once the grace period is over.
	e.fake.DropNext(1)
	_, _ = e.store.Enqueue(ctx, outbox.Batch{Job: "shipped", Source: "demo", Messages: []outbox.NewMessage{
		{Message: mapping.Message{Channel: "whatsapp", To: "+905551112244", Text: "kargo", Payload: []byte(
			`{"name":"order_shipped","language":{"code":"tr"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ali"},{"type":"text","text":"2024-102"}]}]}`)},
			DedupeKey: "inv:102", RecordKey: "102"}}})
	_, _ = e.d.Drain(ctx)
	e.clock.add(time.Hour)
	if err := e.d.Reconcile(ctx); err != nil {
		t.Fatal(err)
	}
	if m := e.message(t, "whatsapp"); m.Status != outbox.StatusHeld || !strings.Contains(fmt.Sprint(m.Reason), "dispatch.no_status") {
		t.Errorf("no status after the grace period: %s %+v, want held", m.Status, m.Reason)
	}
}

// A customer's STOP by WhatsApp is a refusal of WhatsApp's commercial
// messages; a status failing with 131050 is one too.
func TestWhatsAppRefusals(t *testing.T) {
	e := newWebhookEnv(t)
	ctx := context.Background()
	body, sig := whatsapptest.ButtonWebhook(waSecret, "905551112233", "wamid.in1", "STOP", time.Now())
	if code := e.post(t, body, sig); code != 200 {
		t.Fatalf("message webhook: %d", code)
	}
	if code := e.post(t, body, sig); code != 200 { // Meta's retry
		t.Fatalf("retried message webhook: %d", code)
	}
	replies, _ := e.store.Replies(ctx, outbox.ReplyFilter{})
	if len(replies) != 1 || !replies[0].Refusal || replies[0].Channel != "whatsapp" {
		t.Fatalf("replies = %+v, want one refusal", replies)
	}
	if _, out, _ := e.store.Refused(ctx, "+905551112233", "whatsapp", true); !out {
		t.Error("STOP did not refuse WhatsApp's commercial messages")
	}
	if _, out, _ := e.store.Refused(ctx, "+905551112233", "whatsapp", false); out {
		t.Error("STOP stopped informational WhatsApp messages too")
	}
	if _, out, _ := e.store.Refused(ctx, "+905551112233", "sms", true); out {
		t.Error("a WhatsApp refusal stopped SMS")
	}
	_, sent := e.sendOne(t)
	failed, fsig := whatsapptest.StatusWebhook(waSecret, sent, "failed", 131050)
	if code := e.post(t, failed, fsig); code != 200 || e.message(t, "whatsapp").Status != outbox.StatusFailed {
		t.Fatalf("131050 status: %d %s", code, e.message(t, "whatsapp").Status)
	}
	if _, out, _ := e.store.Refused(ctx, "+905551112233", "whatsapp", true); !out {
		t.Error("131050 did not record a refusal")
	}
}

// Without the receiver too, a send refused with 131050 records the
// customer's refusal of WhatsApp's marketing messages; and a commercial
// message refused on WhatsApp does not fall back to SMS without SMS
// consent being checked (no iys: setting here), while an informational one
// still does.
func TestMarketingRefusalWithoutWebhook(t *testing.T) {
	fake := whatsapptest.New()
	t.Cleanup(fake.Close)
	fake.PairEvery = 0
	fake.MarketingTemplates = map[string]bool{"order_shipped": true}
	fake.StoppedMarketing = map[string]bool{"905551112233": true, "905551112244": true}
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	y := strings.ReplaceAll(webhookConfig, "URL", fake.URL())
	y = y[:strings.Index(y, "whatsapp_webhook:")] + y[strings.Index(y, "jobs:"):]
	y = strings.ReplaceAll(y, "    not_delivered_within: 2h\n", "")
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(y), 0o600)
	t.Setenv("TEST_WA_TOKEN", fake.Token)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	d, err := connector.New(context.Background(), cfg, connector.Options{RootCAs: pool})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	ctx, store := context.Background(), d.Store()
	payload := []byte(`{"name":"order_shipped","language":{"code":"tr"},"components":[{"type":"body","parameters":[{"type":"text","text":"Ayşe"},{"type":"text","text":"1"}]}]}`)
	for to, commercial := range map[string]bool{"+905551112233": true, "+905551112244": false} {
		key := fmt.Sprintf("campaign:%v", commercial)
		_, err := store.Enqueue(ctx, outbox.Batch{Job: "shipped", Source: "demo", Messages: []outbox.NewMessage{
			{Message: mapping.Message{Channel: "whatsapp", To: to, Text: "x", Payload: payload}, DedupeKey: key, Commercial: commercial},
			{Message: mapping.Message{Channel: "sms", To: to, Text: "x"}, DedupeKey: key, Commercial: commercial, Standby: 1},
		}})
		if err != nil {
			t.Fatal(err)
		}
	}
	for range 2 { // sms drains before whatsapp: its fallback goes on the second pass
		if _, err := d.Drain(ctx); err != nil {
			t.Fatal(err)
		}
	}
	ms, _ := store.List(ctx, outbox.Filter{Limit: 10})
	for _, m := range ms {
		commercial := strings.HasSuffix(m.DedupeKey, "true")
		switch {
		case m.Channel == "whatsapp" && (m.Status != outbox.StatusFailed || m.Code != "131050"):
			t.Errorf("%s whatsapp: %s %s", m.DedupeKey, m.Status, m.Code)
		case m.Channel == "sms" && commercial && (m.Status != outbox.StatusCancelled || m.Reason.Code != "dispatch.refused_no_fallback"):
			t.Errorf("commercial SMS fallback: %s %+v, want cancelled for want of SMS consent", m.Status, m.Reason)
		case m.Channel == "sms" && !commercial && m.Status != outbox.StatusSent:
			t.Errorf("informational SMS fallback: %s, want sent", m.Status)
		}
	}
	if _, out, _ := store.Refused(ctx, "+905551112233", "whatsapp", true); !out {
		t.Error("131050 at send time did not record the refusal")
	}
}
