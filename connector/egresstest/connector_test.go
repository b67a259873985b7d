//go:build linux

package egresstest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildConnector builds the real binary; tags "egressprobe" adds the
// deliberate stray dial (cmd/akinsoft-connector/egressprobe.go).
func buildConnector(t *testing.T, dir string, tags ...string) string {
	t.Helper()
	name := "akinsoft-connector"
	args := []string{"build", "-o"}
	if len(tags) > 0 {
		name += "-" + strings.Join(tags, "-")
	}
	bin := filepath.Join(dir, name)
	args = append(args, bin)
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	cmd := exec.Command("go", append(args, "../../cmd/akinsoft-connector")...)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", strings.Join(tags, ","), err, out)
	}
	return bin
}

// configTemplate is a shop's config: Firebird at the ERP's address, the
// providers by their own names (NetGSM, Mutlucell and WhatsApp without any
// url: the connector's built-in addresses), the test CA trusted per channel.
// SMS_PROVIDER switches the SMS channel for the reload.
const configTemplate = `state_dir: state
language: en # the test waits for English log lines
timezone: Europe/Istanbul
quiet_hours: {disabled: true}
daily_cap_per_recipient: 0
uncertain_grace: 2s
startup_jitter: 0s
log: {dir: logs, level: debug}
status: {listen: "127.0.0.1:8750"}
sources:
  - name: merkez
    driver: firebird
    host: ERP_HOST
    port: ERP_PORT
    database: 'ERP_DATABASE'
    user: ERP_USER
    password: ${env:EGRESS_ERP_PASSWORD}
channels:
  sms:
    rate: 50/s
    report_every: 1s
    ca_file: ca.pem
SMS_PROVIDER
  whatsapp:
    provider: whatsapp_cloud
    rate: 50/s
    ca_file: ca.pem
    whatsapp_cloud:
      api_version: v23.0
      phone_number_id: "WA_PHONE_ID"
      token: ${env:EGRESS_WA_TOKEN}
  email:
    provider: smtp
    rate: 20/s
    ca_file: ca.pem
    smtp:
      host: SMTP_HOST
      port: SMTP_PORT
      user: SMTP_USER
      password: ${env:EGRESS_SMTP_PASSWORD}
      from: SMTP_USER
  webhook:
    provider: webhook
    rate: 50/s
    ca_file: ca.pem
    webhook:
      url: https://WEBHOOK_HOST/akinsoft
      secret: ${env:EGRESS_WEBHOOK_SECRET}
`

// dayJobs are the day's jobs: every kind, every channel.
const dayJobs = `jobs:
  - name: fatura-sms
    preset: new_invoices
    schedule: "@every 1s"
    backfill: all
    messages:
      sms:
        text: "Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}} numaralı {{money .TOPLAM_GENEL_KPB}} tutarındaki faturanız düzenlendi."
  - name: hosgeldin-whatsapp
    preset: new_customers
    schedule: "@every 1s"
    backfill: all
    messages:
      whatsapp:
        template: hosgeldin
        language: tr
        text: "Hoş geldiniz {{.MUSTERI_ADI}}"
        body:
          - {type: text, value: "{{.MUSTERI_ADI}}"}
  - name: yeni-musteri
    preset: new_customers
    schedule: "@every 1s"
    backfill: all
    messages:
      email:
        subject: "Hoş geldiniz, {{.MUSTERI_ADI}}"
        text: "Sayın {{.MUSTERI_ADI}}, müşterimiz olduğunuz için teşekkür ederiz."
  # Every column of the customer card, the marked ones too: the template
  # uses the name, the recipient is the account code.
  - name: kart-degisti
    sql: SELECT C.* FROM CARI C WHERE COALESCE(C.SILINDI, 0) = 0
    key: BLKODU
    mode: changed
    timestamp: DEGISTIRME_TARIHI
    lag: 2s
    schedule: "@every 1s"
    messages:
      webhook:
        to: [CARIKODU]
        text: "{{.ADI_SOYADI}} müşteri kartı güncellendi"
  - name: vade
    preset: invoices_due
    schedule: "@every 1s"
    messages:
      sms:
        text: "Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}} numaralı faturanızın son ödeme günü {{date .VADESI}}."
  - name: tahsilat
    preset: collections
    schedule: "@every 1s"
    messages:
      email:
        subject: "Ödemeniz alındı"
        text: "Sayın {{.MUSTERI_ADI}}, {{money .TUTAR}} tutarındaki ödemeniz alınmıştır."
`

// strayJobs is one job that sends nothing new: the probe build's run is
// about what it sends on its own.
const strayJobs = `jobs:
  - name: fatura-sms
    preset: new_invoices
    schedule: "@every 1s"
    messages:
      sms:
        text: "{{.FATURA_NO}}"
`

const netgsmBlock = `    provider: netgsm
    netgsm:
      usercode: "NETGSM_USER"
      password: ${env:EGRESS_NETGSM_PASSWORD}
      msgheader: SENDER`

