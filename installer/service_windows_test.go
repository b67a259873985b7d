package installer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/akinsoft-connector/akinsoft-connector/internal/testdir"

	"golang.org/x/sys/windows"

	"golang.org/x/sys/windows/registry"
	"golang.org/x/sys/windows/svc/mgr"
)

// TestInstallRegistersTheService installs into the real service manager, so
// it runs only where that is harmless: under Wine (scripts/wine/gotest.sh)
// or when AKINSOFT_SERVICE_TEST=1 on a throwaway Windows machine.
func TestInstallRegistersTheService(t *testing.T) {
	if !underWine() && os.Getenv("AKINSOFT_SERVICE_TEST") != "1" {
		t.Skip("installs a real Windows service: runs under Wine, or set AKINSOFT_SERVICE_TEST=1 on a throwaway machine")
	}
	dir := filepath.Join(testdir.New(t), "Akinsoft Connector")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("# test\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := `C:\Program Files\AkinsoftConnector\akinsoft-connector.exe`
	m, err := NewManager(Options{ConfigFile: cfg, Executable: exe})
	if err != nil {
		t.Fatal(err)
	}
	wantDelayed := true
	if underWine() {
		// Wine's service manager answers ERROR_INVALID_LEVEL to
		// SERVICE_CONFIG_DELAYED_AUTO_START_INFO; Windows since Vista has it.
		// TestWindowsServiceConfig checks the option is set.
		delete(m.conf.Option, "DelayedAutoStart")
		wantDelayed = false
	}
	if st, err := m.Status(); err != nil || st != StateNotInstalled {
		t.Fatalf("before install: %v, %v (is a real %s service installed on this machine?)", st, err, Name)
	}
	if err := m.Control("install"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Uninstall() })
	if err := m.Install(); err == nil || !strings.Contains(err.Error(), "already installed") {
		t.Errorf("second install: %v", err)
	}

	sm, err := mgr.Connect()
	if err != nil {
		t.Fatal(err)
	}
	defer sm.Disconnect()
	s, err := sm.OpenService(Name)
	if err != nil {
		t.Fatal(err)
	}
	c, err := serviceConfigOf(s, wantDelayed)
	if err != nil {
		t.Fatal(err)
	}
	wantPath := `"` + exe + `" run --config "` + cfg + `"`
	if c.BinaryPathName != wantPath || m.CommandLine() != wantPath {
		t.Errorf("BinaryPathName %s\nCommandLine    %s\nwant           %s", c.BinaryPathName, m.CommandLine(), wantPath)
	}
	if c.StartType != mgr.StartAutomatic || c.DelayedAutoStart != wantDelayed {
		t.Errorf("start type %d delayed %v, want automatic (delayed %v)", c.StartType, c.DelayedAutoStart, wantDelayed)
	}
	if !strings.EqualFold(c.ServiceStartName, "LocalSystem") {
		t.Errorf("account %q, want LocalSystem", c.ServiceStartName)
	}
	actions, err := s.RecoveryActions()
	switch {
	case underWine() && errors.Is(err, windows.ERROR_INVALID_LEVEL):
		// Wine accepts SERVICE_CONFIG_FAILURE_ACTIONS but cannot read it
		// back; TestWindowsServiceConfig checks the options kardianos gets.
		t.Log("Wine cannot query recovery actions; checked on real Windows with AKINSOFT_SERVICE_TEST=1")
	case err != nil:
		t.Fatal(err)
	default:
		if len(actions) != 1 || actions[0].Type != mgr.ServiceRestart || actions[0].Delay != 5*time.Second {
			t.Errorf("recovery actions %+v, want one restart after 5s", actions)
		}
		if reset, err := s.ResetPeriod(); err != nil || reset != recoveryReset {
			t.Errorf("reset period %d (%v), want %d", reset, err, recoveryReset)
		}
	}
	s.Close()
	key, err := registry.OpenKey(registry.LOCAL_MACHINE, `SYSTEM\CurrentControlSet\Services\EventLog\Application\`+Name, registry.QUERY_VALUE)
	if err != nil {
		t.Errorf("Event Log source not registered: %v", err)
	} else {
		key.Close()
	}
	if st, err := m.Status(); err != nil || st != StateStopped {
		t.Errorf("after install: %v, %v", st, err)
	}

	if err := m.Control("uninstall"); err != nil {
		t.Fatal(err)
	}
	if st, err := m.Status(); err != nil || st != StateNotInstalled {
		t.Errorf("after uninstall: %v, %v", st, err)
	}
}

// serviceConfigOf reads the registered config. mgr's Config also asks for
// the delayed-start flag, which Wine does not implement; without it, the
// plain QueryServiceConfig is read.
func serviceConfigOf(s *mgr.Service, withDelayed bool) (mgr.Config, error) {
	if withDelayed {
		return s.Config()
	}
	var needed uint32
	buf := make([]byte, 8192)
	p := (*windows.QUERY_SERVICE_CONFIG)(unsafe.Pointer(&buf[0]))
	if err := windows.QueryServiceConfig(s.Handle, p, uint32(len(buf)), &needed); err != nil {
		return mgr.Config{}, err
	}
	return mgr.Config{
		BinaryPathName:   windows.UTF16PtrToString(p.BinaryPathName),
		StartType:        p.StartType,
		ServiceStartName: windows.UTF16PtrToString(p.ServiceStartName),
	}, nil
}

func underWine() bool {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `Software\Wine`, registry.QUERY_VALUE)
	if err != nil {
		return false
	}
	k.Close()
	return true
}
