package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// oldWolvoxFixture is the demo database of a Wolvox without CARI.TEL2,
// CARI.SILINDI and FATURA.EFATURA_PDF_URL, and a config over it.
func oldWolvoxFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	if err := demo.CreateDB(context.Background(), path); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE CARI DROP COLUMN TEL2`, `ALTER TABLE CARI DROP COLUMN SILINDI`, `ALTER TABLE FATURA DROP COLUMN EFATURA_PDF_URL`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(`quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console, rate: 100/s}}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    backfill: all
    messages: {sms: {text: "{{.FATURA_NO}}{{if .EFATURA_PDF_URL}} {{.EFATURA_PDF_URL}}{{end}} {{.TEL2}}"}}
  - name: new-customers
    preset: new_customers
    schedule: "@every 1m"
    messages: {sms: {text: "Hoş geldiniz {{.MUSTERI_ADI}}"}}
`), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// Such a database is not refused: check counts the rows, names the absent
// columns per job and database, and passes.
func TestCheckAcceptsDatabaseWithoutOptionalColumns(t *testing.T) {
	code, out, errOut := runEN(t, "check", "--config", oldWolvoxFixture(t))
	if code != exitOK {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"job new-invoices: demo: 26 row(s) for the next run",
		"job new-invoices: demo: warning: the database lacks CARI.TEL2, FATURA.EFATURA_PDF_URL, optional for this preset: they are read as empty (NULL)",
		"job new-customers: demo: 0 row(s) for the next run",
		"job new-customers: demo: warning: the database lacks CARI.SILINDI, CARI.TEL2, optional for this preset",
		": OK",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
}

// render shows real rows of such a database, the absent columns empty.
func TestRenderDatabaseWithoutOptionalColumns(t *testing.T) {
	code, out, errOut := runEN(t, "render", "--config", oldWolvoxFixture(t), "--job", "new-invoices", "--key", "101")
	if code != exitOK {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	for _, want := range []string{"warning: source demo: the database lacks CARI.TEL2, FATURA.EFATURA_PDF_URL", "text:\n    2024-101\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("render output lacks %q:\n%s", want, out)
		}
	}
}

// check refuses a commercial job whose text does not say how to refuse,
// naming the template's line and column, and the config-problem exit code.
func TestCheckRefusesCommercialTextWithoutRefusal(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(`sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console}}
commercial: {sender_identity: ["ABC Mağazacılık"]}
jobs:
  - name: birthdays
    preset: birthdays
    schedule: "0 10 * * *"
    kind: commercial
    messages:
      sms:
        text: "ABC Mağazacılık: doğum gününüz kutlu olsun {{.MUSTERI_ADI}}!"
`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "--lang", "en", "check", "--offline", "--config", cfg)
	if code != exitConfig || !strings.Contains(out, "config.yaml:11:15: jobs[0].messages.sms.text: a commercial message must say how to refuse it") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
}

// A job whose query names a column the database lacks: check says so in
// Turkish before the driver's words, at the job's sql: in the file (SQLite
// names no place inside the query), and fails.
func TestCheckTellsAMissingColumnInTurkish(t *testing.T) {
	cfg := oldWolvoxFixture(t)
	b, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, []byte(`  - name: telefonlar
    sql: "SELECT BLKODU, TEL9 FROM CARI"
    key: BLKODU
    schedule: "@every 1m"
    messages: {sms: {to: [TEL9], text: "{{.TEL9}}"}}
`)...)
	if err := os.WriteFile(cfg, b, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "--lang", "tr", "check", "--config", cfg)
	if code == exitOK || !strings.Contains(out, "config.yaml:15:10: jobs[2].sql: kaynak demo görevin SELECT sorgusunu kabul etmedi: sorgudaki bir tablo ya da sütun veritabanında yok (") ||
		!strings.Contains(out, "no such column: TEL9") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
}

// A status page run would leave off (reachable from other computers, no
// admin password yet) is a problem check reports, with what to do; once the
// password is set check passes. run only logs it and starts without the page.
func TestCheckTellsAStatusPageRunWouldLeaveOff(t *testing.T) {
	cfg := demoConfigFile(t, strings.Replace(demoConfig("x"), `status: {listen: "127.0.0.1:0"}`, `status: {listen: "0.0.0.0:0", allow_remote: true}`, 1))
	code, out, errOut := runEN(t, "check", "--offline", "--config", cfg)
	if code != exitConfig || !strings.Contains(out, "status page: run would leave it off") || !strings.Contains(out, "needs a password") {
		t.Fatalf("exit %d, want %d and the status page's problem:\n%s%s", code, exitConfig, out, errOut)
	}
	if code, out := runWithStdin(t, "yeni-parola-2026\n", "admin", "set-password", "--config", cfg); code != 0 {
		t.Fatalf("set-password: %s", out)
	}
	if code, out, errOut := runEN(t, "check", "--offline", "--config", cfg); code != exitOK || strings.Contains(out, "status page") {
		t.Fatalf("after set-password: exit %d:\n%s%s", code, out, errOut)
	}
}

// A database that does not answer is a runtime failure (exit 1, README's
// "Exit codes"), and check does not blame the config file for it.
func TestCheckExitsOneWhenTheDatabaseDoesNotAnswer(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.yaml")
	t.Setenv("AC_TEST_DB_PASSWORD", "canary-Zx81")
	body := `state_dir: ` + filepath.Join(dir, "state") + `
