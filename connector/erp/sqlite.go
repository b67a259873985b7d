package erp

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/internal/sqlitefile"
)

// sqliteDialect is used by the embedded demo: the same Wolvox tables in a
// local SQLite file.
type sqliteDialect struct{ questionDialect }

func (sqliteDialect) Name() string                 { return "sqlite" }
func (sqliteDialect) Limit(q string, n int) string { return fmt.Sprintf("%s LIMIT %d", q, n) }
func (sqliteDialect) DecodeText(b []byte) string   { return strings.ToValidUTF8(string(b), "\uFFFD") }

// bindTime: the demo stores times as text, compared as text; t is already
// the shop's wall clock (Zone.Write).
func (sqliteDialect) bindTime(t time.Time) any { return t.Format("2006-01-02 15:04:05") }

func (sqliteDialect) Today(days int) string {
	return fmt.Sprintf("date('now', 'localtime', '%+d days')", days)
}
func (sqliteDialect) Month(edge string, months int) string {
	if edge == "end" {
		return fmt.Sprintf("date('now', 'localtime', 'start of month', '%+d months', '-1 day')", months+1)
	}
	return fmt.Sprintf("date('now', 'localtime', 'start of month', '%+d months')", months)
}
func (sqliteDialect) Part(part, col string) string {
	f := map[string]string{"month": "%m", "day": "%d", "year": "%Y"}[part]
	return fmt.Sprintf("CAST(strftime('%s', %s) AS INTEGER)", f, col)
}
func (sqliteDialect) ColumnsQuery(tables []string) string {
	var parts []string
	for _, t := range tables {
		parts = append(parts, fmt.Sprintf("SELECT '%s' AS TABLE_NAME, name AS COLUMN_NAME FROM pragma_table_info('%s')", t, t))
	}
	return strings.Join(parts, " UNION ALL ")
}
func (sqliteDialect) Null(t NullType) string { return castNull(t, nil) }
func (sqliteDialect) TablesQuery() string {
	return "SELECT name AS TABLE_NAME FROM sqlite_master WHERE type = 'table'"
}

func openSQLite(o Options) (pool, error) {
	if _, err := os.Stat(o.Database); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			// As Firebird's and SQL Server's missing database: a year's file
			// that does not exist yet is skipped, not a failure of the job.
			return pool{dialect: sqliteDialect{}, tx: sql.TxOptions{ReadOnly: true}},
				catalog.Errorf("erp.file_missing", "database", o.Database, "err", err).Wrapping(errors.Join(ErrDatabaseMissing, err))
		}
		return pool{}, catalog.Errorf("erp.file", "database", o.Database, "err", err).Wrapping(err)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "query_only(1)")
	q.Add("_pragma", "busy_timeout(5000)")
	// A poll reads each page once per run, minutes apart, and the file's
	// pages stay in the OS page cache between runs; SQLite's default 2 MB
	// cache per connection (twice that in the allocator, whose size classes
	// round a 4 KB page up to 8 KB) only held a few MB of private memory.
	// 256 KB was as fast as the default for 20,000 invoices (BENCHMARKS.md).
	q.Add("_pragma", "cache_size(-256)")
	uri, err := sqlitefile.URI(o.Database, q)
	if err != nil {
		return pool{}, err
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return pool{}, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := sqlitefile.Opened(ctx, db, o.Database); err != nil {
		db.Close()
		return pool{}, err
	}
	return pool{db: db, dialect: sqliteDialect{}, tx: sql.TxOptions{ReadOnly: true}}, nil
}
