//go:build !windows

package installer

// protectFolders does nothing off Windows: see folders.go.
func protectFolders(string, string, []string) []Folder { return nil }

// ProtectOwnFolders does nothing off Windows: see folders.go.
func ProtectOwnFolders(...string) []Folder { return nil }
