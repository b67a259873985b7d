package erp_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

func fbOptions(s erptest.Server, name, path string) erp.Options {
	return erp.Options{Name: name, Driver: "firebird", Host: s.Host, Port: s.Port, Database: path, User: s.User,
		Password: s.Password, Charset: "WIN1254", Timeout: 10 * time.Second,
		// The test server runs on this machine: the times the tests write,
		// and its CURRENT_TIMESTAMP, are this machine's wall clock.
		Location: time.Local}
}

func wolvoxDB(t *testing.T, s erptest.Server, name string) string {
	t.Helper()
	path := s.Path(t, name)
	db, err := s.CreateWolvox(context.Background(), path, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	return path
}

// Both of Wolvox's server generations: Firebird 3 (SRP, wire encryption)
// and 2.5 (legacy authentication, no encryption), against one Firebird 3
// configured with AuthServer = Srp, Legacy_Auth.
func TestFirebirdAuthModesAndTurkishText(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "auth")
	on, off := true, false
	for _, tc := range []struct {
		name, plugin, charset string
		crypt                 *bool
	}{
		{"srp-encrypted", "Srp", "WIN1254", &on},
		{"legacy-plain", "Legacy_Auth", "WIN1254", &off},
		{"srp-utf8", "Srp256", "UTF8", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := fbOptions(s, "merkez", path)
			o.AuthPlugin, o.WireCrypt, o.Charset = tc.plugin, tc.crypt, tc.charset
			src, err := erp.Open(o)
			if err != nil {
				t.Fatal(err)
			}
			defer src.Close()
			got := map[int64]erp.Record{}
			err = src.Query(context.Background(), `SELECT BLKODU, ADI_SOYADI, TICARI_UNVANI, ILI_1, ADRESI_1, NOTLAR, RISK_LIMITI, DOGUM_TARIHI FROM CARI`, nil,
				func(r erp.Record) error { got[r["BLKODU"].(int64)] = r; return nil })
			if err != nil {
				t.Fatal(err)
			}
			for key, want := range map[int64][2]string{
				1:  {"Ayşe Yılmaz", "Bağdat Cad. No:12 Kadıköy"},
				4:  {"İsmail Şahin", "Çankaya"},
				13: {"Çiğdem Güneş", "Seyhan"},
			} {
				if got[key]["ADI_SOYADI"] != want[0] || got[key]["ADRESI_1"] != want[1] {
					t.Errorf("customer %d: got %q / %q, want %q / %q", key, got[key]["ADI_SOYADI"], got[key]["ADRESI_1"], want[0], want[1])
				}
			}
			if got[10]["TICARI_UNVANI"] != "Işık Mobilya A.Ş." || got[10]["ILI_1"] != "Bursa" {
				t.Errorf("trade name: %q", got[10]["TICARI_UNVANI"])
			}
			if got[1]["DOGUM_TARIHI"] != nil || got[1]["NOTLAR"] != nil || got[1]["ADI_SOYADI"] == "" {
				t.Errorf("NULLs: %#v", got[1])
			}
			if f, ok := got[1]["RISK_LIMITI"].(float64); !ok || f != 2500.75 {
				t.Errorf("DOUBLE PRECISION: %#v (%T)", got[1]["RISK_LIMITI"], got[1]["RISK_LIMITI"])
			}
		})
	}
}

