package status_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// A shop as its owner finds it one evening: two weeks of SMS and e-mail
// behind it, tonight's invoices waiting for the morning (quiet hours), and
// the problems a shop really has — customers without a mobile number or an
// e-mail address, a landline, a mistyped number, an invoice whose account
// is gone, an address the mail server refused, a send nobody can tell went,
// a job that could not reach Wolvox. Turkish job names, as init writes them.
const ownerConfig = `
state_dir: state
timezone: Europe/Istanbul
quiet_hours: {start: "21:00", end: "09:00", channels: [sms]}
status: {disabled: true}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms: {provider: console, rate: 1000/s}
  email: {provider: console, rate: 1000/s}
jobs:
  - name: yeni-faturalar
    preset: new_invoices
    schedule: "@every 1h"
    backfill: all
    messages:
      sms: {text: "Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}} numaralı faturanız düzenlenmiştir."}
      email: {subject: "Faturanız: {{.FATURA_NO}}", text: "Sayın {{.MUSTERI_ADI}}, faturanız ektedir."}
`

const viewerPassword = "dukkan-sahibi-42"

// ownerNow is the evening the page is looked at: 22:30 in Istanbul.
var ownerNow = time.Date(2026, 11, 25, 22, 30, 0, 0, time.FixedZone("+03", 3*3600))

type ownerEnv struct {
	*env
	ist *time.Location
}