status: {disabled: true}
sources: [{name: merkez, driver: firebird, host: 127.0.0.1, port: 1, database: /x/WOLVOX.FDB, user: SYSDBA, password: "${env:AC_TEST_DB_PASSWORD}"}]
channels: {sms: {provider: console}}
jobs:
  - name: yeni
    preset: new_invoices
    schedule: "@every 5m"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runEN(t, "check", "--config", cfg)
	if code != exitFailure || !strings.Contains(errOut, "not one of the config file") || strings.Contains(errOut, cfg) {
		t.Fatalf("exit %d, want %d and a connection problem:\n%s%s", code, exitFailure, out, errOut)
	}
}

// A disabled job is told as such, not with a next run it will not have.
func TestCheckTellsADisabledJob(t *testing.T) {
	cfg := demoConfigFile(t, strings.Replace(demoConfig("x"), "    backfill: all\n", "    backfill: all\n    disabled: true\n", 1))
	code, out, errOut := runEN(t, "check", "--offline", "--config", cfg)
	if code != exitOK || !strings.Contains(out, `schedule "@every 1s" (next never: the job is disabled (disabled: true))`) {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
}

// A column the record lacks is a problem of the file, said at the line and
// column the dealer typed it, with the record's columns, for a preset's
// sample and for a query's newest row; offline, a query's templates are only
// parsed, and check says so.
func TestCheckPlacesAColumnTheRecordLacks(t *testing.T) {
	body := strings.Replace(demoConfig("x"), "{{.FATURA_NO}}", "{{.FATURA_NUMARASI}}", 1) + `  - name: cariler
    sql: "SELECT BLKODU, TICARI_UNVANI, CEP_TEL FROM CARI"
    key: BLKODU
    schedule: "@every 1m"
    messages:
      sms:
        to: [CEP_TEL]
        text: >-
          Sayın {{.TICARI_UNVANI}},
          hesabınız {{.BAKIYE}} TL.
`
	if !strings.Contains(body, "FATURA_NUMARASI") {
		t.Fatal("the demo config has no {{.FATURA_NO}} to misspell")
	}
	cfg := demoConfigFile(t, body)
	code, out, errOut := runCLI(t, "--lang", "tr", "check", "--config", cfg)
	lines := strings.Split(string(mustReadFile(t, cfg)), "\n")
	at := func(s string) string {
		for i, l := range lines {
			if j := strings.Index(l, s); j >= 0 {
				return fmt.Sprintf("%s:%d:%d: ", cfg, i+1, utf8.RuneCountInString(l[:j])+1) // columns count letters
			}
		}
		t.Fatalf("%q is not in the file", s)
		return ""
	}
	for _, want := range []string{
		at(".FATURA_NUMARASI") + `jobs[0].messages.sms.text: şablondaki "FATURA_NUMARASI" sütunu kayıtta yok (ipucu: kayıttaki sütunlar: `,
		at(".BAKIYE") + `jobs[1].messages.sms.text: şablondaki "BAKIYE" sütunu kayıtta yok (ipucu: kayıttaki sütunlar: BLKODU, CEP_TEL, TICARI_UNVANI)`,
	} {
		if code != exitConfig || !strings.Contains(out, want) {
			t.Fatalf("exit %d, want %d and\n%s\nin:\n%s%s", code, exitConfig, want, out, errOut)
		}
	}
	if !strings.Contains(errOut, "2 sorun") {
		t.Errorf("the summary does not count both: %s", errOut)
	}
	code, out, errOut = runCLI(t, "--lang", "tr", "check", "--offline", "--config", cfg)
	if code != exitConfig || strings.Contains(out, "BAKIYE") || !strings.Contains(out, "şablonlar yalnızca söz dizimi için denetlendi") {
		t.Fatalf("offline: exit %d:\n%s%s", code, out, errOut)
	}
}

func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// demoConfigFile writes body, with its state folder beside it, into a new
// folder holding the demo database, and returns the config's path.
func demoConfigFile(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("state_dir: state\n"+body), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// readmeCheckSample is the broken file both READMEs show check's report
// of: a three-field schedule on line 11, a misspelt quiet_hours on line 15.
const readmeCheckSample = `sources:
  - name: merkez
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: console
jobs:
  - name: a
    preset: new_invoices
    schedule: "*/5 * *"
    messages:
      sms:
        text: hi
quite_hours:
  start: "22:00"
`

// The check samples of README.md and README.tr.md are what check prints
// for readmeCheckSample, its path given as the sample's command gives it.
func TestREADMECheckSamplesAreReal(t *testing.T) {
	cfg := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfg, []byte(readmeCheckSample), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ readme, lang, prompt, path string }{
		{"README.md", "en", "$ akinsoft-connector --lang en check --config ", "/etc/akinsoft-connector/config.yaml"},
		{"README.tr.md", "tr", "> akinsoft-connector check --config ", `C:\ProgramData\AkinsoftConnector\config.yaml`},
	} {
		text, err := os.ReadFile(filepath.Join("..", "..", c.readme))
		if err != nil {
			t.Fatal(err)
		}
		start := strings.Index(string(text), "```\n"+c.prompt+c.path+"\n")
		if start < 0 {
			t.Errorf("%s has no check sample starting %q", c.readme, c.prompt+c.path)
			continue
		}
		block := string(text[start+len("```\n"):])
		block = block[strings.Index(block, "\n")+1 : strings.Index(block, "```")]
		code, out, errOut := runCLI(t, "--lang", c.lang, "check", "--config", cfg)
		if got := strings.ReplaceAll(out+errOut, cfg, c.path); code != exitConfig || got != block {
			t.Errorf("%s's check sample is not what check prints (exit %d):\nREADME:\n%s\ncheck:\n%s", c.readme, code, block, got)
		}
	}
}

// A {year} SQLite source whose folder for this year does not exist yet, as
// a new year's Wolvox database before the shop opens the year: run --once
// skips it and reads last year's, as with Firebird and SQL Server. check
// names it once and passes: in January's window as a year that may not be
// open yet, past it as a year not opened in Wolvox (many shops open it in
// February), last year's being read until it is, with what to look at if
// the year was opened. With neither year's database there is nothing to
// read past the window: a wrong path, and check refuses it.
func TestYearDatabaseNotCreatedYetIsSkipped(t *testing.T) {
	dir := t.TempDir()
	year := time.Now().In(config.DefaultLocation()).Year()
	if err := os.MkdirAll(filepath.Join(dir, "y", strconv.Itoa(year-1)), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "y", strconv.Itoa(year-1), "demo.db")); err != nil {
		t.Fatal(err)
	}
	jobs := `channels: {sms: {provider: console, rate: 1000/s}}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
  - name: own-sql
    sql: "SELECT BLKODU, FATURA_NO, CEP_TEL FROM FATURA"
    key: BLKODU
    schedule: "@every 1m"
    messages: {sms: {to: [CEP_TEL], text: "{{.FATURA_NO}}"}}
`
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte("quiet_hours: {disabled: true}\nsources: [{name: demo, driver: sqlite, database: \"y/{year}/demo.db\"}]\n"+jobs), 0o600); err != nil {
		t.Fatal(err)
	}
	this, last := fmt.Sprintf("demo@%d", year), fmt.Sprintf("demo@%d", year-1)
	path := filepath.Join(dir, "y", strconv.Itoa(year), "demo.db")
	january := len(erp.Years(time.Now().In(config.DefaultLocation()), config.DefaultYearGrace.Std())) > 1
	code, out, errOut := runEN(t, "check", "--config", cfg)
	said := fmt.Sprintf("%s: not read: %s does not exist yet; it is read once the year %d is opened in Wolvox, and until then %s is read", this, path, year, last)
	if !january {
		said = fmt.Sprintf("%s: not read: %s does not exist. The year %d seems not to be opened in Wolvox: until it is, %s goes on being read and nothing is lost", this, path, year, last)
	}
	if code != exitOK || strings.Count(out, said) != 1 || strings.Count(out, this+": not read") != 1 {
		t.Errorf("check: exit %d, want 0 and, once,\n%s\n%s\n%s", code, said, out, errOut)
	}
	if !strings.Contains(out, "job new-invoices: "+last+": ") || !strings.Contains(out, "job own-sql: "+last+": ") {
		t.Errorf("check counts no row to read in %s:\n%s", last, out)
	}
	code, out, errOut = runCLI(t, "--lang", "tr", "check", "--config", cfg)
	tr := fmt.Sprintf("Wolvox'ta %d yılı açılınca okunur, o zamana dek %s okunur", year, last)
	if !january {
		tr = fmt.Sprintf("Wolvox'ta %d yılı açılmamış görünüyor: açılana dek %s okunmaya devam eder ve bir şey kaybolmaz", year, last)
	}
	if code != exitOK || !strings.Contains(out, tr) {
		t.Errorf("check in Turkish: exit %d, want\n%s\n%s\n%s", code, tr, out, errOut)
	}
	if code, out, errOut = runEN(t, "run", "--once", "--config", cfg); code != exitOK || strings.Contains(out+errOut, "failed") {
		t.Errorf("run --once: exit %d, want 0:\n%s\n%s", code, out, errOut)
	}
	// render reads the newest database there is: last year's.
	if code, out, errOut = runEN(t, "render", "--config", cfg, "--job", "new-invoices", "--limit", "1"); code != exitOK || !strings.Contains(out, last) {
		t.Errorf("render: exit %d, want 0 and a row of %s:\n%s\n%s", code, last, out, errOut)
	}

	// Neither year's database: nothing to read.
	if err := os.WriteFile(cfg, []byte("quiet_hours: {disabled: true}\nsources: [{name: demo, driver: sqlite, database: \"z/{year}/demo.db\"}]\n"+jobs), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut = runEN(t, "check", "--config", cfg)
	if january && code != exitOK || !january && (code != exitConfig || strings.Count(out, "database file "+filepath.Join(dir, "z", strconv.Itoa(year), "demo.db")) != 1) {
		t.Errorf("check, neither database (January %v): exit %d, want the missing database said once:\n%s\n%s", january, code, out, errOut)
	}
}

