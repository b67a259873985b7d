package poll

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const goldenHead = `
timezone: Europe/Istanbul
sources:
  - {name: merkez, driver: sqlite, database: demo.db}
channels:
  sms: {provider: console}
  email: {provider: console}
  whatsapp: {provider: console}
jobs:
`

// row is a Wolvox-shaped row of the preset with over applied.
func row(preset string, over erp.Record) erp.Record {
	p, _ := erp.LookupPreset(preset)
	r := copyRecord(p.Sample)
	for k, v := range over {
		r[k] = v
	}
	return r
}

var (
	ist, _  = time.LoadLocation("Europe/Istanbul")
	dueDate = time.Date(2026, 12, 4, 0, 0, 0, 0, time.Local)
	ayse    = erp.Record{"FATURA_NO": "2024-120", "BLKODU": int64(120), "TARIHI": time.Date(2026, 11, 11, 0, 0, 0, 0, time.Local),
		"VADESI": dueDate, "TOPLAM_GENEL_KPB": decimal.RequireFromString("2100.00"), "ACIK_TUTAR": decimal.RequireFromString("2100.00"),
		"BAKIYE": decimal.RequireFromString("2100.00"), "EFATURA_PDF_URL": "https://efatura.example.com/pdf/c55e1f02-2024-120"}
)

