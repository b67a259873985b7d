package status_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

var refused = notify.Permanent("70", mapping.Reason{Detail: "invalid number", Args: map[string]string{"tr": "geçersiz numara"}})

func TestPublicEndpoints(t *testing.T) {
	e := newEnv(t, envOpts{})
	for _, tc := range []struct {
		path, wantType, wantBody string
		wantCode                 int
	}{
		{"/healthz", "text/plain", "ok\n", 200},
		{"/static/style.css", "text/css", "--ok:", 200}, // served from the binary: works offline
		{"/login", "text/html", "Yönetici girişi", 200},
		{"/nope", "text/plain", "404", 404},
	} {
		resp, body := e.do(e.client(), "GET", tc.path, nil)
		if resp.StatusCode != tc.wantCode || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.wantType) || !strings.Contains(body, tc.wantBody) {
			t.Errorf("%s: %s %s %.80q", tc.path, resp.Status, resp.Header.Get("Content-Type"), body)
		}
	}
}

func TestReadyz(t *testing.T) {
	for _, tc := range []struct {
		name      string
		errs      []error
		wantCode  int
		wantAlert string
	}{
		{"all well", nil, http.StatusOK, ""},
		{"channel paused by an operator", nil, http.StatusOK, "paused by an operator"},
		{"channel paused by rejected credentials", []error{notify.Config("30", mapping.Reason{Detail: "invalid credentials", Args: map[string]string{"tr": "geçersiz kullanıcı"}})}, http.StatusServiceUnavailable, "invalid credentials"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{errs: tc.errs})
			held := strings.Contains(tc.name, "operator")
			if held && !e.daemon.Hold(t.Context(), "sms") {
				t.Fatal("no sms channel to hold")
			}
			resp, body := e.do(e.client(), "GET", "/readyz", nil)
			var got struct {
				Ready    bool
				Checks   map[string]string
				Warnings []string
				Channels []status.ChannelState
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("%v: %s", err, body)
			}
			if resp.StatusCode != tc.wantCode || got.Ready != (tc.wantCode == http.StatusOK) || got.Checks["erp"] != "ok" ||
				got.Checks["outbox"] != "ok" || len(got.Channels) != 1 {
				t.Fatalf("readyz %s: %s", resp.Status, body)
			}
			if ch := got.Channels[0]; ch.Paused != (tc.wantAlert != "") || !strings.Contains(catalog.EN.Reason(ch.Alert), tc.wantAlert) {
				t.Errorf("channel = %+v, want alert %q", ch, tc.wantAlert)
			}
			if held != (len(got.Warnings) == 1) || held && !strings.Contains(got.Warnings[0], "paused by an operator") {
				t.Errorf("warnings %q; want one for an operator's pause, none otherwise", got.Warnings)
			}
		})
	}
}

func TestMetrics(t *testing.T) {
	e := newEnv(t, envOpts{errs: []error{refused}})
	resp, body := e.do(e.client(), "GET", "/metrics", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("metrics: %s", resp.Status)
	}
	for _, want := range []string{
		`akinsoft_connector_messages{channel="sms",status="failed"} 1`,
		`akinsoft_connector_messages{channel="sms",status="sent"}`,
		`akinsoft_connector_provider_request_duration_seconds_count{channel="sms",outcome="failed"} 1`,
		`akinsoft_connector_poll_duration_seconds_count{job="new-invoices"} 1`,
		`akinsoft_connector_rows_read_total{job="new-invoices"}`,
		`akinsoft_connector_job_last_run_failed{job="new-invoices"} 0`,
		`akinsoft_connector_job_last_success_timestamp_seconds{job="new-invoices"}`,
		`akinsoft_connector_outbox_read_errors 0`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestQueueDepthMetric(t *testing.T) {
	// A paused channel leaves its messages queued.
	e := newEnv(t, envOpts{errs: []error{notify.Config("30", mapping.Reason{Detail: "invalid credentials"})}})
	_, body := e.do(e.client(), "GET", "/metrics", nil)
	if !strings.Contains(body, `akinsoft_connector_queue_depth{channel="sms"}`) {
		t.Errorf("no queue depth in metrics:\n%s", body)
	}
}

func TestMonitoringNeedsATokenBeyondLoopback(t *testing.T) {
	for _, tc := range []struct {
		name   string
		remote bool
		path   string
		token  string // "good" or a literal
		want   int
	}{
		{"metrics open on loopback", false, "/metrics", "", 200},
		{"readyz open on loopback", false, "/readyz", "", 200},
		{"metrics closed remotely", true, "/metrics", "", 401},
		{"readyz closed remotely", true, "/readyz", "", 401},
		{"metrics with a token remotely", true, "/metrics", "good", 200},
		{"metrics with a wrong token", true, "/metrics", "akc_nope", 401},
		{"api without a token", false, "/api/status", "", 401},
		{"api with a wrong token", false, "/api/status", "akc_nope", 401},
		{"api with a token", false, "/api/status", "good", 200},
		{"healthz always open", true, "/healthz", "", 200},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{remote: tc.remote})
			tok := tc.token
			if tok == "good" {
				var err error
				if tok, err = status.CreateToken(e.authFile, "prometheus", time.Now()); err != nil {
					t.Fatal(err)
				}
			}
			var hdr []string
			if tok != "" {
				hdr = []string{"Authorization", "Bearer " + tok}
			}
			if resp, body := e.do(e.client(), "GET", tc.path, nil, hdr...); resp.StatusCode != tc.want {
				t.Errorf("%s: %s, want %d: %s", tc.path, resp.Status, tc.want, body)
			}
		})
	}
}

