package config

import "testing"

// max_segments has a default: no job sends an SMS of unbounded length.
func TestMaxSegmentsHasADefault(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte(`sources: [{name: m, driver: sqlite, database: d.db}]
channels: {sms: {provider: console}}
jobs:
  - {name: a, preset: new_invoices, schedule: "@every 5m", messages: {sms: {text: hi}}}
  - {name: b, preset: new_invoices, schedule: "@every 5m", max_segments: 2, messages: {sms: {text: hi}}}
`), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Jobs[0].MaxSegments; got != DefaultMaxSegments {
		t.Errorf("max_segments left out = %d, want the default %d", got, DefaultMaxSegments)
	}
	if got := cfg.Jobs[1].MaxSegments; got != 2 {
		t.Errorf("max_segments: 2 = %d", got)
	}
}
