//go:build linux

package egresstest

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// capture is tcpdump on the connector's one link, writing a pcap file.
type capture struct {
	File   string
	cmd    *exec.Cmd
	stderr bytes.Buffer
}

// startCapture starts tcpdump inside namespace ns on link and returns once it
// is listening, so nothing the connector sends afterwards is missed.
func startCapture(t *testing.T, ns, link, file string) *capture {
	t.Helper()
	c := &capture{File: file}
	c.cmd = exec.Command("ip", "netns", "exec", ns, "tcpdump", "-i", link, "-n", "-U", "-s", "0", "-w", file)
	pr, pw := io.Pipe()
	c.cmd.Stderr = pw
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(pr)
		once := false
		for sc.Scan() {
			c.stderr.WriteString(sc.Text() + "\n")
			if !once && strings.Contains(sc.Text(), "listening on") {
				once = true
				close(ready)
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(20 * time.Second):
		c.cmd.Process.Kill()
		t.Fatalf("tcpdump did not start: %s", c.stderr.String())
	}
	t.Cleanup(func() {
		if c.cmd.ProcessState == nil {
			c.cmd.Process.Kill()
			c.cmd.Wait()
		}
		pw.Close()
	})
	return c
}

// Stop ends tcpdump and checks it dropped nothing.
func (c *capture) Stop(t *testing.T) {
	t.Helper()
	time.Sleep(500 * time.Millisecond) // the last packets of closing connections
	c.cmd.Process.Signal(syscall.SIGINT)
	c.cmd.Wait()
	time.Sleep(100 * time.Millisecond)
	if s := c.stderr.String(); !regexp.MustCompile(`(?m)^0 packets dropped by kernel$`).MatchString(s) {
		t.Errorf("tcpdump may have missed packets: %s", s)
	}
}

// frame is one captured frame as tshark decodes it.
type frame struct {
	No        int
	Time      float64
	Len       int
	EthType   string
	ARPOp     string
	ARPSrc    string
	ARPTarget string
	Src, Dst  netip.Addr
	Proto     string // ip.proto
	Stream    int    // tcp.stream, -1 if none
	SrcPort   int
	DstPort   int
	SYN, ACK  bool
	TCPLen    int
	DNSQuery  []string
	DNSReply  bool
	SNI       string
	ICMPType  string
	Payload   []byte // TCP or UDP payload as captured (encrypted where TLS)
}

var frameFields = []string{"frame.number", "frame.time_epoch", "frame.len", "eth.type", "arp.opcode", "arp.src.proto_ipv4",
	"arp.dst.proto_ipv4", "ip.src", "ip.dst", "ip.proto", "tcp.stream", "tcp.srcport", "tcp.dstport", "tcp.flags.syn",
	"tcp.flags.ack", "tcp.len", "udp.srcport", "udp.dstport", "dns.qry.name", "dns.flags.response",
	"tls.handshake.extensions_server_name", "icmp.type", "tcp.payload", "udp.payload"}

// tsharkArgs decode the test's ports as what runs there: TLS on 465 too.
func tsharkArgs(file, keylog string, extra ...string) []string {
	args := []string{"-r", file, "-n", "-d", "tcp.port==465,tls", "-o", "tls.keylog_file:" + keylog}
	return append(args, extra...)
}

// readFrames decodes the capture with tshark.
func readFrames(t *testing.T, file, keylog string) []frame {
	t.Helper()
	args := tsharkArgs(file, keylog, "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=,")
	for _, f := range frameFields {
		args = append(args, "-e", f)
	}
	out, err := exec.Command("tshark", args...).Output()
	if err != nil {
		t.Fatalf("tshark: %v", err)
	}
	var frames []frame
	for line := range strings.Lines(string(out)) {
		v := strings.Split(strings.TrimRight(line, "\n"), "\t")
		if len(v) < len(frameFields) {
			t.Fatalf("tshark printed %d fields, not %d: %q", len(v), len(frameFields), line)
		}
		atoi := func(s string) int {
			s, _, _ = strings.Cut(s, ",")
			n, err := strconv.Atoi(s)
			if err != nil {
				return -1
			}
			return n
		}
		addr := func(s string) netip.Addr {
			a, _ := netip.ParseAddr(s)
			return a
		}
		f := frame{No: atoi(v[0]), Len: atoi(v[2]), EthType: v[3], ARPOp: v[4], ARPSrc: v[5], ARPTarget: v[6],
			Src: addr(v[7]), Dst: addr(v[8]), Proto: v[9], Stream: atoi(v[10]), SYN: v[13] == "1", ACK: v[14] == "1",
			TCPLen: max(atoi(v[15]), 0), DNSReply: v[19] == "1", SNI: v[20], ICMPType: v[21]}
		f.Time, _ = strconv.ParseFloat(v[1], 64)
		f.SrcPort, f.DstPort = atoi(v[11]), atoi(v[12])
		if f.SrcPort < 0 {
			f.SrcPort, f.DstPort = atoi(v[16]), atoi(v[17])
		}
		if v[18] != "" {
			f.DNSQuery = strings.Split(v[18], ",")
		}
		for _, p := range []string{v[22], v[23]} {
			if b, err := hex.DecodeString(strings.ReplaceAll(p, ":", "")); err == nil {
				f.Payload = append(f.Payload, b...)
			}
		}
		frames = append(frames, f)
	}
	return frames
}

// stream is one TLS connection's decrypted bytes, each direction in order.
type stream struct {
	Index     int
	Sent, Got []byte // by the connector, to it
}

// followTLS decrypts the given TCP streams with tshark (from the key log the
// fakes wrote: the connector itself is not asked for anything).
func followTLS(t *testing.T, file, keylog string, indexes []int) map[int]*stream {
	t.Helper()
	out := map[int]*stream{}
	for len(indexes) > 0 {
		n := min(len(indexes), 100)
		args := tsharkArgs(file, keylog, "-q")
		for _, i := range indexes[:n] {
			args = append(args, "-z", fmt.Sprintf("follow,tls,raw,%d", i))
		}
		indexes = indexes[n:]
		b, err := exec.Command("tshark", args...).Output()
		if err != nil {
			t.Fatalf("tshark follow: %v", err)
		}
		parseFollow(t, b, out)
	}
	return out
}

// unusedTLS returns which of the streams are TLS connections the
// connector opened and never used: its Finished message shows (only a
// capture decrypted with the key log shows it) and it sent no application
// data after that frame.
func unusedTLS(t *testing.T, file, keylog string, indexes []int) map[int]bool {
	t.Helper()
	out := map[int]bool{}
	if len(indexes) == 0 {
		return out
	}
	var in []string
	for _, i := range indexes {
		in = append(in, strconv.Itoa(i))
	}
	from := fmt.Sprintf("tcp.stream in {%s} && ip.src == %s", strings.Join(in, ","), connectorAddr)
	frames := func(filter string) map[int][]int { // stream → frame numbers
		b, err := exec.Command("tshark", tsharkArgs(file, keylog, "-Y", filter, "-T", "fields", "-e", "tcp.stream", "-e", "frame.number")...).Output()
		if err != nil {
			t.Fatalf("tshark %q: %v", filter, err)
		}
		m := map[int][]int{}
		for line := range strings.Lines(string(b)) {
			f := strings.Fields(line)
			if len(f) != 2 {
				continue
			}
			s, err1 := strconv.Atoi(f[0])
			n, err2 := strconv.Atoi(f[1])
			if err1 == nil && err2 == nil {
				m[s] = append(m[s], n)
			}
		}
		return m
	}
	finished := frames(from + " && tls.handshake.type == 20")
	// Application data after the Finished (not the close_notify alert a
	// connection closed while idle sends): a record whose decrypted type is
	// application data, or one that did not decrypt at all.
	payload := frames(from + " && (tls.record.content_type == 23 || (tls.record.opaque_type == 23 && !tls.record.content_type))")
	for s, fin := range finished {
		used := false
		for _, n := range payload[s] {
			used = used || n > fin[0]
		}
		out[s] = !used
	}
	return out
}

// parseFollow reads tshark's "follow,tls,raw" blocks: a filter line naming
// the stream, the two nodes, then hex lines, the second node's indented by a
// tab. Which node is the connector is read from the node lines (tshark 4.0
// names the server first for TLS).
func parseFollow(t *testing.T, b []byte, into map[int]*stream) {
	t.Helper()
	var cur *stream
	var node0, node1 []byte
	var node0Addr netip.AddrPort
	flush := func() {
		if cur == nil {
			return
		}
		if node0Addr.Addr() == connectorAddr {
			cur.Sent, cur.Got = node0, node1
		} else {
			cur.Sent, cur.Got = node1, node0
		}
		cur, node0, node1 = nil, nil, nil
	}
	for line := range strings.Lines(string(b)) {
		line = strings.TrimRight(line, "\n")
		switch {
		case strings.HasPrefix(line, "Filter: tcp.stream eq "):
			flush()
			i, _ := strconv.Atoi(strings.TrimPrefix(line, "Filter: tcp.stream eq "))
			cur = &stream{Index: i}
			into[i] = cur
		case cur == nil, strings.HasPrefix(line, "==="), strings.HasPrefix(line, "Follow:"):
		case strings.HasPrefix(line, "Node 0: "):
			node0Addr, _ = netip.ParseAddrPort(strings.TrimPrefix(line, "Node 0: "))
		case strings.HasPrefix(line, "Node 1: "):
		case strings.HasPrefix(line, "\t"):
			d, err := hex.DecodeString(strings.TrimSpace(line))
			if err != nil {
				t.Fatalf("tshark follow: %q: %v", line, err)
			}
			node1 = append(node1, d...)
		case line != "":
			d, err := hex.DecodeString(line)
			if err != nil {
				t.Fatalf("tshark follow: %q: %v", line, err)
			}
			node0 = append(node0, d...)
		}
	}
	flush()
}

// writeFile is os.WriteFile for test artefacts.
func writeFile(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
