//go:build linux

package egresstest

import (
	"context"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/smtp/smtptest"
)

// keepEnv names a directory to keep the run's capture, key log, configs and
// logs in (for an auditor to open the capture in Wireshark).
const keepEnv = "AKINSOFT_EGRESS_DIR"

// probeEnv is what the probe build (cmd/akinsoft-connector/egressprobe.go)
// reads: addresses to dial at start.
const probeEnv = "AKINSOFT_EGRESS_PROBE"

// TestEgress runs the real connector through a compressed business day in
// its own network namespace and checks what crossed the wire.
func TestEgress(t *testing.T) {
	needTools(t)
	ctx := context.Background()
	erp := newShopERP(t, ctx) // the real Firebird server (skips, or fails under make test, without it)
	dir := t.TempDir()
	if keep := os.Getenv(keepEnv); keep != "" {
		dir = keep
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	bin := buildConnector(t, dir)
	probe := buildConnector(t, dir, "egressprobe")

	var outsideAddrs []netip.Addr
	for _, e := range append(slices.Clone(providers), epERP, epDNS) {
		outsideAddrs = append(outsideAddrs, e.Addr)
	}
	n := newNetwork(t, outsideAddrs)
	checkIsolated(t, n)
	ca := newCA(t)
	keylog := filepath.Join(dir, "tls-keys.log")
	out := startOutside(t, n.Outside, ca, keylog, netip.AddrPortFrom(netip.MustParseAddr(erp.fb.Host), uint16(erp.fb.Port)).String())

	// AKINSOFT_EGRESS_PROBE=host:port runs the day with the probe build
	// dialling there: to watch the day's own checks fail on a stray dial.
	var extra []string
	if addr := os.Getenv(probeEnv); addr != "" {
		bin, extra = probe, []string{probeEnv + "=" + addr}
	}
	t.Run("a day of traffic leaves only to the providers", func(t *testing.T) {
		day(t, ctx, filepath.Join(dir, "day"), n, ca, out, erp, bin, extra)
	})
	t.Run("a stray connection is caught", func(t *testing.T) {
		stray(t, filepath.Join(dir, "stray"), n, ca, out, erp, probe)
	})
}

// checkIsolated: the connector's namespace has its loopback and the one
// captured link, and routes only through that link.
func checkIsolated(t *testing.T, n *network) {
	t.Helper()
	links, err := exec.Command("ip", "-n", n.Connector, "-o", "link", "show").Output()
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(links)) {
		f := strings.Fields(line)
		if name, _, _ := strings.Cut(strings.TrimSuffix(f[1], ":"), "@"); name != "lo" && name != n.Link {
			t.Fatalf("the connector's namespace has another interface: %s", line)
		}
	}
	routes, _ := exec.Command("ip", "-n", n.Connector, "route", "show", "table", "all").Output()
	for line := range strings.Lines(string(routes)) {
		if !strings.Contains(line, "dev "+n.Link) && !strings.Contains(line, "dev lo") {
			t.Fatalf("a route that does not use the captured link: %s", line)
		}
	}
}

