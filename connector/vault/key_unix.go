//go:build unix

package vault

import (
	"fmt"
	"os"
	"syscall"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
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
		return catalog.Errorf("vault.key_not_regular", "path", path).Wrapping(ErrInsecureKeyFile)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return catalog.Errorf("vault.key_mode", "path", path, "mode", fmt.Sprintf("%04o", perm)).Wrapping(ErrInsecureKeyFile)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Geteuid() {
		return catalog.Errorf("vault.key_owner", "path", path, "uid", st.Uid, "me", os.Geteuid()).Wrapping(ErrInsecureKeyFile)
	}
	return nil
}
