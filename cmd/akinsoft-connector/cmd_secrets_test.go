package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runWithStdin(t *testing.T, stdin string, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	root, _ := newRoot(nil)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(append([]string{"--lang", "en"}, args...)) // the assertions read English
	root.SetOut(&out)
	root.SetErr(&out)
	if err := root.ExecuteContext(context.Background()); err != nil {
		out.WriteString("error: " + err.Error())
		return 1, out.String()
	}
	return 0, out.String()
}

func TestSecretsLifecycleNeverShowsTheValue(t *testing.T) {
	const canary = "Canary-7f3a-şifre"
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	good, _ := os.ReadFile("../../connector/config/testdata/good.yaml")
	os.WriteFile(cfg, bytes.Replace(good, []byte("${env:AC_TEST_DB_PASSWORD}"), []byte("${secret:wolvox_db}"), 1), 0o600)

	var all strings.Builder
	code, out := runWithStdin(t, "", "check", "--offline", "--config", cfg)
	all.WriteString(out)
	if code == 0 || !strings.Contains(out, `secret "wolvox_db"`) || !strings.Contains(out, "secrets set wolvox_db") {
		t.Fatalf("check before the secret exists: %s", out)
	}
	code, out = runWithStdin(t, canary+"\n", "secrets", "set", "wolvox_db", "--config", cfg)
	all.WriteString(out)
	if code != 0 {
		t.Fatalf("secrets set: %s", out)
	}
	code, out = runWithStdin(t, "", "secrets", "list", "--config", cfg)
	all.WriteString(out)
	if code != 0 || !strings.Contains(out, "wolvox_db") {
		t.Fatalf("secrets list: %s", out)
	}
	code, out = runWithStdin(t, "", "check", "--offline", "--config", cfg)
	all.WriteString(out)
	if code != 0 || !strings.Contains(out, ": OK") {
		t.Fatalf("check with the secret stored: %s", out)
	}
	code, out = runWithStdin(t, "", "secrets", "set", "wolvox_db", canary, "--config", cfg)
	all.WriteString(out)
	if code == 0 {
		t.Fatal("a value given as an argument was accepted")
	}
	code, out = runWithStdin(t, "", "secrets", "delete", "wolvox_db", "--config", cfg)
	all.WriteString(out)
	if code != 0 {
		t.Fatalf("secrets delete: %s", out)
	}
	if strings.Contains(all.String(), canary) {
		t.Fatalf("a secret value was printed:\n%s", all.String())
	}
	// Nothing in the state folder holds the value in plain text.
	filepath.Walk(filepath.Join(dir, "state"), func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(canary)) {
				t.Errorf("%s holds the secret in plain text", p)
			}
		}
		return nil
	})
}
