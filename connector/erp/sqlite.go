package erp

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// sqliteDialect is used by the embedded demo: the same Wolvox tables in a
// local SQLite file.
type sqliteDialect struct{ questionDialect }

func (sqliteDialect) Name() string                 { return "sqlite" }
func (sqliteDialect) Limit(q string, n int) string { return fmt.Sprintf("%s LIMIT %d", q, n) }
func (sqliteDialect) DecodeText(b []byte) string   { return strings.ToValidUTF8(string(b), "\uFFFD") }

func openSQLite(o Options) (*sql.DB, Dialect, error) {
	if _, err := os.Stat(o.Database); err != nil {
		return nil, nil, fmt.Errorf("database file %s: %w", o.Database, err)
	}
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "query_only(1)")
	q.Add("_pragma", "busy_timeout(5000)")
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(o.Database)+"?"+q.Encode())
	if err != nil {
		return nil, nil, err
	}
	return db, sqliteDialect{}, nil
}
