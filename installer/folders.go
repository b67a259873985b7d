package installer

import (
	"path/filepath"
	"strings"
)

// The connector's folders hold the outbox (recipients and message texts),
// the vault, the status page's password hashes and the logs. On Windows
// %ProgramData% lets every local user read what is created in it, and
// create folders there before the administrator does; so the data folder
// and the state and log folders get a protected DACL: SYSTEM,
// Administrators and the account the service runs as, nothing inherited.
// The MSI sets it when it creates them (MsiLockPermissionsEx), `service
// install` sets it, and the service checks and sets it again at every start.
// On Linux the package's postinst and systemd's StateDirectory= own the
// modes; nothing is done here.

// Folder is one of the connector's folders and what is wrong with its
// rights, if anything.
type Folder struct {
	Path string
	// Changed is set when the rights were set now (the folder was created,
	// or its DACL or owner was wrong).
	Changed bool
	// Problem is what is still wrong ("" when nothing): the DACL grants
	// someone else access, or it could not be set.
	Problem string
}

// ProtectFolders secures the connector's folders (see above) and reports
// each. Folders inside the data folder (DefaultPaths' base, e.g.
// C:\ProgramData\AkinsoftConnector) are created when missing and get their
// DACL set; a folder elsewhere (a state_dir in D:\Data, say) is only
// checked, never changed: it may be shared with other programs. account is
// the service's account ("" for LocalSystem, or .\name); the running
// service passes "" and is granted as the process's own user.
func ProtectFolders(account string, folders ...string) []Folder {
	return protectFolders(dataFolder(), account, folders)
}

// dataFolder is the folder the installer owns: the default config's.
func dataFolder() string { return filepath.Dir(DefaultPaths().ConfigFile) }

// inside reports whether path is base or lies under it (case-insensitive,
// as Windows paths are).
func inside(base, path string) bool {
	base, path = filepath.Clean(base), filepath.Clean(path)
	if strings.EqualFold(base, path) {
		return true
	}
	rel, err := filepath.Rel(strings.ToLower(base), strings.ToLower(path))
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// uniqueFolders drops empty and repeated paths, keeping the order.
func uniqueFolders(folders []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, f := range folders {
		if f == "" {
			continue
		}
		key := strings.ToLower(filepath.Clean(f))
		if !seen[key] {
			seen[key] = true
			out = append(out, filepath.Clean(f))
		}
	}
	return out
}
