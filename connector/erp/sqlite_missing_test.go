package erp

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
)

// A year's SQLite file that does not exist yet is a missing database, as
// Firebird's and SQL Server's are: the group still lists it, every use of
// it says ErrDatabaseMissing (which runs skip), last year's is read, and
// once the file appears the next Sources opens it.
func TestSQLiteYearFileNotCreatedYetIsAMissingDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeCari(t, filepath.Join(dir, "2025", "wolvox.db"), "2025")
	jan := func() time.Time { return time.Date(2026, 1, 5, 10, 0, 0, 0, istanbul(t)) }
	g, err := OpenGroup(Options{Name: "merkez", Driver: "sqlite", Database: filepath.Join(dir, "{year}", "wolvox.db"), Location: istanbul(t)}, jan)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	srcs, err := g.Sources()
	if err != nil {
		t.Fatalf("Sources with the 2026 file missing: %v", err)
	}
	if len(srcs) != 2 || srcs[0].Name() != "merkez@2025" || srcs[1].Name() != "merkez@2026" {
		t.Fatalf("sources %v", srcs)
	}
	if err := srcs[0].Ping(ctx); err != nil {
		t.Fatalf("2025: %v", err)
	}
	uses := map[string]error{
		"Ping":    srcs[1].Ping(ctx),
		"Query":   srcs[1].Query(ctx, "SELECT BLKODU FROM CARI", nil, func(Record) error { return nil }),
		"Columns": func() error { _, err := srcs[1].Columns(ctx, []string{"CARI"}); return err }(),
		"Verify":  srcs[1].Verify(ctx, map[string][]string{"CARI": {"BLKODU"}}),
	}
	for use, err := range uses {
		if !errors.Is(err, ErrDatabaseMissing) || FailureOf(err) != FailureMissing {
			t.Errorf("%s on the missing 2026 file: %v (failure %q), want ErrDatabaseMissing", use, err, FailureOf(err))
		}
	}
	if err := srcs[1].Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
	// Wolvox opens the year: the file is read from the next Sources on.
	writeCari(t, filepath.Join(dir, "2026", "wolvox.db"), "2026")
	if srcs, err = g.Sources(); err != nil || len(srcs) != 2 {
		t.Fatalf("Sources after the 2026 file appeared: %v %v", srcs, err)
	}
	if err := srcs[1].Ping(ctx); err != nil {
		t.Errorf("2026 once it exists: %v", err)
	}
}
