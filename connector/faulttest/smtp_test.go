package faulttest

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/smtp"
	"github.com/akinsoft-connector/akinsoft-connector/notify/smtp/smtptest"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

const smtpConfig = `
state_dir: state
language: en # the assertions read English log lines
quiet_hours: {disabled: true}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  email:
    provider: smtp
    rate: 1000/s
    timeout: 5s
    smtp:
      host: 127.0.0.1
      port: 587
      user: magaza@example.com
      password: ${env:FAULTTEST_SMTP_PASSWORD}
      from: magaza@example.com
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: "key:127"
    messages:
      email:
        subject: "Fatura {{.FATURA_NO}}"
        text: "Fatura {{.FATURA_NO}}"
`

func TestSMTPFaults(t *testing.T) {
	cases := []struct {
		name     string
		stage    smtptest.Stage
		code     int
		enhanced [3]int
		text     string
		// After the first drain:
		status   outbox.Status
		delay    time.Duration // next attempt (pending only)
		paused   bool
		logLevel string
		logMsg   string
		logAttrs map[string]string
		// final is the status once the delay has passed and the server is fine.
		final outbox.Status
		mails int
		// suppressed: the address goes on the opt-out list, so the next
		// message to it is skipped instead of bouncing again.
		suppressed bool
	}{
		{name: "421 service not available retries in a minute", stage: smtptest.StageMail, code: 421, enhanced: [3]int{4, 3, 2},
			text: "Service not available, closing channel", status: outbox.StatusPending, delay: time.Minute,
			logLevel: "INFO", logMsg: "send will be retried", logAttrs: map[string]string{"err": "code 421"},
			final: outbox.StatusSent, mails: 1},
		{name: "450 mailbox busy (greylisting) retries in five minutes", stage: smtptest.StageRcpt, code: 450, enhanced: [3]int{4, 2, 1},
			text: "Mailbox busy, try again later", status: outbox.StatusPending, delay: 5 * time.Minute,
			logLevel: "INFO", logMsg: "send will be retried", logAttrs: map[string]string{"err": "code 450"},
			final: outbox.StatusSent, mails: 1},
		{name: "535 credentials pause the channel; the message waits", stage: smtptest.StageAuth, code: 535, enhanced: [3]int{5, 7, 8},
			text: "Authentication credentials invalid", status: outbox.StatusPending, delay: 5 * time.Minute, paused: true,
			logLevel: "ERROR", logMsg: "channel paused", logAttrs: map[string]string{"reason": "credentials", "channel": "email"},
			final: outbox.StatusSent, mails: 1},
		{name: "550 5.1.1 unknown mailbox fails the message", stage: smtptest.StageRcpt, code: 550, enhanced: [3]int{5, 1, 1},
			text: "No such user", status: outbox.StatusFailed,
			logLevel: "WARN", logMsg: "message refused by the provider", logAttrs: map[string]string{"code": "550 5.1.1"},
			final: outbox.StatusFailed, mails: 0, suppressed: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, err := smtptest.New(false)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { srv.Close() })
			os.Setenv("FAULTTEST_SMTP_PASSWORD", srv.Password)
			dir := demoDir(t)
			cfg := loadConfig(t, dir, smtpConfig)
			// The config accepts only 587/465; the real SMTP provider is
			// built the same way, pointed at the test server's port.
			p := smtp.New(smtp.Config{Host: srv.Host, Port: srv.Port, User: srv.User, Password: srv.Password,
				From: "magaza@example.com", RootCAs: srv.CA, Timeout: 5 * time.Second})
			c := newClock(time.Now().Truncate(time.Second))
			var lg logs
			d := newDaemon(t, cfg, connector.Options{Logger: lg.logger(), Now: c.now,
				Providers: map[string]notify.Provider{"email": p}})
			st := d.Store()
			runJob(t, d, "new-invoices")
			m := deliverable(t, st)

			srv.Inject(tc.stage, tc.code, tc.enhanced, tc.text, 1)
			start := c.now()
			drain(t, d)
			m = get(t, st, m.ID)
			if m.Status != tc.status {
				t.Fatalf("after the first attempt the message is %s (%s), want %s", m.Status, m.Reason, tc.status)
			}
			if n := len(srv.Mails()); n != 0 {
				t.Fatalf("the server accepted %d mails after a refused attempt", n)
			}
			if paused, _ := d.ChannelPaused("email"); paused != tc.paused {
				t.Fatalf("channel paused = %v, want %v", paused, tc.paused)
			}
			lg.want(t, tc.logLevel, tc.logMsg, tc.logAttrs)
			if tc.status == outbox.StatusPending {
				if got := nextAt(t, cfg, m.ID).Sub(start); got != tc.delay {
					t.Fatalf("next attempt in %v, want %v", got, tc.delay)
				}
				c.add(tc.delay - time.Second)
				if n := drain(t, d); n != 0 || len(srv.Mails()) != 0 {
					t.Fatalf("sent before the retry was due (%d)", n)
				}
			}
			c.add(time.Second)
			drain(t, d)
			m = get(t, st, m.ID)
			if m.Status != tc.final {
				t.Fatalf("finally the message is %s (%s), want %s", m.Status, m.Reason, tc.final)
			}
			if n := len(srv.Mails()); n != tc.mails {
				t.Fatalf("the server holds %d mails, want %d", n, tc.mails)
			}
			if tc.final == outbox.StatusFailed && (m.Code != "550 5.1.1" || !strings.Contains(catalog.EN.Reason(m.Reason), "mailbox does not exist")) {
				t.Fatalf("a refused address must keep the code and say why: code %q, reason %q", m.Code, m.Reason)
			}
			if !tc.suppressed {
				return
			}
			lg.want(t, "WARN", "address marked bad", map[string]string{"code": "550 5.1.1", "channel": "email"})
			list, err := st.OptOuts(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].Recipient != m.To || !strings.Contains(list[0].Note, "550 5.1.1") {
				t.Fatalf("opt-out list after a hard bounce: %+v", list)
			}
			addInvoices(t, dir, []demo.Invoice{{Key: 131, Customer: 18, No: "2024-131", Total: "10.00", Kind: 1, Date: "2026-11-20"}})
			runJob(t, d, "new-invoices")
			drain(t, d)
			found := false
			for _, later := range messages(t, st, "email") {
				if later.RecordKey != "131" {
					continue
				}
				found = true
				if later.Status != outbox.StatusSkipped || !strings.Contains(catalog.EN.Reason(later.Reason), "opt-out") {
					t.Fatalf("the next message to the bad address is %s (%s), want skipped", later.Status, later.Reason)
				}
			}
			if !found {
				t.Fatal("the later invoice made no e-mail message")
			}
			if n := len(srv.Mails()); n != 0 {
				t.Fatalf("the bad address got %d mails", n)
			}
		})
	}
}

// deliverable returns the one e-mail the poll made that can be sent (the
// other rows have no address and are skipped).
func deliverable(t *testing.T, st *outbox.Store) outbox.Message {
	t.Helper()
	var out []outbox.Message
	for _, m := range messages(t, st, "email") {
		if m.Status == outbox.StatusPending {
			out = append(out, m)
		}
	}
	if len(out) != 1 {
		t.Fatalf("%d pending e-mails after the poll, want 1", len(out))
	}
	return out[0]
}

func get(t *testing.T, st *outbox.Store, id int64) outbox.Message {
	t.Helper()
	for _, m := range messages(t, st, "") {
		if m.ID == id {
			return m
		}
	}
	t.Fatalf("message %d is gone from the outbox", id)
	return outbox.Message{}
}
