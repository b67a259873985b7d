package main

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
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

// A wrong word where a command or an action belongs is a usage error (exit
// 2) said in Turkish, naming what would have been right.
func TestWrongWordsAreUsageErrorsInTurkish(t *testing.T) {
	noLocale(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"service", "foo"}, `akinsoft-connector service için bilinmeyen işlem: "foo" (şunlardan birini yazın: install, uninstall, start, stop, restart, status)`},
		{[]string{"service", "start", "now"}, "kullanım: akinsoft-connector service install|uninstall|start|stop|restart|status"},
		{[]string{"completion", "tcsh"}, `akinsoft-connector completion için bilinmeyen komut: "tcsh"`},
		{[]string{"completion", "bash", "now"}, `akinsoft-connector completion bash ek bir sözcük almaz, "now" fazla`},
		{[]string{"help", "foo"}, `akinsoft-connector için bilinmeyen komut: "foo"`},
		{[]string{"help", "messages", "lst"}, "bunu mu demek istediniz: list?"},
		{[]string{"status", "opn"}, `akinsoft-connector status için bilinmeyen komut: "opn"; bunu mu demek istediniz: open?`},
		{[]string{"check", "now"}, `akinsoft-connector check ek bir sözcük almaz, "now" fazla`},
		{[]string{"messages", "cancel"}, "kullanım: akinsoft-connector messages cancel NO..."},
		{[]string{"secrets", "set"}, "kullanım: akinsoft-connector secrets set AD"},
		{[]string{"optout", "remove"}, "kullanım: akinsoft-connector optout remove +905321234567 | name@example.com"},
	}
	fragments := englishFragments()
	for _, tc := range cases {
		code, out, errOut := runCLI(t, tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%q: exit %d, want %d and %q:\n%s%s", tc.args, code, exitUsage, tc.want, errOut, out)
		}
		for _, f := range fragments {
			if strings.Contains(errOut, f) {
				t.Errorf("%q printed English %q: %s", tc.args, f, errOut)
			}
		}
	}
}

// A flag's value that is not the number (or yes/no, or duration) it takes
// is a usage error that says why in the reader's language, with the flag
// written as it would work, never strconv's English.
func TestFlagValueErrorsSayWhy(t *testing.T) {
	noLocale(t)
	cases := []struct {
		args   []string
		tr, en string
	}{
		{[]string{"messages", "list", "--limit", "abc"},
			`hata: --limit için geçersiz değer "abc": tam sayı değil (ipucu: yalnızca rakamla yazın, ör. --limit 100)`,
			`error: invalid argument "abc" for --limit: not a whole number (hint: write it in digits only, e.g. --limit 100)`},
		{[]string{"render", "--limit", "1.5"}, `--limit için geçersiz değer "1.5": tam sayı değil (ipucu: yalnızca rakamla yazın, ör. --limit 3)`,
			"e.g. --limit 3"},
		{[]string{"replies", "list", "--limit", "on"}, `--limit için geçersiz değer "on": tam sayı değil`, "not a whole number"},
		{[]string{"messages", "list", "--limit", "99999999999999999999"}, "bu kadar büyük bir sayı olmaz (ipucu: daha küçük bir sayı yazın",
			"too large a number"},
		// A count is one or more, in decimal: a zero or negative --limit
		// meant the default, and 0x10 was 16.
		{[]string{"messages", "list", "--limit", "-5"},
			`hata: --limit için geçersiz değer "-5": 1 ya da daha büyük bir tam sayı olmalı (ipucu: ör. --limit 100)`,
			`error: invalid argument "-5" for --limit: use a whole number of 1 or more (hint: e.g. --limit 100)`},
		{[]string{"messages", "list", "--limit", "0"}, `--limit için geçersiz değer "0": 1 ya da daha büyük bir tam sayı olmalı`, "1 or more"},
		{[]string{"messages", "list", "--limit", "0x10"}, `--limit için geçersiz değer "0x10": tam sayı değil (ipucu: yalnızca rakamla yazın`,
			"write it in digits only"},
		{[]string{"replies", "list", "--limit=0"}, `--limit için geçersiz değer "0": 1 ya da daha büyük bir tam sayı olmalı (ipucu: ör. --limit 100)`,
			"1 or more"},
		{[]string{"render", "--job", "new-invoices", "--limit", "0"}, `--limit için geçersiz değer "0": 1 ya da daha büyük bir tam sayı olmalı (ipucu: ör. --limit 3)`,
			"e.g. --limit 3"},
		{[]string{"render", "--limit", "0o7"}, `--limit için geçersiz değer "0o7": tam sayı değil`, "not a whole number"},
		{[]string{"messages", "list", "--json=evet"}, `--json için geçersiz değer "evet": true ya da false olmalı (ipucu: --json tek başına true demektir)`,
			"use true or false (hint: --json alone means true)"},
		{[]string{"messages", "list", "--since", "abc"}, `--since için geçersiz değer "abc": "abc" bir süre değil (ör. 90d, 12h, 15m kullanın)`,
			`"abc" is not a duration`},
	}
	english := append(englishFragments(), "strconv", "invalid syntax", "out of range")
	for _, tc := range cases {
		code, out, errOut := runCLI(t, tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.tr) {
			t.Errorf("%q: exit %d, want %d and %q:\n%s%s", tc.args, code, exitUsage, tc.tr, errOut, out)
		}
		for _, f := range english {
			if strings.Contains(errOut, f) {
				t.Errorf("%q printed English %q: %s", tc.args, f, errOut)
			}
		}
		if code, _, errOut := runEN(t, tc.args...); code != exitUsage || !strings.Contains(errOut, tc.en) || strings.Contains(errOut, "strconv") {
			t.Errorf("English %q: exit %d, want %d and %q: %s", tc.args, code, exitUsage, tc.en, errOut)
		}
	}
}

