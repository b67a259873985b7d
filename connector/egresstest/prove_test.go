//go:build linux

package egresstest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/http"
	"net/mail"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// prove checks the day's capture: the rules, the markers, the audit.
func prove(t *testing.T, ctx context.Context, dir, file string, out *outside, erp *shopERP, bin, config string) {
	t.Helper()
	frames := readFrames(t, file, out.Keylog)
	v := newRules(append(slices.Clone(providers), epERP)).check(frames)
	for _, e := range append(slices.Clone(providers), epERP, epDNS) {
		if f := v.Flows[e.Name]; f == nil || f.Packets == 0 {
			t.Errorf("the capture holds no traffic to %s: the day did not use it", e.Name)
		}
	}
	for _, s := range v.Violations {
		t.Errorf("egress violation: %s", s)
	}
	asked := map[string]bool{}
	for _, q := range out.DNS.Asked() {
		asked[q] = true
	}
	for q := range v.DNSNames {
		if !asked[strings.ToLower(q)] {
			t.Errorf("the capture shows a DNS question for %s the DNS server never got", q)
		}
	}
	for q := range asked {
		if v.DNSNames[q] == 0 {
			t.Errorf("the DNS server was asked for %s but the capture does not show it", q)
		}
	}

	// Decrypt every TLS connection with the fakes' key log.
	var tlsStreams []int
	streamOf := map[int]string{}
	for _, e := range providers {
		if f := v.Flows[e.Name]; f != nil {
			tlsStreams = append(tlsStreams, f.Streams...)
			for _, s := range f.Streams {
				streamOf[s] = e.Name
			}
		}
	}
	streams := followTLS(t, file, out.Keylog, tlsStreams)
	var empty []int
	for _, s := range tlsStreams {
		if st := streams[s]; st == nil || len(st.Sent) == 0 {
			empty = append(empty, s)
		}
	}
	// Go's HTTP transport may dial a connection for a request that another
	// connection, freed meanwhile, then carries; the new one is kept idle
	// and may never carry a byte. Such a connection is fine when its
	// handshake decrypts and nothing follows it (so nothing in it was
	// hidden from the search).
	unused := unusedTLS(t, file, out.Keylog, tlsStreams)
	for _, s := range tlsStreams {
		// The check is not blind: a connection that carried a request is
		// never taken for an unused one.
		if st := streams[s]; st != nil && len(st.Sent) > 0 && unused[s] {
			t.Errorf("TLS connection %d to %s carried %d bytes but the unused-connection check calls it unused", s, streamOf[s], len(st.Sent))
		}
	}
	for _, s := range empty {
		if unused[s] {
			t.Logf("TLS connection %d to %s was opened and never used", s, streamOf[s])
		} else {
			t.Errorf("TLS connection %d to %s could not be decrypted from the capture", s, streamOf[s])
		}
	}

	leaks := findMarkers(erp.allMarkers(), frames, streams, out.received())
	for _, l := range leaks {
		t.Errorf("an ERP value no template uses left the machine: %s", l)
	}
	// The search is not blind: every message the outbox says went out is
	// in the decrypted capture, the webhook's among them, rendered from the
	// very rows (SELECT C.*) that held the markers. (The ERP's answers are
	// under Firebird's own wire encryption, on by default, so the capture
	// cannot show the markers arriving.)
	var decrypted []byte
	for _, st := range streams {
		decrypted = append(decrypted, st.Sent...)
	}
	r := readRendered(t, ctx, filepath.Join(dir, "state", "outbox.db"))
	found := 0
	for _, text := range r.sent {
		if bytes.Contains(decrypted, []byte(text)) {
			found++
		} else {
			t.Errorf("the rendered message %q is not in the decrypted capture", text)
		}
	}

	problems, checked := contentCheck(out, r)
	for _, p := range problems {
		t.Errorf("a provider got more than a message: %s", p)
	}

	rows, listing := auditListing(t, bin, config)
	writeFile(t, filepath.Join(dir, "audit.txt"), []byte(listing))
	acc := compareAudit(t, rows, v, streams, streamOf)
	// The day's faults, as the connector's own audit tells them.
	for _, want := range []struct{ host, outcome string }{{epNetGSM.Host, "http 503"}, {epWhatsApp.Host, "http 500"}, {epSMTP.Host, "421"}} {
		if !slices.ContainsFunc(rows, func(r auditRow) bool { return r.Host == want.host && strings.HasPrefix(r.Outcome, want.outcome) }) {
			t.Errorf("the audit shows no %q from %s: the day's fault did not happen", want.outcome, want.host)
		}
	}
	var kinds []string
	for k, n := range checked {
		kinds = append(kinds, fmt.Sprintf("  %-45s %5d fields\n", k, n))
	}
	sort.Strings(kinds)
	acc += fmt.Sprintf("requests read field by field (%d problems):\n%s", len(problems), strings.Join(kinds, ""))

	summary := v.Summary() + acc + fmt.Sprintf("ERP relay carried %d bytes from the connector\n", out.ERPBytes.Load()) +
		fmt.Sprintf("markers planted: %d; found in requests, headers, decrypted or raw capture: %d\n", len(erp.allMarkers()), len(leaks)) +
		fmt.Sprintf("SMS and webhook texts the outbox sent, found in the decrypted capture: %d of %d\n", found, len(r.sent))
	writeFile(t, filepath.Join(dir, "summary.txt"), []byte(summary))
	t.Logf("capture summary (%s):\n%s", file, summary)
}

