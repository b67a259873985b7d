package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
)

// The exit codes the README promises: 0 OK, 1 runtime failure, 2 wrong
// usage, 3 config problems.
func TestExitCodes(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere", "config.yaml")
	cases := []struct {
		name string
		args []string
		want int
		says string
	}{
		{"unknown command", []string{"sendd"}, exitUsage, `unknown command "sendd"`},
		{"unknown command suggests", []string{"chek"}, exitUsage, "did you mean check?"},
		{"unknown subcommand of a group", []string{"messages", "lst"}, exitUsage, `unknown command "lst" for akinsoft-connector messages`},
		{"unknown flag", []string{"check", "--ofline"}, exitUsage, "unknown flag: --ofline"},
		{"extra argument", []string{"check", "now"}, exitUsage, `akinsoft-connector check takes no arguments, "now" is one too many`},
		{"unknown subcommand of a command that runs", []string{"status", "opn"}, exitUsage, `unknown command "opn" for akinsoft-connector status; did you mean open?`},
		{"unknown service action", []string{"service", "foo"}, exitUsage,
			`unknown action "foo" for akinsoft-connector service (use one of install, uninstall, start, stop, restart, status)`},
		{"unknown completion shell", []string{"completion", "tcsh"}, exitUsage, `unknown command "tcsh" for akinsoft-connector completion`},
		{"unknown help topic", []string{"help", "foo"}, exitUsage, `unknown command "foo" for akinsoft-connector`},
		{"unknown help topic in a group", []string{"help", "messages", "lst"}, exitUsage, "did you mean list?"},
		{"help topic", []string{"help", "messages", "list"}, exitOK, ""},
		{"too few arguments", []string{"messages", "cancel"}, exitUsage, "usage: akinsoft-connector messages cancel ID..."},
		{"missing argument", []string{"secrets", "delete"}, exitUsage, "usage: akinsoft-connector secrets delete"},
		{"missing config file: check", []string{"check", "--config", missing}, exitConfig, missing + ": the config file does not exist"},
		{"missing config file: run", []string{"run", "--once", "--config", missing}, exitConfig, "the config file does not exist"},
		{"missing config file: messages list", []string{"messages", "list", "--config", missing}, exitConfig, "the config file does not exist"},
		{"bad config", []string{"check", "--config", "../../connector/config/testdata/bad/bad-rate.yaml"}, exitConfig, "problem(s)"},
		{"group without subcommand shows help", []string{"messages"}, exitOK, ""},
		{"version", []string{"--version"}, exitOK, ""},
	}
	t.Setenv("LANG", "en_US.UTF-8")
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.args...)
			if code != tc.want || !strings.Contains(errOut, tc.says) {
				t.Errorf("exit %d, want %d; stderr must say %q:\n%s%s", code, tc.want, tc.says, errOut, out)
			}
		})
	}
}

// A service action is one word in any case: "Start" was refused as an
// unknown action. Capitals by Turkish rules (İNSTALL), or typed on a
// Turkish keyboard with caps lock (INSTALL, whose I is ı's capital), name
// the action too.
func TestServiceActionsInAnyCase(t *testing.T) {
	noLocale(t)
	for _, tc := range []struct {
		word, want string
	}{
		{"start", "start"}, {"Start", "start"}, {"STOP", "stop"}, {"ReStart", "restart"},
		{"INSTALL", "install"}, {"İNSTALL", "install"}, {"ınstall", "install"}, {"Install", "install"},
		{"UNİNSTALL", "uninstall"}, {"Status", "status"},
		{"stat", ""}, {"start now", ""}, {"", ""}, {"başlat", ""},
	} {
		got, ok := actionNamed(tc.word, installer.Actions)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("actionNamed(%q) = %q, %v; want %q", tc.word, got, ok, tc.want)
		}
	}
	// Through the command line with status alone: it changes nothing on
	// the machine whatever the service manager answers.
	config := filepath.Join(t.TempDir(), "config.yaml")
	for _, word := range []string{"Status", "STATUS"} {
		code, out, errOut := runEN(t, "service", word, "--config", config)
		if code == exitUsage || strings.Contains(errOut, "unknown action") {
			t.Errorf("service %s: exit %d: %s%s", word, code, errOut, out)
		}
	}
	if code, _, errOut := runCLI(t, "service", "STATU", "--config", config); code != exitUsage || !strings.Contains(errOut, `bilinmeyen işlem: "STATU"`) {
		t.Errorf("service STATU: exit %d: %s", code, errOut)
	}
}

