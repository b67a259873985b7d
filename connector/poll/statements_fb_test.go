package poll_test

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/ledongthuc/pdf"
	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The first of the database's current month, and days around it: the
// statement covers the month before it.
const fbFirst = `(CURRENT_DATE - EXTRACT(DAY FROM CURRENT_DATE) + 1)`

// statementMovements: Ayşe (1) carries 1.000,00 into last month, buys for
// 2.100,00 and pays 1.250,50 in it, and buys again this month (not in the
// statement). Mehmet (2) owes nothing at the end of last month. Çağlar
// Gıda (3) paid more than it owed: the shop owes it. Deleted movements
// count for nobody.
var statementMovements = []string{
	`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (6001, 1, 9, '2024-090', ` + fbFirst + ` - 45, 1000, 0)`,
	`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (6002, 1, 9, '2024-120', ` + fbFirst + ` - 20, 2100, 0)`,
	`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (6003, 1, 1, 'TAH-2026-001', ` + fbFirst + ` - 5, 0, 1250.50)`,
	`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (6004, 1, 9, '2024-140', CURRENT_DATE, 700, 0)`,
	`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT, SILINDI) VALUES (6005, 1, 1, 'SİLİNEN', ` + fbFirst + ` - 3, 0, 99999, 1)`,
	`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (6011, 2, 9, '2024-102', ` + fbFirst + ` - 25, 1200000.50, 0)`,
	`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (6012, 2, 1, 'TAH-2026-002', ` + fbFirst + ` - 2, 0, 1200000.50)`,
	`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (6021, 3, 9, '2024-103', ` + fbFirst + ` - 15, 84750.25, 0)`,
	`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (6022, 3, 1, 'TAH-2026-003', ` + fbFirst + ` - 10, 0, 90000)`,
}

// dbTotals are a customer's last-month totals as the database has them.
func (e *fbEnv) dbTotals(customer int) (opening, debit, credit, closing decimal.Decimal) {
	e.t.Helper()
	q := `SELECT
		(SELECT COALESCE(SUM(KPB_BTUT - KPB_ATUT), 0) FROM CARIHR WHERE BLCRKODU = ? AND SILINDI = 0 AND TARIHI < DATEADD(-1 MONTH TO ` + fbFirst + `)),
		(SELECT COALESCE(SUM(KPB_BTUT), 0) FROM CARIHR WHERE BLCRKODU = ? AND SILINDI = 0 AND TARIHI >= DATEADD(-1 MONTH TO ` + fbFirst + `) AND TARIHI < ` + fbFirst + `),
		(SELECT COALESCE(SUM(KPB_ATUT), 0) FROM CARIHR WHERE BLCRKODU = ? AND SILINDI = 0 AND TARIHI >= DATEADD(-1 MONTH TO ` + fbFirst + `) AND TARIHI < ` + fbFirst + `)
		FROM RDB$DATABASE`
	var o, d, c string
	if err := e.db.QueryRowContext(e.ctx, q, customer, customer, customer).Scan(&o, &d, &c); err != nil {
		e.t.Fatal(err)
	}
	opening, debit, credit = decimal.RequireFromString(o), decimal.RequireFromString(d), decimal.RequireFromString(c)
	return opening, debit, credit, opening.Add(debit).Sub(credit)
}

func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the statement PDF does not open: %v", err)
	}
	tr, err := r.GetPlainText()
	if err != nil {
		t.Fatalf("the statement PDF's text cannot be read: %v", err)
	}
	out, _ := io.ReadAll(tr)
	return string(out)
}

