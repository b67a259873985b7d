// Package crashtest kills the real connector binary at random moments while
// it sends 2,000 notifications from a real Firebird database to the NetGSM
// fake, restarts it each time, and then checks the promise: no notification
// lost (every one reached the provider, or waits held for an operator), none
// twice at the provider, and the outbox agrees with what the provider
// received. It runs once per reading of NetGSM's report by date (a query
// without jobids lists the window's sends / answers code 60), which is
// unconfirmed.
package crashtest

import (
	"context"
	"database/sql"
	"encoding/pem"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "modernc.org/sqlite"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

var (
	long = flag.Bool("long", false, "100 kills per reading instead of 30")
	seed = flag.Uint64("seed", 0, "replay a run (0: a new random seed)")
)

// readings are the ways NetGSM's report may answer the reconciliation's
// query by date without jobids.
var readings = []struct {
	name     string
	date     netgsmtest.DateSearch
	appnames netgsmtest.AppNames
}{
	{"date search lists", netgsmtest.DateSearchLists, netgsmtest.AppNameFiltered},
	{"date search answers 60", netgsmtest.DateSearchNoRecords, netgsmtest.AppNameFiltered},
}

const (
	notifications = 2000
	firstKey      = 1001
)

const configTemplate = `state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
uncertain_grace: 3s
log: {dir: logs}
sources:
  - name: merkez
    driver: firebird
    host: HOST
    port: PORT
    database: 'DATABASE'
    user: USER
    password: ${env:CRASHTEST_FB_PASSWORD}
channels:
  sms:
    provider: netgsm
    rate: 400/s
    report_every: 1s
    ca_file: CA_FILE
    netgsm:
      url: NETGSM_URL
      usercode: "8501234567"
      password: ${env:CRASHTEST_NETGSM_PASSWORD}
      msgheader: MAGAZA
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1s"
    backfill: key:1000
    messages:
      sms:
        text: "{{.FATURA_NO}} numaralı faturanız: {{money .TOPLAM_GENEL_KPB}}"
`

func TestCrashSuite(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL-driven; the Windows service is tested under Wine elsewhere")
	}
	fb := erptest.Firebird(t)
	kills := 30
	if *long || os.Getenv("CRASH_LONG") == "1" {
		kills = 100
	}
	s := *seed
	if s == 0 {
		s = uint64(time.Now().UnixNano())
	}
	t.Logf("seed %d (replay: go test ./connector/crashtest -seed=%d)", s, s)

	// 2,000 customers, each with its own mobile and one new invoice. The
	// connector only reads the database, so every reading uses it afresh.
	dbPath, numbers := invoices(t, fb, "crash", notifications)
	bin := binary(t)
	for i, r := range readings {
		t.Run(r.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(s+uint64(i), s>>1))
			fake := netgsmtest.New()
			defer fake.Close()
			fake.DateSearch, fake.AppNames = r.date, r.appnames
			fake.ReportLimit = 1 << 30 // each restart starts a fresh client-side limiter; this test is about crashes
			// Requests of 10 messages, 4 in flight, each taking 50 ms, at
			// 50 messages a second: most kills land while a request is on
			// the wire (a message is sending only then), and the work lasts
			// through the kills instead of being done after the first few.
			fake.SetLatency(50 * time.Millisecond)
			dir := t.TempDir()
			if keep := os.Getenv("CRASHTEST_DIR"); keep != "" { // to read the logs and outbox afterwards
				dir = filepath.Join(keep, fmt.Sprint(i))
				os.MkdirAll(dir, 0o700)
			}
			crashRun(t, fb, dbPath, bin, dir, fake, rng, kills, numbers)
		})
	}
}

