package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// opsConfig points status.listen at LISTEN: a closed port by default, so
// that "the service does not answer" is tested without a running service.
const opsConfig = `
state_dir: state
quiet_hours: {disabled: true}
status: {listen: "LISTEN"}
sources:
  - name: demo
    driver: sqlite
    database: demo.db
channels:
  sms:
    provider: console
    rate: 1000/s
    in_flight: 1 # the fake provider's answers go in order: to the messages in order
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1h"
    backfill: all
    messages:
      sms:
        text: "{{.FATURA_NO}} {{money .TOPLAM_GENEL_KPB}}"
`

// scripted answers with errs in order, then accepts.
type scripted struct{ errs []error }

func (p *scripted) Send(context.Context, notify.Message) (notify.Result, error) {
	if len(p.errs) > 0 {
		err := p.errs[0]
		p.errs = p.errs[1:]
		return notify.Result{}, err
	}
	return notify.Result{ProviderID: "p-1"}, nil
}

// opsSetup writes a config and an outbox in which the demo invoices were
// sent once through a provider answering errs first. It returns the config
// path and the daemon (closed at the end of the test).
func opsSetup(t *testing.T, listen string, errs ...error) (string, *connector.Daemon) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(strings.Replace(opsConfig, "LISTEN", listen, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := connector.New(ctx, cfg, connector.Options{Providers: map[string]notify.Provider{"sms": &scripted{errs: errs}}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Drain(ctx); err != nil {
		t.Fatal(err)
	}
	return path, d
}

var refusedSend = notify.Permanent("70", mapping.Reason{Detail: "invalid number", Args: map[string]string{"tr": "geçersiz numara"}})

func TestStatusCommand(t *testing.T) {
	cfg, d := opsSetup(t, "127.0.0.1:1", refusedSend)
	failed, _ := d.Store().List(context.Background(), outbox.Filter{Status: outbox.StatusFailed})
	code, out, errOut := runEN(t, "status", "--config", cfg)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"JOBS", "new-invoices", "  ok  ", "QUEUE", "  empty", "CHANNELS",
		"the service does not answer at http://127.0.0.1:1/readyz", "TODAY", "Sent 20", "LAST ERRORS",
		strconv.FormatInt(failed[0].ID, 10), "invalid number (code 70)", "+90532*****67", "does not exist in CARI"} {
		if !strings.Contains(out, want) {
			t.Errorf("status output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, failed[0].To) {
		t.Errorf("status shows a full recipient %q", failed[0].To)
	}
	code, out, _ = runEN(t, "status", "--json", "--config", cfg)
	if code != exitOK || !strings.Contains(out, `"problems"`) || strings.Contains(out, failed[0].To) {
		t.Errorf("status --json (exit %d):\n%s", code, out)
	}
}

func TestStatusCommandShowsAPausedChannel(t *testing.T) {
	// The running service is played by a status server over the daemon
	// whose provider rejected the credentials.
	_, d := opsSetup(t, "127.0.0.1:1", notify.Config("30", mapping.Reason{Detail: "invalid credentials", Args: map[string]string{"tr": "geçersiz kullanıcı"}}))
	srv, err := status.New(status.Options{Store: d.Store(), Probe: d, AuthFile: filepath.Join(t.TempDir(), status.AuthFileName)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	cfg, _ := opsSetup(t, strings.TrimPrefix(ts.URL, "http://"))
	code, out, errOut := runEN(t, "status", "--config", cfg)
	if code != exitOK || !strings.Contains(out, "sms  PAUSED: ") || !strings.Contains(out, "invalid credentials") {
		t.Errorf("exit %d: %s\n%s", code, out, errOut)
	}
}

func TestMessagesCommands(t *testing.T) {
	cfg, d := opsSetup(t, "127.0.0.1:1", refusedSend, refusedSend, refusedSend, notify.Config("30", mapping.Reason{Detail: "invalid credentials"}))
	ctx := context.Background()
	s := d.Store()
	failed, _ := s.List(ctx, outbox.Filter{Status: outbox.StatusFailed})
	pending, _ := s.List(ctx, outbox.Filter{Status: outbox.StatusPending})
	if len(failed) != 3 || len(pending) == 0 {
		t.Fatalf("setup: %d failed, %d pending", len(failed), len(pending))
	}
	id := func(m outbox.Message) string { return strconv.FormatInt(m.ID, 10) }
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
		want     []string
		status   map[int64]outbox.Status
	}{
		{"list failed", []string{"messages", "list", "--status", "failed", "--since", "24h"}, exitOK,
			[]string{"3 message(s)", "invalid number (code 70)", "+90532*****67"}, nil},
		{"list an unknown status", []string{"messages", "list", "--status", "lost"}, exitUsage, []string{"use one of"}, nil},
		{"retry one", []string{"messages", "retry", id(failed[0])}, exitOK, []string{"1 message(s) queued again"},
			map[int64]outbox.Status{failed[0].ID: outbox.StatusPending}},
		{"retry it again", []string{"messages", "retry", id(failed[0])}, exitUsage,
			[]string{"its state is Pending; only a message in state Failed or Held for operator can be queued again"}, nil},
		{"retry all failed, plain progress lines", []string{"messages", "retry", "--all-failed", "--since", "24h"}, exitOK,
			[]string{"retry: 1/2", "retry: 2/2", "2 message(s) queued again"},
			map[int64]outbox.Status{failed[1].ID: outbox.StatusPending, failed[2].ID: outbox.StatusPending}},
		{"retry needs IDs or --all-failed", []string{"messages", "retry"}, exitUsage, []string{"which messages? give their IDs", "--all-failed for every failed one"}, nil},
		{"retry takes IDs or --all-failed, not both", []string{"messages", "retry", "1", "--all-failed"}, exitUsage, []string{"give message IDs or --all-failed, not both"}, nil},
		{"retry a non-number", []string{"messages", "retry", "abc"}, exitUsage, []string{`"abc" is not a message ID`}, nil},
		{"cancel a pending message", []string{"messages", "cancel", id(pending[0])}, exitOK, []string{"1 message(s) cancelled"},
			map[int64]outbox.Status{pending[0].ID: outbox.StatusCancelled}},
		{"cancel a missing message", []string{"messages", "cancel", "99999"}, exitUsage, []string{"message 99999: there is no message with this ID in the outbox"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runEN(t, append(tc.args, "--config", cfg)...)
			if code != tc.wantCode {
				t.Errorf("exit %d, want %d: %s %s", code, tc.wantCode, out, errOut)
			}
			for _, w := range tc.want {
				if !strings.Contains(out+errOut, w) {
					t.Errorf("output lacks %q:\n%s%s", w, out, errOut)
				}
			}
			for mid, want := range tc.status {
				if m, _ := s.Get(ctx, mid); m.Status != want {
					t.Errorf("message %d is %s, want %s", mid, m.Status, want)
				}
			}
		})
	}
}

// A retry or cancel the outbox refuses for one message says why in the
// reader's language: the state the message is in and the ones the action
// takes, named as the listing names them.
func TestMessageRefusalsSayWhy(t *testing.T) {
	noLocale(t)
	cfg, d := opsSetup(t, "127.0.0.1:1", refusedSend)
	ctx := context.Background()
	failed, _ := d.Store().List(ctx, outbox.Filter{Status: outbox.StatusFailed})
	sent, _ := d.Store().List(ctx, outbox.Filter{Status: outbox.StatusSent})
	if len(failed) == 0 || len(sent) == 0 {
		t.Fatalf("setup: %d failed, %d sent", len(failed), len(sent))
	}
	id := func(m outbox.Message) string { return strconv.FormatInt(m.ID, 10) }
	english := englishFragments()
	for _, tc := range []struct {
		args   []string
		tr, en string
	}{
		{[]string{"retry", id(sent[0])},
			id(sent[0]) + " numaralı mesaj: durumu Gönderildi; yalnızca Başarısız ya da Operatör bekliyor durumundaki mesajlar yeniden kuyruğa alınabilir",
			"message " + id(sent[0]) + ": its state is Sent; only a message in state Failed or Held for operator can be queued again"},
		{[]string{"cancel", id(failed[0])},
			id(failed[0]) + " numaralı mesaj: durumu Başarısız; yalnızca Bekliyor, Operatör bekliyor ya da Yedek durumundaki mesajlar iptal edilebilir",
			"message " + id(failed[0]) + ": its state is Failed; only a message in state Pending, Held for operator or Standby can be cancelled"},
		{[]string{"retry", "999999"}, "999999 numaralı mesaj: giden kutusunda bu numarada bir mesaj yok",
			"message 999999: there is no message with this ID in the outbox"},
		{[]string{"cancel", "999999"}, "999999 numaralı mesaj: giden kutusunda bu numarada bir mesaj yok",
			"message 999999: there is no message with this ID in the outbox"},
	} {
		args := append(append([]string{"messages"}, tc.args...), "--config", cfg)
		code, out, errOut := runCLI(t, args...)
		if code != exitUsage || !strings.Contains(errOut, tc.tr) {
			t.Errorf("%q: exit %d, want %d and %q:\n%s%s", tc.args, code, exitUsage, tc.tr, errOut, out)
		}
		for _, f := range english {
			if strings.Contains(out+errOut, f) {
				t.Errorf("%q printed English %q:\n%s%s", tc.args, f, errOut, out)
			}
		}
		if code, _, errOut := runEN(t, args...); code != exitUsage || !strings.Contains(errOut, tc.en) {
			t.Errorf("English %q: exit %d, want %q:\n%s", tc.args, code, tc.en, errOut)
		}
	}
	if m, _ := d.Store().Get(ctx, sent[0].ID); m.Status != outbox.StatusSent {
		t.Errorf("the refused retry moved a sent message to %s", m.Status)
	}
}

// --status takes a state by the outbox's name or by the one the listing
// shows, Turkish or English, in any case, typed with or without Turkish
// letters; a word that names none is refused with the names there are, in
// the reader's language.
func TestMessagesListStatusNames(t *testing.T) {
	noLocale(t)
	cfg, d := opsSetup(t, "127.0.0.1:1", refusedSend)
	ctx := context.Background()
	for _, tc := range []struct {
		names []string
		want  outbox.Status
	}{
		{[]string{"sent", "SENT", "Sent", "gönderildi", "Gönderildi", "GÖNDERİLDİ", "gonderildi", "GONDERILDI"}, outbox.StatusSent},
		{[]string{"failed", "başarısız", "BAŞARISIZ", "Basarisiz"}, outbox.StatusFailed},
		{[]string{"skipped", "atlandı", "ATLANDI", "atlandi"}, outbox.StatusSkipped},
		{[]string{"cancelled", "iptal edildi", "İPTAL EDİLDİ", "iptal-edildi", "IPTAL_EDILDI"}, outbox.StatusCancelled},
		{[]string{"held", "Held for operator", "operatör bekliyor", "OPERATÖR BEKLİYOR"}, outbox.StatusHeld},
		{[]string{"pending", "bekliyor"}, outbox.StatusPending},
		{[]string{"delivered", "iletildi", "İLETİLDİ"}, outbox.StatusDelivered},
		{[]string{"read", "okundu"}, outbox.StatusRead},
		{[]string{"standby", "yedek"}, outbox.StatusStandby},
	} {
		stored, err := d.Store().List(ctx, outbox.Filter{Status: tc.want, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range tc.names {
			var got []status.MessageView
			decodeJSON(t, &got, "messages", "list", "--json", "--limit", "1000", "--status", name, "--config", cfg)
			if len(got) != len(stored) {
				t.Errorf("--status %q: %d messages, want the %d %s ones", name, len(got), len(stored), tc.want)
			}
			for _, m := range got {
				if m.Status != tc.want {
					t.Errorf("--status %q listed a message that is %s", name, m.Status)
				}
			}
		}
	}
	if n, _ := d.Store().List(ctx, outbox.Filter{Status: outbox.StatusSent}); len(n) == 0 {
		t.Fatal("setup: nothing sent, the names were compared on empty lists")
	}
	// Every state is named back by each of its names, and no two fold alike.
	for _, st := range outbox.Statuses {
		tr := catalog.TR.Text(stateKey(st), nil)
		for _, name := range []string{string(st), tr, strings.ToUpperSpecial(unicode.TurkishCase, tr), catalog.EN.Text(stateKey(st), nil)} {
			if got, ok := parseStatus(name); !ok || got != st {
				t.Errorf("%q names %q (%v), want %q", name, got, ok, st)
			}
		}
	}

	for _, tc := range []struct {
		lang []string
		want string
	}{
		{nil, `hata: --status için geçersiz değer "kayıp": bir mesaj durumu değil; şunlardan birini yazın: Yedek, Bekliyor, Gönderiliyor, ` +
			"Belirsiz, Operatör bekliyor, Gönderildi, İletildi, Okundu, Başarısız, Atlandı, İptal edildi (büyük küçük harf fark etmez; " +
			"İngilizce adları da olur, ör. failed)"},
		{[]string{"--lang", "en"}, `error: invalid argument "kayıp" for --status: not a message state; use one of Standby, Pending, Sending, ` +
			"Uncertain, Held for operator, Sent, Delivered, Read, Failed, Skipped, Cancelled"},
	} {
		code, out, errOut := runCLI(t, append(tc.lang, "messages", "list", "--status", "kayıp", "--config", cfg)...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, want %d and %q:\n%s%s", tc.lang, code, exitUsage, tc.want, errOut, out)
		}
	}
}

func TestAdminCommands(t *testing.T) {
	cfg, _ := opsSetup(t, "127.0.0.1:1")
	const pw = "yeni-parola-2026"
	code, out := runWithStdin(t, pw+"\n", "admin", "set-password", "--config", cfg)
	if code != 0 || !strings.Contains(out, "admin password set") || strings.Contains(out, pw) {
		t.Fatalf("set-password: %s", out)
	}
	if code, out = runWithStdin(t, "kisa\n", "admin", "set-password", "--config", cfg); code == 0 || !strings.Contains(out, "at least 10") {
		t.Errorf("short password: %s", out)
	}
	code, out = runWithStdin(t, "", "admin", "token", "create", "prometheus", "--config", cfg)
	tok := strings.SplitN(out, "\n", 2)[0]
	if code != 0 || !strings.HasPrefix(tok, "akc_") {
		t.Fatalf("token create: %s", out)
	}
	if code, out = runWithStdin(t, "", "admin", "token", "list", "--config", cfg); code != 0 || !strings.Contains(out, "prometheus") || strings.Contains(out, tok) {
		t.Errorf("token list: %s", out)
	}
	if code, out = runWithStdin(t, "", "admin", "token", "revoke", "prometheus", "--config", cfg); code != 0 {
		t.Errorf("token revoke: %s", out)
	}
	if _, out = runWithStdin(t, "", "admin", "token", "list", "--config", cfg); !strings.Contains(out, "no tokens") {
		t.Errorf("after revoke: %s", out)
	}
	b, err := os.ReadFile(filepath.Join(filepath.Dir(cfg), "state", status.AuthFileName))
	if err != nil || strings.Contains(string(b), pw) {
		t.Errorf("credentials file (%v):\n%s", err, b)
	}
}

// At the server the admin gets in whatever others did at the login: admin
// unlock clears the waits of the running page, admin login-link prints a
// one-time link to it.
func TestAdminUnlockAndLoginLink(t *testing.T) {
	cfgPath, d := opsSetup(t, "127.0.0.1:8751")
	const pw = "yeni-parola-2026"
	if code, out := runWithStdin(t, pw+"\n", "admin", "set-password", "--config", cfgPath); code != 0 {
		t.Fatalf("set-password: %s", out)
	}
	authFile := filepath.Join(filepath.Dir(cfgPath), "state", status.AuthFileName)
	srv, err := status.New(status.Options{Store: d.Store(), Probe: d, Metrics: d.Metrics(), AuthFile: authFile})
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	defer hs.Close()
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	login := func(password string) int {
		jar, _ := cookiejar.New(nil)
		c := &http.Client{Jar: jar, CheckRedirect: noRedirect.CheckRedirect}
		resp, err := c.Get(hs.URL + "/login")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("no CSRF token:\n%s", b)
		}
		resp, err = c.PostForm(hs.URL+"/login", url.Values{"csrf": {string(m[1])}, "password": {password}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	for range 8 {
		login("yanlis-parola")
	}
	if got := login(pw); got != http.StatusTooManyRequests {
		t.Fatalf("right password after a flood: %d, want 429", got)
	}
	if code, out := runWithStdin(t, "", "admin", "unlock", "--config", cfgPath); code != 0 || !strings.Contains(out, "cleared") {
		t.Fatalf("admin unlock: %d %s", code, out)
	}
	if got := login(pw); got != http.StatusSeeOther {
		t.Fatalf("right password after admin unlock: %d, want 303", got)
	}

	code, out := runWithStdin(t, "", "admin", "login-link", "--config", cfgPath)
	link := strings.SplitN(out, "\n", 2)[0]
	if code != 0 || !strings.HasPrefix(link, "http://127.0.0.1:8751/login/link?t=") {
		t.Fatalf("admin login-link: %d %s", code, out)
	}
	u, _ := url.Parse(link)
	resp, err := noRedirect.Get(hs.URL + u.RequestURI())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("opening the link: %s", resp.Status)
	}
	if resp, _ = noRedirect.Get(hs.URL + u.RequestURI()); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("opening the link twice: %s, want 403", resp.Status)
	}
}

// A channel whose balance is under its low_credit reads so in `status`,
// as on the page: with what the account holds and the limit, in the
// reader's language; a balance above it is just "running". The running
// service is played by a status server over a daemon whose NetGSM account
// (the fake) holds 39 TL.
func TestStatusCommandShowsALowBalance(t *testing.T) {
	for _, tc := range []struct {
		name      string
		lowCredit string
		lang      string
		want      string
		never     string
	}{
		{"low, in Turkish", "", "tr",
			"sms  çalışıyor; Sağlayıcı bakiyesi düşük (39 TL; sınır 100): mesajlar durmadan önce hesaba kredi yükleyin", "credit"},
		{"low, in English", "500", "en",
			"sms  running; The provider's balance is low (39 TL; limit 500): top up the account before messages stop", "çalışıyor"},
		{"not low", "10", "en", "sms  running\n", "balance is low"},
		{"low by its TL line", "{TL: 50, packages: 500}", "tr",
			"sms  çalışıyor; Sağlayıcı bakiyesi düşük (39 TL, sınır 50): mesajlar durmadan önce hesaba kredi yükleyin", "sınır 500"},
		{"not low with lines per unit", "{TL: 10, packages: 500}", "en", "sms  running\n", "balance is low"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			fake := netgsmtest.New()
			t.Cleanup(fake.Close)
			t.Setenv("STATUS_TEST_NETGSM_PASSWORD", fake.Password)
			dir := t.TempDir()
			if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
				t.Fatal(err)
			}
			low := ""
			if tc.lowCredit != "" {
				low = "\n    low_credit: " + tc.lowCredit
			}
			y := `state_dir: state
quiet_hours: {disabled: true} # the assertions read the channel line whatever the hour
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms:
    provider: netgsm
    netgsm: {url: "` + fake.URL() + `", usercode: "` + fake.User + `", password: "${env:STATUS_TEST_NETGSM_PASSWORD}", msgheader: MAGAZA}` + low + `
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1h"
    messages: {sms: {text: "{{.FATURA_NO}}"}}
`
			path := filepath.Join(dir, "config.yaml")
			if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
				t.Fatal(err)
			}
			cfg, err := config.Load(path, config.Options{})
			if err != nil {
				t.Fatal(err)
			}
			if err := cfg.ResolveSecrets(nil); err != nil {
				t.Fatal(err)
			}
			pool := x509.NewCertPool()
			pool.AddCert(fake.Server.Certificate())
			d, err := connector.New(ctx, cfg, connector.Options{RootCAs: pool})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { d.Close() })
			if !d.CheckBalances(ctx) {
				t.Fatal("no balance API")
			}
			srv, err := status.New(status.Options{Store: d.Store(), Probe: d, AuthFile: filepath.Join(t.TempDir(), status.AuthFileName)})
			if err != nil {
				t.Fatal(err)
			}
			ts := httptest.NewServer(srv)
			defer ts.Close()
			cli, _ := opsSetup(t, strings.TrimPrefix(ts.URL, "http://"))
			code, out, errOut := runCLI(t, "--lang", tc.lang, "status", "--config", cli)
			if code != exitOK || !strings.Contains(out, tc.want) || strings.Contains(out, tc.never) {
				t.Errorf("exit %d; the output should say %q and not %q:\n%s\n%s", code, tc.want, tc.never, out, errOut)
			}
		})
	}
}

// An opt-out added with `optout add` is among the refusals of the status
// page's data (`status --json` is the same overview as /api/status),
// masked and marked as the operator's, its note left out.
func TestOptOutAddIsAmongTheRefusals(t *testing.T) {
	cfg, _ := opsSetup(t, "127.0.0.1:1")
	if code, out, errOut := runEN(t, "optout", "add", "0533 234 56 78", "--note", "telefonla istedi", "--config", cfg); code != exitOK {
		t.Fatalf("optout add: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut := runEN(t, "status", "--json", "--config", cfg)
	if code != exitOK {
		t.Fatalf("status --json: exit %d: %s", code, errOut)
	}
	var o status.Overview
	if err := json.Unmarshal([]byte(out), &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Refusals) != 1 || o.Refusals[0].To != "+90533*****78" || o.Refusals[0].Source != string(outbox.SourceOperator) ||
		o.Refusals[0].Channel != "" || o.Refusals[0].Scope != outbox.ScopeAll {
		t.Errorf("refusals %+v, want the operator's opt-out of every channel", o.Refusals)
	}
	if strings.Contains(out, "5332345678") || strings.Contains(out, "telefonla") {
		t.Errorf("status --json shows the number or the note:\n%s", out)
	}
}

// The tables of messages say what each is about, as the status page does:
// the invoice number and the customer, in a column of their own; --json
// keeps it whole in "about".
func TestTablesSayWhatAMessageIsAbout(t *testing.T) {
	noLocale(t)
	cfg, d := opsSetup(t, "127.0.0.1:1", refusedSend)
	failed, _ := d.Store().List(context.Background(), outbox.Filter{Status: outbox.StatusFailed})
	if len(failed) != 1 || failed[0].About == "" {
		t.Fatalf("setup: %+v", failed)
	}
	about := failed[0].About // "2024-101 · Ayşe Yılmaz"
	row := regexp.MustCompile(`(?m)^ *` + strconv.FormatInt(failed[0].ID, 10) + `\s.*$`)
	for _, tc := range []struct {
		args   []string
		header []string
	}{
		{[]string{"messages", "list", "--status", "failed"}, []string{"GÖREV", "KONU", "ALICI"}},
		{[]string{"--lang", "en", "messages", "list", "--status", "failed"}, []string{"JOB", "ABOUT", "RECIPIENT"}},
		{[]string{"status"}, []string{"GÖREV", "KONU", "ALICI"}},
		{[]string{"--lang", "en", "status"}, []string{"JOB", "ABOUT", "RECIPIENT"}},
	} {
		code, out, errOut := runCLI(t, append(tc.args, "--config", cfg)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errOut)
		}
		if !regexp.MustCompile(strings.Join(tc.header, `\s+`)).MatchString(out) {
			t.Errorf("%v: no header %v:\n%s", tc.args, tc.header, out)
		}
		if line := row.FindString(out); !regexp.MustCompile(`new-invoices\s+` + regexp.QuoteMeta(about) + `\s{2}`).MatchString(line) {
			t.Errorf("%v: the failed message's line %q does not say it is about %q:\n%s", tc.args, line, about, out)
		}
	}
	var got []status.MessageView
	decodeJSON(t, &got, "messages", "list", "--json", "--status", "failed", "--config", cfg)
	if len(got) != 1 || got[0].About != about {
		t.Errorf("--json: %+v, want about %q", got, about)
	}
}

func TestAboutCell(t *testing.T) {
	for _, tc := range []struct {
		name   string
		v      status.MessageView
		tr, en string
	}{
		{"an invoice", status.MessageView{About: "2024-117 · Ayşe Yılmaz", Record: "4711"}, "2024-117 · Ayşe Yılmaz", "2024-117 · Ayşe Yılmaz"},
		{"a long name is cut", status.MessageView{About: "2024-117 · Işık Mobilya Sanayi ve Ticaret A.Ş."},
			"2024-117 · Işık Mobilya…", "2024-117 · Işık Mobilya…"},
		{"cut in a long word", status.MessageView{About: "2024-117 · Hacıosmanoğullarıpazarlama"},
			"2024-117 · Hacıosmanoğullarıp…", "2024-117 · Hacıosmanoğullarıp…"},
		{"a tab in a name", status.MessageView{About: "2024-117 · Ayşe\tYılmaz"}, "2024-117 · Ayşe Yılmaz", "2024-117 · Ayşe Yılmaz"},
		{"stored before labels", status.MessageView{Record: "4711"}, "Kayıt 4711", "Record 4711"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tr, en := aboutCell(catalog.TR, tc.v), aboutCell(catalog.EN, tc.v)
			if tr != tc.tr || en != tc.en {
				t.Errorf("aboutCell = %q / %q, want %q / %q", tr, en, tc.tr, tc.en)
			}
			if n := len([]rune(tr)); n > aboutWidth {
				t.Errorf("%q is %d characters, over %d", tr, n, aboutWidth)
			}
		})
	}
}
