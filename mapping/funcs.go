package mapping

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

// Formats holds the shop's formatting choices used by template helpers.
type Formats struct {
	// Currency is printed after the amount ("TL") or, when CurrencyPrefix, before it ("₺").
	Currency       string
	CurrencyPrefix bool
	Location       *time.Location
}

// DefaultFormats is Turkish money ("1.250,00 TL") and Europe/Istanbul time.
func DefaultFormats() Formats {
	loc, err := time.LoadLocation("Europe/Istanbul")
	if err != nil {
		// Windows machines without Go's zoneinfo: Türkiye has been UTC+3
		// all year since 2016.
		loc = time.FixedZone("+03", 3*60*60)
	}
	return Formats{Currency: "TL", Location: loc}
}

var turkish = language.Turkish

var monthsTR = [...]string{"Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"}

func funcMap(f Formats) map[string]any {
	if f.Location == nil {
		f = DefaultFormats()
	}
	return map[string]any{
		"money":    func(v any) (string, error) { return formatMoney(v, f) },
		"number":   func(v any) (string, error) { d, err := toDecimal(v); return groupTR(d), err },
		"date":     func(v any) (string, error) { return formatTime(v, "02.01.2006", f) },
		"datetime": func(v any) (string, error) { return formatTime(v, "02.01.2006 15:04", f) },
		"time":     func(v any) (string, error) { return formatTime(v, "15:04", f) },
		"longdate": func(v any) (string, error) { return longDate(v, f) },
		"upper":    func(v any) string { return cases.Upper(turkish).String(str(v)) },
		"lower":    func(v any) string { return cases.Lower(turkish).String(str(v)) },
		"title":    func(v any) string { return cases.Title(turkish).String(cases.Lower(turkish).String(str(v))) },
		"trim":     func(v any) string { return strings.TrimSpace(str(v)) },
		"default":  defaultValue,
		"truncate": truncate,
		"mask":     func(v any) string { return MaskRecipient(str(v)) },
		// sign and abs let a template speak of a balance: owed, none, or in
		// the customer's favour ({{if gt (sign .BAKIYE) 0}}).
		"sign": func(v any) (int, error) { d, err := toDecimal(v); return d.Sign(), err },
		"abs":  func(v any) (decimal.Decimal, error) { d, err := toDecimal(v); return d.Abs(), err },
		// trimprefix cuts a link down to what a WhatsApp URL button adds to
		// its approved base address.
		"trimprefix": func(prefix string, v any) string { return strings.TrimPrefix(str(v), prefix) },
	}
}

func str(v any) string {
	switch x := v.(type) {
	case nil, Null:
		return ""
	case string:
		return x
	case fmt.Stringer:
		return x.String()
	default:
		return fmt.Sprint(x)
	}
}

// defaultValue is used as {{default "Değerli müşterimiz" .ADI}}: the fallback
// comes first so it reads well in a pipeline ({{.ADI | default "…"}}).
func defaultValue(fallback any, v any) any {
	if strings.TrimSpace(str(v)) == "" {
		return fallback
	}
	return v
}

// truncate cuts at a word boundary and adds "…", never mid-word.
func truncate(n int, v any) string {
	s := str(v)
	if n <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := string(r[:max(n-1, 0)])
	if i := strings.LastIndexAny(cut, " \t\n"); i > 0 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,.;:") + "…"
}

func toDecimal(v any) (decimal.Decimal, error) {
	switch x := v.(type) {
	case decimal.Decimal:
		return x, nil
	case int64:
		return decimal.NewFromInt(x), nil
	case int:
		return decimal.NewFromInt(int64(x)), nil
	case int32:
		return decimal.NewFromInt(int64(x)), nil
	case float64:
		return decimal.NewFromFloat(x), nil
	case string:
		d, err := decimal.NewFromString(strings.TrimSpace(x))
		if err != nil {
			return decimal.Zero, &KindError{Kind: valueKind(x)}
		}
		return d, nil
	case nil, Null:
		return decimal.Zero, &NullError{Date: false}
	}
	return decimal.Zero, &KindError{Kind: valueKind(v)}
}

// What a value a helper could not read is, for its reason: the kind, never
// the value itself, which may be a customer's (a name, a phone number).
const (
	ValueText   = "valuekind.text"
	ValueNumber = "valuekind.number"
	ValueDate   = "valuekind.date"
	ValueBool   = "valuekind.bool"
	ValueOther  = "valuekind.other"
)

func valueKind(v any) string {
	switch v.(type) {
	case string:
		return ValueText
	case decimal.Decimal, int, int32, int64, float32, float64:
		return ValueNumber
	case time.Time:
		return ValueDate
	case bool:
		return ValueBool
	}
	return ValueOther
}

// KindError is a helper given a value that is not NULL and not of its
// kind: money or number given a text column that holds "12,5 TL", date
// given an amount. Like a NullError, the template's error carries it
// (TemplateError.Kind), so the row's skip reason and check name the helper,
// the column and what its value is, in Turkish, with the fix.
type KindError struct {
	Date bool   // a date helper; otherwise a number one
	Kind string // what the value is: ValueText, ValueDate, …
	// Func and Column are the helper and the column it was given, as for a
	// NullError; Column is "" when the action names no single column.
	Func, Column string
}

