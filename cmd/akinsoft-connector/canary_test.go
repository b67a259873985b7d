package main

import (
	"bytes"
	"encoding/base64"
	"encoding/pem"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// A canary password, stored with `secrets set`, must appear nowhere we write:
// stdout and stderr of every command, the JSON log files, and every file in
// the state folder (outbox, WAL, vault, status credentials). The provider
// rejects it, so the credential error paths are exercised too.
func TestCanarySecretAppearsNowhere(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("drives the Unix binary with signals")
	}
	const canary = "Kanarya-9d2f-Şifre-öğü"
	fake := netgsmtest.New() // its password differs from the canary: NetGSM answers code 30
	t.Cleanup(fake.Close)
	dir := t.TempDir()
	caFile := filepath.Join(dir, "fake-ca.pem")
	os.WriteFile(caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: fake.Server.Certificate().Raw}), 0o600)
	cfgText := `language: en # the assertions read English texts
quiet_hours: {disabled: true}
status: {listen: "127.0.0.1:0"}
log: {dir: logs, level: debug}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms:
    provider: netgsm
    ca_file: CA_FILE
    netgsm:
      url: FAKE_URL
      usercode: "8501234567"
      password: ${secret:netgsm}
      msgheader: MAGAZA
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1s"
    backfill: all
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`
	cfgText = strings.NewReplacer("CA_FILE", caFile, "FAKE_URL", fake.URL()).Replace(cfgText)

	// The daemon's folder holds the config; store the canary first.
	var all bytes.Buffer
	cfgPath := filepath.Join(dir, "config.yaml")
	os.WriteFile(cfgPath, []byte(cfgText), 0o600)
	code, out := runWithStdin(t, canary, "secrets", "set", "netgsm", "--config", cfgPath)
	all.WriteString(out)
	if code != 0 {
		t.Fatalf("secrets set: %s", out)
	}
	p := startDaemon(t, cfgText, withDir(dir))
	p.waitFor("the credential alert", func() bool { return strings.Contains(p.err.String(), "channel paused") })
	p.stop()
	all.WriteString(p.out.String() + p.err.String())

	for _, args := range [][]string{
		{"check", "--providers"},
		{"status"},
		{"send-test", "--channel", "sms", "--to", "0532 123 45 67"},
		{"send-test", "--check"},
		{"audit"},
		{"messages", "list"},
		{"secrets", "list"},
	} {
		_, stdout, stderr := runEN(t, append(args, "--config", cfgPath)...)
		all.WriteString(stdout + stderr)
	}
	if !strings.Contains(all.String(), "code:   30") {
		t.Fatalf("the credential error path was not exercised:\n%s", all.String())
	}
	forms := [][]byte{[]byte(canary), []byte(base64.StdEncoding.EncodeToString([]byte("8501234567:" + canary)))}
	scan := func(what string, b []byte) {
		for _, f := range forms {
			if bytes.Contains(b, f) {
				t.Errorf("the secret appears in %s", what)
			}
		}
	}
	scan("command output", all.Bytes())
	files := 0
	filepath.WalkDir(dir, func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || path == cfgPath || strings.HasSuffix(path, "akinsoft-connector") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err == nil {
			files++
			scan(path, b)
		}
		return nil
	})
	logs, _ := filepath.Glob(filepath.Join(dir, "logs", "*.log"))
	if len(logs) == 0 || files < 4 {
		t.Fatalf("nothing to scan: %d log files, %d files", len(logs), files)
	}
}
