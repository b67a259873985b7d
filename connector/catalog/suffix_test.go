package catalog

import "testing"

func TestSuffix(t *testing.T) {
	for _, tc := range []struct {
		in   string
		c    Case
		want string
	}{
		// Locative -DA after each digit's word: sıfır, bir, iki, üç, dört, beş, altı, yedi, sekiz, dokuz.
		{"0", Locative, "0'da"}, {"1", Locative, "1'de"}, {"2", Locative, "2'de"}, {"3", Locative, "3'te"},
		{"4", Locative, "4'te"}, {"5", Locative, "5'te"}, {"6", Locative, "6'da"}, {"7", Locative, "7'de"},
		{"8", Locative, "8'de"}, {"9", Locative, "9'da"},
		// Tens, hundreds and the scales.
		{"10", Locative, "10'da"}, {"20", Locative, "20'de"}, {"30", Locative, "30'da"}, {"40", Locative, "40'ta"},
		{"50", Locative, "50'de"}, {"60", Locative, "60'ta"}, {"70", Locative, "70'te"}, {"80", Locative, "80'de"},
		{"90", Locative, "90'da"}, {"100", Locative, "100'de"}, {"300", Locative, "300'de"}, {"1000", Locative, "1000'de"},
		{"1.000", Locative, "1.000'de"}, {"2000000", Locative, "2000000'da"}, {"3.000.000.000", Locative, "3.000.000.000'da"},
		{"15", Locative, "15'te"}, {"43", Locative, "43'te"}, {"1250", Locative, "1250'de"}, {"105", Locative, "105'te"},
		{"1.250.000", Ablative, "1.250.000'den"}, {"007", Locative, "007'de"},
		// Times: the minutes when they are not zero, else the hour.
		{"10:00", Locative, "10:00'da"}, {"15:00", Locative, "15:00'te"}, {"15:00", Ablative, "15:00'ten"},
		{"10:00", Ablative, "10:00'dan"}, {"09:00", Ablative, "09:00'dan"}, {"21:00", Ablative, "21:00'den"},
		{"10:30", Locative, "10:30'da"}, {"08:45", Locative, "08:45'te"}, {"00:00", Locative, "00:00'da"},
		{"12:40", Dative, "12:40'a"}, {"13:00", Dative, "13:00'e"}, {"16:00", Dative, "16:00'ya"},
		{"10:00:05", Locative, "10:00:05'te"}, {"saat 14:00", Ablative, "saat 14:00'ten"},
		{"2026-11-25 10:00:00 +03:00", Ablative, "2026-11-25 10:00:00 +03:00'ten"},
		// Dative -(y)A.
		{"3", Dative, "3'e"}, {"4", Dative, "4'e"}, {"6", Dative, "6'ya"}, {"2", Dative, "2'ye"}, {"9", Dative, "9'a"},
		{"10", Dative, "10'a"}, {"20", Dative, "20'ye"}, {"100", Dative, "100'e"}, {"1000", Dative, "1000'e"},
		// Ablative -DAn.
		{"3", Ablative, "3'ten"}, {"6", Ablative, "6'dan"}, {"40", Ablative, "40'tan"}, {"90", Ablative, "90'dan"},
		// Genitive -(n)In.
		{"1", Genitive, "1'in"}, {"2", Genitive, "2'nin"}, {"3", Genitive, "3'ün"}, {"4", Genitive, "4'ün"},
		{"6", Genitive, "6'nın"}, {"9", Genitive, "9'un"}, {"10", Genitive, "10'un"}, {"20", Genitive, "20'nin"},
		{"100", Genitive, "100'ün"}, {"0", Genitive, "0'ın"}, {"1000000", Genitive, "1000000'un"},
		// Accusative -(y)I.
		{"5", Accusative, "5'i"}, {"6", Accusative, "6'yı"}, {"3", Accusative, "3'ü"}, {"10", Accusative, "10'u"},
		// Amounts: Turkish groups thousands with dots and starts decimals with a comma.
		{"1.250,00 TL", Dative, "1.250,00 TL'ye"}, {"1.250,00 TL", Locative, "1.250,00 TL'de"},
		{"1.250,00", Dative, "1.250,00'ye"}, {"12,50", Locative, "12,50'de"}, {"12,05", Locative, "12,05'te"},
		{"0,5", Ablative, "0,5'ten"},
		// Words and abbreviations.
		{"TL", Genitive, "TL'nin"}, {"KDV", Locative, "KDV'de"}, {"NetGSM", Dative, "NetGSM'e"}, {"Ankara", Locative, "Ankara'da"},
		{"İstanbul", Ablative, "İstanbul'dan"}, {"ODTÜ", Dative, "ODTÜ'ye"}, {"B", Dative, "B'ye"},
		// Nothing to read: unchanged.
		{"", Locative, ""}, {"-", Locative, "-"}, {"15", Case("instrumental"), "15"},
	} {
		if got := Suffix(tc.in, tc.c); got != tc.want {
			t.Errorf("Suffix(%q, %s) = %q, want %q", tc.in, tc.c, got, tc.want)
		}
	}
}

func TestTextWithSuffix(t *testing.T) {
	add(map[Key]entry{"test.after": {tr: "Saat {at:abl} sonra tekrar deneyin.", en: "Try again after {at}."}})
	defer delete(texts, "test.after")
	for at, want := range map[string]string{"15:00": "Saat 15:00'ten sonra tekrar deneyin.", "10:00": "Saat 10:00'dan sonra tekrar deneyin."} {
		if got := M("test.after", "at", at).In(TR); got != want {
			t.Errorf("tr = %q, want %q", got, want)
		}
	}
	if got := M("test.after", "at", "15:00").In(EN); got != "Try again after 15:00." {
		t.Errorf("en = %q", got)
	}
}

func TestNestedMsg(t *testing.T) {
	add(map[Key]entry{"test.want": {tr: "{want} bekleniyordu{suggest}", en: "expected {want}{suggest}"},
		"test.list": {tr: "bir liste", en: "a list"}})
	defer delete(texts, "test.want")
	defer delete(texts, "test.list")
	m := M("test.want", "want", M("test.list"), "suggest", Msg{})
	if got := m.In(TR); got != "bir liste bekleniyordu" {
		t.Errorf("tr = %q", got)
	}
	if got := m.In(EN); got != "expected a list" {
		t.Errorf("en = %q", got)
	}
}
