package connector_test

import (
	"context"
	"crypto/x509"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

const refusalConfig = `
state_dir: state
quiet_hours: {disabled: true}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: netgsm
    rate: 1000/s
    netgsm:
      url: URL
      usercode: "8501234567"
      password: ${env:TEST_NETGSM_PASSWORD}
      msgheader: MAGAZA
  email:
    provider: console
iys:
  brand_code: "731734"
  merchant_column: TICARI_UNVANI
commercial:
  sender_identity: [MAGAZA]
jobs:
  - name: campaign
    sql: SELECT BLKODU, ADI_SOYADI, TICARI_UNVANI, CEP_TEL, E_MAIL FROM CARI WHERE BLKODU <= 3
    key: BLKODU
    schedule: "@every 1h"
    backfill: all
    kind: commercial
    messages:
      sms:
        to: [CEP_TEL]
        text: "MAGAZA: kasım indirimi başladı. Ret için RET yazıp 0850 123 45 67'ye gönderin."
      email:
        to: [E_MAIL]
        subject: "Kasım indirimi"
        text: "MAGAZA'da kasım indirimi başladı. Abonelikten çıkmak için bu e-postayı yanıtlayın."
`

// mailbox is an e-mail provider that keeps what it was given.
type mailbox struct {
	mu   sync.Mutex
	sent []notify.Message
}

func (r *mailbox) Send(_ context.Context, m notify.Message) (notify.Result, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sent = append(r.sent, m)
	return notify.Result{ProviderID: "mail-" + m.To}, nil
}

func (r *mailbox) addresses() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, m := range r.sent {
		out = append(out, m.To)
	}
	return out
}

type refusalEnv struct {
	d     *connector.Daemon
	fake  *netgsmtest.Server
	email *mailbox
	cfg   *config.Config
	dir   string
	log   *syncBuffer // what the daemon logged
}

