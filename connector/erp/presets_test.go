package erp

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with testdata/name, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./connector/erp -run %s -update to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("%s differs from the built SQL:\n got:\n%s\nwant:\n%s", path, got, want)
	}
}

// columnsWith are the columns of p's table for which keep is true.
func columnsWith(p Preset, keep func(Column) bool) Columns {
	cols := Columns{}
	for _, c := range p.Columns {
		if !keep(c) {
			continue
		}
		if cols[c.Table()] == nil {
			cols[c.Table()] = map[string]bool{}
		}
		cols[c.Table()][c.Name()] = true
	}
	return cols
}

func requiredOnly(p Preset) Columns {
	return columnsWith(p, func(c Column) bool { return c.Role == Required })
}

// Every preset classifies each column it reads exactly once, and the
// classification is written out in testdata/presets/columns.txt: the table
// the README and reviewers read.
func TestPresetColumnTables(t *testing.T) {
	var b strings.Builder
	for _, name := range PresetNames() {
		p := presets[name]
		fmt.Fprintf(&b, "%s\n", name)
		seen := map[string]bool{}
		for _, c := range p.Columns {
			if seen[c.Ref] {
				t.Errorf("%s: %s is classified twice", name, c.Ref)
			}
			seen[c.Ref] = true
			if c.Table() == "" || c.Name() == "" {
				t.Errorf("%s: %q is not alias.COLUMN with a known alias", name, c.Ref)
			}
			if c.Role != Required && c.Null == "" {
				t.Errorf("%s: %s has no NULL type", name, c.Ref)
			}
			line := fmt.Sprintf("  %-24s %s", c.String(), c.Role)
			switch {
			case c.Role == Filter:
				line += fmt.Sprintf(" (rows kept: COALESCE(%s, %d) = %d; absent: none left out)", c.Name(), c.Keep, c.Keep)
			case c.RequiredBy != "":
				line += " (required when " + c.RequiredBy + " is set)"
			}
			fmt.Fprintln(&b, line)
		}
		// The key and the creation date are the preset's own logic.
		for _, col := range []string{p.Key, p.DateColumn} {
			if col == "" {
				continue
			}
			found := false
			for _, c := range p.Columns {
				if c.Name() == col && c.Role == Required && c.Table() == p.Columns[0].Table() {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: %s is not a required column of its main table", name, col)
			}
		}
	}
	golden(t, "presets/columns.txt", b.String())
}

var dialects = []Dialect{firebirdDialect{}, mssqlDialect{}, sqliteDialect{}}

// The SQL of every preset, for a database with every column and for one
// with only the required ones, per dialect.
func TestPresetSQLGolden(t *testing.T) {
	for _, name := range PresetNames() {
		p := presets[name]
		full, absent, err := p.Build(nil, columnsWith(p, func(Column) bool { return true }))
		if err != nil || len(absent) != 0 {
			t.Fatalf("%s with every column: %v, absent %v", name, err, absent)
		}
		if strings.Contains(full, "{null:") {
			t.Errorf("%s: a NULL in the SQL of a full database:\n%s", name, full)
		}
		bare, absent, err := p.Build(nil, requiredOnly(p))
		if err != nil {
			t.Fatalf("%s with the required columns only: %v", name, err)
		}
		var want []string
		for _, c := range p.Columns {
			if c.Role != Required {
				if !slices.Contains(want, c.String()) { // a table read under two aliases
					want = append(want, c.String())
				}
				// An absent column is never referenced: read as a NULL
				// or, for a filter, not filtered on at all.
				if regexp.MustCompile(`\b` + regexp.QuoteMeta(c.Ref) + `\b`).MatchString(bare) {
					t.Errorf("%s: the SQL without %s still reads it:\n%s", name, c, bare)
				}
			}
		}
		if got := strings.Join(absent, ","); got != strings.Join(sorted(want), ",") {
			t.Errorf("%s: absent = %s, want %v", name, got, sorted(want))
		}
		golden(t, "presets/"+name+".sql", full+"\n")
		for _, d := range dialects {
			golden(t, "presets/"+name+".bare."+d.Name()+".sql", ExpandTokens(d, bare)+"\n")
		}
	}
}

func sorted(s []string) []string {
	out := append([]string(nil), s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestPresetSQLMatchesSQLForEveryColumn(t *testing.T) {
	for _, name := range PresetNames() {
		p := presets[name]
		a, err := p.SQL(nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _, _ := p.Build(nil, columnsWith(p, func(Column) bool { return true }))
		if a != b {
			t.Errorf("%s: SQL and Build over every column differ", name)
		}
	}
}

// A database without a required column is refused, naming it; one
// parameter can make an optional column required.
func TestBuildRefusesMissingRequired(t *testing.T) {
	p := presets["new_invoices"]
	cols := columnsWith(p, func(c Column) bool { return c.Ref != "F.FATURA_DURUMU" && c.Ref != "C.BLKODU" })
	_, _, err := p.Build(nil, cols)
	var me *MissingColumnsError
	if !errors.As(err, &me) || err.Error() != "preset new_invoices cannot work without FATURA.FATURA_DURUMU, CARI.BLKODU" {
		t.Fatalf("got %v", err)
	}

	c := presets["collections"]
	cols = columnsWith(c, func(c Column) bool { return c.Ref != "H.ISLEM_TURU" })
	if _, absent, err := c.Build(nil, cols); err != nil || len(absent) != 1 || absent[0] != "CARIHR.ISLEM_TURU" {
		t.Fatalf("collections without ISLEM_TURU: %v %v", absent, err)
	}
	_, _, err = c.Build(Params{"movement_types": "1,4"}, cols)
	if err == nil || err.Error() != "preset collections cannot work without CARIHR.ISLEM_TURU" {
		t.Fatalf("movement_types without ISLEM_TURU: %v", err)
	}
	if n := c.Needs(Params{"movement_types": "1"})["CARIHR"]; !strings.Contains(strings.Join(n, ","), "ISLEM_TURU") {
		t.Errorf("Needs with movement_types: %v", n)
	}
	if n := c.Needs(nil)["CARIHR"]; strings.Contains(strings.Join(n, ","), "ISLEM_TURU") {
		t.Errorf("Needs without movement_types: %v", n)
	}
}

// A column a preset's SQL reads but its table does not classify is the
// preset's own mistake, caught here rather than against a shop's database.
func TestBuildRefusesUnclassifiedColumn(t *testing.T) {
	p := presets["new_customers"]
	p.query = func(Params) (string, error) { return "SELECT C.BLKODU, C.OZEL_KODU1 FROM CARI C", nil }
	if _, _, err := p.Build(nil, requiredOnly(p)); err == nil || !strings.Contains(err.Error(), "C.OZEL_KODU1") {
		t.Fatalf("got %v", err)
	}
}

func TestNullPerDialect(t *testing.T) {
	for _, tc := range []struct {
		d    Dialect
		t    NullType
		want string
	}{
		{firebirdDialect{}, NullText, "CAST(NULL AS VARCHAR(250))"},
		{firebirdDialect{}, NullTimestamp, "CAST(NULL AS TIMESTAMP)"},
		{mssqlDialect{}, NullTimestamp, "CAST(NULL AS DATETIME)"},
		{mssqlDialect{}, NullMoney, "CAST(NULL AS NUMERIC(18,2))"},
		{sqliteDialect{}, NullDate, "CAST(NULL AS DATE)"},
		{sqliteDialect{}, NullInt, "CAST(NULL AS INTEGER)"},
	} {
		if got := ExpandTokens(tc.d, "{null:"+string(tc.t)+"}"); got != tc.want {
			t.Errorf("%s %s: %s, want %s", tc.d.Name(), tc.t, got, tc.want)
		}
	}
}

// The columns check renders NULL are the optional ones, under the names the
// rows carry them: an invoice's due date (required for a reminder, which
// is about it), the invoice's own series, the customer's names and
// contacts; not the key, the date or the amount, nor a column the
// parameters make required.
func TestNullableAreTheOptionalColumnsOfTheRow(t *testing.T) {
	for _, c := range []struct {
		preset   string
		params   Params
		has, not []string
	}{
		{"new_invoices", nil, []string{"VADESI", "FATURA_SERI", "ADI", "CEP_TEL", "E_MAIL"}, []string{"BLKODU", "TARIHI", "TOPLAM_GENEL_KPB", "MUSTERI_ADI", "CARIKODU"}},
		{"invoices_due", nil, []string{"FATURA_SERI", "CEP_TEL"}, []string{"VADESI", "ACIK_TUTAR", "BAKIYE"}},
		{"shipments", nil, []string{"KARGO_FIRMASI", "EFATURA_PDF_URL"}, []string{"KARGO_NO"}},
		{"collections", nil, []string{"EVRAK_NO", "ISLEM_TURU"}, []string{"TUTAR"}},
		{"collections", Params{"movement_types": "1"}, []string{"EVRAK_NO"}, []string{"ISLEM_TURU"}},
	} {
		p, _ := LookupPreset(c.preset)
		got := p.Nullable(c.params)
		for _, n := range got {
			if p.Sample[n] == nil {
				t.Errorf("%s: %s is not a column of the sample with a value", c.preset, n)
			}
		}
		for _, n := range c.has {
			if !slices.Contains(got, n) {
				t.Errorf("%s %v: %v lacks %s", c.preset, c.params, got, n)
			}
		}
		for _, n := range c.not {
			if slices.Contains(got, n) {
				t.Errorf("%s %v: %v has %s", c.preset, c.params, got, n)
			}
		}
	}
}