func TestAPIStatusMasksRecipients(t *testing.T) {
	e := newEnv(t, envOpts{errs: []error{refused}})
	tok, err := status.CreateToken(e.authFile, "zabbix", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	resp, body := e.do(e.client(), "GET", "/api/status", nil, "Authorization", "Bearer "+tok)
	var o status.Overview
	if err := json.Unmarshal([]byte(body), &o); err != nil || resp.StatusCode != 200 {
		t.Fatalf("%s %v: %s", resp.Status, err, body)
	}
	if len(o.Problems) == 0 || !strings.Contains(o.Problems[len(o.Problems)-1].Reason, "invalid number") || len(o.Jobs) != 1 || o.Today["sms"]["failed"] != 1 {
		t.Errorf("overview = %+v", o)
	}
	if e.failed.To == "" || strings.Contains(body, e.failed.To) {
		t.Errorf("the API shows a full recipient (%q)", e.failed.To)
	}
	if resp, _ := e.do(e.client(), "POST", "/messages/1/retry", map[string]string{}, "Authorization", "Bearer "+tok); resp.StatusCode != 401 {
		t.Errorf("a read-only token could post an action: %s", resp.Status)
	}
}

func TestLoginAndPage(t *testing.T) {
	e := newEnv(t, envOpts{errs: []error{refused}})
	c := e.client()
	if resp, _ := e.do(c, "GET", "/", nil); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("anonymous page: %s %s", resp.Status, resp.Header.Get("Location"))
	}
	_, page := e.do(c, "GET", "/login", nil)
	if !strings.Contains(page, "Yönetici girişi") {
		t.Errorf("login page is not Turkish:\n%s", page)
	}
	tok := csrfOf(t, page)
	for _, tc := range []struct {
		name string
		form map[string]string
		want int
	}{
		{"no CSRF token", map[string]string{"password": password}, http.StatusForbidden},
		{"wrong CSRF token", map[string]string{"csrf": "x" + tok, "password": password}, http.StatusForbidden},
		{"wrong password", map[string]string{"csrf": tok, "password": "yanlis-parola"}, http.StatusUnauthorized},
	} {
		if resp, _ := e.do(c, "POST", "/login", tc.form); resp.StatusCode != tc.want {
			t.Errorf("%s: %s, want %d", tc.name, resp.Status, tc.want)
		}
		if tc.want == http.StatusUnauthorized {
			_, page = e.do(c, "GET", "/login", nil)
			tok = csrfOf(t, page)
		}
	}
	resp, _ := e.do(c, "POST", "/login", map[string]string{"csrf": tok, "password": password})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login: %s", resp.Status)
	}
	var sess *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "akc_session" {
			sess = ck
		}
	}
	if sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteStrictMode {
		t.Fatalf("session cookie = %+v; want HttpOnly and SameSite=Strict", sess)
	}
	resp, page = e.do(c, "GET", "/", nil)
	if resp.StatusCode != 200 {
		t.Fatalf("page: %s", resp.Status)
	}
	id := strconv.FormatInt(e.failed.ID, 10)
	for _, want := range []string{"Bildirim durumu", "Bugün", "Bu hafta", "new-invoices", `id="msg-` + id + `" data-status="failed"`,
		"geçersiz numara", `id="retry-` + id + `"`, "Başarısız", "Kuyruk"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, e.failed.To) {
		t.Errorf("page shows a full recipient %q", e.failed.To)
	}
	if h := resp.Header.Get("Content-Security-Policy"); !strings.Contains(h, "default-src 'self'") {
		t.Errorf("CSP = %q", h)
	}
	// English on request, remembered by a cookie.
	e.do(c, "GET", "/?lang=en", nil)
	if _, page = e.do(c, "GET", "/", nil); !strings.Contains(page, "Notification status") || !strings.Contains(page, "Failed") ||
		!strings.Contains(page, "invalid number (code 70)") {
		t.Errorf("English page:\n%s", page)
	}
	// Logging out ends the session.
	e.do(c, "POST", "/logout", map[string]string{"csrf": csrfOf(t, page)})
	if resp, _ := e.do(c, "GET", "/", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after logout: %s", resp.Status)
	}
}

