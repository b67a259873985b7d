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

// Free text (errors, reasons, messages) is searched for what IS a phone
// number or an e-mail address; every other digit run is left alone, so an
// operator can still quote a provider's job id or a cursor.
func TestMaskText(t *testing.T) {
	tests := []struct{ name, in, want string }{
		// Phone numbers as people type them.
		{"e164", "sent to +905321234567 via netgsm", "sent to +90532*****67 via netgsm"},
		{"e164 spaced", "to +90 532 123 45 67", "to +90532*****67"},
		{"e164 parenthesised", "to +90 (532) 123-45-67", "to +90532*****67"},
		{"spaced national", "invalid phone 0532 123 45 67 for CARI-12", "invalid phone 0532*****67 for CARI-12"},
		{"trunk 0 apart", "tel 0 532 123 45 67", "tel 0532*****67"},
		{"dashes", "tel 0532-123-45-67", "tel 0532*****67"},
		{"dots", "tel 0532.123.45.67", "tel 0532*****67"},
		{"parenthesised", "tel: (0532) 123 45 67.", "tel: 0532*****67."},
		{"gateway form", "numara 905332345678 hatalı", "numara +90533*****78 hatalı"},
		{"00 prefix", "0090 532 123 45 67", "+90532*****67"},
		{"mobile alone", "gsm 5321234567", "gsm 532*****67"},
		{"mobile alone spaced", "gsm 532 123 45 67", "gsm 532*****67"},
		{"landline", "ev (0212) 555 12 34", "ev 0212*****34"},
		{"foreign e164", "+49 151 23456789 unreachable", "+49151******89 unreachable"},
		{"phone in a provider's description", "NetGSM 30: Geçersiz numara 05332345678 (job 1311033501)",
			"NetGSM 30: Geçersiz numara 0533*****78 (job 1311033501)"},
		{"date then phone", "2026-11-25 05321234567", "2026-11-25 0532*****67"},
		{"two phones side by side", "0532 123 45 67 0533 222 33 44", "0532*****67 0533*****44"},
		{"phone at a line's start", "05321234567: no such subscriber", "0532*****67: no such subscriber"},
		// E-mail addresses.
		{"email", "mail to ayse.yilmaz@example.com failed", "mail to a***@example.com failed"},
		{"smtp refusal", "550 5.1.1 <ayse@example.com>: Recipient address rejected",
			"550 5.1.1 <a***@example.com>: Recipient address rejected"},
		{"email with digits", "to 05321234567@x.com.tr", "to 0***@x.com.tr"},
		{"turkish email", "şule@örnek.com.tr kutusu dolu", "ş***@örnek.com.tr kutusu dolu"},
		{"both", "ali@example.com / +90 532 123 45 67", "a***@example.com / +90532*****67"},
		// Digit runs that are not phone numbers.
		{"netgsm job id", "job 1311033503 accepted", "job 1311033503 accepted"},
		{"provider_id in text", "provider_id=1311033501", "provider_id=1311033501"},
		{"negative cursor", "from=-2147483648", "from=-2147483648"},
		{"negative cursor of a mobile's shape", "cursor -5321234567", "cursor -5321234567"},
		{"unix time", "at 1764051660", "at 1764051660"},
		{"unix millis", "at 1764051660123", "at 1764051660123"},
		{"date and time", "next run 2026-11-25 06:21:00", "next run 2026-11-25 06:21:00"},
		{"ipv4", "listening on 192.168.100.200:8750", "listening on 192.168.100.200:8750"},
		{"amount", "total 1.200.000,50 TL", "total 1.200.000,50 TL"},
		{"big amount", "total 5.321.234,56 TL", "total 5.321.234,56 TL"},
		{"invoice key", "invoice:4711:created", "invoice:4711:created"},
		{"long id", "trace 1764051660000123456", "trace 1764051660000123456"},
		{"id glued to letters", "INV2026000000123", "INV2026000000123"},
		{"mobile's shape glued to letters", "ID5321234567X", "ID5321234567X"},
		{"eleven digits, not 0", "tckn 12345678901", "tckn 12345678901"},
		{"short numbers", "page 3 of 12, 500 rows", "page 3 of 12, 500 rows"},
		{"smtp status", "451 4.7.1 try later", "451 4.7.1 try later"},
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

func TestMaskRecipients(t *testing.T) {
	tests := []struct{ in, want string }{
		{"+905332345678", "+90533*****78"},
		{"0533 234 56 78", "0533*****78"},
		{"5332345678", "533*****78"},
		{"ayse@example.com", "a***@example.com"},
		{"Ayşe <ayse@example.com>", "Ayşe <a***@example.com>"},
		{"ayse@example.com, +905332345678", "a***@example.com, +90533*****78"},
		{"12345", "*****"},           // too short for any shape: still hidden
		{"1311033501", "131*****01"}, // a recipient key means a recipient
		{"sms", "sms"},               // a channel name ("falling back ... to=sms")
		{"", ""},
	}
	for _, tt := range tests {
		if got := maskRecipients(tt.in); got != tt.want {
			t.Errorf("maskRecipients(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRuleFor(t *testing.T) {
	tests := []struct {
		key  string
		want fieldRule
	}{
		{"to", recipient}, {"TO", recipient}, {"recipient", recipient}, {"email", recipient}, {"CEP_TEL", recipient},
		{"customer_phone", recipient}, {"E_MAIL", recipient},
		{"provider_id", identifier}, {"cursor", identifier}, {"from", identifier}, {"message", identifier}, {"job", identifier},
		{"err", freeText}, {"reason", freeText}, {"source", freeText}, {"telemetry", freeText},
	}
	for _, tt := range tests {
		if got := ruleFor(tt.key); got != tt.want {
			t.Errorf("ruleFor(%q) = %d, want %d", tt.key, got, tt.want)
		}
	}
}
