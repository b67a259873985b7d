package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/notify/webhook/webhooktest"
)

const sendTestConfig = `
state_dir: state
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: console
  webhook:
    provider: webhook
    webhook:
      url: URL/hook
      secret: ${env:AC_TEST_WEBHOOK_SECRET}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    messages:
      sms:
        text: "{{.FATURA_NO}}"
`

func sendTestSetup(t *testing.T, secret string) (string, *webhooktest.Server) {
	fake := webhooktest.New("shop-secret-Qx7", true)
	t.Cleanup(fake.Close)
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(strings.ReplaceAll(sendTestConfig, "URL", fake.URL())), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AC_TEST_WEBHOOK_SECRET", secret)
	return path, fake
}

func TestSendTest(t *testing.T) {
	cases := []struct {
		name   string
		secret string
		args   []string
		code   int
		want   []string
	}{
		{name: "accepted", secret: "shop-secret-Qx7", args: []string{"--channel", "webhook", "--to", "0532 123 45 67"}, code: exitOK,
			want: []string{"accepted: provider id shop-1"}},
		{name: "refused credentials", secret: "wrong-secret-Zk2", args: []string{"--channel", "webhook", "--to", "+905321234567"}, code: exitFailure,
			want: []string{"REFUSED: credentials", "code:   http 401", "reason: the webhook receiver rejected the signature or credentials"}},
		{name: "console", secret: "x", args: []string{"--channel", "sms", "--to", "05321234567"}, code: exitOK, want: []string{"accepted: provider id console-1"}},
		{name: "unknown channel", secret: "x", args: []string{"--channel", "email", "--to", "a@example.com"}, code: exitUsage},
		{name: "bad number", secret: "x", args: []string{"--channel", "sms", "--to", "12"}, code: exitUsage},
		{name: "check", secret: "x", args: []string{"--check"}, code: exitOK, want: []string{"channel webhook (webhook): nothing to check"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path, _ := sendTestSetup(t, tc.secret)
			code, out, errOut := runEN(t, append([]string{"send-test", "--config", path}, tc.args...)...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d\n%s%s", code, tc.code, out, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(out+errOut, tc.secret) && len(tc.secret) > 1 {
				t.Error("send-test printed the secret")
			}
		})
	}
}
