package erp_test

import (
	"context"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

// A generator advances even inside a read-only transaction. Against the
// real server: no query the connector accepts moves one, whether the
// GEN_ID hides in a q'…' literal's shadow, in a selectable procedure read
// like a table, or in a PSQL function.
func TestFirebirdGeneratorsStayPut(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "genid")
	ctx := context.Background()
	admin, err := s.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	for _, ddl := range []string{
		`CREATE PROCEDURE SP_NUMARA_AL RETURNS (BLKODU INTEGER) AS BEGIN BLKODU = GEN_ID(GEN_BLKODU, 1); SUSPEND; END`,
		`CREATE FUNCTION FN_NUMARA_AL RETURNS INTEGER AS BEGIN RETURN GEN_ID(GEN_BLKODU, 1); END`,
	} {
		if _, err := admin.ExecContext(ctx, ddl); err != nil {
			t.Fatalf("%s: %v", ddl, err)
		}
	}
	generator := func() int64 {
		var n int64
		if err := admin.QueryRowContext(ctx, `SELECT GEN_ID(GEN_BLKODU, 0) FROM RDB$DATABASE`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	src, err := erp.Open(fbOptions(s, "merkez", path))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	before := generator()
	for _, tc := range []struct{ name, query, want string }{
		{"q literal", erp.KeysetQuery(src.Dialect(), `SELECT q'{'}' AS A, GEN_ID(GEN_BLKODU, 1) AS BLKODU FROM RDB$DATABASE --'`, "BLKODU", 10), "GEN_ID"},
		{"q literal unwrapped", `SELECT q'{'}' AS A, GEN_ID(GEN_BLKODU, 1) AS BLKODU FROM RDB$DATABASE --'`, "GEN_ID"},
		{"procedure read as a table", erp.KeysetQuery(src.Dialect(), `SELECT BLKODU FROM SP_NUMARA_AL`, "BLKODU", 10), "SP_NUMARA_AL"},
		{"procedure, quoted", `SELECT BLKODU FROM "SP_NUMARA_AL"`, "SP_NUMARA_AL"},
		{"procedure in a subquery", `SELECT BLKODU FROM CARI WHERE BLKODU > (SELECT MAX(BLKODU) FROM sp_numara_al)`, "SP_NUMARA_AL"},
		{"procedure with parentheses", `SELECT BLKODU FROM SP_NUMARA_AL()`, "SP_NUMARA_AL"},
		{"function", `SELECT FN_NUMARA_AL() AS BLKODU FROM RDB$DATABASE`, "FN_NUMARA_AL"},
		{"function in a condition", erp.CountQuery(src.Dialect(), `SELECT BLKODU FROM CARI WHERE BLKODU < fn_numara_al()`), "FN_NUMARA_AL"},
		{"NEXT VALUE FOR", `SELECT NEXT VALUE FOR GEN_BLKODU AS BLKODU FROM RDB$DATABASE`, "NEXT VALUE FOR"},
	} {
		err := src.Query(ctx, tc.query, nil, func(erp.Record) error { return nil })
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: got %v, want a refusal naming %s", tc.name, err, tc.want)
		}
	}
	if after := generator(); after != before {
		t.Fatalf("GEN_BLKODU moved from %d to %d", before, after)
	}

	// What stays allowed: reading a generator, a q literal holding a quote.
	var got []any
	err = src.Query(ctx, `SELECT GEN_ID(GEN_BLKODU, 0) AS N, q'{O'Brien; GEN_ID(GEN_BLKODU, 1)}' AS S FROM RDB$DATABASE -- son`, nil,
		func(r erp.Record) error { got = append(got, r["N"], r["S"]); return nil })
	if err != nil || len(got) != 2 || got[0] != before || got[1] != "O'Brien; GEN_ID(GEN_BLKODU, 1)" {
		t.Fatalf("read-only query: %v %#v", err, got)
	}
	if after := generator(); after != before {
		t.Fatalf("GEN_BLKODU moved from %d to %d", before, after)
	}
}
