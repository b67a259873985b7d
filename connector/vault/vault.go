// Package vault keeps the connector's credentials in one encrypted file.
//
// # Files
//
// A vault lives in a directory and consists of:
//
//	vault.json  the secrets, encrypted (format below)
//	vault.key   the 32-byte master key, protected by the OS (absent in passphrase mode):
//	            on Windows a DPAPI machine-scope blob, on Unix the raw key in a
//	            file that only its owner may read (0600)
//	vault.lock  an empty file, locked exclusively around every read-modify-write
//	            (so two processes calling Set at once do not lose each other's
//	            update) and shared while reading
//
// vault.json and vault.key are written atomically (temp file in the same
// directory, fsync, rename) with mode 0600 on Unix and, on Windows, a
// protected DACL that grants access to SYSTEM and Administrators only.
//
// # Format of vault.json
//
//	{
//	  "format":   "akinsoft-connector-vault/1",
//	  "kdf":      {"name":"argon2id","salt":HEX,"time":3,"memory_kib":65536,"threads":4}, // passphrase mode only
//	  "keycheck": HEX,  // AES-256-GCM nonce||tag of nothing, AD "akinsoft-connector-vault/1 keycheck"
//	  "entries":  {"NAME": {"updated": RFC3339, "sealed": HEX}},
//	  "seal":     HEX   // AES-256-GCM nonce||tag of nothing, AD = JSON of format, kdf and entries
//	}
//
// Each entry's sealed value is nonce||ciphertext||tag of AES-256-GCM with a
// fresh random nonce per write and the associated data
// "akinsoft-connector-vault/1\x00NAME\x00UPDATED", so a value moved under
// another name, or given another time, does not decrypt. The keycheck tells a
// wrong key or passphrase (ErrWrongKey) from a damaged or edited file
// (ErrTampered); the seal covers the whole file, so removing or renaming an
// entry is detected too. Names and update times are not secret.
//
// # Passphrase mode
//
// WithPassphrase derives the master key with argon2id from the passphrase and a
// random salt kept in the file header, so the vault can be moved to another
// machine and opened there without the OS key store.
//
// Nothing in this package logs, and no error or formatted value of its types
// contains a secret value or key material.
package vault

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

var (
	// ErrNotFound means the vault holds no secret of that name.
	ErrNotFound = errors.New("secret not found")
	// ErrTampered means the vault file was damaged or edited outside this package.
	ErrTampered = errors.New("vault file is damaged or was modified")
	// ErrWrongKey means the master key or passphrase does not open the vault.
	ErrWrongKey = errors.New("wrong vault key or passphrase")
	// ErrInsecureKeyFile means the key file can be read by others than its owner or the administrators.
	ErrInsecureKeyFile = errors.New("vault key file is readable by others")
	// ErrInvalidName means a secret name does not match ^[A-Za-z0-9_.-]{1,64}$.
	ErrInvalidName = errors.New("invalid secret name")
)

const (
	fileName = "vault.json"
	keyName  = "vault.key"
	lockName = "vault.lock"
)

