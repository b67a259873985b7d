package httpclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
)

// ErrEgressDenied is returned when a request or connection targets a host
// that is not one of the configured provider hosts.
var ErrEgressDenied = errors.New("egress refused: host is not a configured provider host")

// Allowlist is the set of hosts this process may connect to for one channel.
// It is checked at dial time, so no redirect, proxy setting or URL trick can
// reach another host: raw data only ever goes to the host the config names.
type Allowlist struct {
	hosts []string // lower-case host names or IP literals, no port
}

// NewAllowlist builds an allowlist from host names, URLs or host:port forms.
func NewAllowlist(hosts ...string) *Allowlist {
	a := &Allowlist{}
	for _, h := range hosts {
		if h = HostOf(h); h != "" && !slices.Contains(a.hosts, h) {
			a.hosts = append(a.hosts, h)
		}
	}
	return a
}

// HostOf returns the bare lower-case host of a URL, host:port or host.
func HostOf(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "://") {
		if u, err := url.Parse(s); err == nil {
			return strings.ToLower(u.Hostname())
		}
	}
	if h, _, err := net.SplitHostPort(s); err == nil {
		return strings.ToLower(h)
	}
	return strings.ToLower(strings.Trim(s, "[]"))
}

// Hosts returns the allowed hosts.
func (a *Allowlist) Hosts() []string { return slices.Clone(a.hosts) }

// Allowed reports whether addr (host or host:port) may be reached.
func (a *Allowlist) Allowed(addr string) bool {
	return a != nil && slices.Contains(a.hosts, HostOf(addr))
}

// Check returns ErrEgressDenied, wrapped with the host, for addresses outside
// the list.
func (a *Allowlist) Check(addr string) error {
	if a.Allowed(addr) {
		return nil
	}
	return fmt.Errorf("%w: %s (allowed: %s)", ErrEgressDenied, HostOf(addr), strings.Join(a.Hosts(), ", "))
}

// DialContextFunc is the signature of net.Dialer.DialContext.
type DialContextFunc func(ctx context.Context, network, addr string) (net.Conn, error)

// Dialer wraps dial so that only allowed hosts are dialled. SMTP uses it too.
func (a *Allowlist) Dialer(dial DialContextFunc) DialContextFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		if err := a.Check(addr); err != nil {
			return nil, err
		}
		return dial(ctx, network, addr)
	}
}
