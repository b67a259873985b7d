package erp

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// Account statements (cari ekstre) and reconciliations (mutabakat): one row
// per customer whose balance at the end of the period is not zero, with the
// balance carried into the period (DEVIR), the period's debits and credits
// and the closing balance (BAKIYE), all from CARIHR as the other presets
// read it (debits minus credits over rows that are not deleted). The
// period is the whole months before the month the job runs in, by the
// database's date: {month_start-N} up to, not including, {month_start}.
// The movements themselves are read per page of customers (MovementsQuery)
// for the PDF, which also recomputes the totals from them.

// statementColumns: the balance needs every CARIHR column it sums, and the
// date that puts a movement before, in or after the period.
var statementColumns = columns(customerColumns, []Column{req("H.BLCRKODU"), req("H.TARIHI"), req("H.KPB_ATUT"), req("H.KPB_BTUT"),
	filter("H.SILINDI", 0)}, customerFilters)

// movementColumns are what one line of a statement shows; the document, due
// date, movement type and description are optional (Wolvox versions
// differ; ACIKLAMA is likely, not confirmed).
var movementColumns = []Column{req("H.BLKODU"), req("H.BLCRKODU"), req("H.TARIHI"), req("H.KPB_ATUT"), req("H.KPB_BTUT"),
	opt("H.EVRAK_NO", NullText), opt("H.VADESI", NullDate), opt("H.ISLEM_TURU", NullInt), opt("H.ACIKLAMA", NullText),
	filter("H.SILINDI", 0)}

