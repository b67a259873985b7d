package outbox

import (
	"context"
	"errors"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"
)

// OpenExisting writes to an outbox that is there, beside another writer
// (the service), and makes none where there is none: not the file, not
// its folder, whether the folder is missing or empty.
func TestOpenExistingCreatesNothing(t *testing.T) {
	ctx := context.Background()
	root := testdir.New(t)
	for _, tc := range []struct {
		name   string
		dir    string
		folder bool // the state folder is there, empty
	}{
		{"no state folder", filepath.Join(root, "none", "state"), false},
		{"an empty state folder", filepath.Join(root, "empty", "state"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.folder {
				if err := os.MkdirAll(tc.dir, 0o700); err != nil {
					t.Fatal(err)
				}
			}
			path := filepath.Join(tc.dir, "outbox.db")
			s, err := OpenExisting(ctx, path)
			if err == nil {
				s.Close()
				t.Fatal("OpenExisting opened an outbox that was not there")
			}
			if !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("the error does not say the outbox is missing: %v", err)
			}
			if tc.folder {
				// SQLite's own refusal, for a file gone between the Stat
				// and the open.
				if s, err := openWith(ctx, path, url.Values{"mode": {"rw"}}); err == nil {
					s.Close()
					t.Error("mode=rw made the outbox")
				}
			}
			entries, err := os.ReadDir(tc.dir)
			if tc.folder != (err == nil) || len(entries) > 0 {
				t.Errorf("OpenExisting left the state folder as %v %v (it was there: %v)", entries, err, tc.folder)
			}
		})
	}

	t.Run("beside the service", func(t *testing.T) {
		path := filepath.Join(root, "service", "outbox.db")
		service, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer service.Close()
		s, err := OpenExisting(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.RecordAudit(ctx, AuditEntry{At: time.Now(), Host: "api.netgsm.com.tr", Channel: "sms", Outcome: "http 200"}); err != nil {
			t.Fatal(err)
		}
		rows, err := service.Audit(ctx, time.Now().Add(-time.Minute), 10)
		if err != nil || len(rows) != 1 || rows[0].Host != "api.netgsm.com.tr" {
			t.Errorf("the service's outbox has %+v, %v; want the row written beside it", rows, err)
		}
	})
}