const mutlucellBlock = `    provider: mutlucell
    mutlucell:
      user: MUTLUCELL_USER
      password: ${env:EGRESS_MUTLUCELL_PASSWORD}
      originator: SENDER`

// writeConfig writes the config with sms going through provider block.
func writeConfig(t *testing.T, dir string, erp *shopERP, sms, jobs string) string {
	t.Helper()
	y := strings.NewReplacer("SMS_PROVIDER", sms).Replace(configTemplate + jobs)
	y = strings.NewReplacer("ERP_HOST", epERP.Addr.String(), "ERP_PORT", strconv.Itoa(epERP.Port), "ERP_DATABASE", erp.Path,
		"ERP_USER", erp.fb.User, "WA_PHONE_ID", waPhoneID, "SMTP_HOST", epSMTP.Host, "SMTP_PORT", strconv.Itoa(epSMTP.Port),
		"SMTP_USER", smtpUser, "WEBHOOK_HOST", epWebhook.Host, "NETGSM_USER", netgsmUser, "MUTLUCELL_USER", mutlucellUser,
		"SENDER", senderTitle).Replace(y)
	path := filepath.Join(dir, "config.yaml")
	writeFile(t, path, []byte(y))
	return path
}

// connectorEnv is the secrets, as ${env:…} in the config reads them.
func connectorEnv(erp *shopERP, extra ...string) []string {
	env := []string{"PATH=" + os.Getenv("PATH"), "HOME=/root", "LANG=C.UTF-8",
		"EGRESS_ERP_PASSWORD=" + erp.fb.Password, "EGRESS_NETGSM_PASSWORD=" + netgsmPassword,
		"EGRESS_MUTLUCELL_PASSWORD=" + mutlucellPassword, "EGRESS_WA_TOKEN=" + waToken, "EGRESS_SMTP_PASSWORD=" + smtpPassword,
		"EGRESS_WEBHOOK_SECRET=" + webhookSecret}
	return append(env, extra...)
}

// process is the connector running in its namespace.
type process struct {
	cmd *exec.Cmd
	log *os.File
}

// startConnector runs `akinsoft-connector run` inside namespace ns.
func startConnector(t *testing.T, ns, bin, config string, env []string) *process {
	t.Helper()
	log, err := os.Create(filepath.Join(filepath.Dir(config), "connector.log"))
	if err != nil {
		t.Fatal(err)
	}
	p := &process{log: log}
	p.cmd = exec.Command("ip", "netns", "exec", ns, bin, "run", "--config", config)
	p.cmd.Env, p.cmd.Stdout, p.cmd.Stderr, p.cmd.Dir = env, log, log, filepath.Dir(config)
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
		log.Close()
	})
	return p
}

// Reload sends SIGHUP, as systemd's reload does. ip netns exec execs the
// connector in its own place, so the signal reaches it directly.
func (p *process) Reload() { p.cmd.Process.Signal(syscall.SIGHUP) }

// Stop ends the connector as the service manager does.
func (p *process) Stop(t *testing.T) {
	t.Helper()
	p.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- p.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("the connector exited with %v (log: %s)", err, p.log.Name())
		}
	case <-time.After(30 * time.Second):
		p.cmd.Process.Kill()
		<-done
		t.Errorf("the connector did not stop within 30s of SIGTERM")
	}
}

// auditRow is one line of `akinsoft-connector audit`.
type auditRow struct {
	Channel, Host, Recipient, Outcome string
	BytesOut, BytesIn                 int
}

// auditListing runs `akinsoft-connector audit`: its --json listing is
// what the proof reads (the table's columns are for people and change with
// language and time format), the table is what it keeps as evidence.
func auditListing(t *testing.T, bin, config string) ([]auditRow, string) {
	t.Helper()
	table, err := exec.Command(bin, "audit", "--since", "1h", "--config", config).Output()
	if err != nil {
		t.Fatalf("akinsoft-connector audit: %v", err)
	}
	js, err := exec.Command(bin, "audit", "--json", "--since", "1h", "--config", config).Output()
	if err != nil {
		t.Fatalf("akinsoft-connector audit --json: %v", err)
	}
	var listing []struct {
		Channel   string `json:"channel"`
		Host      string `json:"host"`
		Recipient string `json:"recipient"`
		BytesOut  int    `json:"bytes_out"`
		BytesIn   int    `json:"bytes_in"`
		Outcome   string `json:"outcome"`
	}
	if err := json.Unmarshal(js, &listing); err != nil {
		t.Fatalf("cannot read akinsoft-connector audit --json: %v\n%s", err, js)
	}
	rows := make([]auditRow, 0, len(listing))
	for _, r := range listing {
		rows = append(rows, auditRow{Channel: r.Channel, Host: r.Host, Recipient: r.Recipient, Outcome: r.Outcome, BytesOut: r.BytesOut, BytesIn: r.BytesIn})
	}
	return rows, string(table)
}

// hostOf names the endpoint of an audit row's host.
func endpointOfHost(host string) (endpoint, bool) {
	for _, e := range providers {
		if e.Host == host {
			return e, true
		}
	}
	return endpoint{}, false
}
