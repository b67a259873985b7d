package logging

import "testing"

func TestMaskPhone(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+905321234567", "+90532*****67"},
		{"+90 532 123 45 67", "+90532*****67"},
		{"+90 (532) 123-45-67", "+90532*****67"},
		{"0532 123 45 67", "0532*****67"},
		{"05321234567", "0532*****67"},
		{"(0532) 123 45 67", "0532*****67"},
		{"0532-123-45-67", "0532*****67"},
		{"0532.123.45.67", "0532*****67"},
		{"905321234567", "+90532*****67"},
		{"00905321234567", "+90532*****67"},
		{"5321234567", "532*****67"},
		{"0212 555 12 34", "0212*****34"},
		{"+14155552671", "+1415*****71"},
		{"+4915123456789", "+49151******89"},
		{"+9715012345678", "+971501*****78"},
		{"123", "***"},
		{"", ""},
		{"yok", "yok"},
	}
	for _, tt := range tests {
		if got := MaskPhone(tt.in); got != tt.want {
			t.Errorf("MaskPhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMaskEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{"ayse.yilmaz@example.com", "a***@example.com"},
		{"a@example.com", "a***@example.com"},
		{"şule@örnek.com.tr", "ş***@örnek.com.tr"},
		{"05321234567@sms.example.com", "0***@sms.example.com"},
		{"not-an-email", "not-an-email"},
		{"@example.com", "@example.com"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MaskEmail(tt.in); got != tt.want {
			t.Errorf("MaskEmail(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMaskText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"e164", "sent to +905321234567 via netgsm", "sent to +90532*****67 via netgsm"},
		{"spaced national", "invalid phone 0532 123 45 67 for CARI-12", "invalid phone 0532*****67 for CARI-12"},
		{"parenthesised", "tel: (0532) 123 45 67.", "tel: 0532*****67."},
		{"email", "mail to ayse.yilmaz@example.com failed", "mail to a***@example.com failed"},
		{"email with digits", "to 05321234567@x.com.tr", "to 0***@x.com.tr"},
		{"both", "ali@example.com / +90 532 123 45 67", "a***@example.com / +90532*****67"},
		{"two phones side by side", "0532 123 45 67 0533 222 33 44", "**** *** ** ** **** *** ** **"},
		{"date and time", "next run 2026-11-25 06:21:00", "next run 2026-11-25 06:21:00"},
		{"ipv4", "listening on 192.168.100.200:8750", "listening on 192.168.100.200:8750"},
		{"amount", "total 1.200.000,50 TL", "total 1.200.000,50 TL"},
		{"invoice key", "invoice:4711:created", "invoice:4711:created"},
		{"long id", "trace 1764051660000123456", "trace 1764051660000123456"},
		{"id glued to letters", "INV2026000000123", "INV2026000000123"},
		{"short numbers", "page 3 of 12, 500 rows", "page 3 of 12, 500 rows"},
		{"no digits", "hello", "hello"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := maskText(tt.in); got != tt.want {
				t.Errorf("maskText(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}