func TestFirebirdMoneyIsExact(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "money")
	src, err := erp.Open(fbOptions(s, "merkez", path))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	var total any
	err = src.Query(context.Background(), `SELECT TOPLAM_GENEL_KPB, TOPLAM_ALT_KPB, CEP_TEL FROM FATURA WHERE BLKODU = ?`, []any{102},
		func(r erp.Record) error {
			total = r["TOPLAM_GENEL_KPB"]
			if r["TOPLAM_ALT_KPB"] != nil || r["CEP_TEL"] != nil {
				t.Errorf("NULL NUMERIC/VARCHAR came back as %#v / %#v", r["TOPLAM_ALT_KPB"], r["CEP_TEL"])
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	d, ok := total.(decimal.Decimal)
	if !ok || d.String() != "1200000.5" {
		t.Fatalf("NUMERIC(18,2) 1200000.50 came back as %#v (%T), want an exact decimal", total, total)
	}
}

// A write never reaches the server: the SQL check refuses it, and the
// transaction is read-only even for SQL that slipped past the check.
func TestFirebirdReadOnly(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "ro")
	src, err := erp.Open(fbOptions(s, "merkez", path))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	err = src.Query(context.Background(), `UPDATE CARI SET ADI = 'x'`, nil, func(erp.Record) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "must be a SELECT") {
		t.Fatalf("UPDATE: %v", err)
	}
	// A selectable procedure could write; the read-only transaction stops
	// it. Firebird refuses writes in a read-only transaction with an error.
	err = src.Query(context.Background(), `SELECT GEN_ID(GEN_BLKODU, 1) FROM RDB$DATABASE`, nil, func(erp.Record) error { return nil })
	if err == nil {
		t.Fatal("GEN_ID advanced a generator")
	}
}

func TestFirebirdSurvivesServerRestart(t *testing.T) {
	s := erptest.FirebirdExclusive(t)
	path := wolvoxDB(t, s, "restart")
	src, err := erp.Open(fbOptions(s, "merkez", path))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	count := func() (int64, error) {
		var n int64
		err := src.Query(context.Background(), `SELECT COUNT(*) AS N FROM FATURA`, nil, func(r erp.Record) error { n = r["N"].(int64); return nil })
		return n, err
	}
	if n, err := count(); err != nil || n != 30 {
		t.Fatalf("before restart: %d, %v", n, err)
	}
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	// The pooled connection died with the server; the next query must
	// reconnect by itself.
	if n, err := count(); err != nil || n != 30 {
		t.Fatalf("after restart: %d, %v", n, err)
	}
}

func TestFirebirdVerifyTablesAndSystemDatabase(t *testing.T) {
	s := erptest.Firebird(t)
	path := wolvoxDB(t, s, "verify")
	src, err := erp.Open(fbOptions(s, "merkez", path))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	for _, name := range erp.PresetNames() {
		p, _ := erp.LookupPreset(name)
		if err := src.Verify(context.Background(), p.Needs(nil)); err != nil {
			t.Errorf("preset %s: %v", name, err)
		}
	}
	src2, _ := erp.Open(fbOptions(s, "merkez", path))
	defer src2.Close()
	err = src2.Verify(context.Background(), map[string][]string{"FATURA": {"BLKODU", "TESLIM_NO"}, "STOK": {"BLKODU"}})
	if err == nil || !strings.Contains(err.Error(), "FATURA.TESLIM_NO") || !strings.Contains(err.Error(), "table STOK") {
		t.Fatalf("missing columns: %v", err)
	}

	sys := s.Path(t, "sirket")
	db, err := s.CreateWolvox(context.Background(), sys, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DROP TABLE FATURA`, `DROP TABLE CARIHR`, `CREATE TABLE SIRKET (BLKODU INTEGER, SIRKET_KODU VARCHAR(10))`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	src3, _ := erp.Open(fbOptions(s, "merkez", sys))
	defer src3.Close()
	p, _ := erp.LookupPreset("new_invoices")
	if err := src3.Verify(context.Background(), p.Needs(nil)); err == nil || !strings.Contains(err.Error(), "system database") {
		t.Fatalf("system database: %v", err)
	}
}

func TestFirebirdYearDatabases(t *testing.T) {
	s := erptest.Firebird(t)
	path2025 := wolvoxDB(t, s, "y2025")
	// The path template: only the year part differs.
	tmpl := strings.Replace(path2025, "y2025", "y{year}", 1)
	jan := time.Date(2026, 1, 5, 10, 0, 0, 0, time.Local)
	g, err := erp.OpenGroup(fbOptions(s, "merkez", tmpl), func() time.Time { return jan })
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	srcs, err := g.Sources()
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 2 || srcs[0].Name() != "merkez@2025" || srcs[1].Name() != "merkez@2026" {
		t.Fatalf("sources in January grace: %v", names(srcs))
	}
	if err := srcs[0].Ping(context.Background()); err != nil {
		t.Fatalf("2025: %v", err)
	}
	// The 2026 database was not created yet: a clear, recognisable error.
	err = srcs[1].Ping(context.Background())
	if !errors.Is(err, erp.ErrDatabaseMissing) || !strings.Contains(err.Error(), "y2026") {
		t.Fatalf("missing 2026 database: %v", err)
	}
	// Past January's window, 2026 not opened yet in Wolvox: the server
	// says it does not exist, and 2025's is still read.
	feb := time.Date(2026, 2, 3, 10, 0, 0, 0, time.Local)
	late, err := erp.OpenGroup(fbOptions(s, "merkez", tmpl), func() time.Time { return feb })
	if err != nil {
		t.Fatal(err)
	}
	defer late.Close()
	if srcs, err = late.Sources(); err != nil || len(srcs) != 2 || srcs[0].Name() != "merkez@2025" || !notOpened(late, feb) {
		t.Fatalf("sources in February, 2026 not opened: %v %v", names(srcs), err)
	}
	if err := srcs[0].Ping(context.Background()); err != nil {
		t.Fatalf("2025 in February: %v", err)
	}
	// The shop opens the year: 2026's alone from the next read on.
	wolvoxDB(t, s, "y2026")
	if srcs, err = late.Sources(); err != nil || len(srcs) != 1 || srcs[0].Name() != "merkez@2026" || notOpened(late, feb) {
		t.Fatalf("sources in February, 2026 opened: %v %v", names(srcs), err)
	}
}

func notOpened(g *erp.Group, now time.Time) bool {
	_, ok := g.NotOpened(now)
	return ok
}

func names(srcs []*erp.Source) []string {
	var out []string
	for _, s := range srcs {
		out = append(out, s.Name())
	}
	return out
}

// A source reads its tables' columns once: a database's columns do not
// change while the connector runs, and Verify runs before every poll.
func TestFirebirdColumnsAreReadOnce(t *testing.T) {
	s := erptest.Firebird(t)
	ctx := context.Background()
	path := s.Path(t, "cols")
	db, err := s.CreateWolvoxWithout(ctx, path, time.Now(), "CARI.TEL2", "FATURA.EFATURA_PDF_URL")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	src, err := erp.Open(fbOptions(s, "merkez", path))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	cols, err := src.Columns(ctx, []string{"CARI", "FATURA", "STOK"})
	if err != nil {
		t.Fatal(err)
	}
	if cols.Has("CARI", "TEL2") || cols.Has("FATURA", "EFATURA_PDF_URL") || !cols.Has("cari", "tel1") || cols["STOK"] != nil {
		t.Fatalf("columns: %v", cols)
	}
	p, _ := erp.LookupPreset("new_invoices")
	q, absent, err := p.Build(nil, cols)
	if err != nil || strings.Join(absent, ",") != "CARI.TEL2,FATURA.EFATURA_PDF_URL" {
		t.Fatalf("build: %v %v", absent, err)
	}
	n := 0
	if err := src.Query(ctx, erp.KeysetQuery(src.Dialect(), q, p.Key, 100), []any{0}, func(r erp.Record) error {
		if _, ok := r["TEL2"]; !ok || r["TEL2"] != nil || r["EFATURA_PDF_URL"] != nil {
			t.Errorf("absent columns not NULL: %v", r)
		}
		n++
		return nil
	}); err != nil || n != 26 {
		t.Fatalf("query: %d rows, %v", n, err)
	}
	if _, err := db.ExecContext(ctx, `ALTER TABLE CARI ADD TEL2 VARCHAR(20)`); err != nil {
		t.Fatal(err)
	}
	if again, _ := src.Columns(ctx, []string{"CARI"}); again.Has("CARI", "TEL2") {
		t.Error("columns were read again")
	}
	fresh, _ := erp.Open(fbOptions(s, "merkez", path))
	defer fresh.Close()
	if cols, _ := fresh.Columns(ctx, []string{"CARI"}); !cols.Has("CARI", "TEL2") {
		t.Error("a new source does not see the added column")
	}
}
