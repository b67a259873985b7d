package netgsm_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// TestNumber maps the numbers the outbox holds (E.164, from the mapping
// layer) to NetGSM's 10 digits, or to the reason it cannot take them: a
// foreign number is abroad, with its calling code and no NetGSM code.
func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		in, want     string
		reason, code string
		country      string
	}{
		{in: "+905321234567", want: "5321234567"},
		{in: "905321234567", want: "5321234567"},
		{in: "05321234567", want: "5321234567"},
		{in: "5321234567", want: "5321234567"},
		{in: "+905421234567", want: "5421234567"}, // KKTC's mobiles are +90 too
		{in: "+4915112345678", reason: notify.ReasonAbroad, country: "+49"},
		{in: "+447911123456", reason: notify.ReasonAbroad, country: "+44"},
		{in: "+35799123456", reason: notify.ReasonAbroad, country: "+357"},
		{in: "+12025550123", reason: notify.ReasonAbroad, country: "+1"},
		{in: "+902121234567", reason: netgsm.ReasonNotTurkishMobile, code: "number"},
		{in: "+90532123456", reason: netgsm.ReasonNotTurkishMobile, code: "number"},
		{in: "4915112345678", reason: netgsm.ReasonNotTurkishMobile, code: "number"},
		{in: "+", reason: netgsm.ReasonNotTurkishMobile, code: "number"},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, err := netgsm.Number(tc.in)
			if tc.reason == "" {
				if err != nil || got != tc.want {
					t.Fatalf("Number(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
				}
				return
			}
			e := notify.AsError(err)
			if !errors.Is(err, notify.ErrPermanent) || e.Why.Code != tc.reason || e.Code != tc.code || e.Why.Args["country"] != tc.country {
				t.Fatalf("Number(%q) = %q, %v; want permanent %s (code %q, country %q)", tc.in, got, err, tc.reason, tc.code, tc.country)
			}
			if e.BadRecipient || e.Refused {
				t.Fatalf("Number(%q) marks the recipient bad or refusing: that would stop the other channels too", tc.in)
			}
			if tc.reason == notify.ReasonAbroad && e.Why.Args["provider"] != "NetGSM" {
				t.Fatalf("Number(%q) names provider %q", tc.in, e.Why.Args["provider"])
			}
		})
	}
}

// TestForeignNumberUnderBothReadings: how NetGSM answers a foreign number
// is not documented. Under either reading of the fake (the whole request
// refused with 70, or accepted and reported undeliverable) the foreign
// number never reaches it, and the Turkish one of the same batch goes.
func TestForeignNumberUnderBothReadings(t *testing.T) {
	for _, reading := range []netgsmtest.Abroad{netgsmtest.AbroadRefused, netgsmtest.AbroadUndelivered} {
		t.Run(readingName(reading), func(t *testing.T) {
			p, fake := start(t, 5*time.Second, nil)
			fake.Abroad = reading
			ms := []notify.Message{msg("+4915112345678", "Faturanız hazır"), msg("+905321234567", "Faturanız hazır")}
			ms[1].ID = 2
			res, errs := p.SendBatch(context.Background(), ms)
			e := notify.AsError(errs[0])
			if !errors.Is(errs[0], notify.ErrPermanent) || e.Why.Code != notify.ReasonAbroad || e.Code != "" {
				t.Fatalf("foreign number = %v, want permanent %s with no code", errs[0], notify.ReasonAbroad)
			}
			if errs[1] != nil || res[1].ProviderID == "" {
				t.Fatalf("Turkish number of the same batch = %+v, %v; want accepted", res[1], errs[1])
			}
			got := fake.Messages()
			if len(got) != 1 || got[0].Number != "905321234567" {
				t.Fatalf("the fake took %+v, want only the Turkish number", got)
			}
		})
	}
}

// TestFakeAbroad checks the fake's two readings themselves, the way a
// client that sent a foreign number would meet them.
func TestFakeAbroad(t *testing.T) {
	for _, tc := range []struct {
		reading netgsmtest.Abroad
		no      string
		code    string
		status  int // the report's status of the number, when accepted
	}{
		{netgsmtest.AbroadRefused, "4915112345678", "70", 0},
		{netgsmtest.AbroadRefused, "004915112345678", "70", 0},
		{netgsmtest.AbroadUndelivered, "4915112345678", "00", 3},
		{netgsmtest.AbroadUndelivered, "00447911123456", "00", 3},
		{netgsmtest.AbroadUndelivered, "5321234567", "00", 0},
		{netgsmtest.AbroadUndelivered, "9053212345678", "70", 0}, // neither 10 digits nor foreign
	} {
		t.Run(readingName(tc.reading)+"/"+tc.no, func(t *testing.T) {
			_, fake := start(t, 5*time.Second, nil)
			fake.Abroad = tc.reading
			a := post(t, fake, "/sms/rest/v2/send", map[string]any{"msgheader": "MAGAZA", "iysfilter": "0",
				"messages": []map[string]string{{"msg": "x", "no": tc.no}}})
			if a["code"] != tc.code {
				t.Fatalf("send of %s = %v, want code %s", tc.no, a, tc.code)
			}
			if tc.code != "00" {
				if len(fake.Messages()) != 0 {
					t.Fatalf("a refused request left messages: %+v", fake.Messages())
				}
				return
			}
			now := time.Now()
			r := post(t, fake, "/sms/rest/v2/report", map[string]any{"jobids": []string{a["jobid"].(string)},
				"startdate": now.Add(-time.Hour).In(istanbul(t)).Format("02.01.2006 15:04:05"),
				"stopdate":  now.Add(time.Hour).In(istanbul(t)).Format("02.01.2006 15:04:05"), "pagenumber": 0, "pagesize": 100})
			jobs, _ := r["jobs"].([]any)
			if len(jobs) != 1 {
				t.Fatalf("report = %v, want one row", r)
			}
			row := jobs[0].(map[string]any)
			wantOp := 30.0
			if tc.status == 3 {
				wantOp = 212
			}
			if row["status"] != float64(tc.status) || row["operator"] != wantOp {
				t.Fatalf("report row = %v, want status %d operator %v", row, tc.status, wantOp)
			}
		})
	}
}

func readingName(r netgsmtest.Abroad) string {
	if r == netgsmtest.AbroadUndelivered {
		return "accepted-then-undelivered"
	}
	return "refused-70"
}

func istanbul(t *testing.T) *time.Location {
	l, err := time.LoadLocation("Europe/Istanbul")
	if err != nil {
		return time.FixedZone("TRT", 3*3600)
	}
	return l
}

// post sends body to the fake as NetGSM's clients do and reads its answer.
func post(t *testing.T, fake *netgsmtest.Server, path string, body any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(http.MethodPost, fake.URL()+path, bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	req.SetBasicAuth(fake.User, fake.Password)
	req.Header.Set("Content-Type", "application/json")
	resp, err := fake.Server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var a map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&a); err != nil {
		t.Fatal(err)
	}
	return a
}