// A count with a leading zero is the decimal number people mean: the
// library's int flag read --limit 010 as octal 8.
func TestCountFlagsReadDecimal(t *testing.T) {
	cfg, d := opsSetup(t, "127.0.0.1:1")
	if all, _ := d.Store().List(context.Background(), outbox.Filter{}); len(all) <= 10 {
		t.Fatalf("setup: only %d messages", len(all))
	}
	var got []status.MessageView
	decodeJSON(t, &got, "messages", "list", "--json", "--limit", "010", "--config", cfg)
	if len(got) != 10 {
		t.Errorf("--limit 010 listed %d messages, want 10", len(got))
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

// init's help names its guide where the packages install it on this OS,
// not the repository's docs/ a dealer's machine does not have; the guide is
// in the repository under that name (scripts/test-packages.sh checks that
// the MSI and the .deb install it there).
func TestInitHelpNamesTheInstalledGuide(t *testing.T) {
	noLocale(t)
	guide := filepath.Join(installer.DefaultPaths().DocDir, "init.md")
	for _, tc := range []struct {
		lang, want string
	}{{"tr", "Her soru için " + guide + " dosyasına bakın."}, {"en", "See " + guide + " for every question."}} {
		code, out, errOut := runCLI(t, "--lang", tc.lang, "init", "--help")
		if code != exitOK {
			t.Fatalf("init --help (%s): exit %d: %s", tc.lang, code, errOut)
		}
		if !strings.Contains(out, tc.want) {
			t.Errorf("init --help (%s) lacks %q:\n%s", tc.lang, tc.want, out)
		}
		if strings.Contains(out, "docs/init.md") {
			t.Errorf("init --help (%s) names the repository's docs/init.md:\n%s", tc.lang, out)
		}
	}
	if _, err := os.Stat(filepath.Join("..", "..", "docs", filepath.Base(guide))); err != nil {
		t.Errorf("the guide init's help names is not in docs/: %v", err)
	}
}

// The completion command is the library's, and so were its descriptions:
// its help and each shell's must be Turkish too, the steps to load the
// script included, and English with --lang en.
func TestCompletionHelpInTurkish(t *testing.T) {
	noLocale(t)
	english := append(englishFragments(), "help for", "Generate the")
	for _, tc := range []struct {
		args   []string
		tr, en []string
	}{
		{[]string{"completion"}, []string{"seçilen kabuğa uygun", "completion için yardım", "bash için otomatik tamamlama"},
			[]string{"for the specified shell", "help for completion"}},
		{[]string{"completion", "bash"}, []string{"'bash-completion' paketine", "source <(akinsoft-connector completion bash)",
			"bash için yardım", "açıklamasız"}, []string{"depends on the 'bash-completion' package", "help for bash", "disable completion descriptions"}},
		{[]string{"completion", "zsh"}, []string{"compinit", `"${fpath[1]}/_akinsoft-connector"`, "zsh için yardım"},
			[]string{"If shell completion is not already enabled", "help for zsh"}},
		{[]string{"completion", "fish"}, []string{"~/.config/fish/completions/akinsoft-connector.fish", "yeni bir kabuk açın"},
			[]string{"start a new shell"}},
		{[]string{"completion", "powershell"}, []string{"profilinize ekleyin", "Invoke-Expression"},
			[]string{"to your powershell profile"}},
	} {
		code, out, errOut := runCLI(t, append(tc.args, "--help")...)
		if code != exitOK {
			t.Errorf("%q: exit %d: %s", tc.args, code, errOut)
		}
		for _, w := range tc.tr {
			if !strings.Contains(out, w) {
				t.Errorf("%q --help lacks %q:\n%s", tc.args, w, out)
			}
		}
		for _, f := range english {
			if strings.Contains(out, f) {
				t.Errorf("%q --help printed English %q:\n%s", tc.args, f, out)
			}
		}
		_, out, _ = runEN(t, append(tc.args, "--help")...)
		for _, w := range tc.en {
			if !strings.Contains(out, w) {
				t.Errorf("English %q --help lacks %q:\n%s", tc.args, w, out)
			}
		}
	}
}

// readAreas are the catalog's areas whose texts the command line writes:
// its own, the config's problems, the reasons, and the errors of the
// packages under it.
var readAreas = []string{"cmd", "config", "demo", "state", "reason", "cli", "help", "init", "statusauth", "vault",
	"installer", "erp", "outbox"}

// englishFragments are the words of the English texts that Turkish does not
// share: a Turkish output holding one of them has let English through.
func englishFragments() []string {
	var out []string
	hole := regexp.MustCompile(`\{[a-z_]+(:[a-z]+)?\}`)
	for _, k := range catalog.Keys() {
		s := string(k)
		area, _, _ := strings.Cut(s, ".")
		if !slices.Contains(readAreas, area) {
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
// English text of the catalog appears in it, and the words too short to be
// told apart that way (a column's heading, "yes") are the Turkish ones.
func TestEveryCommandSpeaksTurkish(t *testing.T) {
	noLocale(t)
	cfg, d := opsSetup(t, "127.0.0.1:1", refusedSend)
	twoWayData(t, d)
	demoDir, statements := t.TempDir(), demoWithStatements(t)
	missing := filepath.Join(t.TempDir(), "config.yaml")
	runs := []struct {
		args  []string
		stdin string   // given on standard input, when set
		want  []string // Turkish words it must print
	}{
		{args: []string{"check", "--config", cfg}},
		{args: []string{"check", "--config", "../../connector/config/testdata/bad/bad-sequence.yaml"}},
		{args: []string{"status", "--config", cfg}},
		{args: []string{"messages", "list", "--config", cfg}},
		{args: []string{"messages", "retry", "999999", "--config", cfg}},
		{args: []string{"messages", "cancel", "x", "--config", cfg}},
		{args: []string{"audit", "--config", cfg}},
		{args: []string{"replies", "list", "--config", cfg}, want: []string{"GELİŞ", "GÖNDEREN", "RET", "METİN", "evet", "3 yanıt"}},
		{args: []string{"optout", "add", "0532 999 88 77", "--config", cfg}},
		{args: []string{"optout", "list", "--config", cfg},
			want: []string{"tüm kanallar", "tüm mesajlar", "ticari mesajlar", "yönetici", "yanıt", "geri dönen"}},
		{args: []string{"optout", "remove", "0532 111 22 33", "--config", cfg}},
		{args: []string{"forget", "--dry-run", "0532 123 45 67", "--config", cfg},
			want: []string{"silinecek: kişinin 1 yanıtı, onun hakkında saklanan 1 İYS cevabı", "başka müşterilerin bu kişiyi anan 1 yanıtı"}},
		{args: []string{"render", "--job", "new-invoices", "--limit", "1", "--config", cfg}},
		{args: []string{"render", "--config", cfg}},
		{args: []string{"render", "--job", "statements", "--key", "1", "--config", statements}, want: []string{"  ek: Hesap Ekstresi", " bayt)"}},
		{args: []string{"run", "--once", "--config", cfg}},
		{args: []string{"secrets", "list", "--config", cfg}},
		{args: []string{"secrets", "delete"}},
		{args: []string{"admin", "token", "list", "--config", cfg}},
		{args: []string{"admin", "set-viewer-password", "--config", cfg}, stdin: "kisa\n", want: []string{"parola en az 10 karakter olmalı"}},
		{args: []string{"admin", "set-password", "--config", cfg}, stdin: strings.Repeat("ş", 40), want: []string{"parola en çok 72 bayt"}},
		{args: []string{"admin", "unlock", "--config", cfg}, want: []string{"giriş beklemeleri kaldırıldı"}},
		{args: []string{"admin", "login-link", "--config", cfg}, want: []string{"yalnızca bir kez çalışır"}},
		{args: []string{"admin", "--help"}, want: []string{"tek kullanımlık bir bağlantı"}},
		{args: []string{"send-test", "--check", "--config", cfg}},
		{args: []string{"send-test", "--channel", "sms", "--to", "0212 555 00 00", "--config", cfg}},
		{args: []string{"service", "install", "--config", missing}, want: []string{"kurulum: "}},
		{args: []string{"init", "--help"}, want: []string{"ihtiyaç duyduğu bilgileri Türkçe sorar", "veritabanı sunucusu: firebird ya da mssql"}},
		{args: []string{"forget", "--help"}, want: []string{"anahtarlı bir özet"}},
		{args: []string{"replies", "list", "--help"}, want: []string{"yalnızca retler"}},
		{args: []string{"demo", "--dir", demoDir}},
		{args: []string{"chek"}},
	}
	fragments := englishFragments()
	if len(fragments) < 200 {
		t.Fatalf("only %d English fragments to look for", len(fragments))
	}
	for _, r := range runs {
		var all string
		if r.stdin != "" {
			_, all = runInit(t, r.stdin, r.args...)
		} else {
			_, out, errOut := runCLI(t, r.args...)
			all = out + errOut
		}
		if strings.TrimSpace(all) == "" {
			t.Errorf("%v printed nothing", r.args)
		}
		for _, f := range fragments {
			if strings.Contains(all, f) {
				t.Errorf("%v printed English %q:\n%s", r.args, f, all)
				break
			}
		}
		for _, w := range r.want {
			if !strings.Contains(all, w) {
				t.Errorf("%v lacks %q:\n%s", r.args, w, all)
			}
		}
	}
}

// twoWayData gives the outbox what listening brings: a customer's refusal
// by reply (an opt-out of commercial SMS), another's reply that names her,
// a bounced address, and a cached İYS answer about her.
func twoWayData(t *testing.T, d *connector.Daemon) {
	t.Helper()
	ctx := context.Background()
	s, now := d.Store(), time.Now()
	refuses := func(r outbox.NewReply) *outbox.Refusal {
		if r.Text != "RET" {
			return nil
		}
		return &outbox.Refusal{OptOut: outbox.OptOutEntry{Channel: "sms", Scope: outbox.ScopeCommercial, Source: outbox.SourceReply}}
	}
	if _, err := s.StoreReplies(ctx, outbox.ReplyBatch{Classify: refuses, Replies: []outbox.NewReply{
		{Channel: "sms", Provider: "netgsm", From: "+905321234567", Text: "RET", At: now.Add(-time.Hour), Key: "1"},
		{Channel: "sms", Provider: "netgsm", From: "+905339998877", Text: "Annem 0532 123 45 67 de listeden çıkmak istiyor", At: now.Add(-30 * time.Minute), Key: "2"},
		{Channel: "whatsapp", Provider: "whatsapp_cloud", From: "+905339998877", Text: "Teşekkürler", At: now.Add(-10 * time.Minute), Key: "3"},
	}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddOptOut(ctx, outbox.OptOutEntry{Recipient: "kargo@ornek.com.tr", Channel: outbox.EveryChannel, Scope: outbox.ScopeAll,
		Source: outbox.SourceBounce}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveConsent(ctx, outbox.Consent{Recipient: "+905321234567", Type: "MESAJ", RecipientType: "BIREYSEL", Status: "ONAY",
		ConsentDate: "2025-03-01 10:00:00", Source: "HS_WEB", Checked: now}); err != nil {
		t.Fatal(err)
	}
}

// demoWithStatements is the demo's database and config, whose jobs include the
// statement presets.
func demoWithStatements(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, demo.ConfigYAML(), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
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

// A help text with a placeholder left in it ("{flag} ile: …") tells the
// dealer nothing, and on the one flag that warns of a second send.
func TestHelpHasNoPlaceholderLeft(t *testing.T) {
	hole := regexp.MustCompile(`\{[a-z_]+(:[a-z]+)?\}`)
	for _, lang := range []string{"tr", "en"} {
		root, _ := newRoot([]string{"--lang", lang})
		var walk func(c *cobra.Command)
		walk = func(c *cobra.Command) {
			texts := []string{c.Short, c.Long}
			c.LocalFlags().VisitAll(func(f *pflag.Flag) { texts = append(texts, f.Usage) })
			for _, s := range texts {
				// {year} is the config's own placeholder, quoted on purpose.
				if h := hole.FindString(strings.ReplaceAll(s, erp.YearPlaceholder, "")); h != "" {
					t.Errorf("%s: %q has %s unfilled: %s", lang, c.CommandPath(), h, s)
				}
			}
			for _, sub := range c.Commands() {
				walk(sub)
			}
		}
		walk(root)
	}
}

// Every flag's default is said once, in the language of the help: the
// library's "(default …)" must neither follow a default the flag's own
// text states nor stay English in a Turkish help. Each command's help is
// read as a person gets it, in Turkish by default and with --lang.
func TestHelpSaysEachDefaultOnce(t *testing.T) {
	noLocale(t)
	paths := helpPaths(t)
	langs := []struct {
		args          []string
		mark, foreign string
	}{
		{nil, "(varsayılan", "(default"},
		{[]string{"--lang", "tr"}, "(varsayılan", "(default"},
		{[]string{"--lang", "en"}, "(default", "(varsayılan"},
	}
	for _, l := range langs {
		for _, path := range paths {
			args := append(append(slices.Clone(l.args), path...), "--help")
			code, out, errOut := runCLI(t, args...)
			if code != exitOK {
				t.Errorf("%q: exit %d: %s", args, code, errOut)
			}
			for _, line := range strings.Split(out, "\n") {
				if n := strings.Count(line, l.mark); n > 1 || strings.Contains(line, l.foreign) {
					t.Errorf("%q: a default said %d times or in the other language:\n%s", args, n, line)
				}
			}
		}
	}
	// A default the library states and one the flag's text states, each once.
	for _, tc := range []struct {
		args []string
		flag string
		want string
	}{
		{[]string{"messages", "list"}, "--limit sayı", "(varsayılan: 100)"},
		{[]string{"messages", "list"}, "--since süre", "(varsayılan: hepsi)"},
		{[]string{"messages", "retry"}, "--since süre", "(varsayılan: hepsi)"},
		{[]string{"audit"}, "--since süre", "(varsayılan: 1d)"},
		{[]string{"--lang", "en", "messages", "list"}, "--since duration", "(default: all)"},
		{[]string{"--lang", "en", "messages", "list"}, "--limit int", "(default 100)"},
	} {
		_, out, _ := runCLI(t, append(tc.args, "--help")...)
		var line string
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, tc.flag) {
				line = l
			}
		}
		if !strings.HasSuffix(line, tc.want) {
			t.Errorf("%q: the %s line does not end in %q: %q", tc.args, tc.flag, tc.want, line)
		}
	}
}

// helpPaths are the words of every command shown in the help, the root's
// (none) first.
func helpPaths(t *testing.T) [][]string {
	t.Helper()
	root, g := newRoot(nil)
	localizeCompletion(root, g)
	var paths [][]string
	var walk func(c *cobra.Command, path []string)
	walk = func(c *cobra.Command, path []string) {
		paths = append(paths, path)
		for _, sub := range c.Commands() {
			if !sub.Hidden {
				walk(sub, append(slices.Clone(path), sub.Name()))
			}
		}
	}
	walk(root, nil)
	if len(paths) < 40 {
		t.Fatalf("only %d commands found", len(paths))
	}
	return paths
}

// A Turkish help names what each flag takes in Turkish ("--since süre",
// "--config dosya"), not by the library's English type names, and keeps
// the flags' texts in one column although "süre" is longer in bytes than
// in letters. English keeps the library's words.
func TestHelpNamesFlagValuesInTurkish(t *testing.T) {
	noLocale(t)
	flag := regexp.MustCompile(`^( +(?:-\S, )?--(\S+)(?: (\S+))?  +)\S`)
	english := map[string]bool{"string": true, "strings": true, "stringArray": true, "int": true, "duration": true}
	var named int
	for _, path := range helpPaths(t) {
		_, out, _ := runCLI(t, append(path, "--help")...)
		col := -1 // the texts' column in the current block of flags
		for _, line := range strings.Split(out, "\n") {
			m := flag.FindStringSubmatch(line)
			if m == nil {
				col = -1
				continue
			}
			if english[m[3]] {
				t.Errorf("%q: --%s takes %q, an English word:\n%s", path, m[2], m[3], line)
			}
			if m[3] != "" {
				named++
			}
			at := utf8.RuneCountInString(m[1])
			if col >= 0 && at != col {
				t.Errorf("%q: the text of --%s starts at column %d, the others' at %d:\n%s", path, m[2], at, col, out)
			}
			col = at
		}
	}
	if named < 40 {
		t.Fatalf("only %d flags with a value word found: the test reads no help", named)
	}
	_, out, _ := runCLI(t, "--lang", "en", "messages", "list", "--help")
	if !strings.Contains(out, "--since duration") || !strings.Contains(out, "--config string") {
		t.Errorf("the English help lost the library's words:\n%s", out)
	}
	_, out, _ = runCLI(t, "init", "--help")
	for _, w := range []string{"--config dosya", "--state-dir klasör", "--search klasör", "--ca-file dosya", "--driver metin"} {
		if !strings.Contains(out, w) {
			t.Errorf("the Turkish help of init lacks %q:\n%s", w, out)
		}
	}
}

// What a command takes after its name is in the help's language too: the
// Turkish usage line reads "forget TELEFON|E-POSTA", as README.tr.md writes
// "messages retry NO", and the English one keeps the library's style.
func TestUsageLinesNameTheirArgumentsInTheHelpsLanguage(t *testing.T) {
	noLocale(t)
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"forget", "--help"}, "akinsoft-connector forget TELEFON|E-POSTA [seçenekler]"},
		{[]string{"optout", "add", "--help"}, "akinsoft-connector optout add TELEFON|E-POSTA [seçenekler]"},
		{[]string{"secrets", "delete", "--help"}, "akinsoft-connector secrets delete AD [seçenekler]"},
		{[]string{"messages", "retry", "--help"}, "akinsoft-connector messages retry NO... | retry --all-failed"},
		{[]string{"admin", "token", "create", "--help"}, "akinsoft-connector admin token create AD [seçenekler]"},
		{[]string{"--lang", "en", "forget", "--help"}, "akinsoft-connector forget PHONE|EMAIL [flags]"},
		{[]string{"--lang", "en", "messages", "cancel", "--help"}, "akinsoft-connector messages cancel ID... [flags]"},
	}
	for _, tc := range cases {
		code, out, errOut := runCLI(t, tc.args...)
		if code != exitOK || !strings.Contains(out, tc.want) {
			t.Errorf("%q: exit %d, want %q:\n%s%s", tc.args, code, tc.want, out, errOut)
		}
	}
}

// messages list's example names the state in the help's language, as
// README.tr.md does (the list takes either language's name).
func TestMessagesListExampleInTurkish(t *testing.T) {
	noLocale(t)
	code, out, errOut := runCLI(t, "messages", "list", "--help")
	if code != exitOK || !strings.Contains(out, "akinsoft-connector messages list --status başarısız --since 24h") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
}
