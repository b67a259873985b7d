package vault

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"
)

// canary is a secret value that must never show up in any error or output.
const canary = "CANARY-s3cr3t-9f8e7d"

// fastKDF keeps passphrase tests quick; the default parameters are exercised
// by TestDefaultKDF.
var fastKDF = kdfParams{Name: "argon2id", Time: 1, MemoryKiB: 8 * 1024, Threads: 1}

type mode struct {
	name string
	open func(t *testing.T, dir string) *Vault
}

var modes = []mode{
	{"keyfile", func(t *testing.T, dir string) *Vault { return mustOpen(t, dir) }},
	{"passphrase", func(t *testing.T, dir string) *Vault {
		v := mustOpen(t, dir, WithPassphrase([]byte("correct horse battery staple")))
		v.kdf = fastKDF
		return v
	}},
}

func mustOpen(t *testing.T, dir string, opts ...Option) *Vault {
	t.Helper()
	v, err := Open(dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// noCanary fails the test if err or s mentions the canary secret.
func noCanary(t *testing.T, err error) {
	t.Helper()
	if err != nil && strings.Contains(fmt.Sprintf("%v %+v %#v", err, err, err), canary) {
		t.Fatalf("error reveals the secret value: %v", err)
	}
}

func TestRoundTrip(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := testdir.New(t)
			v := m.open(t, dir)
			if list, err := v.List(); err != nil || len(list) != 0 {
				t.Fatalf("List of a new vault = %v, %v; want empty", list, err)
			}
			want := map[string]string{
				"netgsm.password":                 canary,
				"SMTP_PASS":                       "päss wörd ğüşıöç\n\x00 with spaces",
				"empty":                           "",
				"long-" + strings.Repeat("x", 59): strings.Repeat("v", 10000),
			}
			before := time.Now().Add(-time.Second)
			for name, val := range want {
				if err := v.Set(name, val); err != nil {
					t.Fatalf("Set(%q): %v", name, err)
				}
			}
			if err := v.Set("netgsm.password", "replaced"); err != nil {
				t.Fatal(err)
			}
			want["netgsm.password"] = "replaced"

			// A second Vault on the same directory reads what the first wrote.
			v2 := m.open(t, dir)
			for name, val := range want {
				got, err := v2.Get(name)
				if err != nil || got != val {
					t.Errorf("Get(%q) = %q, %v; want %q", name, got, err, val)
				}
			}
			list, err := v2.List()
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != len(want) {
				t.Fatalf("List = %d entries, want %d", len(list), len(want))
			}
			for i, e := range list {
				if _, ok := want[e.Name]; !ok || e.Updated.Before(before) || e.Updated.After(time.Now().Add(time.Second)) {
					t.Errorf("List()[%d] = %+v", i, e)
				}
				if i > 0 && list[i-1].Name >= e.Name {
					t.Errorf("List not sorted: %q before %q", list[i-1].Name, e.Name)
				}
			}

			if err := v2.Delete("empty"); err != nil {
				t.Fatal(err)
			}
			_, err = v.Get("empty")
			if !errors.Is(err, ErrNotFound) {
				t.Fatalf("Get after Delete: %v, want ErrNotFound", err)
			}
			if err := v.Delete("empty"); !errors.Is(err, ErrNotFound) {
				t.Fatalf("second Delete: %v, want ErrNotFound", err)
			}
		})
	}
}

func TestNotFoundHint(t *testing.T) {
	dir := testdir.New(t)
	v := mustOpen(t, dir)
	for _, when := range []string{"no vault yet", "vault without the name"} {
		_, err := v.Get("netgsm.password")
		if !errors.Is(err, ErrNotFound) {
			t.Fatalf("%s: Get = %v, want ErrNotFound", when, err)
		}
		if want := "run `akinsoft-connector secrets set netgsm.password`"; !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %q lacks the hint %q", when, err, want)
		}
		if err := v.Set("other", "x"); err != nil {
			t.Fatal(err)
		}
	}
}

