package status

import (
	"crypto/hmac"
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
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
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
	// DeviceKey signs the cookie of a browser that logged in once: such a
	// browser has a login count of its own (see throttle.go).
	DeviceKey string `json:"device_key,omitempty"`
	// UnlockedAt is when `admin unlock` last cleared the login counts; the
	// running page notices the change.
	UnlockedAt time.Time `json:"unlocked_at,omitzero"`
	// LoginLinks are the unused one-time links of `admin login-link`, by
	// hash.
	LoginLinks []LoginLink `json:"login_links,omitempty"`
}

// LoginLink is a one-time login link: only its hash is kept.
type LoginLink struct {
	Hash    string    `json:"sha256"`
	Expires time.Time `json:"expires"`
}

// Token is a read-only API token for monitoring. Only its hash is kept: the
// token is 32 random bytes, so a fast hash is enough.
type Token struct {
	Name    string    `json:"name"`
	Hash    string    `json:"sha256"`
	Created time.Time `json:"created"`
}

// ErrNoPassword means no admin password has been set yet.
var ErrNoPassword = catalog.Errorf("statusauth.no_password")

// LoadCredentials reads the credentials file; a missing file is empty.
func LoadCredentials(path string) (Credentials, error) {
	var c Credentials
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return c, catalog.Errorf("statusauth.credentials_unreadable", "path", path, "err", err).Wrapping(err)
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return c, catalog.Errorf("statusauth.credentials_damaged", "path", path, "err", err).Wrapping(err)
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
		return catalog.Errorf("statusauth.mkdir_failed", "err", err).Wrapping(err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return catalog.Errorf("statusauth.write_failed", "err", err).Wrapping(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return catalog.Errorf("statusauth.write_failed", "err", err).Wrapping(err)
	}
	return nil
}

// MinPasswordLength is the shortest admin password accepted.
const MinPasswordLength = 10

// SetPassword stores the bcrypt hash of a new admin password.
func SetPassword(path, password string) error {
	if len([]rune(password)) < MinPasswordLength {
		return catalog.Errorf("statusauth.short_password", "n", MinPasswordLength)
	}
	if len(password) > 72 {
		return catalog.Errorf("statusauth.long_password")
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
		return "", catalog.Errorf("statusauth.token_name")
	}
	c, err := LoadCredentials(path)
	if err != nil {
		return "", err
	}
	if slices.ContainsFunc(c.Tokens, func(t Token) bool { return t.Name == name }) {
		return "", catalog.Errorf("statusauth.token_exists", "name", strconv.Quote(name))
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
		return catalog.Errorf("statusauth.no_token", "name", strconv.Quote(name))
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

// sessionTTL is how long a login lasts.
const sessionTTL = 8 * time.Hour

// loginLinkTTL is how long an `admin login-link` link works, once.
const loginLinkTTL = 10 * time.Minute

// session is a logged-in browser.
type session struct {
	csrf    string
	expires time.Time
	// password is the hash the session was opened under (the admin's or
	// the viewer's): a new password ends it.
	password string
	role     Role
}

// guard holds sessions and the login counts in memory: a restart logs
// everyone out, which is fine for a page used a few times a month; a
// config reload hands them to the page it starts (Logins).
type guard struct {
	path string
	now  func() time.Time

	mu       sync.Mutex
	sessions map[string]session
	throttle throttle
	unlocked time.Time // the UnlockedAt last seen in the file
}

func newGuard(path string, now func() time.Time) *guard {
	return &guard{path: path, now: now, sessions: map[string]session{}}
}

// Logins are a page's sessions and failed-login counts. A config reload
// builds a new Server; given the Logins of the one it replaces
// (Options.Logins), the browsers logged in stay so and a guesser's waits
// stand.
type Logins struct{ g *guard }

// Logins are this server's, for the server that replaces it.
func (s *Server) Logins() *Logins { return &Logins{g: s.guard} }

// guardFor is the guard of l for a server on the same credentials file, a
// new one otherwise: sessions opened under another file's passwords are
// not this page's. A password changed in the same file needs nothing here,
// as session ends a session opened under the old one at its next request.
func (l *Logins) guardFor(path string, now func() time.Time) *guard {
	if l == nil || l.g.path != path {
		return newGuard(path, now)
	}
	l.g.mu.Lock()
	l.g.now = now
	l.g.mu.Unlock()
	return l.g
}

// errThrottled is returned while a client must wait after failed logins.
type errThrottled struct{ until time.Time }

func (e errThrottled) Error() string { return "too many failed logins" }

var errBadPassword = errors.New("wrong password")

// load reads the credentials and applies an `admin unlock` given since the
// last read. g.mu is held.
func (g *guard) load() (Credentials, error) {
	c, err := LoadCredentials(g.path)
	if err == nil && !c.UnlockedAt.Equal(g.unlocked) {
		g.unlocked = c.UnlockedAt
		g.throttle.reset()
	}
	return c, err
}

// login checks the password and opens a session. The bcrypt check runs
// under the lock, so parallel attempts are counted one by one.
func (g *guard) login(cl client, password string) (id string, s session, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	c, err := g.load()
	if err != nil {
		return "", s, err
	}
	if until := g.throttle.allowed(cl, now); !until.IsZero() {
		return "", s, errThrottled{until}
	}
	if c.PasswordHash == "" {
		return "", s, ErrNoPassword
	}
	role, ok := c.roleFor(password)
	if !ok {
		g.throttle.failed(cl, now)
		if until := g.throttle.allowed(cl, now); !until.IsZero() {
			return "", s, errThrottled{until}
		}
		return "", s, errBadPassword
	}
	g.throttle.succeeded(cl)
	id, s = g.open(c, role, now)
	return id, s, nil
}

// open starts a session. g.mu is held.
func (g *guard) open(c Credentials, role Role, now time.Time) (string, session) {
	id := randomString(32)
	s := session{csrf: randomString(32), expires: now.Add(sessionTTL), password: c.hashOf(role), role: role}
	g.sessions[id] = s
	for k, v := range g.sessions { // forget expired sessions
		if now.After(v.expires) {
			delete(g.sessions, k)
		}
	}
	return id, s
}

// redeem opens a session for a one-time login link and uses the link up.
func (g *guard) redeem(tok string) (id string, s session, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := g.now()
	c, err := g.load()
	if err != nil {
		return "", s, err
	}
	h, found := tokenHash(tok), -1
	for i, l := range c.LoginLinks {
		if subtle.ConstantTimeCompare([]byte(l.Hash), []byte(h)) == 1 && now.Before(l.Expires) {
			found = i
		}
	}
	if tok == "" || found < 0 {
		return "", s, errBadLink
	}
	c.LoginLinks = slices.Delete(c.LoginLinks, found, found+1)
	if err := c.save(g.path); err != nil {
		return "", s, err
	}
	id, s = g.open(c, RoleAdmin, now)
	return id, s, nil
}

var errBadLink = errors.New("the login link is unknown, used or expired")

func (g *guard) session(id string) (session, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	s, ok := g.sessions[id]
	if !ok || g.now().After(s.expires) {
		delete(g.sessions, id)
		return session{}, false
	}
	// The password may have changed in another process (admin
	// set-password): a session opened under the old one ends.
	if c, err := g.load(); err != nil || c.hashOf(s.role) != s.password {
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

// deviceCookie is the value that marks this browser as one the admin logged
// in from: a random id and its HMAC under the file's device key (created
// on first use).
func (g *guard) deviceCookie() (string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	c, err := g.load()
	if err != nil {
		return "", err
	}
	if c.DeviceKey == "" {
		c.DeviceKey = randomString(32)
		if err := c.save(g.path); err != nil {
			return "", err
		}
	}
	id := randomString(16)
	return id + "." + deviceMAC(c.DeviceKey, id), nil
}

// device returns the id of a trusted-device cookie value, if it is one.
func (g *guard) device(v string) (string, bool) {
	id, mac, ok := strings.Cut(v, ".")
	if !ok || id == "" {
		return "", false
	}
	c, err := LoadCredentials(g.path)
	if err != nil || c.DeviceKey == "" {
		return "", false
	}
	return id, hmac.Equal([]byte(mac), []byte(deviceMAC(c.DeviceKey, id)))
}

func deviceMAC(key, id string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte("device:" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Unlock clears the login counts of the running status page (it reads the
// file at the next attempt), for an admin kept waiting by someone else's
// failures.
func Unlock(path string, now time.Time) error {
	c, err := LoadCredentials(path)
	if err != nil {
		return err
	}
	c.UnlockedAt = now.UTC()
	return c.save(path)
}

// CreateLoginLink returns a token for /login/link that opens one session
// without the password, within loginLinkTTL. Expired links are dropped.
func CreateLoginLink(path string, now time.Time) (string, error) {
	c, err := LoadCredentials(path)
	if err != nil {
		return "", err
	}
	c.LoginLinks = slices.DeleteFunc(c.LoginLinks, func(l LoginLink) bool { return !now.Before(l.Expires) })
	tok := randomString(32)
	c.LoginLinks = append(c.LoginLinks, LoginLink{Hash: tokenHash(tok), Expires: now.Add(loginLinkTTL).UTC()})
	return tok, c.save(path)
}

// tokenOK reports whether a bearer token is valid; read errors deny.
func (g *guard) tokenOK(tok string) bool {
	c, err := LoadCredentials(g.path)
	return err == nil && c.validToken(tok)
}

func sameToken(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
