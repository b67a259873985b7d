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
	if gid, ok := handOverState(stateDir); ok {
		_ = os.Chown(cfgFile, 0, gid)
	}
}

// handOverState gives the service's state folder, and what a command run
// as root created in it (an outbox a send-test opened first), to the
// service's account, and returns its group; ok is false when there was
// nothing to do.
func handOverState(stateDir string) (gid int, ok bool) {
	if os.Geteuid() != 0 || stateDir != installer.DefaultPaths().StateDir {
		return 0, false
	}
	u, err := user.Lookup(installer.Name)
	if err != nil {
		return 0, false
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ = strconv.Atoi(u.Gid)
	_ = filepath.Walk(stateDir, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			_ = os.Lchown(p, uid, gid)
		}
		return nil
	})
	return gid, true
}
