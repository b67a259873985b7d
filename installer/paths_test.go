package installer

import (
	"path/filepath"
	"testing"
)

func TestResolvePath(t *testing.T) {
	cfg := filepath.Join(string(filepath.Separator)+"etc", "akinsoft-connector", "config.yaml")
	dir := filepath.Dir(cfg)
	tests := []struct{ in, want string }{
		{"", ""},
		{"state", filepath.Join(dir, "state")},
		{filepath.Join("a", "b"), filepath.Join(dir, "a", "b")},
		{filepath.Join("..", "logs"), filepath.Join(filepath.Dir(dir), "logs")},
		{`C:\ProgramData\AkinsoftConnector\state`, `C:\ProgramData\AkinsoftConnector\state`},
		{`D:/data/state`, `D:/data/state`},
	}
	if abs, err := filepath.Abs("x"); err == nil {
		tests = append(tests, struct{ in, want string }{abs, abs})
	}
	for _, tt := range tests {
		if got := ResolvePath(cfg, tt.in); got != tt.want {
			t.Errorf("ResolvePath(%q, %q) = %q, want %q", cfg, tt.in, got, tt.want)
		}
	}
}
