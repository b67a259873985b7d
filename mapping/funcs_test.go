package mapping

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// render runs one template source against rec with the default formats.
func render(t *testing.T, src string, rec Record, f Formats) (string, error) {
	t.Helper()
	tp, err := ParseText("test", src, f)
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return tp.Execute(rec)
}

func TestHelpers(t *testing.T) {
	ist := DefaultFormats()
	prefix := DefaultFormats()
	prefix.Currency, prefix.CurrencyPrefix = "₺", true
	utc := time.Date(2026, 1, 1, 22, 30, 0, 0, time.UTC) // 01:30 on 2 Jan in Istanbul
	rec := Record{
		"BIG": decimal.RequireFromString("1200000.50"), "TOPLAM": decimal.RequireFromString("1250"),
		"NEG": decimal.RequireFromString("-42.5"), "F": 1250.125, "I": int64(7), "S": " 99.9 ", "NULL": nil,
		"T": utc, "TS": "2026-02-25 14:05:00", "TD": "25.02.2026",
		"AD": "ayşe yılmaz", "UP": "İSTANBUL IŞIK", "MIX": "IĞDIR", "TEL": "+905321234567", "MAIL": "ayse@example.com",
		"LONG": "Sayın müşterimiz faturanız hazırdır", "EMPTY": "  ", "LINK": "https://e.example.com/pdf/ab12-cd",
	}
	tests := []struct {
		name, src string
		f         Formats
		want      string
	}{
		{"money big", `{{money .BIG}}`, ist, "1.200.000,50 TL"},
		{"money whole", `{{money .TOPLAM}}`, ist, "1.250,00 TL"},
		{"money negative", `{{money .NEG}}`, ist, "-42,50 TL"},
		{"sign owed", `{{sign .TOPLAM}} {{sign .NEG}} {{sign 0}}`, ist, "1 -1 0"},
		{"abs of a credit", `{{money (abs .NEG)}}`, ist, "42,50 TL"},
		{"balance wording", `{{if gt (sign .NEG) 0}}borç{{else if lt (sign .NEG) 0}}alacak{{end}}`, ist, "alacak"},
		{"trimprefix", `{{trimprefix "https://e.example.com/pdf/" .LINK}}`, ist, "ab12-cd"},
		{"trimprefix other host", `{{trimprefix "https://x.example.com/" .LINK}}`, ist, "https://e.example.com/pdf/ab12-cd"},
		{"money float rounds", `{{money .F}}`, ist, "1.250,13 TL"},
		{"money int", `{{money .I}}`, ist, "7,00 TL"},
		{"money string", `{{money .S}}`, ist, "99,90 TL"},
		{"money prefix", `{{money .BIG}}`, prefix, "₺1.200.000,50"},
		{"money prefix negative", `{{money .NEG}}`, prefix, "-₺42,50"},
		{"money null with default", `{{money (default 0 .NULL)}}`, ist, "0,00 TL"},
		{"number", `{{number .BIG}}`, ist, "1.200.000,5"},
		{"date in Istanbul", `{{date .T}}`, ist, "02.01.2026"},
		{"datetime", `{{datetime .T}}`, ist, "02.01.2026 01:30"},
		{"time", `{{time .T}}`, ist, "01:30"},
		{"longdate", `{{longdate .T}}`, ist, "2 Ocak 2026"},
		{"longdate from string", `{{longdate .TS}}`, ist, "25 Şubat 2026"},
		{"date from Turkish string", `{{date .TD}}`, ist, "25.02.2026"},
		{"upper dotted i", `{{upper .AD}}`, ist, "AYŞE YILMAZ"},
		{"lower dotless I", `{{lower .UP}}`, ist, "istanbul ışık"},
		{"title", `{{title .UP}}`, ist, "İstanbul Işık"},
		{"title mixed", `{{title .MIX}}`, ist, "Iğdır"},
		{"trim", `[{{trim .S}}]`, ist, "[99.9]"},
		{"default on null", `{{default "Değerli müşterimiz" .NULL}}`, ist, "Değerli müşterimiz"},
		{"default on blank", `{{.EMPTY | default "yok"}}`, ist, "yok"},
		{"default keeps value", `{{default "x" .AD}}`, ist, "ayşe yılmaz"},
		{"truncate at word", `{{truncate 20 .LONG}}`, ist, "Sayın müşterimiz…"},
		{"truncate short", `{{truncate 100 .LONG}}`, ist, "Sayın müşterimiz faturanız hazırdır"},
		{"truncate zero", `[{{truncate 0 .LONG}}]`, ist, "[]"},
		{"mask phone", `{{mask .TEL}}`, ist, "+90532*****67"},
		{"mask mail", `{{mask .MAIL}}`, ist, "a***@example.com"},
		{"null prints nothing", `[{{.NULL}}]`, ist, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := render(t, tt.src, rec, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("%s = %q, want %q", tt.src, got, tt.want)
			}
		})
	}
}

