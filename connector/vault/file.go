package vault

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

const formatV1 = "akinsoft-connector-vault/1"

const (
	keySize   = 32 // AES-256
	nonceSize = 12 // GCM standard nonce
)

// hexBytes is hex rather than JSON's default base64 because base64's unused
// padding bits would let some edits decode to identical bytes; with hex every
// changed character either changes the value or is rejected.
type hexBytes []byte

func (h hexBytes) MarshalText() ([]byte, error) {
	out := make([]byte, hex.EncodedLen(len(h)))
	hex.Encode(out, h)
	return out, nil
}

func (h *hexBytes) UnmarshalText(text []byte) error {
	b := make([]byte, hex.DecodedLen(len(text)))
	n, err := hex.Decode(b, text)
	if err != nil {
		return err
	}
	*h = b[:n]
	return nil
}

type entry struct {
	Updated time.Time `json:"updated"`
	Sealed  hexBytes  `json:"sealed"`
}

type vaultFile struct {
	Format   string           `json:"format"`
	KDF      *kdfParams       `json:"kdf,omitempty"`
	KeyCheck hexBytes         `json:"keycheck"`
	Entries  map[string]entry `json:"entries"`
	Seal     hexBytes         `json:"seal"`
}

func (f *vaultFile) marshal() ([]byte, error) {
	data, err := json.Marshal(f)
	if err != nil {
		return nil, fmt.Errorf("encode vault: %w", err)
	}
	return append(data, '\n'), nil
}

// sealAD is what the file-wide seal authenticates: everything but the seal.
// encoding/json sorts map keys, so the encoding is canonical.
func (f *vaultFile) sealAD() ([]byte, error) {
	return json.Marshal(struct {
		Format   string           `json:"format"`
		KDF      *kdfParams       `json:"kdf,omitempty"`
		KeyCheck hexBytes         `json:"keycheck"`
		Entries  map[string]entry `json:"entries"`
	}{f.Format, f.KDF, f.KeyCheck, f.Entries})
}

func (f *vaultFile) computeSeal(key []byte) (hexBytes, error) {
	ad, err := f.sealAD()
	if err != nil {
		return nil, fmt.Errorf("encode vault: %w", err)
	}
	return seal(key, nil, ad)
}

var keyCheckAD = []byte(formatV1 + " keycheck")

func sealKeyCheck(key []byte) (hexBytes, error) { return seal(key, nil, keyCheckAD) }

// verify tells a key that does not fit (ErrWrongKey) from a file that was
// changed after it was written (ErrTampered).
func (f *vaultFile) verify(key []byte, path string) error {
	if _, err := open(key, f.KeyCheck, keyCheckAD); err != nil {
		return catalog.Errorf("vault.key_does_not_open", "path", path).Wrapping(ErrWrongKey)
	}
	ad, err := f.sealAD()
	if err != nil {
		return fmt.Errorf("%w: %s: %v", ErrTampered, path, err)
	}
	if _, err := open(key, f.Seal, ad); err != nil {
		return catalog.Errorf("vault.seal_mismatch", "path", path).Wrapping(ErrTampered)
	}
	return nil
}

func entryAD(name string, updated time.Time) []byte {
	return []byte(formatV1 + "\x00" + name + "\x00" + updated.UTC().Format(time.RFC3339Nano))
}

func sealEntry(key []byte, name string, plain []byte, now time.Time) (entry, error) {
	updated := now.UTC().Round(0)
	sealed, err := seal(key, plain, entryAD(name, updated))
	if err != nil {
		return entry{}, err
	}
	return entry{Updated: updated, Sealed: sealed}, nil
}

func openEntry(key []byte, name string, e entry) ([]byte, error) {
	plain, err := open(key, e.Sealed, entryAD(name, e.Updated))
	if err != nil {
		return nil, catalog.Errorf("vault.secret_damaged", "name", strconv.Quote(name), "raw", name).Wrapping(ErrTampered)
	}
	return plain, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("vault cipher: %w", err)
	}
	return cipher.NewGCM(block)
}

// seal returns nonce||ciphertext||tag with a fresh random nonce.
func seal(key, plain, ad []byte) (hexBytes, error) {
	gcm, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	nonce := make([]byte, nonceSize, nonceSize+len(plain)+gcm.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("vault nonce: %w", err)
	}
	return gcm.Seal(nonce, nonce, plain, ad), nil
}

// open's error carries no detail on purpose: callers say what failed.
func open(key, sealed, ad []byte) ([]byte, error) {
	gcm, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	if len(sealed) < nonceSize+gcm.Overhead() {
		return nil, errors.New("sealed data too short")
	}
	return gcm.Open(nil, sealed[:nonceSize], sealed[nonceSize:], ad)
}

// readVaultFile returns nil, nil when the file does not exist.
func readVaultFile(path string) (*vaultFile, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read vault: %w", err)
	}
	var f vaultFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, catalog.Errorf("vault.not_vault", "path", path, "err", err).Wrapping(ErrTampered)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, catalog.Errorf("vault.trailing", "path", path).Wrapping(ErrTampered)
	}
	if f.Format != formatV1 {
		return nil, fmt.Errorf("%w: %s has format %q, want %q", ErrTampered, path, f.Format, formatV1)
	}
	if f.Entries == nil {
		return nil, fmt.Errorf("%w: %s has no entries field", ErrTampered, path)
	}
	return &f, nil
}

// writeFileAtomic replaces path so that readers see the old or the new
// contents, never a mix, and the new contents survive a crash once it returns.
// The temp file is created private (see createPrivate) so the data is never
// readable by others, not even briefly.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	var tmp *os.File
	for range 10 {
		suffix := make([]byte, 8)
		if _, err := rand.Read(suffix); err != nil {
			return err
		}
		name := filepath.Join(dir, "."+filepath.Base(path)+"."+hex.EncodeToString(suffix)+".tmp")
		tmp, err = createPrivate(name)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	return syncDir(dir)
}
