package erp

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Preset is a ready-made Wolvox query a job can name instead of writing SQL.
type Preset struct {
	Name        string
	Description string
	Mode        string // created, changed, condition
	Key         string // keyset column (created) or row key
	DateColumn  string // when the row was created, for "backfill: 7d"
	Entity      string // used in dedupe keys: "invoice:merkez:4711:created"
	// Columns is the preset's one table of the columns it reads: which it
	// cannot do without, which it reads as NULL and which filters it drops
	// when a database lacks them (see Role and Build).
	Columns []Column
	// query writes the SELECT for the parameters. Build resolves its column
	// references (F.…, C.…, H.…) against Columns and fills the filter slots
	// {and:F} and {where:C}. An optional column in the select list carries
	// its own name (F.VADESI AS VADESI) so that its NULL keeps it.
	query func(p Params) (string, error)
	// Recipients are the default columns tried per channel, in order.
	Recipients map[string][]string
	// Check returns a skip reason for a row that must not be messaged even
	// though the query returned it (e.g. the customer row is missing).
	Check func(Record) *mapping.Reason
	// Sample is a realistic row used to render templates at `check` time.
	Sample Record
	// Renotify is the default re-notify interval of a condition preset.
	Renotify string
	// Anchor, on a condition preset about dated rows, counts the re-notify
	// intervals from each row's own date instead of fixed periods (see
	// Anchor).
	Anchor *Anchor
	// Commercial presets (greetings) need İYS consent: set kind: commercial.
	Commercial bool
	// YearsOwn says every row of a year's database is that year's own: the
	// invoices. Opening a year in Wolvox copies the customers and their
	// balances into the new database, never the invoices, so a job that
	// read last year's database reads this year's from its first row.
	YearsOwn bool
	// Templates are the preset's Turkish default messages by channel (sms,
	// email), used where a job names the channel without a text; a
	// "staff:" prefix marks those for the shop's own people.
	Templates map[string]Template
	// Document is the column naming the document a message is about
	// (FATURA_NO), which Wolvox's own log is searched for.
	Document string
	// Sequence, when set, makes the preset a reminder sequence: a job's
	// steps are days relative to VADESI, and these are its default steps.
	Sequence []int
	// Event, when set, is the end of a row's dedupe key instead of the
	// mode's: a shipment notifies once per tracking number, whatever the
	// period or the row's later changes.
	Event func(Record) string
	// Statement presets yield one row per customer, whose period's
	// movements (MovementsQuery) are read with it: an e-mail carries them
	// as a PDF. Reconciliation ones ask the customer to reply a word.
	Statement, Reconciliation bool
	// extra are the columns the parameters name (see columnsFor).
	extra func(Params) []Column
}

// Anchor is where a dated row's re-notify intervals start: on the first day
// the preset's query returns it, counted from the row's date column. The
// reminders' is the due date: invoices_due returns an invoice from
// days_ahead days before it, invoices_overdue from the day after it.
type Anchor struct {
	Column string // the row's date (VADESI)
	// first is that first day, in days after the date (negative before it),
	// for the job's parameters.
	first func(Params) (int, error)
}

// First is the first day, relative to the row's date, the query returns a
// row with the parameters p.
func (a *Anchor) First(p Params) (int, error) { return a.first(p) }

// Template is a default message: a subject (e-mail) and a text.
type Template struct{ Subject, Text string }

// Params are a job's preset parameters from the config.
type Params map[string]string

var intList = regexp.MustCompile(`^\s*\d+(\s*,\s*\d+)*\s*$`)

// ints returns a validated integer list parameter for direct use in SQL.
func (p Params) ints(name, def string) (string, error) {
	v := p[name]
	if v == "" {
		v = def
	}
	if !intList.MatchString(v) {
		return "", refuse(ReasonParamList, "name", name, "value", strconv.Quote(v))
	}
	return strings.ReplaceAll(v, " ", ""), nil
}

// customerCols are the CARI columns every customer-facing preset exposes.
// MUSTERI_ADI is the name to greet: the person's name, else the trade name.
const customerCols = `C.BLKODU AS CARI_BLKODU, C.CARIKODU, C.TICARI_UNVANI AS TICARI_UNVANI, C.ADI AS ADI,
	C.SOYADI AS SOYADI, C.ADI_SOYADI AS ADI_SOYADI,
	COALESCE(NULLIF(C.ADI_SOYADI, ''), NULLIF(C.TICARI_UNVANI, ''), C.CARIKODU) AS MUSTERI_ADI,
	C.CEP_TEL AS CEP_TEL, C.TEL1 AS TEL1, C.TEL2 AS TEL2, C.E_MAIL AS E_MAIL`

