package connector

import (
	"context"
	"crypto/x509"
	"fmt"
	"io"
	"os"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/console"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
	"github.com/akinsoft-connector/akinsoft-connector/notify/smtp"
	"github.com/akinsoft-connector/akinsoft-connector/notify/webhook"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// ProviderOptions are what building a provider needs besides its config.
type ProviderOptions struct {
	// Console receives the console provider's output.
	Console io.Writer
	// RootCAs replaces the system CAs for HTTP providers (tests against
	// fakes; a shop's own CA). TLS verification is never turned off.
	RootCAs *x509.CertPool
	// Audit receives one record per request that leaves the machine.
	Audit httpclient.AuditFunc
}

// Checker is implemented by providers that can verify their credentials
// without sending (balance, sender names, a TLS+AUTH handshake).
type Checker interface {
	Check(ctx context.Context) (mapping.Reason, error)
}

// NewProvider builds the provider of one channel from its config. Each HTTP
// provider gets its own client whose allowlist holds exactly the host of the
// configured URL (or the provider's default host). The channel's rate is
// applied once, by its dispatcher, not again per HTTP request.
func NewProvider(channel string, ch *config.Channel, o ProviderOptions) (notify.Provider, error) {
	timeout := ch.Timeout.Std()
	roots, err := withCAFile(o.RootCAs, string(ch.CAFile), "channels."+channel+".ca_file")
	if err != nil {
		return nil, err
	}
	client := func(url string) *httpclient.Client {
		return httpclient.New(httpclient.WithChannel(channel), httpclient.WithAllowedHosts(url), httpclient.WithRootCAs(roots),
			httpclient.WithTimeout(timeout), httpclient.WithAudit(o.Audit))
	}
	or := func(s, def string) string {
		if s == "" {
			return def
		}
		return s
	}
	switch ch.Provider {
	case "console":
		w := o.Console
		if w == nil {
			w = io.Discard
		}
		return console.New(channel, w), nil
	case "netgsm":
		c := ch.NetGSM
		if c == nil {
			return nil, fmt.Errorf("provider netgsm needs a netgsm: block")
		}
		url := or(c.URL, netgsm.DefaultURL)
		return netgsm.New(netgsm.Config{URL: url, UserCode: c.UserCode, Password: c.Password.Reveal(), MsgHeader: c.MsgHeader,
			Encoding: c.Encoding.Text(), AppName: c.AppName, IYSFilter: c.IYSFilter, MaxBatch: ch.Batch}, client(url)), nil
	case "mutlucell":
		c := ch.Mutlucell
		if c == nil {
			return nil, fmt.Errorf("provider mutlucell needs a mutlucell: block")
		}
		url := or(c.URL, mutlucell.DefaultURL)
		return mutlucell.New(mutlucell.Config{URL: url, User: c.User, Password: c.Password.Reveal(), Originator: c.Originator,
			Charset: c.Charset.Text(), MaxBatch: ch.Batch, InboxNumber: c.InboxNumber}, client(url)), nil
	case "whatsapp_cloud":
		c := ch.WhatsApp
		if c == nil {
			return nil, fmt.Errorf("provider whatsapp_cloud needs a whatsapp_cloud: block")
		}
		url := or(c.URL, whatsapp.DefaultURL)
		return whatsapp.New(whatsapp.Config{URL: url, APIVersion: c.APIVersion, PhoneNumberID: c.PhoneNumberID, Token: c.Token.Reveal()},
			client(url)), nil
	case "smtp":
		c := ch.SMTP
		if c == nil {
			return nil, fmt.Errorf("provider smtp needs an smtp: block")
		}
		pool, err := withCAFile(roots, string(c.CAFile), "smtp.ca_file")
		if err != nil {
			return nil, err
		}
		return smtp.New(smtp.Config{Host: c.Host, Port: c.Port, User: c.User, Password: c.Password.Reveal(), From: c.From,
			RootCAs: pool, Timeout: timeout, Audit: o.Audit}), nil
	case "webhook":
		c := ch.Webhook
		if c == nil {
			return nil, fmt.Errorf("provider webhook needs a webhook: block")
		}
		return webhook.New(webhook.Config{URL: c.URL, Secret: c.Secret.Reveal()}, client(c.URL)), nil
	}
	return nil, fmt.Errorf("provider %s is not available in this build", ch.Provider)
}

// withCAFile adds the certificates of a PEM file to the trusted roots (the
// system's when roots is nil): a shop's own mail server, or a firewall that
// inspects TLS with its own CA. Verification itself is never turned off.
func withCAFile(roots *x509.CertPool, file, key string) (*x509.CertPool, error) {
	if file == "" {
		return roots, nil
	}
	pem, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", key, err)
	}
	pool := roots
	if pool == nil {
		if pool, err = x509.SystemCertPool(); err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
	} else {
		pool = pool.Clone()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("%s: %s holds no PEM certificate", key, file)
	}
	return pool, nil
}
