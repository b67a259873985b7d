package mapping

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// WhatsAppSource is a job's WhatsApp template message as written in the
// config: an approved template and, per parameter, a text/template.
type WhatsAppSource struct {
	Template string // the approved template's name
	Language string // default "tr"
	Header   []WhatsAppParam
	Body     []WhatsAppParam
	Buttons  []WhatsAppButton
}

// WhatsAppParam is one template parameter.
type WhatsAppParam struct {
	Type  string // text (default), currency, date_time; header also image, video, document
	Value string // text, currency fallback_value, date_time fallback_value, or media link
	Name  string // parameter_name for templates with named variables
	Code  string // currency code, default TRY
	// Amount renders to the currency amount ("1250.50"), read exactly and
	// sent as amount_1000.
	Amount string
	// Filename is a document's file name as the customer sees it
	// ("Fatura {{.FATURA_NO}}.pdf"); documents only.
	Filename string
}

// WhatsAppButton fills a URL button's suffix or a quick reply's payload.
type WhatsAppButton struct {
	SubType string // url or quick_reply
	Index   int
	Value   string
}

// WhatsApp is a parsed WhatsApp template mapping.
type WhatsApp struct {
	name, language string
	formats        Formats
	header, body   []waParam
	buttons        []waButton
}

type waParam struct {
	typ, name, code         string
	value, amount, filename *Template
}

type waButton struct {
	subType string
	index   int
	value   *Template
}

// ParseWhatsApp parses every parameter's templates; name prefixes error
// locations ("jobs.new-invoice.whatsapp").
func ParseWhatsApp(name string, src WhatsAppSource, f Formats) (*WhatsApp, error) {
	if strings.TrimSpace(src.Template) == "" {
		return nil, &TemplateError{Name: name, Msg: "the approved template's name is required"}
	}
	w := &WhatsApp{name: src.Template, language: src.Language, formats: f}
	if w.language == "" {
		w.language = "tr"
	}
	parse := func(kind string, ps []WhatsAppParam, media bool) ([]waParam, error) {
		var out []waParam
		for i, p := range ps {
			pname := fmt.Sprintf("%s.%s[%d]", name, kind, i)
			q := waParam{typ: p.Type, name: p.Name, code: p.Code}
			if q.typ == "" {
				q.typ = "text"
			}
			switch q.typ {
			case "text", "date_time":
			case "currency":
				if strings.TrimSpace(p.Amount) == "" {
					return nil, &TemplateError{Name: pname, Msg: "a currency parameter needs amount, e.g. {{.TOPLAM_GENEL_KPB}}"}
				}
				if q.code == "" {
					q.code = "TRY"
				}
			case "image", "video", "document":
				if !media {
					return nil, &TemplateError{Name: pname, Msg: fmt.Sprintf("type %s is only allowed in the header", q.typ)}
				}
			default:
				return nil, &TemplateError{Name: pname, Msg: fmt.Sprintf("type %q is not text, currency or date_time", q.typ)}
			}
			var err error
			if p.Value != "" {
				if q.value, err = ParseText(pname+".value", p.Value, f); err != nil {
					return nil, err
				}
			} else if q.typ != "currency" {
				return nil, &TemplateError{Name: pname, Msg: "value is required"}
			}
			if p.Amount != "" {
				if q.amount, err = ParseText(pname+".amount", p.Amount, f); err != nil {
					return nil, err
				}
			}
			if p.Filename != "" {
				if q.typ != "document" {
					return nil, &TemplateError{Name: pname, Msg: "filename is only for a document parameter"}
				}
				if q.filename, err = ParseText(pname+".filename", p.Filename, f); err != nil {
					return nil, err
				}
			}
			out = append(out, q)
		}
		return out, nil
	}
	var err error
	if w.header, err = parse("header", src.Header, true); err != nil {
		return nil, err
	}
	if w.body, err = parse("body", src.Body, false); err != nil {
		return nil, err
	}
	for i, b := range src.Buttons {
		bname := fmt.Sprintf("%s.buttons[%d]", name, i)
		if b.SubType != "url" && b.SubType != "quick_reply" {
			return nil, &TemplateError{Name: bname, Msg: fmt.Sprintf("sub_type %q is not url or quick_reply", b.SubType)}
		}
		t, err := ParseText(bname+".value", b.Value, f)
		if err != nil {
			return nil, err
		}
		w.buttons = append(w.buttons, waButton{subType: b.SubType, index: b.Index, value: t})
	}
	return w, nil
}

// The Cloud API's template object; field order follows Meta's examples.
type waTemplate struct {
	Name       string        `json:"name"`
	Language   waLanguage    `json:"language"`
	Components []waComponent `json:"components,omitempty"`
}

type waLanguage struct {
	Code   string `json:"code"`
	Policy string `json:"policy"`
}

type waComponent struct {
	Type       string        `json:"type"`
	SubType    string        `json:"sub_type,omitempty"`
	Index      string        `json:"index,omitempty"`
	Parameters []waParameter `json:"parameters"`
}

type waParameter struct {
	Type          string      `json:"type"`
	ParameterName string      `json:"parameter_name,omitempty"`
	Text          string      `json:"text,omitempty"`
	Payload       string      `json:"payload,omitempty"`
	Currency      *waCurrency `json:"currency,omitempty"`
	DateTime      *waFallback `json:"date_time,omitempty"`
	Image         *waLink     `json:"image,omitempty"`
	Video         *waLink     `json:"video,omitempty"`
	Document      *waLink     `json:"document,omitempty"`
}

