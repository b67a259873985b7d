package erp

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// balanceSQL is a customer's open balance from CARIHR: debits minus credits
// over rows that are not deleted (Wolvox has no "paid" flag on FATURA).
const balanceSQL = `(SELECT COALESCE(SUM(COALESCE(H.KPB_BTUT, 0) - COALESCE(H.KPB_ATUT, 0)), 0) FROM CARIHR H
	WHERE H.BLCRKODU = F.BLCRKODU{and:H})`

// dueColumns: a reminder is about the due date and the customer's balance,
// so both are required; the rest is what new_invoices reads.
var dueColumns = columns(invoiceColumns, []Column{req("F.VADESI"),
	req("H.BLCRKODU"), req("H.KPB_ATUT"), req("H.KPB_BTUT"), filter("H.SILINDI", 0)}, customerColumns)

// days reads a whole-number-of-days parameter for direct use in SQL.
func (p Params) days(name string, def int) (int, error) {
	v := p[name]
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 3650 {
		return 0, fmt.Errorf("preset parameter %s must be a number of days (0-3650), not %q", name, v)
	}
	return n, nil
}

// dueInvoices selects unpaid sales invoices whose due date lies in the
// window [today − overdue, today + ahead], with the customer's balance.
func dueInvoices(p Params, from, to string) (string, error) {
	kinds, err := p.ints("invoice_kinds", "1,3")
	if err != nil {
		return "", err
	}
	balance := ""
	if p["include_paid"] != "true" {
		balance = " AND " + balanceSQL + " > 0"
	}
	return `SELECT F.BLKODU, F.BLCRKODU, F.FATURA_NO, F.FATURA_SERI AS FATURA_SERI, F.TARIHI, F.VADESI, F.TOPLAM_GENEL_KPB,
	F.FATURA_DURUMU, F.CEP_TEL AS FATURA_CEP_TEL, F.E_MAIL AS FATURA_E_MAIL, F.EFATURA_PDF_URL AS EFATURA_PDF_URL,
	` + balanceSQL + ` AS BAKIYE,
	` + customerCols + `
FROM FATURA F LEFT JOIN CARI C ON C.BLKODU = F.BLCRKODU
WHERE F.FATURA_DURUMU IN (` + kinds + `){and:F}
	AND F.VADESI >= ` + from + ` AND F.VADESI <= ` + to + balance, nil
}

var invoiceRecipients = map[string][]string{
	"sms":      {"FATURA_CEP_TEL", "CEP_TEL", "TEL1", "TEL2"},
	"whatsapp": {"FATURA_CEP_TEL", "CEP_TEL", "TEL1", "TEL2"},
	"email":    {"FATURA_E_MAIL", "E_MAIL"},
	"webhook":  {"CARIKODU"},
}

var customerRecipients = map[string][]string{
	"sms":      {"CEP_TEL", "TEL1", "TEL2"},
	"whatsapp": {"CEP_TEL", "TEL1", "TEL2"},
	"email":    {"E_MAIL"},
	"webhook":  {"CARIKODU"},
}

func invoiceSample() Record {
	r := Record{}
	for k, v := range presets["new_invoices"].Sample {
		r[k] = v
	}
	r["BAKIYE"] = decimal.RequireFromString("1250.00")
	// The reminders do not select it: a template using it must fail at
	// check, not at the first reminder.
	delete(r, "KAYIT_TARIHI")
	return r
}

