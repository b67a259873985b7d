package installer

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"strings"

	"github.com/kardianos/service"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// adminHint says how to get the rights service commands need.
const adminHint catalog.Key = "installer.admin_hint.linux"

func platformConfig(conf *service.Config, opts Options) error {
	u := unit{
		Exec:     conf.Executable,
		Args:     conf.Arguments,
		User:     serviceUser(opts),
		Writable: opts.WritablePaths,
	}
	text, err := u.render()
	if err != nil {
		return err
	}
	conf.UserName = u.User
	conf.Option = service.KeyValue{"SystemdScript": text}
	return nil
}

func serviceUser(opts Options) string {
	if opts.UserName != "" {
		return opts.UserName
	}
	return Name
}

func commandLine(exe string, args []string) string {
	words := []string{systemdQuote(exe, true)}
	for _, a := range args {
		words = append(words, systemdQuote(a, true))
	}
	return strings.Join(words, " ")
}

// beforeInstall makes sure what the unit refers to exists: our unit is
// written for systemd only, and its user and writable directories must be
// there or the service fails before the connector can log anything.
func beforeInstall(m *Manager) error {
	if err := checkPlatform(m); err != nil {
		return err
	}
	name := m.conf.UserName
	if name == "root" {
		return nil
	}
	u, err := ensureUser(name)
	if err != nil {
		return err
	}
	dirs := append([]string{DefaultPaths().StateDir, DefaultPaths().LogDir}, m.opts.WritablePaths...)
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if err := os.MkdirAll(d, 0o750); err != nil {
			return catalog.Errorf("installer.mkdir_failed", "dir", d, "err", err).Wrapping(err)
		}
		if err := os.Chown(d, u.uid, u.gid); err != nil {
			return catalog.Errorf("installer.chown_failed", "dir", d, "user", name, "err", err).Wrapping(err)
		}
	}
	return nil
}

func afterInstall(*Manager) error { return nil }

// checkPlatform refuses init systems other than systemd: the unit, its
// hardening and its restart policy are what the service relies on.
func checkPlatform(m *Manager) error {
	if p := m.svc.Platform(); p != "linux-systemd" {
		return catalog.Errorf("installer.no_systemd", "found", p, "command", m.CommandLine())
	}
	return nil
}

type ids struct{ uid, gid int }

// ensureUser creates the system user the service runs as, like the .deb's
// postinst does, for installs from a bare binary.
func ensureUser(name string) (ids, error) {
	u, err := user.Lookup(name)
	var unknown user.UnknownUserError
	if errors.As(err, &unknown) {
		cmd := exec.Command("useradd", "--system", "--user-group", "--no-create-home",
			"--home-dir", DefaultPaths().StateDir, "--shell", "/usr/sbin/nologin", name)
		if out, err := cmd.CombinedOutput(); err != nil {
			return ids{}, fmt.Errorf("installer: create the system user %s: %w: %s", name, err, strings.TrimSpace(string(out)))
		}
		u, err = user.Lookup(name)
	}
	if err != nil {
		return ids{}, fmt.Errorf("installer: look up user %s: %w", name, err)
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err1 != nil || err2 != nil {
		return ids{}, fmt.Errorf("installer: user %s has a non-numeric uid %q or gid %q", name, u.Uid, u.Gid)
	}
	return ids{uid, gid}, nil
}
