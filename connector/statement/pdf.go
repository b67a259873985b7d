package statement

import (
	"bytes"
	"fmt"
	"time"

	"github.com/shopspring/decimal"
	"github.com/signintech/gopdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The PDF is made with github.com/signintech/gopdf (pure Go) in the Go
// fonts (golang.org/x/image/font/gofont, BSD licensed, free to embed),
// which have every Turkish letter (ç ğ ı İ ö ş ü and their capitals). Only
// the glyphs used are embedded, and the text stays extractable (a ToUnicode
// map): a customer can search and copy it.

// A4 in points, and the layout.
const (
	pageW, pageH = 595.28, 841.89
	margin       = 40.0
	rowH         = 15.0
	bottom       = pageH - margin - 20
)

// column is one table column: its header and width, right-aligned for
// amounts.
type column struct {
	key   catalog.Key
	width float64
	right bool
}

var table = []column{
	{"statement.col_date", 50, false}, {"statement.col_document", 78, false}, {"statement.col_note", 71, false},
	{"statement.col_due", 50, false}, {"statement.col_debit", 80, true}, {"statement.col_credit", 80, true},
	{"statement.col_balance", 106, true},
}

// PDF renders the statement in l (customers: catalog.TR), with money and
// dates as the templates write them; made is the date in its footer.
func (s Statement) PDF(l catalog.Lang, f mapping.Formats, made time.Time) ([]byte, error) {
	w := newWriter(l, f, made)
	if err := w.start(s); err != nil {
		return nil, err
	}
	w.header(s)
	w.tableHead()
	w.row(false, "", "", l.Text("statement.opening", nil), "", "", "", w.balance(s.Opening))
	if len(s.Lines) == 0 {
		w.row(false, "", "", l.Text("statement.no_movements", nil), "", "", "", "")
	}
	for _, ln := range s.Lines {
		w.row(false, w.cells(ln)...)
	}
	w.rule()
	w.row(true, "", "", l.Text("statement.totals", nil), "", w.money(s.Debit, false), w.money(s.Credit, false), "")
	w.row(true, "", "", l.Text("statement.closing", nil), "", "", "", w.balance(s.Closing))
	w.y += rowH / 2
	w.small(l.Text("statement.sides", nil))
	if s.Confirm != "" {
		w.y += rowH
		side := l.Text("statement.owed_debit", nil)
		if s.Closing.Sign() < 0 {
			side = l.Text("statement.owed_credit", nil)
		}
		w.paragraph(l.Text("statement.reconcile", map[string]string{"date": w.date(s.To), "amount": w.money(s.Closing.Abs(), false),
			"side": side, "confirm": s.Confirm, "dispute": s.Dispute}))
	}
	w.footer()
	if w.err != nil {
		return nil, w.err
	}
	var buf bytes.Buffer
	if _, err := w.pdf.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("write the statement PDF: %w", err)
	}
	return buf.Bytes(), nil
}

// Rows are the statement's movements as its PDF writes them in l, one row
// of cells a movement: date, document, description, due date, debit,
// credit and the balance after it. check shows a movement without a value
// this way.
func (s Statement) Rows(l catalog.Lang, f mapping.Formats) ([][]string, error) {
	w := newWriter(l, f, time.Time{})
	out := make([][]string, 0, len(s.Lines))
	for _, ln := range s.Lines {
		out = append(out, w.cells(ln))
	}
	return out, w.err
}

// Columns are the headers of the table of movements in l, in the order of
// Rows' cells. check names them above the rows it shows.
func Columns(l catalog.Lang) []string {
	out := make([]string, len(table))
	for i, c := range table {
		out[i] = l.Text(c.key, nil)
	}
	return out
}

// cells are one movement's row of the table.
func (w *writer) cells(ln Line) []string {
	due := ""
	if !ln.Due.IsZero() {
		due = w.date(ln.Due)
	}
	note := ln.Note
	if note == "" {
		note = w.l.Text(kindKey(ln), nil)
	}
	return []string{w.date(ln.Date), ln.Document, note, due, w.money(ln.Debit, true), w.money(ln.Credit, true), w.balance(ln.Balance)}
}

// kindKey names a movement without a description by what it is: only the
// invoice's type code (9) is confirmed, so the others go by their side.
func kindKey(ln Line) catalog.Key {
	switch {
	case ln.Kind == invoiceKind && ln.Debit.Sign() > 0:
		return "statement.kind_invoice"
	case ln.Credit.Sign() > 0:
		return "statement.kind_credit"
	}
	return "statement.kind_debit"
}

const invoiceKind = 9 // erp.InvoiceMovement

// writer lays out the pages; the first error stops the drawing and is
// returned at the end.
// newWriter writes in l, with f's money and dates (the templates' own
// when f is unset).
func newWriter(l catalog.Lang, f mapping.Formats, made time.Time) *writer {
	if f.Location == nil {
		f = mapping.DefaultFormats()
	}
	return &writer{l: l, f: f, made: made}
}

type writer struct {
	pdf  gopdf.GoPdf
	l    catalog.Lang
	f    mapping.Formats
	made time.Time
	y    float64
	page int
	err  error
}

func (w *writer) start(s Statement) error {
	w.pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	title := w.l.Text("statement.title", nil)
	if s.Confirm != "" {
		title = w.l.Text("statement.reconciliation_title", nil)
	}
	w.pdf.SetInfo(gopdf.PdfInfo{Title: title + " " + s.Code, Creator: "akinsoft-connector", CreationDate: w.made})
	if err := w.pdf.AddTTFFontData("regular", goregular.TTF); err != nil {
		return fmt.Errorf("statement PDF: font: %w", err)
	}
	if err := w.pdf.AddTTFFontData("bold", gobold.TTF); err != nil {
		return fmt.Errorf("statement PDF: font: %w", err)
	}
	w.newPage()
	w.font(true, 16)
	w.text(margin, title)
	w.y += 26
	return w.err
}

