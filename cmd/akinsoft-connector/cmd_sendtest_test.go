package main

import (
	"bytes"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
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

const sendTestNetGSMConfig = `
state_dir: state
quiet_hours: {disabled: true}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: netgsm
    ca_file: CA_FILE
    netgsm: {url: "URL", usercode: "USER", password: "${env:AC_TEST_SENDTEST_NETGSM}", msgheader: MAGAZA}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1h"
    messages:
      sms:
        text: "{{.FATURA_NO}}"
`

// sendTestNetGSM writes a config whose SMS goes to a NetGSM fake, and
// returns its path and the fake.
func sendTestNetGSM(t *testing.T, body string) (string, *netgsmtest.Server) {
	t.Helper()
	fake := netgsmtest.New()
	t.Cleanup(fake.Close)
	dir := t.TempDir()
	ca := filepath.Join(dir, "ca.pem")
	if err := os.WriteFile(ca, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: fake.Server.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AC_TEST_SENDTEST_NETGSM", fake.Password)
	path := filepath.Join(dir, "config.yaml")
	body = strings.NewReplacer("CA_FILE", ca, "URL", fake.URL(), "USER", fake.User).Replace(body)
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, fake
}

// auditRows is `audit --json`.
func auditRows(t *testing.T, cfg string) []auditJSON {
	t.Helper()
	code, out, errOut := runEN(t, "audit", "--json", "--config", cfg)
	if code != exitOK {
		t.Fatalf("audit --json: exit %d\n%s%s", code, out, errOut)
	}
	var rows []auditJSON
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("audit --json: %v\n%s", err, out)
	}
	return rows
}

func auditRowsTo(rows []auditJSON, masked string) []auditJSON {
	var out []auditJSON
	for _, r := range rows {
		if r.Recipient == masked {
			out = append(out, r)
		}
	}
	return out
}

// send-test checks the recipient as the service does before every send: a
// number on the opt-out list and a forgotten one get nothing, with a
// Turkish refusal that says why and what to do, and exit 2; a refused
// test makes no request. A number that may get messages is sent to, and
// its request is in `audit` like the service's, masked and without the
// text. Following the printed command lets the test go.
func TestSendTestRefusesWhoRefusedAndAuditsWhatLeaves(t *testing.T) {
	cfg, fake := sendTestNetGSM(t, sendTestNetGSMConfig)
	tr := func(args ...string) (int, string, string) {
		t.Helper()
		return runCLI(t, append([]string{"--lang", "tr"}, append(args, "--config", cfg)...)...)
	}
	if code, out, errOut := tr("optout", "add", "0532 123 45 67"); code != exitOK {
		t.Fatalf("optout add: %d\n%s%s", code, out, errOut)
	}
	if code, out, errOut := tr("forget", "+90 (533) 234-5678"); code != exitOK {
		t.Fatalf("forget: %d\n%s%s", code, out, errOut)
	}
	remove := "akinsoft-connector optout remove +905321234567 --config " + cfg
	for _, tc := range []struct {
		name, to string
		want     []string
	}{
		{"opted out", "0532 123 45 67", []string{"hata: +90532*****67 alıcısına sms deneme mesajı gönderilmedi: alıcı gönderim listesinden çıkmış (opt-out). ",
			"Denemeyi başka bir numara ya da adresle yapın; bu kayıt yanlışlıkla eklendiyse önce listeden çıkarın: " + remove}},
		{"forgotten", "0533 234 56 78", []string{"hata: +90533*****78 alıcısına sms deneme mesajı gönderilmedi: bu kişi `forget` ile unutuldu; ona hiçbir kanaldan mesaj gitmez. ",
			"Kişi yeniden mesaj almak istediyse önce: akinsoft-connector optout remove +905332345678 --config " + cfg}},
	} {
		code, out, errOut := tr("send-test", "--channel", "sms", "--to", tc.to)
		if code != exitUsage {
			t.Errorf("%s: exit %d, want %d\n%s%s", tc.name, code, exitUsage, out, errOut)
		}
		for _, w := range tc.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%s: the refusal lacks %q:\n%s", tc.name, w, errOut)
			}
		}
		if strings.Contains(out, "kabul edildi") || strings.Contains(out, "gönderiliyor") {
			t.Errorf("%s: send-test went on:\n%s", tc.name, out)
		}
	}
	if n := len(fake.Messages()); n != 0 {
		t.Fatalf("the fake got %d message(s) for refused recipients", n)
	}
	if rows := auditRows(t, cfg); len(rows) != 0 {
		t.Fatalf("refused tests left audit rows: %+v", rows)
	}

	code, out, errOut := tr("send-test", "--channel", "sms", "--to", "0544-567-89-01", "--text", "deneme-metni-Qz4")
	if code != exitOK || !strings.Contains(out, "kabul edildi: sağlayıcı numarası ") {
		t.Fatalf("send-test to a number that may get messages: %d\n%s%s", code, out, errOut)
	}
	if got := fake.Messages(); len(got) != 1 || got[0].Number != "905445678901" {
		t.Fatalf("the fake got %+v, want the one test message", got)
	}
	rows := auditRows(t, cfg)
	sent := auditRowsTo(rows, "+90544*****01")
	if len(rows) != 1 || len(sent) != 1 {
		t.Fatalf("audit after one test message: %+v", rows)
	}
	if r := sent[0]; r.Channel != "sms" || r.Host != "127.0.0.1" || r.Outcome != "http 200" || r.BytesOut == 0 || r.BytesIn == 0 ||
		time.Since(r.Time) > time.Minute {
		t.Errorf("the test message's audit row: %+v", r)
	}
	state, err := os.ReadFile(filepath.Join(filepath.Dir(cfg), "state", "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	if wal, err := os.ReadFile(filepath.Join(filepath.Dir(cfg), "state", "outbox.db-wal")); err == nil {
		state = append(state, wal...)
	}
	for _, secret := range []string{"deneme-metni-Qz4", "905445678901", "5445678901"} {
		if bytes.Contains(state, []byte(secret)) {
			t.Errorf("the outbox holds %q of the test message", secret)
		}
	}

	// The printed way out works: after it the test goes.
	if code, out, errOut := tr("optout", "remove", "+905321234567"); code != exitOK {
		t.Fatalf("%s: %d\n%s%s", remove, code, out, errOut)
	}
	if code, out, errOut := tr("send-test", "--channel", "sms", "--to", "0532 123 45 67"); code != exitOK {
		t.Fatalf("send-test after optout remove: %d\n%s%s", code, out, errOut)
	}

	// --check's requests leave too: they are audited, with no recipient.
	before := len(auditRows(t, cfg))
	if code, out, errOut := tr("send-test", "--check"); code != exitOK {
		t.Fatalf("send-test --check: %d\n%s%s", code, out, errOut)
	}
	after := auditRows(t, cfg)
	if len(after) <= before {
		t.Fatalf("send-test --check left no audit row: %+v", after)
	}
	for _, r := range after[before:] {
		if r.Recipient != "" || r.Channel != "sms" {
			t.Errorf("a --check audit row: %+v", r)
		}
	}

	// forget erases a test message's audit row too, though it carried no
	// outbox message, and leaves the others'.
	if code, out, errOut := tr("forget", "0544 567 89 01"); code != exitOK {
		t.Fatalf("forget: %d\n%s%s", code, out, errOut)
	}
	left := auditRows(t, cfg)
	if n := len(auditRowsTo(left, "+90544*****01")); n != 0 || len(left) != len(after)-1 {
		t.Errorf("after forget: %d audit row(s) of the forgotten test, %d rows in all (were %d): %+v", n, len(left), len(after), left)
	}
}

