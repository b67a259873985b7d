package mapping

import (
	"strings"
	"testing"
)

// Addresses past the SMTP and DNS limits are skipped with the reason, in
// both languages; those at the limits pass.
func TestEmailLengthLimits(t *testing.T) {
	label := strings.Repeat("a", 63)
	for _, tc := range []struct {
		addr string
		want string // "" accepted, else a part of the English reason
	}{
		{strings.Repeat("a", 64) + "@example.com", ""},
		{strings.Repeat("a", 65) + "@example.com", "the part before the @ has 65 characters"},
		{"ayse@" + label + ".com", ""},
		{"ayse@" + label + "a.com", "a part of its domain has 64 characters"},
		{"ayse@" + strings.Join([]string{label, label, label, strings.Repeat("b", 61)}, ".") + ".com", "at most 254"},
		{"ayse@" + strings.Join([]string{label, label, label, strings.Repeat("b", 50)}, ".") + ".tr", ""},
	} {
		got, err := NormalizeEmail(tc.addr)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%d-byte address refused: %v", len(tc.addr), err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
			t.Errorf("%d-byte address: got %q, %v; want a skip saying %q", len(tc.addr), got, err, tc.want)
		case tc.want != "" && (!IsSkip(err) || !strings.Contains(SkipReasonTR(err), "en fazla")):
			t.Errorf("%d-byte address: %v is not a skip with a Turkish reason (%q)", len(tc.addr), err, SkipReasonTR(err))
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
		if skipped := r.Skip != ""; skipped != tc.skipped {
			t.Errorf("%d-character subject: skip %q, want skipped=%v", len([]rune(tc.subject)), r.Skip, tc.skipped)
		}
		if tc.skipped && (!strings.Contains(r.Skip, "at most 255") || !strings.Contains(r.SkipTR, "en fazla 255")) {
			t.Errorf("reasons: %q / %q", r.Skip, r.SkipTR)
		}
	}
}
