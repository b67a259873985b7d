package erp_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

// allocationDB is a Wolvox-shaped Firebird database where customer 1 (Ayşe)
// has two sales invoices, 101 (1250, older) and 120 (2100, newer), both
// falling due in two days, their CARIHR debits, and one payment of 1250
// whose document number names invoice 101; customer 2 has invoice 102
// (1200000.50) and a newer one, 121 (345.60, due long ago), and paid half
// of 102 without a link: oldest first, that pays 102. Every other invoice falls due
// long ago.
func allocationDB(t *testing.T, s erptest.Server, name string) (*sql.DB, string) {
	t.Helper()
	ctx := context.Background()
	path := s.Path(t, name)
	db, err := s.CreateWolvox(ctx, path, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, q := range []string{
		`UPDATE FATURA SET VADESI = CURRENT_DATE - 400`,
		`UPDATE FATURA SET VADESI = CURRENT_DATE + 2 WHERE BLKODU IN (101, 120, 102)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5001, 1, 9, '2024-101', '2026-11-02', 1250, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5002, 1, 9, '2024-120', '2026-11-11', 2100, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5003, 1, 1, '2024-101', '2026-11-20', 0, 1250)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5004, 2, 9, '2024-102', '2026-11-02', 1200000.50, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5007, 2, 9, '2024-121', '2026-11-12', 345.60, 0)`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT) VALUES (5005, 2, 1, 'TAH-7', '2026-11-21', 0, 600000.25)`,
		// A deleted payment pays nothing.
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT, SILINDI) VALUES (5006, 1, 1, '2024-120', '2026-11-22', 0, 2100, 1)`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	return db, path
}

// openAmounts runs a reminder preset and returns invoice → open amount.
func openAmounts(t *testing.T, src *erp.Source, preset string, params erp.Params) map[int64]string {
	t.Helper()
	ctx := context.Background()
	p, _ := erp.LookupPreset(preset)
	if err := src.Verify(ctx, p.Needs(params)); err != nil {
		t.Fatal(err)
	}
	cols, err := src.Columns(ctx, p.Tables())
	if err != nil {
		t.Fatal(err)
	}
	q, _, err := p.Build(params, cols)
	if err != nil {
		t.Fatal(err)
	}
	got := map[int64]string{}
	err = src.Query(ctx, q, nil, func(r erp.Record) error {
		d, ok := r["ACIK_TUTAR"].(decimal.Decimal)
		if !ok {
			return fmt.Errorf("ACIK_TUTAR is %#v (%T), not an exact decimal", r["ACIK_TUTAR"], r["ACIK_TUTAR"])
		}
		got[r["BLKODU"].(int64)] = d.StringFixed(2) + " of " + r["TOPLAM_GENEL_KPB"].(decimal.Decimal).StringFixed(2)
		return nil
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, q)
	}
	return got
}

// A customer who paid one of two invoices is reminded of the other only,
// on a real Firebird: by the oldest-first rule and by a document link.
func TestFirebirdOpenAmountPerInvoice(t *testing.T) {
	s := erptest.Firebird(t)
	_, path := allocationDB(t, s, "alloc")
	src, err := erp.Open(fbOptions(s, "merkez", path))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	want := map[int64]string{120: "2100.00 of 2100.00", 102: "600000.25 of 1200000.50"}
	for _, tc := range []struct {
		preset string
		params erp.Params
		want   map[int64]string
	}{
		{"invoices_due", nil, want},
		{"invoice_reminders", nil, want},
		// The payment's EVRAK_NO names invoice 101; customer 2's payment
		// names nothing, so in this mode it covers no invoice.
		{"invoices_due", erp.Params{"allocation": "document"}, map[int64]string{120: "2100.00 of 2100.00", 102: "1200000.50 of 1200000.50"}},
		// include_paid keeps the paid invoice, with nothing open.
		{"invoices_due", erp.Params{"include_paid": "true"}, map[int64]string{101: "0.00 of 1250.00", 120: "2100.00 of 2100.00", 102: "600000.25 of 1200000.50"}},
	} {
		t.Run(tc.preset+fmt.Sprint(tc.params), func(t *testing.T) {
			got := openAmounts(t, src, tc.preset, tc.params)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Fatalf("open amounts %v, want %v", got, tc.want)
			}
		})
	}
}

// The document link is a pair of parameters: a Wolvox that links a payment
// to its invoice by the invoice's key in another column.
func TestFirebirdOpenAmountByInvoiceKey(t *testing.T) {
	s := erptest.Firebird(t)
	ctx := context.Background()
	db, path := allocationDB(t, s, "alloc_key")
	for _, q := range []string{
		`ALTER TABLE CARIHR ADD BLFTKODU INTEGER`,
		`UPDATE CARIHR SET BLFTKODU = 102 WHERE BLKODU = 5005`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	src, err := erp.Open(fbOptions(s, "merkez", path))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	got := openAmounts(t, src, "invoices_due", erp.Params{"allocation": "document", "link_column": "BLFTKODU", "link_to": "BLKODU"})
	want := map[int64]string{101: "1250.00 of 1250.00", 120: "2100.00 of 2100.00", 102: "600000.25 of 1200000.50"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("open amounts %v, want %v", got, want)
	}
	// A link column the database lacks is refused by name.
	p, _ := erp.LookupPreset("invoices_due")
	err = src.Verify(ctx, p.Needs(erp.Params{"allocation": "document", "link_column": "FATURA_BLKODU", "link_to": "BLKODU"}))
	if err == nil || !strings.Contains(err.Error(), "CARIHR.FATURA_BLKODU") {
		t.Fatalf("missing link column: %v", err)
	}
}
