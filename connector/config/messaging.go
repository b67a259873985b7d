package config

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
)

// The settings of what shops send beyond a single message per row: reminder
// sequences, contact persons as recipients, quiet days, and the check
// against Wolvox's own send log. Each is a field of Job (config.go).

// ReminderStep is one step of a reminder sequence (preset
// invoice_reminders): sent once per invoice, on the day Offset from its due
// date, while the invoice is still open.
type ReminderStep struct {
	// Offset is days relative to the due date: "-3d" before, "0d" on it,
	// "7d" after.
	Offset DayOffset `yaml:"offset"`
	// Messages replaces the job's messages for this step, channel by
	// channel; channels it leaves out use the job's.
	Messages *Messages `yaml:"messages"`
	// Staff, when set, sends this step to the shop's own people instead of
	// the customer: one address per channel.
	Staff *StaffRecipients `yaml:"staff"`
}

// StaffRecipients are the shop's own addresses a step notifies.
type StaffRecipients struct {
	SMS      string `yaml:"sms"`
	WhatsApp string `yaml:"whatsapp"`
	Email    string `yaml:"email"`
}

// ByChannel lists the addresses by channel name.
func (s StaffRecipients) ByChannel() map[string]string {
	out := map[string]string{}
	for ch, a := range map[string]string{"sms": s.SMS, "whatsapp": s.WhatsApp, "email": s.Email} {
		if strings.TrimSpace(a) != "" {
			out[ch] = strings.TrimSpace(a)
		}
	}
	return out
}

// DayOffset is a whole number of days relative to a date, "-3d", "0d",
// "+7d" or a plain number.
type DayOffset struct {
	days int
	set  bool
}

// ParseDayOffset reads "-3d", "0d", "7d", "+7d" or "-3".
func ParseDayOffset(s string) (DayOffset, error) {
	v := strings.TrimSuffix(strings.TrimSpace(s), "d")
	n, err := strconv.Atoi(strings.TrimPrefix(v, "+"))
	if err != nil || v == "" || n < -3650 || n > 3650 {
		return DayOffset{}, bad("config.day_offset", "value", quote(s))
	}
	return DayOffset{days: n, set: true}, nil
}

// Days is the offset in days (negative: before).
func (d DayOffset) Days() int { return d.days }

// IsSet is false when the file does not give the offset.
func (d DayOffset) IsSet() bool { return d.set }

func (d DayOffset) String() string { return fmt.Sprintf("%+dd", d.days) }

func (d *DayOffset) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.day_offset"), func(s string) error {
		v, err := ParseDayOffset(s)
		*d = v
		return err
	})
}

func (d DayOffset) MarshalYAML() (any, error) { return d.String(), nil }

// Addressees are whom a job's messages go to: the customer account's own
// numbers and addresses (the default), its contact persons (CARI_YETKILI
// rows with Wolvox's "send SMS" flag), or both.
type Addressees string

const (
	AddressAccount  Addressees = "account"
	AddressContacts Addressees = "contacts"
	AddressBoth     Addressees = "both"
)

// Contacts reports whether contact persons are addressed.
func (a Addressees) Contacts() bool { return a == AddressContacts || a == AddressBoth }

// Account reports whether the account's own numbers are addressed.
func (a Addressees) Account() bool { return a != AddressContacts }

func (a *Addressees) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.recipients"), func(s string) error {
		switch v := Addressees(strings.TrimSpace(s)); v {
		case AddressAccount, AddressContacts, AddressBoth:
			*a = v
			return nil
		}
		return bad("config.recipients", "value", quote(s), "suggest", didYouMean(s, []string{"account", "contacts", "both"}))
	})
}

// QuietDayKind is what one quiet_days entry names.
type QuietDayKind int

const (
	QuietHolidaysTR QuietDayKind = iota + 1 // Turkish public holidays, religious ones included
	QuietWeekday                            // every such weekday
	QuietDate                               // one calendar date
)

// QuietDay is one entry of a job's quiet_days: "tr_holidays", "sundays",
// "saturdays" or a date "2026-12-31".
type QuietDay struct {
	Kind    QuietDayKind
	Weekday time.Weekday
	Date    time.Time // QuietDate: midnight UTC of that day
	text    string
}

var weekdayNames = map[string]time.Weekday{"sundays": time.Sunday, "mondays": time.Monday, "tuesdays": time.Tuesday,
	"wednesdays": time.Wednesday, "thursdays": time.Thursday, "fridays": time.Friday, "saturdays": time.Saturday}

// ParseQuietDay reads one quiet_days entry.
func ParseQuietDay(s string) (QuietDay, error) {
	s = strings.TrimSpace(s)
	if s == "tr_holidays" {
		return QuietDay{Kind: QuietHolidaysTR, text: s}, nil
	}
	if wd, ok := weekdayNames[s]; ok {
		return QuietDay{Kind: QuietWeekday, Weekday: wd, text: s}, nil
	}
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return QuietDay{Kind: QuietDate, Date: d, text: s}, nil
	}
	names := []string{"tr_holidays", "sundays", "saturdays"}
	return QuietDay{}, bad("config.quiet_day", "value", quote(s), "suggest", didYouMean(s, names))
}

func (q QuietDay) String() string { return q.text }

func (q *QuietDay) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.quiet_day"), func(s string) error {
		v, err := ParseQuietDay(s)
		*q = v
		return err
	})
}

func (q QuietDay) MarshalYAML() (any, error) { return q.text, nil }

// WolvoxLog is where Wolvox records what it sent itself (MAIL_SMS_LOG): a
// job with it set skips a message Wolvox already sent to the same recipient
// about the same document within Within. The table's shape is not known
// [UNCONFIRMED]: every name is a setting, with defaults guessed from
// Wolvox's naming (defaults.go).
type WolvoxLog struct {
	Table     string `yaml:"table"`
	Recipient string `yaml:"recipient"` // the column with the phone number or e-mail address
	Date      string `yaml:"date"`      // when it was sent
	Text      string `yaml:"text"`      // the message sent; empty: match by recipient and time only
	// Match is the column of this job's rows whose value must appear in
	// Wolvox's text (the invoice number); default: the preset's document
	// column. "none" (and a job with its own SQL that sets none) matches by
	// recipient and time alone.
	Match  string   `yaml:"match"`
	Within Duration `yaml:"within"`
}

// applyMessagingDefaults fills in this file's settings of one job.
func (j *Job) applyMessagingDefaults() {
	if j.Recipients == "" {
		j.Recipients = AddressAccount
	}
	if j.ContactsKey == "" {
		j.ContactsKey = DefaultContactsKey
	}
	if w := j.SkipIfWolvoxSent; w != nil {
		for _, f := range []struct {
			v   *string
			def string
		}{{&w.Table, DefaultWolvoxLogTable}, {&w.Recipient, DefaultWolvoxLogRecipient}, {&w.Date, DefaultWolvoxLogDate}, {&w.Text, DefaultWolvoxLogText}} {
			if *f.v == "" {
				*f.v = f.def
			}
			*f.v = strings.ToUpper(*f.v)
		}
		if !strings.EqualFold(w.Match, "none") {
			w.Match = strings.ToUpper(w.Match)
		}
		setDefault(&w.Within, DefaultWolvoxLogWithin)
	}
}