// customerColumns classify customerCols. The account itself (BLKODU, the
// join and the row that must exist; CARIKODU, NOT NULL, the webhook
// recipient and the name of last resort) is required; names and contacts
// are for templates and recipient lists, tried in order.
var customerColumns = []Column{
	req("C.BLKODU"), req("C.CARIKODU"),
	opt("C.TICARI_UNVANI", NullText), opt("C.ADI", NullText), opt("C.SOYADI", NullText), opt("C.ADI_SOYADI", NullText),
	opt("C.CEP_TEL", NullText), opt("C.TEL1", NullText), opt("C.TEL2", NullText), opt("C.E_MAIL", NullText),
}

// invoiceColumns are the FATURA columns of the invoice presets: the invoice
// (key, customer, number, date, amount) and its kind, without which
// purchases and returns would be messaged, are required; the series and
// the invoice's own contacts, tried before the customer's, are not. Deleted
// and cancelled invoices are left out where Wolvox records it.
var invoiceColumns = []Column{
	req("F.BLKODU"), req("F.BLCRKODU"), req("F.FATURA_NO"), req("F.TARIHI"), req("F.TOPLAM_GENEL_KPB"), req("F.FATURA_DURUMU"),
	opt("F.FATURA_SERI", NullText), opt("F.CEP_TEL", NullText), opt("F.E_MAIL", NullText), opt("F.EFATURA_PDF_URL", NullText),
	filter("F.SILINDI", 0), filter("F.IPTAL", 0),
}

// customerFilters leave out deleted and inactive accounts.
var customerFilters = []Column{filter("C.SILINDI", 0), filter("C.AKTIF", 1)}

