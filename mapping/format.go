package mapping

import (
	"time"

	"github.com/shopspring/decimal"
)

// The template helpers' conversions and formats, for code that builds a
// document from a record (a statement PDF) and must write money and dates
// exactly as the templates do.

// Decimal reads a money or number value of a record exactly.
func Decimal(v any) (decimal.Decimal, error) { return toDecimal(v) }

// Time reads a date value of a record (a time, or text such as SQLite's
// "2026-11-01") in the formats' zone.
func Time(v any, f Formats) (time.Time, error) {
	if f.Location == nil {
		f = DefaultFormats()
	}
	return toTime(v, f)
}

// Money writes an amount as {{money}} does: "1.200.000,50 TL".
func Money(v any, f Formats) (string, error) { return formatMoney(v, f) }

// Date writes a date as {{date}} does: "02.01.2006".
func Date(v any, f Formats) (string, error) {
	if f.Location == nil {
		f = DefaultFormats()
	}
	return formatTime(v, "02.01.2006", f)
}

// LongDate writes a date as {{longdate}} does: "2 Ocak 2006".
func LongDate(v any, f Formats) (string, error) {
	if f.Location == nil {
		f = DefaultFormats()
	}
	return longDate(v, f)
}