func TestOpenEmptyPassphrase(t *testing.T) {
	_, err := Open(testdir.New(t), WithPassphrase(nil))
	if err == nil || !strings.Contains(err.Error(), "passphrase is empty") {
		t.Fatalf("Open with an empty passphrase: %v", err)
	}
}

func TestOpenMissingDir(t *testing.T) {
	_, err := Open(filepath.Join(testdir.New(t), "nope"))
	if err == nil || !strings.Contains(err.Error(), "create the directory") {
		t.Fatalf("Open of a missing directory: %v", err)
	}
}

func TestInvalidNames(t *testing.T) {
	v := mustOpen(t, testdir.New(t))
	for _, name := range []string{"", "has space", "a/b", `a\b`, "ünicode", "x=y", strings.Repeat("a", 65), "${secret:x}"} {
		if err := v.Set(name, canary); !errors.Is(err, ErrInvalidName) {
			t.Errorf("Set(%q) = %v, want ErrInvalidName", name, err)
		}
		if _, err := v.Get(name); !errors.Is(err, ErrInvalidName) {
			t.Errorf("Get(%q) = %v, want ErrInvalidName", name, err)
		}
		if err := v.Delete(name); !errors.Is(err, ErrInvalidName) {
			t.Errorf("Delete(%q) = %v, want ErrInvalidName", name, err)
		}
	}
	if _, err := os.Stat(v.Path()); !os.IsNotExist(err) {
		t.Errorf("invalid names created the vault file: %v", err)
	}
}

// TestTamperEveryByte flips each byte of the file in turn: every flip must
// make Get, List and Set fail with ErrTampered or ErrWrongKey, never return
// another value, and never mention the secret.
func TestTamperEveryByte(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			dir := testdir.New(t)
			v := m.open(t, dir)
			for _, name := range []string{"a", "canary"} {
				if err := v.Set(name, canary); err != nil {
					t.Fatal(err)
				}
			}
			orig, err := os.ReadFile(v.Path())
			if err != nil {
				t.Fatal(err)
			}
			for i := range orig {
				data := bytes.Clone(orig)
				data[i] ^= 0x01
				if err := os.WriteFile(v.Path(), data, 0o600); err != nil {
					t.Fatal(err)
				}
				got, err := v.Get("canary")
				if !errors.Is(err, ErrTampered) && !errors.Is(err, ErrWrongKey) {
					t.Fatalf("byte %d (%q) flipped: Get = %q, %v; want ErrTampered or ErrWrongKey", i, orig[i], got, err)
				}
				noCanary(t, err)
				if _, err := v.List(); err == nil {
					t.Fatalf("byte %d flipped: List succeeded", i)
				}
				if err := v.Set("new", "x"); err == nil {
					t.Fatalf("byte %d flipped: Set over a damaged vault succeeded", i)
				}
			}
			if err := os.WriteFile(v.Path(), orig, 0o600); err != nil {
				t.Fatal(err)
			}
			if got, err := v.Get("canary"); err != nil || got != canary {
				t.Fatalf("restored file: Get = %v", err)
			}
		})
	}
}