// A monthly statement goes to every customer with an open balance at the
// end of last month, once per period: by e-mail with a PDF whose text reads
// back with Turkish letters and the database's totals, and by SMS with the
// balance. The database lacks CARIHR.ACIKLAMA, which is optional.
func TestFirebirdStatementsMatchTheDatabase(t *testing.T) {
	e := newFB(t, "statements")
	e.exec(statementMovements...)
	j := e.job(`
jobs:
  - name: ekstre
    preset: account_statements
    schedule: "0 9 1 * *"
    messages:
      email: {}
      sms: {}
`)
	r := e.run(j)
	if r.Rows != 2 {
		t.Fatalf("rows %d, want Ayşe and Çağlar Gıda (Mehmet's balance is zero):\n%s", r.Rows, e.keys(j.Name))
	}
	f := mapping.DefaultFormats()
	money := func(d decimal.Decimal) string { s, _ := mapping.Money(d, f); return s }
	byKey := map[string]map[string]string{}
	for _, m := range e.messages(j.Name) {
		if byKey[m.RecordKey] == nil {
			byKey[m.RecordKey] = map[string]string{}
		}
		if m.Status == outbox.StatusSkipped {
			byKey[m.RecordKey][m.Channel] = "skipped: " + m.Reason.String()
			continue
		}
		byKey[m.RecordKey][m.Channel] = m.Text
		if m.Channel != "email" {
			continue
		}
		as, err := e.store.Attachments(e.ctx, m.ID)
		if err != nil || len(as) != 1 || as[0].ContentType != "application/pdf" || !strings.HasSuffix(as[0].Name, ".pdf") {
			t.Fatalf("message %d attachments: %+v %v", m.ID, as, err)
		}
		byKey[m.RecordKey]["pdf"] = pdfText(t, as[0].Data)
		byKey[m.RecordKey]["pdfname"] = as[0].Name
	}
	if _, ok := byKey["2"]; ok {
		t.Errorf("Mehmet, whose balance is zero, got a statement: %v", byKey["2"])
	}
	ayse := byKey["1"]
	o, d, c, closing := e.dbTotals(1)
	if !closing.Equal(decimal.RequireFromString("1849.50")) {
		t.Fatalf("fixture: Ayşe's closing balance is %s", closing)
	}
	for _, want := range []string{"Hesap Ekstresi", "Ayşe Yılmaz", "120.01.001", "Devir bakiyesi", money(o) + " (B)", money(d), money(c),
		"Dönem sonu bakiyesi", money(closing) + " (B)", "Satış faturası", "2024-120", "TAH-2026-001", "Ödeme / alacak"} {
		if !strings.Contains(ayse["pdf"], want) {
			t.Errorf("Ayşe's PDF lacks %q:\n%s", want, ayse["pdf"])
		}
	}
	for _, absent := range []string{"2024-140", "SİLİNEN", "99.999"} {
		if strings.Contains(ayse["pdf"], absent) {
			t.Errorf("Ayşe's PDF shows %q (this month's or a deleted movement):\n%s", absent, ayse["pdf"])
		}
	}
	if !strings.Contains(ayse["sms"], "Borç bakiyeniz: "+money(closing)) || !strings.Contains(ayse["email"], "Dönem alacağı: "+money(c)) {
		t.Errorf("Ayşe's texts: %q / %q", ayse["sms"], ayse["email"])
	}
	_, _, _, caglar := e.dbTotals(3)
	if !strings.Contains(byKey["3"]["sms"], "Alacak bakiyeniz: "+money(caglar.Abs())) ||
		!strings.Contains(byKey["3"]["pdf"], money(caglar.Abs())+" (A)") || !strings.Contains(byKey["3"]["pdf"], "Çağlar Gıda San. ve Tic. Ltd. Şti.") {
		t.Errorf("Çağlar Gıda (the shop owes %s): %v", caglar.Abs(), byKey["3"])
	}
	// Once per period: the next run sends nothing new.
	if r := e.run(j); r.New != 0 {
		t.Errorf("second run enqueued %d", r.New)
	}
}

// A reconciliation asks for the configured reply words.
func TestFirebirdReconciliationAsksForTheReplyWords(t *testing.T) {
	e := newFB(t, "reconciliation")
	e.exec(statementMovements...)
	j := e.job(`
jobs:
  - name: mutabakat
    preset: account_reconciliation
    schedule: "0 9 1 * *"
    statement:
      reply_words: {confirm: [ONAYLIYORUM, EVET], dispute: [İTİRAZ]}
    messages:
      email: {}
      sms: {}
`)
	if r := e.run(j); r.Rows != 2 {
		t.Fatalf("rows %d:\n%s", r.Rows, e.keys(j.Name))
	}
	for _, m := range e.messages(j.Name) {
		if m.RecordKey != "1" {
			continue
		}
		if !strings.Contains(m.Text, "ONAYLIYORUM") || !strings.Contains(m.Text, "İTİRAZ") || !strings.Contains(m.Text, "1.849,50 TL") {
			t.Errorf("%s: %q", m.Channel, m.Text)
		}
		if m.Channel == "email" {
			as, err := e.store.Attachments(e.ctx, m.ID)
			if err != nil || len(as) != 1 {
				t.Fatalf("attachments %v %v", as, err)
			}
			if text := pdfText(t, as[0].Data); !strings.Contains(text, "Cari Hesap Mutabakatı") || !strings.Contains(text, `"ONAYLIYORUM"`) {
				t.Errorf("the reconciliation PDF:\n%s", text)
			}
		}
	}
}