func newRefusalEnv(t *testing.T, yaml string) *refusalEnv {
	t.Helper()
	fake := netgsmtest.New()
	t.Cleanup(fake.Close)
	fake.BrandCode = "731734"
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(yaml, "URL", fake.URL())), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TEST_NETGSM_PASSWORD", fake.Password)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	email := &mailbox{}
	log := &syncBuffer{}
	d, err := connector.New(context.Background(), cfg, connector.Options{RootCAs: pool, Providers: map[string]notify.Provider{"email": email},
		Logger: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return &refusalEnv{d: d, fake: fake, email: email, cfg: cfg, dir: dir, log: log}
}

const (
	ayse   = "+905321234567" // customer 1: replies "Ret"; consents to SMS and e-mail
	mehmet = "+905332345678" // customer 2: consents to SMS only
	caglar = "+905321234568" // customer 3: a company (TICARI_UNVANI), a merchant: needs no prior consent
)

// The end-to-end case: a customer's "Ret" reply arrives in NetGSM's
// inbox; the next commercial run sends her nothing on SMS, though İYS still
// holds her SMS consent, and still sends her the e-mail, whose consent she
// kept; the status page lists the refusal with the time it took effect.
func TestRefusalByReplyStopsThatChannelOnly(t *testing.T) {
	e := newRefusalEnv(t, refusalConfig)
	ctx := context.Background()
	for _, c := range []netgsmtest.Consent{
		{Type: "MESAJ", Recipient: ayse, RecipientType: "BIREYSEL", Status: "ONAY", ConsentDate: "2025-03-01 10:00:00", Source: "HS_WEB"},
		{Type: "EPOSTA", Recipient: "ayse.yilmaz@example.com", RecipientType: "BIREYSEL", Status: "ONAY", ConsentDate: "2025-03-01 10:00:00", Source: "HS_WEB"},
		{Type: "MESAJ", Recipient: mehmet, RecipientType: "BIREYSEL", Status: "ONAY", ConsentDate: "2025-04-02 11:00:00", Source: "HS_FIZIKSEL_ORTAM"},
	} {
		e.fake.SetConsent(c)
	}
	e.fake.Receive("905321234567", "Ret", time.Now().Add(-10*time.Minute))
	e.fake.Receive("905332345678", "Teşekkürler", time.Now().Add(-5*time.Minute))

	before := time.Now()
	r, err := e.d.PollReplies(ctx)
	if err != nil || r.New != 2 || r.Refusals != 1 {
		t.Fatalf("first read = %+v, %v; want 2 replies, 1 refusal", r, err)
	}
	// The next read's window overlaps the last: it finds both again and
	// stores neither twice.
	if r, err := e.d.PollReplies(ctx); err != nil || r.New != 0 || r.Duplicate != 2 {
		t.Fatalf("second read = %+v, %v; want the 2 replies as duplicates", r, err)
	}
	if n, err := e.d.SyncRefusals(ctx); err != nil || n != 1 {
		t.Fatalf("copies = %d, %v", n, err)
	}
	if adds := e.fake.IYSAdds(); len(adds) != 1 || adds[0].Recipient != ayse || adds[0].Status != "RET" || adds[0].Type != "MESAJ" {
		t.Errorf("İYS got %+v, want Ayşe's RET for MESAJ", adds)
	}
	if e.fake.Blacklisted("5321234567") {
		t.Error("a refusal of commercial messages went to the blacklist, which would stop her invoices too")
	}

	if _, err := e.d.RunJob(ctx, "campaign"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.d.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range e.fake.Messages() {
		got["+"+m.Number] = m.IYSFilter
	}
	if _, ok := got[ayse]; ok {
		t.Errorf("Ayşe refused SMS and still got one")
	}
	if got[mehmet] != "11" || got[caglar] != "12" {
		t.Errorf("SMS sent with iysfilter %v, want Mehmet 11 (individual) and Çağlar 12 (merchant)", got)
	}
	mails := strings.Join(e.email.addresses(), " ")
	if !strings.Contains(mails, "ayse.yilmaz@example.com") || !strings.Contains(mails, "muhasebe@caglargida.example.com") ||
		strings.Contains(mails, "mehmet@") {
		t.Errorf("e-mails to %s; want Ayşe (consent) and Çağlar (merchant), not Mehmet (no e-mail consent)", mails)
	}
	msgs, err := e.d.Store().List(ctx, outbox.Filter{Job: "campaign"})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		switch {
		case m.To == ayse && (m.Status != outbox.StatusSkipped || m.Reason.Code != "dispatch.refused_by_reply"):
			t.Errorf("Ayşe's SMS: %s %+v, want skipped as refused by reply", m.Status, m.Reason)
		case m.To == "mehmet@ozturk.example.com" && (m.Status != outbox.StatusSkipped || m.Reason.Code != "dispatch.no_consent"):
			t.Errorf("Mehmet's e-mail: %s %+v, want skipped for want of consent", m.Status, m.Reason)
		}
	}

	// The page lists the refusal, with the time it took effect.
	refusals, err := e.d.Store().Refusals(ctx, 10)
	if err != nil || len(refusals) != 1 || refusals[0].Channel != "sms" || refusals[0].Added.Before(before.Add(-time.Second)) {
		t.Fatalf("refusals = %+v, %v", refusals, err)
	}
	page := statusPage(t, e.d, e.cfg)
	when := refusals[0].Added.In(e.cfg.Location()).Format("02.01.2006 15:04:05 -07:00")
	page = strings.ReplaceAll(page, "&#43;", "+") // html/template writes + so
	section := regexp.MustCompile(`(?s)<section id="refusals">.*?</section>`).FindString(page)
	if !strings.Contains(section, mapping.MaskRecipient(ayse)) || !strings.Contains(section, when) || !strings.Contains(section, "ticari mesajlar") {
		t.Errorf("the page's refusals do not show Ayşe's refusal at %s:\n%s", when, section)
	}
	if strings.Contains(page, ayse) {
		t.Error("the page shows a full number")
	}
}

// statusPage logs in to the status page and returns it.
func statusPage(t *testing.T, d *connector.Daemon, cfg *config.Config) string {
	t.Helper()
	auth := status.AuthPath(string(cfg.StateDir))
	if err := status.SetPassword(auth, "parola-123"); err != nil {
		t.Fatal(err)
	}
	srv, err := status.New(status.Options{Store: d.Store(), Probe: d, AuthFile: auth, Language: "tr", Location: cfg.Location()})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	get := func(path string) string {
		resp, err := c.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(get("/login"))
	if m == nil {
		t.Fatal("no CSRF token on the login page")
	}
	resp, err := c.PostForm(ts.URL+"/login", url.Values{"csrf": {m[1]}, "password": {"parola-123"}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %v %v", resp, err)
	}
	resp.Body.Close()
	return get("/")
}

// With replies.confirm the refusal is answered by SMS (an informational
// message, which the refusal of commercial ones lets through); with
// stop_informational the refusal stops informational messages too and the
// number goes to NetGSM's blacklist.
func TestRefusalSettings(t *testing.T) {
	ctx := context.Background()
	t.Run("confirm", func(t *testing.T) {
		e := newRefusalEnv(t, strings.Replace(refusalConfig, "jobs:", "replies: {confirm: true, confirm_text: \"Ret talebiniz alındı. MAGAZA\"}\njobs:", 1))
		e.fake.Receive("905321234567", "İPTAL", time.Now().Add(-time.Minute))
		if r, err := e.d.PollReplies(ctx); err != nil || r.Refusals != 1 {
			t.Fatalf("read: %+v, %v", r, err)
		}
		if _, err := e.d.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		ms := e.fake.Messages()
		if len(ms) != 1 || ms[0].Number != "905321234567" || ms[0].Text != "Ret talebiniz alındı. MAGAZA" || ms[0].IYSFilter != "0" {
			t.Errorf("confirmation: %+v", ms)
		}
		if e.fake.Blacklisted("5321234567") {
			t.Error("blacklisted without stop_informational")
		}
	})
	t.Run("stop informational", func(t *testing.T) {
		e := newRefusalEnv(t, strings.Replace(refusalConfig, "jobs:", "replies: {stop_informational: true}\njobs:", 1))
		e.fake.Receive("905321234567", "ret", time.Now().Add(-time.Minute))
		if r, err := e.d.PollReplies(ctx); err != nil || r.Refusals != 1 {
			t.Fatalf("read: %+v, %v", r, err)
		}
		if _, err := e.d.SyncRefusals(ctx); err != nil {
			t.Fatal(err)
		}
		if !e.fake.Blacklisted("5321234567") {
			t.Error("not on NetGSM's blacklist")
		}
		_, err := e.d.Store().Enqueue(ctx, outbox.Batch{Job: "invoices", Source: "demo", Messages: []outbox.NewMessage{
			{Message: mapping.Message{Channel: "sms", To: ayse, Text: "Faturanız hazır"}, DedupeKey: "invoice:1"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.d.Drain(ctx); err != nil {
			t.Fatal(err)
		}
		if len(e.fake.Messages()) != 0 {
			t.Errorf("an informational SMS went to a customer who refused everything: %+v", e.fake.Messages())
		}
	})
}

const optedOutFallbackConfig = `
state_dir: state
quiet_hours: {disabled: true}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: netgsm
    rate: 1000/s
    netgsm:
      url: URL
      usercode: "8501234567"
      password: ${env:TEST_NETGSM_PASSWORD}
      msgheader: MAGAZA
  email:
    provider: console
jobs:
  - name: notices
    sql: SELECT BLKODU, ADI_SOYADI, CEP_TEL, E_MAIL FROM CARI WHERE BLKODU <= 2
    key: BLKODU
    schedule: "@every 1h"
    backfill: all
    fallback: [email]
    messages:
      sms:
        to: [CEP_TEL]
        text: "Hesabınızla ilgili bilgi: {{.ADI_SOYADI}}"
      email:
        to: [E_MAIL]
        subject: "Bilgi"
        text: "Hesabınızla ilgili bilgi: {{.ADI_SOYADI}}"
`

// An opt-out of every channel is kept per address: a number that refused
// everything skips the SMS, and the event goes on by its fallback to the
// customer's e-mail address, which its own take checks against the list.
// Before, the fallback copy stood waiting for ever.
func TestOptedOutNumberFallsBackToTheNextChannel(t *testing.T) {
	e := newRefusalEnv(t, optedOutFallbackConfig)
	ctx := context.Background()
	if err := e.d.Store().AddOptOut(ctx, outbox.OptOutEntry{Recipient: ayse, Channel: outbox.EveryChannel, Scope: outbox.ScopeAll}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.d.RunJob(ctx, "notices"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := e.d.Drain(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range e.fake.Messages() {
		if "+"+m.Number == ayse {
			t.Errorf("Ayşe's number is on the opt-out list and still got an SMS")
		}
	}
	if mails := e.email.addresses(); len(mails) != 1 || mails[0] != "ayse.yilmaz@example.com" {
		t.Errorf("e-mails to %v; want only Ayşe's, the fallback of her refused SMS", mails)
	}
	msgs, err := e.d.Store().List(ctx, outbox.Filter{Job: "notices"})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		if m.Channel == "email" && m.To != "ayse.yilmaz@example.com" && m.Status != outbox.StatusStandby && m.Status != outbox.StatusCancelled {
			t.Errorf("the fallback of a sent SMS is %s, want it standing by or cancelled", m.Status)
		}
	}
}
