package outbox

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"
)

// A state folder whose name holds '#', '?', '%' or spaces holds the
// outbox: SQLite used to cut the path there and put the outbox outside the
// locked folder, where a second instance with a sibling folder found the
// same file.
func TestOutboxStaysInItsStateFolder(t *testing.T) {
	folders := []string{"st#ate", "st%41te", "st ate", "Şube #2 %100"}
	if runtime.GOOS != "windows" {
		folders = append(folders, "st?ate")
	}
	ctx := context.Background()
	for _, folder := range folders {
		t.Run(folder, func(t *testing.T) {
			root := testdir.New(t)
			path := filepath.Join(root, folder, "outbox.db")
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SetCursor(ctx, "job", "merkez", "42"); err != nil {
				t.Fatal(err)
			}
			s.Close()
			var outside []string
			entries, _ := os.ReadDir(root)
			for _, e := range entries {
				if e.Name() != folder {
					outside = append(outside, e.Name())
				}
			}
			sort.Strings(outside)
			if len(outside) > 0 {
				t.Errorf("files outside the state folder: %q", outside)
			}
			if _, err := os.Stat(path); err != nil {
				t.Errorf("no outbox in the state folder: %v", err)
			}
			ro, err := OpenReadOnly(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer ro.Close()
			if v, ok, err := ro.Cursor(ctx, "job", "merkez"); err != nil || !ok || v != "42" {
				t.Errorf("read-only reopen: %q %v %v", v, ok, err)
			}
		})
	}
}
