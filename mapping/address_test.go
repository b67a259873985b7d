package mapping

import "testing"

// Every channel stores one spelling per person: a webhook recipient that is
// a phone number or an e-mail address is normalised like the others.
func TestNormalizeRecipientEveryChannel(t *testing.T) {
	tests := []struct{ channel, in, want string }{
		{"sms", "0 533 234-5678", "+905332345678"},
		{"whatsapp", "+90 (533) 234 56 78", "+905332345678"},
		{"email", " AYSE@Example.COM ", "ayse@example.com"},
		{"webhook", "0 533 234-5678", "+905332345678"},
		{"webhook", "0212 555 12 12", "+902125551212"}, // a landline is a fine webhook recipient
		{"webhook", "Ayse@Example.com", "ayse@example.com"},
		{"webhook", "  CARI 120.01.002 ", "CARI 120.01.002"},
		{"webhook", "12345", "12345"},
	}
	for _, tt := range tests {
		got, err := NormalizeRecipient(tt.channel, tt.in, "")
		if err != nil || got != tt.want {
			t.Errorf("NormalizeRecipient(%s, %q) = %q, %v; want %q", tt.channel, tt.in, got, err, tt.want)
		}
		if again := NormalizeAddress(got, ""); again != got {
			t.Errorf("NormalizeAddress(%q) = %q: the stored form must be a fixed point", got, again)
		}
	}
	if _, err := NormalizeRecipient("webhook", "   ", ""); err == nil || !IsSkip(err) {
		t.Errorf("an empty webhook recipient: %v; want a skip", err)
	}
}

func TestParseAddressAcceptsEverySpelling(t *testing.T) {
	for _, in := range []string{"+90 533 234 56 78", "0533 234-5678", "5332345678", "905332345678", "0090 533 234 56 78", "0 (533) 234 56 78"} {
		if got, err := ParseAddress(in); err != nil || got != "+905332345678" {
			t.Errorf("ParseAddress(%q) = %q, %v", in, got, err)
		}
	}
	if got, err := ParseAddress("AYSE@Example.COM"); err != nil || got != "ayse@example.com" {
		t.Errorf("ParseAddress(e-mail) = %q, %v", got, err)
	}
	for _, in := range []string{"not-a-number", "", "123"} {
		if got, err := ParseAddress(in); err == nil {
			t.Errorf("ParseAddress(%q) = %q; want an error", in, got)
		}
	}
}

func TestMatcherFindsTheAddressInText(t *testing.T) {
	phone := NewMatcher("+905332345678")
	email := NewMatcher("ayse@example.com")
	tests := []struct {
		m    *Matcher
		text string
		want bool
	}{
		{phone, "Müşteri tel: 0533 234-5678.", true},
		{phone, "+90 (533) 234 56 78", true},
		{phone, `{"to":"905332345678"}`, true},
		{phone, "cep:5332345678,", true},
		{phone, "0090 533 234 56 78", true},
		{phone, "0 533 234 56 78 (cep)", true},
		{phone, "<td>0533&nbsp;234&nbsp;56&nbsp;78</td>", true},
		{phone, "Tel: 0532 111 22 33 / 0533 234 56 78", true},
		{phone, "Tel: 0532 111 22 33 0533 234 56 78", true},
		{phone, "Tutar 15332345678 TL", false},
		{phone, "0533 234 56 79", false},
		{phone, "fatura 2024-102, 533 TL, 234 adet", false},
		{phone, "+90533*****78", false},
		{email, "Yazın: AYSE@EXAMPLE.COM", true},
		{email, `<a href="mailto:ayse%40example.com">`, true},
		{email, "ayse&#64;example.com", true},
		{email, "a***@example.com", false},
		{email, "mehmet@example.com", false},
	}
	for _, tt := range tests {
		if got := tt.m.Match(tt.text); got != tt.want {
			t.Errorf("Match(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
