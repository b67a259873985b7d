package poll_test

import (
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// A collection entered in CARIHR thanks the customer with the amount and
// the balance after it: still owed, nothing left, or in her favour.
func TestFirebirdPaymentReceivedTellsTheBalance(t *testing.T) {
	e := newFB(t, "payments")
	e.exec(`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5001, 1, 9, '2024-101', '2026-11-02', 1250, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5002, 1, 9, '2024-120', '2026-11-11', 2100, 0)`)
	j := e.job(`
jobs:
  - name: payments
    preset: collections
    schedule: "@every 5m"
    messages:
      sms: {}
      email: {}
`)
	if r := e.run(j); !r.Started || r.New != 0 {
		t.Fatalf("first run: %+v", r) // no flood: the debits are not payments anyway
	}
	e.exec(
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT, KAYIT_TARIHI) VALUES (5003, 1, 1, 'TAH-1', '2026-11-20', 0, 1250, CURRENT_TIMESTAMP)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT, KAYIT_TARIHI) VALUES (5004, 1, 1, 'TAH-2', '2026-11-21', 0, 2100, CURRENT_TIMESTAMP)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT, KAYIT_TARIHI) VALUES (5005, 1, 1, 'TAH-3', '2026-11-22', 0, 100.50, CURRENT_TIMESTAMP)`,
		// A purchase invoice (or a sales return) credits the account under
		// the invoice's movement code: it is not a payment to thank for.
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT, KAYIT_TARIHI) VALUES (5006, 1, 9, 'ALIS-7', '2026-11-23', 0, 300, CURRENT_TIMESTAMP)`,
	)
	if r := e.run(j); r.New != 6 {
		t.Fatalf("second run: %+v\n%s", r, e.keys("payments"))
	}
	got := map[string]string{}
	for _, m := range e.messages("payments") {
		got[m.RecordKey+" "+m.Channel] = m.Text
	}
	for k, want := range map[string]string{
		"5003 sms": "Sayın Ayşe Yılmaz, 20.11.2026 tarihli 1.250,00 TL tutarındaki ödemeniz alınmıştır, teşekkür ederiz. Kalan borç bakiyeniz: 2.100,00 TL.",
		"5004 sms": "Sayın Ayşe Yılmaz, 21.11.2026 tarihli 2.100,00 TL tutarındaki ödemeniz alınmıştır, teşekkür ederiz. Hesabınızda borç kalmamıştır.",
		"5005 sms": "Sayın Ayşe Yılmaz, 22.11.2026 tarihli 100,50 TL tutarındaki ödemeniz alınmıştır, teşekkür ederiz. Alacak bakiyeniz: 100,50 TL.",
	} {
		if got[k] != want {
			t.Errorf("%s:\n got %q\nwant %q", k, got[k], want)
		}
	}
	if !strings.Contains(got["5003 email"], "ödemeniz (TAH-1) hesabınıza işlenmiştir") {
		t.Errorf("email: %q", got["5003 email"])
	}
}

