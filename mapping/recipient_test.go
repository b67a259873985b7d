package mapping

import (
	"strings"
	"testing"
)

func TestNormalizeMobile(t *testing.T) {
	tests := []struct {
		name, in, region, want, reason string
	}{
		{"national with spaces", "0532 123 45 67", "", "+905321234567", ""},
		{"international formatted", "+90 (532) 123-4567", "", "+905321234567", ""},
		{"ten digits", "5321234567", "", "+905321234567", ""},
		{"00 prefix", "0090 532 123 45 67", "", "+905321234567", ""},
		{"country code without plus", "905321234567", "", "+905321234567", ""},
		{"country code spaced", "90 532 123 45 67", "", "+905321234567", ""},
		{"dashes and a note", "0532-123-45-67 (cep)", "", "+905321234567", ""},
		{"trailing space", " 05321234567 ", "", "+905321234567", ""},
		{"explicit TR region", "0505 123 45 67", "TR", "+905051234567", ""},
		{"foreign mobile DE", "+49 1512 3456789", "", "+4915123456789", ""},
		{"foreign mobile GB", "+447911123456", "", "+447911123456", ""},
		{"landline Istanbul", "0212 123 45 67", "", "", "recipient.landline"},
		{"landline international", "+90 312 123 45 67", "", "", "recipient.landline"},
		{"VoIP 0850", "0850 123 45 67", "", "", "recipient.not_mobile(number=0850 1** ** 67) [phonetype.voip]"},
		{"toll free", "0800 123 45 67", "", "", "phonetype.toll_free"},
		{"call centre 444", "0444 1 444", "", "", "recipient.not_mobile"},
		{"too short", "0532 123 45 6", "", "", "recipient.phone_invalid"},
		{"short digits", "123", "", "", "recipient.phone_invalid"},
		{"garbage", "abc", "", "", "recipient.not_a_phone"},
		{"empty", "   ", "", "", "recipient.no_phone"},
		{"too long", strings.Repeat("5", 100), "", "", "recipient.phone_too_long"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeMobile(tt.in, tt.region)
			if tt.reason == "" {
				if err != nil || got != tt.want {
					t.Fatalf("NormalizeMobile(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.reason) || !IsSkip(err) {
				t.Fatalf("NormalizeMobile(%q) = %q, %v; want a skip containing %q", tt.in, got, err, tt.reason)
			}
			if strings.Contains(err.Error(), "123 45 67") || strings.Contains(err.Error(), "1234567") {
				t.Errorf("the reason shows the whole number: %v", err)
			}
		})
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct{ in, want, reason string }{
		{" Ayse.Yilmaz@Example.COM ", "ayse.yilmaz@example.com", ""},
		{"info@işık-mobilya.com.tr", "info@işık-mobilya.com.tr", ""},
		{"", "", "recipient.no_email"},
		{"ayse@", "", "recipient.email_invalid"},
		{"ayse", "", "recipient.email_invalid"},
		{"ayse@localhost", "", "recipient.email_no_domain"},
		{"Ayşe <ayse@example.com>", "", "recipient.email_invalid"},
		{"a b@example.com", "", "recipient.email_invalid"},
	}
	for _, tt := range tests {
		got, err := NormalizeEmail(tt.in)
		if tt.reason == "" {
			if err != nil || got != tt.want {
				t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.reason) {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want error with %q", tt.in, got, err, tt.reason)
		}
	}
}

func TestMaskRecipient(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+905321234567", "+90532*****67"},
		{"ayse@example.com", "a***@example.com"},
		{"@example.com", "***@example.com"},
		{"12345", "*****"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskRecipient(tt.in); got != tt.want {
			t.Errorf("MaskRecipient(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The first column that yields a mobile wins; when none does, every
// rejected column is named in the reason.
func TestRecipientPreferenceOrder(t *testing.T) {
	tx, _ := ParseText("t", "x", DefaultFormats())
	ch := ChannelSpec{Channel: "sms", RecipientFields: []string{"FATURA_CEP_TEL", "CEP_TEL", "TEL1"}, Text: tx}
	tests := []struct {
		rec        Record
		to, reason string
	}{
		{Record{"FATURA_CEP_TEL": "0533 111 22 33", "CEP_TEL": "0532 123 45 67"}, "+905331112233", ""},
		{Record{"FATURA_CEP_TEL": nil, "CEP_TEL": "0532 123 45 67"}, "+905321234567", ""},
		{Record{"FATURA_CEP_TEL": "0212 123 45 67", "TEL1": "0532 123 45 67"}, "+905321234567", ""},
		{Record{"FATURA_CEP_TEL": "0212 123 45 67", "CEP_TEL": "xyz"}, "",
			"skip.no_usable_recipient [skip.recipient_field(field=FATURA_CEP_TEL) [recipient.landline(number=0212 1** ** 67)]; skip.recipient_field(field=CEP_TEL) [recipient.not_a_phone(number=***)]]"},
		{Record{}, "", "skip.no_recipient(fields=FATURA_CEP_TEL, CEP_TEL, TEL1)"},
	}
	for _, tt := range tests {
		r := (&Mapper{Channels: []ChannelSpec{ch}}).Map(tt.rec)[0]
		skip := ""
		if r.Skip != nil {
			skip = r.Skip.String()
		}
		if r.To != tt.to || skip != tt.reason {
			t.Errorf("Map(%v) = to %q skip %q; want to %q skip %q", tt.rec, r.To, skip, tt.to, tt.reason)
		}
	}
}
