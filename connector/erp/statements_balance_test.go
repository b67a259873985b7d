package erp

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// A statement's default messages name the side of the balance only when
// there is one: a customer whose movements add up to nothing is not told
// of a credit balance of 0,00 TL.
func TestStatementDefaultsNameTheBalancesSide(t *testing.T) {
	for _, name := range []string{"account_statements", "account_reconciliation"} {
		p := presets[name]
		for ch, tmpl := range p.Templates {
			if strings.HasSuffix(ch, ":attachment") {
				continue
			}
			tt, err := mapping.ParseText(name+"/"+ch, tmpl.Text, mapping.DefaultFormats())
			if err != nil {
				t.Fatal(err)
			}
			sides := map[string][]string{"borç": {"orç bakiyeniz", "(borç)"}, "alacak": {"lacak bakiyeniz", "(alacak)"}}
			says := func(text, side string) bool {
				for _, s := range sides[side] {
					if strings.Contains(text, s) {
						return true
					}
				}
				return false
			}
			for _, tc := range []struct{ balance, side string }{{"2100.00", "borç"}, {"-100.50", "alacak"}, {"0", ""}} {
				rec := statementSample()
				rec["BAKIYE"] = decimal.RequireFromString(tc.balance)
				rec["ALICI_ADI"], rec["ONAY_KELIMESI"], rec["ITIRAZ_KELIMESI"] = "Ayşe Yılmaz", "ONAY", "ITIRAZ"
				text, err := tt.Execute(rec)
				if err != nil {
					t.Fatalf("%s %s: %v", name, ch, err)
				}
				for side := range sides {
					if says(text, side) != (side == tc.side) {
						t.Errorf("%s %s with balance %s: %q, want the side %q only", name, ch, tc.balance, text, tc.side)
					}
				}
			}
		}
	}
}