// columns joins a preset's column lists into its one table.
func columns(lists ...[]Column) []Column {
	var out []Column
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

var presets = map[string]Preset{
	"new_invoices": {
		Name:        "new_invoices",
		Description: "sales invoices as they are created (not deleted, not cancelled), with the customer's name and contacts",
		Mode:        "created",
		Key:         "BLKODU",
		Entity:      "invoice",
		DateColumn:  "KAYIT_TARIHI",
		YearsOwn:    true,
		// KAYIT_TARIHI is what "backfill: 2d" counts back from.
		Columns: columns(invoiceColumns, []Column{opt("F.VADESI", NullDate), req("F.KAYIT_TARIHI")}, customerColumns),
		query: func(p Params) (string, error) {
			kinds, err := p.ints("invoice_kinds", "1,3")
			if err != nil {
				return "", err
			}
			return `SELECT F.BLKODU, F.BLCRKODU, F.FATURA_NO, F.FATURA_SERI AS FATURA_SERI, F.TARIHI, F.VADESI AS VADESI,
	F.TOPLAM_GENEL_KPB, F.FATURA_DURUMU, F.CEP_TEL AS FATURA_CEP_TEL, F.E_MAIL AS FATURA_E_MAIL,
	F.EFATURA_PDF_URL AS EFATURA_PDF_URL, F.KAYIT_TARIHI,
	` + customerCols + `
FROM FATURA F LEFT JOIN CARI C ON C.BLKODU = F.BLCRKODU
WHERE F.FATURA_DURUMU IN (` + kinds + `){and:F}`, nil
		},
		Recipients: invoiceRecipients,
		Check:      missingCustomer,
		Templates: map[string]Template{
			"sms": {Text: `Sayın {{.ALICI_ADI}}, {{date .TARIHI}} tarihli {{.FATURA_NO}} numaralı {{money .TOPLAM_GENEL_KPB}} tutarındaki faturanız düzenlenmiştir.` +
				`{{with .VADESI}} Son ödeme: {{date .}}.{{end}}{{with .EFATURA_PDF_URL}} e-Fatura: {{.}}{{end}}`},
			"email": {Subject: `Faturanız hazır: {{.FATURA_NO}}`, Text: `Sayın {{.ALICI_ADI}},

{{date .TARIHI}} tarihli {{.FATURA_NO}} numaralı faturanız {{money .TOPLAM_GENEL_KPB}} tutarındadır.
{{- with .VADESI}}
Son ödeme tarihi: {{longdate .}}.{{end}}
{{- with .EFATURA_PDF_URL}}
e-Fatura: {{.}}{{end}}

İyi günler dileriz.`},
		},
		Document: "FATURA_NO",
		Sample: Record{
			"BLKODU": int64(4711), "BLCRKODU": int64(12), "FATURA_NO": "2024-117", "FATURA_SERI": "A",
			"TARIHI": sampleTime, "VADESI": sampleTime.AddDate(0, 0, 30), "TOPLAM_GENEL_KPB": decimal.RequireFromString("1250.00"),
			"FATURA_DURUMU": int64(1), "FATURA_CEP_TEL": nil, "FATURA_E_MAIL": nil, "EFATURA_PDF_URL": nil, "KAYIT_TARIHI": sampleTime,
			"CARI_BLKODU": int64(12), "CARIKODU": "120.01.012", "TICARI_UNVANI": nil, "ADI": "Ayşe", "SOYADI": "Yılmaz",
			"ADI_SOYADI": "Ayşe Yılmaz", "MUSTERI_ADI": "Ayşe Yılmaz", "CEP_TEL": "0532 123 45 67", "TEL1": nil, "TEL2": nil,
			"E_MAIL": "ayse.yilmaz@example.com",
		},
	},
	"new_customers": {
		Name:        "new_customers",
		Description: "customer accounts as they are created (active, not deleted)",
		Mode:        "created",
		Key:         "BLKODU",
		Entity:      "customer",
		DateColumn:  "KAYIT_TARIHI",
		Columns:     columns([]Column{req("C.KAYIT_TARIHI")}, customerColumns, customerFilters),
		query: func(Params) (string, error) {
			return `SELECT C.BLKODU, C.KAYIT_TARIHI, ` + customerCols + `
FROM CARI C{where:C}`, nil
		},
		Recipients: customerRecipients,
		Sample: Record{
			"BLKODU": int64(12), "KAYIT_TARIHI": sampleTime, "CARI_BLKODU": int64(12), "CARIKODU": "120.01.012",
			"TICARI_UNVANI": nil, "ADI": "Ayşe", "SOYADI": "Yılmaz", "ADI_SOYADI": "Ayşe Yılmaz", "MUSTERI_ADI": "Ayşe Yılmaz",
			"CEP_TEL": "0532 123 45 67", "TEL1": nil, "TEL2": nil, "E_MAIL": "ayse.yilmaz@example.com",
		},
	},
}

func init() {
	for _, p := range reminderPresets {
		// The reminders render the same fields as new_invoices plus the
		// balance and the open amount.
		p.Sample = dueSample()
		presets[p.Name] = p
	}
	for _, p := range morePresets {
		presets[p.Name] = p
	}
}

var sampleTime = time.Date(2026, 1, 2, 10, 30, 0, 0, time.FixedZone("+03", 3*3600))

func missingCustomer(r Record) *mapping.Reason {
	if r["CARI_BLKODU"] == nil {
		why := mapping.R(ReasonInvoiceCustomerMissing, "key", r["BLCRKODU"])
		return &why
	}
	return nil
}

// The reasons the presets' checks give (their texts are in connector/catalog).
const (
	ReasonInvoiceCustomerMissing = "preset.invoice_customer_missing"
	ReasonPaymentCustomerMissing = "preset.payment_customer_missing"
)

// ReasonCodes lists them, for the catalog's completeness test.
var ReasonCodes = []string{ReasonInvoiceCustomerMissing, ReasonPaymentCustomerMissing,
	ReasonSQLEmpty, ReasonSQLStatements, ReasonSQLSecondSelect, ReasonSQLNotSelect, ReasonSQLForbidden, ReasonSQLNotUTF8,
	ReasonSQLOpenComment, ReasonSQLOpenQString, ReasonSQLOpenString, ReasonSQLOpenName, ReasonSQLControl, ReasonSQLInvisible,
	ReasonSQLParenClose, ReasonSQLParenOpen, ReasonSQLNextValue, ReasonSQLWithLock, ReasonSQLGenID, ReasonSQLProcedureCall,
	ReasonSQLPackaged, ReasonSQLProcedure, ReasonSQLFunction,
	ReasonParamList, ReasonParamDays, ReasonParamAllocation, ReasonParamLinkColumn, ReasonParamLinkTo}

// LookupPreset returns a preset by name.
func LookupPreset(name string) (Preset, bool) {
	p, ok := presets[name]
	return p, ok
}

// PresetNames lists the presets, for error hints.
func PresetNames() []string {
	names := make([]string, 0, len(presets))
	for n := range presets {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