// day is a shop's day compressed into about a minute: every job kind
// (created, changed, condition presets), every channel (SMS through NetGSM,
// then through Mutlucell after a config reload; WhatsApp; e-mail; webhook),
// provider faults and an outage with their retries, and delivery reports.
func day(t *testing.T, ctx context.Context, dir string, n *network, ca *testCA, out *outside, erp *shopERP, bin string, env []string) {
	os.RemoveAll(dir) // a kept directory from an earlier run: start afresh
	os.MkdirAll(dir, 0o755)
	ca.write(t, filepath.Join(dir, "ca.pem"))
	config := writeConfig(t, dir, erp, netgsmBlock, dayJobs)
	cap := startCapture(t, n.Connector, n.Link, filepath.Join(dir, "capture.pcap"))

	// Morning: the connector starts and sends the backlog the config asks
	// for (backfill: all). WhatsApp fails twice with its own server error
	// and the mail server defers once: those sends are retried.
	out.WhatsApp.Inject(providertest.FaultServer, 2)
	out.SMTP.Inject(smtptest.StageMail, 421, [3]int{4, 3, 2}, "Service not available, try again later", 1)
	p := startConnector(t, n.Connector, bin, config, connectorEnv(erp, env...))
	box := filepath.Join(dir, "state", "outbox.db")
	smsSettled := func(c counts) bool {
		return c.sent("sms") > 0 && c.n("sms", outbox.StatusPending)+c.n("sms", outbox.StatusSending)+c.n("sms", outbox.StatusUncertain) == 0
	}
	settle(t, ctx, box, "the backfill through NetGSM", smsSettled)

	// NetGSM reports the backlog delivered, but one number unreachable.
	report := func() {
		msgs := out.NetGSM.Messages()
		for _, m := range msgs {
			out.NetGSM.SetStatus(m.Number, 1, 0)
		}
		out.NetGSM.SetStatus(msgs[0].Number, 3, 0) // every message to that number
	}
	report()

	// Then NetGSM goes down (its front answers 503) while an invoice is
	// made: the send's outcome is unknown, and once NetGSM is back its
	// report proves it never took it, so it is sent again.
	out.Outage["netgsm"].Store(true)
	erp.newInvoice(t, ctx, 2, "780.00", 30)
	time.Sleep(4 * time.Second)
	out.Outage["netgsm"].Store(false)
	settle(t, ctx, box, "NetGSM's outage", func(c counts) bool { return smsSettled(c) && c.n("sms", outbox.StatusHeld) == 0 && c.sent("sms") > 21 })
	report()
	settle(t, ctx, box, "NetGSM's reports", func(c counts) bool {
		return c.n("sms", outbox.StatusSent) == 0 && c.n("sms", outbox.StatusFailed) > 0
	})

	// The shop moves its SMS to Mutlucell and reloads the config.
	writeConfig(t, dir, erp, mutlucellBlock, dayJobs)
	p.Reload()
	if err := waitFor(ctx, 20*time.Second, func() bool { b, _ := os.ReadFile(p.log.Name()); return strings.Contains(string(b), "config reloaded") }); err != nil {
		t.Fatalf("the connector did not reload its config: %v", err)
	}

	// The day's work in Wolvox: a new customer with an invoice due in two
	// days (the reminder job's too), another invoice, a payment, two
	// customer cards edited.
	deniz := erp.newCustomer(t, ctx, "Deniz Akın", "0532 700 10 20", "deniz.akin@example.com")
	erp.newInvoice(t, ctx, deniz, "4500.00", 2)
	erp.debit(t, ctx, deniz, "4500.00")
	erp.newInvoice(t, ctx, 9, "1350.00", 30)
	erp.payment(t, ctx, 5, "1200.00")
	erp.touch(t, ctx, 1)
	erp.touch(t, ctx, 3)
	mutlucellSMS := func() int {
		n := 0
		for _, pk := range out.Mutlucell.Packets() {
			n += len(pk.Nums)
		}
		return n
	}
	// Two invoice messages and Deniz's due-date reminder.
	if err := waitFor(ctx, 30*time.Second, func() bool { return mutlucellSMS() >= 3 }); err != nil {
		t.Fatalf("Mutlucell got %d SMS after the reload, not 3", mutlucellSMS())
	}
	time.Sleep(2 * time.Second)
	for _, pk := range out.Mutlucell.Packets() {
		for _, num := range pk.Nums {
			out.Mutlucell.SetStatus(num, 3) // delivered
		}
	}
	// Mutlucell's report may be asked a minute after the send at the
	// earliest; the retries wait a minute too.
	settle(t, ctx, box, "the rest of the day", func(c counts) bool {
		return c.open() == 0 && c.n("sms", outbox.StatusSent) == 0 && c.sent("webhook") >= 3 && out.Mutlucell.Count("/smsgw-ws/gtblkrprtex") > 0
	})
	time.Sleep(2 * time.Second) // one more round of every job: nothing new to send
	p.Stop(t)
	cap.Stop(t)

	c := readCounts(t, ctx, box)
	t.Logf("outbox at the end of the day: %v", c)
	for _, ch := range []string{"sms", "whatsapp", "email", "webhook"} {
		if c.sent(ch) == 0 {
			t.Errorf("no %s message was sent: the day did not exercise every channel", ch)
		}
	}
	if c.n("sms", outbox.StatusDelivered) == 0 || c.n("sms", outbox.StatusFailed) == 0 {
		t.Errorf("the delivery reports were not read: %v", c["sms"])
	}
	if out.NetGSM.Count("/sms/rest/v2/report") == 0 || out.Mutlucell.Count("/smsgw-ws/gtblkrprtex") == 0 {
		t.Errorf("reports asked: NetGSM %d, Mutlucell %d", out.NetGSM.Count("/sms/rest/v2/report"), out.Mutlucell.Count("/smsgw-ws/gtblkrprtex"))
	}

	prove(t, ctx, dir, filepath.Join(dir, "capture.pcap"), out, erp, bin, config)
}

