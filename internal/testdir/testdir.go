// Package testdir gives tests a temporary directory that is also removed
// when the Windows test binaries run under Wine (scripts/wine/gotest.sh).
package testdir

import (
	"os"
	"path/filepath"
	"testing"
)

// New is t.TempDir with a cleanup that also works under Wine: Go 1.26's
// os.RemoveAll on Windows asks for FileDispositionInformationEx, which Wine 8
// answers with STATUS_NOT_IMPLEMENTED, so t.TempDir's own cleanup fails there.
// os.Remove uses DeleteFile and RemoveDirectory, which Wine implements.
func New(t testing.TB) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "akc-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		var paths []string
		filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
			paths = append(paths, path)
			return nil
		})
		// Children come after their parent in WalkDir order.
		for i := len(paths) - 1; i >= 0; i-- {
			if err := os.Remove(paths[i]); err != nil {
				t.Errorf("clean up test directory: %v", err)
			}
		}
	})
	return dir
}
