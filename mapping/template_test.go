package mapping

import (
	"errors"
	"strings"
	"testing"
)

// Every template error points at a line and a column, so `check` can name
// file:line:col in the YAML.
func TestTemplateErrorPositions(t *testing.T) {
	tests := []struct {
		name, src string
		html      bool
		line, col int
		msg       string
	}{
		{"unknown function", "Merhaba {{foo .X}}", false, 1, 11, `function "foo" not defined`},
		{"unknown function after Turkish text", "Sayın Ayşe,\nŞubat {{tarih .X}}", false, 2, 9, `function "tarih" not defined`},
		{"bad character", "a\nb {{.X}", false, 2, 7, "bad character"},
		{"stray brace after a closed action", "Sayın {{.ADI}}, {{money .X}. Son", false, 1, 27, "bad character"},
		{"stray brace, Turkish text before", "Sayın {{.MUSTERI_ADI}}, {{.FATURA_NO}} nolu faturanız {{money .TOPLAM}. Son ödeme {{date .VADESI}}", false, 1, 70, "bad character"},
		{"unclosed action", "a {{.X}} {{.Y", false, 1, 10, "unclosed action"},
		{"if without end", "x\n{{if .X}} y\nz", false, 2, 1, "{{if}} has no {{end}}"},
		{"stray end", "x {{end}}", false, 1, 5, "unexpected {{end}}"},
		{"bad operand", "x {{.X !}}", false, 1, 8, `unexpected "!"`},
		{"right paren", "Sayın {{money .X .Y) }}", false, 1, 20, "right paren"},
		{"unterminated string", `x {{default "abc .X}}`, false, 1, 13, "unterminated quoted string"},
		{"undefined variable", "hi {{ $x }}", false, 1, 7, `undefined variable "$x"`},
		{"html unknown function", "<p>\n  {{nope .X}}</p>", true, 2, 5, `function "nope" not defined`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.html {
				_, err = ParseHTML("jobs.x.email.html", tt.src, DefaultFormats())
			} else {
				_, err = ParseText("jobs.x.sms.text", tt.src, DefaultFormats())
			}
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("error %v is not a *TemplateError", err)
			}
			if te.Line != tt.line || te.Col != tt.col || !strings.Contains(te.Msg, tt.msg) {
				t.Errorf("got line %d col %d %q; want line %d col %d containing %q", te.Line, te.Col, te.Msg, tt.line, tt.col, tt.msg)
			}
		})
	}
}

func TestExecuteErrorPosition(t *testing.T) {
	tp, err := ParseText("jobs.x.sms.text", "Sayın {{.ADI}},\nfatura {{.FATURA_NUMARASI}}", DefaultFormats())
	if err != nil {
		t.Fatal(err)
	}
	_, err = tp.Execute(Record{"ADI": "Ayşe"})
	var te *TemplateError
	if !errors.As(err, &te) {
		t.Fatalf("error %v is not a *TemplateError", err)
	}
	want := TemplateError{Name: "jobs.x.sms.text", Line: 2, Col: 10, Msg: `the record has no column "FATURA_NUMARASI"`, Column: "FATURA_NUMARASI"}
	if *te != want {
		t.Errorf("got %+v, want %+v", *te, want)
	}
	if got := te.Error(); got != `template jobs.x.sms.text: line 2 col 10: the record has no column "FATURA_NUMARASI"` {
		t.Errorf("Error() = %q", got)
	}
}

func TestHTMLContextErrorAtParse(t *testing.T) {
	_, err := ParseHTML("jobs.x.email.html", `<a href="{{.URL}}`, DefaultFormats())
	if err == nil || !strings.Contains(err.Error(), "ends inside a tag") {
		t.Fatalf("error %v, want the unclosed attribute reported at parse time", err)
	}
}

func TestHTMLEscapes(t *testing.T) {
	tp, err := ParseHTML("h", `<p>Sayın {{.ADI}}</p><a href="https://x.example/f?n={{.NO}}">PDF</a>`, DefaultFormats())
	if err != nil {
		t.Fatal(err)
	}
	got, err := tp.Execute(Record{"ADI": `<script>alert(1)</script> & Ayşe`, "NO": "A B&C"})
	if err != nil {
		t.Fatal(err)
	}
	want := `<p>Sayın &lt;script&gt;alert(1)&lt;/script&gt; &amp; Ayşe</p><a href="https://x.example/f?n=A%20B%26C">PDF</a>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// A NULL prints as nothing and is false in {{if}} and {{with}}, so an
// optional line (the e-invoice link of a database without one) disappears
// instead of printing its label alone.
func TestNullIsEmptyAndFalse(t *testing.T) {
	rec := Record{"ADI": "Ayşe", "EFATURA_PDF_URL": nil, "TEL2": nil}
	for _, tc := range []struct{ name, src, want string }{
		{"print", "[{{.TEL2}}]", "[]"},
		{"if", "Sayın {{.ADI}}{{if .EFATURA_PDF_URL}}, e-Fatura: {{.EFATURA_PDF_URL}}{{end}}.", "Sayın Ayşe."},
		{"with", "{{with .EFATURA_PDF_URL}}link {{.}}{{else}}no link{{end}}", "no link"},
		{"not", "{{if not .TEL2}}none{{end}}", "none"},
		{"default", `{{default "-" .TEL2}}`, "-"},
		{"upper", "[{{upper .TEL2}}]", "[]"},
		{"printf", `[{{printf "%s" .TEL2}}]`, "[]"},
	} {
		for _, html := range []bool{false, true} {
			parse := ParseText
			if html {
				parse = ParseHTML
			}
			tp, err := parse(tc.name, tc.src, DefaultFormats())
			if err != nil {
				t.Fatal(err)
			}
			got, err := tp.Execute(rec)
			if err != nil || got != tc.want {
				t.Errorf("%s (html %v): %q, %v; want %q", tc.name, html, got, err, tc.want)
			}
		}
	}
	tp, _ := ParseText("money", "{{money .TEL2}}", DefaultFormats())
	if _, err := tp.Execute(rec); err == nil || !strings.Contains(err.Error(), "NULL") {
		t.Errorf("money of NULL: %v", err)
	}
}
