package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// noLocale clears the locale, so only the config and --lang choose.
func noLocale(t *testing.T) {
	t.Helper()
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(v, "")
	}
}

// The language is --lang, else the config's language:, else the system
// locale, else Turkish.
func TestLanguageChoice(t *testing.T) {
	dir := t.TempDir()
	bad, err := os.ReadFile("../../connector/config/testdata/bad/bad-rate.yaml")
	if err != nil {
		t.Fatal(err)
	}
	plain := filepath.Join(dir, "plain.yaml")
	english := filepath.Join(dir, "english.yaml")
	os.WriteFile(plain, bad, 0o600)
	os.WriteFile(english, append([]byte("language: en\n"), bad...), 0o600)
	const tr, en = `"fast" bir hız değil`, `"fast" is not a rate`
	cases := []struct {
		name, locale, config string
		args                 []string
		want                 string
	}{
		{"default", "", plain, nil, tr},
		{"C locale", "C.UTF-8", plain, nil, tr},
		{"Turkish locale", "tr_TR.UTF-8", plain, nil, tr},
		{"English locale", "en_US.UTF-8", plain, nil, en},
		{"flag", "", plain, []string{"--lang", "en"}, en},
		{"flag over the locale", "en_US.UTF-8", plain, []string{"--lang", "tr"}, tr},
		{"config over the locale", "tr_TR.UTF-8", english, nil, en},
		{"flag over the config", "", english, []string{"--lang=tr"}, tr},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noLocale(t)
			t.Setenv("LANG", tc.locale)
			code, out, errOut := runCLI(t, append([]string{"check", "--offline", "--config", tc.config}, tc.args...)...)
			if code != exitConfig || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, want %q:\n%s%s", code, tc.want, out, errOut)
			}
		})
	}
}

