package mapping

import (
	"errors"
	"fmt"
	htmltemplate "html/template"
	"io"
	"regexp"
	"strconv"
	"strings"
	"text/template"
)

// Record is one source row: column name → value. Values are nil (SQL NULL),
// string, int64, float64, bool, decimal.Decimal or time.Time.
type Record = map[string]any

// Template is a parsed message template. Templates are Go text/template (or
// html/template for e-mail HTML bodies) with missingkey=error, so a misspelled
// column fails at check time instead of sending "<no value>" to a customer.
type Template struct {
	name string
	src  string
	text *template.Template
	html *htmltemplate.Template
}

// TemplateError locates a template problem for IT staff.
type TemplateError struct {
	Name string // e.g. "jobs.new-invoice.sms"
	Line int    // 1-based line inside the template, 0 when unknown
	Col  int    // 1-based column inside the template, 0 when unknown
	Msg  string
	// Column is the column a record did not have, for that error: check
	// places it in the file and names the columns the record has.
	Column string
	// Null is set when a helper was given a NULL it cannot write (a date
	// or amount the row does not have): the row's skip reason and check
	// say which column, and how to wrap it.
	Null *NullError
	// Kind is set when a helper was given a value of another kind (money
	// given a text): the skip reason and check name the column and the
	// value's kind, never the value.
	Kind *KindError
}

func (e *TemplateError) Error() string {
	switch {
	case e.Line > 0 && e.Col > 0:
		return fmt.Sprintf("template %s: line %d col %d: %s", e.Name, e.Line, e.Col, e.Msg)
	case e.Line > 0:
		return fmt.Sprintf("template %s: line %d: %s", e.Name, e.Line, e.Msg)
	}
	return fmt.Sprintf("template %s: %s", e.Name, e.Msg)
}

// ParseText parses a plain-text template (SMS, WhatsApp, e-mail text and subject).
func ParseText(name, src string, f Formats) (*Template, error) {
	t, err := template.New(name).Option("missingkey=error").Funcs(funcMap(f)).Parse(src)
	if err != nil {
		return nil, templateError(name, src, err)
	}
	return &Template{name: name, src: src, text: t}, nil
}

// ParseHTML parses an HTML e-mail body; values are HTML-escaped.
func ParseHTML(name, src string, f Formats) (*Template, error) {
	t, err := htmltemplate.New(name).Option("missingkey=error").Funcs(htmltemplate.FuncMap(funcMap(f))).Parse(src)
	if err != nil {
		return nil, templateError(name, src, err)
	}
	// html/template escapes lazily on the first Execute; run it once without
	// data so an HTML context error (an unclosed attribute, a value inside a
	// <script>) is reported at config load, not at the first customer.
	var he *htmltemplate.Error
	if err := t.Execute(io.Discard, nil); errors.As(err, &he) {
		return nil, templateError(name, src, err)
	}
	return &Template{name: name, src: src, html: t}, nil
}

// Execute renders the template for one record. NULLs render as an empty string
// (use `default` to give them a value). The output is bounded by
// LimitDefault; ExecuteLimit sets a channel's own limit.
func (t *Template) Execute(rec Record) (string, error) {
	return t.ExecuteLimit(rec, LimitDefault)
}

// ExecuteLimit renders the template for one record, writing at most limit
// bytes: past it the execution stops with a *TooLongError (ErrTooLong).
func (t *Template) ExecuteLimit(rec Record, limit int) (string, error) {
	data := templateData(rec)
	buf := &limitedWriter{n: limit}
	var err error
	if t.html != nil {
		err = t.html.Execute(buf, data)
	} else {
		err = t.text.Execute(buf, data)
	}
	if errors.Is(err, ErrTooLong) {
		return "", &TooLongError{Name: t.name, Limit: limit}
	}
	if err != nil {
		return "", templateError(t.name, t.src, err)
	}
	return string(buf.buf), nil
}

// templateData is rec as a template reads it: each NULL a Null, in the
// rows a record lists too ({{range .HAREKETLER}}{{.ACIKLAMA}}{{end}}), where
// a bare nil would print "<no value>" to the customer.
func templateData(rec Record) map[string]any {
	data := make(map[string]any, len(rec))
	for k, v := range rec {
		switch x := v.(type) {
		case nil:
			v = Null(nil)
		case []map[string]any:
			rows := make([]map[string]any, len(x))
			for i, r := range x {
				rows[i] = templateData(r)
			}
			v = rows
		}
		data[k] = v
	}
	return data
}

