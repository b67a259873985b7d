package mapping

import "testing"

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"RET", "ret"}, {"Ret", "ret"}, {"ret", "ret"}, {"İPTAL", "iptal"}, {"İptal", "iptal"}, {"iptal", "iptal"},
		{"IPTAL", "iptal"}, {"ıptal", "iptal"}, {"i\u0307ptal", "iptal"}, {"DUR", "dur"}, {"Şirket Çağrı", "sirket cagri"},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestContainsWord(t *testing.T) {
	for _, tc := range []struct {
		text, phrase string
		want         bool
	}{
		{"RET yazıp 0850 123 45 67'ye gönderin", "ret", true},
		{"Şirketimizden kampanya", "RET", false},
		{"İletiden çıkmak için: iptal", "İPTAL", true},
		{"ABC Mağazacılık Ltd. Şti.", "abc magazacilik", true},
		{"ABC Mağazacılık", "", false},
	} {
		if got := ContainsWord(tc.text, tc.phrase); got != tc.want {
			t.Errorf("ContainsWord(%q, %q) = %v", tc.text, tc.phrase, got)
		}
	}
}