// A missing config is explained in the reader's language, with init, the
// way README.tr.md makes one, first among the ways to make it.
func TestMissingConfigInTurkish(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "config.yaml")
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "tr_TR.UTF-8")
	code, _, errOut := runCLI(t, "check", "--config", missing)
	if code != exitConfig || !strings.Contains(errOut, missing+": yapılandırma dosyası yok (ipucu: akinsoft-connector init ile oluşturun") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// --version and version name the version, the commit and the build date:
// stamped by -ldflags as scripts/dist.sh builds, "unknown" when a plain
// build has nothing to say.
func TestVersionStamp(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "akinsoft-connector")
	const pkg = "github.com/akinsoft-connector/akinsoft-connector/internal/buildinfo"
	ldflags := "-X " + pkg + ".version=1.2.3 -X " + pkg + ".commit=0123456789abcdef0123 -X " + pkg + ".date=2026-01-02T03:04:05Z"
	if out, err := exec.Command("go", "build", "-ldflags", ldflags, "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	want := regexp.MustCompile(`^akinsoft-connector 1\.2\.3 \(commit 0123456789ab, built 2026-01-02T03:04:05Z, \w+/\w+, go1\.[0-9.]+\)\n$`)
	for _, args := range [][]string{{"--version"}, {"version"}} {
		out, err := exec.Command(bin, args...).Output()
		if err != nil || !want.Match(out) {
			t.Errorf("%v: %q, %v", args, out, err)
		}
	}
	code, out, _ := runCLI(t, "version")
	if code != exitOK || !strings.HasPrefix(out, "akinsoft-connector dev (commit unknown, built unknown,") {
		t.Errorf("unstamped: %q", out)
	}
}

// Every list command prints one JSON document with --json.
func TestListCommandsPrintJSON(t *testing.T) {
	cfg := sentDemo(t)
	if code, _, errOut := runCLI(t, "optout", "add", "+905321234567", "--note", "by phone", "--config", cfg); code != 0 {
		t.Fatal(errOut)
	}
	var messages []struct {
		ID      int64  `json:"id"`
		Channel string `json:"channel"`
		To      string `json:"to"`
		Status  string `json:"status"`
	}
	decodeJSON(t, &messages, "messages", "list", "--json", "--config", cfg)
	if len(messages) == 0 || messages[0].Channel != "sms" || messages[0].ID == 0 || strings.Contains(messages[0].To, "1234567") {
		t.Errorf("messages: %+v", messages)
	}
	var audit []map[string]any
	decodeJSON(t, &audit, "audit", "--json", "--config", cfg)
	if audit == nil {
		t.Error("audit: null instead of a list")
	}
	var optouts optOutListJSON
	decodeJSON(t, &optouts, "optout", "list", "--json", "--config", cfg)
	if len(optouts.OptedOut) != 1 || optouts.OptedOut[0].Note != "by phone" {
		t.Errorf("optout list: %+v", optouts)
	}
	var secrets []namedJSON
	decodeJSON(t, &secrets, "secrets", "list", "--json", "--config", cfg)
	if secrets == nil || len(secrets) != 0 {
		t.Errorf("secrets: %+v", secrets)
	}
	var tokens []tokenJSON
	decodeJSON(t, &tokens, "admin", "token", "list", "--json", "--config", cfg)
	if tokens == nil {
		t.Error("tokens: null instead of a list")
	}
}

func decodeJSON(t *testing.T, v any, args ...string) {
	t.Helper()
	code, out, errOut := runCLI(t, args...)
	if code != exitOK {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	if err := dec.Decode(v); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out)
	}
	if dec.More() {
		t.Fatalf("%v: more than one JSON document:\n%s", args, out)
	}
}

