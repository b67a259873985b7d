package mapping

import (
	"strings"
	"testing"
)

// Addresses past the SMTP and DNS limits are skipped with the reason and
// the numbers its text needs; those at the limits pass.
func TestEmailLengthLimits(t *testing.T) {
	label := strings.Repeat("a", 63)
	for _, tc := range []struct {
		addr         string
		want, length string // want "" accepted, else the reason code
	}{
		{strings.Repeat("a", 64) + "@example.com", "", ""},
		{strings.Repeat("a", 65) + "@example.com", ReasonEmailLocalTooLong, "65"},
		{"ayse@" + label + ".com", "", ""},
		{"ayse@" + label + "a.com", ReasonEmailLabelTooLong, "64"},
		{"ayse@" + strings.Join([]string{label, label, label, strings.Repeat("b", 61)}, ".") + ".com", ReasonEmailTooLong, "262"},
		{"ayse@" + strings.Join([]string{label, label, label, strings.Repeat("b", 50)}, ".") + ".tr", "", ""},
	} {
		got, err := NormalizeEmail(tc.addr)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%d-byte address refused: %v", len(tc.addr), err)
		case tc.want != "" && !IsSkip(err):
			t.Errorf("%d-byte address: got %q, %v; want a skip %s", len(tc.addr), got, err, tc.want)
		case tc.want != "":
			if r := SkipReason(err); r.Code != tc.want || r.Args["length"] != tc.length {
				t.Errorf("%d-byte address: %+v, want %s with length %s", len(tc.addr), r, tc.want, tc.length)
			}
		}
	}
}

// A subject Outlook would cut is skipped, not cut: a cut subject can
// mislead about an amount or a date.
func TestSubjectLengthLimit(t *testing.T) {
	for _, tc := range []struct {
		subject string
		skipped bool
	}{
		{strings.Repeat("ş", 255), false},
		{strings.Repeat("ş", 256), true},
		{"  " + strings.Repeat("a", 255) + "  ", false}, // trimmed first
	} {
		m := &Mapper{Channels: []ChannelSpec{{Channel: "email", RecipientFields: []string{"E_MAIL"},
			Subject: mustText(t, "subject", "{{.KONU}}"), Text: mustText(t, "text", "Merhaba")}}}
		r := m.Map(Record{"E_MAIL": "ayse@example.com", "KONU": tc.subject})[0]
		if skipped := r.Skip != nil; skipped != tc.skipped {
			t.Errorf("%d-character subject: skip %v, want skipped=%v", len([]rune(tc.subject)), r.Skip, tc.skipped)
		}
		if tc.skipped && (r.Skip.Code != ReasonSubjectTooLong || r.Skip.Args["max"] != "255" || r.Skip.Args["length"] != "256") {
			t.Errorf("reason: %+v", r.Skip)
		}
	}
}
