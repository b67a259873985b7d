package connector_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
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

// demoDaemon is a daemon on the demo database (dir/demo.db, made here) with
// the config y, closed when the test ends.
func demoDaemon(t *testing.T, dir, y string) *connector.Daemon {
	t.Helper()
	ctx := context.Background()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	d, err := connector.New(ctx, loadConfig(t, dir, y), connector.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}
