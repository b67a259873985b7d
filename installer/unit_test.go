//go:build linux

package installer

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kardianos/service"
)

var update = flag.Bool("update", false, "rewrite golden files")

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./installer -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

var unitCases = []struct {
	golden string
	opts   Options
}{
	{"akinsoft-connector.service", Options{
		ConfigFile: "/etc/akinsoft-connector/config.yaml",
		Executable: "/usr/bin/akinsoft-connector",
	}},
	{"odd-paths.service", Options{
		ConfigFile:    "/srv/Akinsoft Shop/config 100%.yaml",
		Executable:    "/opt/akinsoft $connector/akinsoft-connector",
		UserName:      "wolvox",
		WritablePaths: []string{"/srv/Akinsoft Shop/state", "/var/lib/akinsoft-connector", ""},
	}},
	{"root.service", Options{
		ConfigFile: "/etc/akinsoft-connector/config.yaml",
		Executable: "/usr/bin/akinsoft-connector",
		UserName:   "root",
	}},
}

func TestSystemdUnitGolden(t *testing.T) {
	for _, tc := range unitCases {
		t.Run(tc.golden, func(t *testing.T) {
			conf, err := serviceConfig(tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			text, _ := conf.Option["SystemdScript"].(string)
			golden(t, tc.golden, text)
			for _, want := range []string{
				"StartLimitIntervalSec=", "StartLimitBurst=", "Restart=on-failure\n", "RestartSec=5\n",
				"NoNewPrivileges=yes\n", "ProtectSystem=strict\n", "ProtectHome=yes\n", "PrivateTmp=yes\n",
				"ReadWritePaths=/var/lib/akinsoft-connector /var/log/akinsoft-connector",
				"ExecReload=/bin/kill -HUP $MAINPID\n",
			} {
				if !strings.Contains(text, want) {
					t.Errorf("unit lacks %q", want)
				}
			}
			// StartLimit* in [Service] is silently ignored by systemd 229+.
			unitSection, _, _ := strings.Cut(text, "[Service]")
			if !strings.Contains(unitSection, "StartLimitBurst=") {
				t.Error("StartLimitBurst is not in [Unit]")
			}
		})
	}
}

func TestSystemdUnitRefusesBreakingValues(t *testing.T) {
	for _, cfg := range []string{"/etc/a\nExecStartPre=/bin/sh", "/etc/{{Name}}/config.yaml"} {
		if _, err := serviceConfig(Options{ConfigFile: cfg, Executable: "/usr/bin/akinsoft-connector"}); err == nil {
			t.Errorf("config path %q was accepted", cfg)
		}
	}
}

func TestCommandLineLinux(t *testing.T) {
	conf, err := serviceConfig(Options{ConfigFile: "/srv/Akinsoft Shop/config.yaml", Executable: "/usr/bin/akinsoft-connector"})
	if err != nil {
		t.Fatal(err)
	}
	want := `/usr/bin/akinsoft-connector run --config "/srv/Akinsoft Shop/config.yaml"`
	if got := commandLine(conf.Executable, conf.Arguments); got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

// forcedSystemd makes kardianos use its systemd backend on a machine that
// was not booted with systemd (a container, CI), so the test exercises
// kardianos' own install path with our unit text.
type forcedSystemd struct{ service.System }

func (forcedSystemd) Detect() bool { return true }

// TestKardianosWritesOurUnitVerbatim installs through kardianos' systemd
// backend as a user service into a temporary $HOME (its system path is fixed
// at /etc/systemd/system) and checks the file it wrote is exactly our unit:
// its template engine must not alter a text without actions.
func TestKardianosWritesOurUnitVerbatim(t *testing.T) {
	var systemd service.System
	for _, s := range service.AvailableSystems() {
		if s.String() == "linux-systemd" {
			systemd = s
		}
	}
	if systemd == nil {
		t.Fatal("kardianos/service has no linux-systemd backend")
	}
	registry := service.AvailableSystems()
	service.ChooseSystem(forcedSystemd{systemd})
	t.Cleanup(func() { service.ChooseSystem(registry...) })

	home := t.TempDir()
	t.Setenv("HOME", home)
	conf, err := serviceConfig(unitCases[1].opts)
	if err != nil {
		t.Fatal(err)
	}
	conf.Option["UserService"] = true
	s, err := service.New(nopProgram{}, conf)
	if err != nil {
		t.Fatal(err)
	}
	// The unit is written before systemctl runs; systemctl then fails
	// without a user session, which is expected here.
	installErr := s.Install()
	written, err := os.ReadFile(filepath.Join(home, ".config/systemd/user", Name+".service"))
	if err != nil {
		t.Fatalf("kardianos did not write the unit (install error: %v): %v", installErr, err)
	}
	if string(written) != conf.Option["SystemdScript"] {
		t.Errorf("kardianos changed the unit:\n%s", written)
	}
	golden(t, unitCases[1].golden, string(written))
}

// TestSystemdAnalyzeVerify lets systemd itself parse the unit when
// systemd-analyze is installed (it is wherever systemd is).
func TestSystemdAnalyzeVerify(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed; the golden files still pin the unit text")
	}
	dir := t.TempDir()
	exe := filepath.Join(dir, "akinsoft-connector")
	if err := os.WriteFile(exe, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	conf, err := serviceConfig(Options{ConfigFile: "/etc/akinsoft-connector/config.yaml", Executable: exe, UserName: "root"})
	if err != nil {
		t.Fatal(err)
	}
	unitPath := filepath.Join(dir, Name+".service")
	if err := os.WriteFile(unitPath, []byte(conf.Option["SystemdScript"].(string)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(analyze, "verify", "--man=no", unitPath).CombinedOutput()
	if err != nil || len(strings.TrimSpace(string(out))) > 0 {
		t.Errorf("systemd-analyze verify: %v\n%s", err, out)
	}
}

// maxExposure is the most `systemd-analyze security` may rate the unit
// (0 is a fully sandboxed unit, 10 none at all; the unit before its
// hardening scored 8.5).
const maxExposure = 2.0

// TestSystemdSecurityExposure rates every rendered unit with systemd's own
// scoring (offline: no running systemd needed, systemd 250+).
func TestSystemdSecurityExposure(t *testing.T) {
	analyze, err := exec.LookPath("systemd-analyze")
	if err != nil {
		if os.Getenv("AKINSOFT_REQUIRE_SYSTEMD_ANALYZE") == "1" {
			t.Fatal("systemd-analyze is not installed (apt-get install systemd)")
		}
		t.Skip("systemd-analyze is not installed; scripts/test-packages.sh checks the packaged unit")
	}
	exposure := regexp.MustCompile(`Overall exposure level for \S+: ([0-9.]+)`)
	for _, tc := range unitCases {
		t.Run(tc.golden, func(t *testing.T) {
			out, err := exec.Command(analyze, "security", "--offline=yes", "--no-pager", filepath.Join("testdata", tc.golden)).CombinedOutput()
			m := exposure.FindSubmatch(out)
			if err != nil || m == nil {
				t.Fatalf("systemd-analyze security --offline=yes (systemd 250 or later): %v\n%s", err, out)
			}
			if v, _ := strconv.ParseFloat(string(m[1]), 64); v > maxExposure {
				t.Errorf("exposure %s, want %.1f or less:\n%s", m[1], maxExposure, out)
			}
		})
	}
}

func TestInstallNeedsTheConfigFile(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "config.yaml")
	m, err := NewManager(Options{ConfigFile: missing, Executable: "/usr/bin/akinsoft-connector"})
	if err != nil {
		t.Fatal(err)
	}
	err = m.Install()
	if err == nil || !strings.Contains(err.Error(), missing) || !strings.Contains(err.Error(), "config.example.yaml") {
		t.Fatalf("want an error naming %s and the example config, got %v", missing, err)
	}
}

// The .deb ships the unit as a file; it must be what `service install`
// writes for the package's paths.
func TestPackagedUnitMatches(t *testing.T) {
	conf, err := serviceConfig(unitCases[0].opts)
	if err != nil {
		t.Fatal(err)
	}
	packaged, err := os.ReadFile(filepath.Join("..", "packaging", "linux", Name+".service"))
	if err != nil {
		t.Fatal(err)
	}
	if string(packaged) != conf.Option["SystemdScript"] {
		t.Errorf("packaging/linux/%s.service differs from the rendered unit; copy installer/testdata/%s over it", Name, unitCases[0].golden)
	}
}

func TestRefusesInitSystemsOtherThanSystemd(t *testing.T) {
	var sysv service.System
	for _, s := range service.AvailableSystems() {
		if s.String() == "unix-systemv" {
			sysv = s
		}
	}
	if sysv == nil {
		t.Fatal("kardianos/service has no unix-systemv backend")
	}
	registry := service.AvailableSystems()
	service.ChooseSystem(forcedSystemd{sysv}) // forced: Detect is true whatever it wraps
	t.Cleanup(func() { service.ChooseSystem(registry...) })

	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	m, err := NewManager(Options{ConfigFile: cfg, Executable: "/usr/bin/akinsoft-connector"})
	if err != nil {
		t.Fatal(err)
	}
	for _, action := range Actions {
		if err := m.Control(action); err == nil || !strings.Contains(err.Error(), "does not run systemd (found unix-systemv)") {
			t.Errorf("%s: want a refusal naming systemd, got %v", action, err)
		}
	}
}
