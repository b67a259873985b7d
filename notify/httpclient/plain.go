package httpclient

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// ErrPlainHTTP is returned when plain http would leave this machine: it
// carries the customer's data unencrypted, so only a loopback address may
// receive it.
var ErrPlainHTTP = errors.New("egress refused: plain http goes only to this machine")

// LookupFunc resolves a host name to its addresses.
type LookupFunc func(ctx context.Context, host string) ([]netip.Addr, error)

// CheckURL parses raw as an endpoint the client may post to: https to any
// host, plain http only to this machine (a loopback address literal such as
// 127.0.0.1 or [::1], or localhost). The URL is parsed, never matched as
// text: http://127.0.0.1@elsewhere.example/ names the host
// elsewhere.example, and http://127.0.0.1.elsewhere.example/ is a name
// anyone can register. User info is refused outright: it hides the host
// from a reader and puts a password in the config's plain text.
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return nil, &URLError{mapping.R(ReasonURLInvalid).WithDetail(err.Error())}
	}
	switch {
	case u.Scheme != "https" && u.Scheme != "http":
		return nil, &URLError{mapping.R(ReasonURLScheme, "scheme", strconv.Quote(u.Scheme))}
	case u.User != nil:
		return nil, &URLError{mapping.R(ReasonURLUserInfo, "host", strconv.Quote(u.Hostname()))}
	case u.Hostname() == "":
		return nil, &URLError{mapping.R(ReasonURLNoHost)}
	case u.Scheme == "http" && !loopbackHost(u.Hostname()):
		return nil, &URLError{mapping.R(ReasonURLPlainRemote, "host", strconv.Quote(u.Hostname()))}
	}
	return u, nil
}

// URLError says why CheckURL refused a URL; its reason is a catalog key,
// Error the English text.
type URLError struct{ Reason mapping.Reason }

func (e *URLError) Error() string { return catalog.EN.Reason(e.Reason) }

// loopbackHost reports whether host is a loopback address literal or
// localhost. Other names are refused even when they resolve to a loopback
// address today: the answer is someone else's to change.
func loopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}

// loopbackOnly is the dialer of plain http: it dials only loopback
// addresses. A name (localhost) is resolved here and every address must be
// loopback; the address is then dialled itself, so a second DNS answer
// cannot point the connection elsewhere.
func loopbackOnly(dial DialContextFunc, lookup LookupFunc) DialContextFunc {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, fmt.Errorf("%w: %s", ErrPlainHTTP, addr)
		}
		var addrs []netip.Addr
		if a, err := netip.ParseAddr(host); err == nil {
			addrs = []netip.Addr{a}
		} else if strings.EqualFold(host, "localhost") {
			if addrs, err = lookup(ctx, host); err != nil {
				return nil, err
			}
		} else {
			return nil, fmt.Errorf("%w: %s is not a loopback address", ErrPlainHTTP, host)
		}
		if len(addrs) == 0 {
			return nil, fmt.Errorf("%w: %s has no address", ErrPlainHTTP, host)
		}
		for _, a := range addrs {
			if !a.Unmap().IsLoopback() {
				return nil, fmt.Errorf("%w: %s resolves to %s, which is not a loopback address", ErrPlainHTTP, host, a)
			}
		}
		return dial(ctx, network, net.JoinHostPort(addrs[0].Unmap().String(), port))
	}
}

func lookupNetIP(ctx context.Context, host string) ([]netip.Addr, error) {
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// refused reports whether err is a connection the client refused to make.
func refused(err error) bool { return errors.Is(err, ErrEgressDenied) || errors.Is(err, ErrPlainHTTP) }
