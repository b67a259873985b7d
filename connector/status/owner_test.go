package status_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// loginAs logs a fresh client in with pw and returns it with its CSRF token.
func (e *env) loginAs(pw string) (*http.Client, string) {
	e.t.Helper()
	c := e.client()
	_, page := e.do(c, "GET", "/login", nil)
	resp, _ := e.do(c, "POST", "/login", map[string]string{"csrf": csrfOf(e.t, page), "password": pw})
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("login: %s", resp.Status)
	}
	_, page = e.do(c, "GET", "/", nil)
	return c, csrfOf(e.t, page)
}

// section is the HTML of one section of the page.
func section(t *testing.T, page, id string) string {
	t.Helper()
	start := strings.Index(page, `<section id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no section %s in the page", id)
	}
	end := strings.Index(page[start:], "</section>")
	return page[start : start+end]
}

var invoiceNameRE = regexp.MustCompile(`Fatura 20\d\d-\d+ · \pL+ \pL+`)

// examplesOf is the list of examples of the to-do whose title is title
// ("" when there is none).
func examplesOf(html, title string) string {
	i := strings.Index(html, title)
	if i < 0 {
		return ""
	}
	rest := html[i:]
	start, end := strings.Index(rest, `<ul class="examples">`), strings.Index(rest, "</ul>")
	if next := strings.Index(rest[1:], "<strong>"); start < 0 || end < start || next >= 0 && next+1 < start {
		return ""
	}
	return rest[start:end]
}

var rowStatusRE = regexp.MustCompile(`<tr id="msg-(\d+)" data-status="(\w+)">`)

func rows(html string) (ids []string, statuses []string) {
	for _, m := range rowStatusRE.FindAllStringSubmatch(html, -1) {
		ids, statuses = append(ids, m[1]), append(statuses, m[2])
	}
	return ids, statuses
}

// The owner reads one verdict, then what to do about each problem, in
// plain Turkish with the fix, naming invoices and customers.
func TestOwnerVerdictAndWhatToDo(t *testing.T) {
	e := newOwnerEnv(t)
	c, _ := e.login()
	_, page := e.do(c, "GET", "/", nil)
	verdict := section(t, page, "verdict")
	if !strings.Contains(verdict, ">8 sorun var:</h2>") || !strings.Contains(verdict, "&#34;vade-hatirlatma&#34; görevi çalışamadı · 1 mesajın gidip gitmediği belli değil · ") {
		t.Errorf("verdict = %s", verdict)
	}
	todo := section(t, page, "todo")
	for _, want := range []string{
		`data-kind="job_failed"`, "Son deneme bugün 22:10: veritabanı sunucusuna ulaşılamadı. Wolvox sunucusunun açık olduğunu, config.yaml&#39;daki kaynağın host ve port değerlerini (Firebird&#39;de genellikle 3050)",
		`<code lang="en">source merkez (firebird): cannot reach the database D:\WOLVOX8\DATA\2026.FDB: dial tcp 192.168.1.10:3050: connect: connection refused</code>`,
		"1 mesajın gidip gitmediği belli değil", "Fatura 2026-800 · Ayşe Yılmaz",
		"Bu müşterinin cep telefonu Wolvox&#39;ta kayıtlı değil: cari kartına ekleyin, sonra mesajın yanındaki &#34;Wolvox&#39;tan yeniden oku&#34; düğmesine (birkaç mesaj için grubun &#34;Hepsini Wolvox&#39;tan yeniden oku&#34; düğmesine) basın", "Fatura 2024-108 · Özlem Aydın",
		"numara sabit hat", "Fatura 2024-106 · Hüseyin Çelik",
		"telefon numarası hatalı", "Fatura 2024-107 · Şükrü Kılıç", "Fatura 2024-112 · Emre Yıldız",
		"e-posta adresi kayıtlı değil", "faturanın carisi bulunamadı", "Fatura 2024-117<",
		"6 mesajı sağlayıcı kabul etmedi", "Nedeni listede yazıyor. Numara ya da adres yanlışsa cari kartında düzeltip mesajın yanındaki &#34;Wolvox&#39;tan yeniden oku&#34; düğmesine (birkaç mesaj için grubun &#34;Hepsini Wolvox&#39;tan yeniden oku&#34; düğmesine) basın",
	} {
		if !strings.Contains(todo, want) {
			t.Errorf("the to-do list lacks %q", want)
		}
	}
	// The refused ones are named by invoice and customer, five of the six
	// (which five depends on the order the outcomes were recorded in).
	if ex := examplesOf(todo, "6 mesajı sağlayıcı kabul etmedi"); len(invoiceNameRE.FindAllString(ex, -1)) != 5 {
		t.Errorf("the refused messages are not named by invoice and customer:\n%s", todo)
	}
	if strings.Contains(todo, "invoice:demo") || strings.Contains(todo, "Kayıt ") {
		t.Error("the to-do list names keys instead of invoices and customers")
	}
	// Each to-do links to the messages it is about.
	_, list := e.do(c, "GET", "/?fix=no_mobile", nil)
	_, statuses := rows(section(t, list, "messages"))
	if len(statuses) == 0 {
		t.Fatal("the no_mobile link lists nothing")
	}
	for _, st := range statuses {
		if st != "skipped" {
			t.Errorf("the no_mobile list holds a %s message", st)
		}
	}
}

// Every waiting message says why and until when: quiet hours, the daily
// limit, a retry with the provider's reason.
func TestWaitingMessagesSayWhyAndWhen(t *testing.T) {
	e := newOwnerEnv(t)
	c, _ := e.login()
	_, page := e.do(c, "GET", "/", nil)
	_, page2 := e.do(c, "GET", "/?pending_page=2", nil)
	pending := section(t, page, "pending") + section(t, page2, "pending")
	for _, want := range []string{
		"Sessiz saatler · gönderim yarın 09:00",
		"Tatil ya da sessiz saat · gönderim yarın 10:00", "Doğum günü Ümit Arslan",
		"Alıcının günlük sınırı doldu · gönderim yarın 00:00",
		"Tekrar denenecek · bugün 22:45 · sağlayıcıya ulaşılamadı",
	} {
		if !strings.Contains(pending, want) {
			t.Errorf("the waiting list lacks %q", want)
		}
	}
	if !strings.Contains(section(t, page, "channels"), "sessiz saatler · gönderim yarın 09:00") {
		t.Error("the SMS channel does not say it is in quiet hours")
	}
}

// Long lists come a page at a time; the list of all messages filters by
// state, channel and job.
func TestPagingAndFilters(t *testing.T) {
	e := newOwnerEnv(t)
	c, _ := e.login()
	_, page := e.do(c, "GET", "/", nil)
	first := section(t, page, "pending")
	ids1, _ := rows(first)
	if len(ids1) != 25 || !strings.Contains(first, "Sayfa 1/2") || !strings.Contains(first, `href="/?pending_page=2#pending"`) {
		t.Fatalf("the first page of the waiting list: %d rows\n%s", len(ids1), first)
	}
	_, page2 := e.do(c, "GET", "/?pending_page=2", nil)
	ids2, _ := rows(section(t, page2, "pending"))
	if len(ids2) == 0 || strings.Contains(strings.Join(ids1, ","), ids2[0]) {
		t.Errorf("page 2 = %v, page 1 = %v", ids2, ids1)
	}
	for _, tc := range []struct{ query, status, channel string }{
		{"status=failed", "failed", ""},
		{"status=delivered&channel=email", "delivered", "email"},
		{"job=yeni-faturalar&status=skipped", "skipped", ""},
	} {
		_, p := e.do(c, "GET", "/?"+tc.query, nil)
		list := section(t, p, "messages")
		ids, statuses := rows(list)
		if len(ids) == 0 {
			t.Errorf("%s: nothing listed", tc.query)
		}
		for i, st := range statuses {
			if st != tc.status {
				t.Errorf("%s: message %s is %s", tc.query, ids[i], st)
			}
			if tc.channel != "" {
				id, _ := strconv.ParseInt(ids[i], 10, 64)
				if m, _ := e.store.Get(context.Background(), id); m.Channel != tc.channel {
					t.Errorf("%s: message %d is on %s", tc.query, id, m.Channel)
				}
			}
		}
		if !strings.Contains(list, `<option value="`+tc.status+`" selected>`) {
			t.Errorf("%s: the filter does not show its choice", tc.query)
		}
	}
}

// The chart counts each channel's days as the outbox does.
func TestChartCountsEachDay(t *testing.T) {
	e := newOwnerEnv(t)
	ctx := context.Background()
	c, _ := e.login()
	_, page := e.do(c, "GET", "/", nil)
	chart := section(t, page, "chart")
	for _, ch := range []string{"sms", "email"} {
		ms, _ := e.store.List(ctx, outbox.Filter{Channel: ch, Since: ownerNow.AddDate(0, 0, -14), Limit: 1000})
		n := map[outbox.Status]int{}
		for _, m := range ms {
			n[m.Status]++
		}
		want := strconv.Itoa(n[outbox.StatusDelivered]) + " iletildi · " + strconv.Itoa(n[outbox.StatusSent]) + " gönderildi · " +
			strconv.Itoa(n[outbox.StatusFailed]) + " başarısız"
		if !strings.Contains(chart, `id="chart-`+ch+`"`) || !strings.Contains(chart, want) {
			t.Errorf("%s chart lacks %q", ch, want)
		}
	}
	if n := strings.Count(chart, `<g class="day">`); n != 28 {
		t.Errorf("%d day groups, want 14 per channel", n)
	}
	if !strings.Contains(chart, "<title>25.11.2026: ") || strings.Contains(chart, "<script") {
		t.Errorf("the chart has no day titles or carries a script")
	}
}

// The viewer sees the page without its buttons and cannot act even by a
// forged form; the admin pauses and resumes a channel.
func TestViewerReadsAdminActs(t *testing.T) {
	e := newOwnerEnv(t)
	viewer, vtok := e.loginAs(viewerPassword)
	_, page := e.do(viewer, "GET", "/", nil)
	if !strings.Contains(page, `id="role"`) || strings.Contains(page, `class="retry"`) || strings.Contains(page, `class="reread"`) || strings.Contains(page, `id="pause-`) ||
		!strings.Contains(page, "yönetici parolası ister") {
		t.Errorf("the viewer's page shows buttons or no role")
	}
	if todo := section(t, page, "todo"); !strings.Contains(todo, "BT sorumlunuz sağlayıcının panelinde") || strings.Contains(todo, "düğmesine basın") {
		t.Errorf("the viewer is told to press buttons they do not have:\n%s", todo)
	}
	held, _ := e.store.List(context.Background(), outbox.Filter{Status: outbox.StatusHeld})
	skipped, _ := e.store.List(context.Background(), outbox.Filter{Status: outbox.StatusSkipped})
	for _, path := range []string{"/messages/" + strconv.FormatInt(held[0].ID, 10) + "/retry", "/channels/sms/pause",
		"/messages/" + strconv.FormatInt(skipped[0].ID, 10) + "/reread"} {
		if resp, body := e.do(viewer, "POST", path, map[string]string{"csrf": vtok}); resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "yalnızca okuyabilir") {
			t.Errorf("viewer POST %s: %s %s", path, resp.Status, body)
		}
	}
	if m, _ := e.store.Get(context.Background(), held[0].ID); m.Status != outbox.StatusHeld {
		t.Errorf("the viewer's retry changed the message to %s", m.Status)
	}

	admin, tok := e.login()
	resp, _ := e.do(admin, "POST", "/channels/email/pause", map[string]string{"csrf": tok})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("pause: %s", resp.Status)
	}
	_, page = e.do(admin, "GET", resp.Header.Get("Location"), nil)
	if !strings.Contains(page, "E-posta kanalı duraklatıldı; mesajlar bekliyor.") || !strings.Contains(page, `data-kind="channel_held"`) ||
		!strings.Contains(page, `id="resume-email"`) {
		t.Errorf("after pause the page lacks the flash, the to-do or the resume button")
	}
	if paused, why := e.daemon.ChannelPaused("email"); !paused || why.Code != "dispatch.paused_by_operator" {
		t.Errorf("email paused = %v (%v)", paused, why)
	}
	e.do(admin, "POST", "/channels/email/resume", map[string]string{"csrf": tok})
	if paused, _ := e.daemon.ChannelPaused("email"); paused {
		t.Error("email still paused after resume")
	}
	if resp, _ := e.do(admin, "POST", "/channels/email/pause", map[string]string{"csrf": "forged"}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("pause without the CSRF token: %s", resp.Status)
	}
}

