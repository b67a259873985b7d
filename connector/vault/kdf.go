package vault

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"golang.org/x/crypto/argon2"
)

// kdfParams are stored in the vault header so that a vault written on one
// machine opens on another with only the passphrase.
type kdfParams struct {
	Name      string `json:"name"`
	Salt      string `json:"salt"`
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

// defaultKDF is RFC 9106's second recommended argon2id setting (64 MiB).
var defaultKDF = kdfParams{Name: "argon2id", Time: 3, MemoryKiB: 64 * 1024, Threads: 4}

// Bounds on what a vault header may ask for, so an edited header cannot make
// Open spend minutes or gigabytes before the keycheck fails.
const (
	maxKDFTime      = 16
	maxKDFMemoryKiB = 1024 * 1024
)

func (p kdfParams) withNewSalt() (kdfParams, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return p, fmt.Errorf("vault salt: %w", err)
	}
	p.Salt = hex.EncodeToString(salt)
	return p, nil
}

func (p kdfParams) derive(passphrase []byte) ([]byte, error) {
	salt, err := hex.DecodeString(p.Salt)
	switch {
	case p.Name != "argon2id":
		return nil, fmt.Errorf("%w: unknown key derivation %q", ErrTampered, p.Name)
	case err != nil || len(salt) < 16:
		return nil, fmt.Errorf("%w: bad key derivation salt", ErrTampered)
	case p.Time < 1 || p.Time > maxKDFTime || p.MemoryKiB < 8*1024 || p.MemoryKiB > maxKDFMemoryKiB || p.Threads < 1:
		return nil, fmt.Errorf("%w: key derivation parameters out of range", ErrTampered)
	}
	return argon2.IDKey(passphrase, salt, p.Time, p.MemoryKiB, p.Threads, keySize), nil
}