// Null is how a SQL NULL appears inside a template: it prints as nothing
// and, like the empty text it prints as, is false in {{if}} and {{with}}.
// A struct would be true there, and "{{if .EFATURA_PDF_URL}}…{{end}}" would
// print its line for every invoice without a link; a nil pointer is not.
type Null = *null

type null struct{}

func (*null) String() string { return "" }

// text/template reports "template: NAME:LINE:COL: msg" (COL a 0-based byte
// offset, execution errors) or "template: NAME:LINE: msg" (parse errors);
// html/template "html/template:NAME:LINE:COL: msg".
var tmplPos = regexp.MustCompile(`^(?:html/)?template: ?[^:]*:(\d+)(?::(\d+))?: (?s)(.*)$`)

func templateError(name, src string, err error) error {
	var te *TemplateError
	if errors.As(err, &te) {
		return te
	}
	msg := err.Error()
	var he *htmltemplate.Error
	if errors.As(err, &he) && he.ErrorCode == htmltemplate.ErrEndContext {
		return &TemplateError{Name: name, Msg: "the HTML ends inside a tag, an attribute or a quote: close every < and \""}
	}
	m := tmplPos.FindStringSubmatch(msg)
	if m == nil {
		return &TemplateError{Name: name, Msg: strings.TrimPrefix(strings.TrimPrefix(msg, "html/template:"+name+": "), "template: "+name+": ")}
	}
	line, _ := strconv.Atoi(m[1])
	rest := m[3]
	col := 0
	if m[2] != "" {
		b, _ := strconv.Atoi(m[2])
		col = byteToCol(lineOf(src, line), b)
	}
	// Execution errors carry "executing \"name\" at <.X>: ..." - keep the useful tail.
	if i := strings.Index(rest, ": "); strings.HasPrefix(rest, "executing ") && i >= 0 {
		rest = strings.TrimSpace(rest[i+2:])
	}
	column := ""
	if q, ok := strings.CutPrefix(rest, "map has no entry for key "); ok {
		column, _ = strconv.Unquote(q)
		rest = "the record has no column " + q
	}
	// The helper and the column of a NULL or a value of another kind: the
	// function text/template names, the column the action reads.
	helper := func() (fn, column string) {
		if f := callingFunc.FindStringSubmatch(rest); f != nil {
			fn = f[1]
		}
		if m[2] != "" {
			b, _ := strconv.Atoi(m[2])
			column = actionColumn(lineOf(src, line), b)
		}
		return fn, column
	}
	var null *NullError
	if errors.As(err, &null) {
		n := *null
		n.Func, n.Column = helper()
		null = &n
	}
	var kind *KindError
	if errors.As(err, &kind) {
		k := *kind
		k.Func, k.Column = helper()
		kind = &k
	}
	if col == 0 {
		line, col, rest = locate(src, line, rest)
	}
	return &TemplateError{Name: name, Line: line, Col: col, Msg: rest, Column: column, Null: null, Kind: kind}
}

var (
	callingFunc = regexp.MustCompile(`^error calling (\w+): `)
	// fieldRef is a column an action reads (.VADESI, $.VADESI), Turkish
	// letters and all.
	fieldRef  = regexp.MustCompile(`\.([\pL_][\pL\pN_]*)`)
	stringLit = regexp.MustCompile("\"(?:[^\"\\\\]|\\\\.)*\"|`[^`]*`")
)

// actionColumn is the one column the action of line around byte offset b
// reads ({{longdate .VADESI}}, {{.VADESI | date}}), or "" when it reads
// none or several.
func actionColumn(line string, b int) string {
	for _, a := range actions(line) {
		if b < a[0] || b >= a[1] {
			continue
		}
		col := ""
		for _, f := range fieldRef.FindAllStringSubmatch(stringLit.ReplaceAllString(line[a[0]:a[1]], `""`), -1) {
			if col != "" && f[1] != col {
				return ""
			}
			col = f[1]
		}
		return col
	}
	return ""
}
