package erp

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/internal/sqlitefile"
	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"
)

// oldCut is the file a plain "file:"+path URI named: SQLite ends the path at
// '?' or '#' and decodes %XX.
func oldCut(p string) string {
	p = filepath.ToSlash(p)
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if d, err := url.PathUnescape(p); err == nil {
		p = d
	}
	return filepath.FromSlash(p)
}

// PathFolders are folder names a shop really uses that SQLite's URI syntax
// reads as something else.
func pathFolders() []string {
	names := []string{"a#b", "a%41b", "a b", "Şube #2 %100"}
	if runtime.GOOS != "windows" {
		names = append(names, "a?b") // not a valid Windows file name
	}
	return names
}

func writeCari(t *testing.T, path, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	uri, err := sqlitefile.URI(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE CARI (BLKODU INTEGER PRIMARY KEY, ADI TEXT); INSERT INTO CARI VALUES (1, ?)`, name); err != nil {
		t.Fatal(err)
	}
}

func tree(t *testing.T, root string) []string {
	t.Helper()
	var out []string
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err == nil {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// A SQLite source whose path holds '#', '?', '%' or spaces opens that file,
// read-only, and no other: the cut-off file SQLite used to open read-write
// is neither read nor created.
func TestSQLiteSourceOpensTheConfiguredFile(t *testing.T) {
	for _, folder := range pathFolders() {
		t.Run(folder, func(t *testing.T) {
			root := testdir.New(t)
			path := filepath.Join(root, folder, "wolvox.db")
			writeCari(t, path, "gerçek")
			if decoy := oldCut(path); decoy != path {
				if strings.HasSuffix(filepath.ToSlash(decoy), "/wolvox.db") {
					writeCari(t, decoy, "sahte")
				}
			}
			before := tree(t, root)
			src, err := Open(Options{Name: "demo", Driver: "sqlite", Database: path, Location: time.Local})
			if err != nil {
				t.Fatal(err)
			}
			var got any
			err = src.Query(context.Background(), `SELECT ADI FROM CARI`, nil, func(r Record) error { got = r["ADI"]; return nil })
			src.Close()
			if after := tree(t, root); strings.Join(after, "\n") != strings.Join(before, "\n") {
				t.Errorf("files changed:\nbefore %q\nafter  %q", before, after)
			}
			if err != nil || got != "gerçek" {
				t.Errorf("read %v, %v; want the configured file's row", got, err)
			}
		})
	}
}
