//go:build linux

package egresstest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

// Markers are values planted in the ERP columns no template uses. Each is
// unique, ASCII and made of letters and digits only, so no JSON, XML, URL or
// MIME encoding on the way out could disguise it; finding one anywhere the
// connector sent something is a leak.
func markers(key int64) []string {
	return []string{
		fmt.Sprintf("TC%07dZQ", key),  // TC_KIMLIK_NO (11 characters, as the column allows)
		fmt.Sprintf("VKN%07dZQ", key), // VERGI_NO
		fmt.Sprintf("ADR%07dZQ", key), // in ADRESI_1
		fmt.Sprintf("NOT%07dZQ", key), // in NOTLAR
	}
}

// riskLimit is every fixture customer's RISK_LIMITI: a figure no template
// uses, as Firebird hands it over and as a template would print it.
var riskLimit = []string{"2500.75", "2500,75"}

// shopERP is the shop's Wolvox database on the real Firebird server.
type shopERP struct {
	fb   erptest.Server
	Path string
	db   *sql.DB // the test's own read-write connection (the shop's Wolvox writing)
	next int64   // the next free BLKODU
}

// newShopERP creates the demo's customers and invoices with a marker value
// in every customer's TC_KIMLIK_NO, VERGI_NO, ADRESI_1 and NOTLAR.
func newShopERP(t *testing.T, ctx context.Context) *shopERP {
	t.Helper()
	fb := erptest.Firebird(t)
	e := &shopERP{fb: fb, Path: fb.Path(t, "egress"), next: 5000}
	db, err := fb.CreateWolvox(ctx, e.Path, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	e.db = db
	t.Cleanup(func() { db.Close() })
	for _, c := range demo.Customers {
		e.mark(t, ctx, c.Key)
	}
	return e
}

func (e *shopERP) mark(t *testing.T, ctx context.Context, key int64) {
	t.Helper()
	m := markers(key)
	_, err := e.db.ExecContext(ctx, `UPDATE CARI SET TC_KIMLIK_NO = ?, VERGI_NO = ?, ADRESI_1 = ?, NOTLAR = ? WHERE BLKODU = ?`,
		m[0], m[1], "Gizli Sok. "+m[2]+" No:7 Kadıköy", "kredi notu "+m[3], key)
	if err != nil {
		t.Fatal(err)
	}
}

// allMarkers lists every planted value.
func (e *shopERP) allMarkers() []string {
	var out []string
	for _, c := range demo.Customers {
		out = append(out, markers(c.Key)...)
	}
	for k := int64(5000); k < e.next; k++ {
		out = append(out, markers(k)...)
	}
	return append(out, riskLimit...)
}

// newCustomer adds a customer (with markers) and returns its key.
func (e *shopERP) newCustomer(t *testing.T, ctx context.Context, name, mobile, email string) int64 {
	t.Helper()
	k := e.next
	e.next++
	_, err := e.db.ExecContext(ctx, `INSERT INTO CARI (BLKODU, CARIKODU, ADI_SOYADI, CEP_TEL, E_MAIL, KAYIT_TARIHI, DEGISTIRME_TARIHI, AKTIF, SILINDI, RISK_LIMITI)
		VALUES (?, ?, ?, ?, ?, ?, ?, 1, 0, 2500.75)`, k, fmt.Sprintf("120.09.%04d", k), name, mobile, email, time.Now(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	e.mark(t, ctx, k)
	return k
}

// newInvoice adds a sales invoice for customer, due in dueDays.
func (e *shopERP) newInvoice(t *testing.T, ctx context.Context, customer int64, total string, dueDays int) string {
	t.Helper()
	k := e.next
	e.next++
	no := fmt.Sprintf("2026-E%04d", k)
	_, err := e.db.ExecContext(ctx, `INSERT INTO FATURA (BLKODU, BLCRKODU, FATURA_NO, FATURA_SERI, TARIHI, VADESI, TOPLAM_GENEL_KPB, FATURA_DURUMU,
		IPTAL, SILINDI, KAYIT_TARIHI, DEGISTIRME_TARIHI) VALUES (?, ?, ?, 'A', ?, ?, ?, 1, 0, 0, ?, ?)`,
		k, customer, no, dateOnly(time.Now()), dateOnly(time.Now().AddDate(0, 0, dueDays)), total, time.Now(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return no
}

// debit books an invoice's amount on the customer's account, so it is owed
// (the due-date reminder asks the balance).
func (e *shopERP) debit(t *testing.T, ctx context.Context, customer int64, amount string) {
	t.Helper()
	k := e.next
	e.next++
	_, err := e.db.ExecContext(ctx, `INSERT INTO CARIHR (BLKODU, BLCRKODU, EVRAK_NO, ISLEM_TURU, TARIHI, KPB_ATUT, KPB_BTUT, KAYIT_TARIHI, SILINDI)
		VALUES (?, ?, ?, 2, ?, 0, ?, ?, 0)`, k, customer, fmt.Sprintf("BRC-%d", k), dateOnly(time.Now()), amount, time.Now())
	if err != nil {
		t.Fatal(err)
	}
}

// payment records a payment received (a credit on the customer's account).
func (e *shopERP) payment(t *testing.T, ctx context.Context, customer int64, amount string) {
	t.Helper()
	k := e.next
	e.next++
	_, err := e.db.ExecContext(ctx, `INSERT INTO CARIHR (BLKODU, BLCRKODU, EVRAK_NO, ISLEM_TURU, TARIHI, KPB_ATUT, KPB_BTUT, KAYIT_TARIHI, SILINDI)
		VALUES (?, ?, ?, 1, ?, ?, 0, ?, 0)`, k, customer, fmt.Sprintf("TAH-%d", k), dateOnly(time.Now()), amount, time.Now())
	if err != nil {
		t.Fatal(err)
	}
}

// touch changes a customer's card, as editing it in Wolvox does.
func (e *shopERP) touch(t *testing.T, ctx context.Context, customer int64) {
	t.Helper()
	if _, err := e.db.ExecContext(ctx, `UPDATE CARI SET ILI_1 = 'Ankara', DEGISTIRME_TARIHI = ? WHERE BLKODU = ?`, time.Now(), customer); err != nil {
		t.Fatal(err)
	}
}

func dateOnly(t time.Time) time.Time {
	y, m, d := t.In(istanbul).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
}

var istanbul = func() *time.Location {
	l, err := time.LoadLocation("Europe/Istanbul")
	if err != nil {
		return time.FixedZone("TRT", 3*3600)
	}
	return l
}()
