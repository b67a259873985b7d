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

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
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

// The shop owner's page shows why NetGSM refused a message, in Turkish and
// English from one stored reason: NetGSM's code, its text in the catalog and
// NetGSM's own words.
func TestNetGSMRefusalReadsInBothLanguages(t *testing.T) {
	for _, tc := range []struct {
		name   string
		batch  string
		fault  providertest.Fault
		status outbox.Status
		code   string
		en, tr string // prefixes
	}{
		{"permanent, one per request", "1", providertest.FaultPermanent, outbox.StatusFailed, "20",
			"the message text has a problem or is too long", "mesaj metni hatalı veya çok uzun"},
		{"permanent, batched", "100", providertest.FaultPermanent, outbox.StatusFailed, "20",
			"the message text has a problem or is too long", "mesaj metni hatalı veya çok uzun"},
		{"credentials pause the channel", "1", providertest.FaultAuth, outbox.StatusPending, "30",
			"NetGSM rejected the usercode/password", "NetGSM kullanıcı adı/şifre hatalı, API erişimi kapalı veya bu IP izinli değil"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := netgsmEnv(t, map[string]string{"BATCH": tc.batch}, nil)
			e.enqueue(t, 1, 1)
			e.fake.Inject(tc.fault, 1)
			if _, err := e.d.Drain(context.Background()); err != nil {
				t.Fatal(err)
			}
			m := e.message(t, "sms", 1)
			en, tr := catalog.EN.Reason(m.Reason), catalog.TR.Reason(m.Reason)
			if m.Status != tc.status || m.Code != tc.code || !strings.HasPrefix(en, tc.en) || !strings.HasPrefix(tr, tc.tr) {
				t.Errorf("message = %s code %q reason %q / %q; want %s code %q reason %q… / %q…",
					m.Status, m.Code, en, tr, tc.status, tc.code, tc.en, tc.tr)
			}
		})
	}
}

func TestGivingUpAfterRetriesSaysSoInBothLanguages(t *testing.T) {
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
	en, tr := catalog.EN.Reason(m.Reason), catalog.TR.Reason(m.Reason)
	if m.Status != outbox.StatusFailed || !strings.HasPrefix(en, "gave up after 10 attempts: NetGSM's sending or query limit was exceeded") ||
		!strings.HasPrefix(tr, "10 denemeden sonra vazgeçildi: NetGSM gönderim veya sorgu sınırı aşıldı") {
		t.Errorf("message = %s, %q / %q; want failed after 10 attempts, in English and Turkish", m.Status, en, tr)
	}
}

func TestDeliveryReportsAndOptOutInBothLanguages(t *testing.T) {
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
		name    string
		invoice int
		status  outbox.Status
		en, tr  string
	}{
		{"not delivered", 1, outbox.StatusFailed, "not delivered: invalid or restricted number (operator error 105)",
			"iletilemedi: geçersiz veya kısıtlı numara (operatör hatası 105)"},
		{"opted out", 2, outbox.StatusSkipped, "the recipient is on the opt-out list", "alıcı gönderim listesinden çıkmış (opt-out)"},
	} {
		m := e.message(t, "sms", tc.invoice)
		if en, tr := catalog.EN.Reason(m.Reason), catalog.TR.Reason(m.Reason); m.Status != tc.status || en != tc.en || tr != tc.tr {
			t.Errorf("%s: message = %s, %q / %q; want %s, %q / %q", tc.name, m.Status, en, tr, tc.status, tc.en, tc.tr)
		}
	}
}

// Records skipped by mapping (a landline, no number) and by the preset's own
// check (a missing customer) carry their reason in both languages.
func TestSkippedRecordsReadInBothLanguages(t *testing.T) {
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
		en, tr := catalog.EN.Reason(m.Reason), catalog.TR.Reason(m.Reason)
		switch {
		case strings.Contains(en, "does not exist in CARI"):
			check++
			if !strings.Contains(tr, "CARI tablosunda yok") {
				t.Errorf("message %d: %q reads %q in Turkish", m.ID, en, tr)
			}
		case strings.HasPrefix(en, "no usable recipient: "), strings.HasPrefix(en, "no recipient: "):
			recipient++
			if !strings.HasPrefix(tr, "kullanılabilir alıcı yok: ") && !strings.HasPrefix(tr, "alıcı yok: ") {
				t.Errorf("message %d: %q reads %q in Turkish", m.ID, en, tr)
			}
		default:
			t.Errorf("message %d: unexpected skip %q / %q", m.ID, en, tr)
		}
	}
	if recipient == 0 || check == 0 {
		t.Errorf("the demo data skipped %d records for their recipient and %d for the preset's check; want both kinds", recipient, check)
	}
}