// An invoice whose carrier tracking number appears tells the customer how
// to track it, once per tracking number: a later edit of the invoice sends
// nothing, a corrected number sends a new notice, and what existed before
// the job started is not sent.
func TestFirebirdShipmentNotice(t *testing.T) {
	e := newFB(t, "shipments")
	e.exec(`UPDATE FATURA SET KARGO_NO = 'OLD-1', DEGISTIRME_TARIHI = CURRENT_TIMESTAMP - 1 WHERE BLKODU = 103`)
	j := e.job(`
jobs:
  - name: shipments
    preset: shipments
    schedule: "@every 5m"
    messages:
      sms: {}
      email: {}
`)
	e.now = time.Now().Add(5 * time.Minute) // past the changed mode's lag
	if r := e.run(j); !r.Started || r.New != 0 {
		t.Fatalf("first run: %+v", r)
	}
	ship := func(no, carrier string) {
		t.Helper()
		if _, err := e.db.ExecContext(e.ctx, `UPDATE FATURA SET KARGO_NO = ?, KARGO_FIRMASI = ?, DEGISTIRME_TARIHI = ? WHERE BLKODU = 101`,
			no, carrier, e.now.Add(-3*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	ship("YK 123 456 789", "Yurtiçi Kargo")
	e.now = e.now.Add(time.Minute)
	if r := e.run(j); r.New != 2 {
		t.Fatalf("after the tracking number: %+v\n%s", r, e.keys("shipments"))
	}
	// The same number written differently, with a later edit: nothing new.
	e.now = e.now.Add(time.Minute)
	ship("yk123456789", "Yurtiçi Kargo")
	e.now = e.now.Add(time.Minute)
	if r := e.run(j); r.New != 0 {
		t.Fatalf("edit with the same tracking number: %+v", r)
	}
	e.now = e.now.Add(time.Minute)
	ship("ARAS-555", "Aras Kargo")
	e.now = e.now.Add(time.Minute)
	if r := e.run(j); r.New != 2 {
		t.Fatalf("a corrected tracking number: %+v", r)
	}
	want := "shipment:merkez:101:shipped:ARAS-555 email pending\nshipment:merkez:101:shipped:ARAS-555 sms pending\n" +
		"shipment:merkez:101:shipped:YK123456789 email pending\nshipment:merkez:101:shipped:YK123456789 sms pending"
	if got := e.keys("shipments"); got != want {
		t.Fatalf("keys:\n%s\nwant:\n%s", got, want)
	}
	sms := e.messages("shipments")[3]
	if sms.Text != "Sayın Ayşe Yılmaz, 2024-101 numaralı faturanıza ait ürünleriniz kargoya verilmiştir. Kargo firması: Yurtiçi Kargo. Takip numarası: YK 123 456 789." {
		t.Errorf("sms: %q", sms.Text)
	}
}

// A database without the carrier's name still sends the notice, without
// that line; one without KARGO_NO cannot run the preset and says so.
func TestFirebirdShipmentsOnOlderWolvox(t *testing.T) {
	e := newFB(t, "ship_old", "FATURA.KARGO_FIRMASI")
	j := e.job(`
jobs:
  - name: shipments
    preset: shipments
    schedule: "@every 5m"
    backfill: all
    messages:
      sms: {}
`)
	e.exec(`UPDATE FATURA SET KARGO_NO = '42', DEGISTIRME_TARIHI = CURRENT_TIMESTAMP - 1 WHERE BLKODU = 101`)
	e.now = time.Now().Add(5 * time.Minute)
	if r := e.run(j); r.New != 1 {
		t.Fatalf("run: %+v", r)
	}
	if m := e.messages("shipments")[0]; !strings.HasSuffix(m.Text, "kargoya verilmiştir. Takip numarası: 42.") {
		t.Errorf("sms: %q", m.Text)
	}
	e2 := newFB(t, "ship_none", "FATURA.KARGO_NO")
	j2 := e2.job(`
jobs:
  - name: shipments
    preset: shipments
    schedule: "@every 5m"
    messages:
      sms: {}
`)
	if _, err := e2.poller.Run(e2.ctx, j2); err == nil || !strings.Contains(err.Error(), "lacks FATURA.KARGO_NO") {
		t.Fatalf("run without KARGO_NO: %v", err)
	}
}

// The e-invoice link goes out in the SMS and the e-mail, and as a WhatsApp
// template's document header and URL button; an invoice without a link
// drops the line, and its WhatsApp message (which cannot be filled) is
// skipped with the reason so the SMS fallback sends.
func TestFirebirdEInvoiceLink(t *testing.T) {
	e := newFB(t, "einvoice")
	e.exec(`UPDATE FATURA SET EFATURA_PDF_URL = 'https://efatura.example.com/pdf/9c1e-' || FATURA_NO WHERE BLKODU = 101`)
	j := e.job(`
jobs:
  - name: invoices
    preset: new_invoices
    schedule: "@every 5m"
    backfill: all
    messages:
      whatsapp:
        template: efatura_hazir
        header:
          - {type: document, value: "{{.EFATURA_PDF_URL}}", filename: "Fatura {{.FATURA_NO}}.pdf"}
        body:
          - {value: "{{.ALICI_ADI}}"}
          - {value: "{{.FATURA_NO}}"}
        buttons:
          - {sub_type: url, index: 0, value: '{{trimprefix "https://efatura.example.com/pdf/" .EFATURA_PDF_URL}}'}
      sms: {}
      email: {}
    fallback: [sms]
`)
	e.run(j)
	got := map[string]string{}
	var payload string
	for _, m := range e.messages("invoices") {
		if m.RecordKey == "101" || m.RecordKey == "120" {
			got[m.RecordKey+" "+m.Channel] = string(m.Status) + " " + m.Text + catalog.EN.Reason(m.Reason)
			if m.RecordKey == "101" && m.Channel == "whatsapp" {
				payload = string(m.Payload)
			}
		}
	}
	for k, want := range map[string]string{
		"101 sms":      "standby Sayın Ayşe Yılmaz, 02.11.2026 tarihli 2024-101 numaralı 1.250,00 TL tutarındaki faturanız düzenlenmiştir. Son ödeme: 02.12.2026. e-Fatura: https://efatura.example.com/pdf/9c1e-2024-101",
		"120 sms":      "pending Sayın Ayşe Yılmaz, 11.11.2026 tarihli 2024-120 numaralı 2.100,00 TL tutarındaki faturanız düzenlenmiştir. Son ödeme: 11.12.2026.",
		"120 whatsapp": "skipped the WhatsApp template's header parameter 1 rendered empty: WhatsApp refuses empty parameters (wrap the field with default; a job with a fallback channel sends there)",
	} {
		if got[k] != want {
			t.Errorf("%s:\n got %q\nwant %q", k, got[k], want)
		}
	}
	if !strings.Contains(got["101 email"], "\ne-Fatura: https://efatura.example.com/pdf/9c1e-2024-101") || strings.Contains(got["120 email"], "e-Fatura") {
		t.Errorf("emails: %q / %q", got["101 email"], got["120 email"])
	}
	for _, want := range []string{`"document":{"link":"https://efatura.example.com/pdf/9c1e-2024-101","filename":"Fatura 2024-101.pdf"}`,
		`"sub_type":"url","index":"0","parameters":[{"type":"text","text":"9c1e-2024-101"}]`} {
		if !strings.Contains(payload, want) {
			t.Errorf("whatsapp payload lacks %s:\n%s", want, payload)
		}
	}
}
