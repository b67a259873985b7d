package status

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// AuthFileName is the file in the state directory holding the admin
// password's bcrypt hash and the API tokens' SHA-256 hashes. It is kept out of
// the config so that the config can be shared when asking for help.
const AuthFileName = "status-auth.json"

// AuthPath is where the credentials live for a state directory.
func AuthPath(stateDir string) string { return filepath.Join(stateDir, AuthFileName) }

// Credentials are the stored secrets of the status page, never in plain text.
type Credentials struct {
	PasswordHash string  `json:"password_hash,omitempty"`
	ViewerHash   string  `json:"viewer_hash,omitempty"` // the read-only login (viewer.go)
	Tokens       []Token `json:"tokens,omitempty"`
}

// Token is a read-only API token for monitoring. Only its hash is kept: the
// token is 32 random bytes, so a fast hash is enough.
type Token struct {
	Name    string    `json:"name"`
	Hash    string    `json:"sha256"`
	Created time.Time `json:"created"`
}

// ErrNoPassword means no admin password has been set yet.
var ErrNoPassword = errors.New("no admin password is set: run `akinsoft-connector admin set-password` on the server")

// LoadCredentials reads the credentials file; a missing file is empty.
func LoadCredentials(path string) (Credentials, error) {
	var c Credentials
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("read the status page credentials %s: %w", path, err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, fmt.Errorf("the status page credentials %s are damaged: %w (delete the file and set the password again)", path, err)
	}
	return c, nil
}

// save writes the file owner-only, through a temporary file so that a crash
// never leaves half a file.
func (c Credentials) save(path string) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return fmt.Errorf("create the state directory: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return fmt.Errorf("write the status page credentials: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write the status page credentials: %w", err)
	}
	return nil
}

// MinPasswordLength is the shortest admin password accepted.
const MinPasswordLength = 10

// SetPassword stores the bcrypt hash of a new admin password.
func SetPassword(path, password string) error {
	if len([]rune(password)) < MinPasswordLength {
		return fmt.Errorf("the password must have at least %d characters", MinPasswordLength)
	}
	if len(password) > 72 {
		return errors.New("the password must be at most 72 bytes (bcrypt ignores the rest)")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return fmt.Errorf("hash the password: %w", err)
	}
	c, err := LoadCredentials(path)
	if err != nil {
		return err
	}
	c.PasswordHash = string(h)
	return c.save(path)
}

// CreateToken adds a read-only API token and returns it; it is shown once.
func CreateToken(path, name string, now time.Time) (string, error) {
	if name == "" {
		return "", errors.New("give the token a name, e.g. the monitoring system that uses it")
	}
	c, err := LoadCredentials(path)
	if err != nil {
		return "", err
	}
	if slices.ContainsFunc(c.Tokens, func(t Token) bool { return t.Name == name }) {
		return "", fmt.Errorf("a token named %q exists: revoke it first or choose another name", name)
	}
	tok := "akc_" + randomString(32)
	c.Tokens = append(c.Tokens, Token{Name: name, Hash: tokenHash(tok), Created: now.UTC()})
	return tok, c.save(path)
}

// RevokeToken removes a token by name.
func RevokeToken(path, name string) error {
	c, err := LoadCredentials(path)
	if err != nil {
		return err
	}
	n := len(c.Tokens)
	c.Tokens = slices.DeleteFunc(c.Tokens, func(t Token) bool { return t.Name == name })
	if len(c.Tokens) == n {
		return fmt.Errorf("no token named %q", name)
	}
	return c.save(path)
}

func tokenHash(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// validToken reports whether tok is one of the stored tokens.
func (c Credentials) validToken(tok string) bool {
	if tok == "" {
		return false
	}
	h := tokenHash(tok)
	ok := false
	for _, t := range c.Tokens {
		if subtle.ConstantTimeCompare([]byte(t.Hash), []byte(h)) == 1 {
			ok = true
		}
	}
	return ok
}

func randomString(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err) // crypto/rand never fails on supported systems
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// Lockout and session limits.
const (
	maxFailures = 5
	lockFor     = 15 * time.Minute
	sessionTTL  = 8 * time.Hour
)

// session is a logged-in browser.
type session struct {
	csrf    string
	expires time.Time
	role    Role
}

// guard holds sessions and the login lockout in memory: a restart logs
// everyone out, which is fine for a page used a few times a month.
type guard struct {
	path string
	now  func() time.Time

	mu          sync.Mutex
	sessions    map[string]session
	failures    int
	lockedUntil time.Time
}

func newGuard(path string, now func() time.Time) *guard {
	return &guard{path: path, now: now, sessions: map[string]session{}}
}

// errLocked is returned while logins are refused after repeated failures.
type errLocked struct{ until time.Time }

func (e errLocked) Error() string { return "too many failed logins" }

var errBadPassword = errors.New("wrong password")

// login checks the password and opens a session. The lockout is global, not
// per address: on loopback every client has the same address anyway.
func (g *guard) login(password string) (id string, s session, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	if now.Before(g.lockedUntil) {
		return "", s, errLocked{g.lockedUntil}
	}
	c, err := LoadCredentials(g.path)
	if err != nil {
		return "", s, err
	}
	if c.PasswordHash == "" {
		return "", s, ErrNoPassword
	}
	role, ok := c.roleFor(password)
	if !ok {
		g.failures++
		if g.failures >= maxFailures {
			g.failures, g.lockedUntil = 0, now.Add(lockFor)
			return "", s, errLocked{g.lockedUntil}
		}
		return "", s, errBadPassword
	}
	g.failures = 0
	id = randomString(32)
	s = session{csrf: randomString(32), expires: now.Add(sessionTTL), role: role}
	g.sessions[id] = s
	for k, v := range g.sessions { // forget expired sessions
		if now.After(v.expires) {
			delete(g.sessions, k)
		}
	}
	return id, s, nil
}

func (g *guard) session(id string) (session, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	s, ok := g.sessions[id]
	if !ok || g.now().After(s.expires) {
		delete(g.sessions, id)
		return session{}, false
	}
	return s, true
}

func (g *guard) logout(id string) {
	g.mu.Lock()
	delete(g.sessions, id)
	g.mu.Unlock()
}

// tokenOK reports whether a bearer token is valid; read errors deny.
func (g *guard) tokenOK(tok string) bool {
	c, err := LoadCredentials(g.path)
	return err == nil && c.validToken(tok)
}

func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