func newOwnerEnv(t *testing.T) *ownerEnv {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(ownerConfig), 0o600)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: ownerNow}
	mailbox := notify.Permanent("550", mapping.Reason{Detail: "mailbox unavailable", Args: map[string]string{"tr": "posta kutusu yok"}})
	p := &provider{errs: []error{mailbox}}
	d, err := connector.New(ctx, cfg, connector.Options{Providers: map[string]notify.Provider{"sms": p, "email": p}, Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	e := &ownerEnv{env: &env{t: t, dir: dir, daemon: d, store: d.Store(), authFile: status.AuthPath(string(cfg.StateDir)), clock: clk},
		ist: cfg.Location()}
	e.history(ctx)
	e.troubles(ctx)
	// Tonight's run: every demo invoice, backfilled. E-mail goes (one
	// address refused); SMS waits for the morning.
	if _, err := d.RunJob(ctx, "yeni-faturalar"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if err := e.store.RecordJobRun(ctx, outbox.JobRun{Job: "vade-hatirlatma", LastRun: ownerNow.Add(-20 * time.Minute),
		Err:     "source merkez (firebird): cannot reach the database D:\\WOLVOX8\\DATA\\2026.FDB: dial tcp 192.168.1.10:3050: connect: connection refused",
		Failure: string(erp.FailureUnreachable), Next: ownerNow.Add(40 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	if err := status.SetPassword(e.authFile, password); err != nil {
		t.Fatal(err)
	}
	if err := status.SetViewerPassword(e.authFile, viewerPassword); err != nil {
		t.Fatal(err)
	}
	srv, err := status.New(status.Options{Store: e.store, Probe: d, Metrics: d.Metrics(), AuthFile: e.authFile,
		Location: cfg.Location(), Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(srv)
	t.Cleanup(e.srv.Close)
	return e
}

// at moves the store's clock for messages of another day.
func (e *ownerEnv) at(t time.Time) { e.store.SetClock(func() time.Time { return t }) }

// history is the two weeks before tonight: each day at 11:00 a few invoice
// messages per channel, most delivered, some sent without a report yet,
// now and then one failed.
func (e *ownerEnv) history(ctx context.Context) {
	t := e.t
	for day := 13; day >= 1; day-- {
		at := time.Date(ownerNow.Year(), ownerNow.Month(), ownerNow.Day()-day, 11, 0, 0, 0, e.ist)
		e.at(at)
		for ci, ch := range []string{"sms", "email"} {
			n := 2 + (day*7+ci*3)%6
			b := outbox.Batch{Job: "yeni-faturalar", Source: "demo"}
			for k := 0; k < n; k++ {
				c := demo.Customers[(day+k)%len(demo.Customers)]
				no := fmt.Sprintf("2026-%03d", 900-day*10-k)
				b.Messages = append(b.Messages, outbox.NewMessage{Message: mapping.Message{Channel: ch, To: "+9053212345" + fmt.Sprintf("%02d", k), Text: "Sayın " + c.Name},
					DedupeKey: fmt.Sprintf("invoice:demo:h%d-%d:created", day, k), RecordKey: fmt.Sprint(k), About: no + " · " + name(c)})
			}
			if _, err := e.store.Enqueue(ctx, b); err != nil {
				t.Fatal(err)
			}
			claimed, err := e.store.Claim(ctx, ch, n)
			if err != nil {
				t.Fatal(err)
			}
			for k, m := range claimed {
				o := outbox.Outcome{Status: outbox.StatusSent, ProviderID: fmt.Sprintf("p-%d", m.ID)}
				if (day+k)%9 == 0 {
					o = outbox.Outcome{Status: outbox.StatusFailed, Code: "70", Reason: mapping.Reason{Detail: "invalid number", Args: map[string]string{"tr": "geçersiz numara"}}}
				}
				if err := e.store.Finish(ctx, m, o); err != nil {
					t.Fatal(err)
				}
				if o.Status == outbox.StatusSent && (k+day)%4 != 0 {
					if _, err := e.store.RecordReport(ctx, m.ID, outbox.Report{Status: outbox.StatusDelivered}, outbox.StatusSent); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	e.store.SetClock(e.clock.now)
}

// troubles are this evening's odd messages, made at 20:30 before the quiet
// hours: one nobody can tell went (held), one at its recipient's daily
// limit, one the provider did not answer, retried in a quarter of an hour.
func (e *ownerEnv) troubles(ctx context.Context) {
	t := e.t
	e.at(ownerNow.Add(-2 * time.Hour))
	b := outbox.Batch{Job: "yeni-faturalar", Source: "demo"}
	for i, c := range []demo.Customer{demo.Customers[0], demo.Customers[1], demo.Customers[4]} {
		b.Messages = append(b.Messages, outbox.NewMessage{Message: mapping.Message{Channel: "sms", To: "+90532765432" + fmt.Sprint(i), Text: "Sayın " + c.Name},
			DedupeKey: fmt.Sprintf("invoice:demo:t%d:created", i), RecordKey: fmt.Sprint(800 + i), About: fmt.Sprintf("2026-80%d · %s", i, name(c))})
	}
	if _, err := e.store.Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}
	claimed, err := e.store.Claim(ctx, "sms", 3)
	if err != nil || len(claimed) != 3 {
		t.Fatalf("claim: %v %v", claimed, err)
	}
	if err := e.store.Finish(ctx, claimed[0], outbox.Outcome{Status: outbox.StatusUncertain, Reason: mapping.R(outbox.ReasonInterrupted)}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.RecordReport(ctx, claimed[0].ID, outbox.Report{Status: outbox.StatusHeld, Reason: mapping.R(dispatch.ReasonUncertainHeld)}, outbox.StatusUncertain); err != nil {
		t.Fatal(err)
	}
	tomorrow := time.Date(ownerNow.Year(), ownerNow.Month(), ownerNow.Day()+1, 0, 0, 0, 0, e.ist)
	if err := e.store.Finish(ctx, claimed[1], outbox.Outcome{Status: outbox.StatusPending, Reason: mapping.R(dispatch.ReasonDailyCap, "limit", 5),
		RetryAt: tomorrow}); err != nil {
		t.Fatal(err)
	}
	if err := e.store.Finish(ctx, claimed[2], outbox.Outcome{Status: outbox.StatusPending, Reason: mapping.R("http.unreachable"),
		RetryAt: ownerNow.Add(15 * time.Minute)}); err != nil {
		t.Fatal(err)
	}
	// Birthday greetings made to wait for the next working day.
	b = outbox.Batch{Job: "dogum-gunu", Source: "demo"}
	for i, c := range demo.Customers[8:14] {
		b.Messages = append(b.Messages, outbox.NewMessage{Message: mapping.Message{Channel: "sms", To: "+90532765440" + fmt.Sprint(i), Text: "İyi ki doğdunuz"},
			DedupeKey: fmt.Sprintf("birthday:demo:%d:2026", i), RecordKey: fmt.Sprint(c.Key), About: name(c),
			NotBefore: time.Date(ownerNow.Year(), ownerNow.Month(), ownerNow.Day()+1, 10, 0, 0, 0, e.ist)})
	}
	if _, err := e.store.Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}
	e.store.SetClock(e.clock.now)
}

func name(c demo.Customer) string {
	if c.Name != "" {
		return c.Name
	}
	return c.TradeName
}
