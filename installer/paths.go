// Package installer puts the connector under the operating system's service
// manager (Windows services, systemd) and knows where its files live on each
// OS. It holds no pipeline logic.
package installer

import (
	"os"
	"path/filepath"
	"strings"
)

// Name is the service name on every OS: the Windows service, the systemd
// unit (akinsoft-connector.service), the Event Log source and the Linux user.
const Name = "akinsoft-connector"

// Paths are where the connector keeps its files when the config does not
// say otherwise.
type Paths struct {
	ConfigFile string // the config the service runs with
	StateDir   string // outbox database and vault
	LogDir     string // rotated JSON logs
	// DocDir holds the documentation the MSI and the .deb install (README.tr.md,
	// README.md, init.md, …): the program's messages name their files there.
	DocDir string
}

// DefaultPaths returns this OS's defaults: %ProgramData%\AkinsoftConnector
// on Windows, /etc, /var/lib and /var/log on Linux; the documentation in the
// docs folder of the install folder (Windows) or in /usr/share/doc (Linux).
func DefaultPaths() Paths { return defaultPaths() }

// docsBeside is the docs folder beside the program exe when there is one,
// else fallback: the MSI installs both in one folder (INSTALLDIR\docs), and
// a dealer may install it elsewhere than Program Files. A program run from
// anywhere else (a copied binary, a test) names the default install's.
func docsBeside(exe, fallback string) string {
	if exe == "" {
		return fallback
	}
	d := filepath.Join(filepath.Dir(exe), "docs")
	if fi, err := os.Stat(filepath.Join(d, "README.tr.md")); err == nil && fi.Mode().IsRegular() {
		return d
	}
	return fallback
}

// ResolvePath makes p absolute against the directory of the config file. A
// service starts in C:\Windows\System32 (or /), so a path relative to the
// working directory would land there.
func ResolvePath(configFile, p string) string {
	if p == "" || filepath.IsAbs(p) || isWindowsAbs(p) {
		return p
	}
	return filepath.Join(filepath.Dir(configFile), p)
}

// isWindowsAbs accepts C:\… and C:/… on any OS, so a Windows config checked
// on a Linux workstation keeps its paths.
func isWindowsAbs(p string) bool {
	return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') &&
		strings.ContainsRune("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", rune(p[0]))
}
