package erp

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// place is where marker first is in s: line and column from 1, the
// column in characters.
func place(s, marker string) (line, col int) {
	i := strings.Index(s, marker)
	if i < 0 {
		return 0, 0
	}
	ls := strings.LastIndexByte(s[:i], '\n') + 1
	return 1 + strings.Count(s[:i], "\n"), 1 + utf8.RuneCountInString(s[ls:i])
}

// The place a database names in what was sent, found in the SELECT as the
// dealer wrote it: past the wrapper's first line, removed comments, the
// trimmed start, written-out date tokens and Turkish letters.
func TestSQLErrorIn(t *testing.T) {
	fb, ms := firebirdDialect{}, mssqlDialect{}
	for _, tc := range []struct {
		name     string
		d        Dialect
		base     string
		marker   string // the word the database names
		lineOnly bool   // SQL Server: the line alone
		wrapped  bool
		bytes    bool // Firebird on a UTF8 connection: the column in bytes
	}{
		{"second line", fb, "SELECT BLKODU,\n  TEL9 FROM CARI", "TEL9", false, true, false},
		{"first line", fb, "SELECT TEL9 FROM CARI", "TEL9", false, true, false},
		{"leading lines and space", fb, "\n\n   SELECT BLKODU\n   FROMM CARI;\n", "CARI", false, true, false},
		{"line comment", fb, "SELECT BLKODU -- müşteri no\n  , TEL9 FROM CARI -- son", "TEL9", false, true, false},
		{"block comment over lines", fb, "SELECT /* eski:\n  TEL1 */ BLKODU, TEL9 FROM CARI", "TEL9", false, true, false},
		{"date token before", fb, "SELECT BLKODU FROM FATURA\nWHERE TARIHI >= {today-7} AND {month:TARIHI} = {today_month} AND TEL9 = 1", "TEL9", false, true, false},
		{"month token before", fb, "SELECT BLKODU FROM FATURA WHERE TARIHI >= {month_start-1} AND TEL9 = 1", "TEL9", false, true, false},
		{"Turkish letters before", fb, "SELECT 'Sayın Ayşe Işık' AS AD, TEL9 FROM CARI", "TEL9", false, true, false},
		{"Turkish letters before, UTF8", fb, "SELECT BLKODU,\n 'Sayın Ayşe Işık' AS AD, TEL9 FROM CARI", "TEL9", false, true, true},
		{"sent as it is", fb, "SELECT BLKODU, TEL9 FROM CARI -- son", "TEL9", false, false, false},
		{"SQL Server line", ms, "SELECT BLKODU\n  FROMM CARI", "FROMM", true, true, false},
		{"SQL Server first line", ms, "SELECT TEL9 FROM CARI", "TEL9", true, true, false},
		{"SQL Server brackets", ms, "SELECT [AD SOYAD] /* x\n*/, TEL9\nFROM CARI", "TEL9", false, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			q := tc.base
			if tc.wrapped {
				q = KeysetQuery(tc.d, tc.base, "BLKODU", 500)
			}
			st, err := syntaxOf(tc.d).parse(q)
			if err != nil {
				t.Fatal(err)
			}
			sent := ExpandTokens(tc.d, st.text)
			e := &SQLError{Sent: sent, dialect: tc.d, byteColumns: tc.bytes}
			e.Line, e.Col = place(sent, tc.marker)
			if tc.bytes {
				i := strings.Index(sent, tc.marker)
				e.Col = i - strings.LastIndexByte(sent[:i], '\n')
			}
			wantLine, wantCol := place(tc.base, tc.marker)
			if tc.lineOnly {
				e.Col = 0
				ls := strings.LastIndexByte(tc.base[:strings.Index(tc.base, tc.marker)], '\n') + 1
				wantCol = 1 + len(tc.base[ls:]) - len(strings.TrimLeft(tc.base[ls:], " "))
			}
			line, col, ok := e.In(tc.base)
			if !ok || line != wantLine || col != wantCol {
				t.Errorf("sent line %d col %d:\n%s\nIn = %d:%d %v, want %d:%d", e.Line, e.Col, sent, line, col, ok, wantLine, wantCol)
			}
		})
	}
}

// A place the SELECT does not hold is not put in it.
func TestSQLErrorInNowhere(t *testing.T) {
	fb := firebirdDialect{}
	base := "SELECT BLKODU FROM CARI"
	sent := ExpandTokens(fb, KeysetQuery(fb, base, "BLKODU", 500))
	for _, tc := range []struct {
		name      string
		line, col int
		base      string
	}{
		{"no place", 0, 0, base},
		{"the wrapper's line", 1, 5, base},
		{"the wrapper's end", 3, 10, base},
		{"past the end", 9, 1, base},
		{"another SELECT", 2, 8, "SELECT ADI FROM CARI"},
	} {
		e := &SQLError{Sent: sent, Line: tc.line, Col: tc.col, dialect: fb}
		if line, col, ok := e.In(tc.base); ok {
			t.Errorf("%s: In = %d:%d, want none", tc.name, line, col)
		}
	}
}
