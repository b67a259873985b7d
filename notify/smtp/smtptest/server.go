// Package smtptest runs a real SMTP server in-process (github.com/emersion/go-smtp)
// with STARTTLS or implicit TLS, AUTH PLAIN, and replies a test can inject
// (421, 450, 550 5.1.1, 535, ...) at each stage.
package smtptest

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Stage is where an injected reply is given.
type Stage string

const (
	StageAuth Stage = "auth"
	StageMail Stage = "mail"
	StageRcpt Stage = "rcpt"
	StageData Stage = "data"
)

// Mail is one accepted message.
type Mail struct {
	From string
	To   []string
	Data []byte
}

// Server is the in-process SMTP server.
type Server struct {
	Host     string // 127.0.0.1
	Port     int
	CA       *x509.CertPool // trust this to verify the server
	User     string
	Password string

	srv *smtp.Server
	mu  sync.Mutex
	got []Mail
	inj map[Stage][]*smtp.SMTPError
	// dropAfterData closes the connection after a message was read and
	// stored, before the reply: the client cannot know it was accepted.
	dropAfterData int
}

// New starts a server; implicit selects 465-style TLS from the first byte,
// otherwise STARTTLS is offered (and required for AUTH).
func New(implicit bool) (*Server, error) { return start(implicit, true) }

// NewWithoutTLS starts a server that offers no STARTTLS at all (and allows
// AUTH in plain text): the downgrade a client must refuse.
func NewWithoutTLS() (*Server, error) { return start(false, false) }

func start(implicit, withTLS bool) (*Server, error) {
	cert, pool, err := selfSigned()
	if err != nil {
		return nil, err
	}
	s := &Server{Host: "127.0.0.1", CA: pool, User: "magaza@example.com", Password: "secret", inj: map[Stage][]*smtp.SMTPError{}}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &session{s: s, c: c}, nil }))
	s.srv.Domain = "localhost"
	s.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	if !withTLS {
		s.srv.TLSConfig, s.srv.AllowInsecureAuth = nil, true
	}
	s.srv.ReadTimeout, s.srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	if implicit {
		l = tls.NewListener(l, &tls.Config{Certificates: []tls.Certificate{cert}})
	}
	s.Port = l.Addr().(*net.TCPAddr).Port
	go s.srv.Serve(l)
	return s, nil
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Inject makes the next n commands at stage fail with the reply.
func (s *Server) Inject(stage Stage, code int, enhanced [3]int, msg string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.inj[stage] = append(s.inj[stage], &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode(enhanced), Message: msg})
	}
}

// DropAfterData makes the next n messages be stored but never answered.
func (s *Server) DropAfterData(n int) {
	s.mu.Lock()
	s.dropAfterData += n
	s.mu.Unlock()
}

// Mails returns the accepted messages.
func (s *Server) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.got...)
}

func (s *Server) take(st Stage) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if q := s.inj[st]; len(q) > 0 {
		s.inj[st] = q[1:]
		return q[0]
	}
	return nil
}

type session struct {
	s    *Server
	c    *smtp.Conn
	auth bool
	cur  Mail
}

func (x *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if err := x.s.take(StageAuth); err != nil {
			return err
		}
		if user != x.s.User || pass != x.s.Password {
			return smtp.ErrAuthFailed
		}
		x.auth = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if !x.auth {
		return smtp.ErrAuthRequired
	}
	if err := x.s.take(StageMail); err != nil {
		return err
	}
	x.cur = Mail{From: from}
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if err := x.s.take(StageRcpt); err != nil {
		return err
	}
	x.cur.To = append(x.cur.To, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := x.s.take(StageData); err != nil {
		return err
	}
	x.cur.Data = b
	x.s.mu.Lock()
	x.s.got = append(x.s.got, x.cur)
	drop := x.s.dropAfterData > 0
	if drop {
		x.s.dropAfterData--
	}
	x.s.mu.Unlock()
	if drop {
		x.c.Conn().Close()
		return errors.New("dropped")
	}
	return nil
}

func (x *session) Reset()        { x.cur = Mail{} }
func (x *session) Logout() error { return nil }

func selfSigned() (tls.Certificate, *x509.CertPool, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "smtptest"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, DNSNames: []string{"localhost"},
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true, IsCA: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, nil, err
	}
	c, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, pool, nil
}
