package config

import (
	"errors"
	"maps"
	"strings"
	"testing"
)

// low_credit is one number, the same line for every unit as it always was,
// or a line per unit; unset, a NetGSM or Mutlucell channel gets the default
// 100 for every unit. 0 turns a unit off.
func TestLowCreditForms(t *testing.T) {
	type lines = map[CreditUnit]float64
	for _, tc := range []struct {
		name, value string // value "" leaves low_credit out
		byUnit      bool
		uniform     float64
		lines       lines // the units compared, and their lines
		str         string
	}{
		{"unset: the default", "", false, DefaultLowCredit, lines{CreditTL: 100, CreditSMS: 100, CreditPackages: 100}, "100"},
		{"one number", "50", false, 50, lines{CreditTL: 50, CreditSMS: 50, CreditPackages: 50}, "50"},
		{"a decimal", "39.5", false, 39.5, lines{CreditTL: 39.5, CreditSMS: 39.5, CreditPackages: 39.5}, "39.5"},
		{"0 turns it off", "0", false, 0, lines{}, "0"},
		{"by unit, flow", "{TL: 50, packages: 500}", true, 0, lines{CreditTL: 50, CreditPackages: 500}, "{TL: 50, packages: 500}"},
		{"by unit, block", "\n      packages: 200\n      TL: 20", true, 0, lines{CreditTL: 20, CreditPackages: 200}, "{TL: 20, packages: 200}"},
		{"by unit, 0 turns a unit off", "{TL: 50, sms: 0}", true, 0, lines{CreditTL: 50}, "{TL: 50}"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			low := ""
			if tc.value != "" {
				low = "\n    low_credit: " + tc.value
			}
			cfg, err := Parse("c.yaml", []byte(`sources: [{name: m, driver: sqlite, database: d.db}]
channels:
  sms:
    provider: netgsm`+low+`
    netgsm: {usercode: u, password: "${env:X}", msgheader: MAGAZA}
jobs: [{name: a, preset: new_invoices, schedule: "@every 5m", messages: {sms: {text: hi}}}]
`), Options{})
			if err != nil {
				t.Fatal(err)
			}
			lc := cfg.Channels.ByName()["sms"].LowCredit
			if lc == nil {
				t.Fatal("no low_credit")
			}
			got := lines{}
			for _, u := range CreditUnits {
				if v, ok := lc.Line(u); ok {
					got[u] = v
				}
			}
			if lc.ByUnit() != tc.byUnit || lc.Uniform() != tc.uniform || !maps.Equal(got, tc.lines) || lc.String() != tc.str {
				t.Errorf("low_credit %q read as %v (by unit %v, uniform %v, lines %v)", tc.value, lc, lc.ByUnit(), lc.Uniform(), got)
			}
		})
	}
}

// The constructors refuse what the file's reader refuses.
func TestLowCreditRefusals(t *testing.T) {
	if _, err := UniformLowCredit(-1); err == nil {
		t.Error("UniformLowCredit(-1) accepted")
	}
	for _, lines := range []map[CreditUnit]float64{{CreditTL: -1}, {"tl": 50}, {"packages ": 1}, {}} {
		_, err := LowCreditByUnit(lines)
		var ve *valueError
		if !errors.As(err, &ve) || !strings.HasPrefix(string(ve.msg.Key), "config.shops.low_credit") {
			t.Errorf("LowCreditByUnit(%v) = %v", lines, err)
		}
	}
}
