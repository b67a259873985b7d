package status_test

import (
	"context"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
)

// The page's refusals are every refusal, with where it came from: a reply,
// an operator's optout add, a bounce, the provider, and a refusal İYS holds.
// A reply refusal the connector sent on to İYS is listed once, as the
// reply; an İYS consent is no refusal. Numbers and addresses are masked,
// and an operator's note is not shown.
func TestRefusalsFromEverySource(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	s := e.store
	at := func(m int) time.Time {
		return time.Now().Add(time.Duration(m-60) * time.Minute).Truncate(time.Millisecond)
	}
	iys := func(to, status, date, source string) error {
		return s.SaveConsent(ctx, outbox.Consent{Recipient: to, Type: netgsm.IYSMessage, RecipientType: netgsm.IYSIndividual,
			Status: status, ConsentDate: date, Source: source})
	}
	tests := []struct {
		name string
		add  func() error
		// How /api/status and the page list it; to is "" when not listed.
		to, channel, scope, source, tr, en string
		hidden                             string // shown nowhere
	}{
		{"by reply, copied to İYS", func() error {
			if err := s.AddOptOut(ctx, outbox.OptOutEntry{Recipient: "+905321110001", Channel: "sms", Scope: outbox.ScopeCommercial,
				Source: outbox.SourceReply, Added: at(1), IYS: outbox.SyncDone}); err != nil {
				return err
			}
			return iys("+905321110001", netgsm.IYSRefused, at(1).In(mapping.DefaultFormats().Location).Format(time.DateTime), "HS_MESAJ")
		}, "+90532*****01", "sms", "commercial", "reply", "yanıt", "reply", "+905321110001"},
		{"by command (optout add)", func() error { return s.OptOut(ctx, "+905321110002", "telefonla istedi") },
			"+90532*****02", "", "all", "operator", "elle eklendi (optout add)", "added by hand (optout add)", "telefonla istedi"},
		{"a bounce", func() error {
			return s.AddOptOut(ctx, outbox.OptOutEntry{Recipient: "yok.boyle@example.com", Channel: outbox.EveryChannel, Scope: outbox.ScopeAll,
				Source: outbox.SourceBounce, Added: at(3), Note: "550 5.1.1"})
		}, mapping.MaskRecipient("yok.boyle@example.com"), "", "all", "bounce", "geri dönen e-posta", "bounced e-mail", "yok.boyle@"},
		{"at the provider (WhatsApp)", func() error {
			return s.AddOptOut(ctx, outbox.OptOutEntry{Recipient: "+905321110004", Channel: "whatsapp", Scope: outbox.ScopeCommercial,
				Source: outbox.SourceProvider, Added: at(4)})
		}, "+90532*****04", "whatsapp", "commercial", "provider", "sağlayıcı", "provider", "+905321110004"},
		{"in İYS", func() error { return iys("+905321110005", netgsm.IYSRefused, "2026-11-30 10:00:00", "IYS_MESAJ") },
			"+90532*****05", "sms, whatsapp", "commercial", "iys", "İYS", "İYS", "+905321110005"},
		{"an İYS consent", func() error { return iys("+905321110006", netgsm.IYSApproved, "2026-11-30 10:00:00", "HS_WEB") },
			"", "", "", "", "", "", "+90532*****06"},
	}
	for _, tc := range tests {
		if err := tc.add(); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
	}
	c, _ := e.login()
	_, body := e.do(c, "GET", "/api/status", nil)
	var api struct {
		Refusals []struct {
			To, Channel, Scope, Source string
			At                         time.Time
		} `json:"refusals"`
	}
	if err := json.Unmarshal([]byte(body), &api); err != nil {
		t.Fatal(err)
	}
	pages := map[string]string{}
	for _, l := range []string{"tr", "en"} {
		e.do(c, "GET", "/?lang="+l, nil) // remembered by a cookie
		_, page := e.do(c, "GET", "/", nil)
		pages[l] = html.UnescapeString(page)
	}
	section := regexp.MustCompile(`(?s)<section id="refusals">.*?</section>`)
	listed := 0
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n := 0
			for _, r := range api.Refusals {
				if r.To == tc.to {
					n++
					if r.Channel != tc.channel || r.Scope != tc.scope || r.Source != tc.source {
						t.Errorf("listed as %+v, want channel %q, scope %q, source %q", r, tc.channel, tc.scope, tc.source)
					}
				}
			}
			if tc.to != "" && n != 1 {
				t.Errorf("listed %d times in /api/status, want once:\n%s", n, body)
			}
			for l, want := range map[string]string{"tr": tc.tr, "en": tc.en} {
				rows := section.FindString(pages[l])
				row := regexp.MustCompile(`<tr><td class="recipient">` + regexp.QuoteMeta(tc.to) + `</td>.*?</tr>`).FindString(rows)
				if tc.to != "" && !strings.Contains(row, "<td>"+want+"</td>") {
					t.Errorf("%s: the page's row %q does not name the source %q:\n%s", l, row, want, rows)
				}
			}
			for _, text := range []string{body, pages["tr"], pages["en"]} {
				if strings.Contains(text, tc.hidden) {
					t.Errorf("%q is shown", tc.hidden)
				}
			}
		})
		if tc.to != "" {
			listed++
		}
	}
	if len(api.Refusals) != listed {
		t.Errorf("%d refusals listed, want %d:\n%s", len(api.Refusals), listed, body)
	}
	for i := 1; i < len(api.Refusals); i++ {
		if api.Refusals[i].At.After(api.Refusals[i-1].At) {
			t.Errorf("not newest first: %+v", api.Refusals)
		}
	}
}
