//go:build linux

package egresstest

import (
	"fmt"
	"net/netip"
	"slices"
	"sort"
	"strings"
)

// rules is what may leave the connector's namespace: TCP to the endpoints,
// DNS questions to the DNS server naming provider hosts, and the ARP that
// finds those addresses on the link. Anything else the connector sends is a
// violation, whatever it is.
type rules struct {
	tcp   map[netip.AddrPort]string // allowed destination → endpoint name
	names []string                  // host names the DNS may be asked about
	dns   netip.AddrPort
}

func newRules(eps []endpoint) rules {
	r := rules{tcp: map[netip.AddrPort]string{}, dns: epDNS.AddrPort()}
	for _, e := range eps {
		r.tcp[e.AddrPort()] = e.Name
		if e.Host != "" {
			r.names = append(r.names, e.Host)
		}
	}
	return r
}

// flow is what one endpoint got from the connector.
type flow struct {
	Name           string
	Conns, Packets int
	Bytes, Payload int // frame bytes; TCP or UDP payload bytes
	Streams        []int
	SNI            []string
	Queries        int // DNS only
}

// verdict is the capture checked against the rules.
type verdict struct {
	Frames     int // frames the connector sent
	Flows      map[string]*flow
	DNSNames   map[string]int
	ARP        int
	Violations []string
}

// check classifies every frame the connector's end of the link sent.
func (r rules) check(frames []frame) verdict {
	v := verdict{Flows: map[string]*flow{}, DNSNames: map[string]int{}}
	get := func(name string) *flow {
		if v.Flows[name] == nil {
			v.Flows[name] = &flow{Name: name}
		}
		return v.Flows[name]
	}
	allowedAddr := map[netip.Addr]bool{r.dns.Addr(): true}
	for ap := range r.tcp {
		allowedAddr[ap.Addr()] = true
	}
	bad := func(f frame, format string, args ...any) {
		v.Violations = append(v.Violations, fmt.Sprintf("frame %d: ", f.No)+fmt.Sprintf(format, args...))
	}
	for _, f := range frames {
		switch {
		case f.ARPOp != "":
			if f.ARPSrc != connectorAddr.String() {
				continue // the outside asking for us
			}
			v.Frames++
			v.ARP++
			target, _ := netip.ParseAddr(f.ARPTarget)
			if f.ARPOp == "1" && !allowedAddr[target] {
				bad(f, "ARP asks for %s, which is no provider's, the DNS server's or the ERP's address (off-link traffic goes through the gateway)", f.ARPTarget)
			}
		case f.Src == connectorAddr:
			v.Frames++
			dst := netip.AddrPortFrom(f.Dst, uint16(max(f.DstPort, 0)))
			switch f.Proto {
			case "6": // TCP
				name, ok := r.tcp[dst]
				if !ok {
					bad(f, "TCP to %s, which is no configured provider's address and port nor the ERP's", dst)
					continue
				}
				fl := get(name)
				fl.Packets++
				fl.Bytes += f.Len
				fl.Payload += f.TCPLen
				if f.SYN && !f.ACK {
					fl.Conns++
					fl.Streams = append(fl.Streams, f.Stream)
				}
				if f.SNI != "" && !slices.Contains(fl.SNI, f.SNI) {
					fl.SNI = append(fl.SNI, f.SNI)
				}
			case "17": // UDP
				if dst != r.dns {
					bad(f, "UDP to %s: only DNS to the configured resolver %s may leave", dst, r.dns)
					continue
				}
				fl := get(epDNS.Name)
				fl.Packets++
				fl.Bytes += f.Len
				fl.Payload += len(f.Payload)
				if f.DNSReply || len(f.DNSQuery) == 0 {
					bad(f, "a UDP packet to the resolver that is not a DNS question")
					continue
				}
				for _, q := range f.DNSQuery {
					fl.Queries++
					v.DNSNames[q]++
					if !slices.Contains(r.names, strings.ToLower(q)) {
						bad(f, "DNS question for %q, which is no configured provider host", q)
					}
				}
			case "1": // ICMP: the kernel answering a late packet for a socket already closed
				if f.ICMPType != "3" || !allowedAddr[f.Dst] {
					bad(f, "ICMP type %s to %s", f.ICMPType, f.Dst)
				}
				get("icmp (port unreachable to an allowed address)").Packets++
			default:
				bad(f, "IP protocol %s to %s", f.Proto, f.Dst)
			}
		case f.EthType != "" && f.EthType != "0x0800" && f.EthType != "0x0806":
			bad(f, "a frame of ethertype %s", f.EthType)
		}
	}
	// A name looked up but never connected to, or a TLS name that is not
	// the host the connection's address belongs to, would mean the address
	// was reached under another name.
	for _, e := range providers {
		if fl := v.Flows[e.Name]; fl != nil {
			for _, sni := range fl.SNI {
				if sni != e.Host {
					v.Violations = append(v.Violations, fmt.Sprintf("TLS to %s (%s) asked for the name %q", e.Name, e.AddrPort(), sni))
				}
			}
		}
	}
	return v
}

// Summary is the capture in a few lines: per endpoint, connections,
// packets and bytes the connector sent; the DNS names asked; violations.
func (v verdict) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "frames sent by the connector: %d (ARP %d)\n", v.Frames, v.ARP)
	fmt.Fprintf(&b, "%-16s %-22s %6s %8s %10s %10s  %s\n", "ENDPOINT", "ADDRESS", "CONNS", "PACKETS", "BYTES", "PAYLOAD", "TLS NAME")
	var names []string
	for n := range v.Flows {
		names = append(names, n)
	}
	sort.Strings(names)
	addrOf := map[string]string{}
	for _, e := range append(slices.Clone(providers), epERP, epDNS) {
		addrOf[e.Name] = e.AddrPort().String()
	}
	for _, n := range names {
		f := v.Flows[n]
		fmt.Fprintf(&b, "%-16s %-22s %6d %8d %10d %10d  %s\n", n, addrOf[n], f.Conns, f.Packets, f.Bytes, f.Payload, strings.Join(f.SNI, ","))
	}
	var dns []string
	for n, c := range v.DNSNames {
		dns = append(dns, fmt.Sprintf("%s ×%d", n, c))
	}
	sort.Strings(dns)
	fmt.Fprintf(&b, "DNS questions: %s\n", strings.Join(dns, ", "))
	fmt.Fprintf(&b, "violations: %d\n", len(v.Violations))
	for _, s := range v.Violations {
		fmt.Fprintf(&b, "  %s\n", s)
	}
	return b.String()
}
