//go:build !linux && !windows

package installer

import (
	"strings"

	"github.com/kardianos/service"
)

const adminHint = "service commands need administrator rights"

func platformConfig(conf *service.Config, opts Options) error {
	conf.UserName = opts.UserName
	return nil
}

func commandLine(exe string, args []string) string {
	return strings.Join(append([]string{exe}, args...), " ")
}

func beforeInstall(*Manager) error { return nil }
func afterInstall(*Manager) error  { return nil }

func checkPlatform(*Manager) error { return nil }
