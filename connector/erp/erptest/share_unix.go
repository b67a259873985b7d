//go:build !windows

package erptest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// shareWait is how long a test waits for the others to let it use the
// server: longer than any one test holds it exclusively (a restart takes
// seconds), shorter than go test's own timeout.
const shareWait = 5 * time.Minute

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
	// Blocking, so a waiter is woken the moment the lock is free (polling
	// every few milliseconds missed those moments while the other packages'
	// tests kept it shared), but not forever: a test process that hangs
	// holding it would make every other one wait, silently, until go test
	// kills them all.
	locked := make(chan error, 1)
	go func() {
		for {
			err := unix.Flock(int(f.Fd()), how)
			if !errors.Is(err, unix.EINTR) {
				locked <- err
				return
			}
		}
	}()
	select {
	case err = <-locked:
	case <-time.After(shareWait):
		go func() { // the lock, should it still come, is let go at once
			if <-locked == nil {
				unix.Flock(int(f.Fd()), unix.LOCK_UN)
			}
			f.Close()
		}()
		t.Fatalf("waited %v for the Firebird test server: another test process holds %s (fuser %s names it)", shareWait, path, path)
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