// findMarkers looks for every planted value in: each request as its
// provider recorded it (e-mail bodies decoded from their MIME transfer
// encoding), each TLS connection as tshark decrypted it, and the payload of
// every packet the connector sent (DNS, the ERP's protocol, TLS records).
func findMarkers(marks []string, frames []frame, streams map[int]*stream, recs []record) []string {
	type place struct {
		where string
		data  []byte
	}
	var places []place
	for i, r := range recs {
		places = append(places, place{fmt.Sprintf("request %d to %s", i, r.Provider), r.Data})
		if r.Provider == "smtp" {
			places = append(places, place{fmt.Sprintf("decoded e-mail %d", i), decodeMail(r.Data)})
		}
	}
	for i, s := range streams {
		places = append(places, place{fmt.Sprintf("decrypted TLS connection %d", i), s.Sent})
		places = append(places, place{fmt.Sprintf("decoded e-mail in TLS connection %d", i), decodeMail(smtpData(s.Sent))})
	}
	var raw []byte
	for _, f := range frames {
		if f.Src == connectorAddr {
			raw = append(raw, f.Payload...)
		}
	}
	places = append(places, place{"the payload of the packets the connector sent", raw})
	var leaks []string
	for _, p := range places {
		for _, m := range marks {
			if bytes.Contains(p.data, []byte(m)) {
				leaks = append(leaks, fmt.Sprintf("%q in %s", m, p.where))
			}
		}
	}
	return leaks
}

// smtpData is the text after the DATA command of an SMTP session.
func smtpData(session []byte) []byte {
	_, after, ok := bytes.Cut(session, []byte("\r\nDATA\r\n"))
	if !ok {
		return nil
	}
	body, _, _ := bytes.Cut(after, []byte("\r\n.\r\n"))
	return body
}

// decodeMail returns an e-mail's header and every part's body decoded from
// base64 or quoted-printable, so a value cannot hide in the encoding.
func decodeMail(data []byte) []byte {
	if i := bytes.Index(data, []byte("\n\n")); i >= 0 && !bytes.Contains(data[:i], []byte(":")) {
		data = data[i+2:] // our own envelope lines (received())
	}
	if _, after, ok := bytes.Cut(data, []byte("RCPT TO:")); ok {
		if _, rest, ok := bytes.Cut(after, []byte("\n\n")); ok {
			data = rest
		}
	}
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	var out bytes.Buffer
	dec := new(mime.WordDecoder)
	for k, vs := range m.Header {
		for _, v := range vs {
			d, err := dec.DecodeHeader(v)
			if err != nil {
				d = v
			}
			fmt.Fprintf(&out, "%s: %s\n", k, d)
		}
	}
	decodePart(&out, m.Header.Get("Content-Type"), m.Header.Get("Content-Transfer-Encoding"), m.Body)
	return out.Bytes()
}

func decodePart(out *bytes.Buffer, ctype, cte string, body io.Reader) {
	mt, params, _ := mime.ParseMediaType(ctype)
	if strings.HasPrefix(mt, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			p, err := mr.NextRawPart()
			if err != nil {
				return
			}
			decodePart(out, p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p)
		}
	}
	switch strings.ToLower(cte) {
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, &lineJoiner{r: bufio.NewReader(body)})
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	}
	io.Copy(out, body)
	out.WriteByte('\n')
}

// lineJoiner drops line breaks from base64 text.
type lineJoiner struct{ r *bufio.Reader }

func (l *lineJoiner) Read(p []byte) (int, error) {
	n := 0
	for n < len(p) {
		b, err := l.r.ReadByte()
		if err != nil {
			if n > 0 {
				return n, nil
			}
			return 0, err
		}
		if b != '\r' && b != '\n' {
			p[n] = b
			n++
		}
	}
	return n, nil
}

// wireRequest is one HTTP request read back from a decrypted connection.
type wireRequest struct {
	Host, Path   string
	Header, Body int // bytes of request line + headers, of body
}

