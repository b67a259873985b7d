package installer

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/kardianos/service"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// Options describe the installed service.
type Options struct {
	// ConfigFile is recorded, made absolute, in the service's arguments:
	// run --config <abs path>.
	ConfigFile string
	// Executable is the program the service runs; empty means this one.
	Executable string
	// UserName is the account the service runs as. Windows: empty means
	// LocalSystem; a bare name becomes .\name. Linux: empty means the
	// akinsoft-connector system user, created when missing.
	UserName string
	// Password is the Windows account's password (not used for LocalSystem).
	Password string
	// WritablePaths are directories the config points at (state_dir,
	// log.dir) that systemd must leave writable besides the defaults.
	WritablePaths []string
	// Folders are the config's, state and log folders, whose rights Run
	// checks and sets at every start (Windows; see folders.go).
	Folders []string
	// Logger receives start, stop and fatal errors in Run, besides the
	// service manager's log (the Windows Event Log).
	Logger *slog.Logger
	// Lang is the language of what Run writes to the service manager's log
	// (Turkish when empty); Logger writes in its own.
	Lang catalog.Lang
	// StopTimeout bounds how long Run waits for the daemon after a stop
	// request; default 20 s, well under Windows' patience.
	StopTimeout time.Duration
}

// Actions are what Control accepts.
var Actions = []string{"install", "uninstall", "start", "stop", "restart", "status"}

// Manager installs and controls the service.
type Manager struct {
	svc  service.Service
	conf *service.Config
	opts Options
}

// NewManager prepares a Manager; it changes nothing yet.
func NewManager(opts Options) (*Manager, error) {
	conf, err := serviceConfig(opts)
	if err != nil {
		return nil, err
	}
	s, err := service.New(nopProgram{}, conf)
	if err != nil {
		return nil, fmt.Errorf("installer: %w", err)
	}
	return &Manager{svc: s, conf: conf, opts: opts}, nil
}

// serviceConfig turns Options into kardianos' Config with this OS's options.
func serviceConfig(opts Options) (*service.Config, error) {
	if opts.ConfigFile == "" {
		return nil, catalog.Errorf("installer.no_config")
	}
	configFile, err := filepath.Abs(opts.ConfigFile)
	if err != nil {
		return nil, fmt.Errorf("installer: make the config path absolute: %w", err)
	}
	exe := opts.Executable
	if exe == "" {
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("installer: find this program's path: %w", err)
		}
	}
	if exe, err = filepath.Abs(exe); err != nil {
		return nil, fmt.Errorf("installer: make the program path absolute: %w", err)
	}
	conf := &service.Config{
		Name:        Name,
		DisplayName: "AKINSOFT Connector",
		Description: "Sends customers SMS, WhatsApp and e-mail notifications from the AKINSOFT Wolvox database.",
		Executable:  exe,
		Arguments:   []string{"run", "--config", configFile},
	}
	if err := platformConfig(conf, opts); err != nil {
		return nil, err
	}
	return conf, nil
}

// CommandLine is the command the service manager runs, quoted as it is
// registered (for "service status" and for people checking by hand).
func (m *Manager) CommandLine() string {
	return commandLine(m.conf.Executable, m.conf.Arguments)
}

// Control runs one of Actions; status prints nothing and returns nil
// (use Status for the state).
func (m *Manager) Control(action string) error {
	if err := checkPlatform(m); err != nil {
		return err
	}
	switch action {
	case "install":
		return m.Install()
	case "uninstall":
		return m.Uninstall()
	case "start":
		return m.wrap("start", m.svc.Start())
	case "stop":
		return m.wrap("stop", m.svc.Stop())
	case "restart":
		return m.wrap("restart", m.svc.Restart())
	case "status":
		_, err := m.Status()
		return err
	}
	return catalog.Errorf("installer.unknown_action", "action", strconv.Quote(action), "actions", fmt.Sprint(Actions))
}

// Install registers the service. The config file must exist: a service
// without one would only fail and restart.
func (m *Manager) Install() error {
	configFile := m.conf.Arguments[2]
	if _, err := os.Stat(configFile); err != nil {
		return catalog.Errorf("installer.config_missing", "path", configFile, "err", err).Wrapping(err)
	}
	if _, err := m.svc.Status(); err == nil {
		return catalog.Errorf("installer.already_installed", "name", Name)
	}
	if err := beforeInstall(m); err != nil {
		return err
	}
	if err := m.svc.Install(); err != nil {
		return m.wrap("install", err)
	}
	if err := afterInstall(m); err != nil {
		// Half an install is worse than none: it blocks the next attempt.
		_ = m.svc.Uninstall()
		return err
	}
	return nil
}

// Uninstall stops the service if it runs and removes it. The config, state
// and logs stay.
func (m *Manager) Uninstall() error {
	st, err := m.svc.Status()
	if errors.Is(err, service.ErrNotInstalled) {
		return catalog.Errorf("installer.not_installed", "name", Name)
	}
	if err == nil && st == service.StatusRunning {
		if err := m.svc.Stop(); err != nil {
			return m.wrap("stop", err)
		}
	}
	return m.wrap("uninstall", m.svc.Uninstall())
}

// State is the service's state as "service status" reports it.
type State string

const (
	StateRunning      State = "running"
	StateStopped      State = "stopped"
	StateNotInstalled State = "not installed"
	StateUnknown      State = "unknown"
)

// Status asks the service manager.
func (m *Manager) Status() (State, error) {
	if err := checkPlatform(m); err != nil {
		return StateUnknown, err
	}
	st, err := m.svc.Status()
	switch {
	case errors.Is(err, service.ErrNotInstalled):
		return StateNotInstalled, nil
	case err != nil:
		return StateUnknown, m.wrap("status", err)
	case st == service.StatusRunning:
		return StateRunning, nil
	case st == service.StatusStopped:
		return StateStopped, nil
	}
	return StateUnknown, nil
}

func (m *Manager) wrap(action string, err error) error {
	if err == nil {
		return nil
	}
	return catalog.Errorf("installer.control_failed", "action", action, "name", Name, "platform", m.svc.Platform(), "err", err,
		"hint", catalog.M(adminHint)).Wrapping(err)
}

// nopProgram satisfies kardianos for control commands, which never run the
// service themselves.
type nopProgram struct{}

func (nopProgram) Start(service.Service) error { return nil }
func (nopProgram) Stop(service.Service) error  { return nil }