func (e *KindError) Error() string {
	kind := kindWords[e.Kind]
	if e.Date {
		return "the value is " + kind + ", not a date; select a date column in the sql or CAST it, or use another field"
	}
	return "the value is " + kind + ", not a number; select a numeric column in the sql or CAST it, or use another field"
}

// kindWords are the kinds in a program's words (the catalog has them for people).
var kindWords = map[string]string{ValueText: "text", ValueNumber: "a number", ValueDate: "a date",
	ValueBool: "true/false", ValueOther: "of another type"}

// reason is the skip of a row whose column te's helper could not read, with
// the value's kind as the reason's part.
func (e *KindError) reason(te *TemplateError) Reason {
	code, args := ReasonTemplateNotNumber, []any{"template", te.Name, "line", te.Line, "col", te.Col, "func", e.Func}
	switch {
	case e.Date && e.Column == "":
		code = ReasonTemplateNotDateValue
	case e.Date:
		code = ReasonTemplateNotDate
	case e.Column == "":
		code = ReasonTemplateNotNumberValue
	}
	if e.Column != "" {
		args = append(args, "column", e.Column)
	}
	r := R(code, args...)
	r.Parts = []Reason{{Code: e.Kind}}
	return r
}

// NullError is a helper (money, date, longdate, …) given a NULL it cannot
// write: a row without the optional column's value (an invoice without a
// due date). The template's error carries it (TemplateError.Null), so the
// row's skip reason and check can say it in Turkish and name the column.
type NullError struct {
	Date bool // a date helper; otherwise a number one
	// Func and Column are the helper and the column it was given, as the
	// template's action shows them; Column is "" when the action names no
	// single column ({{longdate (or .A .B)}}, {{longdate .}}).
	Func, Column string
}

func (e *NullError) Error() string {
	if e.Date {
		return "the date is empty (NULL); wrap it with {{with}} or default"
	}
	return "the value is empty (NULL); wrap it with {{with}} or default"
}

// reason is the skip of a row whose column te's helper got as NULL, in
// words the catalog says in Turkish, with the fix: {{with .VADESI}}…{{end}}
// or default.
func (e *NullError) reason(te *TemplateError) Reason {
	if e.Column == "" {
		return R(ReasonTemplateNullValue, "template", te.Name, "line", te.Line, "col", te.Col, "func", e.Func, "with", WithFix(""))
	}
	return R(ReasonTemplateNull, "template", te.Name, "line", te.Line, "col", te.Col, "func", e.Func,
		"column", e.Column, "with", WithFix(e.Column))
}

// WithFix is how a template writes a column only when the row has it
// ({{with .VADESI}}…{{end}}); for no one column, the form of it.
func WithFix(column string) string {
	if column == "" {
		return "{{with …}}…{{end}}"
	}
	return "{{with ." + column + "}}…{{end}}"
}

func formatMoney(v any, f Formats) (string, error) {
	d, err := toDecimal(v)
	if err != nil {
		return "", err
	}
	s := groupTR(d.Round(2)) // groupTR keeps the sign
	if !strings.Contains(s, ",") {
		s += ",00"
	} else if i := strings.IndexByte(s, ','); len(s)-i == 2 {
		s += "0"
	}
	if f.CurrencyPrefix {
		if strings.HasPrefix(s, "-") {
			return "-" + f.Currency + s[1:], nil
		}
		return f.Currency + s, nil
	}
	if f.Currency == "" {
		return s, nil
	}
	return s + " " + f.Currency, nil
}

// groupTR prints a decimal the Turkish way: "." between thousands, "," before
// the fraction.
func groupTR(d decimal.Decimal) string {
	s := d.String()
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	out := b.String()
	if frac != "" {
		out += "," + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

func toTime(v any, f Formats) (time.Time, error) {
	switch x := v.(type) {
	case time.Time:
		return x.In(f.Location), nil
	case string:
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02 15:04:05", "2006-01-02T15:04:05", "2006-01-02", "02.01.2006"} {
			if t, err := time.ParseInLocation(layout, strings.TrimSpace(x), f.Location); err == nil {
				return t, nil
			}
		}
		return time.Time{}, &KindError{Date: true, Kind: ValueText}
	case nil, Null:
		return time.Time{}, &NullError{Date: true}
	}
	return time.Time{}, &KindError{Date: true, Kind: valueKind(v)}
}

func formatTime(v any, layout string, f Formats) (string, error) {
	t, err := toTime(v, f)
	if err != nil {
		return "", err
	}
	return t.Format(layout), nil
}

func longDate(v any, f Formats) (string, error) {
	t, err := toTime(v, f)
	if err != nil {
		return "", err
	}
	return strconv.Itoa(t.Day()) + " " + monthsTR[t.Month()-1] + " " + strconv.Itoa(t.Year()), nil
}
