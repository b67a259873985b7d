package faulttest

import (
	"crypto/x509"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

const clockConfig = `
state_dir: state
language: en # the assertions read English log lines
timezone: Europe/Istanbul
QUIET
daily_cap_per_recipient: 2
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: netgsm
    rate: 1000/s
    timeout: 5s
    netgsm:
      url: URL
      usercode: "8501234567"
      password: ${env:FAULTTEST_NETGSM_PASSWORD}
      msgheader: MAGAZA
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: "key:130"
    messages:
      sms:
        text: "Fatura {{.FATURA_NO}}"
`

// step is one moment of a clock scenario: the clock is set (jumps are just
// steps out of order), new invoices are polled, and the channel drained.
type step struct {
	at       string  // local time, "2006-01-02 15:04"
	invoices []int64 // new invoice keys for customer 1, polled at this step
	limit    bool    // NetGSM answers the next send with code 80
	sent     int     // messages NetGSM holds after the step (cumulative)
	log      string  // a log line this step must produce
	until    string  // its "until" attribute, when set
}

func TestClockJumps(t *testing.T) {
	const quiet = "quiet_hours: {start: \"21:00\", end: \"09:00\", channels: [sms]}"
	cases := []struct {
		name  string
		quiet string
		steps []step
	}{
		{name: "forward a day during a retry wait sends once",
			quiet: "quiet_hours: {disabled: true}",
			steps: []step{
				{at: "2026-11-20 10:00", invoices: []int64{131}, limit: true, sent: 0, log: "send will be retried"},
				{at: "2026-11-21 10:00", sent: 1},
				{at: "2026-11-21 10:05", sent: 1},
			}},
		{name: "forward a day through quiet hours keeps the daily cap",
			quiet: quiet,
			steps: []step{
				{at: "2026-11-20 20:50", invoices: []int64{131, 132, 133}, sent: 2, log: "daily limit for this recipient reached",
					until: "2026-11-21T00:00:00+03:00"},
				{at: "2026-11-21 21:50", sent: 2}, // a day later, but quiet
				{at: "2026-11-22 09:00", sent: 3},
				{at: "2026-11-22 09:01", sent: 3},
			}},
		{name: "backward an hour over midnight: the cap still counts what was sent",
			quiet: "quiet_hours: {disabled: true}",
			steps: []step{
				{at: "2026-11-21 00:30", invoices: []int64{131, 132, 133}, sent: 2, log: "daily limit for this recipient reached",
					until: "2026-11-22T00:00:00+03:00"},
				{at: "2026-11-20 23:30", sent: 2},
				{at: "2026-11-21 23:59", sent: 2},
				{at: "2026-11-22 00:00", sent: 3},
			}},
		{name: "backward an hour during a retry wait: due at its wall-clock time, sent once",
			quiet: "quiet_hours: {disabled: true}",
			steps: []step{
				{at: "2026-11-20 10:00", invoices: []int64{131}, limit: true, sent: 0},
				{at: "2026-11-20 09:00", sent: 0},
				{at: "2026-11-20 10:00:59", sent: 0},
				{at: "2026-11-20 10:01", sent: 1},
				{at: "2026-11-20 09:30", sent: 1},
			}},
		{name: "backward an hour into quiet hours waits for the morning",
			quiet: quiet,
			steps: []step{
				{at: "2026-11-20 09:30", sent: 0},
				{at: "2026-11-20 08:30", invoices: []int64{131}, sent: 0},
				{at: "2026-11-20 09:00", sent: 1},
			}},
	}
	loc, err := time.LoadLocation("Europe/Istanbul")
	if err != nil {
		t.Skip("no time zone database for Europe/Istanbul")
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := newClock(time.Time{})
			fake := netgsmtest.New()
			t.Cleanup(fake.Close)
			fake.Now = c.now
			os.Setenv("FAULTTEST_NETGSM_PASSWORD", fake.Password)
			dir := demoDir(t)
			cfg := loadConfig(t, dir, strings.NewReplacer("URL", fake.URL(), "QUIET", tc.quiet).Replace(clockConfig))
			pool := x509.NewCertPool()
			pool.AddCert(fake.Server.Certificate())
			var lg logs
			d := newDaemon(t, cfg, connector.Options{Logger: lg.logger(), RootCAs: pool, Now: c.now})
			st := d.Store()
			want := 0
			for i, s := range tc.steps {
				at, err := time.ParseInLocation("2006-01-02 15:04:05", s.at+":00"[:max(0, 19-len(s.at))], loc)
				if err != nil {
					t.Fatal(err)
				}
				c.set(at)
				if i == 0 {
					runJob(t, d, "new-invoices") // sets the cursor at 130
				}
				if len(s.invoices) > 0 {
					var inv []demo.Invoice
					for _, k := range s.invoices {
						inv = append(inv, demo.Invoice{Key: k, Customer: 1, No: fmt.Sprint("2026-", k), Total: "10.00", Kind: 1, Date: "2026-11-20"})
					}
					addInvoices(t, dir, inv)
					runJob(t, d, "new-invoices")
					want += len(inv)
				}
				if s.limit {
					fake.Inject(providertest.FaultLimit, 1)
				}
				drain(t, d)
				if got := ours(fake); got != s.sent {
					t.Fatalf("step %d (%s): NetGSM holds %d messages, want %d", i, s.at, got, s.sent)
				}
				if s.log != "" {
					attrs := map[string]string{}
					if s.until != "" {
						attrs["until"] = s.until
					}
					lg.want(t, "", s.log, attrs)
				}
			}
			// Nothing lost, nothing doubled: every message sent exactly once.
			texts := map[string]int{}
			for _, m := range fake.Messages() {
				texts[m.Text]++
			}
			for text, n := range texts {
				if n != 1 {
					t.Errorf("%q reached NetGSM %d times", text, n)
				}
			}
			for _, m := range messages(t, st, "sms") {
				if m.Status != outbox.StatusSent {
					t.Errorf("message %d ended %s (%s), want sent", m.ID, m.Status, m.Reason)
				}
			}
			if len(texts) != want {
				t.Errorf("NetGSM got %d distinct messages, want %d", len(texts), want)
			}
		})
	}
}

