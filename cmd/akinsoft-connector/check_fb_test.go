package main

import (
	"context"
	"net"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
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

// revoke takes the user's SELECT on table away: a GRANT line the dealer
// left out.
func (f *fbCheck) revoke(t *testing.T, table string) {
	t.Helper()
	db, err := f.fb.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(context.Background(), "REVOKE SELECT ON "+table+" FROM "+f.user); err != nil {
		t.Fatal(err)
	}
}

// daemon is the service over the config at path, and a status server over
// it (the running service's page), with a config of the status command's
// that asks it.
func daemon(t *testing.T, path string) (*connector.Daemon, string) {
	t.Helper()
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	d, err := connector.New(context.Background(), cfg, connector.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	srv, err := status.New(status.Options{Store: d.Store(), Probe: d, AuthFile: filepath.Join(t.TempDir(), status.AuthFileName)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	statusCfg := filepath.Join(filepath.Dir(path), "status.yaml")
	body := strings.Replace(string(mustReadFile(t, path)), "status: {disabled: true}", `status: {listen: "`+strings.TrimPrefix(ts.URL, "http://")+`"}`, 1)
	if err := os.WriteFile(statusCfg, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return d, statusCfg
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
	if code == exitOK || !strings.Contains(out, "kaynak merkez@"+year+": "+strings.ReplaceAll(missing, "{year}", year)+" veritabanı sunucuda yok") ||
		strings.Count(out, "veritabanı sunucuda yok") != 1 {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	noEnglish(t, out)
}

// A wrong password: check tells it as the connection's failure, not as the
// step that happened to read first, and the status command's jobs and erp
// lines say it in Turkish, the running service asked in Turkish.
func TestWrongPasswordIsToldInTurkish(t *testing.T) {
	f := newFBCheck(t)
	cfgPath := f.config(t, "", 0, "yanlış-parola")
	code, out, errOut := runCLI(t, "--lang", "tr", "check", "--config", cfgPath)
	// One password, one cause: said once with the jobs it stops, counted once.
	if code == exitOK || !strings.Contains(out, "3 görev aynı nedenle okuyamadı (yeni-faturalar, tahsilat, yeni-cariler): "+
		"veritabanı kullanıcı adını ya da parolayı kabul etmedi (kaynak merkez (firebird): "+f.path+" veritabanına bağlanılamadı: ") ||
		strings.Count(out, "kabul etmedi") != 1 || !strings.Contains(errOut, "1 sorun var") {
		t.Fatalf("check: exit %d:\n%s%s", code, out, errOut)
	}
	// What to do, with the command that stores the password where this
	// file's service reads it.
	if !strings.Contains(out, "(ipucu: config.yaml'da kaynağın user değerini denetleyin ve parolasını `akinsoft-connector secrets set AD --config "+cfgPath+"` ile yeniden saklayın") {
		t.Errorf("check gives no fix for the password:\n%s", out)
	}
	noEnglish(t, out)
	if strings.Contains(out, "yordam") {
		t.Errorf("a connection failure is told as reading the stored procedures:\n%s", out)
	}

	d, statusCfg := daemon(t, cfgPath)
	if _, err := d.RunJob(context.Background(), "yeni-faturalar"); err == nil {
		t.Fatal("the job read with a wrong password")
	}
	code, out, errOut = runCLI(t, "--lang", "tr", "status", "--config", statusCfg)
	if code != exitOK {
		t.Fatalf("status: exit %d:\n%s%s", code, out, errOut)
	}
	for _, want := range []string{
		"yeni-faturalar  ",
		"VERİTABANI VE GİDEN KUTUSU\n  Wolvox veritabanı  SORUN: veritabanı kullanıcı adını ya da parolayı kabul etmedi (kaynak merkez (firebird): ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	noEnglish(t, out)
}

// A wrong port: the server does not answer any of the jobs, which check
// says once, and blames the connection, not the file.
func TestWrongPortIsSaidOnce(t *testing.T) {
	f := newFBCheck(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	code, out, errOut := runCLI(t, "--lang", "tr", "check", "--config", f.config(t, "", port, ""))
	if code != exitFailure || strings.Count(out, "bağlanılamadı") != 1 ||
		!strings.Contains(out, "3 görev aynı nedenle okuyamadı (yeni-faturalar, tahsilat, yeni-cariler): veritabanı sunucusuna ulaşılamadı (kaynak merkez (firebird): ") ||
		!strings.Contains(errOut, "1 okuma, veritabanı yanıt vermediği için yapılamadı") ||
		!strings.Contains(out, "(ipucu: Wolvox sunucusunun açık olduğunu, kaynağın host ve port değerlerini") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	noEnglish(t, out)
	if strings.Contains(out, "yordam") {
		t.Errorf("a connection failure is told as reading the stored procedures:\n%s", out)
	}
}

// A user without SELECT on CARIHR: check, the run's recorded failure and
// the status command name the table and the GRANT to run, in Turkish.
func TestMissingSelectRightNamesTheGrant(t *testing.T) {
	f := newFBCheck(t)
	f.revoke(t, "CARIHR")
	cfgPath := f.config(t, "", 0, "")
	grant := "GRANT SELECT ON CARIHR TO " + f.user + "; COMMIT;"
	code, out, errOut := runCLI(t, "--lang", "tr", "check", "--config", cfgPath)
	if want := "görev tahsilat: veritabanı kullanıcısının sorgudaki bir tabloyu okuma yetkisi yok (kaynak merkez: " + f.user +
		" kullanıcısına CARIHR tablosunu okuma yetkisi verin: veritabanına SYSDBA ile (ör. isql-fb ya da IBExpert) bağlanıp şunu çalıştırın: " + grant; code == exitOK || !strings.Contains(out, want) {
		t.Fatalf("check: exit %d, want\n%s\nin:\n%s%s", code, want, out, errOut)
	}
	noEnglish(t, out)
	if !strings.Contains(out, "görev yeni-faturalar: merkez: sonraki çalışmada") {
		t.Errorf("a job on the granted tables is not counted:\n%s", out)
	}

	d, statusCfg := daemon(t, cfgPath)
	ctx := context.Background()
	if _, err := d.RunJob(ctx, "tahsilat"); err == nil {
		t.Fatal("the job read CARIHR without the right")
	}
	runs, err := d.Store().JobRuns(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 1 || runs[0].Failure != string(erp.FailurePermission) || !strings.Contains(runs[0].Err, grant) || !strings.Contains(runs[0].ErrTR, grant) {
		t.Errorf("job runs = %+v", runs)
	}
	code, out, errOut = runCLI(t, "--lang", "tr", "status", "--config", statusCfg)
	if want := "  tahsilat: veritabanına yönetici olarak (Firebird'de SYSDBA ile) bağlanıp şunu çalıştırın: " + grant; code != exitOK || !strings.Contains(out, want) ||
		!strings.Contains(out, "HATA: veritabanı kullanıcısının sorgudaki bir tabloyu okuma yetkisi yok") {
		t.Fatalf("status: exit %d, want\n%s\nin:\n%s%s", code, want, out, errOut)
	}
	noEnglish(t, out)
}

// A user that could write (SYSDBA, or one granted UPDATE) is a warning of
// check's, in Turkish, with how to create the read-only user init prints;
// not a problem: reads stay read-only transactions. The read-only user is
// not warned of.
func TestCheckWarnsOfAUserThatCanWrite(t *testing.T) {
	f := newFBCheck(t)
	rw, rwPass := f.fb.ReadOnlyUser(t, "akc_chkrw", f.path)
	db, err := f.fb.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(context.Background(), "GRANT UPDATE ON FATURA TO "+rw); err != nil {
		t.Fatal(err)
	}
	db.Close()
	howTo := []string{"Okuma yetkili kullanıcıyı oluşturmak için Wolvox sunucusunda SYSDBA ile", "CREATE USER CONNECTOR_RO PASSWORD 'yeni-parola';",
		"CONNECT '" + f.path + "' USER SYSDBA", "GRANT SELECT ON CARI_YETKILI TO CONNECTOR_RO;"}
	for _, tc := range []struct {
		name, user, password string
		want                 []string // nil: no warning
	}{
		{"sysdba", f.fb.User, f.fb.Password, append([]string{"kaynak merkez: Dikkat: " + f.fb.User + " bu veritabanına yazabilir (yönetici; veritabanının sahibi; CARI, CARIHR, CARI_YETKILI, FATURA tablolarına yazma yetkisi var)."}, howTo...)},
		{"user with UPDATE", rw, rwPass, append([]string{"kaynak merkez: Dikkat: " + rw + " bu veritabanına yazabilir (FATURA tablolarına yazma yetkisi var)."}, howTo...)},
		{"read-only user", f.user, f.password, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := *f
			f.user = tc.user
			code, out, errOut := runCLI(t, "--lang", "tr", "check", "--config", f.config(t, "", 0, tc.password))
			if code != exitOK {
				t.Fatalf("exit %d (a warning is not a problem):\n%s%s", code, out, errOut)
			}
			for _, want := range tc.want {
				if !strings.Contains(out, want) {
					t.Errorf("check lacks %q:\n%s", want, out)
				}
			}
			if tc.want == nil && (strings.Contains(out, "yazabilir") || strings.Contains(out, "CONNECTOR_RO")) {
				t.Errorf("the read-only user is warned of:\n%s", out)
			}
			if n := strings.Count(out, "yazabilir"); tc.want != nil && n != 1 {
				t.Errorf("the warning is said %d times:\n%s", n, out)
			}
			noEnglish(t, out)
		})
	}
}

// A sql: job's SELECT the real server refuses is said at its place in the
// file, not at the line and column of the query the connector wrapped it
// in: the unknown column, the unexpected word, past a comment and a date
// token, with the driver's words naming the file's place too.
func TestCheckPlacesARefusedSelectInTheFile(t *testing.T) {
	f := newFBCheck(t)
	t.Setenv("AKC_CHECK_FB_PASSWORD", f.password)
	body := strings.NewReplacer("HOST", f.fb.Host, "PORT", strconv.Itoa(f.fb.Port), "DB", f.path, "USER", f.user).Replace(`state_dir: state
status: {disabled: true}
sources:
  - {name: merkez, driver: firebird, host: HOST, port: PORT, database: 'DB', user: USER, password: "${env:AKC_CHECK_FB_PASSWORD}"}
channels: {sms: {provider: console}}
jobs:
  - name: cep-listesi
    key: BLKODU
    schedule: "@every 1m"
    sql: |
      SELECT BLKODU, TEL1 AS CEP, -- Ayşe'nin numarası
             TEL9 AS YOK
      FROM CARI
    messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}
  - name: haftalik
    key: BLKODU
    schedule: "@every 1m"
    sql: |
      SELECT F.BLKODU, C.TEL1 AS CEP
      FROM FATURA F JOIN CARI C ON C.BLKODU = F.BLKODU_CARI
      WHERE F.TARIHI >= {today-7} /* bir
      hafta */ ANDD F.IPTAL = 0
    messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}
  - name: tek-satir
    key: BLKODU
    schedule: "@every 1m"
    sql: "SELECT BLKODU, TEL1 AS CEP FROM CARI_YOK"
    messages: {sms: {to: [CEP], text: "{{.BLKODU}}"}}
`)
	cfgPath := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfgPath, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(body, "\n")
	at := func(after, marker string) string { // the file's line:column of marker, after the line holding after
		seen := false
		for i, l := range lines {
			seen = seen || strings.Contains(l, after)
			if k := strings.Index(l, marker); seen && k >= 0 {
				return strconv.Itoa(i+1) + ":" + strconv.Itoa(1+len([]rune(l[:k])))
			}
		}
		t.Fatalf("no %s", marker)
		return ""
	}
	code, out, errOut := runCLI(t, "--lang", "tr", "check", "--config", cfgPath)
	if code != exitConfig || !strings.Contains(errOut, "3 sorun var") {
		t.Fatalf("exit %d, want %d:\n%s%s", code, exitConfig, out, errOut)
	}
	for _, tc := range []struct{ job, marker, words string }{
		{"cep-listesi", "TEL9", "Column unknown: TEL9: At line "},
		{"haftalik", "ANDD", "Token unknown - line "},
		{"tek-satir", "CARI_YOK", "Table unknown: CARI_YOK: At line "},
	} {
		place := at("name: "+tc.job, tc.marker)
		line, col, _ := strings.Cut(place, ":")
		want := cfgPath + ":" + place + ": "
		i := strings.Index(out, want)
		if i < 0 {
			t.Errorf("%s: no problem at %s:\n%s", tc.job, want, out)
			continue
		}
		said, _, _ := strings.Cut(out[i:], "\n")
		if !strings.Contains(said, ".sql: kaynak merkez görevin SELECT sorgusunu kabul etmedi: ") ||
			!strings.Contains(said, tc.words+line+", column "+col) || !strings.Contains(said, "(ipucu: sorguyu bu konumda düzeltin") {
			t.Errorf("%s: said as\n%s", tc.job, said)
		}
	}
	if !strings.Contains(out, "sorgudaki bir tablo ya da sütun veritabanında yok (Dynamic SQL Error") {
		t.Errorf("an unknown column is not told as one:\n%s", out)
	}
	noEnglish(t, out)
}
