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
// shows the capture catches it. Run it with `make egress` (see README).
package egresstest
