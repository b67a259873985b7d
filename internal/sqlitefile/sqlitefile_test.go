package sqlitefile

import (
	"context"
	"database/sql"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	_ "modernc.org/sqlite"

	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"
)

func TestURIEscapesWhatSQLiteWouldReadAsURISyntax(t *testing.T) {
	params := url.Values{"mode": {"ro"}}
	cases := []struct{ path, want string }{
		{"/var/lib/akc/outbox.db", "file:///var/lib/akc/outbox.db?mode=ro"},
		{"/srv/Şube #2/a?b/100%/x y.db", "file:///srv/%C5%9Eube%20%232/a%3Fb/100%25/x%20y.db?mode=ro"},
	}
	if runtime.GOOS == "windows" {
		cases = []struct{ path, want string }{
			{`C:\ProgramData\akc\outbox.db`, "file:///C:/ProgramData/akc/outbox.db?mode=ro"},
			{`C:\Şube #2\100%\x y.db`, "file:///C:/%C5%9Eube%20%232/100%25/x%20y.db?mode=ro"},
		}
	}
	for _, c := range cases {
		got, err := URI(c.path, params)
		if err != nil || got != c.want {
			t.Errorf("URI(%q) = %q, %v; want %q", c.path, got, err, c.want)
		}
	}
	// The Windows forms, on any system: a drive letter keeps the authority
	// empty (file:///C:/…), a UNC path keeps its two slashes in the path.
	for _, c := range []struct{ path, want string }{
		{"C:/Şube #2/100%/x y.db", "file:///C:/%C5%9Eube%20%232/100%25/x%20y.db?mode=ro"},
		{"//server/share/akc/outbox.db", "file:////server/share/akc/outbox.db?mode=ro"},
	} {
		if got := fromSlash(c.path, params); got != c.want {
			t.Errorf("fromSlash(%q) = %q; want %q", c.path, got, c.want)
		}
	}
}

// Opened tells the configured file from any other.
func TestOpenedComparesTheFileSQLiteHasOpen(t *testing.T) {
	dir := testdir.New(t)
	a, b := filepath.Join(dir, "a #1.db"), filepath.Join(dir, "b.db")
	uri, err := URI(a, nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TABLE t (x)`); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := Opened(ctx, db, a); err != nil {
		t.Errorf("the configured file: %v", err)
	}
	if err := Opened(ctx, db, b); err == nil {
		t.Error("another file passed")
	}
}
