package statement

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"
	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// pdfText reads a PDF's text back, page after page, with a pure-Go reader.
func pdfText(t *testing.T, b []byte) string {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("the PDF does not open: %v", err)
	}
	tr, err := r.GetPlainText()
	if err != nil {
		t.Fatalf("the PDF's text cannot be read: %v", err)
	}
	out, err := io.ReadAll(tr)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func sampleRecord(n int) mapping.Record {
	loc := mapping.DefaultFormats().Location
	from := time.Date(2026, 11, 1, 0, 0, 0, 0, loc)
	var moves []map[string]any
	for i := range n {
		debit, credit := "1250.00", "0"
		kind := int64(9)
		if i%3 == 2 {
			debit, credit, kind = "0", "1000.50", 1
		}
		moves = append(moves, map[string]any{"TARIHI": from.AddDate(0, 0, i%30), "VADESI": nil, "EVRAK_NO": "2024-" + string(rune('A'+i%26)),
			"ISLEM_TURU": kind, "ACIKLAMA": nil, "BORC": d(debit), "ALACAK": d(credit)})
	}
	return mapping.Record{"MUSTERI_ADI": "Çağlar Gıda İnşaat San. ve Tic. Ltd. Şti.", "CARIKODU": "120.01.003",
		"DONEM_BASI": "2026-11-01", "DONEM_SONU": "2026-11-30", "DEVIR": d("1200000.50"), Movements: moves}
}

// The totals are those of the movements, and each line carries the
// running balance.
func TestStatementTotals(t *testing.T) {
	s, err := FromRecord(sampleRecord(3), mapping.DefaultFormats())
	if err != nil {
		t.Fatal(err)
	}
	if !s.Debit.Equal(d("2500")) || !s.Credit.Equal(d("1000.50")) || !s.Closing.Equal(d("1201500")) {
		t.Errorf("totals: debit %s credit %s closing %s", s.Debit, s.Credit, s.Closing)
	}
	if !s.Lines[0].Balance.Equal(d("1201250.50")) || !s.Lines[2].Balance.Equal(s.Closing) {
		t.Errorf("running balance: %s … %s", s.Lines[0].Balance, s.Lines[2].Balance)
	}
	rec := sampleRecord(3)
	s.Fill(rec)
	if rec["BAKIYE"].(decimal.Decimal).String() != "1201500" || rec[Count] != int64(3) {
		t.Errorf("Fill: %v %v", rec["BAKIYE"], rec[Count])
	}
}

// The PDF opens, its text reads back with every Turkish letter, and the
// amounts it shows are the statement's; a long statement runs over pages
// with the table's header on each.
func TestStatementPDFReadsBack(t *testing.T) {
	f := mapping.DefaultFormats()
	for _, n := range []int{0, 3, 120} {
		rec := sampleRecord(n)
		rec[ConfirmWord], rec[DisputeWord] = "EVET", "HAYIR"
		s, err := FromRecord(rec, f)
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.PDF(catalog.TR, f, time.Date(2026, 12, 1, 9, 0, 0, 0, f.Location))
		if err != nil {
			t.Fatal(err)
		}
		if os.Getenv("STATEMENT_PDF_DIR") != "" {
			os.WriteFile(os.Getenv("STATEMENT_PDF_DIR")+"/statement-"+string(rune('0'+n%10))+".pdf", b, 0o644)
		}
		text := pdfText(t, b)
		closing, _ := mapping.Money(s.Closing, f)
		debit, _ := mapping.Money(s.Debit, f)
		for _, want := range []string{"Cari Hesap Mutabakatı", "Çağlar Gıda İnşaat San. ve Tic. Ltd. Şti.", "120.01.003", "01.11.2026 - 30.11.2026",
			"Devir bakiyesi", "1.200.000,50 TL (B)", "Dönem sonu bakiyesi", closing + " (B)", debit, "ğ", "ş", "ı", "İ", "Ç",
			"\"EVET\"", "\"HAYIR\"", "Sayfa 1"} {
			if !strings.Contains(text, want) {
				t.Errorf("%d movements: the PDF's text lacks %q:\n%s", n, want, text)
			}
		}
		if n == 120 && (!strings.Contains(text, "Sayfa 3") || strings.Count(text, "Evrak No") < 3) {
			t.Errorf("120 movements: want at least 3 pages, each with the table's header:\n%s", text)
		}
		if n == 0 && !strings.Contains(text, "Bu dönemde hareket yok.") {
			t.Errorf("no movements: the PDF does not say so:\n%s", text)
		}
	}
}
