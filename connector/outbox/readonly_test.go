package outbox

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// check reads cursors without creating or changing a file: with the
// service stopped (no log), with it running (log and shared memory there),
// and before the first start (no outbox at all).
func TestOpenReadOnlyCreatesAndChangesNothing(t *testing.T) {
	ctx := context.Background()
	names := func(dir string) []string {
		es, _ := os.ReadDir(dir)
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "outbox.db")
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := ro.Cursor(ctx, "j", "s"); ok || err != nil {
		t.Fatalf("a missing outbox has a cursor: %v %v", ok, err)
	}
	ro.Close()
	if got := names(dir); len(got) != 0 {
		t.Fatalf("a read-only open created %v", got)
	}

	w, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.SetCursor(ctx, "j", "s", "42"); err != nil {
		t.Fatal(err)
	}
	// Running: the log and shared memory exist.
	ro, err = OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok, err := ro.Cursor(ctx, "j", "s"); !ok || err != nil || v != "42" {
		t.Fatalf("cursor while running = %q %v %v", v, ok, err)
	}
	if err := ro.SetCursor(ctx, "j", "s", "43"); err == nil {
		t.Fatal("a read-only outbox accepted a write")
	}
	ro.Close()
	w.Close()

	// Stopped cleanly: only the file; a read creates no -wal or -shm.
	before := names(dir)
	if !slices.Equal(before, []string{"outbox.db"}) {
		t.Fatalf("after a clean close: %v", before)
	}
	info, _ := os.Stat(path)
	ro, err = OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok, err := ro.Cursor(ctx, "j", "s"); !ok || err != nil || v != "42" {
		t.Fatalf("cursor while stopped = %q %v %v", v, ok, err)
	}
	ro.Close()
	after, _ := os.Stat(path)
	if got := names(dir); !slices.Equal(got, before) || !after.ModTime().Equal(info.ModTime()) || after.Size() != info.Size() {
		t.Fatalf("a read-only open changed the state folder: %v", got)
	}
}