// The daily cap holds when a provider that cannot batch sends several
// messages at once (four in flight): those being sent count too.
func TestDailyCapWithConcurrentSends(t *testing.T) {
	dir := demoDir(t)
	y := strings.Replace(consoleConfig, "    rate: 1000/s\n", "    rate: 1000/s\n    in_flight: 4\n", 1)
	y = strings.Replace(y, "quiet_hours: {disabled: true}\n", "quiet_hours: {disabled: true}\ndaily_cap_per_recipient: 2\n", 1)
	cfg := loadConfig(t, dir, y)
	var out strings.Builder
	var lg logs
	c := newClock(time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC))
	d := newDaemon(t, cfg, connector.Options{Logger: lg.logger(), Console: &syncWriter{w: &out}, Now: c.now})
	runJob(t, d, "new-invoices")
	drain(t, d) // invoice 130 goes to another customer
	var inv []demo.Invoice
	for k := int64(131); k <= 134; k++ {
		inv = append(inv, demo.Invoice{Key: k, Customer: 1, No: fmt.Sprint("2026-", k), Total: "10.00", Kind: 1, Date: "2026-11-20"})
	}
	addInvoices(t, dir, inv)
	runJob(t, d, "new-invoices")
	drain(t, d)
	sent, waiting := 0, 0
	for _, m := range messages(t, d.Store(), "sms") {
		if m.RecordKey < "131" {
			continue
		}
		switch m.Status {
		case outbox.StatusSent:
			sent++
		case outbox.StatusPending:
			waiting++
		}
	}
	if sent != 2 || waiting != 2 {
		t.Fatalf("with a cap of 2: %d sent, %d waiting; want 2 and 2", sent, waiting)
	}
	lg.want(t, "INFO", "daily limit for this recipient reached", map[string]string{"limit": "2"})
}
