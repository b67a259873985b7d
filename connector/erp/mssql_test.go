package erp

import (
	"strings"
	"testing"
	"time"
)

func TestMSSQLGeneratedSQL(t *testing.T) {
	d := mssqlDialect{}
	for _, tc := range []struct{ name, got, want string }{
		{"keyset", KeysetQuery(d, "SELECT BLKODU FROM FATURA;", "BLKODU", 500),
			"SELECT TOP (500) * FROM (\nSELECT BLKODU FROM FATURA\n) q WHERE q.BLKODU > @p1 ORDER BY q.BLKODU"},
		{"changed", ChangedQuery(d, "SELECT * FROM CARI", "DEGISTIRME_TARIHI", "BLKODU", 100),
			"SELECT TOP (100) * FROM (\nSELECT * FROM CARI\n) q WHERE q.DEGISTIRME_TARIHI < @p1 AND ((q.DEGISTIRME_TARIHI = @p2 AND q.BLKODU > @p3) OR q.DEGISTIRME_TARIHI > @p4) ORDER BY q.DEGISTIRME_TARIHI, q.BLKODU"},
		{"count", CountAfterQuery(d, "SELECT * FROM FATURA", "BLKODU"), "SELECT COUNT(*) AS N FROM (\nSELECT * FROM FATURA\n) q WHERE q.BLKODU > @p1"},
		{"tokens", ExpandTokens(d, "WHERE VADESI <= {today+3} AND {month:C.DOGUM_TARIHI} = {today_month}"),
			"WHERE VADESI <= DATEADD(day, 3, CAST(GETDATE() AS date)) AND DATEPART(month, C.DOGUM_TARIHI) = DATEPART(month, DATEADD(day, 0, CAST(GETDATE() AS date)))"},
		{"firebird tokens", ExpandTokens(firebirdDialect{}, "{today-7} {day:DOGUM_TARIHI} {today}"), "(CURRENT_DATE -7) EXTRACT(DAY FROM DOGUM_TARIHI) CURRENT_DATE"},
		{"firebird keyset", KeysetQuery(firebirdDialect{}, "SELECT * FROM FATURA", "BLKODU", 50),
			"SELECT * FROM (\nSELECT * FROM FATURA\n) q WHERE q.BLKODU > ? ORDER BY q.BLKODU ROWS 50"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s:\n got %s\nwant %s", tc.name, tc.got, tc.want)
		}
	}
}

func TestMSSQLDSNIsReadOnlyIntent(t *testing.T) {
	dsn, err := mssqlDSN(Options{Host: "srv", Port: 1433, Database: "WOLVOX8_001_2026_WOLVOX", User: "reader", Password: "p@ss;word",
		Encrypt: "strict", Timeout: 15 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"sqlserver://reader:", "@srv:1433", "ApplicationIntent=ReadOnly", "database=WOLVOX8_001_2026_WOLVOX", "encrypt=strict", "dial+timeout=15"} {
		if !strings.Contains(dsn, want) {
			t.Errorf("dsn lacks %q", want)
		}
	}
	if _, err := mssqlDSN(Options{Database: "x", Encrypt: "maybe"}); err == nil {
		t.Error("encrypt: maybe accepted")
	}
}

func TestYears(t *testing.T) {
	grace := 15 * 24 * time.Hour
	for _, tc := range []struct {
		at   time.Time
		want int
	}{
		{time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 2},
		{time.Date(2026, 1, 15, 23, 0, 0, 0, time.UTC), 2},
		{time.Date(2026, 1, 16, 0, 0, 1, 0, time.UTC), 1},
		{time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC), 1},
	} {
		if got := Years(tc.at, grace); len(got) != tc.want || got[len(got)-1] != tc.at.Year() {
			t.Errorf("%v: %v", tc.at, got)
		}
	}
}

func TestDecode1254(t *testing.T) {
	// "şğıİ" in Windows-1254 bytes, as a CHARACTER SET NONE column holds it.
	if got := decode1254([]byte{0xFE, 0xF0, 0xFD, 0xDD}); got != "şğıİ" {
		t.Errorf("got %q", got)
	}
	if got := decode1254([]byte("Işık")); got != "Işık" {
		t.Errorf("utf-8 changed: %q", got)
	}
}
