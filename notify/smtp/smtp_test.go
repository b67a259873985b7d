package smtp_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/smtp"
	"github.com/akinsoft-connector/akinsoft-connector/notify/smtp/smtptest"
)

func start(t *testing.T, implicit bool, mod func(*smtp.Config)) (*smtp.Provider, *smtptest.Server) {
	t.Helper()
	srv, err := smtptest.New(implicit)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	cfg := smtp.Config{Host: srv.Host, Port: srv.Port, User: srv.User, Password: srv.Password, From: "magaza@example.com",
		RootCAs: srv.CA, Timeout: 5 * time.Second, ImplicitTLS: implicit}
	if mod != nil {
		mod(&cfg)
	}
	return smtp.New(cfg), srv
}

var m = notify.Message{ID: 1, Message: mapping.Message{Channel: "email", To: "ayse@example.com", Subject: "Faturanız", Text: "Fatura 4711 hazır", HTML: "<p>Fatura 4711 hazır</p>"}}

func TestSend(t *testing.T) {
	for _, implicit := range []bool{false, true} {
		p, srv := start(t, implicit, nil)
		res, err := p.Send(context.Background(), m)
		if err != nil || res.ProviderID == "" {
			t.Fatalf("implicit=%v: %+v %v", implicit, res, err)
		}
		got := srv.Mails()
		if len(got) != 1 || got[0].To[0] != "ayse@example.com" || !strings.Contains(string(got[0].Data), "Fatura 4711") {
			t.Fatalf("server got %+v", got)
		}
	}
}

func TestReplies(t *testing.T) {
	cases := []struct {
		name     string
		stage    smtptest.Stage
		code     int
		enh      [3]int
		class    error
		badRecip bool
	}{
		{name: "421 closing", stage: smtptest.StageMail, code: 421, enh: [3]int{4, 3, 2}, class: notify.ErrRetry},
		{name: "450 greylisted", stage: smtptest.StageRcpt, code: 450, enh: [3]int{4, 2, 0}, class: notify.ErrRetry},
		{name: "550 5.1.1 unknown user", stage: smtptest.StageRcpt, code: 550, enh: [3]int{5, 1, 1}, class: notify.ErrPermanent, badRecip: true},
		{name: "554 5.7.1 policy at DATA", stage: smtptest.StageData, code: 554, enh: [3]int{5, 7, 1}, class: notify.ErrPermanent},
		{name: "550 on MAIL FROM is the sender's config", stage: smtptest.StageMail, code: 550, enh: [3]int{5, 7, 1}, class: notify.ErrConfig},
		{name: "535 auth", stage: smtptest.StageAuth, code: 535, enh: [3]int{5, 7, 8}, class: notify.ErrConfig},
		{name: "454 temporary auth", stage: smtptest.StageAuth, code: 454, enh: [3]int{4, 7, 0}, class: notify.ErrRetry},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, srv := start(t, false, nil)
			srv.Inject(tc.stage, tc.code, tc.enh, "injected", 1)
			_, err := p.Send(context.Background(), m)
			e := notify.AsError(err)
			if !errors.Is(err, tc.class) || e.BadRecipient != tc.badRecip {
				t.Fatalf("err = %v (bad recipient %v), want %v", err, e.BadRecipient, tc.class)
			}
			if (tc.class == notify.ErrPermanent || tc.class == notify.ErrConfig) && (e.Why.Code == "" || e.Code == "") {
				t.Errorf("refusal without code or reasons: %+v", e)
			}
		})
	}
}

func TestWrongPassword(t *testing.T) {
	p, _ := start(t, false, func(c *smtp.Config) { c.Password = "nope" })
	if _, err := p.Send(context.Background(), m); !errors.Is(err, notify.ErrConfig) {
		t.Fatalf("err = %v, want config (535)", err)
	}
}

func TestUntrustedCertificateNotSent(t *testing.T) {
	p, srv := start(t, false, func(c *smtp.Config) { c.RootCAs = nil })
	if _, err := p.Send(context.Background(), m); !errors.Is(err, notify.ErrRetry) || len(srv.Mails()) != 0 {
		t.Fatalf("err = %v, want retry without sending", err)
	}
}

func TestLostReplyAfterDataIsUnknown(t *testing.T) {
	p, srv := start(t, false, nil)
	srv.DropAfterData(1)
	if _, err := p.Send(context.Background(), m); !errors.Is(err, notify.ErrUnknown) {
		t.Fatalf("err = %v, want unknown", err)
	}
}

func TestEgressAndAudit(t *testing.T) {
	var recs []httpclient.AuditRecord
	p, srv := start(t, false, func(c *smtp.Config) { c.Audit = func(r httpclient.AuditRecord) { recs = append(recs, r) } })
	if _, err := p.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Recipient != "a***@example.com" || recs[0].Host != srv.Host {
		t.Fatalf("audit %+v", recs)
	}
}

// TestNoSTARTTLSIsRefused: a server (or a man in the middle) that does not
// offer STARTTLS never gets the password or the message.
func TestNoSTARTTLSIsRefused(t *testing.T) {
	srv, err := smtptest.NewWithoutTLS()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	p := smtp.New(smtp.Config{Host: srv.Host, Port: srv.Port, User: srv.User, Password: srv.Password, From: "magaza@example.com", Timeout: 5 * time.Second})
	_, err = p.Send(context.Background(), m)
	if !errors.Is(err, notify.ErrConfig) || notify.AsError(err).Code != "starttls" || len(srv.Mails()) != 0 {
		t.Fatalf("err = %v (%d mails), want a config error without sending", err, len(srv.Mails()))
	}
}

func TestCheck(t *testing.T) {
	p, _ := start(t, false, nil)
	if _, err := p.Check(context.Background()); err != nil {
		t.Fatal(err)
	}
	p, _ = start(t, true, func(c *smtp.Config) { c.Password = "x" })
	if _, err := p.Check(context.Background()); !errors.Is(err, notify.ErrConfig) {
		t.Fatalf("err = %v", err)
	}
}
