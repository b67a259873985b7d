//go:build linux

package egresstest

import (
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// requireEnv turns a skipped egress test into a failed one; make test sets it.
const requireEnv = "AKINSOFT_REQUIRE_NETNS"

const howToRun = "run as root with iproute2, tcpdump and tshark installed: sudo make egress (make test runs it too)"

// needTools skips the test (or fails it under make test) where namespaces
// cannot be made or the capture tools are missing.
func needTools(t *testing.T) {
	t.Helper()
	var missing []string
	if os.Geteuid() != 0 {
		missing = append(missing, "root")
	}
	for _, tool := range []string{"ip", "tcpdump", "tshark"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) == 0 {
		return
	}
	msg := fmt.Sprintf("the egress test needs %s; %s", strings.Join(missing, ", "), howToRun)
	if os.Getenv(requireEnv) == "1" {
		t.Fatalf("%s (%s=1 forbids skipping it)", msg, requireEnv)
	}
	t.Skip(msg)
}

// The test network. 198.18.0.0/15 is set aside for network tests (RFC 2544):
// nothing real lives there, and the outside namespace has no link further.
var (
	connectorAddr = netip.MustParseAddr("198.18.7.2")
	gatewayAddr   = netip.MustParseAddr("198.18.7.1") // the outside end; the connector's default route
	dnsAddr       = netip.MustParseAddr("198.18.7.53")
	erpAddr       = netip.MustParseAddr("198.18.7.10")
)

const erpPort = 3050

// network is the pair of namespaces: the connector's and the outside one
// holding the providers, the DNS server and the ERP.
type network struct {
	Connector, Outside string // namespace names
	Link               string // the connector's end of the veth pair
	etc                string // /etc/netns/<connector>: resolv.conf and hosts seen inside
}

// newNetwork makes the two namespaces and the one link between them. The
// connector's side gets a default route through the link, so whatever the
// program tries to reach, it crosses the captured link and ends in the
// outside namespace, which forwards nothing. IPv6 is off in both so the
// capture holds only what the test can classify.
func newNetwork(t *testing.T, outside []netip.Addr) *network {
	t.Helper()
	id := os.Getpid() % 100000
	n := &network{Connector: fmt.Sprintf("akeg-c%d", id), Outside: fmt.Sprintf("akeg-o%d", id), Link: fmt.Sprintf("akc%d", id)}
	peer := fmt.Sprintf("ako%d", id)
	n.etc = filepath.Join("/etc/netns", n.Connector)
	cleanup := func() {
		exec.Command("ip", "netns", "del", n.Connector).Run()
		exec.Command("ip", "netns", "del", n.Outside).Run()
		os.RemoveAll(n.etc)
	}
	cleanup() // a run killed before its cleanup
	t.Cleanup(cleanup)
	cmds := [][]string{
		{"ip", "netns", "add", n.Connector},
		{"ip", "netns", "add", n.Outside},
		{"ip", "link", "add", n.Link, "netns", n.Connector, "type", "veth", "peer", "name", peer, "netns", n.Outside},
	}
	for _, ns := range []string{n.Connector, n.Outside} {
		cmds = append(cmds,
			[]string{"ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1",
				"net.ipv4.ip_forward=0"},
			[]string{"ip", "-n", ns, "link", "set", "lo", "up"})
	}
	cmds = append(cmds,
		[]string{"ip", "-n", n.Connector, "addr", "add", connectorAddr.String() + "/24", "dev", n.Link},
		[]string{"ip", "-n", n.Connector, "link", "set", n.Link, "up"},
		[]string{"ip", "-n", n.Connector, "route", "add", "default", "via", gatewayAddr.String()},
		[]string{"ip", "-n", n.Outside, "link", "set", peer, "up"},
		[]string{"ip", "-n", n.Outside, "addr", "add", gatewayAddr.String() + "/24", "dev", peer})
	for _, a := range outside {
		cmds = append(cmds, []string{"ip", "-n", n.Outside, "addr", "add", a.String() + "/24", "dev", peer})
	}
	for _, c := range cmds {
		if out, err := exec.Command(c[0], c[1:]...).CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", strings.Join(c, " "), err, out)
		}
	}
	// ip netns exec mounts these over /etc/resolv.conf and /etc/hosts for
	// the connector: its only resolver is the test's DNS server, and no
	// provider name is answered from a file.
	if err := os.MkdirAll(n.etc, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(n.etc, "resolv.conf"), []byte("nameserver "+dnsAddr.String()+"\noptions timeout:1 attempts:2\n"), 0o644)
	os.WriteFile(filepath.Join(n.etc, "hosts"), []byte("127.0.0.1 localhost\n"), 0o644)
	return n
}

// in runs f with the calling goroutine's thread inside namespace ns: sockets
// f opens (listeners) belong to ns for their whole life, while the rest of
// the test process stays where it was. The thread is returned to its own
// namespace before it is released; if that fails it is never reused (the
// runtime ends a thread left locked when its goroutine exits).
func in(ns string, f func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		self, err := os.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", unix.Gettid()))
		if err != nil {
			errc <- err
			return
		}
		defer self.Close()
		target, err := os.Open(filepath.Join("/var/run/netns", ns))
		if err != nil {
			errc <- err
			return
		}
		defer target.Close()
		if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("enter namespace %s: %w", ns, err)
			return
		}
		ferr := f()
		if err := unix.Setns(int(self.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("leave namespace %s: %w", ns, err)
			return // the thread stays locked and dies with this goroutine
		}
		runtime.UnlockOSThread()
		errc <- ferr
	}()
	return <-errc
}

// listen opens a TCP listener at addr inside namespace ns.
func listen(ns, addr string) (net.Listener, error) {
	var l net.Listener
	err := in(ns, func() (err error) {
		l, err = net.Listen("tcp4", addr)
		return err
	})
	return l, err
}

// listenUDP opens a UDP socket at addr inside namespace ns.
func listenUDP(ns, addr string) (net.PacketConn, error) {
	var c net.PacketConn
	err := in(ns, func() (err error) {
		c, err = net.ListenPacket("udp4", addr)
		return err
	})
	return c, err
}
