package installer

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// kardianos/service's own systemd template puts StartLimitInterval/Burst in
// [Service], where systemd 229+ ignores them, and hard-codes RestartSec=120
// (lessons.md #9). We render the whole unit ourselves and hand kardianos a
// finished text: with no "{{" in it, its template engine copies it as is.

// unit is what varies between installs.
type unit struct {
	Exec     string
	Args     []string
	User     string
	Writable []string // beyond the default state and log directories
}

const unitHeader = `# Installed by "akinsoft-connector service install"; reinstall rather than edit,
# or put overrides in "systemctl edit akinsoft-connector".
[Unit]
Description=AKINSOFT Connector: SMS, WhatsApp and e-mail notifications from Wolvox
After=network-online.target
Wants=network-online.target
# A config error should not restart forever: five failures in ten minutes
# stop the unit until someone fixes it and runs "systemctl restart".
StartLimitIntervalSec=600
StartLimitBurst=5

[Service]
Type=simple
`

// render returns the unit file's text.
func (u unit) render() (string, error) {
	exec := []string{u.Exec}
	exec = append(exec, u.Args...)
	writable := []string{"/var/lib/akinsoft-connector", "/var/log/akinsoft-connector"}
	for _, w := range u.Writable {
		if w != "" && !slices.Contains(writable, w) {
			writable = append(writable, w)
		}
	}
	for _, s := range append(append([]string{u.User}, exec...), writable...) {
		if strings.ContainsAny(s, "\n\r\x00") || strings.Contains(s, "{{") {
			return "", catalog.Errorf("installer.unit_value", "value", strconv.Quote(s))
		}
	}
	quoted := make([]string, len(exec))
	for i, a := range exec {
		quoted[i] = systemdQuote(a, true)
	}
	paths := make([]string, len(writable))
	for i, w := range writable {
		paths[i] = systemdQuote(w, false)
	}
	var b strings.Builder
	b.WriteString(unitHeader)
	fmt.Fprintf(&b, "ExecStart=%s\n", strings.Join(quoted, " "))
	b.WriteString("ExecReload=/bin/kill -HUP $MAINPID\n")
	if u.User != "" && u.User != "root" {
		fmt.Fprintf(&b, "User=%s\nGroup=%s\n", u.User, u.User)
	}
	b.WriteString(`Restart=on-failure
RestartSec=5
# The connector finishes in-flight sends and flushes the outbox within 20 s.
TimeoutStopSec=30
` + hardening + `StateDirectory=akinsoft-connector
StateDirectoryMode=0750
LogsDirectory=akinsoft-connector
LogsDirectoryMode=0750
`)
	fmt.Fprintf(&b, "ReadWritePaths=%s\n", strings.Join(paths, " "))
	b.WriteString("\n[Install]\nWantedBy=multi-user.target\n")
	return b.String(), nil
}

// hardening is the sandbox: the connector reads a database and a config,
// writes its state and logs (ReadWritePaths) and talks TCP/UDP to the ERP
// and the providers; it needs no capability, device, other user, kernel
// tunable, namespace or exotic socket. scripts/test-packages.sh and
// TestSystemdSecurityExposure hold `systemd-analyze security` at 2.0 or
// less. What stays open is the network itself (the providers' addresses
// are not known in advance) and AF_UNIX (for a local resolver). /proc is
// left whole: Go reads net.core.somaxconn and the process metrics read
// /proc/stat there.
const hardening = `UMask=0077
NoNewPrivileges=yes
CapabilityBoundingSet=
AmbientCapabilities=
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
DevicePolicy=closed
PrivateUsers=yes
PrivateMounts=yes
ProtectClock=yes
ProtectHostname=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectProc=invisible
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
RestrictNamespaces=yes
RestrictRealtime=yes
RestrictSUIDSGID=yes
LockPersonality=yes
MemoryDenyWriteExecute=yes
RemoveIPC=yes
SystemCallArchitectures=native
# Calls outside the filter fail with EPERM instead of killing the service:
# the Go runtime tries setrlimit at start and carries on without it.
SystemCallFilter=@system-service
SystemCallFilter=~@privileged @resources
SystemCallErrorNumber=EPERM
`

// systemdQuote writes one word of a unit setting. Specifiers (%) are always
// escaped; in command lines "$" is too, since systemd expands variables there.
func systemdQuote(s string, command bool) string {
	s = strings.ReplaceAll(s, "%", "%%")
	if command {
		s = strings.ReplaceAll(s, "$", "$$")
	}
	if s != "" && !strings.ContainsAny(s, " \t\"'\\;") {
		return s
	}
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	return `"` + r.Replace(s) + `"`
}
