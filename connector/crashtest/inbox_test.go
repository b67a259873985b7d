package crashtest

import (
	"context"
	"database/sql"
	"encoding/pem"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// The inbox half of the crash suite: the real binary reads NetGSM's inbox
// and is killed (SIGKILL) the moment NetGSM's answer has left the fake,
// between its read and its write, again and again, while customers keep
// replying. Then it runs to the end. The promise: every reply is stored
// once, none lost, none twice, and every refusal is on the opt-out list.
// The ERP is SQLite: this is about the inbox, not the database.

const inboxConfigTemplate = `state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
log: {dir: logs}
replies:
  every: 1s
  overlap: 2h
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: netgsm
    ca_file: CA_FILE
    netgsm:
      url: NETGSM_URL
      usercode: "8501234567"
      password: ${env:CRASHTEST_NETGSM_PASSWORD}
      msgheader: MAGAZA
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1h"
    messages:
      sms:
        text: "{{.FATURA_NO}}"
`

func TestInboxCrash(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL-driven")
	}
	kills := 15
	if *long || os.Getenv("CRASH_LONG") == "1" {
		kills = 60
	}
	dir := t.TempDir()
	if keep := os.Getenv("CRASHTEST_DIR"); keep != "" {
		dir = filepath.Join(keep, "inbox")
		os.MkdirAll(dir, 0o700)
	}
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "akinsoft-connector")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/akinsoft-connector").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	fake := netgsmtest.New()
	defer fake.Close()
	caFile := filepath.Join(dir, "ca.pem")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: fake.Server.Certificate().Raw}), 0o600)
	cfgPath := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfgPath, []byte(strings.NewReplacer("CA_FILE", caFile, "NETGSM_URL", fake.URL()).Replace(inboxConfigTemplate)), 0o600)
	env := append(os.Environ(), "CRASHTEST_NETGSM_PASSWORD="+fake.Password)
	stderr, _ := os.Create(filepath.Join(dir, "stderr.log"))
	defer stderr.Close()

	// Customers reply, a few every round; one in three refuses.
	sent := map[string]string{} // sender → text
	refusals := 0
	next := 0
	reply := func(n int) {
		for k := 0; k < n; k++ {
			sender := fmt.Sprintf("90532%07d", 2000000+next)
			text := "teşekkürler"
			if next%3 == 0 {
				text = refusalTexts[refusals%len(refusalTexts)]
				refusals++
			}
			fake.Receive(sender, text, time.Now().Add(-time.Duration(k)*time.Second))
			sent["+"+sender] = text
			next++
		}
	}
	reply(20)

	var mu sync.Mutex
	var current *exec.Cmd
	killed := make(chan int, 1)
	fake.SetOnInbox(func(listed int) {
		mu.Lock()
		defer mu.Unlock()
		if current != nil {
			current.Process.Signal(syscall.SIGKILL) // NetGSM answered; the connector has not stored it yet
			current = nil
			select {
			case killed <- listed:
			default:
			}
		}
	})
	outboxPath := filepath.Join(dir, "state", "outbox.db")
	landed := 0 // kills after which the answer's replies were not all stored
	for i := 0; i < kills; i++ {
		before := storedReplies(t, outboxPath)
		cmd := exec.Command(bin, "run", "--config", cfgPath)
		cmd.Env, cmd.Stderr = env, stderr
		mu.Lock()
		if err := cmd.Start(); err != nil {
			mu.Unlock()
			t.Fatal(err)
		}
		current = cmd
		mu.Unlock()
		select {
		case <-killed:
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("kill %d: the connector never read the inbox\n%s", i, tail(readFile(filepath.Join(dir, "stderr.log")), 20))
		}
		cmd.Wait()
		if storedReplies(t, outboxPath) < len(sent) && before < len(sent) {
			landed++
		}
		reply(3)
	}
	fake.SetOnInbox(nil)

	// Run to the end: every reply stored, once.
	cmd := exec.Command(bin, "run", "--config", cfgPath)
	cmd.Env, cmd.Stderr = env, stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for storedReplies(t, outboxPath) < len(sent) && time.Now().Before(deadline) {
		time.Sleep(200 * time.Millisecond)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	if err := cmd.Wait(); err != nil {
		t.Errorf("final run: %v", err)
	}

	db, err := sql.Open("sqlite", "file:"+outboxPath+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT sender, text, refusal FROM replies`)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	gotRefusals := 0
	for rows.Next() {
		var s, text string
		var refusal bool
		rows.Scan(&s, &text, &refusal)
		got[s]++
		if want, ok := sent[s]; !ok || want != text {
			t.Errorf("stored %s %q, which nobody sent", s, text)
		}
		if refusal {
			gotRefusals++
		}
	}
	rows.Close()
	lost, dup := 0, 0
	for s := range sent {
		switch n := got[s]; {
		case n == 0:
			lost++
			t.Errorf("the reply of %s was lost", s)
		case n > 1:
			dup += n - 1
			t.Errorf("the reply of %s was stored %d times", s, n)
		}
	}
	var optouts int
	db.QueryRow(`SELECT COUNT(*) FROM optout WHERE source = 'reply' AND channel = 'sms' AND reply_id IS NOT NULL`).Scan(&optouts)
	if gotRefusals != refusals || optouts != refusals {
		t.Errorf("%d refusals sent, %d stored as refusals, %d on the opt-out list", refusals, gotRefusals, optouts)
	}
	t.Logf("inbox crash: %d kills right after NetGSM's answer (%d of them before the answer was stored), %d replies (%d refusals), "+
		"%d inbox reads; %d lost, %d stored twice", kills, landed, len(sent), refusals, fake.InboxAsks(), lost, dup)
	if landed == 0 {
		t.Errorf("no kill landed between the read and the write: the test proved nothing")
	}
}

// refusalTexts are refusals as customers type them.
var refusalTexts = []string{"RET", "Ret", "İptal MAGAZA", "IPTAL", "dur", "STOP", "ret."}

// storedReplies counts the replies in the outbox (0 before it exists).
func storedReplies(t *testing.T, path string) int {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM replies`).Scan(&n); err != nil {
		return 0
	}
	return n
}