var validName = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,64}$`)

// Entry describes one stored secret without its value.
type Entry struct {
	Name    string
	Updated time.Time
}

// Option configures Open.
type Option func(*Vault)

// WithPassphrase makes the vault derive its master key from p instead of the
// OS-protected key file. The vault keeps its own copy of p. An empty
// passphrase is refused by Open.
func WithPassphrase(p []byte) Option {
	return func(v *Vault) { v.passphrase = append([]byte{}, p...) }
}

// Vault is an encrypted credentials file. Its methods are safe for concurrent
// use, also by several processes sharing the directory.
type Vault struct {
	dir        string
	passphrase []byte
	kdf        kdfParams // only used when a new passphrase vault is created
	cache      *keyCache
}

// keyCache keeps the master key so argon2id and DPAPI run once per Vault.
type keyCache struct {
	mu    sync.Mutex
	key   []byte
	kdf   kdfParams // parameters the key was derived with; zero for the key file
	valid bool
}

// Format prints nothing of the key, whatever the verb.
func (*keyCache) Format(f fmt.State, _ rune) { fmt.Fprint(f, "keyCache(redacted)") }

// Open returns the vault in dir. Nothing is created until the first Set;
// the directory itself must exist.
func Open(dir string, opts ...Option) (*Vault, error) {
	v := &Vault{dir: dir, kdf: defaultKDF, cache: &keyCache{}}
	for _, o := range opts {
		o(v)
	}
	if v.passphrase != nil && len(v.passphrase) == 0 {
		return nil, catalog.Errorf("vault.passphrase_empty")
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, catalog.Errorf("vault.no_dir", "err", err, "dir", dir).Wrapping(err)
	}
	if !fi.IsDir() {
		return nil, catalog.Errorf("vault.not_dir", "dir", dir)
	}
	return v, nil
}

// Format prints only the vault's directory, whatever the verb, so that
// logging a Vault can never print key material or the passphrase.
func (v Vault) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "vault(%s)", v.dir)
}

// Path is the vault file's path.
func (v *Vault) Path() string { return filepath.Join(v.dir, fileName) }

func (v *Vault) keyPath() string  { return filepath.Join(v.dir, keyName) }
func (v *Vault) lockPath() string { return filepath.Join(v.dir, lockName) }

func checkName(name string) error {
	if !validName.MatchString(name) {
		return catalog.Errorf("vault.bad_name", "name", strconv.Quote(name)).Wrapping(ErrInvalidName)
	}
	return nil
}

func notFound(name string) error {
	return catalog.Errorf("vault.not_found", "name", strconv.Quote(name), "raw", name).Wrapping(ErrNotFound)
}

// Get returns the value of the secret name.
func (v *Vault) Get(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	f, key, err := v.load()
	if err != nil {
		return "", err
	}
	if f == nil {
		return "", notFound(name)
	}
	e, ok := f.Entries[name]
	if !ok {
		return "", notFound(name)
	}
	plain, err := openEntry(key, name, e)
	if err != nil {
		return "", err
	}
	return string(plain), nil
}

// List returns the stored secrets' names and update times, sorted by name.
func (v *Vault) List() ([]Entry, error) {
	f, key, err := v.load()
	if err != nil || f == nil {
		return nil, err
	}
	list := make([]Entry, 0, len(f.Entries))
	for name, e := range f.Entries {
		// Decrypting proves every listed entry is intact and readable.
		if _, err := openEntry(key, name, e); err != nil {
			return nil, err
		}
		list = append(list, Entry{Name: name, Updated: e.Updated})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return list, nil
}

// Set stores value under name, replacing any previous value. The first Set
// creates the vault file and, unless a passphrase is used, the key file.
func (v *Vault) Set(name, value string) error {
	if err := checkName(name); err != nil {
		return err
	}
	return v.update(func(f *vaultFile, key []byte) error {
		e, err := sealEntry(key, name, []byte(value), time.Now())
		if err != nil {
			return err
		}
		f.Entries[name] = e
		return nil
	})
}

// Delete removes the secret name.
func (v *Vault) Delete(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	return v.update(func(f *vaultFile, key []byte) error {
		if _, ok := f.Entries[name]; !ok {
			return notFound(name)
		}
		delete(f.Entries, name)
		return nil
	})
}

// load reads and verifies the vault file; f is nil when there is none yet.
// It holds a shared lock while reading because on Windows an open reader
// would make the writer's rename fail (Go opens files without
// FILE_SHARE_DELETE).
func (v *Vault) load() (*vaultFile, []byte, error) {
	unlock, err := lockPath(v.lockPath(), false)
	if err != nil {
		return nil, nil, fmt.Errorf("lock vault: %w", err)
	}
	defer unlock()
	f, err := readVaultFile(v.Path())
	if err != nil || f == nil {
		return nil, nil, err
	}
	key, err := v.masterKey(f, false)
	if err != nil {
		return nil, nil, err
	}
	if err := f.verify(key, v.Path()); err != nil {
		return nil, nil, err
	}
	return f, key, nil
}

// update runs change on the current contents under the lock and writes the result.
func (v *Vault) update(change func(*vaultFile, []byte) error) error {
	unlock, err := lockPath(v.lockPath(), true)
	if err != nil {
		return fmt.Errorf("lock vault: %w", err)
	}
	defer unlock()

	f, err := readVaultFile(v.Path())
	if err != nil {
		return err
	}
	var key []byte
	if f == nil {
		f = &vaultFile{Format: formatV1, Entries: map[string]entry{}}
		if v.passphrase != nil {
			kdf, err := v.kdf.withNewSalt()
			if err != nil {
				return err
			}
			f.KDF = &kdf
		}
		if key, err = v.masterKey(f, true); err != nil {
			return err
		}
		if f.KeyCheck, err = sealKeyCheck(key); err != nil {
			return err
		}
	} else {
		if key, err = v.masterKey(f, false); err != nil {
			return err
		}
		if err := f.verify(key, v.Path()); err != nil {
			return err
		}
	}
	if err := change(f, key); err != nil {
		return err
	}
	if f.Seal, err = f.computeSeal(key); err != nil {
		return err
	}
	data, err := f.marshal()
	if err != nil {
		return err
	}
	if err := writeFileAtomic(v.Path(), data); err != nil {
		return fmt.Errorf("write vault: %w", err)
	}
	return nil
}

// masterKey returns the key for f, deriving it from the passphrase or reading
// (with create, creating) the key file. The result is cached.
func (v *Vault) masterKey(f *vaultFile, create bool) ([]byte, error) {
	c := v.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case f.KDF != nil && v.passphrase == nil:
		return nil, catalog.Errorf("vault.needs_passphrase", "path", v.Path()).Wrapping(ErrWrongKey)
	case f.KDF == nil && v.passphrase != nil:
		return nil, catalog.Errorf("vault.needs_key_file", "path", v.Path(), "key", keyName).Wrapping(ErrWrongKey)
	case f.KDF != nil:
		if c.valid && c.kdf == *f.KDF {
			return c.key, nil
		}
		key, err := f.KDF.derive(v.passphrase)
		if err != nil {
			return nil, err
		}
		c.key, c.kdf, c.valid = key, *f.KDF, true
		return key, nil
	default:
		if c.valid && c.kdf == (kdfParams{}) {
			return c.key, nil
		}
		key, err := loadKeyFile(v.keyPath(), create)
		if err != nil {
			return nil, err
		}
		c.key, c.kdf, c.valid = key, kdfParams{}, true
		return key, nil
	}
}
