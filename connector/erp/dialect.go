package erp

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Dialect writes the few statements whose syntax differs between databases.
// Base queries are the preset's or the user's SELECT; they are wrapped as a
// derived table so any SELECT the user writes can be paged.
type Dialect interface {
	Name() string
	// Placeholder returns the n-th (1-based) bind parameter marker.
	Placeholder(n int) string
	// Limit wraps query so it returns at most n rows.
	Limit(query string, n int) string
	// DecodeText turns a string column's bytes into UTF-8.
	DecodeText(b []byte) string
	// bindTime is how a time, already the shop's wall clock (Zone.Write),
	// is bound so it compares exactly with the values this database returned
	// (datetime precision, type). Source.Query calls it for every time.Time
	// argument: callers pass plain times.
	bindTime(t time.Time) any
	// Today is the database server's current date plus days, as SQL.
	Today(days int) string
	// Part extracts month, day or year from a date column, as SQL.
	Part(part, col string) string
	// Month is the first (edge "start") or last ("end") day of the month
	// months from the database server's current one, as SQL: a statement's
	// period.
	Month(edge string, months int) string
	// ColumnsQuery lists TABLE_NAME, COLUMN_NAME of the given tables.
	ColumnsQuery(tables []string) string
	// TablesQuery lists TABLE_NAME of every user table.
	TablesQuery() string
	// Null is a NULL of type t, as SQL: how a preset reads a column the
	// database lacks.
	Null(t NullType) string
}

// castNull is CAST(NULL AS …) with the types of Firebird, SQL Server and
// SQLite alike, except where the dialect says otherwise: a bare NULL has no
// type, and Firebird refuses it inside some expressions.
func castNull(t NullType, except map[NullType]string) string {
	typ, ok := except[t]
	if !ok {
		typ, ok = nullTypes[t]
	}
	if !ok {
		typ = nullTypes[NullText]
	}
	return "CAST(NULL AS " + typ + ")"
}

var nullTypes = map[NullType]string{NullText: "VARCHAR(250)", NullInt: "INTEGER", NullMoney: "NUMERIC(18,2)",
	NullDate: "DATE", NullTimestamp: "TIMESTAMP"}

// KeysetQuery returns rows of base whose key is greater than the bound
// parameter, in key order, one page at a time: the query stays cheap whatever
// the table size, as long as the key is indexed (Wolvox BLKODU is).
func KeysetQuery(d Dialect, base, key string, page int) string {
	return wrap(d, base, func(from string) string {
		return d.Limit(fmt.Sprintf("SELECT * FROM %s WHERE q.%s > %s ORDER BY q.%s", from, key, d.Placeholder(1), key), page)
	})
}

// RecordQuery returns the rows of base whose key is the bound parameter:
// one record read again, as the job reads it now (an operator's re-read
// after correcting it in Wolvox).
func RecordQuery(d Dialect, base, key string) string {
	return wrap(d, base, func(from string) string {
		return fmt.Sprintf("SELECT * FROM %s WHERE q.%s = %s", from, key, d.Placeholder(1))
	})
}

// ChangedQuery pages through rows by (timestamp, key), Kafka Connect's
// timestamp+incrementing mode: parameters are the upper bound (now − lag,
// exclusive) and the position (ts, key, ts) after which to read.
func ChangedQuery(d Dialect, base, ts, key string, page int) string {
	return wrap(d, base, func(from string) string {
		return d.Limit(fmt.Sprintf("SELECT * FROM %s WHERE q.%s < %s AND ((q.%s = %s AND q.%s > %s) OR q.%s > %s) ORDER BY q.%s, q.%s",
			from, ts, d.Placeholder(1), ts, d.Placeholder(2), key, d.Placeholder(3), ts, d.Placeholder(4), ts, key), page)
	})
}

// CountChangedQuery counts what ChangedQuery would still read, with the same
// four parameters.
func CountChangedQuery(d Dialect, base, ts, key string) string {
	return wrap(d, base, func(from string) string {
		return fmt.Sprintf("SELECT COUNT(*) AS N FROM %s WHERE q.%s < %s AND ((q.%s = %s AND q.%s > %s) OR q.%s > %s)",
			from, ts, d.Placeholder(1), ts, d.Placeholder(2), key, d.Placeholder(3), ts, d.Placeholder(4))
	})
}

// MaxKeyQuery returns the largest key of base (NULL when empty).
func MaxKeyQuery(d Dialect, base, key string) string {
	return wrap(d, base, func(from string) string {
		return fmt.Sprintf("SELECT MAX(q.%s) AS MAX_KEY FROM %s", key, from)
	})
}

// MaxKeyBeforeQuery returns the largest key of base among the rows whose
// timestamp is before the bound parameter (NULL when none).
func MaxKeyBeforeQuery(d Dialect, base, key, ts string) string {
	return wrap(d, base, func(from string) string {
		return fmt.Sprintf("SELECT MAX(q.%s) AS MAX_KEY FROM %s WHERE q.%s < %s", key, from, ts, d.Placeholder(1))
	})
}

