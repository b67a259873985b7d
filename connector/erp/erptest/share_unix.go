//go:build !windows

package erptest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// share holds the test server for t: shared by every test that only uses
// it, exclusive for one that stops or restarts it. go test runs packages in
// parallel processes, so a restart in one package would otherwise break
// the queries of another (and two restarts at once can leave it down).
func share(t testing.TB, exclusive bool) {
	t.Helper()
	path := filepath.Join(os.TempDir(), "akinsoft-connector-firebird-test.lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	how := unix.LOCK_SH
	if exclusive {
		how = unix.LOCK_EX
	}
	for {
		err = unix.Flock(int(f.Fd()), how)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		t.Fatalf("lock %s: %v", path, err)
	}
	t.Cleanup(func() {
		unix.Flock(int(f.Fd()), unix.LOCK_UN)
		f.Close()
	})
}
