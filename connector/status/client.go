package status

import (
	"crypto/tls"
	"crypto/x509"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strings"

	"golang.org/x/net/idna"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

// deviceCookie marks a browser the admin logged in from (see throttle.go).
const deviceCookie = "akc_device"

// client is who sends r: its trusted device, or else its address. The
// address is the connection's own; a header such as X-Forwarded-For is
// anyone's to write.
func (s *Server) client(r *http.Request) client {
	if c, err := r.Cookie(deviceCookie); err == nil {
		if id, ok := s.guard.device(c.Value); ok {
			return client{key: "device:" + id, trusted: true}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	return client{key: "ip:" + host}
}

func (s *Server) validDevice(v string) bool {
	_, ok := s.guard.device(v)
	return ok
}

// hostAllowed reports whether a request's Host header names this server:
// an IP address (a page cannot rebind an address), localhost, this
// computer's name, or one of Options.Hosts.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.ToLower(strings.Trim(host, "[]")), ".")
	if host == "" {
		return false
	}
	if _, err := netip.ParseAddr(host); err == nil {
		return true
	}
	if host == "localhost" {
		return true
	}
	for _, h := range s.hosts {
		if host == h {
			return true
		}
	}
	return false
}

// allowedHosts are the names hostAllowed accepts, lower-case.
func allowedHosts(extra []string) []string {
	var out []string
	if name, err := os.Hostname(); err == nil && name != "" {
		name = strings.ToLower(name)
		out = append(out, name)
		if short, _, ok := strings.Cut(name, "."); ok {
			out = append(out, short)
		}
	}
	for _, h := range extra {
		// A browser sends a name with Turkish letters as punycode.
		if a, err := idna.Lookup.ToASCII(h); err == nil {
			h = a
		}
		out = append(out, strings.TrimSuffix(strings.ToLower(h), "."))
	}
	return out
}

// text renders a catalog entry in the page's language.
func (s *Server) text(r *http.Request, key catalog.Key, args ...any) string {
	return catalog.M(key, args...).In(catalog.Lang(s.lang(r).Code))
}

// errText is err in the page's language when it has a text of its own (a
// catalog error), else as it is.
func (s *Server) errText(r *http.Request, err error) string {
	if l, ok := err.(catalog.Localized); ok {
		return l.In(catalog.Lang(s.lang(r).Code))
	}
	return err.Error()
}

// TLSNames are the DNS names of the configured TLS certificate: the names
// the page is reached by when it speaks TLS, for Options.Hosts.
func TLSNames(cfg config.Status) []string {
	if cfg.TLSCert == "" {
		return nil
	}
	cert, err := tls.LoadX509KeyPair(string(cfg.TLSCert), string(cfg.TLSKey))
	if err != nil || len(cert.Certificate) == 0 {
		return nil // Listen reports it
	}
	leaf, err := x509.ParseCertificate(cert.Certificate[0])
	if err != nil {
		return nil
	}
	return leaf.DNSNames
}
