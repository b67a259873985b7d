//go:build unix

package vault

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"
)

func TestFilesAreOwnerOnly(t *testing.T) {
	// A permissive umask must not widen what the vault writes.
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	dir := testdir.New(t)
	v := mustOpen(t, dir)
	for range 2 { // create, then replace
		if err := v.Set("canary", canary); err != nil {
			t.Fatal(err)
		}
		for _, name := range []string{fileName, keyName} {
			fi, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if perm := fi.Mode().Perm(); perm != 0o600 {
				t.Errorf("%s has mode %04o, want 0600", name, perm)
			}
		}
	}
	// No temp files are left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("leftover temp file %s", e.Name())
		}
	}
}

func TestInsecureKeyFileRefused(t *testing.T) {
	for _, perm := range []os.FileMode{0o644, 0o640, 0o604, 0o660, 0o666, 0o700} {
		t.Run(perm.String(), func(t *testing.T) {
			dir := testdir.New(t)
			if err := mustOpen(t, dir).Set("canary", canary); err != nil {
				t.Fatal(err)
			}
			key := filepath.Join(dir, keyName)
			if err := os.Chmod(key, perm); err != nil {
				t.Fatal(err)
			}
			v := mustOpen(t, dir)
			_, err := v.Get("canary")
			if perm&0o077 == 0 {
				if err != nil {
					t.Fatalf("owner-only mode %04o refused: %v", perm, err)
				}
				return
			}
			if !errors.Is(err, ErrInsecureKeyFile) || !strings.Contains(err.Error(), "chmod 600 "+key) {
				t.Fatalf("Get with key mode %04o = %v; want ErrInsecureKeyFile with a chmod 600 hint", perm, err)
			}
			noCanary(t, err)
			if err := v.Set("other", "x"); !errors.Is(err, ErrInsecureKeyFile) {
				t.Fatalf("Set with key mode %04o = %v; want ErrInsecureKeyFile", perm, err)
			}
		})
	}
}

func TestSymlinkKeyFileRefused(t *testing.T) {
	dir := testdir.New(t)
	if err := mustOpen(t, dir).Set("canary", canary); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, keyName)
	if err := os.Rename(key, key+".real"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(key+".real", key); err != nil {
		t.Fatal(err)
	}
	if _, err := mustOpen(t, dir).Get("canary"); !errors.Is(err, ErrInsecureKeyFile) {
		t.Fatalf("Get through a symlinked key file = %v; want ErrInsecureKeyFile", err)
	}
}

func TestForeignOwnedKeyFileRefused(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving the key file to another owner needs root")
	}
	dir := testdir.New(t)
	if err := mustOpen(t, dir).Set("canary", canary); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, keyName)
	if err := os.Chown(key, 4242, 4242); err != nil {
		t.Fatal(err)
	}
	_, err := mustOpen(t, dir).Get("canary")
	if !errors.Is(err, ErrInsecureKeyFile) || !strings.Contains(err.Error(), "belongs to uid 4242; root does not use it") {
		t.Fatalf("Get with a key file owned by uid 4242 = %v; want ErrInsecureKeyFile", err)
	}
	// Root is told to run as the owner: taking the file (chown) would lock
	// the service out of its own key.
	if strings.Contains(err.Error(), "run `chown") {
		t.Errorf("root is told to take the file: %v", err)
	}
}

// A key file that is not this machine's (a Windows state folder copied to
// Linux holds a DPAPI blob): the vault says so in the reader's language and
// how to go on, not the bare "does not hold a 32-byte vault key".
func TestForeignKeyFileIsToldInTurkish(t *testing.T) {
	dir := testdir.New(t)
	if err := mustOpen(t, dir).Set("canary", canary); err != nil {
		t.Fatal(err)
	}
	key := filepath.Join(dir, keyName)
	if err := os.WriteFile(key, make([]byte, 230), 0o600); err != nil {
		t.Fatal(err)
	}
	v, err := Open(dir)
	if err == nil {
		_, err = v.Get("canary")
	}
	if !errors.Is(err, ErrWrongKey) {
		t.Fatalf("Get with a foreign key file = %v; want ErrWrongKey", err)
	}
	want := key + " bu makinenin kasa anahtarı değil; başka bir makineden ya da Windows'tan kopyalandıysa"
	if got := catalog.ErrorText(catalog.TR, err); !strings.Contains(got, want) {
		t.Errorf("the error reads %q; want it to contain %q", got, want)
	}
}
