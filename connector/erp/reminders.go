package erp

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// Reminders are about what is still open on one invoice, not about the
// customer's whole balance: a customer who paid this invoice but owes
// another is reminded of the other one only. Wolvox has no "paid" flag, so
// each invoice's open amount (ACIK_TUTAR) is worked out from the customer's
// movements in one of two ways (params allocation):
//
//   - fifo (default): credits pay the oldest debts first. The customer's
//     balance (CARIHR debits − credits) is what is still open, and it sits on
//     the newest invoices: an invoice's open amount is the balance minus the
//     sales invoices after it (by date, then key), at least 0 and at most
//     its total. Debits that are not invoices (an opening balance carried
//     from last year, a returned cheque) count as older than every invoice.
//   - document: a payment covers the invoice its document link names: a
//     CARIHR column (link_column, default EVRAK_NO) holding the invoice's
//     FATURA_NO (link_to: FATURA_NO, default) or its key (link_to: BLKODU).
//     Whether and where a Wolvox version records that link is not known
//     [UNCONFIRMED], hence both columns are parameters. Credits without a
//     link cover no invoice in this mode.
//
// Both are one portable SELECT with correlated subqueries (Firebird 2.5 has
// no window functions, and Wolvox still recommends it), read-only as every
// preset.

// laterSQL is the customer's sales invoices after this one, in the order
// credits pay them (date, then key); %s is the invoice kinds.
const laterSQL = `(SELECT COALESCE(SUM(G.TOPLAM_GENEL_KPB), 0) FROM FATURA G
		WHERE G.BLCRKODU = F.BLCRKODU AND G.FATURA_DURUMU IN (%s){and:G}
		AND (G.TARIHI > F.TARIHI OR (G.TARIHI = F.TARIHI AND G.BLKODU > F.BLKODU)))`

// laterColumns classify laterSQL's second FATURA.
var laterColumns = []Column{req("G.BLKODU"), req("G.BLCRKODU"), req("G.TARIHI"), req("G.TOPLAM_GENEL_KPB"), req("G.FATURA_DURUMU"),
	filter("G.SILINDI", 0), filter("G.IPTAL", 0)}

// dueColumns: a reminder is about the due date and what is open, so both are
// required; the rest is what new_invoices reads.
var dueColumns = columns(invoiceColumns, []Column{req("F.VADESI"),
	req("H.BLCRKODU"), req("H.KPB_ATUT"), req("H.KPB_BTUT"), filter("H.SILINDI", 0)}, laterColumns, customerColumns)

// dueNames are the columns the due presets yield besides ACIK_TUTAR, in order.
var dueNames = []string{"BLKODU", "BLCRKODU", "FATURA_NO", "FATURA_SERI", "TARIHI", "VADESI", "TOPLAM_GENEL_KPB",
	"FATURA_DURUMU", "FATURA_CEP_TEL", "FATURA_E_MAIL", "EFATURA_PDF_URL", "BAKIYE",
	"CARI_BLKODU", "CARIKODU", "TICARI_UNVANI", "ADI", "SOYADI", "ADI_SOYADI", "MUSTERI_ADI", "CEP_TEL", "TEL1", "TEL2", "E_MAIL"}

var columnName = regexp.MustCompile(`^[A-Z_][A-Z0-9_$]*$`)

// allocation reads the allocation parameters: the inner column that says how
// much of the invoice is covered, and the outer expression of what is open
// before it is bounded by 0 and the invoice's total.
func allocation(p Params, kinds string) (inner, open string, err error) {
	switch p["allocation"] {
	case "", "fifo":
		return fmt.Sprintf(laterSQL, kinds) + ` AS SONRAKI_BORC`, "a.BAKIYE - a.SONRAKI_BORC", nil
	case "document":
		link, to, err := documentLink(p)
		if err != nil {
			return "", "", err
		}
		return `(SELECT COALESCE(SUM(H.KPB_ATUT), 0) FROM CARIHR H
		WHERE H.BLCRKODU = F.BLCRKODU AND H.` + link + ` = F.` + to + `{and:H}) AS ODENEN`, "a.TOPLAM_GENEL_KPB - a.ODENEN", nil
	}
	return "", "", refuse(ReasonParamAllocation, "value", strconv.Quote(p["allocation"]))
}