func TestTruncatedAndGarbageFiles(t *testing.T) {
	dir := testdir.New(t)
	v := mustOpen(t, dir)
	if err := v.Set("canary", canary); err != nil {
		t.Fatal(err)
	}
	orig, _ := os.ReadFile(v.Path())
	for name, data := range map[string][]byte{
		"empty":     {},
		"truncated": orig[:len(orig)/2],
		"appended":  append(bytes.Clone(orig), `{"format":"x"}`...),
		"not json":  []byte("hello"),
		"extra key": bytes.Replace(orig, []byte(`{"format"`), []byte(`{"x":1,"format"`), 1),
	} {
		if err := os.WriteFile(v.Path(), data, 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := v.Get("canary")
		if !errors.Is(err, ErrTampered) {
			t.Errorf("%s: Get = %v, want ErrTampered", name, err)
		}
		noCanary(t, err)
	}
}

func TestWrongKey(t *testing.T) {
	dir := testdir.New(t)
	v := mustOpen(t, dir)
	if err := v.Set("canary", canary); err != nil {
		t.Fatal(err)
	}
	// Replace the key file with another machine's key.
	other := testdir.New(t)
	if err := mustOpen(t, other).Set("x", "y"); err != nil {
		t.Fatal(err)
	}
	otherKey, err := os.ReadFile(filepath.Join(other, keyName))
	if err != nil {
		t.Fatal(err)
	}
	if err := writeFileAtomic(filepath.Join(dir, keyName), otherKey); err != nil {
		t.Fatal(err)
	}
	fresh := mustOpen(t, dir)
	got, err := fresh.Get("canary")
	if !errors.Is(err, ErrWrongKey) || got != "" {
		t.Fatalf("Get with another key = %q, %v; want ErrWrongKey", got, err)
	}
	noCanary(t, err)
	if err := fresh.Set("canary", "overwrite"); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("Set with another key = %v; want ErrWrongKey", err)
	}

	// A missing key file is a wrong key too, with a hint.
	if err := os.Remove(filepath.Join(dir, keyName)); err != nil {
		t.Fatal(err)
	}
	_, err = mustOpen(t, dir).Get("canary")
	if !errors.Is(err, ErrWrongKey) || !strings.Contains(err.Error(), "is missing") {
		t.Fatalf("Get without key file = %v; want ErrWrongKey saying it is missing", err)
	}
}

func TestWrongPassphrase(t *testing.T) {
	dir := testdir.New(t)
	v := mustOpen(t, dir, WithPassphrase([]byte("right")))
	v.kdf = fastKDF
	if err := v.Set("canary", canary); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, keyName)); !os.IsNotExist(err) {
		t.Errorf("passphrase mode wrote a key file: %v", err)
	}
	tests := []struct {
		name string
		opts []Option
		hint string
	}{
		{"wrong passphrase", []Option{WithPassphrase([]byte("wrong"))}, "does not open"},
		{"no passphrase", nil, "set AKINSOFT_CONNECTOR_VAULT_PASSPHRASE"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mustOpen(t, dir, tt.opts...).Get("canary")
			if !errors.Is(err, ErrWrongKey) || got != "" || !strings.Contains(err.Error(), tt.hint) {
				t.Fatalf("Get = %q, %v; want ErrWrongKey mentioning %q", got, err, tt.hint)
			}
			noCanary(t, err)
		})
	}

	// A key-file vault refuses a passphrase rather than silently ignoring it.
	kdir := testdir.New(t)
	if err := mustOpen(t, kdir).Set("canary", canary); err != nil {
		t.Fatal(err)
	}
	_, err := mustOpen(t, kdir, WithPassphrase([]byte("right"))).Get("canary")
	if !errors.Is(err, ErrWrongKey) || !strings.Contains(err.Error(), "unset AKINSOFT_CONNECTOR_VAULT_PASSPHRASE") {
		t.Fatalf("passphrase on a key-file vault: %v", err)
	}
}

// TestPassphraseVaultMoves copies a passphrase vault to another directory
// (another machine) and opens it there with the passphrase alone.
func TestPassphraseVaultMoves(t *testing.T) {
	src, dst := testdir.New(t), testdir.New(t)
	v := mustOpen(t, src, WithPassphrase([]byte("pass")))
	v.kdf = fastKDF
	if err := v.Set("canary", canary); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(v.Path())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, fileName), data, 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := mustOpen(t, dst, WithPassphrase([]byte("pass"))).Get("canary")
	if err != nil || got != canary {
		t.Fatalf("moved vault: Get = %v", err)
	}
}

func TestDefaultKDF(t *testing.T) {
	dir := testdir.New(t)
	if err := mustOpen(t, dir, WithPassphrase([]byte("pass"))).Set("a", "b"); err != nil {
		t.Fatal(err)
	}
	f, err := readVaultFile(filepath.Join(dir, fileName))
	if err != nil {
		t.Fatal(err)
	}
	want := defaultKDF
	want.Salt = f.KDF.Salt
	if *f.KDF != want || len(f.KDF.Salt) != 32 {
		t.Fatalf("kdf header = %+v, want %+v with a 16-byte salt", *f.KDF, want)
	}
	if got, err := mustOpen(t, dir, WithPassphrase([]byte("pass"))).Get("a"); err != nil || got != "b" {
		t.Fatalf("Get = %q, %v", got, err)
	}
}

