package crashtest

import (
	"database/sql"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	if builtBin != "" {
		os.RemoveAll(filepath.Dir(builtBin))
	}
	os.Exit(code)
}

// The moment a random kill rarely hits: the provider has answered a request
// and the process dies before the outcome is committed. The crash hook kills
// the binary right there, deterministically; the restart must find exactly
// that request's messages in doubt (sending, then uncertain), the messages
// whose request never started still pending, and settle the doubt from
// NetGSM's report (found: sent) or hold it (the report cannot tell), never
// sending anything twice.
func TestKillBetweenAnswerAndCommit(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL-driven")
	}
	fb := erptest.Firebird(t)
	const n = 300
	dbPath, numbers := invoices(t, fb, "answer", n)
	bin := binary(t)
	for _, tc := range []struct {
		name string
		// channel is the sms channel's request settings.
		channel string
		// crashAt is the provider answer after which the process dies.
		crashAt int
		// maxDoubt bounds the messages sending at the kill: the answered
		// requests not yet recorded and those still in flight.
		maxDoubt int
		// answered: every request had its answer at the kill (one request
		// at a time), so every message sending is at the provider.
		answered bool
	}{
		// The first request's outcome may still be on its way to the disk
		// when the second one's answer kills the process: 100 or 200.
		{"batch of 100, second answer", "batch: 100", 2, 200, true},
		{"one message per request, 4 in flight", "batch: 1\n    in_flight: 4", 50, 16, false},
	} {
		for i, r := range readings {
			t.Run(tc.name+"/"+r.name, func(t *testing.T) {
				fake := netgsmtest.New()
				defer fake.Close()
				fake.DateSearch, fake.AppNames = r.date, r.appnames
				fake.ReportLimit = 1 << 30
				dir := t.TempDir()
				if keep := os.Getenv("CRASHTEST_DIR"); keep != "" {
					dir = filepath.Join(keep, fmt.Sprintf("answer-%d-%d", tc.crashAt, i))
					os.MkdirAll(dir, 0o700)
				}
				caFile := filepath.Join(dir, "ca.pem")
				os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: fake.Server.Certificate().Raw}), 0o600)
				cfg := strings.NewReplacer("HOST", fb.Host, "PORT", fmt.Sprint(fb.Port), "DATABASE", dbPath, "USER", fb.User,
					"CA_FILE", caFile, "NETGSM_URL", fake.URL(), "rate: 400/s", "rate: 400/s\n    "+tc.channel).Replace(configTemplate)
				cfgPath := filepath.Join(dir, "config.yaml")
				os.WriteFile(cfgPath, []byte(cfg), 0o600)
				stderr, _ := os.Create(filepath.Join(dir, "stderr.log"))
				defer stderr.Close()
				env := append(os.Environ(), "CRASHTEST_FB_PASSWORD="+fb.Password, "CRASHTEST_NETGSM_PASSWORD="+fake.Password)
				outbox := filepath.Join(dir, "state", "outbox.db")

				cmd := exec.Command(bin, "run", "--config", cfgPath)
				cmd.Env, cmd.Stderr = append(env, fmt.Sprintf("AKINSOFT_CONNECTOR_CRASH_AFTER_ANSWERS=%d", tc.crashAt)), stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				select {
				case err := <-done:
					var ee *exec.ExitError
					if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
						t.Fatalf("the connector did not die by the crash hook: %v\n%s", err, readFile(filepath.Join(dir, "stderr.log")))
					}
				case <-time.After(time.Minute):
					cmd.Process.Kill()
					t.Fatalf("the crash hook did not fire within a minute (%s)", statuses(t, outbox))
				}

				// At the kill: the answered requests' messages (and those still
				// in flight) are sending; nothing that never left is.
				byStatus := statusCounts(t, outbox)
				sending := byStatus["sending"]
				atProvider := map[string]bool{}
				for _, m := range fake.Messages() {
					atProvider["+"+m.Number] = true
				}
				t.Logf("at the kill: %s; the provider had accepted %d", statuses(t, outbox), len(atProvider))
				if sending < 1 || sending > tc.maxDoubt {
					t.Errorf("%d messages sending at the kill, want 1 to %d: only what may have gone out", sending, tc.maxDoubt)
				}
				if got := byStatus["sent"] + sending + byStatus["pending"]; got != n {
					t.Errorf("sent %d + sending %d + pending %d = %d, want all %d", byStatus["sent"], sending, byStatus["pending"], got, n)
				}
				for r := range recipients(t, outbox, `SELECT recipient FROM messages WHERE status = 'pending'`) {
					if atProvider[r] {
						t.Errorf("%s is pending but reached the provider", r)
					}
				}
				if tc.answered {
					for r := range recipients(t, outbox, `SELECT recipient FROM messages WHERE status IN ('sending', 'sent')`) {
						if !atProvider[r] {
							t.Errorf("%s is sending or sent but never reached the provider", r)
						}
					}
				}
				doubt := recipients(t, outbox, `SELECT recipient FROM messages WHERE status = 'sending'`)

				// Restart, as the service manager would, and let it settle.
				time.Sleep(3 * time.Second) // uncertain_grace
				cmd = exec.Command(bin, "run", "--config", cfgPath)
				cmd.Env, cmd.Stderr = env, stderr
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				deadline := time.Now().Add(4 * time.Minute)
				for {
					open, settled := counts(t, outbox)
					if open == 0 && settled >= n {
						break
					}
					if time.Now().After(deadline) {
						cmd.Process.Kill()
						t.Fatalf("not settled after 4 minutes: %s\n%s", statuses(t, outbox), tail(notable(readFile(filepath.Join(dir, "stderr.log"))), 30))
					}
					time.Sleep(200 * time.Millisecond)
				}
				cmd.Process.Signal(syscall.SIGTERM)
				cmd.Wait()

				got := map[string]int{}
				for _, m := range fake.Messages() {
					got[m.Number]++
				}
				status := outboxStatus(t, outbox)
				held := 0
				for number := range numbers {
					st, inDoubt := status["+"+number], doubt["+"+number]
					switch {
					case got[number] > 1:
						t.Errorf("%s reached the provider %d times (outbox: %s)", number, got[number], st)
					case inDoubt && st == "held":
						held++ // received or not: an operator decides
					case got[number] == 0:
						t.Errorf("%s never reached the provider, and the outbox says %s", number, st)
					case st != "sent" && st != "delivered":
						t.Errorf("%s: the provider has it, the outbox says %s", number, st)
					}
				}
				if r.date == netgsmtest.DateSearchLists && held > 0 {
					t.Errorf("%d held although the report lists every send of the window", held)
				}
				if r.date == netgsmtest.DateSearchNoRecords && held != len(doubt) {
					t.Errorf("%d of the %d in doubt held; the report cannot find them, so all must be", held, len(doubt))
				}
				t.Logf("after the restart: %s; %d were in doubt, %d held, none sent twice", statuses(t, outbox), len(doubt), held)
			})
		}
	}
}

// statusCounts counts the outbox's messages by state.
func statusCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT status, COUNT(*) FROM messages GROUP BY status`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		rows.Scan(&st, &n)
		out[st] = n
	}
	return out
}
