package main

import (
	"context"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/instance"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// run --once pushes a backfill through with progress lines (not a terminal
// here), sends it, and a second --once finds nothing new.
func TestRunOnceBackfillWithProgress(t *testing.T) {
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(strings.Replace(opsConfig, "LISTEN", "127.0.0.1:1", 1)), 0o600)

	code, out, errOut := runEN(t, "run", "--once", "--config", path, "--job", "new-invoices")
	if code != exitOK {
		t.Fatalf("run --once exit %d:\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"job new-invoices: rows:", "sending:"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("progress lines lack %q:\n%s", want, errOut)
		}
	}
	for _, want := range []string{"job new-invoices:", "rows read", "skipped with a reason", "sent:"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "sent: 0 ") {
		t.Errorf("the backfill sent nothing:\n%s", out)
	}

	code, out, errOut = runEN(t, "run", "--once", "--config", path)
	if code != exitOK || !strings.Contains(out, "0 messages queued") || !strings.Contains(out, "sent: 0 ") {
		t.Errorf("second run --once (exit %d) should find nothing new:\n%s\n%s", code, out, errOut)
	}
	// The same summary in Turkish: "0 mesaj nedeniyle atlandı" read as
	// "skipped because of 0 messages".
	code, out, errOut = runCLI(t, "--lang", "tr", "run", "--once", "--config", path)
	if code != exitOK || !strings.Contains(out, "0 mesaj kuyruğa alındı, 0 mesaj atlandı (nedeni giden kutusunda)") ||
		!strings.Contains(out, "gönderildi: sağlayıcılar 0 mesajı kabul etti") {
		t.Errorf("third run --once (exit %d) in Turkish:\n%s\n%s", code, out, errOut)
	}
}

func TestRunOnceRefusedWhileTheServiceRuns(t *testing.T) {
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(strings.Replace(opsConfig, "LISTEN", "127.0.0.1:1", 1)), 0o600)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	held, err := instance.Acquire(string(cfg.StateDir)) // as the running service does
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	code, out, errOut := runEN(t, "run", "--once", "--config", path)
	if code == exitOK || !strings.Contains(out+errOut, "service stop") || !strings.Contains(errOut, fmt.Sprintf("process %d", os.Getpid())) {
		t.Errorf("run --once beside a running service: exit %d\n%s\n%s", code, out, errOut)
	}
	// Turkish, the other process as Task Manager names it.
	code, out, errOut = runCLI(t, "--lang", "tr", "run", "--once", "--config", path)
	if want := fmt.Sprintf("başka bir akinsoft-connector tarafından kullanılıyor (%s, PID %d)", cfg.StateDir, os.Getpid()); code == exitOK || !strings.Contains(errOut, want) {
		t.Errorf("run --once beside a running service, in Turkish: exit %d, want %q\n%s\n%s", code, want, out, errOut)
	}
	held.Release()
	if code, out, errOut := runEN(t, "run", "--once", "--config", path, "--job", "nope"); code != exitUsage || !strings.Contains(out+errOut, `no job named "nope"`) {
		t.Errorf("unknown --job: exit %d\n%s\n%s", code, out, errOut)
	}
}

