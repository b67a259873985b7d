//go:build linux

package egresstest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell/mutlucelltest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/smtp/smtptest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/webhook/webhooktest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp/whatsapptest"
)

// endpoint is one place the connector may reach: the one table the config,
// the DNS server, the fakes and the capture's rules are all made from.
type endpoint struct {
	Name string // what the capture summary calls it
	Host string // the configured host name ("" for the ERP, configured by address)
	Addr netip.Addr
	Port int
}

func (e endpoint) AddrPort() netip.AddrPort { return netip.AddrPortFrom(e.Addr, uint16(e.Port)) }

// The NetGSM, Mutlucell and WhatsApp hosts are the providers' real ones:
// the connector's config names none of them (it uses each provider's
// built-in address), the test's DNS answers them with the fakes. The mail
// server and the webhook receiver are the shop's own, named in the config.
var (
	epNetGSM    = endpoint{"netgsm", "api.netgsm.com.tr", netip.MustParseAddr("198.18.7.11"), 443}
	epMutlucell = endpoint{"mutlucell", "smsgw.mutlucell.com", netip.MustParseAddr("198.18.7.12"), 443}
	epWhatsApp  = endpoint{"whatsapp", "graph.facebook.com", netip.MustParseAddr("198.18.7.13"), 443}
	epSMTP      = endpoint{"smtp", "smtp.magaza.test", netip.MustParseAddr("198.18.7.14"), 465}
	epWebhook   = endpoint{"webhook", "hook.magaza.test", netip.MustParseAddr("198.18.7.15"), 443}
	epERP       = endpoint{"erp (firebird)", "", erpAddr, erpPort}
	epDNS       = endpoint{"dns", "", dnsAddr, 53}
	providers   = []endpoint{epNetGSM, epMutlucell, epWhatsApp, epSMTP, epWebhook}
)

// Credentials the fakes expect; distinct so a search can tell them apart.
const (
	netgsmUser, netgsmPassword       = "8501234567", "ngsm-pw-4kT9"
	mutlucellUser, mutlucellPassword = "magaza", "mcell-pw-7Qx2"
	waToken, waPhoneID               = "EAAG-egress-token-9Zr", "106540352242922"
	smtpUser, smtpPassword           = "bildirim@magaza.test", "smtp-pw-3Lm8"
	webhookSecret                    = "whsec-egress-5Np1"
	senderTitle                      = "MAGAZA"
)

// outside is the namespace the connector may talk to: the five provider
// fakes over TLS, the DNS server and a relay to the shop's Firebird server.
type outside struct {
	NetGSM    *netgsmtest.Server
	Mutlucell *mutlucelltest.Server
	WhatsApp  *whatsapptest.Server
	SMTP      *smtptest.Server
	Webhook   *webhooktest.Server
	DNS       *dnsServer
	// Outage makes a provider's HTTPS front answer 503 without asking the
	// fake, as a provider's load balancer does while it is down.
	Outage map[string]*atomic.Bool
	// ERPBytes counts what the relay carried to the ERP.
	ERPBytes atomic.Int64
	Keylog   string // TLS secrets of every session, NSS key log format, for tshark
}