func TestUnknownLanguageIsAUsageError(t *testing.T) {
	noLocale(t)
	if code, _, errOut := runCLI(t, "version", "--lang", "de"); code != exitUsage || !strings.Contains(errOut, `--lang "de": tr ya da en olmalı`) {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

// With nothing set, check speaks Turkish: the problem, its hint, and the
// summary line; --lang en gives the English twin.
func TestCheckErrorsInTurkish(t *testing.T) {
	noLocale(t)
	code, out, errOut := runCLI(t, "check", "--config", "../../connector/config/testdata/bad/bad-quiet-hours.yaml")
	want := []string{
		`bad-quiet-hours.yaml:9:10: quiet_hours.start: "9pm" bir saat değil (ipucu: saati SS:DD olarak yazın, ör. "21:00" (tırnak içinde))`,
	}
	for _, w := range want {
		if code != exitConfig || !strings.Contains(out, w) {
			t.Errorf("exit %d; output lacks %q:\n%s", code, w, out)
		}
	}
	if !strings.HasPrefix(errOut, "hata: ") || !strings.Contains(errOut, "dosyasında 2 sorun var") {
		t.Errorf("stderr: %q", errOut)
	}
	_, out, errOut = runCLI(t, "--lang", "en", "check", "--config", "../../connector/config/testdata/bad/bad-quiet-hours.yaml")
	if !strings.Contains(out, `"9pm" is not a time of day (hint: write the time as HH:MM`) || !strings.Contains(errOut, "error: 2 problem(s) in") {
		t.Errorf("English:\n%s%s", out, errOut)
	}
}

// The help is Turkish too: the descriptions, the flags and the headings.
func TestHelpInTurkish(t *testing.T) {
	noLocale(t)
	_, out, _ := runCLI(t, "--help")
	for _, want := range []string{"Kullanım:", "Komutlar:", "Seçenekler:", catalog.TR.Text("help.check", nil),
		"yapılandırma dosyasının yolu", "akinsoft-connector için yardım", "[komut] --help"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = runCLI(t, "check", "--help")
	for _, want := range []string{"ERP veritabanlarına bağlanma", "Genel seçenekler:"} {
		if !strings.Contains(out, want) {
			t.Errorf("check --help lacks %q:\n%s", want, out)
		}
	}
	_, out, _ = runCLI(t, "--lang", "en", "--help")
	for _, want := range []string{"Usage:", "Available Commands:", "Flags:", catalog.EN.Text("help.check", nil), "help for akinsoft-connector"} {
		if !strings.Contains(out, want) {
			t.Errorf("English help lacks %q:\n%s", want, out)
		}
	}
}

// englishFragments are the words of the English texts that Turkish does not
// share: a Turkish output holding one of them has let English through.
func englishFragments() []string {
	var out []string
	hole := regexp.MustCompile(`\{[a-z_]+(:[a-z]+)?\}`)
	for _, k := range catalog.Keys() {
		s := string(k)
		if !strings.HasPrefix(s, "cmd.") && !strings.HasPrefix(s, "config.") && !strings.HasPrefix(s, "demo.") &&
			!strings.HasPrefix(s, "state.") && !strings.HasPrefix(s, "reason.") && !strings.HasPrefix(s, "cli.") {
			continue
		}
		en, tr := catalog.EN.Text(k, nil), catalog.TR.Text(k, nil)
		if en == tr {
			continue
		}
		for _, f := range hole.Split(en, -1) {
			if f = strings.TrimSpace(f); len(f) >= 12 && !strings.Contains(tr, f) {
				out = append(out, f)
			}
		}
	}
	return out
}

// Every command's output is Turkish when nothing asks for English: no
// English text of the catalog appears in it.
func TestEveryCommandSpeaksTurkish(t *testing.T) {
	noLocale(t)
	cfg, _ := opsSetup(t, "127.0.0.1:1", refusedSend)
	demoDir := t.TempDir()
	runs := [][]string{
		{"check", "--config", cfg},
		{"check", "--config", "../../connector/config/testdata/bad/bad-sequence.yaml"},
		{"status", "--config", cfg},
		{"messages", "list", "--config", cfg},
		{"messages", "retry", "999999", "--config", cfg},
		{"messages", "cancel", "x", "--config", cfg},
		{"audit", "--config", cfg},
		{"optout", "add", "0532 999 88 77", "--config", cfg},
		{"optout", "list", "--config", cfg},
		{"optout", "remove", "0532 111 22 33", "--config", cfg},
		{"forget", "--dry-run", "0532 123 45 67", "--config", cfg},
		{"render", "--job", "new-invoices", "--limit", "1", "--config", cfg},
		{"render", "--config", cfg},
		{"run", "--once", "--config", cfg},
		{"secrets", "list", "--config", cfg},
		{"secrets", "delete"},
		{"admin", "token", "list", "--config", cfg},
		{"send-test", "--check", "--config", cfg},
		{"send-test", "--channel", "sms", "--to", "0212 555 00 00", "--config", cfg},
		{"demo", "--dir", demoDir},
		{"chek"},
	}
	fragments := englishFragments()
	if len(fragments) < 200 {
		t.Fatalf("only %d English fragments to look for", len(fragments))
	}
	for _, args := range runs {
		_, out, errOut := runCLI(t, args...)
		all := out + errOut
		if strings.TrimSpace(all) == "" {
			t.Errorf("%v printed nothing", args)
		}
		for _, f := range fragments {
			if strings.Contains(all, f) {
				t.Errorf("%v printed English %q:\n%s", args, f, all)
				break
			}
		}
	}
}

// A Turkish status reads as the shop owner would say it.
func TestStatusInTurkish(t *testing.T) {
	noLocale(t)
	cfg, _ := opsSetup(t, "127.0.0.1:1", refusedSend)
	code, out, errOut := runCLI(t, "status", "--config", cfg)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"GÖREVLER", "SON ÇALIŞMA", "tamam", "KUYRUK", "  boş", "KANALLAR",
		"hizmet http://127.0.0.1:1/readyz adresinde yanıt vermiyor", "BUGÜN", "Gönderildi 20", "SON HATALAR",
		"geçersiz numara (kod 70)", "faturanın carisi (BLCRKODU=99) CARI tablosunda yok"} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
}