// A deleted outbox: check says run would refuse, run refuses and names the
// flag, and with --accept-outbox the backfill is not sent a second time.
func TestDeletedOutboxIsRefusedByCheckAndRun(t *testing.T) {
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(strings.Replace(opsConfig, "LISTEN", "127.0.0.1:1", 1)), 0o600)
	if code, out, errOut := runCLI(t, "--lang", "en", "run", "--once", "--config", path); code != exitOK || strings.Contains(out, "sent: 0 ") {
		t.Fatalf("first run --once (exit %d):\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "--lang", "en", "check", "--offline", "--config", path); code != exitOK {
		t.Fatalf("check of the matching outbox (exit %d):\n%s", code, out)
	}
	for _, s := range []string{"", "-wal", "-shm"} {
		os.Remove(filepath.Join(dir, "state", "outbox.db"+s))
	}
	// A command beside the service does not create a new outbox over the
	// lost one.
	if code, out, errOut := runCLI(t, "--lang", "en", "status", "--config", path); code == exitOK || !strings.Contains(out+errOut, "missing") {
		t.Errorf("status without the outbox (exit %d):\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "state", "outbox.db")); !os.IsNotExist(err) {
		t.Fatalf("status created an outbox: %v", err)
	}
	code, out, errOut := runCLI(t, "--lang", "en", "check", "--offline", "--config", path)
	if code == exitOK || !strings.Contains(out, "run would refuse to start") || !strings.Contains(out, "--accept-outbox") {
		t.Errorf("check without the outbox (exit %d):\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "--lang", "en", "run", "--once", "--config", path)
	if code == exitOK || !strings.Contains(out+errOut, "is missing, but the state folder's") || !strings.Contains(out+errOut, "--accept-outbox") {
		t.Errorf("run --once without the outbox (exit %d):\n%s\n%s", code, out, errOut)
	}
	if code, out, errOut = runCLI(t, "--lang", "en", "run", "--once", "--accept-outbox-backfill", "--config", path); code == exitOK {
		t.Errorf("--accept-outbox-backfill alone (exit %d):\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, "--lang", "en", "run", "--once", "--accept-outbox", "--config", path)
	if code != exitOK || !strings.Contains(out, "sent: 0 ") {
		t.Errorf("run --once --accept-outbox (exit %d) must not send the backfill again:\n%s\n%s", code, out, errOut)
	}
	if code, out, _ := runCLI(t, "--lang", "en", "check", "--offline", "--config", path); code != exitOK {
		t.Errorf("check after the accepted start (exit %d):\n%s", code, out)
	}
}

// A provider that is down takes nothing: run --once must not count its
// attempts as sent.
func TestRunOnceWithTheProviderDown(t *testing.T) {
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	fake := netgsmtest.New()
	defer fake.Close()
	fake.Inject(providertest.FaultServer, 10) // NetGSM's code 100, system error: retry later
	ca := filepath.Join(dir, "ca.pem")
	os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: fake.Server.Certificate().Raw}), 0o600)
	t.Setenv("ONCE_NETGSM_PASSWORD", fake.Password)
	path := filepath.Join(dir, "config.yaml")
	y := strings.Replace(opsConfig, "LISTEN", "127.0.0.1:1", 1)
	y = strings.Replace(y, "    provider: console\n", fmt.Sprintf(`    provider: netgsm
    ca_file: %s
    netgsm: {url: %q, usercode: %q, password: "${env:ONCE_NETGSM_PASSWORD}", msgheader: MAGAZA}
`, ca, fake.URL(), fake.User), 1)
	os.WriteFile(path, []byte(y), 0o600)
	code, out, errOut := runCLI(t, "--lang", "en", "run", "--once", "--config", path, "--job", "new-invoices")
	if code != exitOK {
		t.Fatalf("run --once exit %d:\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, "sent: 0 accepted by the providers, ") || !strings.Contains(out, "to be retried later") {
		t.Errorf("with the provider down run --once says:\n%s", out)
	}
}

// In the quiet hours run --once and status count what is due as waiting,
// and say when it goes, as the status page does: a dealer trying a job in
// the evening must not read "due now" for messages that wait for 09:00.
func TestRunOnceAndStatusTellTheQuietHours(t *testing.T) {
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	// A window around now, in the config's zone (Europe/Istanbul by default).
	now := time.Now().In(config.DefaultLocation())
	quiet := fmt.Sprintf(`quiet_hours: {start: "%s", end: "%s"}`, now.Add(-time.Hour).Format("15:04"), now.Add(time.Hour).Format("15:04"))
	path := filepath.Join(dir, "config.yaml")
	body := strings.Replace(strings.Replace(opsConfig, "LISTEN", "127.0.0.1:1", 1), "quiet_hours: {disabled: true}", quiet, 1)
	os.WriteFile(path, []byte(body), 0o600)

	code, out, errOut := runEN(t, "run", "--once", "--config", path)
	if code != exitOK {
		t.Fatalf("run --once exit %d:\n%s\n%s", code, out, errOut)
	}
	for _, want := range []string{"sent: 0", "still queued on sms: 0 due,", "sms is in its quiet hours: what waits goes after"} {
		if !strings.Contains(out, want) {
			t.Errorf("run --once lacks %q:\n%s", want, out)
		}
	}
	code, out, errOut = runEN(t, "status", "--config", path)
	if code != exitOK || !strings.Contains(out, "sms is in its quiet hours") || !regexp.MustCompile(`(?m)^\s+sms\s+0\s+[1-9]`).MatchString(out) {
		t.Errorf("status (exit %d) should show nothing due and the quiet hours:\n%s\n%s", code, out, errOut)
	}
}

// run --once applies the service's start rule to a job that sends at a time
// of day: never run, or already run since its last scheduled time, it waits
// and says so, with its next run and the command that runs it now; --job
// runs it whatever its schedule; a scheduled run missed since its last
// success is made up. A dealer trying the install in the evening must not
// send tomorrow's reminders at night.
func TestRunOnceLeavesTimeOfDayJobsForTheirTime(t *testing.T) {
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	// The command has no clock: the schedule is put six hours from now in
	// the config's zone (Europe/Istanbul by default), so its last time was
	// 18 hours ago, and the next is today or tomorrow.
	at := time.Now().In(config.DefaultLocation()).Add(6 * time.Hour)
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(strings.Replace(opsConfig, "LISTEN", "127.0.0.1:1", 1)+fmt.Sprintf(`
  - name: due-soon
    preset: invoices_due
    schedule: "%d %d * * *"
    messages:
      sms: {}
`, at.Minute(), at.Hour())), 0o600)
	ran := regexp.MustCompile(`(?m)^job due-soon: \d+ rows read`)
	next := at.Truncate(time.Minute).Format("2006-01-02 15:04:05 -07:00")

	// A fresh state: the job has missed nothing and waits, in Turkish first.
	code, out, errOut := runCLI(t, "--lang", "tr", "run", "--once", "--config", path)
	want := "görev due-soon: çalıştırılmadı: kendi gününde ve saatinde gönderir ve kaçırdığı bir çalışması yok; sonraki çalışması " + next +
		". Şimdi çalıştırmak için: akinsoft-connector run --once --job due-soon --config " + path
	if code != exitOK || !strings.Contains(out, want) || regexp.MustCompile(`görev due-soon: \d+ satır`).MatchString(out) || !strings.Contains(out, "görev new-invoices: ") {
		t.Fatalf("run --once on a fresh state (exit %d) should run new-invoices and say\n%s\n%s\n%s", code, want, out, errOut)
	}
	if last := lastSuccess(t, path, "due-soon"); !last.IsZero() {
		t.Fatalf("due-soon ran at %v", last)
	}

	// Its scheduled run came and went since its last success: it runs.
	recordSuccess(t, path, "due-soon", time.Now().Add(-48*time.Hour))
	code, out, errOut = runEN(t, "run", "--once", "--config", path)
	if code != exitOK || !ran.MatchString(out) || strings.Contains(out, "job due-soon: not run") {
		t.Fatalf("run --once after a missed run (exit %d) should run due-soon:\n%s\n%s", code, out, errOut)
	}

	// Run just now: it waits again, unless --job asks for it.
	code, out, errOut = runEN(t, "run", "--once", "--config", path)
	if code != exitOK || ran.MatchString(out) || !strings.Contains(out, "job due-soon: not run: ") || !strings.Contains(out, "To run it now: akinsoft-connector run --once --job due-soon") {
		t.Fatalf("run --once after its run (exit %d) should leave due-soon:\n%s\n%s", code, out, errOut)
	}
	before := lastSuccess(t, path, "due-soon")
	code, out, errOut = runEN(t, "run", "--once", "--job", "due-soon", "--config", path)
	if code != exitOK || !ran.MatchString(out) || !lastSuccess(t, path, "due-soon").After(before) {
		t.Fatalf("run --once --job due-soon (exit %d) should run it now:\n%s\n%s", code, out, errOut)
	}
}

// lastSuccess is when job last succeeded by the config's outbox, zero for never.
func lastSuccess(t *testing.T, configPath, job string) time.Time {
	t.Helper()
	s := openStateOutbox(t, configPath)
	defer s.Close()
	runs, err := s.JobRuns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		if r.Job == job {
			return r.LastSuccess
		}
	}
	return time.Time{}
}

// recordSuccess writes a successful run of job at when into the config's
// outbox, as a service stopped since then would have left it.
func recordSuccess(t *testing.T, configPath, job string, when time.Time) {
	t.Helper()
	s := openStateOutbox(t, configPath)
	defer s.Close()
	if err := s.RecordJobRun(context.Background(), outbox.JobRun{Job: job, LastRun: when}); err != nil {
		t.Fatal(err)
	}
}

func openStateOutbox(t *testing.T, configPath string) *outbox.Store {
	t.Helper()
	cfg, err := config.Load(configPath, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := outbox.Open(context.Background(), filepath.Join(string(cfg.StateDir), "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// A channel an operator paused on the status page stays paused for run
// --once, which says so: the pause is kept in the outbox, not in the
// service's memory.
func TestRunOnceKeepsAnOperatorsPause(t *testing.T) {
	cfg := demoConfigFile(t, demoConfig("Fatura"))
	ctx := context.Background()
	s, err := outbox.Open(ctx, filepath.Join(filepath.Dir(cfg), "state", "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetHeld(ctx, "sms", true); err != nil {
		t.Fatal(err)
	}
	s.Close()
	code, out, errOut := runEN(t, "run", "--once", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "channel sms is paused: paused by an operator") || strings.Contains(out, "Fatura 2024-101") {
		t.Errorf("run --once on a paused channel: %d\n%s\n%s", code, out, errOut)
	}
}
