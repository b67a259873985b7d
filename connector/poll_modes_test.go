package connector_test

import (
	"context"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

const fbConfig = `
state_dir: state
quiet_hours: {disabled: true}
sources:
  - name: merkez
    driver: firebird
    host: HOST
    port: PORT
    database: 'DB'
    user: USER
    password: ${env:FIREBIRD_TEST_PASSWORD}
channels:
  sms: {provider: console, rate: 1000/s}
commercial: {sender_identity: [MAGAZA]}
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 1m"
    page_size: 4
    messages: {sms: {text: "{{.FATURA_NO}} {{.MUSTERI_ADI}} {{money .TOPLAM_GENEL_KPB}}"}}
  - name: customers
    preset: new_customers
    schedule: "@every 1m"
    messages: {sms: {text: "Hoş geldiniz {{.MUSTERI_ADI}}"}}
  - name: changed
    sql: SELECT BLKODU, FATURA_NO, DEGISTIRME_TARIHI, CEP_TEL FROM FATURA WHERE COALESCE(SILINDI, 0) = 0 AND COALESCE(IPTAL, 0) = 0
    key: BLKODU
    mode: changed
    timestamp: DEGISTIRME_TARIHI
    lag: 1m
    page_size: 3
    schedule: "@every 1m"
    messages: {sms: {to: [CEP_TEL], text: "{{.FATURA_NO}} changed"}}
  - name: overdue
    preset: invoices_overdue
    schedule: "@daily"
    messages: {sms: {text: "{{.FATURA_NO}} gecikti, bakiye {{money .BAKIYE}}"}}
  - name: birthdays
    preset: birthdays
    kind: commercial
    schedule: "@daily"
    messages: {sms: {text: "İyi ki doğdunuz {{.MUSTERI_ADI}}. MAGAZA; ret: RET yazıp 3338'e"}}
  - name: payments
    preset: collections
    schedule: "@every 1m"
    messages: {sms: {text: "{{money .TUTAR}} tahsil edildi"}}
`

type fbClock struct{ t time.Time }

func (c *fbClock) now() time.Time { return c.t }

func TestFirebirdChangeDetection(t *testing.T) {
	s := erptest.Firebird(t)
	ctx := context.Background()
	path := s.Path(t, "modes")
	// Wolvox writes the shop's wall clock, that of the config's timezone
	// (here the default, Istanbul): the driver writes a time's own.
	start := time.Now().In(config.DefaultLocation()).Truncate(time.Second)
	db, err := s.CreateWolvox(ctx, path, start.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	dir := t.TempDir()
	y := strings.NewReplacer("HOST", s.Host, "PORT", itoa(s.Port), "DB", path, "USER", s.User).Replace(fbConfig)
	cfg := loadConfig(t, dir, y)
	clk := &fbClock{t: start}
	d, err := connector.New(ctx, cfg, connector.Options{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	run := func(job string) connector.RunResult {
		t.Helper()
		res, err := d.RunJob(ctx, job)
		if err != nil {
			t.Fatalf("%s: %v", job, err)
		}
		if len(res) != 1 || res[0].Source != "merkez" {
			t.Fatalf("%s: results %+v", job, res)
		}
		return res[0]
	}
	keys := func(job string) []string {
		t.Helper()
		ms, err := d.Store().List(ctx, outbox.Filter{Job: job, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, m := range ms {
			out = append(out, m.DedupeKey)
		}
		sort.Strings(out)
		return out
	}

	// First start never floods: every job starts at the current end.
	for _, job := range []string{"invoices", "customers", "changed", "payments"} {
		if r := run(job); r.New != 0 || !r.Started {
			t.Fatalf("%s first run: %+v", job, r)
		}
	}
	if p, err := d.Pending(ctx, "invoices"); err != nil || p["merkez"] != 0 {
		t.Fatalf("pending: %v %v", p, err)
	}

	// created: new invoices, sales only, never cancelled or deleted, paged.
	later := []demo.Invoice{
		{Key: 201, Customer: 1, No: "2026-201", Total: "1200000.50", Kind: 1, Date: "2026-11-20"},
		{Key: 202, Customer: 2, No: "2026-202", Total: "10.00", Kind: 1, Date: "2026-11-20", Cancel: true},
		{Key: 203, Customer: 3, No: "2026-203", Total: "10.00", Kind: 1, Date: "2026-11-20", Deleted: true},
		{Key: 204, Customer: 4, No: "2026-204", Total: "10.00", Kind: 5, Date: "2026-11-20"},
		{Key: 205, Customer: 99, No: "2026-205", Total: "20.00", Kind: 1, Date: "2026-11-20"},
	}
	for k := int64(206); k <= 212; k++ {
		later = append(later, demo.Invoice{Key: k, Customer: 5, No: "2026-" + itoa(int(k)), Total: "5.00", Kind: 3, Date: "2026-11-21"})
	}
	if err := erptest.InsertInvoices(ctx, db, later, start); err != nil {
		t.Fatal(err)
	}
	if p, err := d.Pending(ctx, "invoices"); err != nil || p["merkez"] != 9 {
		t.Fatalf("pending after insert: %v %v", p, err)
	}
	if r := run("invoices"); r.Rows != 9 || r.New != 9 || r.Cursor != "212|130" { // the key it started after kept
		t.Fatalf("created: %+v", r)
	}
	if got := keys("invoices"); len(got) != 9 || got[0] != "invoice:merkez:201:created" {
		t.Fatalf("created keys: %v", got)
	}
	if r := run("invoices"); r.Rows != 0 {
		t.Fatalf("second run re-read: %+v", r)
	}

	// changed: rows younger than the lag wait; a row committed late with a
	// lower key and an older timestamp is still found.
	if r := run("changed"); r.Rows != 0 {
		t.Fatalf("inside lag window: %+v", r)
	}
	clk.t = start.Add(2 * time.Minute)
	r := run("changed")
	if r.New != 8 { // 201, 205-212 minus cancelled/deleted 202/203; 204 is a purchase but this SQL keeps it
		t.Logf("changed run: %+v", r)
	}
	first := keys("changed")
	late := []demo.Invoice{{Key: 150, Customer: 6, No: "2026-150", Total: "1.00", Kind: 1, Date: "2026-11-19"}}
	if err := erptest.InsertInvoices(ctx, db, late, start.Add(30*time.Second)); err != nil {
		t.Fatal(err)
	}
	clk.t = start.Add(3 * time.Minute)
	r = run("changed")
	if r.New != 1 {
		t.Fatalf("late row with a lower key: %+v (keys %v)", r, keys("changed"))
	}
	if got := keys("changed"); len(got) != len(first)+1 {
		t.Fatalf("changed keys %v after %v", got, first)
	}
	// An update bumps the timestamp: one new event for the same row.
	if _, err := db.ExecContext(ctx, `UPDATE FATURA SET DEGISTIRME_TARIHI = ? WHERE BLKODU = 201`, start.Add(3*time.Minute)); err != nil {
		t.Fatal(err)
	}
	clk.t = start.Add(5 * time.Minute)
	if r := run("changed"); r.New != 1 {
		t.Fatalf("update: %+v", r)
	}

	// condition: overdue invoices of customers who owe, once per period.
	today := time.Now()
	if _, err := db.ExecContext(ctx, `UPDATE FATURA SET VADESI = ? WHERE BLKODU IN (101, 102, 111)`, today.AddDate(0, 0, -10)); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, KPB_BTUT, KPB_ATUT) VALUES (GEN_ID(GEN_BLKODU, 1), 1, 9, 1250, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, KPB_BTUT, KPB_ATUT) VALUES (GEN_ID(GEN_BLKODU, 1), 1, 9, 1202100.50, 0)`, // invoices 120 and 201: reminders are per invoice
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, KPB_BTUT, KPB_ATUT) VALUES (GEN_ID(GEN_BLKODU, 1), 2, 9, 500, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, KPB_BTUT, KPB_ATUT) VALUES (GEN_ID(GEN_BLKODU, 1), 2, 1, 0, 500)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, KPB_BTUT, KPB_ATUT) VALUES (GEN_ID(GEN_BLKODU, 1), 11, 9, 99, 0)`,
		`UPDATE CARI SET DOGUM_TARIHI = '1990-01-01' WHERE BLKODU IN (3, 4)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.ExecContext(ctx, `UPDATE CARI SET DOGUM_TARIHI = ? WHERE BLKODU IN (3, 4)`, time.Date(1985, today.Month(), today.Day(), 0, 0, 0, 0, time.Local)); err != nil {
		t.Fatal(err)
	}
	// 101 (customer 1 owes 1250): notified; 102 (customer 2 paid): not;
	// 111 cancelled: never.
	r = run("overdue")
	if got := keys("overdue"); r.New != 1 || len(got) != 1 || !strings.HasPrefix(got[0], "overdue:merkez:101:") {
		t.Fatalf("overdue: %+v %v", r, got)
	}
	if r := run("overdue"); r.New != 0 || r.Rows != 1 {
		t.Fatalf("overdue again in the same period: %+v", r)
	}
	clk.t = clk.t.Add(8 * 24 * time.Hour) // renotify 7d
	if r := run("overdue"); r.New != 1 {
		t.Fatalf("overdue after renotify: %+v", r)
	}
	if r := run("birthdays"); r.New != 2 {
		t.Fatalf("birthdays: %+v", r)
	}
	// collections: the payment of customer 2 after the job started.
	r = run("payments")
	if got := keys("payments"); r.New != 1 || len(got) != 1 {
		t.Fatalf("payments: %+v %v", r, got)
	}
	// new customers with Turkish names.
	if _, err := db.ExecContext(ctx, `INSERT INTO CARI (BLKODU, CARIKODU, ADI_SOYADI, CEP_TEL) VALUES (500, '120.05', 'Şule Ağaoğlu', '0532 000 00 01')`); err != nil {
		t.Fatal(err)
	}
	if r := run("customers"); r.New != 1 {
		t.Fatalf("customers: %+v", r)
	}
	ms, _ := d.Store().List(ctx, outbox.Filter{Job: "customers"})
	if len(ms) != 1 || ms[0].Text != "Hoş geldiniz Şule Ağaoğlu" {
		t.Fatalf("customer message: %+v", ms)
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
