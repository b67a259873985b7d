package status_test

import (
	"encoding/json"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// What "low" means: with one number, every balance the account reports is
// under it, whatever its unit (as before the per-unit form); with lines per
// unit, every balance that has a line is under its own line, a unit
// without a line (or with 0) is not compared, and an account with nothing
// compared is never low.
func TestCreditLow(t *testing.T) {
	tl := func(v float64) notify.Balance { return notify.Balance{Name: "credit", Amount: v, Unit: notify.UnitTL} }
	sms := func(v float64) notify.Balance { return notify.Balance{Name: "credit", Amount: v, Unit: notify.UnitSMS} }
	pkg := func(v float64) notify.Balance { return notify.Balance{Name: "Sms Hizmeti - Giden", Amount: v} }
	type lines = map[config.CreditUnit]float64
	for _, tc := range []struct {
		name     string
		balances []notify.Balance
		uniform  float64 // used when byUnit is nil
		byUnit   lines
		low      bool
	}{
		{"one number: a TL credit under it", []notify.Balance{tl(39.5)}, 100, nil, true},
		{"one number: at the line is not under it", []notify.Balance{tl(100)}, 100, nil, false},
		{"one number: a package above it keeps the account", []notify.Balance{tl(39.5), pkg(215)}, 100, nil, false},
		{"one number: everything under it", []notify.Balance{tl(39.5), pkg(60)}, 100, nil, true},
		{"one number: 0 never alerts", []notify.Balance{tl(0)}, 0, nil, false},
		{"one number: SMS credits", []notify.Balance{sms(99)}, 100, nil, true},
		{"by unit: 90 TL over TL 50 though a package of 60 is under 500", []notify.Balance{tl(90), pkg(60)}, 0, lines{config.CreditTL: 50, config.CreditPackages: 500}, false},
		{"by unit: both under their own lines", []notify.Balance{tl(40), pkg(60)}, 0, lines{config.CreditTL: 50, config.CreditPackages: 500}, true},
		{"by unit: a unit without a line is not compared", []notify.Balance{tl(40), pkg(10000)}, 0, lines{config.CreditTL: 50}, true},
		{"by unit: 0 turns a unit off", []notify.Balance{tl(40), pkg(60)}, 0, lines{config.CreditTL: 50, config.CreditPackages: 0}, true},
		{"by unit: nothing compared is not low", []notify.Balance{sms(3)}, 0, lines{config.CreditTL: 50}, false},
		{"by unit: SMS credits under their line", []notify.Balance{sms(450)}, 0, lines{config.CreditTL: 50, config.CreditSMS: 500}, true},
		{"by unit: all lines 0", []notify.Balance{tl(1)}, 0, lines{config.CreditTL: 0}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lc, err := config.UniformLowCredit(tc.uniform)
			if tc.byUnit != nil {
				lc, err = config.LowCreditByUnit(tc.byUnit)
			}
			if err != nil {
				t.Fatal(err)
			}
			c := status.NewCredit("sms", "netgsm", tc.balances, lc, time.Now())
			if c.Low != tc.low {
				t.Errorf("low = %v, want %v (%+v)", c.Low, tc.low, c)
			}
		})
	}
}

// The warning shows the line of each balance it is about: the one number
// once, as before, or each compared balance with its own line; a balance
// without a line is left out of it.
func TestCreditWarningShowsEachLine(t *testing.T) {
	bs := []notify.Balance{{Name: "credit", Amount: 39.5, Unit: notify.UnitTL}, {Name: "Sms Hizmeti - Giden", Amount: 60}, {Name: "credit", Amount: 2, Unit: notify.UnitSMS}}
	one, _ := config.UniformLowCredit(100)
	each, err := config.LowCreditByUnit(map[config.CreditUnit]float64{config.CreditTL: 50, config.CreditPackages: 200})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lc     config.LowCredit
		tr, en string
	}{
		{one, "Sağlayıcı bakiyesi düşük (39,50 TL, Sms Hizmeti - Giden: 60, 2 SMS kredisi; sınır 100): mesajlar durmadan önce hesaba kredi yükleyin",
			"The provider's balance is low (39.50 TL, Sms Hizmeti - Giden: 60, 2 SMS credits; limit 100): top up the account before messages stop"},
		{each, "Sağlayıcı bakiyesi düşük (39,50 TL, sınır 50; Sms Hizmeti - Giden: 60, sınır 200): mesajlar durmadan önce hesaba kredi yükleyin",
			"The provider's balance is low (39.50 TL, limit 50; Sms Hizmeti - Giden: 60, limit 200): top up the account before messages stop"},
	} {
		c := status.NewCredit("sms", "netgsm", bs, tc.lc, time.Now())
		if !c.Low {
			t.Fatalf("%v: not low", tc.lc)
		}
		if got := c.Warning(catalog.TR); got != tc.tr {
			t.Errorf("%v:\n got %s\nwant %s", tc.lc, got, tc.tr)
		}
		if got := c.Warning(catalog.EN); got != tc.en {
			t.Errorf("%v:\n got %s\nwant %s", tc.lc, got, tc.en)
		}
	}
}

// The API keeps threshold for the one number, as before, and carries the
// lines per unit in thresholds; a Credit read back from it (the status
// command reads the running service's API) says the same warning.
func TestCreditJSON(t *testing.T) {
	bs := []notify.Balance{{Name: "credit", Amount: 39.5, Unit: notify.UnitTL}}
	one, _ := config.UniformLowCredit(100)
	each, _ := config.LowCreditByUnit(map[config.CreditUnit]float64{config.CreditTL: 50, config.CreditSMS: 0})
	for _, tc := range []struct {
		lc         config.LowCredit
		has, never string
		thresholds map[config.CreditUnit]float64
	}{
		{one, `"threshold":100,`, `"thresholds"`, nil},
		{each, `"threshold":0,"thresholds":{"TL":50},`, `"sms":`, map[config.CreditUnit]float64{config.CreditTL: 50}},
	} {
		c := status.NewCredit("sms", "netgsm", bs, tc.lc, time.Date(2026, 12, 2, 19, 0, 0, 0, time.UTC))
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tc.has) || strings.Contains(string(b), tc.never) {
			t.Errorf("%v: %s", tc.lc, b)
		}
		var back status.Credit
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !maps.Equal(back.Thresholds, tc.thresholds) || back.Warning(catalog.TR) != c.Warning(catalog.TR) {
			t.Errorf("%v: read back as %+v", tc.lc, back)
		}
	}
}

// Every unit the balances carry has its low_credit unit.
func TestUnitOf(t *testing.T) {
	for b, want := range map[notify.Balance]config.CreditUnit{
		{Unit: notify.UnitTL}:         config.CreditTL,
		{Unit: notify.UnitSMS}:        config.CreditSMS,
		{Name: "Sms Hizmeti - Giden"}: config.CreditPackages,
		{Name: "TL Bakiye"}:           config.CreditPackages, // by name only: NetGSM's words are not read
	} {
		if got := status.UnitOf(b); got != want {
			t.Errorf("UnitOf(%+v) = %q, want %q", b, got, want)
		}
	}
}
