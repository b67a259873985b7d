package connector_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// message returns invoice i's message on channel.
func (e *env) message(t *testing.T, channel string, i int) outbox.Message {
	t.Helper()
	ms, err := e.store.List(context.Background(), outbox.Filter{Channel: channel, Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.DedupeKey == fmt.Sprintf("invoice:%d:created", i) {
			return m
		}
	}
	t.Fatalf("no %s message for invoice %d", channel, i)
	return outbox.Message{}
}

// The shop owner's page shows why NetGSM refused a message in Turkish: the
// provider's Turkish reason reaches the outbox beside the English one.
func TestNetGSMRefusalKeepsTheTurkishReason(t *testing.T) {
	for _, tc := range []struct {
		name      string
		batch     string
		fault     providertest.Fault
		status    outbox.Status
		code      string
		reasonHas string // the English reason is unchanged: class, code, reason
		reasonTR  string
	}{
		{"permanent, one per request", "1", providertest.FaultPermanent, outbox.StatusFailed, "20",
			"refused permanently (code 20): the message text has a problem or is too long", "mesaj metni hatalı veya çok uzun"},
		{"permanent, batched", "100", providertest.FaultPermanent, outbox.StatusFailed, "20",
			"refused permanently (code 20): the message text has a problem or is too long", "mesaj metni hatalı veya çok uzun"},
		{"credentials pause the channel", "1", providertest.FaultAuth, outbox.StatusPending, "30",
			"provider configuration or credentials rejected (code 30)", "NetGSM kullanıcı adı/şifre hatalı, API erişimi kapalı veya IP izinli değil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := netgsmEnv(t, map[string]string{"BATCH": tc.batch}, nil)
			e.enqueue(t, 1, 1)
			e.fake.Inject(tc.fault, 1)
			if _, err := e.d.Drain(context.Background()); err != nil {
				t.Fatal(err)
			}
			m := e.message(t, "sms", 1)
			if m.Status != tc.status || m.Code != tc.code || !strings.HasPrefix(m.Reason, tc.reasonHas) || m.ReasonTR != tc.reasonTR {
				t.Errorf("message = %s code %q reason %q / %q; want %s code %q reason %q… / %q",
					m.Status, m.Code, m.Reason, m.ReasonTR, tc.status, tc.code, tc.reasonHas, tc.reasonTR)
			}
		})
	}
}

func TestGivingUpAfterRetriesSaysSoInTurkish(t *testing.T) {
	e := netgsmEnv(t, map[string]string{"BATCH": "1"}, nil)
	e.enqueue(t, 1, 1)
	e.fake.Inject(providertest.FaultLimit, 100)
	for range 10 {
		if _, err := e.d.Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
		e.clock.add(7 * time.Hour) // past any backoff or Retry-After
	}
	m := e.message(t, "sms", 1)
	if m.Status != outbox.StatusFailed || !strings.HasPrefix(m.Reason, "gave up after 10 attempts: not sent, retry later (code 80)") ||
		!strings.HasPrefix(m.ReasonTR, "10 denemeden sonra vazgeçildi: not sent, retry later (code 80)") {
		t.Errorf("message = %s, %q / %q; want failed after 10 attempts, in English and Turkish", m.Status, m.Reason, m.ReasonTR)
	}
}

func TestDeliveryReportsAndOptOutInTurkish(t *testing.T) {
	e := netgsmEnv(t, nil, nil)
	e.enqueue(t, 1, 2)
	if err := e.store.OptOut(context.Background(), "+905320000002", "asked by phone"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.d.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.fake.SetStatus("5320000001", 3, 105)
	if err := e.d.Reconcile(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name             string
		invoice          int
		status           outbox.Status
		reasonHas, trHas string
	}{
		{"not delivered", 1, outbox.StatusFailed, "not delivered: ", "iletilemedi: "},
		{"opted out", 2, outbox.StatusSkipped, "the recipient is on the opt-out list", "alıcı gönderim listesinden çıkmış (opt-out)"},
	} {
		m := e.message(t, "sms", tc.invoice)
		if m.Status != tc.status || !strings.HasPrefix(m.Reason, tc.reasonHas) || !strings.HasPrefix(m.ReasonTR, tc.trHas) ||
			strings.TrimPrefix(m.Reason, tc.reasonHas) != strings.TrimPrefix(m.ReasonTR, tc.trHas) {
			t.Errorf("%s: message = %s, %q / %q; want %s, %q… / %q…", tc.name, m.Status, m.Reason, m.ReasonTR, tc.status, tc.reasonHas, tc.trHas)
		}
	}
}

// Records skipped by mapping (a landline, no number) carry mapping's Turkish
// reason into the outbox; the preset's own checks explain in English only.
func TestSkippedRecordsCarryTheTurkishReason(t *testing.T) {
	ctx := context.Background()
	_, cfg := setup(t, "backfill: all")
	d := newDaemon(t, cfg, &bytes.Buffer{}, &fakeProvider{})
	defer d.Close()
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	ms, err := d.Store().List(ctx, outbox.Filter{Status: outbox.StatusSkipped})
	if err != nil {
		t.Fatal(err)
	}
	var recipient, check int
	for _, m := range ms {
		switch {
		case strings.Contains(m.Reason, "does not exist in CARI"):
			check++
			if m.ReasonTR != "" {
				t.Errorf("message %d: %q has a Turkish reason %q; want none", m.ID, m.Reason, m.ReasonTR)
			}
		case strings.HasPrefix(m.Reason, "no usable recipient: "), strings.HasPrefix(m.Reason, "no recipient: "):
			recipient++
			if !strings.HasPrefix(m.ReasonTR, "kullanılabilir alıcı yok: ") && !strings.HasPrefix(m.ReasonTR, "alıcı yok: ") {
				t.Errorf("message %d: %q has Turkish reason %q", m.ID, m.Reason, m.ReasonTR)
			}
		default:
			t.Errorf("message %d: unexpected skip %q / %q", m.ID, m.Reason, m.ReasonTR)
		}
	}
	if recipient == 0 || check == 0 {
		t.Errorf("the demo data skipped %d records for their recipient and %d for the preset's check; want both kinds", recipient, check)
	}
}