// TestNameBoundAsAD moves ciphertexts between names and re-seals the file
// with the right key, so only the per-entry associated data can notice.
func TestNameBoundAsAD(t *testing.T) {
	dir := testdir.New(t)
	v := mustOpen(t, dir)
	if err := v.Set("smtp.password", canary); err != nil {
		t.Fatal(err)
	}
	if err := v.Set("webhook.token", "public-ish"); err != nil {
		t.Fatal(err)
	}
	key, err := loadKeyFile(filepath.Join(dir, keyName), false)
	if err != nil {
		t.Fatal(err)
	}
	edits := map[string]func(f *vaultFile){
		"swap values": func(f *vaultFile) {
			a, b := f.Entries["smtp.password"], f.Entries["webhook.token"]
			a.Sealed, b.Sealed = b.Sealed, a.Sealed
			f.Entries["smtp.password"], f.Entries["webhook.token"] = a, b
		},
		"change time": func(f *vaultFile) {
			e := f.Entries["webhook.token"]
			e.Updated = e.Updated.Add(time.Nanosecond)
			f.Entries["webhook.token"] = e
		},
	}
	for name, edit := range edits {
		t.Run(name, func(t *testing.T) {
			f, err := readVaultFile(v.Path())
			if err != nil {
				t.Fatal(err)
			}
			orig, _ := f.marshal()
			edit(f)
			if f.Seal, err = f.computeSeal(key); err != nil {
				t.Fatal(err)
			}
			data, _ := f.marshal()
			if err := os.WriteFile(v.Path(), data, 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := v.Get("webhook.token")
			if !errors.Is(err, ErrTampered) || got != "" {
				t.Fatalf("Get after %s = %q, %v; want ErrTampered", name, got, err)
			}
			noCanary(t, err)
			if err := os.WriteFile(v.Path(), orig, 0o600); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestFreshNonces(t *testing.T) {
	dir := testdir.New(t)
	v := mustOpen(t, dir)
	seen := map[string]bool{}
	for i := range 3 {
		for _, name := range []string{"a", "b"} {
			if err := v.Set(name, canary); err != nil {
				t.Fatal(err)
			}
			f, err := readVaultFile(v.Path())
			if err != nil {
				t.Fatal(err)
			}
			s := f.Entries[name].Sealed
			if seen[string(s[:nonceSize])] {
				t.Fatalf("round %d: nonce reused for %q", i, name)
			}
			seen[string(s[:nonceSize])] = true
		}
	}
	data, _ := os.ReadFile(v.Path())
	if bytes.Contains(data, []byte(canary)) || bytes.Contains(data, []byte(fmt.Sprintf("%x", canary))) {
		t.Fatal("the vault file contains the plain secret")
	}
}

// TestFormattingHidesSecrets prints a used Vault with every common verb.
func TestFormattingHidesSecrets(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			v := m.open(t, testdir.New(t))
			if err := v.Set("canary", canary); err != nil {
				t.Fatal(err)
			}
			if _, err := v.Get("canary"); err != nil {
				t.Fatal(err)
			}
			key := fmt.Sprintf("%x", v.cache.key)
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%X", "%d", "%q"} {
				for _, arg := range []any{v, *v} {
					out := fmt.Sprintf(verb, arg)
					if strings.Contains(out, key) || strings.Contains(out, canary) || strings.Contains(out, "correct horse") || strings.Contains(strings.ToLower(out), strings.ToLower(key[:8])) {
						t.Errorf("Sprintf(%q, %T) reveals a secret: %s", verb, arg, out)
					}
				}
			}
			listed, err := v.List()
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.Marshal(listed)
			if strings.Contains(fmt.Sprintf("%+v %s", listed, b), canary) {
				t.Error("List output reveals the secret")
			}
		})
	}
}
