package config

import (
	"testing"
	"time"
)

const messagingConfig = `
sources:
  - {name: merkez, driver: sqlite, database: demo.db}
channels:
  sms: {provider: console}
  email: {provider: console}
jobs:
  - name: reminders
    preset: invoice_reminders
    schedule: "0 10 * * *"
    recipients: both
    quiet_days: [tr_holidays, sundays, 2026-12-31]
    skip_if_wolvox_sent: {}
    sequence:
      - offset: -3d
      - offset: "0"
      - offset: +7d
        messages:
          sms: {text: "{{.FATURA_NO}} gecikti"}
      - offset: 14d
        staff: {sms: "0532 000 00 01", email: Satis@Example.com}
    messages:
      sms: {}
      email: {}
`

// The sequence, staff step, quiet days and Wolvox log settings are read
// once into typed values with their defaults; a job may name a channel
// without a text when its preset has a Turkish default.
func TestMessagingSettings(t *testing.T) {
	cfg, err := Parse("/etc/ac/config.yaml", []byte(messagingConfig), Options{})
	if err != nil {
		t.Fatal(err)
	}
	j := cfg.Jobs[0]
	var offsets []int
	for _, s := range j.Sequence {
		offsets = append(offsets, s.Offset.Days())
	}
	if len(offsets) != 4 || offsets[0] != -3 || offsets[1] != 0 || offsets[2] != 7 || offsets[3] != 14 {
		t.Fatalf("offsets = %v", offsets)
	}
	if j.Sequence[2].Messages == nil || j.Sequence[2].Messages.SMS.Text == "" || j.Sequence[3].Staff.ByChannel()["email"] != "Satis@Example.com" {
		t.Fatalf("steps: %+v", j.Sequence)
	}
	if !j.Recipients.Contacts() || !j.Recipients.Account() || j.ContactsKey != "CARI_BLKODU" {
		t.Fatalf("recipients %q key %q", j.Recipients, j.ContactsKey)
	}
	q := j.QuietDays
	if len(q) != 3 || q[0].Kind != QuietHolidaysTR || q[1].Kind != QuietWeekday || q[1].Weekday != time.Sunday ||
		q[2].Kind != QuietDate || q[2].Date.Format("2006-01-02") != "2026-12-31" {
		t.Fatalf("quiet days: %+v", q)
	}
	w := j.SkipIfWolvoxSent
	if w == nil || w.Table != "MAIL_SMS_LOG" || w.Recipient != "ALICI" || w.Date != "TARIHI" || w.Text != "MESAJ" || w.Within != DefaultWolvoxLogWithin {
		t.Fatalf("wolvox log defaults: %+v", w)
	}
	if a := cfg.Jobs[0]; a.Recipients == "" {
		t.Fatal("no recipients default")
	}
}

func TestDayOffset(t *testing.T) {
	for in, want := range map[string]int{"-3d": -3, "0d": 0, "+7d": 7, "14": 14, " -1 ": -1} {
		if d, err := ParseDayOffset(in); err != nil || d.Days() != want {
			t.Errorf("%q: %v %v", in, d, err)
		}
	}
	for _, bad := range []string{"", "d", "3 days", "1.5d", "99999d"} {
		if _, err := ParseDayOffset(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
