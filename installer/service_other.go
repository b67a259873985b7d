//go:build !linux && !windows

package installer

import (
	"strings"

	"github.com/kardianos/service"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// adminHint says how to get the rights service commands need.
const adminHint catalog.Key = "installer.admin_hint.other"

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
