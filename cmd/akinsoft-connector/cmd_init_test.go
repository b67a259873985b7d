package main

import (
	"bytes"
	"context"
	"encoding/pem"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp/erptest"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
)

// runInit runs the command line with stdin, as a script piping answers
// would, and returns its exit code and everything it printed.
func runInit(t *testing.T, stdin string, args ...string) (int, string) {
	t.Helper()
	var out bytes.Buffer
	root, g := newRoot(args)
	root.SetIn(strings.NewReader(stdin))
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&out)
	if err := root.ExecuteContext(context.Background()); err != nil {
		return exitCode(err, &out, g.language()), out.String()
	}
	return exitOK, out.String()
}

// initFixture is a Wolvox installation on the real Firebird server: two
// companies, the first with last year's and this year's databases, a
// read-only user as README tells shops to create, and a NetGSM fake.
type initFixture struct {
	fb         erptest.Server
	root, path string // the search folder; this year's database of company 01
	user, pass string // the read-only user
	fake       *netgsmtest.Server
	caFile     string
	dir        string
}

func newInitFixture(t *testing.T) *initFixture {
	t.Helper()
	f := &initFixture{fb: erptest.Firebird(t), dir: t.TempDir()}
	year := time.Now().Year()
	root, paths := f.fb.WolvoxTree(t, []string{"01", "02"}, []int{year - 1, year})
	f.root, f.path = root, paths["01/"+strconv.Itoa(year)]
	ctx := context.Background()
	for _, p := range []string{paths["01/"+strconv.Itoa(year-1)], f.path} {
		db, err := f.fb.CreateWolvox(ctx, p, time.Now().Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
	}
	for _, p := range []string{paths["02/"+strconv.Itoa(year-1)], paths["02/"+strconv.Itoa(year)]} {
		os.WriteFile(p, nil, 0o600) // found on disk, never opened
	}
	f.user, f.pass = f.fb.ReadOnlyUser(t, "akc_init", paths["01/"+strconv.Itoa(year-1)], f.path)
	f.fake = netgsmtest.New()
	f.fake.Password = "NetGSM-Parola-7x" // "secret" would be found in every ${secret:…}
	t.Cleanup(f.fake.Close)
	f.caFile = filepath.Join(f.dir, "fake-ca.pem")
	os.WriteFile(f.caFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: f.fake.Server.Certificate().Raw}), 0o600)
	return f
}

