package installer

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDefaultPathsWindows(t *testing.T) {
	pd := os.Getenv("ProgramData")
	if pd == "" {
		t.Fatal("%ProgramData% is not set; every Windows since Vista sets it")
	}
	pf := os.Getenv("ProgramFiles")
	if pf == "" {
		t.Fatal("%ProgramFiles% is not set; every Windows sets it")
	}
	want := Paths{
		ConfigFile: pd + `\AkinsoftConnector\config.yaml`,
		StateDir:   pd + `\AkinsoftConnector\state`,
		LogDir:     pd + `\AkinsoftConnector\logs`,
		DocDir:     pf + `\AkinsoftConnector\docs`,
	}
	got := DefaultPaths()
	if !strings.EqualFold(got.ConfigFile, want.ConfigFile) || !strings.EqualFold(got.StateDir, want.StateDir) || !strings.EqualFold(got.LogDir, want.LogDir) ||
		!strings.EqualFold(got.DocDir, want.DocDir) {
		t.Errorf("DefaultPaths() = %+v, want %+v", got, want)
	}
	if !filepath.IsAbs(got.ConfigFile) {
		t.Errorf("%s is not absolute", got.ConfigFile)
	}
}

func TestWindowsAccount(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"LocalSystem", ""},
		{"svc-akinsoft", `.\svc-akinsoft`},
		{`.\svc-akinsoft`, `.\svc-akinsoft`},
		{`SHOP\svc-akinsoft`, `SHOP\svc-akinsoft`},
		{`NT AUTHORITY\LocalService`, `NT AUTHORITY\LocalService`},
		{"svc@shop.local", "svc@shop.local"},
	}
	for _, tt := range tests {
		if got := windowsAccount(tt.in); got != tt.want {
			t.Errorf("windowsAccount(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWindowsServiceConfig(t *testing.T) {
	exe := `C:\Program Files\AkinsoftConnector\akinsoft-connector.exe`
	cfg := `C:\ProgramData\Akinsoft Connector\config.yaml`
	conf, err := serviceConfig(Options{ConfigFile: cfg, Executable: exe})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(conf.Arguments, "|"), "run|--config|"+cfg; got != want {
		t.Errorf("arguments %q, want %q", got, want)
	}
	wantLine := `"C:\Program Files\AkinsoftConnector\akinsoft-connector.exe" run --config "C:\ProgramData\Akinsoft Connector\config.yaml"`
	if got := commandLine(conf.Executable, conf.Arguments); got != wantLine {
		t.Errorf("command line\n got %s\nwant %s", got, wantLine)
	}
	if conf.UserName != "" {
		t.Errorf("default account %q, want LocalSystem (empty)", conf.UserName)
	}
	for k, want := range map[string]any{
		"StartType": "automatic", "DelayedAutoStart": true, "OnFailure": "restart",
		"OnFailureDelayDuration": "5s", "OnFailureResetPeriod": 86400,
	} {
		if got := conf.Option[k]; got != want {
			t.Errorf("option %s = %v, want %v", k, got, want)
		}
	}
	// A relative --config is recorded absolute: the service starts in System32.
	conf, err = serviceConfig(Options{ConfigFile: "config.yaml", Executable: exe})
	if err != nil {
		t.Fatal(err)
	}
	wd, _ := os.Getwd()
	if got := conf.Arguments[2]; got != filepath.Join(wd, "config.yaml") {
		t.Errorf("relative config recorded as %q", got)
	}
}
