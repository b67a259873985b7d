package vault

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrNoKeyFile means a key file asked for without create does not exist.
var ErrNoKeyFile = errors.New("key file missing")

// KeyFile returns the 32-byte random key kept in dir/NAME.key beside the
// vault, with the protection of the vault's own key file: on Windows a DPAPI
// machine-scope blob bound to NAME under a SYSTEM+Administrators ACL, on Unix
// the raw key in a 0600 file of the process's user, checked before every
// use. It works in passphrase mode too (the passphrase protects vault.json
// only). With create, a missing file is made under the vault's lock, so two
// processes asking at once get the same key.
//
// Other parts of the connector use it for keys that must never sit in the
// file they protect (the outbox's keyed hashes of forgotten addresses).
func KeyFile(dir, name string, create bool) ([]byte, error) {
	if err := checkName(name); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, name+".key")
	purpose := name + " key"
	if key, err := readKeyFile(path, purpose); !errors.Is(err, ErrNoKeyFile) || !create {
		return key, err
	}
	unlock, err := lockPath(filepath.Join(dir, lockName), true)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	defer unlock()
	if key, err := readKeyFile(path, purpose); !errors.Is(err, ErrNoKeyFile) {
		return key, err // made by another process meanwhile
	}
	key := make([]byte, keySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("%s: %w", purpose, err)
	}
	blob, err := protectKeyFor(key, purpose)
	if err != nil {
		return nil, err
	}
	if err := writeFileAtomic(path, blob); err != nil {
		return nil, fmt.Errorf("write the %s file: %w", purpose, err)
	}
	return key, nil
}

func readKeyFile(path, purpose string) ([]byte, error) {
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNoKeyFile, path)
	} else if err != nil {
		return nil, fmt.Errorf("%s file: %w", purpose, err)
	}
	if err := checkKeyFile(path); err != nil {
		return nil, err
	}
	blob, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read the %s file: %w", purpose, err)
	}
	key, err := unprotectKeyFor(blob, purpose)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrWrongKey, path, err)
	}
	if len(key) != keySize {
		return nil, fmt.Errorf("%w: %s does not hold a %d-byte key", ErrWrongKey, path, keySize)
	}
	return key, nil
}
