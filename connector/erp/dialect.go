package erp

import (
	"fmt"
	"strings"
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
}

// KeysetQuery returns rows of base whose key is greater than the bound
// parameter, in key order, one page at a time: the query stays cheap whatever
// the table size, as long as the key is indexed (Wolvox BLKODU is).
func KeysetQuery(d Dialect, base, key string, page int) string {
	q := fmt.Sprintf("SELECT * FROM (%s) q WHERE q.%s > %s ORDER BY q.%s", trimSQL(base), key, d.Placeholder(1), key)
	return d.Limit(q, page)
}

// MaxKeyQuery returns the largest key of base (NULL when empty).
func MaxKeyQuery(base, key string) string {
	return fmt.Sprintf("SELECT MAX(q.%s) AS MAX_KEY FROM (%s) q", key, trimSQL(base))
}

// CountAfterQuery counts the rows a keyset poll would still read.
func CountAfterQuery(d Dialect, base, key string) string {
	return fmt.Sprintf("SELECT COUNT(*) AS N FROM (%s) q WHERE q.%s > %s", trimSQL(base), key, d.Placeholder(1))
}

func trimSQL(s string) string { return strings.TrimRight(strings.TrimSpace(s), ";") }

// questionDialect is shared by SQLite and Firebird, which both bind with "?".
type questionDialect struct{}

func (questionDialect) Placeholder(int) string { return "?" }