func (w *writer) newPage() {
	if w.page > 0 {
		w.footer()
	}
	w.pdf.AddPage()
	w.page++
	w.y = margin
}

func (w *writer) header(s Statement) {
	w.font(false, 10)
	for _, kv := range [][2]string{
		{w.l.Text("statement.customer", nil), s.Customer},
		{w.l.Text("statement.code", nil), s.Code},
		{w.l.Text("statement.period", nil), w.date(s.From) + " - " + w.date(s.To)},
	} {
		w.font(true, 10)
		w.text(margin, kv[0]+":")
		w.font(false, 10)
		w.text(margin+80, kv[1])
		w.y += rowH
	}
	w.y += rowH / 2
}

func (w *writer) tableHead() {
	w.pdf.SetFillColor(230, 230, 230)
	w.pdf.RectFromUpperLeftWithStyle(margin, w.y, pageW-2*margin, rowH, "F")
	// A PDF fills text with the fill colour: back to black.
	w.pdf.SetFillColor(0, 0, 0)
	w.pdf.SetTextColor(0, 0, 0)
	w.font(true, 9)
	x := margin
	for _, c := range table {
		w.cell(x, c, w.l.Text(c.key, nil))
		x += c.width
	}
	w.y += rowH
}

func (w *writer) row(bold bool, cells ...string) {
	if w.y+rowH > bottom {
		w.newPage()
		w.tableHead()
	}
	w.font(bold, 8)
	x := margin
	for i := 0; i < len(table); i++ {
		c := table[i]
		// A label row (carried balance, totals) writes its label over
		// the date, document and description columns.
		if i == 0 && cells[0] == "" && cells[1] == "" && cells[2] != "" {
			c.width = table[0].width + table[1].width + table[2].width
			w.cell(x, c, w.fit(cells[2], c.width-4))
			x += c.width
			i = 2
			continue
		}
		w.cell(x, c, w.fit(cells[i], c.width-4))
		x += c.width
	}
	w.y += rowH
}

func (w *writer) rule() {
	w.pdf.SetLineWidth(0.5)
	w.pdf.Line(margin, w.y+1, pageW-margin, w.y+1)
	w.y += 3
}

func (w *writer) small(s string) {
	w.font(false, 8)
	w.text(margin, s)
	w.y += rowH
}

// paragraph wraps s over the page's width.
func (w *writer) paragraph(s string) {
	w.font(false, 10)
	lines, err := w.pdf.SplitTextWithWordWrap(s, pageW-2*margin)
	if err != nil {
		lines = []string{s}
	}
	for _, ln := range lines {
		if w.y+rowH > bottom {
			w.newPage()
		}
		w.text(margin, ln)
		w.y += rowH
	}
}

func (w *writer) footer() {
	w.font(false, 8)
	y := w.y
	w.y = pageH - margin
	w.text(margin, w.l.Text("statement.footer", map[string]string{"date": w.date(w.made), "page": fmt.Sprint(w.page)}))
	w.y = y
}

func (w *writer) font(bold bool, size float64) {
	name := "regular"
	if bold {
		name = "bold"
	}
	if err := w.pdf.SetFont(name, "", size); err != nil && w.err == nil {
		w.err = fmt.Errorf("statement PDF: %w", err)
	}
}

func (w *writer) text(x float64, s string) {
	w.pdf.SetXY(x, w.y)
	if err := w.pdf.Cell(nil, s); err != nil && w.err == nil {
		w.err = fmt.Errorf("statement PDF: %w", err)
	}
}

func (w *writer) cell(x float64, c column, s string) {
	w.pdf.SetXY(x+2, w.y)
	align := gopdf.Left | gopdf.Middle
	if c.right {
		align = gopdf.Right | gopdf.Middle
	}
	if err := w.pdf.CellWithOption(&gopdf.Rect{W: c.width - 4, H: rowH}, s, gopdf.CellOption{Align: align}); err != nil && w.err == nil {
		w.err = fmt.Errorf("statement PDF: %w", err)
	}
}

// fit cuts s to the width, with an ellipsis: a long description must not
// run into the amounts.
func (w *writer) fit(s string, width float64) string {
	if n, err := w.pdf.MeasureTextWidth(s); err != nil || n <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if n, err := w.pdf.MeasureTextWidth(string(r) + "…"); err == nil && n <= width {
			break
		}
	}
	return string(r) + "…"
}

func (w *writer) date(t time.Time) string {
	s, err := mapping.Date(t, w.f)
	if err != nil {
		return ""
	}
	return s
}

// money writes an amount; blank zero leaves a movement's empty side empty.
func (w *writer) money(d decimal.Decimal, blankZero bool) string {
	if blankZero && d.IsZero() {
		return ""
	}
	s, err := mapping.Money(d, w.f)
	if err != nil && w.err == nil {
		w.err = err
	}
	return s
}

// balance writes a balance with its side: (B) the customer owes, (A) the
// shop does.
func (w *writer) balance(d decimal.Decimal) string {
	side := ""
	switch d.Sign() {
	case 1:
		side = " " + w.l.Text("statement.side_debit", nil)
	case -1:
		side = " " + w.l.Text("statement.side_credit", nil)
	}
	return w.money(d.Abs(), false) + side
}
