//go:build !windows

package installer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultPathsUnix(t *testing.T) {
	want := Paths{
		ConfigFile: "/etc/akinsoft-connector/config.yaml",
		StateDir:   "/var/lib/akinsoft-connector",
		LogDir:     "/var/log/akinsoft-connector",
		DocDir:     "/usr/share/doc/akinsoft-connector",
	}
	if got := DefaultPaths(); got != want {
		t.Errorf("DefaultPaths() = %+v, want %+v", got, want)
	}
}

// The .deb installs the documentation where the program's messages name it.
func TestPackageInstallsTheDocsAtDocDir(t *testing.T) {
	nfpm, err := os.ReadFile(filepath.Join("..", "packaging", "linux", "nfpm.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "dst: " + DefaultPaths().DocDir + "/\n"; !strings.Contains(string(nfpm), want) {
		t.Errorf("packaging/linux/nfpm.yaml has no %q: the .deb puts the documentation elsewhere", strings.TrimSpace(want))
	}
}