// Every messaging preset's Turkish default messages, rendered for
// realistic rows as a run enqueues them: the reminder steps, the staff
// step, contacts, quiet days and Wolvox's own log included. Run with
// -update after a deliberate change of a template.
func TestGoldenPresetMessages(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, ist)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	type scenario struct {
		name     string
		now      time.Time
		rec      erp.Record
		contacts []erp.Record
		sent     *sentIndex
	}
	mehmet := erp.Record{"YETKILI_BLKODU": int64(31), "YETKILI_ADI": "Mehmet Demir", "YETKILI_CEP_TEL": "0533 765 43 21",
		"YETKILI_E_MAIL": "mehmet.demir@example.com"}
	for _, tc := range []struct {
		preset, job string
		scenarios   []scenario
	}{
		{"new_invoices", `
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    recipients: both
    quiet_days: [tr_holidays]
    messages: {sms: {}, email: {}}
`, []scenario{
			{name: "with the e-invoice link, to the account and a contact", now: at("2026-12-01 10:00"),
				rec: row("new_invoices", erp.Record{"EFATURA_PDF_URL": "https://efatura.example.com/pdf/3f2a9c1e-2024-117"}), contacts: []erp.Record{mehmet}},
			{name: "without a link or a due date, on Republic Day", now: at("2026-10-29 11:00"), rec: row("new_invoices", erp.Record{"VADESI": nil})},
		}},
		{"collections", `
  - name: payments
    preset: collections
    schedule: "@every 5m"
    messages: {sms: {}, email: {}}
`, []scenario{
			{name: "still owes", now: at("2026-12-01 10:00"), rec: row("collections", nil)},
			{name: "nothing left", now: at("2026-12-01 10:00"), rec: row("collections", erp.Record{"BAKIYE": decimal.Zero, "EVRAK_NO": nil})},
			{name: "in her favour", now: at("2026-12-01 10:00"), rec: row("collections", erp.Record{"BAKIYE": decimal.RequireFromString("-100.50")})},
		}},
		{"shipments", `
  - name: shipments
    preset: shipments
    schedule: "@every 5m"
    messages: {sms: {}, email: {}}
`, []scenario{
			{name: "with the carrier", now: at("2026-12-01 10:00"), rec: row("shipments", nil)},
			{name: "a Wolvox without the carrier's name", now: at("2026-12-01 10:00"), rec: row("shipments", erp.Record{"KARGO_FIRMASI": nil, "EFATURA_PDF_URL": nil})},
		}},
		{"invoices_due", `
  - name: due
    preset: invoices_due
    schedule: "0 10 * * *"
    skip_if_wolvox_sent: {}
    messages: {sms: {}, email: {}}
`, []scenario{
			{name: "the open part of an invoice", now: at("2026-12-01 10:00"), rec: row("invoices_due", ayse)},
			{name: "Wolvox already sent it", now: at("2026-12-01 10:00"), rec: row("invoices_due", ayse),
				sent: &sentIndex{matchText: true, byTo: map[string][]sentRow{"+905321234567": {{at: at("2026-12-01 09:12"), text: "Sayin AYSE YILMAZ 2024-120 nolu faturaniz"}}}}},
		}},
		{"invoices_overdue", `
  - name: overdue
    preset: invoices_overdue
    schedule: "0 10 * * *"
    messages: {sms: {}, email: {}}
`, []scenario{{name: "past due", now: at("2026-12-11 10:00"), rec: row("invoices_overdue", ayse)}}},
		{"invoice_reminders", `
  - name: reminders
    preset: invoice_reminders
    schedule: "0 10 * * *"
    quiet_days: [tr_holidays, sundays]
    sequence:
      - offset: -3d
      - offset: 0d
      - offset: 7d
      - offset: 14d
        staff: {sms: "0532 000 00 99", email: satis@example.com}
    messages: {sms: {}, email: {}}
`, []scenario{
			{name: "three days before", now: at("2026-12-01 10:00"), rec: row("invoice_reminders", ayse)},
			{name: "two days before: the same step and key again, which the outbox already holds", now: at("2026-12-02 10:00"), rec: row("invoice_reminders", ayse)},
			{name: "on the due date", now: at("2026-12-04 10:00"), rec: row("invoice_reminders", ayse)},
			{name: "a week late, on a Friday", now: at("2026-12-11 10:00"), rec: row("invoice_reminders", ayse)},
			{name: "fourteen days late, a Friday: the sales person", now: at("2026-12-18 10:00"), rec: row("invoice_reminders", ayse)},
			{name: "a week late, made on a Sunday: waits for Monday", now: at("2026-12-13 10:00"), rec: row("invoice_reminders",
				erp.Record{"VADESI": time.Date(2026, 12, 6, 0, 0, 0, 0, time.Local)})},
		}},
	} {
		t.Run(tc.preset, func(t *testing.T) {
			cfg, err := config.Parse("/etc/ac/config.yaml", []byte(goldenHead+tc.job), config.Options{})
			if err != nil {
				t.Fatal(err)
			}
			j, err := Build(cfg, cfg.Jobs[0])
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, sc := range tc.scenarios {
				fmt.Fprintf(&b, "== %s (%s) ==\n", sc.name, sc.now.Format("2006-01-02 15:04 Mon"))
				rc := &runContext{now: sc.now, sent: sc.sent, contacts: map[string][]erp.Record{}}
				if sc.contacts != nil {
					rc.contacts[customerKey(sc.rec[j.contacts.key])] = sc.contacts
				}
				det := j.detector(nil, sc.now)
				planned, err := j.plan("merkez", sc.rec, det.event(sc.rec), rc)
				if err != nil {
					t.Fatal(err)
				}
				if len(planned) == 0 {
					b.WriteString("(nothing is due)\n")
				}
				for _, p := range planned {
					fmt.Fprintf(&b, "[%s] %s\nkey: %s\n", strings.TrimSpace(p.Label.In(catalog.EN)+" "+p.Channel), p.To, p.DedupeKey)
					if !p.NotBefore.IsZero() {
						fmt.Fprintf(&b, "waits until: %s\n", p.NotBefore.In(ist).Format("2006-01-02 15:04 Mon"))
					}
					if p.Skip != nil {
						fmt.Fprintf(&b, "skipped: %s\nskipped (tr): %s\n", catalog.EN.Reason(*p.Skip), catalog.TR.Reason(*p.Skip))
						continue
					}
					if p.SMS != nil {
						fmt.Fprintf(&b, "sms: %s\n", p.SMS)
					}
					if p.Subject != "" {
						fmt.Fprintf(&b, "subject: %s\n", p.Subject)
					}
					fmt.Fprintf(&b, "%s\n", p.Text)
				}
				b.WriteString("\n")
			}
			path := filepath.Join("testdata", "golden", tc.preset+".txt")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("differs from %s:\n--- got\n%s--- want\n%s", path, b.String(), want)
			}
		})
	}
}