func TestHelperErrors(t *testing.T) {
	rec := Record{"NULL": nil, "TXT": "abc", "B": true}
	tests := []struct{ src, want string }{
		{`{{money .NULL}}`, "empty (NULL)"},
		{`{{money .TXT}}`, `"abc" is not a number`},
		{`{{date .TXT}}`, `"abc" is not a date`},
		{`{{date .NULL}}`, "the date is empty"},
		{`{{money .B}}`, "is not a number"},
		{`{{.NOPE}}`, `the record has no column "NOPE"`},
	}
	for _, tt := range tests {
		_, err := render(t, tt.src, rec, DefaultFormats())
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want it to contain %q", tt.src, err, tt.want)
		}
	}
}

func TestTruncateNeverLonger(t *testing.T) {
	for n := 0; n < 40; n++ {
		got := truncate(n, "Sayın Ayşe Yılmaz, faturanız hazırdır ve ödeme bekliyor")
		if c := len([]rune(got)); c > n {
			t.Errorf("truncate(%d) = %q has %d characters", n, got, c)
		}
	}
}

// A helper given a NULL (an invoice without a due date) skips the row with
// a reason naming the column and the fix, not the template engine's words;
// an action that reads no one column says so without a name.
func TestNullSkipNamesTheColumn(t *testing.T) {
	rec := Record{"VADESI": nil, "TARIHI": nil, "TUTAR": nil, "CEP_TEL": "0532 123 45 67"}
	for _, c := range []struct {
		src, code, fn, column string
	}{
		{"Son ödeme: {{longdate .VADESI}}", ReasonTemplateNull, "longdate", "VADESI"},
		{"Fatura\n  {{.VADESI | date}}", ReasonTemplateNull, "date", "VADESI"},
		{`{{printf "%s .X" (money .TUTAR)}}`, ReasonTemplateNull, "money", "TUTAR"},
		{"{{longdate (or .VADESI .TARIHI)}}", ReasonTemplateNullValue, "longdate", ""},
		{"{{with .VADESI}}{{longdate .}}{{end}}Tamam", "", "", ""},
		{"{{money (default 0 .TUTAR)}}", "", "", ""},
	} {
		m := &Mapper{Channels: []ChannelSpec{{Channel: "sms", RecipientFields: []string{"CEP_TEL"}, Region: "TR",
			Text: mustText(t, "jobs.inv.sms.text", c.src)}}}
		r := m.Map(rec)[0]
		if c.code == "" {
			if r.Skip != nil {
				t.Errorf("%s: skipped: %v", c.src, r.Skip)
			}
			continue
		}
		if r.Skip == nil || r.Skip.Code != c.code || r.Skip.Args["func"] != c.fn || r.Skip.Args["column"] != c.column {
			t.Errorf("%s: skip %v, want %s func=%s column=%s", c.src, r.Skip, c.code, c.fn, c.column)
		}
		if c.column != "" && r.Skip.Args["with"] != "{{with ."+c.column+"}}…{{end}}" {
			t.Errorf("%s: fix %q", c.src, r.Skip.Args["with"])
		}
	}
}