// documentLink is the CARIHR column naming a payment's invoice and the
// FATURA column it holds.
func documentLink(p Params) (link, to string, err error) {
	link = strings.ToUpper(strings.TrimSpace(p["link_column"]))
	if link == "" {
		link = "EVRAK_NO"
	}
	if !columnName.MatchString(link) {
		return "", "", refuse(ReasonParamLinkColumn, "value", strconv.Quote(p["link_column"]))
	}
	to = strings.ToUpper(strings.TrimSpace(p["link_to"]))
	switch to {
	case "":
		to = "FATURA_NO"
	case "FATURA_NO", "BLKODU":
	default:
		return "", "", refuse(ReasonParamLinkTo, "value", strconv.Quote(p["link_to"]))
	}
	return link, to, nil
}

// linkColumns classify the document link: without it the mode cannot work.
func linkColumns(p Params) []Column {
	if p["allocation"] != "document" {
		return nil
	}
	link, to, err := documentLink(p)
	if err != nil {
		return nil // the query refuses the parameters
	}
	return []Column{req("H." + link), req("F." + to)}
}

// openInvoices selects sales invoices whose due date lies in [from, to]
// (SQL date expressions) with the customer's balance and the invoice's open
// amount, keeping only those with something open unless include_paid.
func openInvoices(p Params, from, to string) (string, error) {
	kinds, err := p.ints("invoice_kinds", "1,3")
	if err != nil {
		return "", err
	}
	covered, raw, err := allocation(p, kinds)
	if err != nil {
		return "", err
	}
	outer := make([]string, len(dueNames))
	for i, n := range dueNames {
		outer[i] = "a." + n
	}
	open := `CASE WHEN ` + raw + ` >= a.TOPLAM_GENEL_KPB THEN a.TOPLAM_GENEL_KPB WHEN ` + raw + ` > 0 THEN ` + raw +
		` ELSE CAST(0 AS NUMERIC(18,2)) END AS ACIK_TUTAR`
	where := ""
	if p["include_paid"] != "true" {
		where = "\nWHERE " + raw + " > 0"
	}
	return `SELECT ` + strings.Join(outer, ", ") + `,
	` + open + `
FROM (SELECT F.BLKODU, F.BLCRKODU, F.FATURA_NO, F.FATURA_SERI AS FATURA_SERI, F.TARIHI, F.VADESI, F.TOPLAM_GENEL_KPB,
	F.FATURA_DURUMU, F.CEP_TEL AS FATURA_CEP_TEL, F.E_MAIL AS FATURA_E_MAIL, F.EFATURA_PDF_URL AS EFATURA_PDF_URL,
	` + balanceSQL + ` AS BAKIYE,
	` + covered + `,
	` + customerCols + `
FROM FATURA F LEFT JOIN CARI C ON C.BLKODU = F.BLCRKODU
WHERE F.FATURA_DURUMU IN (` + kinds + `){and:F}
	AND F.VADESI >= ` + from + ` AND F.VADESI <= ` + to + `) a` + where, nil
}

// signedDays reads a whole number of days that may be negative.
func (p Params) signedDays(name string, def int) (int, error) {
	v := strings.TrimSpace(p[name])
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(strings.TrimPrefix(v, "+"))
	if err != nil || n < -3650 || n > 3650 {
		return 0, refuse(ReasonParamDays, "name", name, "min", -3650, "max", 3650, "value", strconv.Quote(v))
	}
	return n, nil
}

// DefaultSteps is invoice_reminders' sequence when a job gives none: three
// days before the due date, on it, and 7 and 14 days after.
var DefaultSteps = []int{-3, 0, 7, 14}

// StepCatchUp is how many days a step stays due after its day, so a run
// missed while the service was down still sends it (a later step, once
// reached, takes over).
const StepCatchUp = 3