// A shop with nothing wrong reads one green line, with the two weeks'
// numbers.
func TestAllIsWell(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	demo.CreateDB(ctx, filepath.Join(dir, "demo.db"))
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte(strings.Replace(ownerConfig, "    backfill: all\n", "", 1)), 0o600)
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	clk := &clock{t: ownerNow}
	d, err := connector.New(ctx, cfg, connector.Options{Providers: map[string]notify.Provider{"sms": &provider{}, "email": &provider{}}, Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	e := &ownerEnv{env: &env{t: t, dir: dir, daemon: d, store: d.Store(), authFile: status.AuthPath(string(cfg.StateDir)), clock: clk}, ist: cfg.Location()}
	e.history(ctx)
	// The failed ones of the past days were retried and sent.
	failed, _ := e.store.List(ctx, outbox.Filter{Status: outbox.StatusFailed})
	for _, m := range failed {
		e.store.RecordReport(ctx, m.ID, outbox.Report{Status: outbox.StatusPending}, outbox.StatusFailed)
		e.store.Cancel(ctx, m.ID)
	}
	status.SetPassword(e.authFile, password)
	srv, _ := status.New(status.Options{Store: e.store, Probe: d, AuthFile: e.authFile, Location: cfg.Location(), Now: clk.now})
	e.srv = httptest.NewServer(srv)
	defer e.srv.Close()
	c, _ := e.login()
	_, page := e.do(c, "GET", "/", nil)
	v := section(t, page, "verdict")
	if !strings.Contains(v, `class="verdict ok"`) || !strings.Contains(v, "Her şey yolunda") || !regexp.MustCompile(`Son 14 günde \d+ mesaj gönderildi; \d+ tanesinin iletildiği bildirildi`).MatchString(v) {
		t.Errorf("verdict = %s", v)
	}
	if strings.Contains(page, `id="todo"`) {
		t.Error("a to-do list with nothing to do")
	}
}

// The JSON API carries what the page names messages by.
func TestAPIHasAboutAndNextAt(t *testing.T) {
	e := newOwnerEnv(t)
	c, _ := e.login()
	_, body := e.do(c, "GET", "/api/status", nil)
	var o struct {
		Pending  []status.MessageView  `json:"pending"`
		Channels []status.ChannelState `json:"channels"`
	}
	if err := json.Unmarshal([]byte(body), &o); err != nil {
		t.Fatal(err)
	}
	var capped *status.MessageView
	for i, m := range o.Pending {
		if m.About == "" {
			t.Errorf("pending message %d has no about", m.ID)
		}
		if m.Why.Code == "dispatch.daily_cap" {
			capped = &o.Pending[i]
		}
	}
	if capped == nil || capped.NextAt.IsZero() {
		t.Errorf("the capped message = %+v", capped)
	}
	for _, ch := range o.Channels {
		if ch.Name == "sms" && !ch.QuietUntil.Equal(time.Date(2026, 11, 26, 9, 0, 0, 0, e.ist)) {
			t.Errorf("sms quiet until %v", ch.QuietUntil)
		}
	}
}

// An error the connector wrote itself (a custom query's key column of the
// wrong kind) is shown in Turkish on the Turkish page; the English page,
// and a driver's words on either, show the English marked as such.
func TestJobFailureIsShownInThePagesLanguage(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	for _, r := range []outbox.JobRun{
		{Job: "telefonlar", LastRun: time.Now().Add(-time.Minute), Failure: string(erp.FailureOther),
			Err:   "job telefonlar: source demo: key column BLKODU holds A-17 (string), not a whole number",
			ErrTR: "anahtar sütunu BLKODU tam sayı değil, A-17 (string) tutuyor"},
		{Job: "faturalar", LastRun: time.Now().Add(-time.Minute), Failure: string(erp.FailureLogin),
			Err: "source merkez (firebird): cannot reach the database D:\\WOLVOX8\\DATA\\2026.FDB: Your user name and password are not defined."},
	} {
		if err := e.store.RecordJobRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	c, _ := e.login()
	for _, tc := range []struct {
		lang string
		want []string
	}{
		{"tr", []string{`<p class="detail"><code>anahtar sütunu BLKODU tam sayı değil, A-17 (string) tutuyor</code>`,
			"veritabanı kullanıcı adını ya da parolayı kabul etmedi. config.yaml&#39;da kaynağın user değerini denetleyin",
			"akinsoft-connector secrets set AD --config", "${secret:AD}",
			`<code lang="en">source merkez (firebird): cannot reach the database D:\WOLVOX8\DATA\2026.FDB: Your user name`}},
		{"en", []string{`<code lang="en">job telefonlar: source demo: key column BLKODU holds A-17 (string), not a whole number</code>`,
			"the database refused the user name or password. Check the source&#39;s user in config.yaml"}},
	} {
		e.do(c, "GET", "/?lang="+tc.lang, nil) // sets the language and comes back
		_, page := e.do(c, "GET", "/", nil)
		todo := section(t, page, "todo")
		for _, want := range tc.want {
			if !strings.Contains(todo, want) {
				t.Errorf("%s: the to-do list lacks %q:\n%s", tc.lang, want, todo)
			}
		}
	}
}

// A read the database refused for a missing SELECT right: the to-do list
// names the GRANT the connector wrote into the error, and, for a run an
// older binary stored without one, its general form.
func TestPermissionFailureNamesTheGrant(t *testing.T) {
	e := newEnv(t, envOpts{})
	ctx := context.Background()
	for _, r := range []outbox.JobRun{
		{Job: "tahsilat", LastRun: time.Now().Add(-time.Minute), Failure: string(erp.FailurePermission),
			Err: "source merkez: give user AKC_RO the right to read table CARIHR: connect to the database as SYSDBA (e.g. with isql-fb or IBExpert) " +
				"and run: GRANT SELECT ON CARIHR TO AKC_RO; COMMIT; (no permission for SELECT access to TABLE CARIHR)"},
		{Job: "eski", LastRun: time.Now().Add(-time.Minute), Failure: string(erp.FailurePermission),
			Err: "source merkez: query failed: no permission for SELECT access to TABLE CARI"},
	} {
		if err := e.store.RecordJobRun(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	c, _ := e.login()
	e.do(c, "GET", "/?lang=tr", nil)
	_, page := e.do(c, "GET", "/", nil)
	todo := section(t, page, "todo")
	for _, want := range []string{"veritabanı kullanıcısının sorgudaki bir tabloyu okuma yetkisi yok. Wolvox sunucusunda veritabanına yönetici olarak bağlanın",
		"`GRANT SELECT ON CARIHR TO AKC_RO; COMMIT;`", "`GRANT SELECT ON &lt;tablo&gt; TO &lt;kullanıcı&gt;;`"} {
		if !strings.Contains(todo, want) {
			t.Errorf("the to-do list lacks %q:\n%s", want, todo)
		}
	}
}
