package logging

import (
	"os"
	"path/filepath"
	"testing"
)

// tempDir is t.TempDir with a cleanup that also works under Wine, where
// os.RemoveAll fails (FileDispositionInformationEx is not implemented; see
// connector/vault's tests) but os.Remove works.
func tempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "logging-test-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		var paths []string
		filepath.WalkDir(dir, func(path string, _ os.DirEntry, err error) error {
			paths = append(paths, path)
			return nil
		})
		for i := len(paths) - 1; i >= 0; i-- {
			if err := os.Remove(paths[i]); err != nil {
				t.Errorf("clean up test directory: %v", err)
			}
		}
	})
	return dir
}
