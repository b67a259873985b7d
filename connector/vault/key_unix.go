//go:build unix

package vault

import (
	"fmt"
	"os"
	"syscall"
)

// On Unix the key file holds the raw key; the file's mode and owner are its
// protection, so they are checked before every use.

func protectKey(key []byte) ([]byte, error) { return protectKeyFor(key, "vault key") }

func unprotectKey(blob []byte) ([]byte, error) { return unprotectKeyFor(blob, "vault key") }

func protectKeyFor(key []byte, _ string) ([]byte, error) { return append([]byte(nil), key...), nil }

func unprotectKeyFor(blob []byte, _ string) ([]byte, error) { return blob, nil }

func checkKeyFile(path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return fmt.Errorf("vault key file: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%w: %s is not a regular file (a symlink or device is refused)", ErrInsecureKeyFile, path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return fmt.Errorf("%w: %s has mode %04o, group or others may read it; run `chmod 600 %s`", ErrInsecureKeyFile, path, perm, path)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return fmt.Errorf("%w: %s belongs to uid %d, not to this process's uid %d; run `chown %d %s` as root", ErrInsecureKeyFile, path, st.Uid, os.Geteuid(), os.Geteuid(), path)
	}
	return nil
}
