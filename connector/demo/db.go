// Package demo builds the embedded demo: a local SQLite database with
// Wolvox-shaped tables and Turkish sample data, and a config that runs the
// real pipeline against it with the console provider.
package demo

import (
	"context"
	"database/sql"
	"fmt"

	_ "modernc.org/sqlite" // the demo database

	"github.com/akinsoft-connector/akinsoft-connector/internal/sqlitefile"
)

// Schema is the subset of Wolvox's CARI and FATURA tables the presets read,
// with their Wolvox column names and types.
const Schema = `
CREATE TABLE CARI (
	BLKODU INTEGER PRIMARY KEY, CARIKODU VARCHAR(30) NOT NULL, TICARI_UNVANI VARCHAR(100),
	ADI VARCHAR(30), SOYADI VARCHAR(30), ADI_SOYADI VARCHAR(60), CEP_TEL VARCHAR(20), TEL1 VARCHAR(20),
	TEL2 VARCHAR(20), EV_TEL VARCHAR(20), E_MAIL VARCHAR(100), DOGUM_TARIHI DATE, TC_KIMLIK_NO VARCHAR(11),
	VERGI_NO VARCHAR(15), ADRESI_1 VARCHAR(100), ILCESI_1 VARCHAR(30), ILI_1 VARCHAR(30), GRUBU VARCHAR(30),
	KAYIT_TARIHI TIMESTAMP, DEGISTIRME_TARIHI TIMESTAMP, AKTIF SMALLINT DEFAULT 1, OZEL_KODU1 VARCHAR(30),
	SILINDI SMALLINT DEFAULT 0);
CREATE TABLE FATURA (
	BLKODU INTEGER PRIMARY KEY, BLCRKODU INTEGER, CARIKODU VARCHAR(30), FATURA_NO VARCHAR(20), FATURA_SERI VARCHAR(10),
	TARIHI DATE, VADESI DATE, TOPLAM_GENEL_KPB NUMERIC(18,2), TOPLAM_ALT_KPB NUMERIC(18,2), TOPLAM_KDV_KPB NUMERIC(18,2),
	FATURA_DURUMU SMALLINT, IPTAL SMALLINT DEFAULT 0, CEP_TEL VARCHAR(20), E_MAIL VARCHAR(100), EFATURA_PDF_URL VARCHAR(250),
	KAYIT_TARIHI TIMESTAMP, DEGISTIRME_TARIHI TIMESTAMP, SILINDI SMALLINT DEFAULT 0);
`

// CreateDB writes the demo database at path.
func CreateDB(ctx context.Context, path string) error {
	uri, err := sqlitefile.URI(path, nil)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, Schema); err != nil {
		return fmt.Errorf("create demo schema: %w", err)
	}
	for _, c := range Customers {
		first, last := splitName(c.Name)
		_, err := db.ExecContext(ctx, `INSERT INTO CARI (BLKODU, CARIKODU, TICARI_UNVANI, ADI, SOYADI, ADI_SOYADI, CEP_TEL, TEL1,
			E_MAIL, ILI_1, VERGI_NO, ADRESI_1, KAYIT_TARIHI) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-10-01 09:00:00')`,
			c.Key, c.Code, null(c.TradeName), null(first), null(last), null(c.Name), null(c.Mobile), null(c.Phone1),
			null(c.Email), c.City, null(c.TaxNo), c.Address)
		if err != nil {
			return fmt.Errorf("insert demo customer %d: %w", c.Key, err)
		}
	}
	return InsertInvoices(ctx, db, Invoices)
}

// InsertInvoices adds invoices to an open demo database.
func InsertInvoices(ctx context.Context, db *sql.DB, invoices []Invoice) error {
	for _, f := range invoices {
		_, err := db.ExecContext(ctx, `INSERT INTO FATURA (BLKODU, BLCRKODU, FATURA_NO, FATURA_SERI, TARIHI, VADESI, TOPLAM_GENEL_KPB,
			FATURA_DURUMU, IPTAL, SILINDI, CEP_TEL, E_MAIL, KAYIT_TARIHI) VALUES (?, ?, ?, 'A', ?, date(?, '+30 days'), ?, ?, ?, ?, ?, ?, ? || ' 10:00:00')`,
			f.Key, f.Customer, f.No, f.Date, f.Date, f.Total, f.Kind, b2i(f.Cancel), b2i(f.Deleted), null(f.Mobile), null(f.Email), f.Date)
		if err != nil {
			return fmt.Errorf("insert demo invoice %d: %w", f.Key, err)
		}
	}
	return nil
}

func splitName(full string) (string, string) {
	for i := len(full) - 1; i >= 0; i-- {
		if full[i] == ' ' {
			return full[:i], full[i+1:]
		}
	}
	return full, ""
}

func null(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
