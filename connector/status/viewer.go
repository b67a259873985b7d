package status

import (
	"fmt"
	"net/http"

	"golang.org/x/crypto/bcrypt"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// Role is what a logged-in browser may do on the page.
type Role int

const (
	// RoleAdmin (the admin password) may retry, cancel and pause.
	RoleAdmin Role = iota
	// RoleViewer (the viewer password, for the shop owner) only reads.
	RoleViewer
)

// SetViewerPassword stores the bcrypt hash of the read-only password: the
// shop owner logs in with it and sees the page without its buttons. It
// must differ from the admin password, or the login could not tell them
// apart.
func SetViewerPassword(path, password string) error {
	if len([]rune(password)) < MinPasswordLength {
		return catalog.Errorf("statusauth.short_password", "n", MinPasswordLength)
	}
	if len(password) > 72 {
		return catalog.Errorf("statusauth.long_password")
	}
	c, err := LoadCredentials(path)
	if err != nil {
		return err
	}
	if c.PasswordHash != "" && bcrypt.CompareHashAndPassword([]byte(c.PasswordHash), []byte(password)) == nil {
		return catalog.Errorf("statusauth.viewer_same")
	}
	h, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	if err != nil {
		return fmt.Errorf("hash the password: %w", err)
	}
	c.ViewerHash = string(h)
	return c.save(path)
}

// RemoveViewerPassword takes the read-only login away.
func RemoveViewerPassword(path string) error {
	c, err := LoadCredentials(path)
	if err != nil {
		return err
	}
	c.ViewerHash = ""
	return c.save(path)
}

// roleFor says which password was given, if any.
func (c Credentials) roleFor(password string) (Role, bool) {
	if bcrypt.CompareHashAndPassword([]byte(c.PasswordHash), []byte(password)) == nil {
		return RoleAdmin, true
	}
	if c.ViewerHash != "" && bcrypt.CompareHashAndPassword([]byte(c.ViewerHash), []byte(password)) == nil {
		return RoleViewer, true
	}
	return 0, false
}

// hashOf is the stored hash of the password that gives role.
func (c Credentials) hashOf(role Role) string {
	if role == RoleViewer {
		return c.ViewerHash
	}
	return c.PasswordHash
}

// adminOnly refuses the viewer's session an action (retry, cancel, pause):
// the page shows the viewer no buttons, this stops a forged form.
func (s *Server) adminOnly(h func(http.ResponseWriter, *http.Request, session)) func(http.ResponseWriter, *http.Request, session) {
	return func(w http.ResponseWriter, r *http.Request, sess session) {
		if sess.role != RoleAdmin {
			http.Error(w, s.lang(r).C("statuspage.viewer_denied"), http.StatusForbidden)
			return
		}
		h(w, r, sess)
	}
}