// startOutside starts everything in namespace ns. Each fake's handler is the
// one its package tests with, served here on its provider's address with a
// certificate for the provider's name.
func startOutside(t *testing.T, ns string, ca *testCA, keylog string, erpTarget string) *outside {
	t.Helper()
	kl, err := os.OpenFile(keylog, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kl.Close() })
	o := &outside{Outage: map[string]*atomic.Bool{}, Keylog: keylog}

	o.NetGSM = netgsmtest.New()
	o.NetGSM.User, o.NetGSM.Password, o.NetGSM.Headers = netgsmUser, netgsmPassword, []string{senderTitle}
	o.NetGSM.ReportLimit = 1 << 20 // the day is compressed into a minute
	o.Mutlucell = mutlucelltest.New()
	o.Mutlucell.User, o.Mutlucell.Password, o.Mutlucell.Originators = mutlucellUser, mutlucellPassword, []string{senderTitle}
	o.WhatsApp = whatsapptest.New()
	o.WhatsApp.Token, o.WhatsApp.PhoneNumberID = waToken, waPhoneID
	o.WhatsApp.Templates["hosgeldin"] = 1
	o.WhatsApp.PairEvery = 0
	o.Webhook = webhooktest.New(webhookSecret, false)
	for _, f := range []interface{ Close() }{o.NetGSM, o.Mutlucell, o.WhatsApp, o.Webhook} {
		t.Cleanup(f.Close)
	}
	fronts := []struct {
		ep endpoint
		h  http.Handler
	}{
		{epNetGSM, o.NetGSM.Server.Config.Handler},
		{epMutlucell, o.Mutlucell.Server.Config.Handler},
		{epWhatsApp, o.WhatsApp.Server.Config.Handler},
		{epWebhook, o.Webhook.Server.Config.Handler},
	}
	for _, f := range fronts {
		down := new(atomic.Bool)
		o.Outage[f.ep.Name] = down
		h := f.h
		srv := &http.Server{
			Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if down.Load() {
					io.Copy(io.Discard, r.Body)
					http.Error(w, "503 Service Temporarily Unavailable", http.StatusServiceUnavailable)
					return
				}
				h.ServeHTTP(w, r)
			}),
			TLSConfig: &tls.Config{Certificates: []tls.Certificate{ca.leaf(t, f.ep.Host)}, KeyLogWriter: kl, MinVersion: tls.VersionTLS12},
			// HTTP/1.1 only, so the decrypted capture reads as requests one
			// by one; the client would speak HTTP/2 where a provider offers
			// it, which frames the same bytes differently and sends no others.
			TLSNextProto:      map[string]func(*http.Server, *tls.Conn, http.Handler){},
			ReadHeaderTimeout: 10 * time.Second,
		}
		l, err := listen(ns, f.ep.AddrPort().String())
		if err != nil {
			t.Fatal(err)
		}
		go srv.ServeTLS(l, "", "")
		t.Cleanup(func() { srv.Close() })
	}

	l, err := listen(ns, epSMTP.AddrPort().String())
	if err != nil {
		t.Fatal(err)
	}
	o.SMTP = smtptest.Serve(l, &tls.Config{Certificates: []tls.Certificate{ca.leaf(t, epSMTP.Host)}, KeyLogWriter: kl})
	o.SMTP.User, o.SMTP.Password = smtpUser, smtpPassword
	t.Cleanup(func() { o.SMTP.Close() })

	names := map[string]netip.Addr{}
	for _, p := range providers {
		names[p.Host] = p.Addr
	}
	udp, err := listenUDP(ns, epDNS.AddrPort().String())
	if err != nil {
		t.Fatal(err)
	}
	o.DNS = serveDNS(udp, names)
	t.Cleanup(o.DNS.Close)

	erp, err := listen(ns, epERP.AddrPort().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { erp.Close() })
	go o.relay(erp, erpTarget)
	return o
}

// relay carries the connector's ERP connections to the shop's Firebird
// server, which listens on this machine's loopback: in the capture the ERP
// is one address and port like any other server on the shop's network.
func (o *outside) relay(l net.Listener, target string) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			up, err := net.DialTimeout("tcp", target, 10*time.Second)
			if err != nil {
				return
			}
			defer up.Close()
			var wg sync.WaitGroup
			wg.Add(1)
			go func() {
				defer wg.Done()
				io.Copy(c, up)
				c.(*net.TCPConn).CloseWrite()
			}()
			n, _ := io.Copy(up, c)
			o.ERPBytes.Add(n)
			up.(*net.TCPConn).CloseWrite()
			wg.Wait()
		}()
	}
}

// received is everything the providers were given, as they recorded it:
// each HTTP request's headers and body, each e-mail's envelope and data.
func (o *outside) received() []record {
	var out []record
	for _, f := range []struct {
		name string
		reqs []providertest.Request
	}{{"netgsm", o.NetGSM.Requests()}, {"mutlucell", o.Mutlucell.Requests()}, {"whatsapp", o.WhatsApp.Requests()},
		{"webhook", o.Webhook.Requests()}} {
		for _, r := range f.reqs {
			var b []byte
			b = fmt.Appendf(b, "%s %s\n", r.Method, r.Path)
			for k, vs := range r.Header {
				for _, v := range vs {
					b = fmt.Appendf(b, "%s: %s\n", k, v)
				}
			}
			out = append(out, record{Provider: f.name, Data: append(append(b, '\n'), r.Body...)})
		}
	}
	for _, m := range o.SMTP.Mails() {
		b := fmt.Appendf(nil, "MAIL FROM:%s\nRCPT TO:%v\n\n", m.From, m.To)
		out = append(out, record{Provider: "smtp", Data: append(b, m.Data...)})
	}
	return out
}

// record is one request as a provider received it.
type record struct {
	Provider string
	Data     []byte
}

// waitFor polls cond until it holds or d passes.
func waitFor(ctx context.Context, d time.Duration, cond func() bool) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	for !cond() {
		select {
		case <-ctx.Done():
			return errors.New("timed out")
		case <-time.After(200 * time.Millisecond):
		}
	}
	return nil
}
