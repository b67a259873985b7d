package connector_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

// loadConfig writes y as dir/c.yaml, loads it and resolves its secrets
// (${env:…} only: the tests have no vault), as run does.
func loadConfig(t *testing.T, dir, y string) *config.Config {
	t.Helper()
	path := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	return cfg
}
