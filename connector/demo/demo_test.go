package demo

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// The demo is the newcomer's first contact: it must show the first-run
// messages, then exactly the three new ones, then nothing, and the skipped
// rows with their reasons.
func TestDemo(t *testing.T) {
	var out bytes.Buffer
	sum, err := Run(context.Background(), Options{Dir: t.TempDir(), Out: &out, Lang: catalog.EN})
	if err != nil {
		t.Fatalf("demo failed: %v\n%s", err, out.String())
	}
	if len(sum.Runs) != 3 {
		t.Fatalf("runs = %d, want 3", len(sum.Runs))
	}
	first, second, third := sum.Runs[0], sum.Runs[1], sum.Runs[2]
	if first.Sent != 21 || first.Skipped != 5 {
		t.Errorf("first run sent %d, skipped %d; want 21 and 5\n%s", first.Sent, first.Skipped, out.String())
	}
	if second.Sent != 3 || second.Rows != 3 || second.Skipped != 0 {
		t.Errorf("second run = %+v, want exactly the 3 new invoices", second)
	}
	if third.Sent != 0 || third.Rows != 0 {
		t.Errorf("third run = %+v, want nothing", third)
	}
	text := out.String()
	for _, want := range []string{
		"Sayın Mehmet Öztürk, 2024-102 numaralı 1.200.000,50 TL", // exact money, Turkish letters intact
		"Sayın Güneşli Tekstil Ltd. Şti., 2024-115",              // invoice-level mobile beats the customer's landline
		"+90532*****33", // masked recipient
		"is a landline; SMS and WhatsApp need a mobile number",        // skipped with a reason
		"the invoice's customer (BLCRKODU=99) does not exist in CARI", // orphan row
		"2024-131", "2024-132", "2024-133",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
	for _, never := range []string{"2024-111", "2024-114", "2024-116", "2024-113", "1234567"} {
		if strings.Contains(text, never) {
			t.Errorf("demo output contains %q (cancelled, deleted, purchase, return or an unmasked number)", never)
		}
	}
}
