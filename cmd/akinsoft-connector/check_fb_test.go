package main

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

// fbCheck is a Wolvox database on the real Firebird server and the config
// of a shop reading it with three jobs, two of them on CARIHR's neighbours
// and one (collections) on CARIHR itself.
type fbCheck struct {
	fb             erptest.Server
	path           string // the database
	user, password string // a read-only user, as README tells shops to create
}

func newFBCheck(t *testing.T) *fbCheck {
	t.Helper()
	f := &fbCheck{fb: erptest.Firebird(t)}
	f.path = f.fb.Path(t, "checkcmd")
	db, err := f.fb.CreateWolvox(context.Background(), f.path, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	f.user, f.password = f.fb.ReadOnlyUser(t, "akc_chk", f.path)
	return f
}

// config writes the shop's config for database, port and password (the
// fixture's when empty) and returns its path.
func (f *fbCheck) config(t *testing.T, database string, port int, password string) string {
	t.Helper()
	if database == "" {
		database = f.path
	}
	if port == 0 {
		port = f.fb.Port
	}
	if password == "" {
		password = f.password
	}
	t.Setenv("AKC_CHECK_FB_PASSWORD", password)
	dir := t.TempDir()
	body := strings.NewReplacer("HOST", f.fb.Host, "PORT", strconv.Itoa(port), "DB", database, "USER", f.user).Replace(`state_dir: state
status: {disabled: true}
sources:
  - {name: merkez, driver: firebird, host: HOST, port: PORT, database: 'DB', user: USER, password: "${env:AKC_CHECK_FB_PASSWORD}"}
channels: {sms: {provider: console}}
jobs:
  - name: yeni-faturalar
    preset: new_invoices
    schedule: "@every 1m"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
  - name: tahsilat
    preset: collections
    schedule: "@every 1m"
    messages: {sms: {}}
  - name: yeni-cariler
    preset: new_customers
    schedule: "@every 1m"
    messages: {sms: {text: "Hoş geldiniz {{.ADI}}"}}
`)
	cfg := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// noEnglish fails when a Turkish check output has the connector's English
// words (the driver's own stay English).
func noEnglish(t *testing.T, out string) {
	t.Helper()
	for _, en := range []string{"source ", "job ", "cannot reach", "does not exist on", "while reading", "query failed"} {
		if strings.Contains(out, en) {
			t.Errorf("the Turkish output has the English %q:\n%s", en, out)
		}
	}
}

// This year's database of a {year} source that is not there: check says
// so in Turkish, the catalog's own text, not its English one.
func TestCheckTellsAMissingYearDatabaseInTurkish(t *testing.T) {
	f := newFBCheck(t)
	missing := filepath.Join(f.fb.Dir, "aks_checkcmd_yok_{year}.fdb")
	code, out, errOut := runCLI(t, "--lang", "tr", "check", "--config", f.config(t, missing, 0, ""))
	year := strconv.Itoa(time.Now().Year())
	if code == exitOK || !strings.Contains(out, "kaynak merkez@"+year+": "+strings.ReplaceAll(missing, "{year}", year)+" veritabanı sunucuda yok") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	noEnglish(t, out)
}