func dueSample() Record {
	r := invoiceSample()
	r["ACIK_TUTAR"] = decimal.RequireFromString("750.00")
	return r
}

// The reminder presets' Turkish default messages. GECIKME_GUN (days since
// the due date, negative before it) and ADIM are added by the sequence.
var (
	dueTemplates = map[string]Template{
		"sms": {Text: `Sayın {{.ALICI_ADI}}, {{.FATURA_NO}} no'lu faturanızın ödenmemiş {{money .ACIK_TUTAR}} tutarının ` +
			`son ödeme tarihi {{date .VADESI}}. Ödediyseniz dikkate almayınız.`},
		"email": {Subject: `Ödeme hatırlatması: {{.FATURA_NO}}`, Text: `Sayın {{.ALICI_ADI}},

{{date .TARIHI}} tarihli {{.FATURA_NO}} numaralı faturanızın {{money .ACIK_TUTAR}} tutarındaki ödenmemiş kısmının son ödeme tarihi {{longdate .VADESI}}.
{{- with .EFATURA_PDF_URL}}
e-Fatura: {{.}}{{end}}

Ödemenizi yaptıysanız bu mesajı dikkate almayınız. İyi günler dileriz.`},
	}
	overdueTemplates = map[string]Template{
		"sms": {Text: `Sayın {{.ALICI_ADI}}, {{date .VADESI}} vadeli {{.FATURA_NO}} no'lu faturanızın {{money .ACIK_TUTAR}} tutarı ` +
			`ödenmemiştir. Ödediyseniz dikkate almayınız.`},
		"email": {Subject: `Vadesi geçen fatura: {{.FATURA_NO}}`, Text: `Sayın {{.ALICI_ADI}},

{{date .TARIHI}} tarihli {{.FATURA_NO}} numaralı faturanızın {{longdate .VADESI}} olan vadesi geçmiştir; ödenmemiş tutar {{money .ACIK_TUTAR}}.
{{- with .EFATURA_PDF_URL}}
e-Fatura: {{.}}{{end}}

Ödemenizi yaptıysanız bu mesajı dikkate almayınız. İyi günler dileriz.`},
	}
	reminderTemplates = map[string]Template{
		"sms": {Text: `Sayın {{.ALICI_ADI}}, {{.FATURA_NO}} no'lu faturanızın ödenmemiş {{money .ACIK_TUTAR}} tutarının ` +
			`{{if lt .GECIKME_GUN 0}}son ödeme tarihi {{date .VADESI}}{{else if eq .GECIKME_GUN 0}}son ödeme tarihi bugün{{else}}vadesi {{.GECIKME_GUN}} gün önce doldu{{end}}. ` +
			`Ödediyseniz dikkate almayınız.`},
		"email": {Subject: `{{if gt .GECIKME_GUN 0}}Vadesi geçen fatura{{else}}Ödeme hatırlatması{{end}}: {{.FATURA_NO}}`, Text: `Sayın {{.ALICI_ADI}},

{{date .TARIHI}} tarihli {{.FATURA_NO}} numaralı faturanızın ödenmemiş tutarı {{money .ACIK_TUTAR}}.
{{- if lt .GECIKME_GUN 0}} Son ödeme tarihi {{longdate .VADESI}}.{{else if eq .GECIKME_GUN 0}} Son ödeme tarihi bugün.{{else}} Vadesi {{longdate .VADESI}} tarihinde, {{.GECIKME_GUN}} gün önce doldu.{{end}}
{{- with .EFATURA_PDF_URL}}
e-Fatura: {{.}}{{end}}

Ödemenizi yaptıysanız bu mesajı dikkate almayınız. İyi günler dileriz.`},
		// The last step may tell the shop's own sales person instead.
		"staff:sms": {Text: `Tahsilat: {{.MUSTERI_ADI}} ({{.CARIKODU}}) {{.FATURA_NO}} numaralı faturanın {{money .ACIK_TUTAR}} tutarı ` +
			`{{.GECIKME_GUN}} gündür ödenmedi.{{with .CEP_TEL}} Tel: {{.}}{{end}}`},
		"staff:email": {Subject: `Tahsil edilemeyen fatura: {{.FATURA_NO}} ({{.MUSTERI_ADI}})`, Text: `{{.MUSTERI_ADI}} ({{.CARIKODU}}) müşterisinin {{date .TARIHI}} tarihli {{.FATURA_NO}} numaralı faturasının ` +
			`{{money .ACIK_TUTAR}} tutarı, {{longdate .VADESI}} olan vadesinden bu yana {{.GECIKME_GUN}} gündür ödenmedi.
{{- with .CEP_TEL}}
Telefon: {{.}}{{end}}{{with .E_MAIL}}
E-posta: {{.}}{{end}}`},
	}
)

