package connector_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/logging"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/smtp/smtptest"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

const everyChannelConfig = `
state_dir: state
quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms: {provider: console, rate: 1000/s}
  whatsapp: {provider: console, rate: 1000/s}
  email: {provider: console, rate: 1000/s}
  webhook: {provider: console, rate: 1000/s}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    messages:
      sms: {text: "{{.FATURA_NO}}"}
      whatsapp:
        template: fatura_hazir
        language: tr
        body: [{type: text, value: "{{.FATURA_NO}}"}]
      email: {to: [E_MAIL], subject: "{{.FATURA_NO}}", text: "{{.FATURA_NO}}"}
      webhook: {to: [CEP_TEL], text: "{{.FATURA_NO}} {{.CEP_TEL}}"}
`

// recorder accepts every send and keeps the recipients, per channel.
type recorder struct {
	mu sync.Mutex
	to map[string][]string
}

func (r *recorder) provider(channel string) notify.Provider {
	return providerFunc(func(_ context.Context, m notify.Message) (notify.Result, error) {
		r.mu.Lock()
		defer r.mu.Unlock()
		r.to[channel] = append(r.to[channel], m.To)
		return notify.Result{ProviderID: "ok"}, nil
	})
}

type providerFunc func(context.Context, notify.Message) (notify.Result, error)

func (f providerFunc) Send(ctx context.Context, m notify.Message) (notify.Result, error) {
	return f(ctx, m)
}