// httpRequests reads the HTTP/1.1 requests a decrypted connection carried.
func httpRequests(sent []byte) ([]wireRequest, error) {
	var out []wireRequest
	r := bufio.NewReader(bytes.NewReader(sent))
	for {
		head, err := readHead(r)
		if err == io.EOF && len(head) == 0 {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(head)))
		if err != nil {
			return out, err
		}
		body, err := io.ReadAll(io.LimitReader(r, req.ContentLength))
		if err != nil || int64(len(body)) != req.ContentLength {
			return out, fmt.Errorf("a request body was cut: %d of %d bytes", len(body), req.ContentLength)
		}
		out = append(out, wireRequest{Host: req.Host, Path: req.URL.Path, Header: len(head), Body: len(body)})
	}
}

// readHead reads up to and including the blank line ending a request head.
func readHead(r *bufio.Reader) ([]byte, error) {
	var head []byte
	for {
		line, err := r.ReadBytes('\n')
		head = append(head, line...)
		if err != nil {
			return head, err
		}
		if len(line) <= 2 && strings.TrimSpace(string(line)) == "" {
			return head, nil
		}
	}
}

// compareAudit matches the connector's audit listing with the capture,
// endpoint by endpoint: the same number of requests, the same body sizes,
// and the wire bytes no more than HTTP heads and TLS add (see tolerance).
func compareAudit(t *testing.T, rows []auditRow, v verdict, streams map[int]*stream, streamOf map[int]string) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "audit vs capture:\n%-10s %9s %9s %12s %12s %12s %12s\n", "ENDPOINT", "AUDIT REQ", "WIRE REQ", "AUDIT BYTES", "WIRE BODIES",
		"TLS PLAIN", "TCP PAYLOAD")
	byHost := map[string][]auditRow{}
	for _, r := range rows {
		byHost[r.Host] = append(byHost[r.Host], r)
		if _, ok := endpointOfHost(r.Host); !ok {
			t.Errorf("the audit lists a request to %s, which is no test endpoint", r.Host)
		}
	}
	for _, e := range providers {
		fl := v.Flows[e.Name]
		if fl == nil {
			continue
		}
		audit := byHost[e.Host]
		var auditBytes []int
		for _, r := range audit {
			auditBytes = append(auditBytes, r.BytesOut)
		}
		plain, sessions := 0, 0
		var wire []int
		for _, s := range fl.Streams {
			st := streams[s]
			if st == nil {
				continue
			}
			plain += len(st.Sent)
			if e == epSMTP {
				// One connection per e-mail; one the server deferred
				// before DATA carries no message.
				sessions++
				if d := smtpData(st.Sent); d != nil {
					wire = append(wire, len(d))
				}
				continue
			}
			reqs, err := httpRequests(st.Sent)
			if err != nil {
				t.Errorf("connection %d to %s: %v", s, e.Name, err)
			}
			for _, r := range reqs {
				if r.Host != e.Host {
					t.Errorf("a request to %s carried Host %q", e.Name, r.Host)
				}
				wire = append(wire, r.Body)
			}
		}
		requests := len(wire)
		if e == epSMTP {
			requests = sessions
			auditBytes = nil
			for _, r := range audit {
				if r.Outcome == "250 accepted" {
					auditBytes = append(auditBytes, r.BytesOut)
				}
			}
		}
		sort.Ints(auditBytes)
		sort.Ints(wire)
		fmt.Fprintf(&b, "%-10s %9d %9d %12d %12d %12d %12d\n", e.Name, len(audit), requests, sum(auditBytes), sum(wire), plain, fl.Payload)
		if len(audit) != requests || len(auditBytes) != len(wire) {
			t.Errorf("%s: the audit lists %d requests (%d with a body), the capture holds %d (%d)", e.Name, len(audit), len(auditBytes), requests, len(wire))
			continue
		}
		if e == epSMTP {
			// The audit counts an e-mail's subject and text; on the wire they
			// are MIME-encoded inside headers: at least as many bytes, at most
			// what base64 or quoted-printable (3×) and the headers (2 KiB) make.
			for i := range wire {
				if wire[i] < auditBytes[i] || wire[i] > 3*auditBytes[i]+2048 {
					t.Errorf("smtp: e-mail of %d bytes on the wire, the audit says %d", wire[i], auditBytes[i])
				}
			}
		} else if !slices.Equal(auditBytes, wire) {
			t.Errorf("%s: request bodies in the audit %v, on the wire %v", e.Name, auditBytes, wire)
		}
		// What TLS adds: per connection a handshake (at most 2 KiB from the
		// client), per record a header and tag (at most 40 bytes; a request
		// of up to 16 KiB is one record).
		if overhead := fl.Payload - plain; overhead < 0 || overhead > fl.Conns*2048+len(wire)*4*40 {
			t.Errorf("%s: %d bytes of TCP payload for %d bytes of TLS plaintext over %d connections", e.Name, fl.Payload, plain, fl.Conns)
		}
	}
	fmt.Fprintf(&b, "(request bodies match exactly for HTTPS; an e-mail's audit size is subject+text, its wire size the MIME message)\n")
	return b.String()
}

func sum(v []int) int {
	n := 0
	for _, x := range v {
		n += x
	}
	return n
}
