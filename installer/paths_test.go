package installer

import (
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestResolvePath(t *testing.T) {
	cfg := filepath.Join(string(filepath.Separator)+"etc", "akinsoft-connector", "config.yaml")
	dir := filepath.Dir(cfg)
	tests := []struct{ in, want string }{
		{"", ""},
		{"state", filepath.Join(dir, "state")},
		{filepath.Join("a", "b"), filepath.Join(dir, "a", "b")},
		{filepath.Join("..", "logs"), filepath.Join(filepath.Dir(dir), "logs")},
		{`C:\ProgramData\AkinsoftConnector\state`, `C:\ProgramData\AkinsoftConnector\state`},
		{`D:/data/state`, `D:/data/state`},
	}
	if abs, err := filepath.Abs("x"); err == nil {
		tests = append(tests, struct{ in, want string }{abs, abs})
	}
	for _, tt := range tests {
		if got := ResolvePath(cfg, tt.in); got != tt.want {
			t.Errorf("ResolvePath(%q, %q) = %q, want %q", cfg, tt.in, got, tt.want)
		}
	}
}

// The MSI installs the documentation where paths_windows.go says it is:
// the docs folder of AkinsoftConnector in the 64-bit Program Files.
func TestMSIInstallsTheDocsAtDocDir(t *testing.T) {
	wxs, err := os.ReadFile(filepath.Join("..", "packaging", "windows", "akinsoft-connector.wxs"))
	if err != nil {
		t.Fatal(err)
	}
	type dir struct {
		ID       string `xml:"Id,attr"`
		Name     string `xml:"Name,attr"`
		Children []dir  `xml:"Directory"`
	}
	var w struct {
		Dirs []dir `xml:"Product>Directory"`
	}
	if err := xml.Unmarshal(wxs, &w); err != nil {
		t.Fatal(err)
	}
	var path []string
	var find func(ds []dir, above []string) bool
	find = func(ds []dir, above []string) bool {
		for _, d := range ds {
			here := append(append([]string(nil), above...), d.ID+"="+d.Name)
			if d.ID == "DOCSDIR" {
				path = here
				return true
			}
			if find(d.Children, here) {
				return true
			}
		}
		return false
	}
	find(w.Dirs, nil)
	if got, want := strings.Join(path, " > "), "TARGETDIR=SourceDir > ProgramFiles64Folder= > INSTALLDIR=AkinsoftConnector > DOCSDIR=docs"; got != want {
		t.Errorf("the .wxs puts DOCSDIR at %q, want %q", got, want)
	}
}

// The documentation is found beside the program when the MSI was installed
// to another folder than Program Files; elsewhere the default is named.
func TestDocsBesideTheProgram(t *testing.T) {
	// Not t.TempDir: under Wine its cleanup fails to unlink the file
	// ("Invalid function"), which fails the test after it passed.
	root, err := os.MkdirTemp("", "docs-beside")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	install := filepath.Join(root, "Uygulamalar", "AkinsoftConnector")
	if err := os.MkdirAll(filepath.Join(install, "docs"), 0o755); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(install, "akinsoft-connector.exe")
	const fallback = "default-docs"
	if got := docsBeside(exe, fallback); got != fallback {
		t.Errorf("an empty docs folder: %q, want the default", got)
	}
	if err := os.WriteFile(filepath.Join(install, "docs", "README.tr.md"), []byte("# akinsoft-connector\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, want := docsBeside(exe, fallback), filepath.Join(install, "docs"); got != want {
		t.Errorf("installed docs: %q, want %q", got, want)
	}
	if got := docsBeside(filepath.Join(root, "akinsoft-connector"), fallback); got != fallback {
		t.Errorf("a program with no docs beside it: %q", got)
	}
	if got := docsBeside("", fallback); got != fallback {
		t.Errorf("no program path: %q", got)
	}
}
