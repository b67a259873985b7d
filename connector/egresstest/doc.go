// Package egresstest proves, from outside the program, the connector's first
// promise to a shop: nothing but a rendered message, its recipient and the
// provider's credentials leaves the machine, and only to the configured
// providers.
//
// The test (Linux, root) runs the real connector binary alone in a network
// namespace whose only link leads to a second namespace holding the provider
// fakes (NetGSM, Mutlucell, WhatsApp Cloud API, SMTP, a webhook receiver),
// each over TLS under the production host name with a test CA, a DNS server
// that knows only those names, and the shop's Firebird ERP. Everything the
// connector's namespace puts on that link is captured with tcpdump and read
// back with tshark, independently of the program, and checked:
//
//   - every connection goes to a configured provider's address and port or
//     to the ERP, every DNS query names a configured provider host, and
//     nothing else leaves;
//   - no value of an ERP column the templates did not use (marker values
//     planted in TC_KIMLIK_NO, VERGI_NO, ADRESI_1 and NOTLAR) is in any
//     request, header or packet, decrypted or not;
//   - the connector's own audit listing agrees with the capture, request for
//     request.
//
// A build with -tags egressprobe adds a deliberate stray connection; the test
// shows the capture catches it. Run it with `make egress` (see README);
// AKINSOFT_EGRESS_PROBE=host:port runs the whole day with that build, to see
// the day's own checks fail, and AKINSOFT_EGRESS_DIR keeps the artefacts.
//
// Choices the proof rests on:
//
//   - The fakes are served by the test process itself: it opens their
//     listeners inside the outside namespace (setns on a locked thread), so
//     their request logs are at hand. The connector's namespace has a
//     default route over the link, so anything it tries, wherever to, is on
//     the captured link; the outside namespace forwards nothing.
//   - The ERP is the shared Firebird server on this machine's loopback. The
//     test relays 198.18.7.10:3050 in the outside namespace to it, so on the
//     wire the ERP is one address and port like a server on the shop's
//     network. Firebird's own wire encryption (on by default) hides its
//     rows in the capture; the markers are searched in what was sent.
//   - TLS is decrypted by tshark from the key log the fake servers write; the
//     connector is not asked for anything. The fakes speak HTTP/1.1 so the
//     decrypted bytes read as requests one by one; the client would use
//     HTTP/2 where a provider offers it, which frames the same bytes.
//   - Audit and capture: request counts per host are equal; HTTPS request
//     bodies are equal byte for byte; an e-mail's audit size (subject and
//     text) is at most its MIME form on the wire (quoted-printable or base64
//     triples it at worst, headers add up to 2 KiB); TCP payload minus the
//     decrypted bytes, what TLS adds, is at most 2 KiB per connection for the
//     handshake and 160 bytes per request for record headers and tags.
//   - The inbox reads are in the day and checked like every request, but no
//     customer replies in it; WhatsApp's status webhooks come in, not out,
//     and are not part of it. NetGSM and Mutlucell delivery reports are.
package egresstest