type waCurrency struct {
	FallbackValue string `json:"fallback_value"`
	Code          string `json:"code"`
	Amount1000    int64  `json:"amount_1000"`
}

type waFallback struct {
	FallbackValue string `json:"fallback_value"`
}

type waLink struct {
	Link     string `json:"link"`
	Filename string `json:"filename,omitempty"`
}

// Execute renders the Cloud API template object for one record, and a
// one-line summary of it for the outbox and status page.
func (w *WhatsApp) Execute(rec Record) (payload []byte, summary string, err error) {
	t := waTemplate{Name: w.name, Language: waLanguage{Code: w.language, Policy: "deterministic"}}
	var shown []string
	params := func(kind string, ps []waParam) ([]waParameter, error) {
		var out []waParameter
		for i, p := range ps {
			q, show, err := p.render(rec, w.formats)
			if errors.Is(err, errEmptyParameter) {
				return nil, &EmptyParameterError{Part: kind, N: i + 1}
			}
			if err != nil {
				return nil, fmt.Errorf("whatsapp %s parameter %d: %w", kind, i+1, err)
			}
			shown = append(shown, show)
			out = append(out, q)
		}
		return out, nil
	}
	header, err := params("header", w.header)
	if err != nil {
		return nil, "", err
	}
	body, err := params("body", w.body)
	if err != nil {
		return nil, "", err
	}
	if len(header) > 0 {
		t.Components = append(t.Components, waComponent{Type: "header", Parameters: header})
	}
	if len(body) > 0 {
		t.Components = append(t.Components, waComponent{Type: "body", Parameters: body})
	}
	for _, b := range w.buttons {
		v, err := b.value.ExecuteLimit(rec, LimitWhatsAppParam)
		if err != nil {
			return nil, "", err
		}
		v = strings.TrimSpace(v)
		if v == "" {
			return nil, "", &EmptyParameterError{Part: "button", N: b.index}
		}
		q := waParameter{Type: "text", Text: v}
		if b.subType == "quick_reply" {
			q = waParameter{Type: "payload", Payload: v}
		}
		t.Components = append(t.Components, waComponent{Type: "button", SubType: b.subType,
			Index: strconv.Itoa(b.index), Parameters: []waParameter{q}})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(t); err != nil {
		return nil, "", err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), "[" + w.name + "] " + strings.Join(shown, " | "), nil
}

func (p waParam) render(rec Record, f Formats) (waParameter, string, error) {
	q := waParameter{Type: p.typ, ParameterName: p.name}
	value := ""
	if p.value != nil {
		v, err := p.value.ExecuteLimit(rec, LimitWhatsAppParam)
		if err != nil {
			return q, "", err
		}
		value = strings.TrimSpace(v)
		if utf8.RuneCountInString(value) > WhatsAppParamChars {
			return q, "", &TooLongError{Name: p.value.name, Limit: WhatsAppParamChars, Chars: true}
		}
	}
	switch p.typ {
	case "currency":
		s, err := p.amount.ExecuteLimit(rec, LimitWhatsAppParam)
		if err != nil {
			return q, "", err
		}
		amount, err := decimal.NewFromString(strings.TrimSpace(s))
		if err != nil {
			return q, "", fmt.Errorf("amount %q is not a plain number like 1250.50 (do not format it with money)", s)
		}
		milli := amount.Shift(3)
		if !milli.Equal(milli.Truncate(0)) || milli.Abs().GreaterThan(decimal.New(1, 17)) {
			return q, "", fmt.Errorf("amount %s cannot be sent exactly as amount_1000", amount)
		}
		if value == "" {
			fp := f
			fp.Currency, fp.CurrencyPrefix = "₺", true
			if value, err = formatMoney(amount, fp); err != nil {
				return q, "", err
			}
		}
		q.Currency = &waCurrency{FallbackValue: value, Code: p.code, Amount1000: milli.IntPart()}
		return q, value, nil
	case "date_time":
		q.DateTime = &waFallback{FallbackValue: value}
	case "image":
		q.Image = &waLink{Link: value}
	case "video":
		q.Video = &waLink{Link: value}
	case "document":
		q.Document = &waLink{Link: value}
		if p.filename != nil {
			name, err := p.filename.ExecuteLimit(rec, LimitWhatsAppParam)
			if err != nil {
				return q, "", err
			}
			q.Document.Filename = strings.TrimSpace(name)
		}
	default:
		// WhatsApp refuses text parameters with new lines, tabs or runs of spaces.
		value = strings.Join(strings.Fields(value), " ")
		q.Text = value
	}
	if value == "" {
		return q, "", errEmptyParameter
	}
	return q, value, nil
}

var errEmptyParameter = errors.New("rendered empty")

// EmptyParameterError is a WhatsApp template parameter that rendered empty
// for a record, which Meta refuses: most often an optional column (no
// e-invoice link) that the record lacks. It is the record's skip, not the
// template's fault, and a job's fallback channel sends instead.
type EmptyParameterError struct {
	Part string // header, body or button
	N    int    // the parameter's number, from 1 (a button's index)
}

func (e *EmptyParameterError) Error() string {
	if e.Part == "button" {
		return fmt.Sprintf("whatsapp button %d rendered empty; WhatsApp refuses empty parameters", e.N)
	}
	return fmt.Sprintf("whatsapp %s parameter %d: rendered empty; WhatsApp refuses empty parameters (wrap the field with default)", e.Part, e.N)
}

// reason is the skip in the reader's language.
func (e *EmptyParameterError) reason() Reason {
	r := R(ReasonWhatsAppEmpty, "n", e.N)
	r.Parts = []Reason{R("whatsapp.part." + e.Part)}
	return r
}