// Shells complete job, channel, source and state names, reading the config.
func TestCompletion(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	good, err := os.ReadFile("../../connector/config/testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(cfg, good, 0o600)
	cases := []struct {
		args []string
		want []string
	}{
		{[]string{"messages", "list", "--config", cfg, "--job", ""}, []string{"new-invoices"}},
		{[]string{"run", "--config", cfg, "--once", "--job", "new"}, []string{"new-invoices"}},
		{[]string{"render", "--config", cfg, "--job", ""}, []string{"new-invoices"}},
		{[]string{"messages", "retry", "--config", cfg, "--channel", ""}, []string{"sms"}},
		{[]string{"send-test", "--config", cfg, "--channel", ""}, []string{"sms"}},
		{[]string{"render", "--config", cfg, "--source", ""}, []string{"merkez"}},
		{[]string{"messages", "list", "--status", "f"}, []string{"failed"}},
		{[]string{"messages", "list", "--status", ""}, []string{"standby", "pending", "sending", "uncertain", "held", "sent", "delivered", "read", "failed", "skipped", "cancelled",
			"yedek", "bekliyor", "gönderiliyor", "belirsiz", "operatör bekliyor", "gönderildi", "iletildi", "okundu", "başarısız", "atlandı", "iptal edildi"}},
		// The Turkish names, and typed without Turkish letters or in
		// capitals, from the letters typed on.
		{[]string{"messages", "list", "--status", "b"}, []string{"bekliyor", "belirsiz", "başarısız"}},
		{[]string{"messages", "list", "--status", "gönderi"}, []string{"gönderiliyor", "gönderildi"}},
		{[]string{"messages", "list", "--status", "gond"}, []string{"gonderiliyor", "gonderildi"}},
		{[]string{"messages", "list", "--status", "İPTAL"}, []string{"İPTAL edildi"}},
		{[]string{"messages", "list", "--status", "operator"}, []string{"operator bekliyor"}},
		{[]string{"service", ""}, []string{"install", "uninstall", "start", "stop", "restart", "status"}},
		{[]string{"mes"}, []string{"messages"}},
	}
	for _, tc := range cases {
		code, out, errOut := runCLI(t, append([]string{"__complete"}, tc.args...)...)
		var got []string
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if !strings.HasPrefix(l, ":") {
				got = append(got, strings.SplitN(l, "\t", 2)[0])
			}
		}
		if code != exitOK || !slices.Equal(got, tc.want) {
			t.Errorf("complete %q: %q, want %q (%s)", tc.args, got, tc.want, errOut)
		}
		if slices.Contains(tc.args, "--status") {
			for _, name := range got {
				if _, ok := parseStatus(name); !ok {
					t.Errorf("complete %q offered %q, which --status refuses", tc.args, name)
				}
			}
		}
	}
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		if code, out, _ := runCLI(t, "completion", shell); code != exitOK || !strings.Contains(out, "akinsoft-connector") {
			t.Errorf("completion %s: exit %d", shell, code)
		}
	}
}

func TestConfigSchemaCommand(t *testing.T) {
	code, out, errOut := runCLI(t, "config", "schema")
	if code != exitOK || !bytes.Equal([]byte(out), config.Schema()) || !json.Valid([]byte(out)) {
		t.Fatalf("exit %d: %s", code, errOut)
	}
}

// The Start-menu entry opens the page at the address the config gives.
func TestStatusOpenAddress(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("../../connector/config/testdata/good.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, status string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, append([]byte(status+"\n"), good...), 0o600)
		return p
	}
	cases := []struct {
		config, want string
		code         int
	}{
		{filepath.Join(dir, "missing.yaml"), "http://127.0.0.1:8750/\n", exitOK},
		{write("default.yaml", ""), "http://127.0.0.1:8750/\n", exitOK},
		{write("port.yaml", `status: {listen: "127.0.0.1:9100"}`), "http://127.0.0.1:9100/\n", exitOK},
		{write("tls.yaml", `status: {listen: "0.0.0.0:8443", tls_cert: c.pem, tls_key: k.pem}`), "https://127.0.0.1:8443/\n", exitOK},
		{write("off.yaml", `status: {disabled: true}`), "", exitFailure},
	}
	for _, tc := range cases {
		code, out, errOut := runCLI(t, "status", "open", "--no-browser", "--config", tc.config)
		if code != tc.code || out != tc.want {
			t.Errorf("%s: exit %d, %q (%s); want %d, %q", filepath.Base(tc.config), code, out, errOut, tc.code, tc.want)
		}
	}
}
