package erp_test

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

func TestFindWolvox(t *testing.T) {
	root := t.TempDir()
	for _, p := range []string{
		"AKINSOFT/Wolvox8/Database_FB/01/2025/WOLVOX.FDB",
		"AKINSOFT/Wolvox8/Database_FB/01/2026/WOLVOX.FDB",
		"AKINSOFT/Wolvox8/Database_FB/02/2026/wolvox.fdb",  // a copy made on Linux, lower case
		"AKINSOFT/Wolvox8/Database_FB/SIRKET.FDB",          // the system database: never offered
		"AKINSOFT/Wolvox8/Database_FB/03/yedek/WOLVOX.FDB", // a backup folder, not a year
		"AKINSOFT/Wolvox7/Database_FB/01/2019/WOLVOX.FDB",
		".cache/Database_FB/01/2026/WOLVOX.FDB",
		"a/b/c/d/e/f/Database_FB/01/2026/WOLVOX.FDB", // too deep
	} {
		p = filepath.Join(root, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, nil, 0o600)
	}
	got := erp.FindWolvox(root)
	type found struct {
		product, code string
		years         []int
		template      string
	}
	want := []found{
		{"Wolvox7", "01", []int{2019}, "AKINSOFT/Wolvox7/Database_FB/01/{year}/WOLVOX.FDB"},
		{"Wolvox8", "01", []int{2025, 2026}, "AKINSOFT/Wolvox8/Database_FB/01/{year}/WOLVOX.FDB"},
		{"Wolvox8", "02", []int{2026}, "AKINSOFT/Wolvox8/Database_FB/02/{year}/wolvox.fdb"},
	}
	if len(got) != len(want) {
		t.Fatalf("found %+v, want %d companies", got, len(want))
	}
	for i, w := range want {
		g := got[i]
		tmpl, _ := filepath.Rel(root, g.Template())
		if g.Product != w.product || g.Code != w.code || !slices.Equal(g.Years, w.years) || filepath.ToSlash(tmpl) != w.template {
			t.Errorf("company %d = %+v (template %s), want %+v", i, g, tmpl, w)
		}
	}
	if p := got[1].Path(got[1].Latest()); p != filepath.Join(root, "AKINSOFT", "Wolvox8", "Database_FB", "01", "2026", "WOLVOX.FDB") {
		t.Errorf("latest path = %s", p)
	}
}
