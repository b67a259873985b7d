package vault

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// loadKeyFile returns the master key kept in the OS-protected key file at
// path, creating one when it is missing and create is set.
func loadKeyFile(path string, create bool) ([]byte, error) {
	_, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		if !create {
			return nil, catalog.Errorf("vault.key_missing", "path", path, "file", fileName).Wrapping(ErrWrongKey)
		}
		return createKeyFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("vault key file: %w", err)
	}
	if err := checkKeyFile(path); err != nil {
		return nil, err
	}
	blob, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read vault key file: %w", err)
	}
	key, err := unprotectKey(blob)
	if err != nil {
		// DPAPI's refusal (another machine's key file) in its own words.
		return nil, catalog.Errorf("vault.key_unusable_os", "path", path, "file", fileName, "err", err).Wrapping(ErrWrongKey)
	}
	if len(key) != keySize {
		return nil, catalog.Errorf("vault.key_unusable", "path", path, "file", fileName).Wrapping(ErrWrongKey)
	}
	return key, nil
}

func createKeyFile(path string) ([]byte, error) {
	key := make([]byte, keySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("vault key: %w", err)
	}
	blob, err := protectKey(key)
	if err != nil {
		return nil, err
	}
	if err := writeFileAtomic(path, blob); err != nil {
		return nil, fmt.Errorf("write vault key file: %w", err)
	}
	return key, nil
}
