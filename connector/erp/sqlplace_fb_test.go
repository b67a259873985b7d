package erp_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

// The real server's place for a refused SELECT, inside the keyset wrapper,
// found in the SELECT as written: whatever the connection's character set
// (Firebird counts the column in its bytes: UTF8 is not WIN1254), past
// comments and tokens.
func TestFirebirdSQLErrorPlace(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "sqlplace")
	for _, charset := range []string{"WIN1254", "UTF8"} {
		o := fbOptions(s, "merkez", path)
		o.Charset = charset
		src, err := erp.Open(o)
		if err != nil {
			t.Fatal(err)
		}
		defer src.Close()
		for _, tc := range []struct{ name, base, marker, words string }{
			{"unknown column", "SELECT BLKODU,\n  'Sayın Ayşe Işık' AS AD, TEL9 FROM CARI", "TEL9", "Column unknown"},
			{"syntax", "SELECT BLKODU -- müşteri\n  FROMM CARI", "CARI", "Token unknown"},
			{"after a token", "SELECT BLKODU FROM FATURA\n WHERE TARIHI >= {today-7} /* bir\nhafta */ AND YOK_SUTUN = 1", "YOK_SUTUN", "Column unknown"},
			{"unknown table", "\n  SELECT BLKODU FROM CARI_YOK;", "CARI_YOK", "Table unknown"},
		} {
			t.Run(charset+"/"+tc.name, func(t *testing.T) {
				err := src.Query(context.Background(), erp.KeysetQuery(src.Dialect(), tc.base, "BLKODU", 100), []any{0}, func(erp.Record) error { return nil })
				var se *erp.SQLError
				if !errors.As(err, &se) {
					t.Fatalf("%v is not a SQLError", err)
				}
				i := strings.Index(tc.base, tc.marker)
				ls := strings.LastIndexByte(tc.base[:i], '\n') + 1
				wantLine, wantCol := 1+strings.Count(tc.base[:i], "\n"), 1+utf8.RuneCountInString(tc.base[ls:i])
				line, col, ok := se.In(tc.base)
				if !ok || line != wantLine || col != wantCol {
					t.Errorf("%v\nsent line %d col %d; In = %d:%d %v, want %d:%d", err, se.Line, se.Col, line, col, ok, wantLine, wantCol)
				}
				if w := se.Words("line 42, column 7"); !strings.Contains(w, tc.words) || !strings.Contains(w, "line 42, column 7") || strings.Contains(w, "\n") {
					t.Errorf("words %q", w)
				}
			})
		}
	}
}