// MaxChangedQuery returns the newest (timestamp, key) position of base.
func MaxChangedQuery(d Dialect, base, ts, key string) string {
	return wrap(d, base, func(from string) string {
		return d.Limit(fmt.Sprintf("SELECT q.%s AS MAX_TS, q.%s AS MAX_KEY FROM %s WHERE q.%s IS NOT NULL ORDER BY q.%s DESC, q.%s DESC",
			ts, key, from, ts, ts, key), 1)
	})
}

// CountAfterQuery counts the rows a keyset poll would still read.
func CountAfterQuery(d Dialect, base, key string) string {
	return wrap(d, base, func(from string) string {
		return fmt.Sprintf("SELECT COUNT(*) AS N FROM %s WHERE q.%s > %s", from, key, d.Placeholder(1))
	})
}

// CountQuery counts the rows of base.
func CountQuery(d Dialect, base string) string {
	return wrap(d, base, func(from string) string { return fmt.Sprintf("SELECT COUNT(*) AS N FROM %s", from) })
}

// NewestQuery returns the n rows of base with the largest keys, newest
// first.
func NewestQuery(d Dialect, base, key string, n int) string {
	return wrap(d, base, func(from string) string {
		return d.Limit(fmt.Sprintf("SELECT * FROM %s ORDER BY q.%s DESC", from, key), n)
	})
}

// KeyQuery returns the row of base whose key is the bound parameter.
func KeyQuery(d Dialect, base, key string) string {
	return wrap(d, base, func(from string) string {
		return fmt.Sprintf("SELECT * FROM %s WHERE q.%s = %s", from, key, d.Placeholder(1))
	})
}

// wrap builds a wrapper around base as the derived table q. base is
// checked and sent as the check saw it, without comments or trailing
// semicolons, on lines of its own: nothing in it reaches the wrapper's text.
// A base the check refuses is returned as it is, unwrapped, so Source.Query
// refuses it with the check's own reason instead of sending it.
func wrap(d Dialect, base string, build func(from string) string) string {
	clean, err := syntaxOf(d).prepare(base)
	if err != nil {
		return base
	}
	return build("(\n" + clean + "\n) q")
}

// questionDialect is shared by SQLite and Firebird, which both bind with "?".
type questionDialect struct{}

func (questionDialect) Placeholder(int) string { return "?" }

// tokens are the date expressions presets and users may write in a SELECT
// without knowing the database: {today}, {today+3}, {today-7},
// {today_month}, {today_day}, {month:C.DOGUM_TARIHI}, {day:C.DOGUM_TARIHI},
// {year:F.TARIHI}; {month_start-1} and {month_end-1} (monthTokens); and {null:text} (int, money, date, timestamp), the typed
// NULL a preset reads an absent column as.
var tokens = regexp.MustCompile(`\{(today|today_month|today_day)([+-]\d+)?\}|\{(month|day|year):([A-Za-z_][A-Za-z0-9_$]*(?:\.[A-Za-z_][A-Za-z0-9_$]*)?)\}|\{null:(text|int|money|date|timestamp)\}`)

// monthTokens are {month_start}, {month_start-1}, {month_end-1}: the first
// and last day of a month relative to the database's current one.
var monthTokens = regexp.MustCompile(`\{month_(start|end)([+-]\d+)?\}`)

// ExpandTokens writes the date tokens of query in d's SQL.
func ExpandTokens(d Dialect, query string) string {
	out, _ := expandTokens(d, query)
	return out
}

// expandTokens is ExpandTokens and, for each byte of what it returns, the
// offset in query it came from (a token's expansion: where the token
// starts), so a place the database names in the expansion is found in
// the query as written.
func expandTokens(d Dialect, query string) (string, []int) {
	if !strings.Contains(query, "{") {
		return query, nil
	}
	month, m1 := replaceMapped(monthTokens, query, func(sm []string) string {
		n, _ := strconv.Atoi(sm[2])
		return d.Month(sm[1], n)
	})
	out, m2 := replaceMapped(tokens, month, func(sm []string) string {
		if sm[5] != "" {
			return d.Null(NullType(sm[5]))
		}
		if sm[1] != "" {
			n := 0
			if sm[2] != "" {
				n, _ = strconv.Atoi(sm[2])
			}
			switch sm[1] {
			case "today_month":
				return d.Part("month", d.Today(n))
			case "today_day":
				return d.Part("day", d.Today(n))
			}
			return d.Today(n)
		}
		return d.Part(sm[3], sm[4])
	})
	for i, o := range m2 {
		m2[i] = m1[o]
	}
	return out, m2
}

// replaceMapped replaces every match of re in s with f's text for its
// submatches, and says for each byte of the result where in s it came from.
func replaceMapped(re *regexp.Regexp, s string, f func(sm []string) string) (string, []int) {
	var b strings.Builder
	var at []int
	last := 0
	keep := func(from, to int) {
		b.WriteString(s[from:to])
		for i := from; i < to; i++ {
			at = append(at, i)
		}
	}
	for _, loc := range re.FindAllStringSubmatchIndex(s, -1) {
		keep(last, loc[0])
		sm := make([]string, len(loc)/2)
		for k := range sm {
			if loc[2*k] >= 0 {
				sm[k] = s[loc[2*k]:loc[2*k+1]]
			}
		}
		r := f(sm)
		b.WriteString(r)
		for range len(r) {
			at = append(at, loc[0])
		}
		last = loc[1]
	}
	keep(last, len(s))
	return b.String(), at
}
