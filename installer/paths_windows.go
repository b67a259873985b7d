package installer

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

func defaultPaths() Paths {
	base := filepath.Join(programData(), "AkinsoftConnector")
	return Paths{
		ConfigFile: filepath.Join(base, "config.yaml"),
		StateDir:   filepath.Join(base, "state"),
		LogDir:     filepath.Join(base, "logs"),
	}
}

// programData asks Windows for the folder rather than trusting the
// environment first: a service's environment is the machine's, but a
// command started from an odd shell may lack or override %ProgramData%.
func programData() string {
	if p, err := windows.KnownFolderPath(windows.FOLDERID_ProgramData, 0); err == nil && p != "" {
		return p
	}
	if p := os.Getenv("ProgramData"); p != "" {
		return p
	}
	return `C:\ProgramData`
}