// StatementMonths is the period's length a statement preset's parameters
// give (months, default 1).
func StatementMonths(p Params) (int, error) {
	v := strings.TrimSpace(p["months"])
	if v == "" {
		return 1, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 12 {
		return 0, fmt.Errorf("preset parameter months must be a whole number of months from 1 to 12, not %q", v)
	}
	return n, nil
}

func statementQuery(p Params) (string, error) {
	n, err := StatementMonths(p)
	if err != nil {
		return "", err
	}
	start, end := fmt.Sprintf("{month_start-%d}", n), "{month_start}"
	sum := func(expr, when string) string {
		return `(SELECT COALESCE(SUM(` + expr + `), 0) FROM CARIHR H
		WHERE H.BLCRKODU = C.BLKODU AND ` + when + `{and:H})`
	}
	net := `COALESCE(H.KPB_BTUT, 0) - COALESCE(H.KPB_ATUT, 0)`
	in := `H.TARIHI >= ` + start + ` AND H.TARIHI < ` + end
	return `SELECT a.* FROM (SELECT C.BLKODU, ` + start + ` AS DONEM_BASI, {month_end-1} AS DONEM_SONU,
	` + sum(net, `H.TARIHI < `+start) + ` AS DEVIR,
	` + sum(`COALESCE(H.KPB_BTUT, 0)`, in) + ` AS DONEM_BORC,
	` + sum(`COALESCE(H.KPB_ATUT, 0)`, in) + ` AS DONEM_ALACAK,
	` + sum(net, `H.TARIHI < `+end) + ` AS BAKIYE,
	` + customerCols + `
FROM CARI C{where:C}) a
WHERE a.BAKIYE <> 0`, nil
}

// movements reads the period's CARIHR rows of n customers.
var movements = Preset{Name: "statement movements", Columns: movementColumns}

// MovementTables are the tables the movements are read from.
func MovementTables() []string { return movements.Tables() }

// MovementsQuery selects the movements of n customers, bound as the n
// parameters, in the statement's period (months before this month), in
// customer, date and key order, for a database with cols.
func MovementsQuery(d Dialect, cols Columns, months, n int) (sql string, absent []string, err error) {
	if n < 1 {
		return "", nil, fmt.Errorf("movements of no customer")
	}
	marks := make([]string, n)
	for i := range marks {
		marks[i] = d.Placeholder(i + 1)
	}
	p := movements
	p.query = func(Params) (string, error) {
		return fmt.Sprintf(`SELECT H.BLKODU AS HAREKET_BLKODU, H.BLCRKODU AS HAREKET_CARI, H.TARIHI, H.VADESI AS VADESI,
	H.EVRAK_NO AS EVRAK_NO, H.ISLEM_TURU AS ISLEM_TURU, H.ACIKLAMA AS ACIKLAMA, H.KPB_BTUT AS BORC, H.KPB_ATUT AS ALACAK
FROM CARIHR H
WHERE H.BLCRKODU IN (%s) AND H.TARIHI >= {month_start-%d} AND H.TARIHI < {month_start}{and:H}
ORDER BY H.BLCRKODU, H.TARIHI, H.BLKODU`, strings.Join(marks, ", "), months), nil
	}
	q, absent, err := p.Build(nil, cols)
	if err != nil {
		return "", absent, err
	}
	return ExpandTokens(d, q), absent, nil
}

// MovementNeeds are the movement columns a database must have.
func MovementNeeds() map[string][]string { return movements.Needs(nil) }

// InvoiceMovement is the one movement type whose meaning is confirmed:
// a sales invoice's debit (ISLEM_TURU 9).
const InvoiceMovement = 9

var statementFrom = time.Date(2026, 11, 1, 0, 0, 0, 0, time.FixedZone("+03", 3*3600))

// StatementSampleMovements are the sample customer's movements in the
// sample period, as MovementsQuery yields them, with a value in every
// column: check tries each of MovementNullable NULL.
func StatementSampleMovements() []Record {
	m := func(key int64, day int, doc string, kind int64, debit, credit string) Record {
		return Record{"HAREKET_BLKODU": key, "HAREKET_CARI": int64(12), "TARIHI": statementFrom.AddDate(0, 0, day-1), "VADESI": nil,
			"EVRAK_NO": doc, "ISLEM_TURU": kind, "ACIKLAMA": nil,
			"BORC": decimal.RequireFromString(debit), "ALACAK": decimal.RequireFromString(credit)}
	}
	invoice, payment := m(5002, 11, "2024-120", InvoiceMovement, "2100.00", "0"), m(5003, 20, "TAH-2026-001", 1, "0", "1250.00")
	invoice["VADESI"], invoice["ACIKLAMA"] = statementFrom.AddDate(0, 1, 10), "Kasım siparişi"
	payment["VADESI"], payment["ACIKLAMA"] = payment["TARIHI"], "Havale ile ödeme"
	return []Record{invoice, payment}
}

// MovementNullable are the movement columns, as MovementsQuery names them,
// a real movement may have NULL: the optional ones, and either amount (a
// movement with only a debit may leave its credit NULL; the balances sum
// them with COALESCE). TARIHI is not: the query selects the movements by it,
// and a NULL date is in no period.
func MovementNullable() []string {
	return []string{"BORC", "ALACAK", "VADESI", "EVRAK_NO", "ISLEM_TURU", "ACIKLAMA"}
}

func statementSample() Record {
	from := statementFrom
	return Record{
		"BLKODU": int64(12), "DONEM_BASI": from, "DONEM_SONU": from.AddDate(0, 1, -1),
		"DEVIR": decimal.RequireFromString("1250.00"), "DONEM_BORC": decimal.RequireFromString("2100.00"),
		"DONEM_ALACAK": decimal.RequireFromString("1250.00"), "BAKIYE": decimal.RequireFromString("2100.00"),
		"CARI_BLKODU": int64(12), "CARIKODU": "120.01.012", "TICARI_UNVANI": nil, "ADI": "Ayşe", "SOYADI": "Yılmaz",
		"ADI_SOYADI": "Ayşe Yılmaz", "MUSTERI_ADI": "Ayşe Yılmaz", "CEP_TEL": "0532 123 45 67", "TEL1": nil, "TEL2": nil,
		"E_MAIL": "ayse.yilmaz@example.com",
	}
}

// The statements' Turkish default messages. ONAY_KELIMESI and
// ITIRAZ_KELIMESI are the reconciliation's reply words (config).
var (
	statementTemplates = map[string]Template{
		"sms": {Text: `Sayın {{.ALICI_ADI}}, {{date .DONEM_BASI}}-{{date .DONEM_SONU}} hesap ekstreniz: devir {{money .DEVIR}}, ` +
			`borç {{money .DONEM_BORC}}, alacak {{money .DONEM_ALACAK}}. ` +
			`{{if gt (sign .BAKIYE) 0}}Borç bakiyeniz: {{money .BAKIYE}}.{{else if lt (sign .BAKIYE) 0}}Alacak bakiyeniz: {{money (abs .BAKIYE)}}.{{else}}Hesabınızda bakiye kalmamıştır.{{end}}`},
		"whatsapp":         {Text: `Sayın {{.ALICI_ADI}}, {{date .DONEM_SONU}} itibarıyla {{if gt (sign .BAKIYE) 0}}borç {{else if lt (sign .BAKIYE) 0}}alacak {{end}}bakiyeniz {{money (abs .BAKIYE)}}.`},
		"email:attachment": {Text: `Hesap Ekstresi {{.CARIKODU}} {{date .DONEM_BASI}}-{{date .DONEM_SONU}}.pdf`},
		"email": {Subject: `Hesap ekstreniz: {{date .DONEM_BASI}} - {{date .DONEM_SONU}}`, Text: `Sayın {{.ALICI_ADI}},

{{longdate .DONEM_BASI}} - {{longdate .DONEM_SONU}} dönemine ait hesap ekstreniz ektedir.

Devir bakiyesi: {{money .DEVIR}}
Dönem borcu: {{money .DONEM_BORC}}
Dönem alacağı: {{money .DONEM_ALACAK}}
{{if gt (sign .BAKIYE) 0}}Borç bakiyeniz: {{money .BAKIYE}}{{else if lt (sign .BAKIYE) 0}}Alacak bakiyeniz: {{money (abs .BAKIYE)}}{{else}}Hesabınızda bakiye kalmamıştır.{{end}}

Sorunuz olursa bize bu e-postayı yanıtlayarak ulaşabilirsiniz. İyi günler dileriz.`},
	}
	reconciliationTemplates = map[string]Template{
		"sms": {Text: `Sayın {{.ALICI_ADI}}, {{date .DONEM_SONU}} itibarıyla {{if gt (sign .BAKIYE) 0}}borç {{else if lt (sign .BAKIYE) 0}}alacak {{end}}bakiyeniz ` +
			`{{money (abs .BAKIYE)}}. Onaylıyorsanız {{.ONAY_KELIMESI}}, itirazınız varsa {{.ITIRAZ_KELIMESI}} yazıp yanıtlayınız.`},
		"whatsapp": {Text: `Sayın {{.ALICI_ADI}}, {{date .DONEM_SONU}} itibarıyla bakiyeniz {{money (abs .BAKIYE)}}{{if gt (sign .BAKIYE) 0}} (borç){{else if lt (sign .BAKIYE) 0}} (alacak){{end}}. ` +
			`Onay için {{.ONAY_KELIMESI}}, itiraz için {{.ITIRAZ_KELIMESI}} yazınız.`},
		"email:attachment": {Text: `Mutabakat {{.CARIKODU}} {{date .DONEM_SONU}}.pdf`},
		"email": {Subject: `Cari hesap mutabakatı: {{date .DONEM_SONU}}`, Text: `Sayın {{.ALICI_ADI}},

Kayıtlarımıza göre {{date .DONEM_SONU}} tarihi itibarıyla cari hesap {{if gt (sign .BAKIYE) 0}}borç {{else if lt (sign .BAKIYE) 0}}alacak {{end}}bakiyeniz {{money (abs .BAKIYE)}} tutarındadır. Dönem hareketleri ekteki ekstrededir.

Bakiyeyi onaylıyorsanız bu e-postayı "{{.ONAY_KELIMESI}}" yazarak, itirazınız varsa "{{.ITIRAZ_KELIMESI}}" yazarak ve kayıtlarınızdaki bakiyeyi belirterek yanıtlayınız.

İyi günler dileriz.`},
	}
)

// statementPresets are the statement presets; their rows go with the
// customer's movements (HAREKETLER) and, for e-mail, a PDF.
var statementPresets = []Preset{
	{
		Name: "account_statements",
		Description: "a statement to every customer whose balance at the end of the period is not zero: the balance carried in, " +
			"the period's movements and the closing balance (period: the month before the run; e-mail with a PDF)",
		Mode: "condition", Key: "BLKODU", Entity: "statement",
		Columns: statementColumns, query: statementQuery, Recipients: customerRecipients,
		Templates: statementTemplates, Statement: true,
		Event: statementEvent("statement"),
	},
	{
		Name: "account_reconciliation",
		Description: "a reconciliation (mutabakat) to every customer whose balance at the end of the period is not zero: " +
			"they confirm or dispute it by replying a word; e-mail with the statement PDF",
		Mode: "condition", Key: "BLKODU", Entity: "reconciliation",
		Columns: statementColumns, query: statementQuery, Recipients: customerRecipients,
		Templates: reconciliationTemplates, Statement: true, Reconciliation: true,
		Event: statementEvent("reconciliation"),
	},
}

// statementEvent keys a statement by its period's first month, so a run
// on any day of the month sends the same statement once.
func statementEvent(kind string) func(Record) string {
	return func(r Record) string {
		return kind + ":" + StatementPeriodLabel(r["DONEM_BASI"])
	}
}

// StatementPeriodLabel is the month a period starts in, "2026-11", from a
// date as the database returns it (a time, or SQLite's text).
func StatementPeriodLabel(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.Format("2006-01")
	case string:
		if len(x) >= 7 {
			return x[:7]
		}
		return x
	}
	return fmt.Sprint(v)
}

func init() {
	for _, p := range statementPresets {
		p.Sample = statementSample()
		presets[p.Name] = p
	}
}
