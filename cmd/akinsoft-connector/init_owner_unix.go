//go:build unix

package main

import (
	"os"
	"os/user"
	"path/filepath"
	"strconv"

	"github.com/akinsoft-connector/akinsoft-connector/installer"
)

// handOver gives what init wrote as root to the service's account, as
// `runuser -u akinsoft-connector -- akinsoft-connector secrets set` would
// have: the vault's key file must belong to the process that reads it,
// and the config is root's, readable by the service's group. It applies
// only to the service's own folders, and only when the account exists.
func handOver(stateDir, cfgFile string) {
	if os.Geteuid() != 0 || stateDir != installer.DefaultPaths().StateDir {
		return
	}
	u, err := user.Lookup(installer.Name)
	if err != nil {
		return
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	_ = filepath.Walk(stateDir, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			_ = os.Lchown(p, uid, gid)
		}
		return nil
	})
	_ = os.Chown(cfgFile, 0, gid)
}