// newInvoice adds invoice 2024-131 for Ayşe Yılmaz (0532 123 45 67) to
// this year's database of company 01: the first real message's record.
func (f *initFixture) newInvoice(t *testing.T) {
	t.Helper()
	db, err := f.fb.Open(f.path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := erptest.InsertInvoices(context.Background(), db, demo.LaterInvoices[:1], time.Now()); err != nil {
		t.Fatal(err)
	}
}

// runTheService runs the service's own `run --once` on the config init wrote.
func runTheService(t *testing.T, cfgPath, which string) {
	t.Helper()
	if code, out, errOut := runCLI(t, "run", "--once", "--config", cfgPath); code != exitOK {
		t.Fatalf("%s run exit %d:\n%s%s", which, code, out, errOut)
	}
}

// answers joins the lines a person would type.
func answers(lines ...string) string { return strings.Join(lines, "\n") + "\n" }

// The whole dialogue, scripted: init finds the company on disk, connects
// with the read-only user, checks NetGSM and sends the test SMS to the
// owner's phone, writes a config that check passes and that parses back
// with every answer; then the service's own `run --once` sends the first
// real message for a new invoice — the ten minutes from a fresh install.
func TestInitFromAScript(t *testing.T) {
	f := newInitFixture(t)
	const adminPassword = "yonetici-parola-1"
	cfgPath := filepath.Join(f.dir, "config.yaml")
	stdin := answers(
		"firebird", // driver
		f.root,     // search folder
		// company: --company 1
		f.fb.Host, strconv.Itoa(f.fb.Port), // host, port
		f.user, f.pass, // read-only user and its password
		"netgsm", f.fake.User, f.fake.Password, "MAGAZA", // SMS
		"h", "h", // no WhatsApp, no e-mail
		"0532 111 22 33",   // the owner's phone for the test SMS
		"e", "e", "e", "e", // the four notifications
		"yok",             // no quiet hours: the test runs at any hour
		adminPassword, "", // admin password, no viewer password
		"h", // no service
	)
	start := time.Now()
	code, out := runInit(t, stdin, "init", "--config", cfgPath, "--company", "1",
		"--netgsm-url", f.fake.URL(), "--ca-file", f.caFile)
	took := time.Since(start)
	if code != exitOK {
		t.Fatalf("init exit %d:\n%s", code, out)
	}
	t.Logf("init took %s:\n%s", took.Round(time.Millisecond), out)
	for _, want := range []string{
		"Adım 1/7: Wolvox veritabanı", "Bulunan şirketler:", "1) Wolvox8 · şirket 01", "2) Wolvox8 · şirket 02",
		"Hangi şirket? (numara): 1 (--company)",
		"Bağlantı tamam: " + f.user + " yalnızca okuyabiliyor. Veritabanında 18 cari",
		"NetGSM: ", "Sağlayıcı kabul etti", "Sayın Ayşe Yılmaz", "Denetim tamam", "Yapılandırma yazıldı: " + cfgPath,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("init's output lacks %q", want)
		}
	}
	for _, secret := range []string{f.pass, f.fake.Password, adminPassword} {
		if strings.Contains(out, secret) {
			t.Errorf("init printed the secret %q", secret)
		}
	}

	// The test SMS reached NetGSM, to the owner, from the approved header.
	msgs := f.fake.Messages()
	if len(msgs) != 1 || msgs[0].Number != "905321112233" || !strings.Contains(msgs[0].Text, "deneme mesajıdır") {
		t.Fatalf("NetGSM got %+v, want the one test SMS to 905321112233", msgs)
	}

	// The file parses back with every answer and no password in it.
	b, err := os.ReadFile(cfgPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{f.pass, f.fake.Password, adminPassword} {
		if bytes.Contains(b, []byte(secret)) {
			t.Errorf("the config holds the secret %q", secret)
		}
	}
	cfg, err := config.Parse(cfgPath, b, config.Options{})
	if err != nil {
		t.Fatalf("the written config does not parse: %v\n%s", err, b)
	}
	src := cfg.Sources[0]
	wantDB := filepath.Join(filepath.Dir(filepath.Dir(f.path)), "{year}", "WOLVOX.FDB")
	if src.Driver != "firebird" || string(src.Database) != wantDB || src.User != f.user || src.Password.Reveal() != "${secret:wolvox_db}" {
		t.Errorf("source = %+v, want %s as %s", src, wantDB, f.user)
	}
	if sms := cfg.Channels.SMS; sms == nil || sms.NetGSM.MsgHeader != "MAGAZA" || sms.NetGSM.URL != f.fake.URL() || cfg.Channels.Email != nil {
		t.Errorf("channels = %+v", cfg.Channels)
	}
	var names []string
	for _, j := range cfg.Jobs {
		names = append(names, j.Name+"="+j.Preset)
	}
	if got := strings.Join(names, " "); got != "yeni-faturalar=new_invoices vade-hatirlatma=invoices_due geciken-odemeler=invoices_overdue odeme-alindi=collections" {
		t.Errorf("jobs = %s", got)
	}
	if !cfg.QuietHours.Disabled {
		t.Errorf("quiet hours = %+v, want off", cfg.QuietHours)
	}
	if c, err := status.LoadCredentials(status.AuthPath(string(cfg.StateDir))); err != nil || c.PasswordHash == "" || c.ViewerHash != "" {
		t.Errorf("status credentials = %+v, %v", c, err)
	}
	if code, out, errOut := runCLI(t, "check", "--config", cfgPath); code != exitOK {
		t.Fatalf("check exit %d:\n%s%s", code, out, errOut)
	}

	// The service's first run starts at the newest invoice: nothing old is
	// sent. A new invoice afterwards is the first real message.
	runTheService(t, cfgPath, "first")
	if n := len(f.fake.Messages()); n != 1 {
		t.Fatalf("the first run sent %d messages; a new job must start from now", n-1)
	}
	f.newInvoice(t)
	runTheService(t, cfgPath, "second")
	msgs = f.fake.Messages()
	last := msgs[len(msgs)-1]
	if len(msgs) != 2 || last.Number != "905321234567" || !strings.Contains(last.Text, "Sayın Ayşe Yılmaz") ||
		!strings.Contains(last.Text, "2024-131 numaralı 1.750,00 TL tutarındaki faturanız düzenlenmiştir") {
		t.Fatalf("NetGSM got %+v; want the invoice 2024-131 message to Ayşe Yılmaz", msgs)
	}
}

// Given SYSDBA, init says the user can write and how to create a read-only
// one, and stops when told not to go on; it writes no config.
func TestInitRefusesAUserThatCanWrite(t *testing.T) {
	f := newInitFixture(t)
	cfgPath := filepath.Join(f.dir, "config.yaml")
	code, out := runInit(t, answers(f.fb.User, f.fb.Password, "h"), "init", "--config", cfgPath,
		"--driver", "firebird", "--database", f.path, "--host", f.fb.Host, "--port", strconv.Itoa(f.fb.Port))
	if code == exitOK {
		t.Fatalf("init accepted SYSDBA:\n%s", out)
	}
	for _, want := range []string{
		"Dikkat: SYSDBA bu veritabanına yazabilir (yönetici; veritabanının sahibi; CARI, CARIHR, CARI_YETKILI, FATURA tablolarına yazma yetkisi var)",
		"CREATE USER CONNECTOR_RO PASSWORD 'yeni-parola';", "GRANT SELECT ON FATURA TO CONNECTOR_RO;",
		"kurulum durdu: SYSDBA yalnızca okuma yetkili değil",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(cfgPath); err == nil {
		t.Error("a config was written")
	}
}

// A wrong password from a script stops at once with what to do, instead of
// reading the next answer as a second try.
func TestInitWrongDatabasePassword(t *testing.T) {
	f := newInitFixture(t)
	code, out := runInit(t, answers(f.user, "yanlis-parola"), "init", "--config", filepath.Join(f.dir, "config.yaml"),
		"--driver", "firebird", "--database", f.path, "--host", f.fb.Host, "--port", strconv.Itoa(f.fb.Port))
	if code == exitOK || !strings.Contains(out, "Bağlanılamadı: veritabanı kullanıcı adını ya da parolayı kabul etmedi (") ||
		!strings.Contains(out, "GRANT SELECT ON CARI TO "+f.user) || !strings.Contains(out, "Ne yapılmalı: kullanıcı adını ve parolayı denetleyip") ||
		!strings.Contains(out, "kurulum durdu: veritabanına bağlanılamadı") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if strings.Contains(out, "yanlis-parola") {
		t.Error("the password was printed")
	}
}

// A database path with a typo: init says the database could not be opened
// and stops, without the CREATE USER lines, which would send the dealer to
// the server's users when the path is to be fixed.
func TestInitDatabaseThatIsNotThere(t *testing.T) {
	f := newInitFixture(t)
	wrong := filepath.Join(filepath.Dir(f.path), "YOK", "WOLVOX.FDB")
	code, out := runInit(t, answers(f.user, f.pass), "init", "--config", filepath.Join(f.dir, "config.yaml"),
		"--driver", "firebird", "--database", wrong, "--host", f.fb.Host, "--port", strconv.Itoa(f.fb.Port))
	if code == exitOK || !strings.Contains(out, "Bağlanılamadı: veritabanı açılamadı: ") ||
		!strings.Contains(out, "Ne yapılmalı: veritabanı dosyasının yolunu denetleyin") ||
		!strings.Contains(out, "kurulum durdu: veritabanına bağlanılamadı (nedeni ve ne yapılacağı yukarıda)") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	if strings.Contains(out, "CREATE USER") || strings.Contains(out, "GRANT SELECT") {
		t.Errorf("init tells how to create a user for a path that is wrong:\n%s", out)
	}
}

// init speaks Turkish on a server whose locale is English, unless --lang
// says otherwise: its questions, the lines check prints on the file it
// wrote, and an error from below it (a viewer password that is the admin
// password) with the "hata:" that ends the run.
func TestInitSpeaksTurkishWhateverTheLocale(t *testing.T) {
	noLocale(t)
	t.Setenv("LANG", "en_US.UTF-8")
	f := newInitFixture(t)
	const adminPassword = "yonetici-parola-1"
	script := func(viewer string) string {
		return answers("firebird", f.root, f.fb.Host, strconv.Itoa(f.fb.Port), f.user, f.pass,
			"netgsm", f.fake.User, f.fake.Password, "MAGAZA", "h", "h", "0532 111 22 33", "e", "e", "e", "e", "yok",
			adminPassword, viewer, "h")
	}
	fragments := englishFragments()
	english := func(out string) {
		t.Helper()
		for _, fr := range fragments {
			if strings.Contains(out, fr) {
				t.Errorf("init printed English %q:\n%s", fr, out)
				return
			}
		}
	}
	args := func(cfg string) []string {
		return []string{"init", "--config", cfg, "--company", "1", "--netgsm-url", f.fake.URL(), "--ca-file", f.caFile}
	}

	code, out := runInit(t, script(""), args(filepath.Join(f.dir, "ok", "config.yaml"))...)
	if code != exitOK {
		t.Fatalf("init exit %d:\n%s", code, out)
	}
	english(out)
	for _, want := range []string{"Adım 6/7: Yapılandırmayı yazma ve denetleme", "görev yeni-faturalar: created modu", ": sorun yok", "Denetim tamam",
		"Hizmeti sonra kurmak için"} {
		if !strings.Contains(out, want) {
			t.Errorf("init's output lacks %q:\n%s", want, out)
		}
	}

	code, out = runInit(t, script(adminPassword), args(filepath.Join(f.dir, "same", "config.yaml"))...)
	if code == exitOK {
		t.Fatalf("init accepted a viewer password equal to the admin password:\n%s", out)
	}
	english(out)
	if want := "hata: Yanıt kullanılamaz: salt okunur parola yönetici parolasından farklı olmalı"; !strings.Contains(out, want) {
		t.Errorf("init's output lacks %q:\n%s", want, out)
	}

	code, out = runInit(t, script(""), append(args(filepath.Join(f.dir, "en", "config.yaml")), "--lang", "en")...)
	if code != exitOK || !strings.Contains(out, "Step 6/7: Writing and checking the config") || !strings.Contains(out, ": OK") ||
		!strings.Contains(out, "The check passed") || !strings.Contains(out, "--company") {
		t.Errorf("init --lang en (exit %d):\n%s", code, out)
	}
}

// A folder with no Wolvox database in it: init shows the layout it looked
// for, and asks for the file's path, in this machine's separators (a Linux
// server's dealer types slashes, not Windows' backslashes).
func TestInitShowsTheLayoutInThisMachinesSeparators(t *testing.T) {
	dir := t.TempDir()
	code, out := runInit(t, answers("firebird", dir), "init", "--config", filepath.Join(dir, "config.yaml"))
	if code == exitOK {
		t.Fatalf("init went on without a database:\n%s", out)
	}
	sep := string(filepath.Separator)
	layout := "…" + sep + "Database_FB" + sep + "<şirket>" + sep + "<yıl>" + sep + "WOLVOX.FDB"
	for _, want := range []string{"Orada Wolvox veritabanı bulunamadı (" + layout + ").", "Veritabanı dosyasının tam yolu (" + layout + "): "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "{sep}") {
		t.Errorf("a placeholder is left in the output:\n%s", out)
	}
}

// No channel at all: init stops as its other stops read ("kurulum durdu:"),
// saying how to go on, and not as a success.
func TestInitWithoutAnyChannelStops(t *testing.T) {
	f := newInitFixture(t)
	code, out := runInit(t, answers(f.user, f.pass, "yok", "h", "h"), "init", "--config", filepath.Join(f.dir, "config.yaml"),
		"--driver", "firebird", "--database", f.path, "--host", f.fb.Host, "--port", strconv.Itoa(f.fb.Port))
	if code == exitOK || !strings.Contains(out, "kurulum durdu: en az bir kanal gerekir; init'i yeniden çalıştırıp") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// A sender title with a Turkish letter is refused where it is typed, in
// check's words, before NetGSM is asked: it went into the config unchecked
// and came back as an unclassified NetGSM error, in English, naming a line
// of a file not yet written.
func TestInitRefusesATurkishSenderTitle(t *testing.T) {
	f := newInitFixture(t)
	cfgPath := filepath.Join(f.dir, "config.yaml")
	code, out := runInit(t, answers(f.user, f.pass, "netgsm", f.fake.User, f.fake.Password, "GÜNEŞ"), "init", "--config", cfgPath,
		"--driver", "firebird", "--database", f.path, "--host", f.fb.Host, "--port", strconv.Itoa(f.fb.Port),
		"--netgsm-url", f.fake.URL(), "--ca-file", f.caFile)
	if code == exitOK || !strings.Contains(out, `msgheader "GÜNEŞ" geçersiz (ipucu: onaylı gönderici başlığı: 3-11 karakter, Türkçe harf olmadan)`) {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	for _, bad := range []string{"sınıflandırılmamış", "NetGSM kabul etmedi", "config.yaml:", "is not valid"} {
		if strings.Contains(out, bad) {
			t.Errorf("output has %q:\n%s", bad, out)
		}
	}
}

// init run before the shop opens the year in Wolvox (in January, or in a
// shop that opens it in February) finds only last year's database: it
// writes the path with {year} all the same and connects to last year's.
// A fixed path to last year's would never move on, and the edit to {year}
// later would start the new year's database as a new job does, at its
// end, losing every invoice entered there until the edit. check passes,
// and the service reads last year's until this year's exists.
func TestInitBeforeTheYearIsOpened(t *testing.T) {
	f := newInitFixture(t)
	if err := os.Remove(f.path); err != nil { // company 01 has not opened this year
		t.Fatal(err)
	}
	year := time.Now().In(config.DefaultLocation()).Year()
	lastPath := filepath.Join(filepath.Dir(filepath.Dir(f.path)), strconv.Itoa(year-1), "WOLVOX.FDB")
	cfgPath := filepath.Join(f.dir, "config.yaml")
	stdin := answers("firebird", f.root, f.fb.Host, strconv.Itoa(f.fb.Port), f.user, f.pass,
		"netgsm", f.fake.User, f.fake.Password, "MAGAZA", "h", "h", "0532 111 22 33", "e", "e", "e", "e", "yok",
		"yonetici-parola-1", "", "h")
	code, out := runInit(t, stdin, "init", "--config", cfgPath, "--company", "1", "--netgsm-url", f.fake.URL(), "--ca-file", f.caFile)
	if code != exitOK {
		t.Fatalf("init exit %d:\n%s", code, out)
	}
	for _, want := range []string{
		fmt.Sprintf("(Bu yılın (%d) veritabanı henüz yok: Wolvox'ta yıl açılana dek %d veritabanı okunur", year, year-1),
		"Bağlanılıyor: firebird " + f.fb.Host + ":" + strconv.Itoa(f.fb.Port) + " " + lastPath,
		"Bağlantı tamam: " + f.user + " yalnızca okuyabiliyor.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("init's output lacks %q:\n%s", want, out)
		}
	}
	cfg, err := config.Load(cfgPath, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(filepath.Dir(filepath.Dir(f.path)), "{year}", "WOLVOX.FDB"); string(cfg.Sources[0].Database) != want {
		t.Errorf("database %s, want %s", cfg.Sources[0].Database, want)
	}
	if code, out, errOut := runCLI(t, "check", "--config", cfgPath); code != exitOK || !strings.Contains(out, fmt.Sprintf("%d yılı", year)) {
		t.Errorf("check exit %d:\n%s%s", code, out, errOut)
	}
	runTheService(t, cfgPath, "first")
}

// A SQL Server database's year becomes {year} for this year's name and,
// before the shop opens the year, for last year's; not for older ones.
func TestMSSQLYearName(t *testing.T) {
	for _, tc := range []struct {
		name string
		want string
		of   int
	}{
		{"WOLVOX8_001_2027_WOLVOX", "WOLVOX8_001_{year}_WOLVOX", 2027},
		{"WOLVOX8_001_2026_WOLVOX", "WOLVOX8_001_{year}_WOLVOX", 2026},
		{"WOLVOX8_001_2024_WOLVOX", "WOLVOX8_001_2024_WOLVOX", 0},
		{"MAGAZA", "MAGAZA", 0},
	} {
		if got, of := mssqlYearName(tc.name, 2027); got != tc.want || of != tc.of {
			t.Errorf("%s in 2027: %s (%d), want %s (%d)", tc.name, got, of, tc.want, tc.of)
		}
	}
}
