// Package instance keeps two connectors off one state directory. Both would
// dispatch the same outbox, and the second one's crash recovery would mark
// the first one's sends in flight as uncertain. This happens in practice
// when IT staff start `run` in a console while the service is running.
package instance

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// FileName is the lock file inside the state directory.
const FileName = "connector.lock"

// ErrHeld is returned when another process holds the state directory.
var ErrHeld = errors.New("the state directory is in use by another akinsoft-connector")

// HeldError is ErrHeld with the folder and who holds it, so the command
// line can say it in the reader's language.
type HeldError struct {
	Dir string
	PID int // the other process's, as its lock file says; 0 when it cannot be told
}

func (e *HeldError) Error() string {
	holder := "process unknown"
	if e.PID > 0 {
		holder = "process " + strconv.Itoa(e.PID)
	}
	return fmt.Sprintf("%v (%s, %s): stop it first (akinsoft-connector service stop), or give this one its own state_dir", ErrHeld, e.Dir, holder)
}

func (e *HeldError) Is(target error) bool { return target == ErrHeld }

// Lock is a held state directory.
type Lock struct{ f *os.File }

// Acquire takes the state directory dir for this process, or fails at once
// with an error wrapping ErrHeld that names the other process.
func Acquire(dir string) (*Lock, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create state directory: %w", err)
	}
	path := filepath.Join(dir, FileName)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w (the service account needs write access to the state directory)", path, err)
	}
	held, err := tryLock(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	if held {
		other := holder(path)
		f.Close()
		return nil, &HeldError{Dir: dir, PID: other}
	}
	// The pid helps whoever reads the error find the other process; the
	// lock itself, not the file's content, is what excludes.
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

// Release gives the state directory up. The file stays: removing it would
// race with a process that just opened it.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	unlock(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}

func holder(path string) int {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil || pid <= 0 {
		return 0
	}
	return pid
}
