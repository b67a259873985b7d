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
		{`{{money .TXT}}`, "the value is text, not a number"},
		{`{{date .TXT}}`, "the value is text, not a date"},
		{`{{date .NULL}}`, "the date is empty"},
		{`{{money .B}}`, "the value is true/false, not a number"},
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

// A helper given a value of another kind (a text column holding "12,5 TL"
// to money, an amount to date) skips the row with a reason naming the
// template, the helper, the column and the value's kind, never the value:
// it may be a customer's.
func TestKindSkipNamesTheColumnNotTheValue(t *testing.T) {
	when := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
	rec := Record{"TUTAR_TXT": "12,5 TL", "ADI": "Ayşe Yılmaz", "TARIHI": when, "ONAY": true,
		"TUTAR": decimal.RequireFromString("12.5"), "VADE_TXT": "yarın", "CEP_TEL": "0532 123 45 67",
		"HAREKETLER": []map[string]any{{"BORC": "iki bin"}}}
	for _, c := range []struct {
		src, code, fn, column, kind string
	}{
		{"Tutar: {{money .TUTAR_TXT}}", ReasonTemplateNotNumber, "money", "TUTAR_TXT", ValueText},
		{"{{.ADI | number}}", ReasonTemplateNotNumber, "number", "ADI", ValueText},
		{"Tutar: {{money .TARIHI}}", ReasonTemplateNotNumber, "money", "TARIHI", ValueDate},
		{"{{if gt (sign .ONAY) 0}}x{{end}}", ReasonTemplateNotNumber, "sign", "ONAY", ValueBool},
		{"{{money (abs .ADI)}}", ReasonTemplateNotNumber, "abs", "ADI", ValueText},
		{"{{range .HAREKETLER}}{{money .BORC}}{{end}}", ReasonTemplateNotNumber, "money", "BORC", ValueText},
		{"{{money (or .TUTAR_TXT .ADI)}}", ReasonTemplateNotNumberValue, "money", "", ValueText},
		{"Vade: {{date .VADE_TXT}}", ReasonTemplateNotDate, "date", "VADE_TXT", ValueText},
		{"Vade: {{longdate .TUTAR}}", ReasonTemplateNotDate, "longdate", "TUTAR", ValueNumber},
		{"{{date (or .VADE_TXT .ADI)}}", ReasonTemplateNotDateValue, "date", "", ValueText},
		{"{{money .TUTAR}} {{date .TARIHI}}", "", "", "", ""},
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
		if r.Skip == nil || r.Skip.Code != c.code || r.Skip.Args["func"] != c.fn || r.Skip.Args["column"] != c.column ||
			r.Skip.Args["template"] != "jobs.inv.sms.text" || r.Skip.Args["line"] != "1" || r.Skip.Args["col"] == "0" {
			t.Errorf("%s: skip %v, want %s func=%s column=%s", c.src, r.Skip, c.code, c.fn, c.column)
			continue
		}
		if len(r.Skip.Parts) != 1 || r.Skip.Parts[0].Code != c.kind {
			t.Errorf("%s: parts %v, want the kind %s", c.src, r.Skip.Parts, c.kind)
		}
		if s := r.Skip.String(); strings.Contains(s, "12,5") || strings.Contains(s, "Ayşe") || strings.Contains(s, "yarın") ||
			strings.Contains(s, "iki bin") || strings.Contains(s, "error calling") {
			t.Errorf("%s: the reason holds the value or the engine's words: %s", c.src, s)
		}
	}
}

// A NULL in the rows a record lists (a statement's movements) is a Null as
// at the top: it prints as nothing, not as "<no value>", is false in {{if}},
// and a helper given it says NULL with the column.
func TestNullInListedRows(t *testing.T) {
	rec := Record{"CEP_TEL": "0532 123 45 67", "HAREKETLER": []map[string]any{
		{"ACIKLAMA": nil, "BORC": nil}, {"ACIKLAMA": "Tahsilat", "BORC": decimal.RequireFromString("5")}}}
	for _, c := range []struct{ src, want, code string }{
		{"{{range .HAREKETLER}}[{{.ACIKLAMA}}]{{end}}", "[][Tahsilat]", ""},
		{"{{range .HAREKETLER}}{{if .ACIKLAMA}}{{.ACIKLAMA}}{{else}}-{{end}};{{end}}", "-;Tahsilat;", ""},
		{"{{range .HAREKETLER}}{{money (default 0 .BORC)}};{{end}}", "0,00 TL;5,00 TL;", ""},
		{"{{range .HAREKETLER}}{{money .BORC}}{{end}}", "", ReasonTemplateNull},
	} {
		m := &Mapper{Channels: []ChannelSpec{{Channel: "sms", RecipientFields: []string{"CEP_TEL"}, Region: "TR",
			Text: mustText(t, "jobs.st.sms.text", c.src)}}}
		r := m.Map(rec)[0]
		switch {
		case c.code != "" && (r.Skip == nil || r.Skip.Code != c.code || r.Skip.Args["column"] != "BORC"):
			t.Errorf("%s: skip %v, want %s of BORC", c.src, r.Skip, c.code)
		case c.code == "" && (r.Skip != nil || r.Text != c.want):
			t.Errorf("%s = %q (skip %v), want %q", c.src, r.Text, r.Skip, c.want)
		}
	}
}
