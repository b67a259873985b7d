package netgsm_test

import (
	"context"
	"crypto/x509"
	"errors"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// The inbox is read by window, however the fake writes a message's time:
// each reply comes back with the sender in E.164, its time, and a key that
// is the same on every read. A read without a window would list each
// message once; the client never asks that way, so asking twice finds the
// reply twice.
func TestInbox(t *testing.T) {
	ist, _ := time.LoadLocation("Europe/Istanbul")
	at := time.Date(2026, 11, 25, 10, 0, 2, 0, ist)
	for _, style := range []netgsmtest.InboxTimes{netgsmtest.InboxDotted, netgsmtest.InboxISO, netgsmtest.InboxCompact} {
		p, fake := start(t, 5*time.Second, nil)
		fake.InboxTimes = style
		fake.Receive("905321234567", "Ret", at)
		fake.Receive("5339876543", "teşekkürler", at.Add(time.Minute))
		fake.Receive("905320000000", "eski", at.Add(-48*time.Hour))
		ctx := context.Background()
		var keys []string
		for read := 0; read < 2; read++ {
			got, err := p.Inbox(ctx, at.Add(-time.Hour), at.Add(time.Hour))
			if err != nil {
				t.Fatalf("style %d: %v", style, err)
			}
			if len(got) != 2 || got[0].From != "+905321234567" || got[0].Text != "Ret" || !got[0].At.Equal(at) || got[1].From != "+905339876543" {
				t.Fatalf("style %d read %d: %+v", style, read, got)
			}
			keys = append(keys, got[0].Key)
		}
		if keys[0] == "" || keys[0] != keys[1] {
			t.Errorf("style %d: keys %q differ between reads", style, keys)
		}
		if got, err := p.Inbox(ctx, at.Add(2*time.Hour), at.Add(3*time.Hour)); err != nil || len(got) != 0 {
			t.Errorf("empty window (code 40) = %v, %v", got, err)
		}
	}
}

func TestInboxErrors(t *testing.T) {
	p, fake := start(t, 5*time.Second, func(c *netgsm.Config) { c.Password = "wrong" })
	if _, err := p.Inbox(context.Background(), time.Now().Add(-time.Hour), time.Now()); !errors.Is(err, notify.ErrConfig) {
		t.Errorf("bad credentials: %v, want a config error", err)
	}
	p, fake = start(t, 5*time.Second, nil)
	fake.FailTwoWay(1)
	if _, err := p.Inbox(context.Background(), time.Now().Add(-time.Hour), time.Now()); !errors.Is(err, notify.ErrRetry) {
		t.Errorf("system error: %v, want retry", err)
	}
}

// A blacklisted number gets nothing afterwards: NetGSM reports status 15.
func TestBlacklist(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	ctx := context.Background()
	if err := p.Blacklist(ctx, "+905321234567"); err != nil {
		t.Fatal(err)
	}
	if !fake.Blacklisted("5321234567") {
		t.Fatal("not on the fake's blacklist")
	}
	res, err := p.Send(ctx, msg("+905321234567", "Fatura"))
	if err != nil {
		t.Fatal(err)
	}
	reps, err := p.Reports(ctx, []notify.Sent{{ID: 1, ProviderID: res.ProviderID, To: "+905321234567", At: time.Now()}})
	if err != nil || len(reps) != 1 || reps[0].Status != notify.StatusFailed || reps[0].Code != "15" {
		t.Errorf("report after blacklisting = %+v, %v", reps, err)
	}
	bad, _ := start(t, 5*time.Second, func(c *netgsm.Config) { c.Password = "wrong" })
	if err := bad.Blacklist(ctx, "+905321234567"); !errors.Is(err, notify.ErrConfig) {
		t.Errorf("bad credentials: %v", err)
	}
}

func iys(t *testing.T, fake *netgsmtest.Server, password string) *netgsm.IYS {
	pool := x509.NewCertPool()
	pool.AddCert(fake.Server.Certificate())
	c := httpclient.New(httpclient.WithRootCAs(pool), httpclient.WithAllowedHosts(fake.URL()), httpclient.WithTimeout(5*time.Second))
	return netgsm.NewIYS(netgsm.IYSConfig{URL: fake.URL(), UserCode: fake.User, Password: password, BrandCode: "731734"}, c)
}

// İYS's consent is read and a refusal recorded wherever İYS reads the
// credentials (a JSON header object, or HTTP headers), and whether or not
// it takes a RET for an address it holds no consent for.
func TestIYS(t *testing.T) {
	for _, auth := range []netgsmtest.IYSAuth{netgsmtest.IYSAuthBody, netgsmtest.IYSAuthHeaders} {
		for _, ret := range []netgsmtest.RetWithoutConsent{netgsmtest.RetRecorded, netgsmtest.RetRefused} {
			_, fake := start(t, 5*time.Second, nil)
			fake.IYSAuth, fake.RetWithoutConsent, fake.BrandCode = auth, ret, "731734"
			fake.SetConsent(netgsmtest.Consent{Type: "EPOSTA", Recipient: "ayse@example.com", RecipientType: "BIREYSEL", Status: "ONAY",
				ConsentDate: "2025-01-24 09:40:00", Source: "HS_WEB"})
			y, ctx := iys(t, fake, fake.Password), context.Background()
			rec, err := y.Search(ctx, netgsm.IYSEmail, "ayse@example.com", netgsm.IYSIndividual)
			if err != nil || !rec.Found || rec.Status != "ONAY" || rec.ConsentDate != "2025-01-24 09:40:00" || rec.Source != "HS_WEB" {
				t.Fatalf("auth %d: search = %+v, %v", auth, rec, err)
			}
			if rec, err := y.Search(ctx, netgsm.IYSMessage, "+905321234567", netgsm.IYSIndividual); err != nil || rec.Found {
				t.Errorf("no record (code 50) = %+v, %v", rec, err)
			}
			err = y.Refuse(ctx, netgsm.IYSMessage, "+905321234567", netgsm.IYSIndividual, "HS_MESAJ", time.Now())
			switch {
			case ret == netgsmtest.RetRecorded && err != nil:
				t.Errorf("refuse: %v", err)
			case ret == netgsmtest.RetRefused && !errors.Is(err, notify.ErrPermanent):
				t.Errorf("refuse without a consent: %v, want a permanent refusal", err)
			}
			if err := y.Refuse(ctx, netgsm.IYSEmail, "ayse@example.com", netgsm.IYSIndividual, "HS_MESAJ", time.Now()); err != nil {
				t.Errorf("refuse a consent: %v", err)
			}
			if rec, _ := y.Search(ctx, netgsm.IYSEmail, "ayse@example.com", netgsm.IYSIndividual); rec.Status != "RET" {
				t.Errorf("after the refusal: %+v", rec)
			}
			if _, err := iys(t, fake, "wrong").Search(ctx, netgsm.IYSEmail, "ayse@example.com", netgsm.IYSIndividual); !errors.Is(err, notify.ErrConfig) {
				t.Errorf("bad credentials: %v", err)
			}
		}
	}
}