// invoices creates a Wolvox database with n customers, each with its own
// mobile and one new invoice, and returns its path and the numbers (90…)
// with their invoice numbers.
func invoices(t *testing.T, fb erptest.Server, name string, n int) (string, map[string]string) {
	t.Helper()
	ctx := context.Background()
	dbPath := fb.Path(t, name)
	db, err := fb.CreateWolvox(ctx, dbPath, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	numbers := make(map[string]string, n) // 90… → invoice number
	var invoices []demo.Invoice
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		key := int64(firstKey + i)
		mobile := fmt.Sprintf("0532%07d", 1000000+i)
		if _, err := tx.ExecContext(ctx, `INSERT INTO CARI (BLKODU, CARIKODU, ADI_SOYADI, CEP_TEL) VALUES (?, ?, ?, ?)`,
			key, fmt.Sprintf("120.02.%04d", i), fmt.Sprintf("Müşteri %d", i), mobile); err != nil {
			t.Fatal(err)
		}
		no := fmt.Sprintf("2026-%05d", key)
		numbers["90"+mobile[1:]] = no
		invoices = append(invoices, demo.Invoice{Key: key, Customer: key, No: no, Total: fmt.Sprintf("%d.50", 100+i), Kind: 1, Date: "2026-11-25"})
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := erptest.InsertInvoices(ctx, db, invoices, time.Now()); err != nil {
		t.Fatal(err)
	}
	return dbPath, numbers
}

var (
	buildOnce sync.Once
	builtBin  string
	buildErr  error
)

// binary builds the real connector once per test binary, with the crash
// hook (connector/dispatch/crashhook.go) that only the environment of a
// test turns on.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "crashtest-bin")
		if err != nil {
			buildErr = err
			return
		}
		builtBin = filepath.Join(dir, "akinsoft-connector")
		if out, err := exec.Command("go", "build", "-tags", "crashhook", "-o", builtBin, "../../cmd/akinsoft-connector").CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtBin
}

