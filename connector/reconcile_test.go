package connector_test

import (
	"context"
	"crypto/x509"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

const providerConfig = `
state_dir: state
quiet_hours: {disabled: true}
UNCERTAIN
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: netgsm
    rate: RATE
    batch: BATCH
    netgsm:
      url: URL
      usercode: "8501234567"
      password: ${env:TEST_NETGSM_PASSWORD}
      msgheader: MAGAZA
  email:
    provider: console
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    fallback: [email]
    NOTDELIVERED
    messages:
      sms:
        text: "{{.FATURA_NO}}"
      email:
        subject: "Fatura"
        text: "{{.FATURA_NO}}"
`

type env struct {
	d     *connector.Daemon
	fake  *netgsmtest.Server
	store *outbox.Store
	clock *sendClock
}

type sendClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *sendClock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *sendClock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// netgsmEnv runs a daemon whose sms channel is NetGSM, pointed at a fake.
// provide, when set, builds the sms provider instead of the config.
func netgsmEnv(t testing.TB, repl map[string]string, provide func(*netgsmtest.Server, *x509.CertPool) notify.Provider) *env {
	t.Helper()
	fake := netgsmtest.New()
	t.Cleanup(fake.Close)
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	y := strings.ReplaceAll(providerConfig, "URL", fake.URL())
	for k, def := range map[string]string{"RATE": "1000/s", "BATCH": "100", "UNCERTAIN": "", "NOTDELIVERED": ""} {
		v, ok := repl[k]
		if !ok {
			v = def
		}
		y = strings.ReplaceAll(y, k, v)
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	os.Setenv("TEST_NETGSM_PASSWORD", fake.Password)
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
	opts := connector.Options{RootCAs: pool, Now: c.now}
	if provide != nil {
		opts.Providers = map[string]notify.Provider{"sms": provide(fake, pool)}
	}
	d, err := connector.New(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return &env{d: d, fake: fake, store: d.Store(), clock: c}
}

// enqueue adds n invoice events, each an SMS with an e-mail standby.
func (e *env) enqueue(t testing.TB, from, n int) {
	t.Helper()
	var ms []outbox.NewMessage
	for i := from; i < from+n; i++ {
		key := fmt.Sprintf("invoice:%d:created", i)
		ms = append(ms, outbox.NewMessage{Message: mapping.Message{Channel: "sms", To: fmt.Sprintf("+90532%07d", i), Text: "Fatura " + fmt.Sprint(i)}, DedupeKey: key, RecordKey: fmt.Sprint(i)},
			outbox.NewMessage{Message: mapping.Message{Channel: "email", To: fmt.Sprintf("m%d@example.com", i), Text: "Fatura"}, DedupeKey: key, RecordKey: fmt.Sprint(i), Standby: 1})
	}
	if _, err := e.store.Enqueue(context.Background(), outbox.Batch{Job: "new-invoices", Source: "demo", Messages: ms}); err != nil {
		t.Fatal(err)
	}
}

func (e *env) status(t *testing.T, channel string, i int) outbox.Status {
	t.Helper()
	ms, err := e.store.List(context.Background(), outbox.Filter{Channel: channel, Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.DedupeKey == fmt.Sprintf("invoice:%d:created", i) {
			return m.Status
		}
	}
	return "missing"
}

func TestReportsMoveSentToDeliveredOrFailed(t *testing.T) {
	e := netgsmEnv(t, nil, nil)
	e.enqueue(t, 1, 3)
	if n, err := e.d.Drain(context.Background()); err != nil || n < 3 {
		t.Fatalf("Drain = %d, %v", n, err)
	}
	if n := e.fake.Count("/sms/rest/v2/send"); n != 1 {
		t.Fatalf("%d send requests for 3 messages with batch 100, want 1", n)
	}
	// NetGSM is a reporter: the fallback waits for the delivery report.
	if s := e.status(t, "email", 1); s != outbox.StatusStandby {
		t.Fatalf("e-mail fallback is %s right after the SMS was accepted, want standby", s)
	}
	e.fake.SetStatus("5320000001", 1, 0)
	e.fake.SetStatus("5320000002", 3, 105)
	if err := e.d.Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i, want := range map[int][2]outbox.Status{1: {outbox.StatusDelivered, outbox.StatusCancelled}, 2: {outbox.StatusFailed, outbox.StatusPending},
		3: {outbox.StatusSent, outbox.StatusStandby}} {
		if sms, email := e.status(t, "sms", i), e.status(t, "email", i); sms != want[0] || email != want[1] {
			t.Errorf("invoice %d: sms %s email %s, want %v", i, sms, email, want)
		}
	}
}

// reading is one way NetGSM's report may answer a query by date without
// jobids; which one it really does is unconfirmed, so the uncertain cases
// run under each.
type reading struct {
	name     string
	date     netgsmtest.DateSearch
	appnames netgsmtest.AppNames
}

var readings = []reading{
	{"date search lists, appname filtered", netgsmtest.DateSearchLists, netgsmtest.AppNameFiltered},
	{"date search lists, appname ignored", netgsmtest.DateSearchLists, netgsmtest.AppNameIgnored},
	{"date search answers 60", netgsmtest.DateSearchNoRecords, netgsmtest.AppNameFiltered},
}

// lists says the report lists sends by date; attributes, that a row found
// can be told to be ours.
func (r reading) lists() bool      { return r.date == netgsmtest.DateSearchLists }
func (r reading) attributes() bool { return r.lists() && r.appnames == netgsmtest.AppNameFiltered }

func (e *env) under(r reading) *env {
	e.fake.DateSearch, e.fake.AppNames = r.date, r.appnames
	return e
}

// TestUncertainSendIsReconciledNotResent is the crash/timeout case: NetGSM
// took the job but the answer was lost. Where the report can find the job
// and tell it is ours, the message is sent with its jobid; elsewhere it is
// held once the grace period is over. It is never sent a second time.
func TestUncertainSendIsReconciledNotResent(t *testing.T) {
	for _, r := range readings {
		t.Run(r.name, func(t *testing.T) {
			e := netgsmEnv(t, map[string]string{"BATCH": "1"}, nil).under(r)
			e.enqueue(t, 1, 1)
			e.fake.AcceptThenDrop(1)
			if _, err := e.d.Drain(context.Background()); err != nil {
				t.Fatal(err)
			}
			if s := e.status(t, "sms", 1); s != outbox.StatusUncertain {
				t.Fatalf("status %s, want uncertain", s)
			}
			if err := e.d.Reconcile(context.Background()); err != nil {
				t.Fatal(err)
			}
			if !r.attributes() {
				if s := e.status(t, "sms", 1); s != outbox.StatusUncertain {
					t.Fatalf("status %s within the grace period, want uncertain", s)
				}
				e.clock.add(time.Hour)
				if err := e.d.Reconcile(context.Background()); err != nil {
					t.Fatal(err)
				}
			}
			m := e.message(t, "sms", 1)
			switch {
			case r.attributes():
				if m.Status != outbox.StatusSent || m.ProviderID != e.fake.Messages()[0].JobID {
					t.Fatalf("after reconcile: %s %q, want sent with the fake's jobid", m.Status, m.ProviderID)
				}
			case m.Status != outbox.StatusHeld || !strings.HasPrefix(catalog.EN.Reason(m.Reason), "uncertain: ") || !strings.HasPrefix(catalog.TR.Reason(m.Reason), "gönderim belirsiz: ") || !strings.Contains(catalog.TR.Reason(m.Reason), "NetGSM"):
				t.Fatalf("after the grace period: %s %q / %q, want held with NetGSM's reason", m.Status, catalog.EN.Reason(m.Reason), catalog.TR.Reason(m.Reason))
			}
			e.d.Drain(context.Background())
			if n := e.fake.Count("/sms/rest/v2/send"); n != 1 {
				t.Fatalf("%d send requests: an uncertain send was resent", n)
			}
		})
	}
}

// TestUncertainNeverAcceptedIsResent: NetGSM never took the send. It goes
// again only when the report by date lists the sends NetGSM accepted around
// it (the witnesses) and not it; with no witness, or a report that lists
// nothing by date, it is held with the reason.
func TestUncertainNeverAcceptedIsResent(t *testing.T) {
	for _, r := range readings {
		for _, withWitness := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s, witness %v", r.name, withWitness), func(t *testing.T) {
				e := netgsmEnv(t, map[string]string{"BATCH": "1"}, nil).under(r)
				if withWitness {
					e.enqueue(t, 2, 1)
					e.d.Drain(context.Background())
					if s := e.status(t, "sms", 2); s != outbox.StatusSent {
						t.Fatalf("witness is %s, want sent", s)
					}
				}
				e.enqueue(t, 1, 1)
				e.fake.DropNext(1) // dropped before NetGSM handled it
				e.d.Drain(context.Background())
				if s := e.status(t, "sms", 1); s != outbox.StatusUncertain {
					t.Fatalf("status %s, want uncertain", s)
				}
				e.d.Reconcile(context.Background())
				if s := e.status(t, "sms", 1); s != outbox.StatusUncertain {
					t.Fatalf("status %s right after the send, want still uncertain (the report may lag)", s)
				}
				e.clock.add(time.Hour)
				if err := e.d.Reconcile(context.Background()); err != nil {
					t.Fatal(err)
				}
				m := e.message(t, "sms", 1)
				switch {
				case withWitness && r.lists():
					if m.Status != outbox.StatusPending || !strings.Contains(catalog.EN.Reason(m.Reason), "proves it never took this send") {
						t.Fatalf("status %s %q, want pending (resend on a proven absence)", m.Status, m.Reason)
					}
				case withWitness:
					if m.Status != outbox.StatusHeld || !strings.Contains(catalog.EN.Reason(m.Reason), "did not list the sends it is known to have accepted") ||
						!strings.Contains(catalog.TR.Reason(m.Reason), "kabul ettiği bilinen gönderimleri listelemedi") {
						t.Fatalf("status %s %q / %q, want held: the report did not list the witness", m.Status, catalog.EN.Reason(m.Reason), catalog.TR.Reason(m.Reason))
					}
				default:
					if m.Status != outbox.StatusHeld || !strings.Contains(catalog.EN.Reason(m.Reason), "no send NetGSM is known to have accepted falls in that window") ||
						!strings.Contains(catalog.TR.Reason(m.Reason), "kabul ettiği bilinen bir gönderim yok") {
						t.Fatalf("status %s %q / %q, want held: nothing to check the report against", m.Status, catalog.EN.Reason(m.Reason), catalog.TR.Reason(m.Reason))
					}
				}
			})
		}
	}
}

type unknownProvider struct{}

func (unknownProvider) Send(context.Context, notify.Message) (notify.Result, error) {
	return notify.Result{}, notify.Unknown(mapping.Reason{Detail: "timeout"}, nil)
}

func TestUncertainWithoutReportAPI(t *testing.T) {
	for mode, want := range map[string]outbox.Status{"": outbox.StatusHeld, "uncertain_sends: resend": outbox.StatusPending} {
		e := netgsmEnv(t, map[string]string{"UNCERTAIN": mode}, func(*netgsmtest.Server, *x509.CertPool) notify.Provider { return unknownProvider{} })
		e.enqueue(t, 1, 1)
		e.d.Drain(context.Background())
		if err := e.d.Reconcile(context.Background()); err != nil {
			t.Fatal(err)
		}
		if s := e.status(t, "sms", 1); s != want {
			t.Errorf("%q: status %s, want %s", mode, s, want)
		}
	}
}

func TestNotDeliveredWithinFallsBack(t *testing.T) {
	e := netgsmEnv(t, map[string]string{"NOTDELIVERED": "not_delivered_within: 30m"}, nil)
	e.enqueue(t, 1, 1)
	e.d.Drain(context.Background())
	e.d.Reconcile(context.Background())
	if s := e.status(t, "email", 1); s != outbox.StatusStandby {
		t.Fatalf("e-mail %s before the delay, want standby", s)
	}
	e.clock.add(31 * time.Minute)
	e.d.Reconcile(context.Background())
	if s := e.status(t, "email", 1); s != outbox.StatusPending {
		t.Fatalf("e-mail %s after 31 minutes without delivery, want pending", s)
	}
}

func TestEveryProviderBuildsFromConfig(t *testing.T) {
	for _, ch := range []*config.Channel{
		{Provider: "netgsm", NetGSM: &config.NetGSM{UserCode: "u", MsgHeader: "H"}},
		{Provider: "mutlucell", Mutlucell: &config.Mutlucell{User: "u", Originator: "O"}},
		{Provider: "whatsapp_cloud", WhatsApp: &config.WhatsApp{PhoneNumberID: "1"}},
		{Provider: "smtp", SMTP: &config.SMTP{Host: "mail.example.com", From: "a@example.com"}},
		{Provider: "webhook", Webhook: &config.Webhook{URL: "https://shop.example.com/hook"}},
		{Provider: "console"},
	} {
		p, err := connector.NewProvider("x", ch, connector.ProviderOptions{})
		if err != nil || p == nil {
			t.Errorf("%s: %v", ch.Provider, err)
		}
	}
}

// TestCrashDuringSendIsReconciled: the process died after NetGSM took the job
// but before the outcome was written. At the next start the message is
// uncertain; where the report finds the job and tells it is ours, the outbox
// matches what the provider got; elsewhere it is held. Never a second send.
func TestCrashDuringSendIsReconciled(t *testing.T) {
	for _, r := range readings {
		t.Run(r.name, func(t *testing.T) {
			e := netgsmEnv(t, map[string]string{"BATCH": "1"}, nil).under(r)
			e.enqueue(t, 1, 1)
			ctx := context.Background()
			claimed, err := e.store.Claim(ctx, "sms", 10)
			if err != nil || len(claimed) != 1 {
				t.Fatalf("Claim = %v, %v", claimed, err)
			}
			// The request reaches NetGSM; the crash loses the answer.
			e.fake.AcceptThenDrop(1)
			pool := x509.NewCertPool()
			pool.AddCert(e.fake.Server.Certificate())
			p, err := connector.NewProvider("sms", &config.Channel{Provider: "netgsm", NetGSM: &config.NetGSM{URL: e.fake.URL(),
				UserCode: e.fake.User, Password: config.Secret(e.fake.Password), MsgHeader: "MAGAZA"}}, connector.ProviderOptions{RootCAs: pool})
			if err != nil {
				t.Fatal(err)
			}
			p.Send(ctx, notify.Message{Message: mapping.Message{To: claimed[0].To, Text: claimed[0].Text}})
			// Restart.
			if n, err := e.store.RecoverInFlight(ctx); err != nil || n != 1 {
				t.Fatalf("RecoverInFlight = %d, %v", n, err)
			}
			e.clock.add(time.Hour)
			if err := e.d.Reconcile(ctx); err != nil {
				t.Fatal(err)
			}
			got := e.fake.Messages()
			m := e.message(t, "sms", 1)
			want := outbox.StatusHeld
			if r.attributes() {
				want = outbox.StatusSent
			}
			if len(got) != 1 || m.Status != want || (want == outbox.StatusSent && m.ProviderID != got[0].JobID) {
				t.Fatalf("outbox %s %q (%s), provider got %+v; want %s", m.Status, m.ProviderID, m.Reason, got, want)
			}
			e.d.Drain(ctx)
			if n := e.fake.Count("/sms/rest/v2/send"); n != 1 {
				t.Fatalf("%d sends after the restart, want 1", n)
			}
		})
	}
}
