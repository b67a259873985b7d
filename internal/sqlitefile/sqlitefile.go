// Package sqlitefile names a SQLite database file by its path, whatever the
// path holds. SQLite reads a "file:" name as a URI: a '?' or '#' ends the
// path and a '%' starts an escape, so a folder such as "Şube #2" or
// "100%" used to open, and create, another file, without the read-only
// mode that came after the cut. The Go driver also takes the first '?' as
// the start of its own parameters.
package sqlitefile

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// URI is the file: URI of path with params: absolute, every byte outside
// the unreserved set escaped, in the file:///C:/… form on Windows.
func URI(path string, params url.Values) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", fmt.Errorf("database file %s: %w", path, err)
	}
	return fromSlash(filepath.ToSlash(abs), params), nil
}

// fromSlash is URI for an absolute path with forward slashes: /var/x.db,
// C:/x.db or //server/share/x.db.
func fromSlash(p string, params url.Values) string {
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x → /C:/x, so the authority stays empty
	}
	var b strings.Builder
	b.WriteString("file://")
	for i := 0; i < len(p); i++ {
		c := p[i]
		if unreserved(c) || c == '/' || c == ':' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	if len(params) > 0 {
		b.WriteString("?")
		b.WriteString(params.Encode())
	}
	return b.String()
}

func unreserved(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~'
}

// Opened checks that db's main database is the file at path: the last word
// on which file SQLite opened is its own.
func Opened(ctx context.Context, db *sql.DB, path string) error {
	rows, err := db.QueryContext(ctx, `PRAGMA database_list`)
	if err != nil {
		return fmt.Errorf("database file %s: list the open files: %w", path, err)
	}
	defer rows.Close()
	var file string
	for rows.Next() {
		var seq int
		var name, f string
		if err := rows.Scan(&seq, &name, &f); err != nil {
			return fmt.Errorf("database file %s: list the open files: %w", path, err)
		}
		if name == "main" {
			file = f
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("database file %s: list the open files: %w", path, err)
	}
	want, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("database file %s: %w", path, err)
	}
	got, err := os.Stat(file)
	if err != nil || !os.SameFile(got, want) {
		return fmt.Errorf("SQLite opened %q instead of the configured %s: report this as a bug", file, path)
	}
	return nil
}
