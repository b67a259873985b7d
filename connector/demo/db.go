// Package demo builds the embedded demo: a local SQLite database with
// Wolvox-shaped tables and Turkish sample data, and a config that runs the
// real pipeline against it with the console provider.
package demo

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	_ "modernc.org/sqlite" // the demo database

	"github.com/akinsoft-connector/akinsoft-connector/internal/sqlitefile"
)

// Schema is the subset of Wolvox's tables the presets read (CARI, FATURA,
// CARIHR, CARI_YETKILI, and Wolvox's own send log as the connector guesses it),
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
	KARGO_FIRMASI VARCHAR(50), KARGO_NO VARCHAR(30),
	KAYIT_TARIHI TIMESTAMP, DEGISTIRME_TARIHI TIMESTAMP, SILINDI SMALLINT DEFAULT 0);
CREATE TABLE CARIHR (
	BLKODU INTEGER PRIMARY KEY, BLCRKODU INTEGER, EVRAK_NO VARCHAR(20), ISLEM_TURU SMALLINT, TARIHI DATE, VADESI DATE,
	KPB_ATUT NUMERIC(18,2), KPB_BTUT NUMERIC(18,2), KAYIT_TARIHI TIMESTAMP, DEGISTIRME_TARIHI TIMESTAMP, SILINDI SMALLINT DEFAULT 0);
CREATE TABLE CARI_YETKILI (
	BLKODU INTEGER PRIMARY KEY, BLCRKODU INTEGER, ADI_SOYADI VARCHAR(60), CEP_TELEFONU VARCHAR(20), E_MAIL VARCHAR(100),
	SMS_GONDER SMALLINT, DOGUM_TARIHI DATE);
CREATE TABLE MAIL_SMS_LOG (BLKODU INTEGER PRIMARY KEY, ALICI VARCHAR(100), TARIHI TIMESTAMP, MESAJ VARCHAR(1000));
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
	if err := InsertInvoices(ctx, db, Invoices); err != nil {
		return err
	}
	return insertAccounts(ctx, db)
}

// insertAccounts writes the movements, contacts, tracking numbers and
// e-invoice links, and moves a few due dates next to today, so that
// render shows each reminder, payment, shipment and contact job on real
// rows whenever it is run. Ayşe's two invoices fall due in three days
// (she paid 101: only 120 is reminded), Mehmet's is due today, Ümit's a
// week ago; a payment and a Wolvox-sent notice are dated today.
func insertAccounts(ctx context.Context, db *sql.DB) error {
	for _, m := range Movements {
		if _, err := db.ExecContext(ctx, `INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT, KAYIT_TARIHI)
			VALUES (?, ?, ?, ?, ?, ?, ?, ? || ' 11:00:00')`, m.Key, m.Customer, m.Type, m.Document, m.Date, m.Debit, m.Credit, m.Date); err != nil {
			return fmt.Errorf("insert demo movement %d: %w", m.Key, err)
		}
	}
	for _, c := range Contacts {
		if _, err := db.ExecContext(ctx, `INSERT INTO CARI_YETKILI (BLKODU, BLCRKODU, ADI_SOYADI, CEP_TELEFONU, E_MAIL, SMS_GONDER) VALUES (?, ?, ?, ?, ?, ?)`,
			c.Key, c.Customer, c.Name, null(c.Mobile), null(c.Email), b2i(c.Flagged)); err != nil {
			return fmt.Errorf("insert demo contact %d: %w", c.Key, err)
		}
	}
	for key, s := range Shipments {
		if _, err := db.ExecContext(ctx, `UPDATE FATURA SET KARGO_FIRMASI = ?, KARGO_NO = ?, DEGISTIRME_TARIHI = datetime('now', 'localtime') WHERE BLKODU = ?`,
			null(s[0]), s[1], key); err != nil {
			return err
		}
	}
	for key, url := range EInvoices {
		if _, err := db.ExecContext(ctx, `UPDATE FATURA SET EFATURA_PDF_URL = ? WHERE BLKODU = ?`, url, key); err != nil {
			return err
		}
	}
	for _, q := range []string{
		`UPDATE FATURA SET VADESI = date('now', 'localtime', '+3 days') WHERE BLKODU IN (101, 120)`,
		`UPDATE FATURA SET VADESI = date('now', 'localtime') WHERE BLKODU = 102`,
		`UPDATE FATURA SET VADESI = date('now', 'localtime', '-7 days') WHERE BLKODU = 109`,
		`INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT, KAYIT_TARIHI)
			VALUES (5012, 9, 1, 'TAH-2026-004', date('now', 'localtime'), 0, 2500.00, datetime('now', 'localtime'))`,
		// Wolvox itself already sent Mehmet's due-date notice today.
		`INSERT INTO MAIL_SMS_LOG (BLKODU, ALICI, TARIHI, MESAJ) VALUES (1, '905332345678', datetime('now', 'localtime', '-1 hours'),
			'Sayin MEHMET OZTURK 2024-102 nolu faturanizin son odeme tarihi bugundur.')`,
	} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("demo accounts: %w", err)
		}
	}
	return nil
}

// InsertInvoices adds invoices to an open demo database. The demo's later
// sales invoices get their CARIHR debit here, as Wolvox writes one with
// every sales invoice (the first ones' are in Movements).
func InsertInvoices(ctx context.Context, db *sql.DB, invoices []Invoice) error {
	for _, f := range invoices {
		if !slices.ContainsFunc(LaterInvoices, func(l Invoice) bool { return l.Key == f.Key }) || f.Cancel || f.Deleted {
			continue
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO CARIHR (BLKODU, BLCRKODU, ISLEM_TURU, EVRAK_NO, TARIHI, KPB_BTUT, KPB_ATUT, KAYIT_TARIHI)
			VALUES (?, ?, 9, ?, ?, ?, 0, ? || ' 10:00:00')`, 5000+f.Key, f.Customer, f.No, f.Date, f.Total, f.Date); err != nil {
			return fmt.Errorf("insert demo debit %d: %w", f.Key, err)
		}
	}
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
