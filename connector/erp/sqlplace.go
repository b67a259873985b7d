package erp

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	mssql "github.com/microsoft/go-mssqldb"
	"github.com/nakagami/firebirdsql"
)

// SQLError is a query the database refused (a syntax error, an unknown
// column), with the text that was sent and the place in it the database
// named. What was sent is the job's SELECT inside the connector's wrapper
// (the keyset page, the count), its comments removed and its date tokens
// written out, so the database's line and column are not the dealer's: In
// finds them in the SELECT as the config gives it.
type SQLError struct {
	Source string // the source's name (merkez@2026)
	Err    error  // the driver's
	Sent   string // the text the database was sent
	// Line and Col are where in Sent the database put the trouble, from 1;
	// Line 0 when it named no place, Col 0 when it named only the line
	// (SQL Server).
	Line, Col int
	dialect   Dialect
	// byteColumns: Col counts bytes, not characters. Firebird counts in
	// the connection's character set: a character of WIN1254 (the
	// default) is a byte, one of UTF8 up to four.
	byteColumns bool
}

func (e *SQLError) Error() string { return e.Err.Error() }
func (e *SQLError) Unwrap() error { return e.Err }

// Firebird names the place as "Token unknown - line 3, column 8" or
// "At line 3, column 3".
var firebirdPlace = regexp.MustCompile(`(?i)\bline (\d+), column (\d+)`)

// sqlError is err as a SQLError when the database refused the query's
// text and said so in its own words; other errors (a connection's, a
// timeout) are returned as they are.
func (s *Source) sqlError(err error, sent string) error {
	e := &SQLError{Source: s.name, Err: err, Sent: sent, dialect: s.dialect, byteColumns: s.byteColumns}
	var fb *firebirdsql.FbError
	var ms mssql.Error
	switch {
	case errors.As(err, &fb):
		if m := firebirdPlace.FindStringSubmatch(fb.Error()); m != nil {
			e.Line, _ = strconv.Atoi(m[1])
			e.Col, _ = strconv.Atoi(m[2])
		}
	case errors.As(err, &ms):
		e.Line = int(ms.LineNo)
	}
	// SQLite names no place ("near \"FROMM\": syntax error", "no such
	// column"), nor does Firebird for a value it cannot compute: the query
	// is still the dealer's to fix.
	if e.Line == 0 && FailureOf(err) != FailureSchema && !strings.Contains(err.Error(), "syntax error") {
		return err
	}
	return e
}

// In is where the database's place is in base, the SELECT the config
// gives (comments, a trailing ";" and {today} tokens as the dealer wrote
// them): its line and column there, from 1, the column in characters (0
// when the database named only the line: the line's first character then).
// ok is false when the database named no place, or one outside base (in
// the connector's own wrapper), or base is not what was sent.
func (e *SQLError) In(base string) (line, col int, ok bool) {
	if e.Line == 0 || e.dialect == nil {
		return 0, 0, false
	}
	sx := syntaxOf(e.dialect)
	toks, err := sx.lex(base)
	if err != nil {
		return 0, 0, false
	}
	// The checked text and, for each of its bytes, its offset in base.
	var clean strings.Builder
	var at []int
	for _, t := range trimStatement(toks) {
		clean.WriteString(t.text)
		for k := range len(t.text) {
			at = append(at, t.at+k) // a block comment's space: where the comment starts
		}
	}
	expanded, from := expandTokens(e.dialect, clean.String())
	if expanded == "" {
		return 0, 0, false
	}
	start := 0
	if i := strings.Index(e.Sent, "(\n"+expanded+"\n)"); i >= 0 {
		start = i + 2
	} else if e.Sent != expanded {
		return 0, 0, false
	}
	off, ok := offsetOf(e.Sent, e.Line, e.Col, e.byteColumns)
	if !ok || off < start || off > start+len(expanded) {
		return 0, 0, false
	}
	i := min(off-start, len(expanded)-1)
	if e.Col == 0 {
		// The line's first character that is not space, in base.
		for i < len(expanded)-1 && (expanded[i] == ' ' || expanded[i] == '\t') {
			i++
		}
	}
	if from != nil {
		i = from[i]
	}
	b := at[i]
	lineStart := strings.LastIndexByte(base[:b], '\n') + 1
	return 1 + strings.Count(base[:b], "\n"), 1 + utf8.RuneCountInString(base[lineStart:b]), true
}

// offsetOf is the byte offset in s of line and col (from 1; col 0: the
// line's start), col counted in characters, or in bytes.
func offsetOf(s string, line, col int, bytes bool) (int, bool) {
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(s[off:], '\n')
		if i < 0 {
			return 0, false
		}
		off += i + 1
	}
	end := strings.IndexByte(s[off:], '\n')
	if end < 0 {
		end = len(s) - off
	}
	text := s[off : off+end]
	if bytes {
		if col > len(text)+1 {
			return 0, false
		}
		return off + max(col-1, 0), true
	}
	for n := 1; n < col; n++ {
		if text == "" {
			return 0, false
		}
		_, size := utf8.DecodeRuneInString(text)
		text = text[size:]
		off += size
	}
	return off, true
}

// Words are the driver's words on one line with the place they name
// written as place instead (the line and column in the config file): the
// wrapped query's own place would only mislead.
func (e *SQLError) Words(place string) string {
	w := driverWords(e.Err)
	if place == "" {
		return w
	}
	if loc := firebirdPlace.FindStringIndex(w); loc != nil {
		return w[:loc[0]] + place + w[loc[1]:]
	}
	return w
}
