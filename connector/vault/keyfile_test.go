package vault

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"
)

func TestKeyFileIsMadeOnceAndKept(t *testing.T) {
	dir := testdir.New(t)
	if _, err := KeyFile(dir, "suppression", false); !errors.Is(err, ErrNoKeyFile) {
		t.Fatalf("missing key without create: %v; want ErrNoKeyFile", err)
	}
	// Two processes' first use at once must end with one key, or the hashes
	// made with the lost one would never match again.
	keys := make([][]byte, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := KeyFile(dir, "suppression", true)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	for _, k := range keys[1:] {
		if len(k) != keySize || !bytes.Equal(k, keys[0]) {
			t.Fatalf("concurrent first uses got different keys")
		}
	}
	again, err := KeyFile(dir, "suppression", false)
	if err != nil || !bytes.Equal(again, keys[0]) {
		t.Fatalf("reread = %x, %v", again, err)
	}
	if runtime.GOOS != "windows" {
		fi, _ := os.Stat(filepath.Join(dir, "suppression.key"))
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
		}
		os.Chmod(filepath.Join(dir, "suppression.key"), 0o644)
		if _, err := KeyFile(dir, "suppression", false); !errors.Is(err, ErrInsecureKeyFile) {
			t.Errorf("a key file others can read: %v; want ErrInsecureKeyFile", err)
		}
	}
	if _, err := KeyFile(dir, "../x", true); !errors.Is(err, ErrInvalidName) {
		t.Errorf("a name with a path: %v", err)
	}
}
