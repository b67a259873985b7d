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
	// Deleting it again is refused as asked (exit 2), pointing at the
	// names the vault holds, not at storing the secret.
	code, out, errOut := runCLI(t, "--lang", "tr", "secrets", "delete", "wolvox_db", "--config", cfg)
	if code != exitUsage || !strings.Contains(errOut, `kasada "wolvox_db" adlı sır yok; kayıtlı adlar için: akinsoft-connector secrets list --config `+cfg) ||
		strings.Contains(out+errOut, "secrets set") {
		t.Fatalf("secrets delete of a secret not there: exit %d: %s%s", code, out, errOut)
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

// A mistyped --config does not put the secret in the OS default folder,
// where the service, reading the real file's state_dir, would never find it.
func TestSecretsSetRefusesAConfigThatIsNotThere(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "confg.yaml")
	code, out := runWithStdin(t, "Canary-7f3a\n", "secrets", "set", "wolvox_db", "--lang", "en", "--config", missing)
	if code == 0 || !strings.Contains(out, "does not exist, so the state folder for the secret is not known") {
		t.Fatalf("secrets set with a missing --config: exit %d: %s", code, out)
	}
	// With the folder named, no config file is needed.
	state := filepath.Join(dir, "state")
	if code, out := runWithStdin(t, "Canary-7f3a\n", "secrets", "set", "wolvox_db", "--config", missing, "--state-dir", state); code != 0 {
		t.Fatalf("secrets set --state-dir: %s", out)
	}
	if _, err := os.Stat(filepath.Join(state, "vault.json")); err != nil {
		t.Errorf("no vault in --state-dir: %v", err)
	}
}

// A secret in a config whose state folder does not exist yet is simply not
// stored: check says so, with the very command that stores it where this
// file's service reads it, and after that command check passes.
func TestCheckNamesTheCommandThatStoresAMissingSecret(t *testing.T) {
	cfg := demoConfigFile(t, strings.Replace(demoConfig("x"), "channels: {sms: {provider: console, rate: 100/s}}",
		`channels: {sms: {provider: netgsm, netgsm: {usercode: "8503000000", password: "${secret:netgsm}", msgheader: DUKKAN}}}`, 1))
	code, out, errOut := runCLI(t, "--lang", "tr", "check", "--offline", "--config", cfg)
	want := "`akinsoft-connector secrets set netgsm --config " + cfg + "` komutunu çalıştırın"
	if code != exitConfig || !strings.Contains(out, `"netgsm" sırrı kasada yok`) || !strings.Contains(out, want) || strings.Contains(out, "kasa açılamadı") {
		t.Fatalf("exit %d, want %d, the secret missing and %q:\n%s%s", code, exitConfig, want, out, errOut)
	}
	if code, out := runWithStdin(t, "netgsm-parolasi\n", "secrets", "set", "netgsm", "--config", cfg); code != exitOK {
		t.Fatalf("secrets set: %s", out)
	}
	if code, out, errOut := runCLI(t, "--lang", "tr", "check", "--offline", "--config", cfg); code != exitOK {
		t.Fatalf("after secrets set: exit %d:\n%s%s", code, out, errOut)
	}
}

// Two lines on standard input are most often a password and its
// confirmation: stored as one value, it would match neither, and the page
// would refuse the owner's login. They are refused, for every command that
// reads a secret.
func TestSecretsRefuseMoreThanOneLine(t *testing.T) {
	cfg := demoConfigFile(t, demoConfig("x"))
	for _, args := range [][]string{{"secrets", "set", "netgsm"}, {"admin", "set-password"}} {
		code, out := runCodeWithStdin(t, "yeni-parola-2026\nyeni-parola-2026\n", append([]string{"--lang", "tr"}, append(args, "--config", cfg)...)...)
		if code != exitUsage || !strings.Contains(out, "birden çok satır") {
			t.Errorf("%v: exit %d, want %d and the reason:\n%s", args, code, exitUsage, out)
		}
	}
	if code, out := runWithStdin(t, "yeni-parola-2026\r\n", "admin", "set-password", "--config", cfg); code != exitOK {
		t.Errorf("one line with a Windows line end: %s", out)
	}
}

// runCodeWithStdin runs the command line with stdin as its input, and
// returns the exit code main would, and what it wrote.
func runCodeWithStdin(t *testing.T, stdin string, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	root, g := newRoot(nil)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&out)
	if err := root.ExecuteContext(context.Background()); err != nil {
		return exitCode(err, &out, g.language()), out.String()
	}
	return exitOK, out.String()
}
