package inbound

import "testing"

func TestRefusal(t *testing.T) {
	c := NewClassifier([]string{"RET", "İPTAL", "DUR", "STOP", "ABONELIK"}, []string{"MAGAZA", "ABC Mağazacılık"})
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"RET", true}, {"ret", true}, {"Ret", true}, {" Ret. ", true}, {"İPTAL", true}, {"İptal", true}, {"iptal", true},
		{"IPTAL", true}, {"ıptal", true}, {"DUR", true}, {"stop", true}, {"Stop!", true}, {"abonelik", true},
		{"RET MAGAZA", true}, {"ret magaza", true}, {"RET mağaza", true}, {"İptal ABC Mağazacılık", true},
		{"RET BASKAFIRMA", false}, {"ret ediyorum", false}, {"teşekkürler", false}, {"Fatura için teşekkürler, RET değil", false},
		{"", false}, {"...", false}, {"mağaza RET", false}, {"retina", false},
	} {
		if got := c.Refuses(tc.text); got != tc.want {
			t.Errorf("Refuses(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