// dueFirstDay is the day invoices_due first returns an invoice: days_ahead
// days before its due date.
func dueFirstDay(p Params) (int, error) {
	ahead, err := p.days("days_ahead", 3)
	return -ahead, err
}

// reminderPresets are the presets about open invoices.
var reminderPresets = []Preset{
	{
		Name:        "invoices_due",
		Description: "sales invoices with an open amount falling due within the next days_ahead days (default 3); one reminder per invoice and due date (when days_ahead is longer than renotify, one per renotify interval from the day it enters the window)",
		Mode:        "condition",
		Key:         "BLKODU",
		Entity:      "due",
		Renotify:    "30d",
		Anchor:      &Anchor{Column: "VADESI", first: dueFirstDay},
		Columns:     dueColumns,
		extra:       linkColumns,
		query: func(p Params) (string, error) {
			ahead, err := p.days("days_ahead", 3)
			if err != nil {
				return "", err
			}
			return openInvoices(p, "{today}", fmt.Sprintf("{today+%d}", ahead))
		},
		Recipients: invoiceRecipients,
		Check:      missingCustomer,
		Templates:  dueTemplates,
		Document:   "FATURA_NO",
	},
	{
		Name:        "invoices_overdue",
		Description: "sales invoices past their due date (up to max_days_overdue, default 90) with an open amount; reminded once per renotify interval (default 7d) counted from the day after the due date",
		Mode:        "condition",
		Key:         "BLKODU",
		Entity:      "overdue",
		Renotify:    "7d",
		Anchor:      &Anchor{Column: "VADESI", first: func(Params) (int, error) { return 1, nil }},
		Columns:     dueColumns,
		extra:       linkColumns,
		query: func(p Params) (string, error) {
			max, err := p.days("max_days_overdue", 90)
			if err != nil {
				return "", err
			}
			return openInvoices(p, fmt.Sprintf("{today-%d}", max), "{today-1}")
		},
		Recipients: invoiceRecipients,
		Check:      missingCustomer,
		Templates:  overdueTemplates,
		Document:   "FATURA_NO",
	},
	{
		Name: "invoice_reminders",
		Description: "a reminder sequence per open sales invoice: steps at days relative to its due date (default -3, 0, 7, 14), " +
			"each sent once; it ends as soon as the invoice is covered",
		Mode:     "condition",
		Key:      "BLKODU",
		Entity:   "reminder",
		Columns:  dueColumns,
		extra:    linkColumns,
		Sequence: DefaultSteps,
		query: func(p Params) (string, error) {
			// The job widens the window to its steps; one day more on each
			// side lets the database's date differ from the config's zone.
			after, err := p.signedDays("days_after_due", 14+StepCatchUp)
			if err != nil {
				return "", err
			}
			before, err := p.signedDays("days_before_due", 3)
			if err != nil {
				return "", err
			}
			return openInvoices(p, fmt.Sprintf("{today%+d}", -after-1), fmt.Sprintf("{today%+d}", before+1))
		},
		Recipients: invoiceRecipients,
		Check:      missingCustomer,
		Templates:  reminderTemplates,
		Document:   "FATURA_NO",
	},
}
