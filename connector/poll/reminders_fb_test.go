package poll_test

import (
	"fmt"
	"strings"
	"testing"
)

// Customer 1 (Ayşe, 0532 123 45 67) has invoices 101 (1.250,00) and 120
// (2.100,00) with their CARIHR debits, and paid 1.250: by the oldest-first
// rule that is invoice 101. Both fall due in three days. She is reminded of
// 120 only, with its open amount.
func TestFirebirdCustomerWhoPaidOneOfTwoIsRemindedOfTheOther(t *testing.T) {
	e := newFB(t, "paid_one")
	e.exec(
		`UPDATE FATURA SET VADESI = CURRENT_DATE - 400`,
		`UPDATE FATURA SET VADESI = CURRENT_DATE + 3 WHERE BLKODU IN (101, 120)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5001, 1, 9, '2024-101', '2026-11-02', 1250, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5002, 1, 9, '2024-120', '2026-11-11', 2100, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5003, 1, 1, 'TAH-1', CURRENT_DATE, 0, 1250)`,
	)
	for _, preset := range []string{"invoices_due", "invoice_reminders"} {
		t.Run(preset, func(t *testing.T) {
			j := e.job(`
jobs:
  - name: ` + strings.ReplaceAll(preset, "_", "-") + `
    preset: ` + preset + `
    schedule: "@daily"
    messages:
      sms: {}
      email: {}
`)
			if r := e.run(j); r.New != 2 || r.Skipped != 0 {
				t.Fatalf("run: %+v\n%s", r, e.keys(j.Name))
			}
			ms := e.messages(j.Name)
			if len(ms) != 2 {
				t.Fatalf("messages:\n%s", e.keys(j.Name))
			}
			for _, m := range ms {
				if !strings.Contains(m.DedupeKey, ":merkez:120:") || m.RecordKey != "120" {
					t.Errorf("a message about %s (%s); the paid invoice 101 must not be reminded", m.RecordKey, m.DedupeKey)
				}
				if !strings.Contains(m.Text, "2024-120") || !strings.Contains(m.Text, "2.100,00 TL") {
					t.Errorf("%s: %q", m.Channel, m.Text)
				}
			}
			if ms[1].Channel != "sms" || ms[1].To != "+905321234567" || !strings.HasPrefix(ms[1].Text, "Sayın Ayşe Yılmaz, 2024-120") {
				t.Errorf("sms: %+v", ms[1])
			}
			if ms[0].Channel != "email" || ms[0].Subject == "" || ms[0].To != "ayse.yilmaz@example.com" {
				t.Errorf("email: %+v", ms[0])
			}
		})
	}
}

// A reminder sequence is one job with steps; each step is sent once, and a
// payment between two steps stops the later ones. Customer 2's invoice,
// never paid, gets every step, the last one going to the shop's sales
// person instead of the customer.
func TestFirebirdReminderSequenceStopsWhenPaid(t *testing.T) {
	e := newFB(t, "sequence")
	// Steps count days in the config's zone (Europe/Istanbul), which may
	// already be tomorrow on this server: the due date is three of its days ahead.
	dueDay := istDay(3)
	e.exec(`UPDATE FATURA SET VADESI = CURRENT_DATE - 400`)
	if _, err := e.db.ExecContext(e.ctx, `UPDATE FATURA SET VADESI = ? WHERE BLKODU IN (101, 102)`, dueDay); err != nil {
		t.Fatal(err)
	}
	e.exec(
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5001, 1, 9, '2024-101', '2026-11-02', 1250, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5002, 1, 9, '2024-120', '2026-11-11', 2100, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5004, 2, 9, '2024-102', '2026-11-02', 1200000.50, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5005, 2, 9, '2024-121', '2026-11-12', 345.60, 0)`,
	)
	j := e.job(`
jobs:
  - name: reminders
    preset: invoice_reminders
    schedule: "0 10 * * *"
    sequence:
      - offset: -3d
      - offset: 0d
      - offset: 7d
        messages:
          sms: {text: "{{.FATURA_NO}}: {{money .ACIK_TUTAR}} {{.GECIKME_GUN}} gündür gecikmede (adım {{.ADIM}})"}
      - offset: 14d
        staff: {sms: "0532 000 00 09"}
    messages:
      sms: {}
`)
	real := e.now
	at := func(days int) {
		e.now = real.AddDate(0, 0, days)
	}
	due := dueDay.Format("20060102")
	want := func(keys ...string) {
		t.Helper()
		var w []string
		for _, k := range keys {
			w = append(w, k+" sms pending")
		}
		if got := e.keys("reminders"); got != strings.Join(w, "\n") {
			t.Fatalf("messages:\n%s\nwant:\n%s", got, strings.Join(w, "\n"))
		}
	}
	key := func(inv, step string) string { return fmt.Sprintf("reminder:merkez:%s:step:%s:%s", inv, step, due) }

	at(0) // three days before the due date
	e.run(j)
	e.run(j) // the same day again: nothing twice
	want(key("101", "-3"), key("102", "-3"))
	at(1) // no step is due: -3 was sent, 0 not reached
	if r := e.run(j); r.New != 0 {
		t.Fatalf("a day after the first step: %+v", r)
	}
	at(3) // on the due date
	e.run(j)
	want(key("101", "+0"), key("101", "-3"), key("102", "+0"), key("102", "-3"))

	// Ayşe pays invoice 101 between the second and the third step.
	e.exec(`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5003, 1, 1, 'TAH-1', CURRENT_DATE, 0, 1250)`)
	at(10) // seven days after the due date
	e.run(j)
	at(17) // fourteen: the sales person hears of invoice 102 only
	e.run(j)
	want(key("101", "+0"), key("101", "-3"), key("102", "+0"), key("102", "+14"), key("102", "+7"), key("102", "-3"))
	texts := map[string]string{}
	for _, m := range e.messages("reminders") {
		texts[m.DedupeKey] = m.To + " " + m.Text
	}
	for k, want := range map[string]string{
		key("102", "-3"):  "+905332345678 Sayın Mehmet Öztürk, 2024-102 no'lu faturanızın ödenmemiş 1.200.000,50 TL tutarının son ödeme tarihi " + dueDay.Format("02.01.2006") + ". Ödediyseniz dikkate almayınız.",
		key("102", "+0"):  "+905332345678 Sayın Mehmet Öztürk, 2024-102 no'lu faturanızın ödenmemiş 1.200.000,50 TL tutarının son ödeme tarihi bugün. Ödediyseniz dikkate almayınız.",
		key("102", "+7"):  "+905332345678 2024-102: 1.200.000,50 TL 7 gündür gecikmede (adım 3)",
		key("102", "+14"): "+905320000009 Tahsilat: Mehmet Öztürk (120.01.002) 2024-102 numaralı faturanın 1.200.000,50 TL tutarı 14 gündür ödenmedi. Tel: +90 (533) 234-5678",
	} {
		if texts[k] != want {
			t.Errorf("%s:\n got %q\nwant %q", k, texts[k], want)
		}
	}
	// After the last step's catch-up days nothing more is sent.
	at(30)
	if r := e.run(j); r.New != 0 {
		t.Fatalf("after the sequence: %+v", r)
	}
}
