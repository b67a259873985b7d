package installer

import (
	"fmt"
	"strings"
	"syscall"

	"github.com/kardianos/service"
	"golang.org/x/sys/windows/svc/mgr"
)

const adminHint = "service commands need an administrator command prompt (Run as administrator)"

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

// afterInstall makes recovery apply when the connector stops with an error,
// not only when the process dies: a daemon that gives up reports an exit
// code, which Windows does not count as a failure unless told to.
// kardianos' install also registers the Event Log source (needs admin,
// so it belongs here and not at start).
func afterInstall(m *Manager) error {
	sm, err := mgr.Connect()
	if err != nil {
		return fmt.Errorf("installer: connect to the service manager: %w; %s", err, adminHint)
	}
	defer sm.Disconnect()
	s, err := sm.OpenService(Name)
	if err != nil {
		return fmt.Errorf("installer: open the new service: %w", err)
	}
	defer s.Close()
	if err := s.SetRecoveryActionsOnNonCrashFailures(true); err != nil {
		return fmt.Errorf("installer: set recovery for failures with an exit code: %w", err)
	}
	return nil
}
