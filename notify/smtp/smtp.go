// Package smtp sends e-mail through a submission server with
// github.com/wneessen/go-mail: 587 with mandatory STARTTLS or 465 with
// implicit TLS, never plain text. Replies are classified per RFC 5321/3463
// (shared/reference/providers.md §5): 4xx retry, 5xx permanent, 5.1.1 marks
// the address bad, 530/534/535 pause the channel.
package smtp

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// Config is one submission account.
type Config struct {
	Host string
	Port int // 587 (default) or 465
	// ImplicitTLS speaks TLS from the first byte (port 465's way); it is
	// set for port 465 and otherwise STARTTLS is mandatory.
	ImplicitTLS bool
	User        string
	Password    string
	From        string
	// RootCAs trusts a shop's own CA (config ca_file); nil is the system pool.
	RootCAs *x509.CertPool
	Timeout time.Duration
	// Audit receives one record per send; no body, masked recipient.
	Audit httpclient.AuditFunc
	// Dial is the base dialer (tests); the allowlist (Host only) wraps it.
	Dial httpclient.DialContextFunc
}

// Provider sends e-mail. It is safe for concurrent use: each send opens its
// own connection.
type Provider struct {
	cfg   Config
	allow *httpclient.Allowlist
}

// New returns an SMTP provider.
func New(cfg Config) *Provider {
	if cfg.Port == 0 {
		cfg.Port = 587
	}
	if cfg.Port == 465 {
		cfg.ImplicitTLS = true
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Dial == nil {
		cfg.Dial = (&net.Dialer{Timeout: 10 * time.Second}).DialContext
	}
	return &Provider{cfg: cfg, allow: httpclient.NewAllowlist(cfg.Host)}
}

func (p *Provider) client() (*mail.Client, error) {
	tc := &tls.Config{ServerName: p.cfg.Host, RootCAs: p.cfg.RootCAs, MinVersion: tls.VersionTLS12}
	dial := p.allow.Dialer(p.cfg.Dial)
	if p.cfg.ImplicitTLS {
		// go-mail skips its own TLS dialer when given a dial function, so
		// implicit TLS is done here, behind the allowlist.
		plain := dial
		dial = func(ctx context.Context, network, addr string) (net.Conn, error) {
			conn, err := plain(ctx, network, addr)
			if err != nil {
				return nil, err
			}
			tconn := tls.Client(conn, tc)
			if err := tconn.HandshakeContext(ctx); err != nil {
				conn.Close()
				return nil, err
			}
			return tconn, nil
		}
	}
	opts := []mail.Option{
		mail.WithPort(p.cfg.Port),
		mail.WithTimeout(p.cfg.Timeout),
		mail.WithTLSConfig(tc),
		mail.WithDialContextFunc(mail.DialContextFunc(dial)),
	}
	if p.cfg.ImplicitTLS {
		opts = append(opts, mail.WithSSL())
	} else {
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if p.cfg.User != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(p.cfg.User), mail.WithPassword(p.cfg.Password))
	}
	return mail.NewClient(p.cfg.Host, opts...)
}

// Send sends one e-mail. The Message-ID is the provider id.
func (p *Provider) Send(ctx context.Context, m notify.Message) (notify.Result, error) {
	msg := mail.NewMsg()
	if err := msg.From(p.cfg.From); err != nil {
		return notify.Result{}, notify.Config("from", notify.Why(ReasonBadFrom).WithDetail(err.Error()))
	}
	if err := msg.To(m.To); err != nil {
		e := notify.Permanent("address", notify.Why(ReasonBadRecipient))
		e.BadRecipient = true
		return notify.Result{}, e
	}
	msg.Subject(m.Subject)
	msg.SetMessageID()
	msg.SetDate()
	msg.SetBodyString(mail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(mail.TypeTextHTML, m.HTML)
	}
	size := len(m.Text) + len(m.HTML) + len(m.Subject)
	for _, a := range m.Attachments {
		msg.AttachReadSeeker(a.Name, bytes.NewReader(a.Data), mail.WithFileContentType(mail.ContentType(a.ContentType)))
		size += len(a.Data)
	}
	c, err := p.client()
	if err != nil {
		return notify.Result{}, notify.Config("config", notify.Why(ReasonBadSettings).WithDetail(err.Error()))
	}
	start := time.Now()
	err = c.DialAndSendWithContext(ctx, msg)
	cerr := classify(err)
	p.audit(start, m, size, cerr)
	if cerr != nil {
		return notify.Result{}, cerr
	}
	return notify.Result{ProviderID: strings.Trim(msg.GetMessageID(), "<>")}, nil
}

func (p *Provider) audit(start time.Time, m notify.Message, n int, err error) {
	if p.cfg.Audit == nil {
		return
	}
	out := "250 accepted"
	if err != nil {
		out = notify.AsError(err).Code
		if errors.Is(err, httpclient.ErrEgressDenied) {
			out = "refused"
		}
	}
	rec := httpclient.AuditRecord{Time: start, Host: p.cfg.Host, Channel: notify.ChannelEmail, Messages: 1, MessageIDs: []int64{m.ID},
		BytesOut: int64(n), Outcome: out, Duration: time.Since(start)}
	// Masked as every channel masks it (a first letter such as "ş" stays
	// whole), so that forget can match a row by its masked form.
	rec.Recipient = mapping.MaskRecipient(m.To)
	p.cfg.Audit(rec)
}

