package smtptest

import (
	"crypto/tls"
	"net"
	"time"

	"github.com/emersion/go-smtp"
)

// Serve runs the server on l, speaking implicit TLS (port 465's way) with tc:
// for a test that owns the listener (another address or network namespace)
// and the certificate (its own CA, a key log). CA is left nil: the caller
// knows what it trusts.
func Serve(l net.Listener, tc *tls.Config) *Server {
	s := &Server{Host: l.Addr().(*net.TCPAddr).IP.String(), Port: l.Addr().(*net.TCPAddr).Port, User: "magaza@example.com",
		Password: "secret", inj: map[Stage][]*smtp.SMTPError{}}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &session{s: s, c: c}, nil }))
	s.srv.Domain = "localhost"
	s.srv.TLSConfig = tc
	s.srv.ReadTimeout, s.srv.WriteTimeout = 10*time.Second, 10*time.Second
	go s.srv.Serve(tls.NewListener(l, tc))
	return s
}