var morePresets = []Preset{
	{
		Name:        "invoices_due",
		Description: "unpaid sales invoices falling due within the next days_ahead days (default 3); one reminder per invoice per renotify interval",
		Mode:        "condition",
		Key:         "BLKODU",
		Entity:      "due",
		Renotify:    "30d",
		Columns:     dueColumns,
		query: func(p Params) (string, error) {
			ahead, err := p.days("days_ahead", 3)
			if err != nil {
				return "", err
			}
			return dueInvoices(p, "{today}", fmt.Sprintf("{today+%d}", ahead))
		},
		Recipients: invoiceRecipients,
		Check:      missingCustomer,
	},
	{
		Name:        "invoices_overdue",
		Description: "sales invoices past their due date (up to max_days_overdue, default 90) while the customer still owes; reminded every renotify interval (default 7d)",
		Mode:        "condition",
		Key:         "BLKODU",
		Entity:      "overdue",
		Renotify:    "7d",
		Columns:     dueColumns,
		query: func(p Params) (string, error) {
			max, err := p.days("max_days_overdue", 90)
			if err != nil {
				return "", err
			}
			return dueInvoices(p, fmt.Sprintf("{today-%d}", max), "{today-1}")
		},
		Recipients: invoiceRecipients,
		Check:      missingCustomer,
	},
	{
		Name:        "collections",
		Description: "payments received: credit movements on the customer's account (CARIHR), as they are recorded",
		Mode:        "created",
		Key:         "BLKODU",
		Entity:      "payment",
		DateColumn:  "KAYIT_TARIHI",
		// A payment is its key, customer, date and amount; the document
		// number is for templates. ISLEM_TURU is needed only to filter by
		// movement_types.
		Columns: columns([]Column{req("H.BLKODU"), req("H.BLCRKODU"), req("H.TARIHI"), req("H.KPB_ATUT"), req("H.KAYIT_TARIHI"),
			opt("H.EVRAK_NO", NullText), optBy("H.ISLEM_TURU", NullInt, "movement_types"), filter("H.SILINDI", 0)}, customerColumns),
		query: func(p Params) (string, error) {
			types := ""
			if p["movement_types"] != "" {
				t, err := p.ints("movement_types", "")
				if err != nil {
					return "", err
				}
				types = " AND H.ISLEM_TURU IN (" + t + ")"
			}
			return `SELECT H.BLKODU, H.BLCRKODU, H.EVRAK_NO AS EVRAK_NO, H.ISLEM_TURU AS ISLEM_TURU, H.TARIHI, H.KPB_ATUT AS TUTAR,
	H.KAYIT_TARIHI,
	` + customerCols + `
FROM CARIHR H LEFT JOIN CARI C ON C.BLKODU = H.BLCRKODU
WHERE COALESCE(H.KPB_ATUT, 0) > 0{and:H}` + types, nil
		},
		Recipients: customerRecipients,
		Check: func(r Record) *mapping.Reason {
			if r["CARI_BLKODU"] == nil {
				why := mapping.R(ReasonPaymentCustomerMissing, "key", r["BLCRKODU"])
				return &why
			}
			return nil
		},
		Sample: Record{
			"BLKODU": int64(9001), "BLCRKODU": int64(12), "EVRAK_NO": "TAH-2026-001", "ISLEM_TURU": int64(1), "TARIHI": sampleTime,
			"TUTAR": decimal.RequireFromString("500.00"), "KAYIT_TARIHI": sampleTime, "CARI_BLKODU": int64(12), "CARIKODU": "120.01.012",
			"TICARI_UNVANI": nil, "ADI": "Ayşe", "SOYADI": "Yılmaz", "ADI_SOYADI": "Ayşe Yılmaz", "MUSTERI_ADI": "Ayşe Yılmaz",
			"CEP_TEL": "0532 123 45 67", "TEL1": nil, "TEL2": nil, "E_MAIL": "ayse.yilmaz@example.com",
		},
	},
	{
		Name:        "birthdays",
		Description: "customers whose birthday is today (active, not deleted); a greeting is commercial: set kind: commercial",
		Mode:        "condition",
		Key:         "BLKODU",
		Entity:      "birthday",
		Renotify:    "1d",
		Commercial:  true,
		Columns:     columns([]Column{req("C.DOGUM_TARIHI")}, customerColumns, customerFilters),
		query: func(Params) (string, error) {
			return `SELECT C.BLKODU, C.DOGUM_TARIHI, ` + customerCols + `
FROM CARI C
WHERE C.DOGUM_TARIHI IS NOT NULL
	AND {month:C.DOGUM_TARIHI} = {today_month} AND {day:C.DOGUM_TARIHI} = {today_day}{and:C}`, nil
		},
		Recipients: customerRecipients,
		Sample: Record{
			"BLKODU": int64(12), "DOGUM_TARIHI": sampleTime, "CARI_BLKODU": int64(12), "CARIKODU": "120.01.012",
			"TICARI_UNVANI": nil, "ADI": "Ayşe", "SOYADI": "Yılmaz", "ADI_SOYADI": "Ayşe Yılmaz", "MUSTERI_ADI": "Ayşe Yılmaz",
			"CEP_TEL": "0532 123 45 67", "TEL1": nil, "TEL2": nil, "E_MAIL": "ayse.yilmaz@example.com",
		},
	},
}
