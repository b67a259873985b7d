package erp

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// sqliteType is the column type of a test table: SQLite stores what it is
// given, the type only guides the driver's reading of it.
func sqliteType(name string) string {
	switch {
	case name == "BLKODU":
		return "INTEGER PRIMARY KEY"
	case strings.HasSuffix(name, "TARIHI") || name == "VADESI":
		return "TIMESTAMP"
	case strings.HasPrefix(name, "KPB_") || strings.HasPrefix(name, "TOPLAM_"):
		return "NUMERIC(18,2)"
	case name == "BLCRKODU" || name == "FATURA_DURUMU" || name == "ISLEM_TURU" || name == "SILINDI" || name == "IPTAL" || name == "AKTIF":
		return "INTEGER"
	}
	return "VARCHAR(100)"
}

// presetDB writes a SQLite database holding exactly the columns cols, with
// one customer who has a birthday today, owes 150 and paid 50, an invoice
// falling due tomorrow and one overdue since five days.
func presetDB(t *testing.T, cols Columns) *Source {
	t.Helper()
	path := filepath.Join(t.TempDir(), "wolvox.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Now()
	day := func(d int) string { return now.AddDate(0, 0, d).Format("2006-01-02") }
	rows := map[string][]map[string]any{
		"CARI": {{"BLKODU": 1, "CARIKODU": "120.01", "ADI": "Ayşe", "SOYADI": "Yılmaz", "ADI_SOYADI": "Ayşe Yılmaz",
			"CEP_TEL": "0532 123 45 67", "E_MAIL": "ayse@example.com", "KAYIT_TARIHI": day(0) + " 09:00:00",
			"DOGUM_TARIHI": fmt.Sprintf("1990-%s", now.Format("01-02")), "AKTIF": 1, "SILINDI": 0}},
		"FATURA": {
			{"BLKODU": 10, "BLCRKODU": 1, "FATURA_NO": "A-10", "TARIHI": day(0), "VADESI": day(1), "TOPLAM_GENEL_KPB": "100.00",
				"FATURA_DURUMU": 1, "KAYIT_TARIHI": day(0) + " 09:00:00", "SILINDI": 0, "IPTAL": 0,
				"KARGO_NO": "YK 123 456", "KARGO_FIRMASI": "Yurtiçi Kargo", "DEGISTIRME_TARIHI": day(0) + " 11:00:00"},
			{"BLKODU": 11, "BLCRKODU": 1, "FATURA_NO": "A-11", "TARIHI": day(-35), "VADESI": day(-5), "TOPLAM_GENEL_KPB": "50.00",
				"FATURA_DURUMU": 1, "KAYIT_TARIHI": day(-35) + " 09:00:00", "SILINDI": 0, "IPTAL": 0},
		},
		"CARIHR": {
			{"BLKODU": 20, "BLCRKODU": 1, "ISLEM_TURU": 9, "TARIHI": day(-35), "KPB_BTUT": "200.00", "KPB_ATUT": "0", "KAYIT_TARIHI": day(-35) + " 09:00:00"},
			{"BLKODU": 21, "BLCRKODU": 1, "ISLEM_TURU": 1, "EVRAK_NO": "TAH-1", "TARIHI": day(0), "KPB_BTUT": "0", "KPB_ATUT": "50.00",
				"KAYIT_TARIHI": day(0) + " 09:30:00"},
		},
	}
	for table, cs := range cols {
		var names, defs []string
		for c := range cs {
			names = append(names, c)
		}
		sort.Strings(names)
		for _, c := range names {
			defs = append(defs, c+" "+sqliteType(c))
		}
		if _, err := db.Exec(fmt.Sprintf("CREATE TABLE %s (%s)", table, strings.Join(defs, ", "))); err != nil {
			t.Fatal(err)
		}
		for _, row := range rows[table] {
			var use, marks []string
			var args []any
			for _, c := range names {
				if v, ok := row[c]; ok {
					use, marks, args = append(use, c), append(marks, "?"), append(args, v)
				}
			}
			q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, strings.Join(use, ", "), strings.Join(marks, ", "))
			if _, err := db.Exec(q, args...); err != nil {
				t.Fatal(err)
			}
		}
	}
	src, err := Open(Options{Name: "merkez", Driver: "sqlite", Database: path, Location: time.Local})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	return src
}

// Every preset runs on SQLite both with all its columns and with only the
// required ones, and yields the columns its sample promises templates
// either way: an absent column is there, as NULL.
func TestPresetsRunWithAndWithoutOptionalColumns(t *testing.T) {
	ctx := context.Background()
	for _, name := range PresetNames() {
		p := presets[name]
		for _, variant := range []string{"full", "bare"} {
			t.Run(name+"/"+variant, func(t *testing.T) {
				cols := columnsWith(p, func(Column) bool { return true })
				if variant == "bare" {
					cols = requiredOnly(p)
				}
				src := presetDB(t, cols)
				have, err := src.Columns(ctx, p.Tables())
				if err != nil {
					t.Fatal(err)
				}
				if err := src.Verify(ctx, p.Needs(nil)); err != nil {
					t.Fatal(err)
				}
				q, absent, err := p.Build(nil, have)
				if err != nil {
					t.Fatal(err)
				}
				if (variant == "bare") != (len(absent) > 0) {
					t.Fatalf("absent = %v", absent)
				}
				if p.Mode == "created" {
					q = KeysetQuery(src.Dialect(), q, p.Key, 100)
				}
				var got []Record
				var args []any
				if p.Mode == "created" {
					args = []any{0}
				}
				if err := src.Query(ctx, q, args, func(r Record) error { got = append(got, r); return nil }); err != nil {
					t.Fatalf("%v\n%s", err, q)
				}
				if len(got) == 0 {
					t.Fatalf("no rows:\n%s", q)
				}
				for _, r := range got {
					if diff := keyDiff(r, p.Sample); diff != "" {
						t.Errorf("row columns differ from the sample's: %s", diff)
					}
					if r["MUSTERI_ADI"] == nil || r["CARIKODU"] != "120.01" {
						t.Errorf("customer: %v", r)
					}
					if variant == "bare" && (r["CEP_TEL"] != nil || r["TEL2"] != nil || r["ADI_SOYADI"] != nil) {
						t.Errorf("absent columns are not NULL: %v", r)
					}
				}
			})
		}
	}
}

// keyDiff names the keys one record has and the other lacks.
func keyDiff(a, b Record) string {
	var out []string
	for k := range a {
		if _, ok := b[k]; !ok {
			out = append(out, "+"+k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, "-"+k)
		}
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}