// crashRun kills the connector kills times, runs it to the end, and does the
// accounting for one reading of the report.
func crashRun(t *testing.T, fb erptest.Server, dbPath, bin, dir string, fake *netgsmtest.Server, rng *rand.Rand, kills int,
	numbers map[string]string) {
	start := time.Now()
	caFile := filepath.Join(dir, "ca.pem")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: fake.Server.Certificate().Raw}), 0o600)
	cfg := strings.NewReplacer("HOST", fb.Host, "PORT", fmt.Sprint(fb.Port), "DATABASE", dbPath, "USER", fb.User,
		"CA_FILE", caFile, "NETGSM_URL", fake.URL(), "rate: 400/s", "rate: 50/s\n    batch: 10\n    in_flight: 4").Replace(configTemplate)
	cfgPath := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfgPath, []byte(cfg), 0o600)
	env := append(os.Environ(), "CRASHTEST_FB_PASSWORD="+fb.Password, "CRASHTEST_NETGSM_PASSWORD="+fake.Password)
	stderr, _ := os.Create(filepath.Join(dir, "stderr.log"))
	defer stderr.Close()
	run := func() *exec.Cmd {
		cmd := exec.Command(bin, "run", "--config", cfgPath)
		cmd.Env, cmd.Stderr = env, stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}

	for i := 0; i < kills; i++ {
		cmd := run()
		time.Sleep(time.Duration(20+rng.IntN(380)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	killedAt := len(fake.Messages())
	killPhase := time.Since(start)

	// Run to completion: nothing waiting, nothing in doubt. The service
	// manager restarts a crashed service after a pause; waiting out the
	// uncertain_grace lets the first reconciliation settle every doubt.
	time.Sleep(3 * time.Second)
	finalStart := time.Now()
	started := strings.Count(readFile(filepath.Join(dir, "stderr.log")), "connector running")
	cmd := run()
	outbox := filepath.Join(dir, "state", "outbox.db")
	deadline := time.Now().Add(8 * time.Minute)
	for {
		open, settled := counts(t, outbox)
		if open == 0 && settled >= len(numbers) {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			log, _ := os.ReadFile(filepath.Join(dir, "stderr.log"))
			t.Fatalf("not finished after 8 minutes: %d open, %d settled (%s)\n%s", open, settled, statuses(t, outbox), tail(notable(string(log)), 40))
		}
		time.Sleep(200 * time.Millisecond)
	}
	// A stop before the process has set up its signal handling would end
	// it by the signal; the service stops cleanly once running.
	for strings.Count(readFile(filepath.Join(dir, "stderr.log")), "connector running") == started && time.Since(finalStart) < time.Minute {
		time.Sleep(50 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("final run: %v", err)
	}

	// What the provider received.
	got := map[string]int{}
	for _, m := range fake.Messages() {
		got[m.Number]++
		if want, ok := numbers[m.Number]; ok && !strings.HasPrefix(m.Text, want+" ") {
			t.Errorf("%s got %q, want invoice %s", m.Number, m.Text, want)
		}
	}
	// The accounting. Lost: the customer never got it and the outbox does
	// not put it before an operator (held or failed). Blind duplicate: a
	// second copy at the provider; a resend happens only on a proven
	// absence, which by definition leaves no first copy.
	status := outboxStatus(t, outbox)
	var lost, blind, heldReceived, heldNot, received int
	for number := range numbers {
		n, st := got[number], status["+"+number]
		switch {
		case n == 0 && st != "held" && st != "failed":
			lost++
			t.Errorf("%s never reached the provider, and the outbox says %q", number, st)
		case n > 1:
			blind += n - 1
			t.Errorf("%s received %d times", number, n)
		case n > 0 && st != "sent" && st != "delivered" && st != "held":
			t.Errorf("outbox and provider disagree on %s: provider got %d, outbox says %q", number, n, st)
		}
		switch {
		case st == "held" && n > 0:
			heldReceived++
		case st == "held":
			heldNot++
		}
		if n > 0 {
			received++
		}
	}
	doubtful := uncertainHistory(t, outbox)
	resent := strings.Count(readFile(filepath.Join(dir, "stderr.log")), "uncertain send never reached the provider")
	t.Logf("crash suite: %d kills (%d messages accepted by then), %d notifications: %d received by the provider, %d held (%d of them received, %d not), "+
		"%d resent after a proven absence, %d in doubt in their history; %d lost, %d blind duplicates; outbox: %s; setup+kills %s, final run %s, total %s",
		kills, killedAt, len(numbers), received, heldReceived+heldNot, heldReceived, heldNot, resent, len(doubtful), lost, blind, statuses(t, outbox),
		killPhase.Round(time.Second), time.Since(finalStart).Round(time.Second), time.Since(start).Round(time.Second))
	if lost > 0 || blind > 0 {
		t.Errorf("%d lost, %d blind duplicates; the promise is 0 and 0", lost, blind)
	}
}

func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

// outboxStatus maps each recipient to its message's state.
func outboxStatus(t *testing.T, path string) map[string]string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT recipient, status FROM messages`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var r, st string
		rows.Scan(&r, &st)
		out[r] = st
	}
	return out
}

// counts returns the messages still open (pending, sending, uncertain) and
// those settled (sent, delivered, failed, or held for an operator).
func counts(t *testing.T, path string) (open, done int) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.QueryRow(`SELECT COALESCE(SUM(status IN ('pending','sending','uncertain')), 0), COALESCE(SUM(status IN ('sent','delivered','failed','held')), 0) FROM messages`).Scan(&open, &done)
	if err != nil {
		return 1, 0 // not created yet or busy: ask again
	}
	return open, done
}

// uncertainHistory lists recipients whose message was ever in doubt: an
// attempt interrupted by a crash or ending uncertain.
func uncertainHistory(t *testing.T, path string) map[string]bool {
	return recipients(t, path, `SELECT DISTINCT m.recipient FROM messages m JOIN attempts a ON a.message_id = m.id
		WHERE a.outcome IN ('interrupted', 'uncertain', 'started')`)
}

func recipients(t *testing.T, path, q string) map[string]bool {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var r string
		rows.Scan(&r)
		out[r] = true
	}
	return out
}

// statuses summarises the outbox for a failure message.
func statuses(t *testing.T, path string) string {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT status, COUNT(*) FROM messages GROUP BY status ORDER BY status`)
	if err != nil {
		return err.Error()
	}
	defer rows.Close()
	var parts []string
	for rows.Next() {
		var st string
		var n int
		rows.Scan(&st, &n)
		parts = append(parts, fmt.Sprintf("%s %d", st, n))
	}
	return strings.Join(parts, ", ")
}

// notable drops the once-a-second "job ran" lines from a log.
func notable(log string) string {
	var keep []string
	for _, l := range strings.Split(log, "\n") {
		if !strings.Contains(l, "job ran") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func tail(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
