package connector_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// logsIn fails unless log holds each key's text in lang and none of them
// in the other language: the listening side gets the daemon's logger,
// wrapped with the config's language, not a raw one.
func logsIn(t *testing.T, log string, lang catalog.Lang, keys ...string) {
	t.Helper()
	other := catalog.EN
	if lang == catalog.EN {
		other = catalog.TR
	}
	for _, k := range keys {
		if want := lang.LogText(k); !strings.Contains(log, want) {
			t.Errorf("the log lacks %q (%s):\n%s", want, k, log)
		}
		if not := other.LogText(k); strings.Contains(log, not) {
			t.Errorf("the log holds %q (%s) in the other language", not, k)
		}
		if strings.Contains(log, k) {
			t.Errorf("the key %s itself reached the log", k)
		}
	}
}

// With no language: setting, the inbox poller, İYS consent, the two-way
// side of a channel, an operator's pause and the WhatsApp webhook log in
// Turkish.
func TestListeningLogsInTurkish(t *testing.T) {
	e := newRefusalEnv(t, refusalConfig)
	ctx := context.Background()
	e.fake.SetConsent(netgsmtest.Consent{Type: "MESAJ", Recipient: ayse, RecipientType: "BIREYSEL", Status: "ONAY",
		ConsentDate: "2025-03-01 10:00:00", Source: "HS_WEB"})
	e.fake.Receive("905321234567", "Ret", time.Now().Add(-10*time.Minute))
	if _, err := e.d.PollReplies(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := e.d.RunJob(ctx, "campaign"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.d.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	if !e.d.Hold(t.Context(), "sms") || !e.d.Resume(t.Context(), "sms") {
		t.Fatal("no sms channel to pause")
	}
	logsIn(t, e.log.String(), catalog.TR, "log.inbound.refusal", "log.dispatch.no_consent", "log.dispatch.held", "log.dispatch.resumed")

	w := newWebhookEnv(t)
	base := strings.TrimSuffix(w.url, "/whatsapp") + "/whatsapp?"
	for _, token := range []string{"guess", waVerify} {
		resp, err := http.Get(base + url.Values{"hub.mode": {"subscribe"}, "hub.verify_token": {token}, "hub.challenge": {"1"}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	logsIn(t, w.log.String(), catalog.TR, "log.webhook.bad_verify_token", "log.webhook.verified")
}

// language: en gives the same logs in English.
func TestListeningLogsInEnglish(t *testing.T) {
	e := newRefusalEnv(t, "language: en\n"+refusalConfig)
	ctx := context.Background()
	e.fake.Receive("905321234567", "Ret", time.Now().Add(-10*time.Minute))
	if _, err := e.d.PollReplies(ctx); err != nil {
		t.Fatal(err)
	}
	logsIn(t, e.log.String(), catalog.EN, "log.inbound.refusal")
}

// A refusal's log line says which messages it stops: by default the
// channel's commercial ones only, the invoices going on; with
// replies.stop_informational every one. "The sender is on the opt-out list
// of this channel" read as every SMS stopping, and the IT person was
// surprised by the next invoice.
func TestRefusalLogSaysWhatItStops(t *testing.T) {
	for _, tc := range []struct {
		name, config  string
		lang          catalog.Lang
		key, not, say string
	}{
		{"commercial only", refusalConfig, catalog.TR, "log.inbound.refusal", "log.inbound.refusal_all", "bilgilendirme mesajları"},
		{"commercial only, English", "language: en\n" + refusalConfig, catalog.EN, "log.inbound.refusal", "log.inbound.refusal_all", "keep going"},
		{"every message", refusalConfig + "replies: {stop_informational: true}\n", catalog.TR, "log.inbound.refusal_all", "log.inbound.refusal", "hiçbir mesaj almaz"},
		{"every message, English", "language: en\n" + refusalConfig + "replies: {stop_informational: true}\n", catalog.EN, "log.inbound.refusal_all", "log.inbound.refusal", "no more messages"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newRefusalEnv(t, tc.config)
			e.fake.Receive("905321234567", "Ret", time.Now().Add(-10*time.Minute))
			if _, err := e.d.PollReplies(context.Background()); err != nil {
				t.Fatal(err)
			}
			log := e.log.String()
			logsIn(t, log, tc.lang, tc.key)
			if not := tc.lang.LogText(tc.not); strings.Contains(log, not) {
				t.Errorf("the log says %q (%s):\n%s", not, tc.not, log)
			}
			if !strings.Contains(log, tc.say) {
				t.Errorf("the log lacks %q:\n%s", tc.say, log)
			}
		})
	}
}
