//go:build !windows

package installer

import "testing"

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
