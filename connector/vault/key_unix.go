//go:build unix

package vault

import (
	"fmt"
	"os"
	"os/user"
	"strconv"
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
		uid := strconv.FormatUint(uint64(st.Uid), 10)
		owner := "uid " + uid
		if u, err := user.LookupId(uid); err == nil {
			owner = u.Username + " (uid " + uid + ")"
		}
		// Root is told to become the owner, not to take the file: the
		// service (its usual owner) could no longer read it.
		key := catalog.Key("vault.key_owner")
		if os.Geteuid() == 0 {
			key = "vault.key_owner_root"
		}
		return catalog.Errorf(key, "path", path, "owner", owner, "me", os.Geteuid()).Wrapping(ErrInsecureKeyFile)
	}
	return nil
}