// classify maps a go-mail error to an outcome (nil when sent).
func classify(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, httpclient.ErrEgressDenied) {
		return wrap(notify.Config("egress", notify.Why(httpclient.ReasonEgressDenied)), err)
	}
	var se *mail.SendError
	if errors.As(err, &se) {
		return wrap(reply(se.ErrorCode(), se.EnhancedStatusCode(), se.Reason, se.IsTemp()), err)
	}
	var te *textproto.Error
	if errors.As(err, &te) {
		// Before any message command: greeting, STARTTLS or AUTH.
		switch {
		case te.Code == 530 || te.Code == 534 || te.Code == 535:
			return wrap(notify.Config(fmt.Sprint(te.Code), notify.Why(ReasonAuth)), err)
		case te.Code >= 400 && te.Code < 500:
			return wrap(notify.Retry(fmt.Sprint(te.Code), notify.Why(ReasonUnavailable), time.Minute), err)
		}
		return wrap(notify.Config(fmt.Sprint(te.Code), notify.Why(ReasonSessionRefused).WithDetail(te.Msg)), err)
	}
	if strings.Contains(err.Error(), "does not support STARTTLS") {
		return wrap(notify.Config("starttls", notify.Why(ReasonNoSTARTTLS)), err)
	}
	// Dial, DNS or TLS handshake: nothing was submitted.
	return wrap(notify.Retry("network", notify.Why(ReasonUnreachable), 0), err)
}

func reply(code int, enh string, reason mail.SendErrReason, temp bool) *notify.Error {
	c := fmt.Sprint(code)
	if enh != "" {
		c += " " + enh
	}
	switch {
	case code == 0 && (reason == mail.ErrSMTPData || reason == mail.ErrSMTPDataClose):
		// The message went out but no reply came back: it may be queued.
		return notify.Unknown(notify.Why(ReasonLostAfterSubmit), nil)
	case code == 0:
		return notify.Retry("network", notify.Why(ReasonFailedBeforeSubmit), 0)
	case code == 530 || code == 534 || code == 535:
		return notify.Config(c, notify.Why(ReasonCredentialsRequired))
	case temp || code/100 == 4:
		e := notify.Retry(c, notify.Why(ReasonDeferred), time.Minute)
		if code == 450 || code == 451 {
			e.RetryAfter = 5 * time.Minute // greylisting wants minutes
		}
		return e
	case code == 552 && reason == mail.ErrSMTPRcptTo:
		return notify.Retry(c, notify.Why(ReasonTooManyRecipients), time.Minute) // RFC 5321 §4.5.3.1.10
	case enh == "5.1.1" || (code == 550 && reason == mail.ErrSMTPRcptTo && strings.HasPrefix(enh, "5.1.")):
		e := notify.Permanent(c, notify.Why(ReasonNoMailbox))
		e.BadRecipient = true
		return e
	case reason == mail.ErrSMTPMailFrom:
		// The relay refuses our sender (SPF/DMARC, not allowed to send as
		// this address): every message would fail the same way.
		return notify.Config(c, notify.Why(ReasonSenderRefused))
	}
	return notify.Permanent(c, notify.Why(ReasonRefused))
}

func wrap(e *notify.Error, err error) *notify.Error {
	e.Err = err
	return e
}

// Check connects, negotiates TLS and authenticates without sending.
func (p *Provider) Check(ctx context.Context) (mapping.Reason, error) {
	c, err := p.client()
	if err != nil {
		return mapping.Reason{}, notify.Config("config", notify.Why(ReasonBadSettings).WithDetail(err.Error()))
	}
	if err := c.DialWithContext(ctx); err != nil {
		return mapping.Reason{}, classify(err)
	}
	_ = c.Close()
	return notify.Why(ReasonCheckOK, "host", p.cfg.Host, "port", p.cfg.Port), nil
}

// The reasons the SMTP client gives (their texts are in connector/catalog).
const (
	ReasonBadFrom             = "smtp.bad_from"
	ReasonBadRecipient        = "smtp.bad_recipient"
	ReasonBadSettings         = "smtp.bad_settings"
	ReasonAuth                = "smtp.auth"
	ReasonUnavailable         = "smtp.unavailable"
	ReasonSessionRefused      = "smtp.session_refused"
	ReasonNoSTARTTLS          = "smtp.no_starttls"
	ReasonUnreachable         = "smtp.unreachable"
	ReasonLostAfterSubmit     = "smtp.lost_after_submit"
	ReasonFailedBeforeSubmit  = "smtp.failed_before_submit"
	ReasonCredentialsRequired = "smtp.credentials_required"
	ReasonDeferred            = "smtp.deferred"
	ReasonTooManyRecipients   = "smtp.too_many_recipients"
	ReasonNoMailbox           = "smtp.no_mailbox"
	ReasonSenderRefused       = "smtp.sender_refused"
	ReasonRefused             = "smtp.refused"
	ReasonCheckOK             = "smtp.check_ok"
)

// ReasonCodes lists them, for the catalog's completeness test.
var ReasonCodes = []string{ReasonBadFrom, ReasonBadRecipient, ReasonBadSettings, ReasonAuth, ReasonUnavailable,
	ReasonSessionRefused, ReasonNoSTARTTLS, ReasonUnreachable, ReasonLostAfterSubmit, ReasonFailedBeforeSubmit,
	ReasonCredentialsRequired, ReasonDeferred, ReasonTooManyRecipients, ReasonNoMailbox, ReasonSenderRefused,
	ReasonRefused, ReasonCheckOK}