// The dealer's walkthrough: a new_invoices text with {{longdate .VADESI}}
// and no {{with}}. The preset's sample has a due date, but a cash sale has
// none, and run skips every such invoice; check refuses the text first,
// online and offline, at its place in the file, in Turkish, with the fix.
// Guarded, the same text passes without a word about NULL; and the skip run
// gives a row without a due date names the column, Turkish first.
func TestCheckRefusesATemplateANullColumnBreaks(t *testing.T) {
	body := strings.Replace(demoConfig("x"), "x {{.FATURA_NO}}", "Son ödeme: {{longdate .VADESI}}", 1)
	cfg := demoConfigFile(t, body)
	lines := strings.Split(string(mustReadFile(t, cfg)), "\n")
	at := func(s string) string {
		for i, l := range lines {
			if j := strings.Index(l, s); j >= 0 {
				return fmt.Sprintf("%s:%d:%d: ", cfg, i+1, utf8.RuneCountInString(l[:j])+1)
			}
		}
		t.Fatalf("%q is not in the file", s)
		return ""
	}
	want := at(".VADESI") + "jobs[0].messages.sms.text: VADESI sütunu boş (NULL) olan satırlarda longdate çalışmaz: " +
		"run bu satırları göndermeden atlar (ipucu: {{with .VADESI}}…{{end}} ile sarın ya da default ile bir değer verin: " +
		"hazır sorgunun isteğe bağlı sütunları kimi satırlarda boştur)"
	for _, offline := range []bool{false, true} {
		args := []string{"--lang", "tr", "check", "--config", cfg}
		if offline {
			args = append(args, "--offline")
		}
		code, out, errOut := runCLI(t, args...)
		if code != exitConfig || !strings.Contains(out, want+"\n") || !strings.Contains(errOut, "1 sorun") {
			t.Fatalf("offline %v: exit %d, want %d and\n%s\nin:\n%s%s", offline, code, exitConfig, want, out, errOut)
		}
	}
	// In English too.
	code, out, _ := runCLI(t, "--lang", "en", "check", "--offline", "--config", cfg)
	if wantEN := "jobs[0].messages.sms.text: longdate fails on rows whose VADESI is empty (NULL): run would skip those rows, not send them (hint: wrap it with {{with .VADESI}}…{{end}} or give it a value with default"; code != exitConfig || !strings.Contains(out, wantEN) {
		t.Errorf("en: exit %d, want\n%s\nin:\n%s", code, wantEN, out)
	}

	// A due date used guarded first and bare after is said at the bare one.
	both := strings.Replace(body, "Son ödeme: {{longdate .VADESI}}", "{{with .VADESI}}Vade var. {{end}}Son ödeme: {{date .VADESI}}", 1)
	bothCfg := demoConfigFile(t, both)
	code, out, errOut := runCLI(t, "--lang", "tr", "check", "--offline", "--config", bothCfg)
	l := string(mustReadFile(t, bothCfg))
	line := strings.Count(l[:strings.Index(l, "Son ödeme: {{date .VADESI")], "\n") + 1
	lineText := strings.Split(l, "\n")[line-1]
	col := utf8.RuneCountInString(lineText[:strings.Index(lineText, "{{date .VADESI")]) + len("{{date ") + 1
	if wantAt := fmt.Sprintf("%s:%d:%d: jobs[0].messages.sms.text: VADESI sütunu boş (NULL) olan satırlarda date çalışmaz", bothCfg, line, col); code != exitConfig || !strings.Contains(out, wantAt) {
		t.Errorf("guarded then bare: exit %d, want\n%s\nin:\n%s%s", code, wantAt, out, errOut)
	}

	for _, fixed := range []string{
		"{{with .VADESI}}Son ödeme: {{longdate .}}{{end}}",
		"Son ödeme: {{longdate (default .TARIHI .VADESI)}}",
	} {
		okCfg := demoConfigFile(t, strings.Replace(body, "Son ödeme: {{longdate .VADESI}}", fixed, 1))
		code, out, errOut := runCLI(t, "--lang", "tr", "check", "--config", okCfg)
		if code != exitOK || strings.Contains(out, "NULL") || strings.Contains(out, "uyarı") {
			t.Errorf("%s: exit %d, want %d and no word of NULL:\n%s%s", fixed, code, exitOK, out, errOut)
		}
	}

	// A WhatsApp parameter a NULL column leaves empty stays a warning, as
	// for the sample: the row is skipped or falls back, the template is right.
	wa := strings.Replace(body, "channels: {sms: {provider: console, rate: 100/s}}",
		"channels: {sms: {provider: console, rate: 100/s}, whatsapp: {provider: console}}", 1)
	wa = strings.Replace(wa, `messages: {sms: {text: "Son ödeme: {{longdate .VADESI}}"}}`,
		`messages: {whatsapp: {template: fatura, language: tr, body: [{value: "{{.ADI}}"}]}}`, 1)
	if !strings.Contains(wa, "whatsapp: {template") {
		t.Fatal("the WhatsApp job was not written")
	}
	code, out, errOut = runCLI(t, "--lang", "tr", "check", "--offline", "--config", demoConfigFile(t, wa))
	if code != exitOK || !strings.Contains(out, "  whatsapp ADI boş örnek: uyarı: WhatsApp şablonunun gövde parametresi 1 boş çıktı") {
		t.Errorf("an empty WhatsApp parameter: exit %d, want %d and a warning:\n%s%s", code, exitOK, out, errOut)
	}

	// A cash sale: run skips it, and says why in Turkish with the column.
	db, err := sql.Open("sqlite", filepath.Join(filepath.Dir(cfg), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`UPDATE FATURA SET VADESI = NULL`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if code, out, errOut := runCLI(t, "--lang", "tr", "run", "--once", "--config", cfg); code != exitOK {
		t.Fatalf("run --once: exit %d\n%s%s", code, out, errOut)
	}
	var skipped []struct {
		Reason   string `json:"reason"`
		ReasonTR string `json:"reason_tr"`
	}
	decodeJSON(t, &skipped, "messages", "list", "--json", "--status", "skipped", "--config", cfg)
	const tr = "şablon çalışmadı: new-invoices.sms.text şablonunun 1. satırı, 14. karakteri: bu satırda VADESI boş (NULL) ve longdate boş değeri yazamaz; {{with .VADESI}}…{{end}} ile sarın ya da default ile bir değer verin"
	n := 0
	for _, m := range skipped {
		if m.ReasonTR == tr {
			n++
		}
		if strings.Contains(m.Reason+m.ReasonTR, "error calling") {
			t.Errorf("a skip in the template engine's words: %q / %q", m.Reason, m.ReasonTR)
		}
	}
	if n == 0 {
		t.Errorf("no invoice was skipped with\n%s\namong %+v", tr, skipped)
	}
}

// Last year's database may be missing (the shop began with this year), and
// this year's in January's window; this year's past it is a wrong path.
func TestYearMayBeMissing(t *testing.T) {
	cfg, err := config.Parse("/etc/ac/config.yaml", []byte(`sources: [{name: merkez, driver: sqlite, database: "y/{year}/w.db"}]
channels: {sms: {provider: console}}
jobs: [{name: j, preset: new_invoices, schedule: "@every 1m", messages: {sms: {}}}]
`), config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ist := config.DefaultLocation()
	for _, tc := range []struct {
		source string
		at     time.Time
		may    bool
	}{
		{"merkez@2027", time.Date(2027, 1, 5, 10, 0, 0, 0, ist), true},
		{"merkez@2026", time.Date(2027, 1, 5, 10, 0, 0, 0, ist), true},
		{"merkez@2027", time.Date(2027, 3, 1, 10, 0, 0, 0, ist), false},
		{"merkez", time.Date(2027, 3, 1, 10, 0, 0, 0, ist), false},
	} {
		if got := yearMayBeMissing(cfg, tc.source, tc.at); got != tc.may {
			t.Errorf("%s at %s: %v, want %v", tc.source, tc.at.Format("2006-01-02"), got, tc.may)
		}
	}
}

// The dealer's walkthrough: money given a text column (FATURA_NO holds
// "2024-117"), in a preset job and in a sql: job. check refuses both at the
// template's reference to the column, Turkish first, naming the helper and
// the value's kind and not the value, with the fix, as it refuses a NULL;
// and run skips the same rows with a reason that says the same, never in
// the template engine's English.
func TestCheckRefusesAHelperGivenAnotherKind(t *testing.T) {
	body := strings.Replace(demoConfig("x"), "x {{.FATURA_NO}}", "Tutar: {{money .FATURA_NO}}", 1) + `  - name: own-sql
    sql: "SELECT BLKODU, FATURA_NO, CEP_TEL FROM FATURA"
    key: BLKODU
    schedule: "@every 1m"
    backfill: all
    messages: {sms: {to: [CEP_TEL], text: "Fatura {{number .FATURA_NO}}"}}
`
	cfg := demoConfigFile(t, body)
	lines := strings.Split(string(mustReadFile(t, cfg)), "\n")
	// at is where the column is read in the line with the action.
	at := func(action string) string {
		for i, l := range lines {
			if j := strings.Index(l, action); j >= 0 {
				j += strings.Index(action, ".FATURA_NO")
				return fmt.Sprintf("%s:%d:%d: ", cfg, i+1, utf8.RuneCountInString(l[:j])+1)
			}
		}
		t.Fatalf("%q is not in the file", action)
		return ""
	}
	const hintTR = "(ipucu: sql'de sayı tutan sütunu seçin ya da CAST ile sayıya çevirin (ör. CAST(TUTAR AS NUMERIC(18,2))), veya sayı tutan başka bir alan kullanın)"
	preset := at("{{money .FATURA_NO}}") + "jobs[0].messages.sms.text: FATURA_NO sütunu sayı değil, metin: money onu yazamaz ve run bu satırları göndermeden atlar " + hintTR
	own := at("{{number .FATURA_NO}}") + "jobs[1].messages.sms.text: FATURA_NO sütunu sayı değil, metin: number onu yazamaz ve run bu satırları göndermeden atlar " + hintTR
	code, out, errOut := runCLI(t, "--lang", "tr", "check", "--config", cfg)
	if code != exitConfig || !strings.Contains(errOut, "2 sorun") {
		t.Errorf("check: exit %d, want %d and 2 problems:\n%s%s", code, exitConfig, out, errOut)
	}
	for _, want := range []string{preset, own} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("check does not say\n%s\nin:\n%s", want, out)
		}
	}
	if strings.Contains(out, "error calling") || strings.Contains(out, "2024-") {
		t.Errorf("check says the engine's words or a row's value:\n%s", out)
	}
	// Offline, the preset's sample still shows it; the sql: job has no row.
	if code, out, _ := runCLI(t, "--lang", "tr", "check", "--offline", "--config", cfg); code != exitConfig || !strings.Contains(out, preset+"\n") {
		t.Errorf("check --offline: exit %d, want %d and\n%s\nin:\n%s", code, exitConfig, preset, out)
	}
	if code, out, _ := runEN(t, "check", "--offline", "--config", cfg); code != exitConfig ||
		!strings.Contains(out, "jobs[0].messages.sms.text: FATURA_NO is text, not a number: money cannot write it, and run would skip those rows, not send them (hint: select a numeric column in the sql") {
		t.Errorf("check in English: exit %d:\n%s", code, out)
	}

	// run skips every invoice of both jobs, and says why, Turkish first.
	if code, out, errOut := runCLI(t, "--lang", "tr", "run", "--once", "--config", cfg); code != exitOK {
		t.Fatalf("run --once: exit %d\n%s%s", code, out, errOut)
	}
	var skipped []struct {
		Job      string `json:"job"`
		Reason   string `json:"reason"`
		ReasonTR string `json:"reason_tr"`
	}
	decodeJSON(t, &skipped, "messages", "list", "--json", "--status", "skipped", "--config", cfg)
	want := map[string]string{
		"şablon çalışmadı: new-invoices.sms.text şablonunun 1. satırı, 10. karakteri: bu satırda FATURA_NO sayı değil, metin; money yalnızca sayı yazar: sql'de sayı tutan sütunu seçin ya da CAST ile sayıya çevirin, veya başka bir alan kullanın": "template failed: new-invoices.sms.text line 1 char 10: FATURA_NO is not a number in this row but text; money writes only numbers: select a numeric column in the sql or CAST it to a number, or use another field",
		"şablon çalışmadı: own-sql.sms.text şablonunun 1. satırı, 10. karakteri: bu satırda FATURA_NO sayı değil, metin; number yalnızca sayı yazar: sql'de sayı tutan sütunu seçin ya da CAST ile sayıya çevirin, veya başka bir alan kullanın":     "template failed: own-sql.sms.text line 1 char 10: FATURA_NO is not a number in this row but text; number writes only numbers: select a numeric column in the sql or CAST it to a number, or use another field",
	}
	seen := map[string]int{}
	for _, m := range skipped {
		if en, ok := want[m.ReasonTR]; ok && m.Reason == en {
			seen[m.ReasonTR]++
		}
		if strings.Contains(m.Reason+m.ReasonTR, "error calling") || strings.Contains(m.Reason+m.ReasonTR, "2024-") {
			t.Errorf("a skip in the engine's words or with the value: %q / %q", m.Reason, m.ReasonTR)
		}
	}
	for tr := range want {
		if seen[tr] == 0 {
			t.Errorf("no invoice was skipped with\n%s\namong %+v", tr, skipped)
		}
	}
}

// A statement job that writes to the customer's contacts too (recipients:
// both) renders its messages for each, but they get the one statement: its
// movements, with each column NULL, are shown once, not again under
// "yetkililer:". The sample's own movements come first, under the PDF's
// column headers, so a NULL's change is read against them; the PDF each
// e-mail carries is named.
func TestCheckShowsAStatementOnce(t *testing.T) {
	cfg := demoConfigFile(t, `quiet_hours: {disabled: true}
status: {listen: "127.0.0.1:0"}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console, rate: 100/s}, email: {provider: console}}
jobs:
  - name: ekstre
    preset: account_statements
    schedule: "0 9 1 * *"
    recipients: both
    statement: {period: month}
    messages: {email: {}, sms: {}}
`)
	for _, offline := range []bool{true, false} {
		args := []string{"--lang", "tr", "check", "--config", cfg}
		if offline {
			args = append(args, "--offline")
		}
		code, out, errOut := runCLI(t, args...)
		if code != exitOK {
			t.Fatalf("offline %v: exit %d\n%s%s", offline, code, out, errOut)
		}
		for _, once := range []string{
			"  ekstre sütunları (PDF'teki gibi): Tarih | Evrak No | Açıklama | Vade | Borç | Alacak | Bakiye; bakiyedeki (B) borç, (A) alacak bakiyesidir\n" +
				"  ekstre örneği, 1. hareket: 11.11.2026 | 2024-120 | Kasım siparişi | 11.12.2026 | 2.100,00 TL | – | 3.350,00 TL (B)\n" +
				"  ekstre örneği, 2. hareket: 20.11.2026 | TAH-2026-001 | Havale ile ödeme | 20.11.2026 | – | 1.250,00 TL | 2.100,00 TL (B)\n" +
				"  ekstre hareketlerinde BORC boş örnek, 1. hareket: 11.11.2026 | 2024-120 | Kasım siparişi | 11.12.2026 | – | – | 1.250,00 TL (B)\n",
			"  ekstre hareketlerinde VADESI boş örnek, 1. hareket: ",
			"  ekstre örneği, 1. hareket: ",
		} {
			if n := strings.Count(out, once); n != 1 {
				t.Errorf("offline %v: %q said %d times, want once:\n%s", offline, once, n, out)
			}
		}
		// The contacts' own messages are theirs, and shown.
		if n := strings.Count(out, "    ek: Hesap Ekstresi 120.01.012 01.11.2026-30.11.2026.pdf (application/pdf, "); n != 2 {
			t.Errorf("offline %v: the PDF named %d times, want under each e-mail sample (the customer's, the contacts'):\n%s", offline, n, out)
		}
		// The e-mail's paragraphs on one line, a blank line between them
		// one space.
		for _, shown := range []string{"  sms örnek: Sayın Ayşe Yılmaz, ", "  yetkililer:\n  sms örnek: Sayın Mehmet Demir, ",
			"  email örnek: Sayın Ayşe Yılmaz, 1 Kasım 2026 - 30 Kasım 2026 dönemine ait hesap ekstreniz ektedir. Devir bakiyesi: "} {
			if !strings.Contains(out, shown) {
				t.Errorf("offline %v: check does not show\n%s\nin:\n%s", offline, shown, out)
			}
		}
	}
}

// A statement's movements may lack an amount, a due date or a description:
// check tries the sample with each of them NULL in its movements, shows the
// statement line as the PDF writes it, and refuses a template that cannot
// write such a movement at its place in the file, with the fix. run agrees:
// the same movement in the database skips that customer's statement with
// the reason check gave, and the fixed template sends it, a movement
// without a description printing nothing rather than "<no value>".
func TestCheckTriesStatementMovementsWithNulls(t *testing.T) {
	const text = "Ekstre: {{range .HAREKETLER}}[{{.ACIKLAMA}}] {{money .BORC}};{{end}}"
	body := `language: en
quiet_hours: {disabled: true}
status: {listen: "127.0.0.1:0"}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels: {sms: {provider: console, rate: 100/s}}
jobs:
  - name: ekstre
    preset: account_statements
    schedule: "0 9 1 * *"
    messages: {sms: {text: "` + text + `"}}
`
	nullDebit := func(t *testing.T, cfg string) {
		t.Helper()
		db, err := sql.Open("sqlite", filepath.Join(filepath.Dir(cfg), "demo.db"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		// Customer 2's invoice 2024-121 of last month, without its debit.
		if _, err := db.Exec(`UPDATE CARIHR SET KPB_BTUT = NULL WHERE BLKODU = 5005`); err != nil {
			t.Fatal(err)
		}
	}
	cfg := demoConfigFile(t, body)
	lines := strings.Split(string(mustReadFile(t, cfg)), "\n")
	line := slices.IndexFunc(lines, func(l string) bool { return strings.Contains(l, text) })
	col := utf8.RuneCountInString(lines[line][:strings.Index(lines[line], ".BORC")]) + 1
	want := fmt.Sprintf("%s:%d:%d: jobs[0].messages.sms.text: BORC sütunu boş (NULL) olan satırlarda money çalışmaz: run bu satırları göndermeden atlar "+
		"(ipucu: {{with .BORC}}…{{end}} ile sarın ya da default ile bir değer verin: hazır sorgunun isteğe bağlı sütunları kimi satırlarda boştur)", cfg, line+1, col)
	for _, offline := range []bool{true, false} {
		args := []string{"--lang", "tr", "check", "--config", cfg}
		if offline {
			args = append(args, "--offline")
		}
		code, out, errOut := runCLI(t, args...)
		if code != exitConfig || !strings.Contains(out, want+"\n") || !strings.Contains(errOut, "1 sorun") {
			t.Fatalf("offline %v: exit %d, want %d and\n%s\nin:\n%s%s", offline, code, exitConfig, want, out, errOut)
		}
		for _, shown := range []string{
			"  ekstre hareketlerinde BORC boş örnek, 1. hareket: 11.11.2026 | 2024-120 | Kasım siparişi | 11.12.2026 | – | – | 1.250,00 TL (B)\n",
			"  ekstre hareketlerinde VADESI boş örnek, 1. hareket: 11.11.2026 | 2024-120 | Kasım siparişi | – | 2.100,00 TL | – | 3.350,00 TL (B)\n",
			"  ekstre hareketlerinde ACIKLAMA boş örnek, 1. hareket: 11.11.2026 | 2024-120 | Satış faturası | 11.12.2026 | 2.100,00 TL | – | 3.350,00 TL (B)\n",
		} {
			if !strings.Contains(out, shown) {
				t.Errorf("offline %v: check does not show\n%s\nin:\n%s", offline, shown, out)
			}
		}
	}
	if code, out, _ := runEN(t, "check", "--offline", "--config", cfg); code != exitConfig ||
		!strings.Contains(out, "  statement sample with BORC empty in its movements, movement 1: 11.11.2026 | 2024-120 | Kasım siparişi") ||
		!strings.Contains(out, "jobs[0].messages.sms.text: money fails on rows whose BORC is empty (NULL)") {
		t.Errorf("check in English: exit %d:\n%s", code, out)
	}

	// run meets such a movement: customer 2's statement is skipped, with
	// the column check named; the others are sent.
	nullDebit(t, cfg)
	if code, out, errOut := runCLI(t, "--lang", "tr", "run", "--once", "--job", "ekstre", "--config", cfg); code != exitOK {
		t.Fatalf("run --once: exit %d\n%s%s", code, out, errOut)
	}
	var skipped []struct {
		Record   string `json:"record"`
		ReasonTR string `json:"reason_tr"`
	}
	decodeJSON(t, &skipped, "messages", "list", "--json", "--status", "skipped", "--config", cfg)
	wantSkip := fmt.Sprintf("şablon çalışmadı: ekstre.sms.text şablonunun 1. satırı, %d. karakteri: bu satırda BORC boş (NULL) ve money boş değeri yazamaz; "+
		"{{with .BORC}}…{{end}} ile sarın ya da default ile bir değer verin", strings.Index(text, "money")+1)
	var nulls []string
	for _, m := range skipped {
		if m.ReasonTR == wantSkip {
			nulls = append(nulls, m.Record)
		}
	}
	if !slices.Equal(nulls, []string{"2"}) {
		t.Errorf("skipped for the NULL debit: %v, want customer 2's alone; all skips: %+v", nulls, skipped)
	}

	// Fixed as check said, check passes, and run sends customer 2's
	// statement with the debit as zero and the description empty.
	fixed := strings.Replace(body, "{{money .BORC}}", "{{money (default 0 .BORC)}}", 1)
	okCfg := demoConfigFile(t, fixed)
	if code, out, errOut := runCLI(t, "--lang", "tr", "check", "--offline", "--config", okCfg); code != exitOK || strings.Contains(out, "NULL") {
		t.Fatalf("fixed: exit %d, want %d and no word of NULL:\n%s%s", code, exitOK, out, errOut)
	}
	nullDebit(t, okCfg)
	code, out, errOut := runCLI(t, "--lang", "tr", "run", "--once", "--job", "ekstre", "--config", okCfg)
	if code != exitOK || !strings.Contains(out+errOut, "Ekstre: [] 1.200.000,50 TL;[] 0,00 TL;[] 0,00 TL;") || strings.Contains(out+errOut, "<no value>") {
		t.Errorf("fixed run --once: exit %d, want customer 2's statement with a zero debit and no <no value>:\n%s%s", code, out, errOut)
	}
}

// A fixed path changed to {year}: check says beforehand that run files the
// source's history under the year database's name and counts from it
// (the new year's from its first invoice); with an outbox that recorded no
// database (an earlier version's) it warns what the change does instead,
// until a run on the {year} path has done it.
func TestCheckSaysAFixedPathGoesOnUnderItsYear(t *testing.T) {
	dir := t.TempDir()
	year := time.Now().In(config.DefaultLocation()).Year()
	for _, y := range []int{year - 1, year} {
		os.MkdirAll(filepath.Join(dir, "y", strconv.Itoa(y)), 0o700)
		if err := demo.CreateDB(context.Background(), filepath.Join(dir, "y", strconv.Itoa(y), "demo.db")); err != nil {
			t.Fatal(err)
		}
	}
	cfg := filepath.Join(dir, "config.yaml")
	write := func(path string) {
		t.Helper()
		if err := os.WriteFile(cfg, []byte(`quiet_hours: {disabled: true}
sources: [{name: demo, driver: sqlite, database: '`+path+`'}]
channels: {sms: {provider: console, rate: 1000/s}}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1m"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	last := strconv.Itoa(year - 1)
	write("y/" + last + "/demo.db")
	if code, out, errOut := runEN(t, "run", "--once", "--config", cfg); code != exitOK {
		t.Fatalf("run --once on last year's fixed path: exit %d\n%s%s", code, out, errOut)
	}
	write("y/{year}/demo.db")
	code, out, errOut := runEN(t, "check", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "source demo: its path now names each year's database, and the old path's database is demo@"+last) ||
		!strings.Contains(out, fmt.Sprintf("job new-invoices: demo@%d: 26 row(s) for the next run", year)) {
		t.Errorf("check: exit %d, want the rename said and this year's counted from its first invoice:\n%s%s", code, out, errOut)
	}
	if code, out, errOut = runEN(t, "run", "--once", "--config", cfg); code != exitOK || !strings.Contains(out, "new-invoices: 26 rows read") {
		t.Errorf("run --once on the {year} path: exit %d\n%s%s", code, out, errOut)
	}

	// An earlier version's outbox: no database recorded.
	os.RemoveAll(filepath.Join(dir, "state"))
	write("y/" + last + "/demo.db")
	if code, out, errOut := runEN(t, "run", "--once", "--config", cfg); code != exitOK {
		t.Fatalf("run --once: exit %d\n%s%s", code, out, errOut)
	}
	store, err := outbox.Open(context.Background(), filepath.Join(dir, "state", "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	err = store.SetSourceDatabase(context.Background(), "demo", "")
	store.Close()
	if err != nil {
		t.Fatal(err)
	}
	write("y/{year}/demo.db")
	const warned = "source demo: warning: the outbox holds cursors and messages read under this name"
	if code, out, errOut = runEN(t, "check", "--config", cfg); code != exitOK || !strings.Contains(out, warned) {
		t.Errorf("check on an earlier version's outbox: exit %d, want %q:\n%s%s", code, warned, out, errOut)
	}
	runEN(t, "run", "--once", "--config", cfg)
	if _, out, _ = runEN(t, "check", "--config", cfg); strings.Contains(out, warned) {
		t.Errorf("check still warns once a run on the {year} path has started:\n%s", out)
	}
}