// stray runs the probe build, which dials an address and looks up a name
// that no config holds, and expects the capture's rules to name both.
func stray(t *testing.T, dir string, n *network, ca *testCA, out *outside, erp *shopERP, probe string) {
	os.RemoveAll(dir) // a kept directory from an earlier run: start afresh
	os.MkdirAll(dir, 0o755)
	ca.write(t, filepath.Join(dir, "ca.pem"))
	config := writeConfig(t, dir, erp, netgsmBlock, strayJobs)
	file := filepath.Join(dir, "capture.pcap")
	cap := startCapture(t, n.Connector, n.Link, file)
	const strayAddr, strayName = "192.0.2.44:443", "updates.akinsoft-connector.example"
	p := startConnector(t, n.Connector, probe, config, connectorEnv(erp, probeEnv+"="+strayAddr+","+strayName+":443"))
	time.Sleep(5 * time.Second)
	p.Stop(t)
	cap.Stop(t)
	v := newRules(append(slices.Clone(providers), epERP)).check(readFrames(t, file, out.Keylog))
	t.Logf("capture of the probe build:\n%s", v.Summary())
	found := func(s string) bool {
		return slices.ContainsFunc(v.Violations, func(x string) bool { return strings.Contains(x, s) })
	}
	if !found(strayAddr) {
		t.Errorf("the stray connection to %s was not caught", strayAddr)
	}
	if !found(strconv.Quote(strayName)) {
		t.Errorf("the stray DNS question for %s was not caught", strayName)
	}
}

// counts is the outbox's messages per channel and status.
type counts map[string]map[outbox.Status]int

func (c counts) n(ch string, st outbox.Status) int { return c[ch][st] }

// sent counts messages the provider took (sent or later reported on).
func (c counts) sent(ch string) int {
	return c.n(ch, outbox.StatusSent) + c.n(ch, outbox.StatusDelivered) + c.n(ch, outbox.StatusFailed)
}

// open counts messages still on their way.
func (c counts) open() int {
	n := 0
	for _, m := range c {
		n += m[outbox.StatusPending] + m[outbox.StatusSending] + m[outbox.StatusUncertain] + m[outbox.StatusHeld]
	}
	return n
}

func readCounts(t *testing.T, ctx context.Context, path string) counts {
	t.Helper()
	s, err := outbox.OpenReadOnly(ctx, path)
	if err != nil {
		return nil
	}
	defer s.Close()
	c, _ := s.Counts(ctx, time.Time{})
	return c
}

// settle waits (up to 100 s) until the outbox shows what a phase of the
// day should have led to.
func settle(t *testing.T, ctx context.Context, path, what string, done func(counts) bool) {
	t.Helper()
	var last counts
	start := time.Now()
	if err := waitFor(ctx, 100*time.Second, func() bool { last = readCounts(t, ctx, path); return last != nil && done(last) }); err != nil {
		t.Fatalf("%s: %v; the outbox holds %v (log: %s)", what, err, last, filepath.Join(filepath.Dir(filepath.Dir(path)), "connector.log"))
	}
	t.Logf("%s: done after %s, outbox %v", what, time.Since(start).Round(100*time.Millisecond), last)
}