// The shop owner reads why a message failed in Turkish when the provider
// said it in Turkish; IT staff on the English page, and the API, keep the
// English reason with the provider's class and code.
func TestReasonInPageLanguage(t *testing.T) {
	for _, tc := range []struct {
		name     string
		err      error
		language string // the configured page language
		want     string
		dontWant string
	}{
		{"Turkish page", refused, "tr", `data-label="Neden">geçersiz numara (kod 70)</td>`, "invalid number"},
		{"English page", refused, "en", `data-label="Reason">invalid number (code 70)</td>`, "geçersiz numara"},
		{"Turkish page, a reason stored before the catalog with no Turkish text", notify.Permanent("71", mapping.Reason{Detail: "number blocked"}), "tr",
			`data-label="Neden">number blocked (kod 71)</td>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, envOpts{errs: []error{tc.err}, language: tc.language})
			c, _ := e.login()
			_, page := e.do(c, "GET", "/", nil)
			row := rowOf(t, page, e.failed.ID)
			if !strings.Contains(row, tc.want) || (tc.dontWant != "" && strings.Contains(row, tc.dontWant)) {
				t.Errorf("row of the failed message = %s\nwant %q without %q", row, tc.want, tc.dontWant)
			}
		})
	}
}

func TestAPIKeepsReasonAndAddsReasonTR(t *testing.T) {
	e := newEnv(t, envOpts{errs: []error{refused}})
	tok, err := status.CreateToken(e.authFile, "zabbix", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	_, body := e.do(e.client(), "GET", "/api/status", nil, "Authorization", "Bearer "+tok)
	var o struct {
		Problems []map[string]any `json:"problems"`
	}
	if err := json.Unmarshal([]byte(body), &o); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	var failed, skipped, landline map[string]any
	for _, p := range o.Problems {
		reason, _ := p["reason"].(string)
		switch {
		case p["status"] == string(outbox.StatusFailed):
			failed = p
		case strings.Contains(reason, "does not exist in CARI"): // the preset's check
			skipped = p
		case strings.Contains(reason, "is a landline"):
			landline = p
		}
	}
	if failed == nil || failed["reason"] != "invalid number (code 70)" || failed["reason_tr"] != "geçersiz numara (kod 70)" {
		t.Errorf("failed message in the API = %v", failed)
	}
	if tr, _ := skipped["reason_tr"].(string); skipped == nil || !strings.Contains(tr, "CARI tablosunda yok") {
		t.Errorf("the preset's own check should read in Turkish too: %v", skipped)
	}
	if tr, _ := landline["reason_tr"].(string); !strings.Contains(tr, "sabit hat") {
		t.Errorf("a record skipped for a landline should have a Turkish reason: %v", landline)
	}
}

// rowOf returns the first table row of message id in the page.
func rowOf(t *testing.T, page string, id int64) string {
	t.Helper()
	start := strings.Index(page, `<tr id="msg-`+strconv.FormatInt(id, 10)+`"`)
	if start < 0 {
		t.Fatalf("no row for message %d in the page:\n%s", id, page)
	}
	end := strings.Index(page[start:], "</tr>")
	if end < 0 {
		t.Fatalf("row of message %d is not closed", id)
	}
	return page[start : start+end]
}

func TestLoginWithoutPasswordExplainsWhatToDo(t *testing.T) {
	e := newEnv(t, envOpts{noPass: true})
	c := e.client()
	_, page := e.do(c, "GET", "/login", nil)
	resp, page := e.do(c, "POST", "/login", map[string]string{"csrf": csrfOf(t, page), "password": "anything-at-all"})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(page, "akinsoft-connector admin set-password") {
		t.Errorf("%s:\n%s", resp.Status, page)
	}
}

func TestActionsNeedCSRF(t *testing.T) {
	e := newEnv(t, envOpts{errs: []error{refused}})
	c, tok := e.login()
	path := "/messages/" + strconv.FormatInt(e.failed.ID, 10) + "/retry"
	for _, tc := range []struct {
		name string
		form map[string]string
		want int
	}{
		{"no token", map[string]string{}, http.StatusForbidden},
		{"wrong token", map[string]string{"csrf": tok + "x"}, http.StatusForbidden},
		{"another session's token", map[string]string{"csrf": func() string { _, t2 := e.login(); return t2 }()}, http.StatusForbidden},
	} {
		if resp, _ := e.do(c, "POST", path, tc.form); resp.StatusCode != tc.want {
			t.Errorf("%s: %s, want %d", tc.name, resp.Status, tc.want)
		}
		if m, _ := e.store.Get(context.Background(), e.failed.ID); m.Status != outbox.StatusFailed {
			t.Fatalf("%s: the message became %s", tc.name, m.Status)
		}
	}
	if resp, _ := e.do(e.client(), "POST", path, map[string]string{"csrf": tok}); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("without a session: %s", resp.Status)
	}
}

func TestRetryAndCancel(t *testing.T) {
	// The provider refuses the first message, then the channel is paused,
	// which leaves the others pending.
	e := newEnv(t, envOpts{errs: []error{refused, notify.Config("30", mapping.Reason{Detail: "invalid credentials"})}})
	c, tok := e.login()
	ctx := context.Background()
	if _, page := e.do(c, "GET", "/", nil); !strings.Contains(page, `<li class="paused" id="channel-sms"><strong>SMS</strong>: Durduruldu`) || !strings.Contains(page, "invalid credentials") {
		t.Errorf("the page does not show the paused channel with its alert:\n%s", page)
	}
	pending, _ := e.store.List(ctx, outbox.Filter{Status: outbox.StatusPending, Limit: 1})
	if len(pending) == 0 {
		t.Fatal("no pending message")
	}
	for _, tc := range []struct {
		name   string
		id     int64
		action string
		flash  string
		want   outbox.Status
	}{
		{"retry the failed message", e.failed.ID, "retry", "tekrar kuyruğa alındı", outbox.StatusPending},
		{"retry it twice", e.failed.ID, "retry", "tekrar denenemedi", outbox.StatusPending},
		{"cancel a pending message", pending[0].ID, "cancel", "iptal edildi", outbox.StatusCancelled},
		{"cancel it twice", pending[0].ID, "cancel", "iptal edilemedi", outbox.StatusCancelled},
	} {
		id := strconv.FormatInt(tc.id, 10)
		resp, _ := e.do(c, "POST", "/messages/"+id+"/"+tc.action, map[string]string{"csrf": tok})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("%s: %s", tc.name, resp.Status)
		}
		_, page := e.do(c, "GET", resp.Header.Get("Location"), nil)
		if !strings.Contains(page, tc.flash) {
			t.Errorf("%s: page lacks %q", tc.name, tc.flash)
		}
		if m, _ := e.store.Get(ctx, tc.id); m.Status != tc.want {
			t.Errorf("%s: status %s, want %s", tc.name, m.Status, tc.want)
		}
	}
}

// Failed passwords slow the failing client down, progressively; they never
// lock anyone out for a fixed quarter of an hour, the right password
// included, as five wrong ones from anyone used to.
func TestRepeatedFailuresSlowTheClientDown(t *testing.T) {
	e := newEnv(t, envOpts{})
	c := e.client()
	try := func(pw string) *http.Response {
		_, page := e.do(c, "GET", "/login", nil)
		resp, _ := e.do(c, "POST", "/login", map[string]string{"csrf": csrfOf(t, page), "password": pw})
		return resp
	}
	for i := 1; i <= 4; i++ {
		if got := try("yanlis-parola").StatusCode; got != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i, got)
		}
	}
	resp := try("yanlis-parola")
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "1" {
		t.Fatalf("fifth failure: %d, Retry-After %q; want 429 and 1 s", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if got := try(password).StatusCode; got != http.StatusTooManyRequests {
		t.Fatalf("right password during the wait: %d, want 429", got)
	}
	e.clock.add(time.Second)
	if got := try("yanlis-parola").StatusCode; got != http.StatusTooManyRequests {
		t.Fatalf("sixth failure: %d, want 429", got)
	}
	if resp := try(password); resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "2" {
		t.Fatalf("right password during the doubled wait: %d, Retry-After %q; want 429 and 2 s", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	e.clock.add(2 * time.Second)
	if got := try(password).StatusCode; got != http.StatusSeeOther {
		t.Fatalf("right password after the wait: %d, want 303", got)
	}
}

// A browser the admin logged in from before gets in at once while another
// client floods the login with wrong passwords.
func TestFloodDoesNotKeepTheAdminsBrowserOut(t *testing.T) {
	e := newEnv(t, envOpts{})
	admin, csrf := e.login()
	e.do(admin, "POST", "/logout", map[string]string{"csrf": csrf})
	attacker := e.client()
	for range 30 {
		_, page := e.do(attacker, "GET", "/login", nil)
		e.do(attacker, "POST", "/login", map[string]string{"csrf": csrfOf(t, page), "password": "yanlis-parola"})
	}
	_, page := e.do(attacker, "GET", "/login", nil)
	if resp, _ := e.do(attacker, "POST", "/login", map[string]string{"csrf": csrfOf(t, page), "password": password}); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("the flooding client: %s, want 429", resp.Status)
	}
	_, page = e.do(admin, "GET", "/login", nil)
	if resp, _ := e.do(admin, "POST", "/login", map[string]string{"csrf": csrfOf(t, page), "password": password}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the admin's browser during the flood: %s, want 303", resp.Status)
	}
	// A forged device cookie is an unknown client, waiting with the rest.
	forged := e.client()
	u, _ := url.Parse(e.srv.URL)
	forged.Jar.SetCookies(u, []*http.Cookie{{Name: "akc_device", Value: "x.forged"}})
	_, page = e.do(forged, "GET", "/login", nil)
	if resp, _ := e.do(forged, "POST", "/login", map[string]string{"csrf": csrfOf(t, page), "password": password}); resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("a forged device cookie: %s, want 429 like any client from the flooding address", resp.Status)
	}
}

// `admin unlock` (Unlock) clears the counts of the running page.
func TestUnlockClearsTheWait(t *testing.T) {
	e := newEnv(t, envOpts{})
	c := e.client()
	for range 10 {
		_, page := e.do(c, "GET", "/login", nil)
		e.do(c, "POST", "/login", map[string]string{"csrf": csrfOf(t, page), "password": "yanlis-parola"})
	}
	if err := status.Unlock(e.authFile, time.Now()); err != nil {
		t.Fatal(err)
	}
	_, page := e.do(c, "GET", "/login", nil)
	if resp, _ := e.do(c, "POST", "/login", map[string]string{"csrf": csrfOf(t, page), "password": password}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after unlock: %s, want 303", resp.Status)
	}
}

// A one-time link from `admin login-link` opens one session, once, for ten
// minutes, whatever the login counts say.
func TestLoginLink(t *testing.T) {
	e := newEnv(t, envOpts{})
	flood := e.client()
	for range 10 {
		_, page := e.do(flood, "GET", "/login", nil)
		e.do(flood, "POST", "/login", map[string]string{"csrf": csrfOf(t, page), "password": "yanlis-parola"})
	}
	tok, err := status.CreateLoginLink(e.authFile, e.clock.now())
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	if resp, _ := e.do(c, "GET", "/login/link?t="+tok, nil); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/" {
		t.Fatalf("login link: %s %s", resp.Status, resp.Header.Get("Location"))
	}
	if resp, _ := e.do(c, "GET", "/", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("page after the link: %s", resp.Status)
	}
	if resp, _ := e.do(e.client(), "GET", "/login/link?t="+tok, nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the link used twice: %s, want 403", resp.Status)
	}
	if b, _ := os.ReadFile(e.authFile); strings.Contains(string(b), tok) {
		t.Error("the credentials file holds the link's token")
	}
	late, _ := status.CreateLoginLink(e.authFile, e.clock.now())
	e.clock.add(11 * time.Minute)
	if resp, _ := e.do(e.client(), "GET", "/login/link?t="+late, nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an expired link: %s, want 403", resp.Status)
	}
	if resp, _ := e.do(e.client(), "GET", "/login/link?t=", nil); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("an empty link: %s, want 403", resp.Status)
	}
}

// A new password ends every session opened under the old one, even when it
// was set by another process (admin set-password).
func TestPasswordChangeEndsSessions(t *testing.T) {
	e := newEnv(t, envOpts{})
	c, _ := e.login()
	if resp, _ := e.do(c, "GET", "/api/status", nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("API with a session: %s", resp.Status)
	}
	if err := status.SetPassword(e.authFile, "yeni-parola-456"); err != nil {
		t.Fatal(err)
	}
	if resp, _ := e.do(c, "GET", "/", nil); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("page after the password changed: %s %s, want a redirect to /login", resp.Status, resp.Header.Get("Location"))
	}
	if resp, _ := e.do(c, "GET", "/api/status", nil); resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("API after the password changed: %s, want 401", resp.Status)
	}
}

// DNS rebinding: a page whose own name now resolves to 127.0.0.1 sends its
// name in the Host header; only this server's names and addresses pass.
func TestForeignHostHeaderIsRefused(t *testing.T) {
	e := newEnv(t, envOpts{})
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(e.srv.URL, "http://"))
	name, _ := os.Hostname()
	for _, tc := range []struct {
		host string
		want int
	}{
		{"127.0.0.1:" + port, http.StatusOK},
		{"localhost:" + port, http.StatusOK},
		{"LOCALHOST", http.StatusOK},
		{"[::1]:" + port, http.StatusOK},
		{"192.0.2.5:" + port, http.StatusOK},
		{name + ":" + port, http.StatusOK},
		{"evil.example:" + port, http.StatusMisdirectedRequest},
		{"127.0.0.1.evil.example", http.StatusMisdirectedRequest},
		{"localhost.evil.example", http.StatusMisdirectedRequest},
	} {
		for _, path := range []string{"/login", "/healthz", "/metrics"} {
			req, _ := http.NewRequest("GET", e.srv.URL+path, nil)
			req.Host = tc.host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tc.want {
				t.Errorf("Host %q %s: %s, want %d", tc.host, path, resp.Status, tc.want)
			}
		}
	}
}

func TestCredentialsFile(t *testing.T) {
	path := t.TempDir() + "/state/" + status.AuthFileName
	for _, tc := range []struct {
		pw      string
		wantErr string
	}{
		{"kisa", "at least 10 characters"},
		{strings.Repeat("ş", 40), "at most 72 bytes"},
		{password, ""},
	} {
		err := status.SetPassword(path, tc.pw)
		if (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("SetPassword(%q) = %v, want %q", tc.pw, err, tc.wantErr)
		}
	}
	tok, err := status.CreateToken(path, "grafana", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := status.CreateToken(path, "grafana", time.Now()); err == nil {
		t.Error("a second token with the same name was accepted")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), password) || strings.Contains(string(b), tok) || !strings.Contains(string(b), "$2a$") {
		t.Errorf("the credentials file holds a secret in plain text:\n%s", b)
	}
	if fi, _ := os.Stat(path); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if err := status.RevokeToken(path, "grafana"); err != nil {
		t.Error(err)
	}
	if err := status.RevokeToken(path, "grafana"); err == nil {
		t.Error("revoking a missing token succeeded")
	}
}

func TestListen(t *testing.T) {
	dir := t.TempDir()
	withPass := dir + "/with/" + status.AuthFileName
	if err := status.SetPassword(withPass, password); err != nil {
		t.Fatal(err)
	}
	noPass := dir + "/none/" + status.AuthFileName
	for _, tc := range []struct {
		name       string
		cfg        config.Status
		auth       string
		wantRemote bool
		wantErr    string
	}{
		{"loopback", config.Status{Listen: listenAddr(t, "127.0.0.1:0")}, noPass, false, ""},
		{"localhost", config.Status{Listen: listenAddr(t, "localhost:0")}, noPass, false, ""},
		{"ipv6 loopback", config.Status{Listen: listenAddr(t, "[::1]:0")}, noPass, false, ""},
		{"all interfaces without opt-in", config.Status{Listen: listenAddr(t, "0.0.0.0:0")}, withPass, true, "reachable from other computers: set status.tls_cert"},
		{"empty host means all interfaces", config.Status{Listen: config.ListenAddr{Port: "0"}}, withPass, true, "reachable from other computers: set status.tls_cert"},
		{"opt-in without a password", config.Status{Listen: listenAddr(t, "0.0.0.0:0"), AllowRemote: true}, noPass, true, "admin set-password"},
		{"opt-in with a password", config.Status{Listen: listenAddr(t, "0.0.0.0:0"), AllowRemote: true}, withPass, true, ""},
		{"TLS with a missing certificate", config.Status{Listen: listenAddr(t, "0.0.0.0:0"), TLSCert: config.Path(dir + "/no.crt"), TLSKey: config.Path(dir + "/no.key")}, withPass, true, "tls_cert"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l, remote, err := status.Listen(tc.cfg, tc.auth)
			if l != nil {
				l.Close()
			}
			if (err == nil) != (tc.wantErr == "") || err != nil && !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want %q", err, tc.wantErr)
			}
			if err == nil && remote != tc.wantRemote {
				t.Errorf("remote = %v", remote)
			}
		})
	}
}

func listenAddr(t *testing.T, s string) config.ListenAddr {
	t.Helper()
	a, err := config.ParseListenAddr(s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// The page's refusals are written in its language: Turkish by default,
// English for a browser that chose it; the password rules and the
// listener's refusals are catalog errors the command line writes in its
// reader's language.
func TestRefusalsInThePagesLanguage(t *testing.T) {
	e := newEnv(t, envOpts{errs: []error{refused}})
	c, tok := e.login()
	retry := "/messages/" + strconv.FormatInt(e.failed.ID, 10) + "/retry"
	for _, tc := range []struct {
		name       string
		c          *http.Client
		path       string
		form       map[string]string
		key        catalog.Key
		wantStatus int
	}{
		{"no session", e.client(), retry, map[string]string{"csrf": tok}, "statusauth.log_in_first", http.StatusUnauthorized},
		{"stale form", c, retry, map[string]string{"csrf": tok + "x"}, "statusauth.csrf", http.StatusForbidden},
		{"bad id", c, "/messages/x/retry", map[string]string{"csrf": tok}, "statuspage.bad_message_id", http.StatusBadRequest},
	} {
		for _, l := range []catalog.Lang{catalog.TR, catalog.EN} {
			resp, body := e.do(tc.c, "POST", tc.path, tc.form, "Cookie", "akc_lang="+string(l))
			if want := l.Text(tc.key, nil); resp.StatusCode != tc.wantStatus || strings.TrimSpace(body) != want {
				t.Errorf("%s (%s): %s %q, want %d %q", tc.name, l, resp.Status, body, tc.wantStatus, want)
			}
		}
	}

	// A refusal's copies: one waiting, one that failed with the provider's words.
	if err := e.store.AddOptOut(context.Background(), outbox.OptOutEntry{Recipient: "+905321234567", Channel: "sms",
		Scope: outbox.ScopeCommercial, Source: outbox.SourceReply, Blacklist: outbox.SyncPending, IYS: outbox.SyncFailed + " code 40"}); err != nil {
		t.Fatal(err)
	}
	_, page := e.do(c, "GET", "/", nil)
	if !strings.Contains(page, "<td>bekliyor</td><td>başarısız: code 40</td>") {
		t.Errorf("the refusal's copies are not in Turkish:\n%s", rowWith(page, "+90532"))
	}
	_, page = e.do(c, "GET", "/", nil, "Cookie", "akc_lang=en")
	if !strings.Contains(page, "<td>pending</td><td>failed: code 40</td>") {
		t.Errorf("the refusal's copies in English:\n%s", rowWith(page, "+90532"))
	}

	path := t.TempDir() + "/" + status.AuthFileName
	var loc catalog.Localized
	for _, err := range []error{status.SetPassword(path, "kisa"), status.SetViewerPassword(path, "kisa")} {
		if !errors.As(err, &loc) || loc.In(catalog.TR) != "parola en az 10 karakter olmalı" || err.Error() != "the password must have at least 10 characters" {
			t.Errorf("short password: %v", err)
		}
	}
	if err := status.SetPassword(path, password); err != nil {
		t.Fatal(err)
	}
	if err := status.SetViewerPassword(path, password); !errors.As(err, &loc) || !strings.Contains(loc.In(catalog.TR), "yönetici parolasından farklı") {
		t.Errorf("viewer = admin: %v", err)
	}
	_, _, err := status.Listen(config.Status{Listen: listenAddr(t, "0.0.0.0:0"), AllowRemote: true}, t.TempDir()+"/none")
	if !errors.Is(err, status.ErrNoPassword) || !errors.As(err, &loc) || !strings.Contains(loc.In(catalog.TR), "sayfa bir parola ister: yönetici parolası ayarlanmamış") {
		t.Errorf("remote without a password: %v", err)
	}
}

// rowWith is the first table row of page holding s.
func rowWith(page, s string) string {
	for _, row := range strings.Split(page, "<tr>") {
		if strings.Contains(row, s) {
			return row
		}
	}
	return ""
}

// The admin reads a skipped message's record again from Wolvox once the
// shop added the customer's mobile number: the button is on the message,
// the flash says what came of it, and a second press is refused as such.
func TestRereadButton(t *testing.T) {
	e := newEnv(t, envOpts{})
	c, tok := e.login()
	ctx := context.Background()
	skipped, _ := e.store.List(ctx, outbox.Filter{Status: outbox.StatusSkipped})
	var ozlem outbox.Message
	for _, m := range skipped {
		if m.RecordKey == "108" {
			ozlem = m
		}
	}
	if ozlem.ID == 0 {
		t.Fatalf("invoice 108 (no phone) was not skipped: %v", skipped)
	}
	id := strconv.FormatInt(ozlem.ID, 10)
	if _, page := e.do(c, "GET", "/?status=skipped", nil); !strings.Contains(page, `action="/messages/`+id+`/reread"`) || !strings.Contains(page, "Wolvox&#39;tan yeniden oku") {
		t.Fatalf("the skipped message has no re-read button:\n%s", page)
	}
	if resp, _ := e.do(c, "POST", "/messages/"+id+"/reread", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a re-read without the form's CSRF token: %s, want it refused", resp.Status)
	}
	press := func() string {
		t.Helper()
		resp, _ := e.do(c, "POST", "/messages/"+id+"/reread", map[string]string{"csrf": tok})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("re-read: %s", resp.Status)
		}
		_, page := e.do(c, "GET", resp.Header.Get("Location"), nil)
		return page
	}
	if page := press(); !strings.Contains(page, "hâlâ gönderilemiyor") {
		t.Errorf("before the fix the flash does not say it still cannot be sent:\n%s", page)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(e.dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 8`); err != nil {
		t.Fatal(err)
	}
	if page := press(); !strings.Contains(page, "gönderilmek üzere kuyrukta") {
		t.Errorf("after the fix the flash does not say it is queued:\n%s", page)
	}
	if m, _ := e.store.Get(ctx, ozlem.ID); m.Status != outbox.StatusPending || m.To != "+905329998877" {
		t.Errorf("after the re-read: %s to %s, want pending to the new number", m.Status, m.To)
	}
	if page := press(); !strings.Contains(page, "durumu değişmiş") {
		t.Errorf("a second re-read is not refused as such:\n%s", page)
	}
	if _, page := e.do(c, "GET", "/?status=pending", nil); strings.Contains(page, `action="/messages/`+id+`/reread"`) {
		t.Error("a pending message offers a re-read")
	}
}

// Wolvox cannot be read when the admin presses the button: the flash says
// so and where to look. A re-read is no run of its job: the job's row on
// the page knows nothing of it, and the flash does not send the admin there.
func TestRereadFlashWhenWolvoxCannotBeRead(t *testing.T) {
	e := newEnv(t, envOpts{})
	c, tok := e.login()
	ctx := context.Background()
	skipped, _ := e.store.List(ctx, outbox.Filter{Status: outbox.StatusSkipped})
	var id string
	for _, m := range skipped {
		if m.RecordKey == "108" {
			id = strconv.FormatInt(m.ID, 10)
		}
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(e.dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `ALTER TABLE FATURA RENAME TO FATURA_ESKI`); err != nil {
		t.Fatal(err)
	}
	resp, _ := e.do(c, "POST", "/messages/"+id+"/reread", map[string]string{"csrf": tok})
	if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "why=database") {
		t.Fatalf("re-read with Wolvox unreadable: %s %s", resp.Status, resp.Header.Get("Location"))
	}
	_, page := e.do(c, "GET", resp.Header.Get("Location"), nil)
	if !strings.Contains(page, "kaydı okunamadı") || strings.Contains(page, "görevin satırında") {
		t.Errorf("the flash after a failed read:\n%s", page)
	}
}