// A forgotten customer (Mehmet Öztürk, +90 (533) 234-5678 in the ERP) who had
// opted out is not messaged again on any channel: the next invoice's
// messages are stored skipped, and a message that reached the queue by
// another way (an older binary, a send queued before the forget) is skipped
// by the dispatcher's opt-out check.
func TestForgottenCustomerIsNotMessagedOnAnyChannel(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(everyChannelConfig), 0o600)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{to: map[string][]string{}}
	providers := map[string]notify.Provider{}
	channels := []string{"sms", "whatsapp", "email", "webhook"}
	for _, ch := range channels {
		providers[ch] = rec.provider(ch)
	}
	d, err := connector.New(ctx, cfg, connector.Options{Providers: providers})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil { // starts from now
		t.Fatal(err)
	}
	store := d.Store()
	if err := store.OptOut(ctx, "0533 234 56 78", "telefonla istedi"); err != nil {
		t.Fatal(err)
	}
	for _, addr := range []string{"+90 533 234 56 78", "MEHMET@Ozturk.Example.com"} {
		if _, err := store.Forget(ctx, addr); err != nil {
			t.Fatal(err)
		}
	}

	addInvoices(t, dir, demo.Invoice{Key: 301, Customer: 2, No: "2024-301", Total: "10.00", Kind: 1, Date: "2026-11-20"},
		demo.Invoice{Key: 302, Customer: 1, No: "2024-302", Total: "10.00", Kind: 1, Date: "2026-11-20"})
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	// Queued past Enqueue, straight into the file, on every channel.
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(connector.OutboxPath(cfg)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for ch, to := range map[string]string{"sms": "+905332345678", "whatsapp": "+905332345678", "email": "mehmet@ozturk.example.com", "webhook": "+905332345678"} {
		if _, err := db.ExecContext(ctx, `INSERT INTO messages (dedupe_key, channel, job, source, record_key, recipient, body, status, created_at, updated_at)
			VALUES ('raw:1', ?, 'new-invoices', 'demo', '1', ?, 'x', 'pending', 1, 1)`, ch, to); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := d.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	for _, ch := range channels {
		sent := strings.Join(rec.to[ch], " ")
		if strings.Contains(sent, "5332345678") || strings.Contains(sent, "mehmet@") {
			t.Errorf("%s: the forgotten customer was messaged: %s", ch, sent)
		}
		if len(rec.to[ch]) != 1 {
			t.Errorf("%s: %d sends, want Ayşe's one: %v", ch, len(rec.to[ch]), rec.to[ch])
		}
	}
	ms, _ := store.List(ctx, outbox.Filter{Limit: 100})
	skipped := map[string]string{}
	for _, m := range ms {
		if m.RecordKey == "301" || m.DedupeKey == "raw:1" {
			if m.Status != outbox.StatusSkipped {
				t.Errorf("message %d (%s, %s) is %s, want skipped", m.ID, m.Channel, m.DedupeKey, m.Status)
			}
			reason := catalog.EN.Reason(m.Reason)
			skipped[m.Channel+" "+m.DedupeKey] = reason
			// The new invoice is stopped at Enqueue, the raw one by the dispatcher.
			if want := map[bool]string{true: "opt-out list", false: "asked to be forgotten"}[m.DedupeKey == "raw:1"]; !strings.Contains(reason, want) {
				t.Errorf("message %d (%s) skipped for %q, want %q", m.ID, m.Channel, m.Reason, want)
			}
		}
	}
	if len(skipped) != 8 {
		t.Errorf("skipped = %v; want the new invoice and the raw message on 4 channels", skipped)
	}
}

const bounceConfig = `
state_dir: state
quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  email:
    provider: smtp
    rate: 1000/s
    smtp: {host: 127.0.0.1, port: PORT, user: magaza@example.com, password: "${env:AC_TEST_BOUNCE_SMTP_PASSWORD}", from: magaza@example.com}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    messages:
      email: {to: [E_MAIL], subject: "Faturanız {{.FATURA_NO}}", text: "Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}}"}
`

// A real SMTP server refuses Mehmet's address (550 5.1.1, quoting it): the
// reason, the attempt and the automatic opt-out entry hold the address in
// full; the log file holds it masked. After forget the outbox files hold it
// in no spelling and the log never did, and the refusal still stands.
func TestForgetAfterABounceLeavesNoTrace(t *testing.T) {
	ctx := context.Background()
	srv, err := smtptest.New(false)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	t.Setenv("AC_TEST_BOUNCE_SMTP_PASSWORD", srv.Password)
	dir := t.TempDir()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(strings.Replace(bounceConfig, "PORT", "587", 1)), 0o600)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Channels.Email.SMTP.Port = srv.Port // a config must name 587 or 465
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	logDir := filepath.Join(dir, "logs")
	log, closer, err := logging.New(logging.Options{Dir: logDir, Level: slog.LevelDebug})
	if err != nil {
		t.Fatal(err)
	}
	defer closer.Close()
	d, err := connector.New(ctx, cfg, connector.Options{Logger: log, RootCAs: srv.CA})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	addInvoices(t, dir, demo.Invoice{Key: 310, Customer: 2, No: "2024-310", Total: "10.00", Kind: 1, Date: "2026-11-20"})
	srv.Inject(smtptest.StageRcpt, 550, [3]int{5, 1, 1}, "<mehmet@ozturk.example.com>: Recipient address rejected: User unknown in virtual mailbox table", 1)
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	store := d.Store()
	ms, _ := store.List(ctx, outbox.Filter{})
	if len(ms) != 1 || ms[0].Status != outbox.StatusFailed || !strings.Contains(catalog.EN.Reason(ms[0].Reason), "mehmet@ozturk.example.com") {
		t.Fatalf("the bounce = %+v; want it failed with the server's reply", ms)
	}
	list, _ := store.OptOuts(ctx)
	if len(list) != 1 {
		t.Fatalf("the bounced address is not on the opt-out list: %+v", list)
	}
	// The config's language is Turkish (the default): so is the note the
	// operator reads in the list.
	if !strings.HasPrefix(list[0].Note, "adres yok (") {
		t.Errorf("the bounce's note = %q; want it in Turkish", list[0].Note)
	}
	state := connector.OutboxPath(cfg)
	logs, _ := filepath.Glob(filepath.Join(logDir, "*"))
	if len(logs) == 0 {
		t.Fatal("no log file")
	}
	if b, _ := os.ReadFile(logs[0]); !bytes.Contains(b, []byte("m***@ozturk.example.com")) {
		t.Errorf("the log does not show the refusal (masked):\n%s", b)
	}
	if found := addressTraces(t, "mehmet@ozturk.example.com", state, state+"-wal"); len(found) == 0 {
		t.Fatal("the outbox holds nothing of him before forget: the scan shows nothing")
	}
	if found := addressTraces(t, "mehmet@ozturk.example.com", logs...); len(found) > 0 {
		t.Errorf("the log holds his address: %v", found)
	}
	f, err := store.Forget(ctx, "MEHMET@OZTURK.example.com")
	if err != nil || len(f.Messages) != 1 || f.Audit == 0 || !f.OptOut || f.WALBusy {
		t.Fatalf("forget = %+v, %v", f, err)
	}
	if found := addressTraces(t, "mehmet@ozturk.example.com", append([]string{state, state + "-wal"}, logs...)...); len(found) > 0 {
		t.Errorf("after forget: %v", found)
	}
	if out, err := store.OptedOut(ctx, "Mehmet@Ozturk.Example.com"); err != nil || !out {
		t.Errorf("the bounce's refusal did not survive forget: %v, %v", out, err)
	}
}

// addressTraces scans files' raw bytes for an address in any case, or a
// number in the spellings mapping.Matcher knows.
func addressTraces(t *testing.T, addr string, files ...string) []string {
	t.Helper()
	m := mapping.NewMatcher(addr)
	var found []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if m.Match(string(b)) {
			found = append(found, filepath.Base(f))
		}
	}
	return found
}
