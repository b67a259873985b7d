package consent

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
)

// iys is İYS in memory, counting the questions.
type iys struct {
	records map[string]netgsm.IYSRecord
	asked   int
	refused []string
	down    bool
}

func (y *iys) Search(_ context.Context, typ, recipient, rtype string) (netgsm.IYSRecord, error) {
	y.asked++
	if y.down {
		return netgsm.IYSRecord{}, errors.New("İYS is down")
	}
	return y.records[typ+"|"+recipient+"|"+rtype], nil
}

func (y *iys) Refuse(_ context.Context, typ, recipient, rtype, source string, _ time.Time) error {
	y.refused = append(y.refused, typ+"|"+recipient+"|"+rtype+"|"+source)
	return nil
}

func TestCheck(t *testing.T) {
	ctx := context.Background()
	store, err := outbox.Open(ctx, filepath.Join(t.TempDir(), "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	y := &iys{records: map[string]netgsm.IYSRecord{
		"MESAJ|+905321234567|BIREYSEL":      {Found: true, Status: "ONAY", ConsentDate: "2025-01-01 10:00:00", Source: "HS_WEB"},
		"MESAJ|+905330000000|BIREYSEL":      {Found: true, Status: "RET", ConsentDate: "2025-06-01 10:00:00", Source: "HS_MESAJ"},
		"EPOSTA|ayse@example.com|BIREYSEL":  {Found: true, Status: "ONAY"},
		"MESAJ|+905340000000|TACIR":         {Found: true, Status: "RET"},
		"EPOSTA|muhasebe@example.com|TACIR": {},
		"MESAJ|+905321234567|TACIR":         {},
	}}
	c := New(store, y, 24*time.Hour, func() time.Time { return now }, nil)
	for _, tc := range []struct {
		to, channel string
		merchant    bool
		want        bool
		why         string
	}{
		{"+905321234567", "sms", false, true, ""},
		{"+905321234567", "whatsapp", false, true, ""}, // MESAJ covers WhatsApp
		{"+905330000000", "sms", false, false, ReasonRefused},
		{"+905350000000", "sms", false, false, ReasonNone}, // no record: an individual needs a consent
		{"ayse@example.com", "email", false, true, ""},
		{"+905340000000", "sms", true, false, ReasonRefused}, // a merchant who refused
		{"muhasebe@example.com", "email", true, true, ""},    // a merchant needs no prior consent
		{"+905321234567", "webhook", false, true, ""},        // İYS does not cover the shop's own system
	} {
		d, err := c.Check(ctx, tc.to, tc.channel, tc.merchant)
		if err != nil || d.Allowed != tc.want || d.Why.Code != tc.why {
			t.Errorf("%s %s merchant %v: %+v, %v; want %v %s", tc.to, tc.channel, tc.merchant, d, err, tc.want, tc.why)
		}
	}
	asked := y.asked
	if _, err := c.Check(ctx, "+905321234567", "sms", false); err != nil || y.asked != asked {
		t.Errorf("a fresh answer was asked again (%d → %d)", asked, y.asked)
	}
	cached, ok, _ := store.Consent(ctx, "+905321234567", "MESAJ", "BIREYSEL")
	if !ok || cached.ConsentDate != "2025-01-01 10:00:00" || cached.Source != "HS_WEB" {
		t.Errorf("the cache lacks the consent's proof: %+v", cached)
	}
	// İYS changes: the refresh finds it, and an unreachable İYS is an
	// error (the message waits), never a yes.
	y.records["MESAJ|+905321234567|BIREYSEL"] = netgsm.IYSRecord{Found: true, Status: "RET"}
	now = now.Add(25 * time.Hour)
	if n, err := c.RefreshStale(ctx, 100); err != nil || n == 0 {
		t.Fatalf("refresh: %d, %v", n, err)
	}
	if d, _ := c.Check(ctx, "+905321234567", "sms", false); d.Allowed {
		t.Error("a refusal at İYS was not seen after the refresh")
	}
	y.down = true
	if _, err := c.Check(ctx, "+905399999999", "sms", false); err == nil {
		t.Error("an unreachable İYS gave an answer")
	}
	y.down = false
	if err := c.Refused(ctx, "+905350000000", "sms", now); err != nil || len(y.refused) != 1 || y.refused[0] != "MESAJ|+905350000000|BIREYSEL|HS_MESAJ" {
		t.Errorf("refusal to İYS: %v %v", err, y.refused)
	}
	if d, _ := c.Check(ctx, "+905350000000", "sms", false); d.Allowed || d.Why.Code != ReasonRefused {
		t.Errorf("after the refusal: %+v", d)
	}
}
