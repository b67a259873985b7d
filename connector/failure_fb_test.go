package connector_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
)

// A job that cannot read says why in the reader's language, from the real
// server's answer: the error run --once prints and the log writes names the
// cause first, and the outbox keeps its kind for the status page and the
// status command (which say what to do about it).
func TestFirebirdJobFailureIsToldByKind(t *testing.T) {
	s := erptest.Firebird(t)
	path := s.Path(t, "jobfailure")
	db, err := s.CreateWolvox(context.Background(), path, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	for _, tc := range []struct {
		name, password, database string
		want                     erp.Failure
		tr                       string
	}{
		{"wrong password", "yanlış-parola", path, erp.FailureLogin, "veritabanı kullanıcı adını ya da parolayı kabul etmedi (kaynak merkez (firebird): "},
		{"no such database", os.Getenv("FIREBIRD_TEST_PASSWORD"), filepath.Join(s.Dir, "2031.fdb"), erp.FailureMissing, "veritabanı açılamadı: yok ya da bu kullanıcı açamıyor (kaynak merkez: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("AKC_TEST_SIFRE", tc.password)
			dir := t.TempDir()
			y := strings.NewReplacer("HOST", s.Host, "PORT", itoa(s.Port), "DB", tc.database, "USER", s.User).Replace(`
state_dir: state
status: {disabled: true}
sources:
  - name: merkez
    driver: firebird
    host: HOST
    port: PORT
    database: 'DB'
    user: USER
    password: ${env:AKC_TEST_SIFRE}
channels: {sms: {provider: console}}
jobs:
  - name: yeni-faturalar
    preset: new_invoices
    schedule: "@every 1m"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`)
			cfg := loadConfig(t, dir, y)
			d, err := connector.New(context.Background(), cfg, connector.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			_, err = d.RunJob(context.Background(), "yeni-faturalar")
			var told catalog.Localized
			if !errors.As(err, &told) || !strings.HasPrefix(told.In(catalog.TR), tc.tr) {
				t.Fatalf("RunJob: %v, want a text starting %q", err, tc.tr)
			}
			// Only the driver's own words stay English.
			for _, en := range []string{"source ", "cannot reach", "does not exist on", "while reading"} {
				if tr := told.In(catalog.TR); strings.Contains(tr, en) {
					t.Errorf("the Turkish text has the English %q: %s", en, tr)
				}
			}
			if got := erp.FailureOf(err); got != tc.want {
				t.Errorf("the explained error's kind = %q, want %q", got, tc.want)
			}
			runs, err := d.Store().JobRuns(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if len(runs) != 1 || runs[0].Failure != string(tc.want) || runs[0].Err == "" || strings.Contains(runs[0].Err, "veritabanı") {
				t.Errorf("job runs = %+v, want the driver's words with kind %q", runs, tc.want)
			}
		})
	}
}

// A sql: job's SELECT the real server refuses: the run's error, the log's
// and the outbox's record name the place in the config file, not the
// wrapped query's, and keep the kind for the status page's advice.
func TestFirebirdRefusedSelectIsToldAtItsPlaceInTheFile(t *testing.T) {
	s := erptest.Firebird(t)
	path := s.Path(t, "sqlplace")
	db, err := s.CreateWolvox(context.Background(), path, time.Now().Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	t.Setenv("AKC_TEST_SIFRE", os.Getenv("FIREBIRD_TEST_PASSWORD"))
	dir := t.TempDir()
	y := strings.NewReplacer("HOST", s.Host, "PORT", itoa(s.Port), "DB", path, "USER", s.User).Replace(`state_dir: state
status: {disabled: true}
quiet_hours: {disabled: true}
sources:
  - {name: merkez, driver: firebird, host: HOST, port: PORT, database: 'DB', user: USER, password: "${env:AKC_TEST_SIFRE}"}
channels: {sms: {provider: console}}
jobs:
  - name: cepler
    key: BLKODU
    schedule: "@every 1m"
    sql: |
      SELECT BLKODU, TEL1 AS CEP
      FROM CARI WHERE TARIHI >= {today-7} AND TEL9 IS NOT NULL
    messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}
`)
	cfg := loadConfig(t, dir, y)
	d, err := connector.New(context.Background(), cfg, connector.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	_, err = d.RunJob(context.Background(), "cepler")
	// TEL9 is on the file's line 13, column 47 (the SELECT's line 2, past the token).
	place := filepath.Join(dir, "c.yaml") + ":13:47: jobs[0].sql: "
	var told catalog.Localized
	if !errors.As(err, &told) || !strings.HasPrefix(told.In(catalog.TR), "sorgudaki bir tablo ya da sütun veritabanında yok ("+place+
		"kaynak merkez görevin SELECT sorgusunu kabul etmedi: Dynamic SQL Error: SQL error code = -206: Column unknown: TEL9: At line 13, column 47)") {
		t.Fatalf("RunJob: %v", err)
	}
	runs, err := d.Store().JobRuns(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Failure != string(erp.FailureSchema) || !strings.HasPrefix(runs[0].Err, place+"source merkez refused the job's SELECT: ") ||
		!strings.HasPrefix(runs[0].ErrTR, place+"kaynak merkez") {
		t.Errorf("job runs = %+v", runs)
	}
}
