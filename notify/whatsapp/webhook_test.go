package whatsapp_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp"
	"github.com/akinsoft-connector/akinsoft-connector/notify/whatsapp/whatsapptest"
)

const appSecret = "meta-app-secret"

func TestSignature(t *testing.T) {
	body, sig := whatsapptest.MessageWebhook(appSecret, "905551112233", "wamid.in1", "RET", time.Now())
	if !whatsapp.VerifySignature(appSecret, body, sig) {
		t.Fatal("Meta's signature refused")
	}
	for name, h := range map[string]string{"missing": "", "other secret": whatsapp.Sign("other", body), "not hex": "sha256=zz",
		"no prefix": sig[len("sha256="):], "short": sig[:20], "sha1": "sha1=" + sig[len("sha256="):]} {
		if whatsapp.VerifySignature(appSecret, body, h) {
			t.Errorf("%s signature accepted", name)
		}
	}
	if whatsapp.VerifySignature(appSecret, append(body, ' '), sig) {
		t.Error("a changed body kept its signature")
	}
	if whatsapp.VerifySignature("", body, whatsapp.Sign("", body)) {
		t.Error("an empty secret verifies")
	}
}

func TestParseWebhook(t *testing.T) {
	at := time.Unix(1749416383, 0)
	sent := whatsapptest.Sent{ID: "wamid.HBgM1", To: "905551112233", Opaque: "outbox-42", At: at}
	body, _ := whatsapptest.StatusWebhook(appSecret, sent, "failed", 131050)
	w, err := whatsapp.ParseWebhook(body)
	if err != nil || len(w.Statuses) != 1 {
		t.Fatalf("%+v, %v", w, err)
	}
	s := w.Statuses[0]
	if s.ID != "wamid.HBgM1" || s.Status != "failed" || s.OutboxID != 42 || !s.At.Equal(at) || len(s.Errors) != 1 || s.Errors[0].Code != 131050 {
		t.Errorf("status = %+v", s)
	}
	if key, code, refused := whatsapp.StatusReason(s); key != "whatsapp.131050" || code != "131050" || !refused {
		t.Errorf("reason = %s %s %v", key, code, refused)
	}
	body, _ = whatsapptest.MessageWebhook(appSecret, "905551112233", "wamid.in1", "İptal", at)
	if w, err = whatsapp.ParseWebhook(body); err != nil || len(w.Messages) != 1 || w.Messages[0].Text != "İptal" || w.Messages[0].From != "905551112233" {
		t.Errorf("message = %+v, %v", w, err)
	}
	body, _ = whatsapptest.ButtonWebhook(appSecret, "905551112233", "wamid.in2", "STOP", at)
	if w, _ = whatsapp.ParseWebhook(body); len(w.Messages) != 1 || w.Messages[0].Text != "STOP" {
		t.Errorf("button = %+v", w)
	}
	body, _ = whatsapptest.StopMarketingWebhook(appSecret, "905551112233", at)
	if w, _ = whatsapp.ParseWebhook(body); len(w.StoppedMarketing) != 1 || w.StoppedMarketing[0] != "905551112233" {
		t.Errorf("user_preferences = %+v", w)
	}
	for _, bad := range []string{"", "{", `{"object":"page"}`} {
		if _, err := whatsapp.ParseWebhook([]byte(bad)); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

// A customer who stopped marketing messages gets a marketing template
// refused with 131050: a permanent refusal marked as the customer's.
func TestMarketingRefused(t *testing.T) {
	p, fake := start(t, 5*time.Second, nil)
	fake.MarketingTemplates = map[string]bool{"order_shipped": true}
	fake.StoppedMarketing = map[string]bool{"905551112233": true}
	_, err := p.Send(context.Background(), good)
	e := notify.AsError(err)
	if !errors.Is(err, notify.ErrPermanent) || e.Code != "131050" || !e.Refused {
		t.Fatalf("send = %v (refused %v)", err, e.Refused)
	}
}