const sendTestServiceConfig = `language: en # the assertions read the service's English log
state_dir: state
quiet_hours: {disabled: true}
status: {listen: "127.0.0.1:0"}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms:
    provider: netgsm
    rate: 1000/s
    ca_file: CA_FILE
    netgsm: {url: "URL", usercode: "USER", password: "${env:AC_TEST_SENDTEST_NETGSM}", msgheader: MAGAZA}
iys:
  brand_code: "731734"
  merchant_column: TICARI_UNVANI
commercial:
  sender_identity: [MAGAZA]
jobs:
  - name: campaign
    sql: SELECT BLKODU, ADI_SOYADI, TICARI_UNVANI, CEP_TEL FROM CARI WHERE BLKODU <= 3
    key: BLKODU
    schedule: "@every 1s"
    backfill: all
    kind: commercial
    messages:
      sms:
        to: [CEP_TEL]
        text: "MAGAZA: kasım indirimi başladı. Ret için RET yazıp 0850 123 45 67'ye gönderin."
`

// Beside the running service, which holds the state folder: Ayşe refused
// SMS by replying "Ret" (a refusal of commercial messages), and İYS
// answered the service that Çağlar Gıda refused; send-test refuses both,
// naming the reason the service records, while Mehmet, who merely gave no
// consent, and a number the ERP does not know still get a test, and the
// test's request is in `audit` while the service runs.
func TestSendTestBesideTheRunningService(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("drives the binary with signals")
	}
	cfg, fake := sendTestNetGSM(t, sendTestServiceConfig)
	fake.SetConsent(netgsmtest.Consent{Type: "MESAJ", Recipient: "+905321234568", RecipientType: "TACIR", Status: "RET",
		ConsentDate: "2025-06-01 09:30:00", Source: "HS_MESAJ"})
	fake.Receive("905321234567", "Ret", time.Now().Add(-10*time.Minute))
	body, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	p := startDaemon(t, string(body), withDir(filepath.Dir(cfg)))
	p.waitFor("the campaign's consent checks", func() bool {
		return strings.Count(p.err.String(), "commercial message skipped: no İYS consent") >= 2 &&
			strings.Contains(p.err.String(), "refusal received")
	})
	tr := func(args ...string) (int, string, string) {
		t.Helper()
		return runCLI(t, append([]string{"--lang", "tr"}, append(args, "--config", cfg)...)...)
	}
	for _, tc := range []struct{ name, to, want string }{
		{"refused by reply", "0532 123 45 67", "hata: +90532*****67 alıcısına sms deneme mesajı gönderilmedi: alıcı bu kanaldan gelen mesajlara ret yanıtı verdi ("},
		{"refused in İYS", "0532 123 45 68", "gönderilmedi: İYS'de ret kaydı var (2025-06-01 09:30:00, kaynak HS_MESAJ). Bu ret İYS'de kayıtlıdır"},
	} {
		code, out, errOut := tr("send-test", "--channel", "sms", "--to", tc.to)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: exit %d, want %d and %q\n%s%s", tc.name, code, exitUsage, tc.want, out, errOut)
		}
	}
	if code, _, errOut := tr("send-test", "--channel", "sms", "--to", "0532 123 45 67"); !strings.Contains(errOut, "Müşterinin reddine uyulur") {
		t.Errorf("the reply refusal's advice (exit %d):\n%s", code, errOut)
	}
	for _, to := range []string{"+90 (533) 234-5678", "0544 999 88 77"} {
		if code, out, errOut := tr("send-test", "--channel", "sms", "--to", to); code != exitOK {
			t.Errorf("send-test %s beside the service: %d\n%s%s", to, code, out, errOut)
		}
	}
	got := map[string]int{}
	for _, m := range fake.Messages() {
		got[m.Number]++
	}
	if got["905321234567"]+got["905321234568"] != 0 || got["905332345678"] != 1 || got["905449998877"] != 1 {
		t.Errorf("the fake got %v", got)
	}
	if rows := auditRowsTo(auditRows(t, cfg), "+90544*****77"); len(rows) != 1 || rows[0].Outcome != "http 200" {
		t.Errorf("the test beside the service in audit: %+v", rows)
	}
	p.stop()
}
