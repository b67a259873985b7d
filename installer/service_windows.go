package installer

import (
	"strings"
	"syscall"

	"github.com/kardianos/service"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// adminHint says how to get the rights service commands need.
const adminHint catalog.Key = "installer.admin_hint.windows"

// Recovery: restart 5 s after a failure, the same as systemd's RestartSec.
// kardianos only writes recovery actions when OnFailure is set, and the
// real default is "take no action" (lessons.md #3).
const (
	recoveryDelay = "5s"
	recoveryReset = 24 * 60 * 60 // seconds without failure before the count resets
)

func platformConfig(conf *service.Config, opts Options) error {
	conf.UserName = windowsAccount(opts.UserName)
	conf.Option = service.KeyValue{
		"StartType":              "automatic",
		"DelayedAutoStart":       true,
		"OnFailure":              "restart",
		"OnFailureDelayDuration": recoveryDelay,
		"OnFailureResetPeriod":   recoveryReset,
	}
	if opts.Password != "" {
		conf.Option["Password"] = opts.Password
	}
	return nil
}

// windowsAccount returns "" (LocalSystem) or a name the service manager
// accepts: a bare "name" must be written .\name (kardianos#318).
func windowsAccount(name string) string {
	switch {
	case name == "", strings.EqualFold(name, "LocalSystem"):
		return ""
	case strings.ContainsAny(name, `\@`):
		return name
	}
	return `.\` + name
}

// commandLine quotes as the service manager's BinaryPathName is built
// (mgr.CreateService), so paths with spaces survive.
func commandLine(exe string, args []string) string {
	words := []string{syscall.EscapeArg(exe)}
	for _, a := range args {
		words = append(words, syscall.EscapeArg(a))
	}
	return strings.Join(words, " ")
}

func beforeInstall(*Manager) error { return nil }

// afterInstall has nothing to add: kardianos' install writes the recovery
// actions (OnFailure above) and registers the Event Log source, which needs
// admin rights and so belongs here rather than at start. Recovery is left
// off for "non-crash" failures on purpose: a daemon that fails exits the
// process (see Run), which Windows counts as a crash and restarts, while a
// stop an administrator asked for must not be undone because it ended with
// an exit code.
func afterInstall(*Manager) error { return nil }

func checkPlatform(*Manager) error { return nil }
