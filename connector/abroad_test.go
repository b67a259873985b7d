package connector_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// A customer with a foreign mobile number, on a job whose SMS goes through
// NetGSM with an e-mail fallback: the SMS ends failed, as abroad, in both
// languages with what to do instead, and offers no Retry; its e-mail
// fallback starts at once. The Turkish customer of the same batch gets the SMS.
// However NetGSM would answer a foreign number (the fake's two readings),
// it is never asked.
func TestForeignNumberFailsAsAbroadAndFallsBack(t *testing.T) {
	for _, reading := range []netgsmtest.Abroad{netgsmtest.AbroadRefused, netgsmtest.AbroadUndelivered} {
		t.Run(fmt.Sprint("abroad reading ", reading), func(t *testing.T) {
			e := netgsmEnv(t, nil, nil)
			e.fake.Abroad = reading
			ctx := context.Background()
			var ms []outbox.NewMessage
			for i, to := range map[int]string{1: "+905320000001", 2: "+4915112345678"} {
				key := fmt.Sprintf("invoice:%d:created", i)
				ms = append(ms, outbox.NewMessage{Message: mapping.Message{Channel: "sms", To: to, Text: "Fatura"}, DedupeKey: key, RecordKey: fmt.Sprint(i)},
					outbox.NewMessage{Message: mapping.Message{Channel: "email", To: fmt.Sprintf("m%d@example.com", i), Text: "Fatura"}, DedupeKey: key, RecordKey: fmt.Sprint(i), Standby: 1})
			}
			if _, err := e.store.Enqueue(ctx, outbox.Batch{Job: "new-invoices", Source: "demo", Messages: ms}); err != nil {
				t.Fatal(err)
			}
			if _, err := e.d.Drain(ctx); err != nil {
				t.Fatal(err)
			}
			m := e.message(t, "sms", 2)
			if m.Status != outbox.StatusFailed || m.Code != "" || m.Reason.Code != notify.ReasonAbroad || m.Reason.Args["country"] != "+49" {
				t.Fatalf("foreign SMS = %s code %q reason %+v; want failed, no code, %s +49", m.Status, m.Code, m.Reason, notify.ReasonAbroad)
			}
			for _, tc := range []struct {
				l    catalog.Lang
				want []string
			}{
				{catalog.TR, []string{"yurt dışı numara (+49)", "NetGSM ile gönderilemez", "tekrar denemek işe yaramaz", "fallback: [email]", "cari kartında"}},
				{catalog.EN, []string{"a foreign number (+49)", "cannot be sent through NetGSM", "retrying will not help", "fallback: [email]", "account card"}},
			} {
				got := tc.l.ReasonWithCode(m.Reason, m.Code)
				for _, w := range tc.want {
					if !strings.Contains(got, w) {
						t.Errorf("%s reason %q lacks %q", tc.l, got, w)
					}
				}
				// messages list cuts a reason at 120 characters: that much
				// already says not to retry, and starts the hint.
				if r := []rune(got); len(r) > 120 && !strings.Contains(string(r[:120]), tc.want[2]) {
					t.Errorf("%s reason's first 120 characters %q do not say %q", tc.l, string(r[:120]), tc.want[2])
				}
			}
			if v := status.View(m); v.CanRetry {
				t.Error("the page offers Retry for a number NetGSM is never sent")
			}
			// The refusal started the fallback: the e-mail is due, and the
			// next drain sends it.
			if s := e.status(t, "email", 2); s != outbox.StatusPending {
				t.Fatalf("the foreign customer's e-mail fallback is %s after the SMS failed, want pending", s)
			}
			if _, err := e.d.Drain(ctx); err != nil {
				t.Fatal(err)
			}
			for i, want := range map[int][2]outbox.Status{1: {outbox.StatusSent, outbox.StatusStandby}, 2: {outbox.StatusFailed, outbox.StatusSent}} {
				if sms, email := e.status(t, "sms", i), e.status(t, "email", i); sms != want[0] || email != want[1] {
					t.Errorf("invoice %d: sms %s email %s, want %v", i, sms, email, want)
				}
			}
			if got := e.fake.Messages(); len(got) != 1 || got[0].Number != "905320000001" {
				t.Errorf("NetGSM got %+v, want the Turkish number alone", got)
			}
		})
	}
}
