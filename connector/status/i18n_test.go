package status

import (
	"io/fs"
	"regexp"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

var templateKey = regexp.MustCompile(`\.T "([a-z_]+)"`)

// Every word a template asks for is a page.* text of the catalog, which
// has each in Turkish and English.
func TestTemplatesNameCatalogTexts(t *testing.T) {
	n := 0
	err := fs.WalkDir(webFS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(webFS, path)
		if err != nil {
			return err
		}
		for _, m := range templateKey.FindAllStringSubmatch(string(b), -1) {
			n++
			if !catalog.Has(catalog.Key("page." + m[1])) {
				t.Errorf("%s: {{.T %q}} has no text page.%s in the catalog", path, m[1], m[1])
			}
		}
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("read %d keys from the templates: %v", n, err)
	}
}

// The lock-out message puts the time in the Turkish ablative: 15:00'ten,
// 10:00'dan.
func TestLockedMessageSuffix(t *testing.T) {
	for at, want := range map[string]string{
		"15:00": "Çok fazla hatalı deneme. Saat 15:00'ten sonra tekrar deneyin.",
		"10:00": "Çok fazla hatalı deneme. Saat 10:00'dan sonra tekrar deneyin.",
		"21:30": "Çok fazla hatalı deneme. Saat 21:30'dan sonra tekrar deneyin.",
	} {
		if got := (lang{Code: "tr"}).f("locked", at); got != want {
			t.Errorf("%s: %q, want %q", at, got, want)
		}
	}
	if got := (lang{Code: "en"}).f("locked", "15:00"); got != "Too many failed attempts. Try again after 15:00." {
		t.Errorf("en: %q", got)
	}
}
