package erp

import (
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// balanceSQL is a customer's open balance from CARIHR: debits minus credits
// over rows that are not deleted (Wolvox has no "paid" flag on FATURA).
const balanceSQL = `(SELECT COALESCE(SUM(COALESCE(H.KPB_BTUT, 0) - COALESCE(H.KPB_ATUT, 0)), 0) FROM CARIHR H
	WHERE H.BLCRKODU = F.BLCRKODU{and:H})`

// days reads a whole-number-of-days parameter for direct use in SQL.
func (p Params) days(name string, def int) (int, error) {
	v := p[name]
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 3650 {
		return 0, refuse(ReasonParamDays, "name", name, "min", 0, "max", 3650, "value", strconv.Quote(v))
	}
	return n, nil
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

// invoiceMovement is CARIHR.ISLEM_TURU of an invoice's movement.
const invoiceMovement = "9"

var morePresets = []Preset{
	{
		Name:        "collections",
		Description: "payments received: credit movements on the customer's account (CARIHR) other than invoices' own (ISLEM_TURU 9), as they are recorded, with the balance after them",
		Mode:        "created",
		Key:         "BLKODU",
		Entity:      "payment",
		DateColumn:  "KAYIT_TARIHI",
		// A payment is its key, customer, date and amount, and the balance
		// after it is the customer's movements up to it; the document number
		// is for templates. ISLEM_TURU is needed only to filter by
		// movement_types.
		Columns: columns([]Column{req("H.BLKODU"), req("H.BLCRKODU"), req("H.TARIHI"), req("H.KPB_ATUT"), req("H.KAYIT_TARIHI"),
			opt("H.EVRAK_NO", NullText), optBy("H.ISLEM_TURU", NullInt, "movement_types"), filter("H.SILINDI", 0)},
			[]Column{req("K.BLKODU"), req("K.BLCRKODU"), req("K.KPB_ATUT"), req("K.KPB_BTUT"), filter("K.SILINDI", 0)}, customerColumns),
		query: func(p Params) (string, error) {
			// An invoice's own movement (ISLEM_TURU 9, the one code Wolvox's
			// schema confirms) is never a payment, yet a sales return or a
			// purchase invoice books it as a credit: without this a supplier
			// would be thanked for a payment when the shop buys from it. A
			// database without the column reads it as NULL and keeps the row.
			types := " AND COALESCE(H.ISLEM_TURU, 0) <> " + invoiceMovement
			if p["movement_types"] != "" {
				t, err := p.ints("movement_types", "")
				if err != nil {
					return "", err
				}
				types = " AND H.ISLEM_TURU IN (" + t + ")"
			}
			// The balance as it stood once this payment was entered (keys
			// are given in entry order): the message says the same whenever
			// it is rendered, and a backfill tells each payment its own.
			return `SELECT H.BLKODU, H.BLCRKODU, H.EVRAK_NO AS EVRAK_NO, H.ISLEM_TURU AS ISLEM_TURU, H.TARIHI, H.KPB_ATUT AS TUTAR,
	H.KAYIT_TARIHI,
	(SELECT COALESCE(SUM(COALESCE(K.KPB_BTUT, 0) - COALESCE(K.KPB_ATUT, 0)), 0) FROM CARIHR K
		WHERE K.BLCRKODU = H.BLCRKODU AND K.BLKODU <= H.BLKODU{and:K}) AS BAKIYE,
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
		Templates: map[string]Template{
			"sms": {Text: `Sayın {{.ALICI_ADI}}, {{date .TARIHI}} tarihli {{money .TUTAR}} tutarındaki ödemeniz alınmıştır, teşekkür ederiz. ` +
				`{{if gt (sign .BAKIYE) 0}}Kalan borç bakiyeniz: {{money .BAKIYE}}.{{else if lt (sign .BAKIYE) 0}}Alacak bakiyeniz: {{money (abs .BAKIYE)}}.{{else}}Hesabınızda borç kalmamıştır.{{end}}`},
			"email": {Subject: `Ödemeniz alındı: {{money .TUTAR}}`, Text: `Sayın {{.ALICI_ADI}},

{{date .TARIHI}} tarihli {{money .TUTAR}} tutarındaki ödemeniz{{with .EVRAK_NO}} ({{.}}){{end}} hesabınıza işlenmiştir. Teşekkür ederiz.
{{if gt (sign .BAKIYE) 0}}Kalan borç bakiyeniz: {{money .BAKIYE}}.{{else if lt (sign .BAKIYE) 0}}Alacak bakiyeniz: {{money (abs .BAKIYE)}}.{{else}}Hesabınızda borç kalmamıştır.{{end}}

İyi günler dileriz.`},
		},
		Document: "EVRAK_NO",
		Sample: Record{
			"BLKODU": int64(9001), "BLCRKODU": int64(12), "EVRAK_NO": "TAH-2026-001", "ISLEM_TURU": int64(1), "TARIHI": sampleTime,
			"TUTAR": decimal.RequireFromString("500.00"), "KAYIT_TARIHI": sampleTime, "BAKIYE": decimal.RequireFromString("750.00"),
			"CARI_BLKODU": int64(12), "CARIKODU": "120.01.012",
			"TICARI_UNVANI": nil, "ADI": "Ayşe", "SOYADI": "Yılmaz", "ADI_SOYADI": "Ayşe Yılmaz", "MUSTERI_ADI": "Ayşe Yılmaz",
			"CEP_TEL": "0532 123 45 67", "TEL1": nil, "TEL2": nil, "E_MAIL": "ayse.yilmaz@example.com",
		},
	},
	{
		Name:        "shipments",
		Description: "sales invoices as their carrier tracking number (KARGO_NO) is entered: once per invoice and tracking number",
		Mode:        "changed",
		Key:         "BLKODU",
		Entity:      "shipment",
		// Wolvox sets DEGISTIRME_TARIHI when the invoice is saved with its
		// tracking number; a changed job starts after the newest one, so
		// the first start sends nothing old.
		DateColumn: "DEGISTIRME_TARIHI",
		Columns: columns(invoiceColumns, []Column{req("F.KARGO_NO"), opt("F.KARGO_FIRMASI", NullText), req("F.DEGISTIRME_TARIHI")},
			customerColumns),
		query: func(p Params) (string, error) {
			kinds, err := p.ints("invoice_kinds", "1,3")
			if err != nil {
				return "", err
			}
			return `SELECT F.BLKODU, F.BLCRKODU, F.FATURA_NO, F.FATURA_SERI AS FATURA_SERI, F.TARIHI, F.TOPLAM_GENEL_KPB, F.FATURA_DURUMU,
	F.CEP_TEL AS FATURA_CEP_TEL, F.E_MAIL AS FATURA_E_MAIL, F.EFATURA_PDF_URL AS EFATURA_PDF_URL,
	F.KARGO_NO, F.KARGO_FIRMASI AS KARGO_FIRMASI, F.DEGISTIRME_TARIHI,
	` + customerCols + `
FROM FATURA F LEFT JOIN CARI C ON C.BLKODU = F.BLCRKODU
WHERE F.FATURA_DURUMU IN (` + kinds + `){and:F} AND F.KARGO_NO IS NOT NULL AND F.KARGO_NO <> ''`, nil
		},
		Recipients: invoiceRecipients,
		Check:      missingCustomer,
		// An edit that keeps the tracking number notifies nothing; a
		// corrected number is a new shipment notice.
		Event: func(r Record) string { return "shipped:" + TrackingKey(r["KARGO_NO"]) },
		Templates: map[string]Template{
			"sms": {Text: `Sayın {{.ALICI_ADI}}, {{.FATURA_NO}} numaralı faturanıza ait ürünleriniz kargoya verilmiştir.` +
				`{{with .KARGO_FIRMASI}} Kargo firması: {{.}}.{{end}} Takip numarası: {{.KARGO_NO}}.`},
			"email": {Subject: `Siparişiniz kargoda: {{.FATURA_NO}}`, Text: `Sayın {{.ALICI_ADI}},

{{.FATURA_NO}} numaralı faturanıza ait ürünleriniz kargoya verilmiştir.
{{- with .KARGO_FIRMASI}}
Kargo firması: {{.}}{{end}}
Takip numarası: {{.KARGO_NO}}
Gönderinizi kargo firmasının internet sitesinde veya müşteri hizmetlerinde bu numarayla takip edebilirsiniz.
{{- with .EFATURA_PDF_URL}}
e-Fatura: {{.}}{{end}}

İyi günler dileriz.`},
		},
		Document: "FATURA_NO",
		Sample: Record{
			"BLKODU": int64(4711), "BLCRKODU": int64(12), "FATURA_NO": "2024-117", "FATURA_SERI": "A", "TARIHI": sampleTime,
			"TOPLAM_GENEL_KPB": decimal.RequireFromString("1250.00"), "FATURA_DURUMU": int64(1), "FATURA_CEP_TEL": nil, "FATURA_E_MAIL": nil,
			"EFATURA_PDF_URL": "https://efatura.example.com/pdf/2024-117", "KARGO_NO": "1234567890", "KARGO_FIRMASI": "Yurtiçi Kargo",
			"DEGISTIRME_TARIHI": sampleTime, "CARI_BLKODU": int64(12), "CARIKODU": "120.01.012", "TICARI_UNVANI": nil, "ADI": "Ayşe",
			"SOYADI": "Yılmaz", "ADI_SOYADI": "Ayşe Yılmaz", "MUSTERI_ADI": "Ayşe Yılmaz", "CEP_TEL": "0532 123 45 67", "TEL1": nil,
			"TEL2": nil, "E_MAIL": "ayse.yilmaz@example.com",
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

// TrackingKey is a tracking number as it identifies a shipment: without
// the spaces and case people type it with.
func TrackingKey(v any) string {
	s, _ := v.(string)
	return strings.ToUpper(strings.Join(strings.Fields(s), ""))
}
