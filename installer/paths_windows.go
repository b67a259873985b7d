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
		// The MSI's INSTALLDIR (packaging/windows/akinsoft-connector.wxs),
		// which a dealer may have moved from Program Files.
		DocDir: docsBeside(executable(), filepath.Join(programFiles(), "AkinsoftConnector", "docs")),
	}
}

func executable() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	return exe
}

// programFiles is where the MSI installs the program: the 64-bit Program
// Files folder, which a 64-bit program is told of (the binary is amd64 only).
func programFiles() string {
	if p, err := windows.KnownFolderPath(windows.FOLDERID_ProgramFiles, 0); err == nil && p != "" {
		return p
	}
	if p := os.Getenv("ProgramFiles"); p != "" {
		return p
	}
	return `C:\Program Files`
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
