package status_test

import (
	"context"
	"database/sql"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

// fixNumbers corrects two of the demo's skipped invoices in Wolvox: 112's
// bad number and 108's missing one; 107's garbage number stays, and with
// cancel107 the invoice is cancelled.
func (e *env) fixNumbers(cancel107 bool) {
	e.t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(e.dir, "demo.db"))
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	qs := []string{
		`UPDATE CARI SET CEP_TEL = '0533 111 22 44' WHERE BLKODU = 12`,
		`UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 8`,
	}
	if cancel107 {
		qs = append(qs, `UPDATE FATURA SET IPTAL = 1 WHERE BLKODU = 107`)
	}
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			e.t.Fatal(err)
		}
	}
}

func (e *env) statusOf(record string) outbox.Status {
	e.t.Helper()
	ms, err := e.store.List(context.Background(), outbox.Filter{Limit: 1000})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, m := range ms {
		if m.RecordKey == record {
			return m.Status
		}
	}
	e.t.Fatalf("no message of record %s", record)
	return ""
}

// holdRun holds the daemon's bulk re-read after each message it read until
// released, telling on reached that it got there; a run whose context ends
// lets go at once.
type holdRun struct {
	reached chan struct{}
	release chan struct{}
}

func newHoldRun() *holdRun {
	return &holdRun{reached: make(chan struct{}, 1), release: make(chan struct{})}
}

func (h *holdRun) step(ctx context.Context) {
	select {
	case h.reached <- struct{}{}:
	default:
	}
	select {
	case <-h.release:
	case <-ctx.Done():
	}
}

// waitRereadEnded waits for the daemon's bulk re-read to end.
func (e *env) waitRereadEnded() {
	e.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if run, ok := e.daemon.RereadAllRun(); ok && !run.Running() {
			return
		}
	}
	e.t.Fatal("the bulk re-read did not end")
}

// The admin corrected the numbers of a group's customers in Wolvox and
// presses the group's one button: the page answers at once, the daemon
// reads the group's messages in the background and the page shows how far
// it got, then what came of it, refusals told in words; a second press,
// by another admin too and of another group, starts none beside it; the
// other groups are not touched; the viewer has no button and cannot press
// one by a forged form.
func TestRereadAllButton(t *testing.T) {
	h := newHoldRun()
	e := newEnv(t, envOpts{rereadStep: h.step})
	c, tok := e.login()
	_, page := e.do(c, "GET", "/", nil)
	todo := section(t, page, "todo")
	for _, kind := range []string{"bad_phone", "no_mobile", "landline", "customer_missing"} {
		if !strings.Contains(todo, `action="/problems/`+kind+`/reread"`) {
			t.Errorf("the %s group has no button:\n%s", kind, todo)
		}
	}
	if !strings.Contains(todo, "Hepsini Wolvox&#39;tan yeniden oku (2)") {
		t.Errorf("the bad_phone group's button does not count its two messages:\n%s", todo)
	}
	if strings.Contains(page, `id="reread-run"`) {
		t.Error("a bulk re-read's line before any ran")
	}
	if resp, _ := e.do(c, "POST", "/problems/bad_phone/reread", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("without the form's CSRF token: %s, want it refused", resp.Status)
	}
	if resp, _ := e.do(c, "POST", "/problems/held/reread", map[string]string{"csrf": tok}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a kind that cannot be read again: %s, want a bad request", resp.Status)
	}
	if _, ok := e.daemon.RereadAllRun(); ok {
		t.Fatal("a refused press started a bulk re-read")
	}

	// The press that came while the service stopped (the flash its
	// redirect asks for).
	if _, page := e.do(c, "GET", "/?failed=reread_all_stopping&kind=bad_phone", nil); !strings.Contains(page,
		"&#34;Telefon numarası hatalı&#34; grubu yeniden okunmadı: hizmet şu an duruyor ya da yeniden başlıyor") {
		t.Errorf("no flash for a press while the service stops:\n%s", page)
	}

	e.fixNumbers(true)
	resp, _ := e.do(c, "POST", "/problems/bad_phone/reread", map[string]string{"csrf": tok})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("read all: %s", resp.Status)
	}
	<-h.reached // the first of the group's two is read; the run waits
	_, page = e.do(c, "GET", resp.Header.Get("Location"), nil)
	if !strings.Contains(page, "&#34;Telefon numarası hatalı&#34; grubunun mesajları arka planda Wolvox&#39;tan yeniden okunuyor") {
		t.Errorf("the flash does not say the group's re-read started:\n%s", page)
	}
	run := section(t, page, "reread-run")
	if !strings.Contains(run, "Şu ana dek 1 mesaj ele alındı: ") || !strings.Contains(run, "Telefon numarası hatalı") {
		t.Errorf("the running re-read's line does not count what it read:\n%s", run)
	}
	if !strings.Contains(page, `data-refresh="5"`) {
		t.Error("the page does not refresh sooner while the re-read runs")
	}
	if _, page := e.do(c, "GET", "/", nil, "Cookie", "akc_lang=en"); !strings.Contains(page, "the &#34;A wrong phone number&#34; group") || !strings.Contains(page, "1 handled so far: ") {
		t.Errorf("the running re-read's line in English:\n%s", section(t, page, "reread-run"))
	}

	other, otok := e.login()
	for _, tc := range []struct {
		c     *http.Client
		tok   string
		group string
	}{{c, tok, "bad_phone"}, {other, otok, "bad_phone"}, {other, otok, "no_mobile"}} {
		resp, _ := e.do(tc.c, "POST", "/problems/"+tc.group+"/reread", map[string]string{"csrf": tc.tok})
		loc, _ := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusSeeOther || loc.Query().Get("failed") != "reread_all" || loc.Query().Get("kind") != "bad_phone" {
			t.Errorf("a press of %s while bad_phone runs: %s %s, want it refused, naming the running group", tc.group, resp.Status, loc)
			continue
		}
		if _, page := e.do(tc.c, "GET", loc.String(), nil); !strings.Contains(page, "toplu yeniden okuma zaten sürüyor (&#34;Telefon numarası hatalı&#34; grubu)") {
			t.Errorf("the flash of a press while one runs:\n%s", page)
		}
	}
	if st := e.statusOf("108"); st != outbox.StatusSkipped {
		t.Errorf("invoice 108 after a refused press of its group: %s, want it untouched", st)
	}

	close(h.release)
	e.waitRereadEnded()
	_, page = e.do(c, "GET", "/", nil)
	run = section(t, page, "reread-run")
	for _, want := range []string{"Son toplu yeniden okuma: &#34;Telefon numarası hatalı&#34; grubu (bitiş ",
		"2 mesaj ele alındı: 1 kuyrukta, 0 hâlâ atlanmış, 1 reddedildi.", "<li>1 mesajı Wolvox kaydı artık gerektirmiyor: Wolvox&#39;ta silinmiş ya da iptal edilmiş"} {
		if !strings.Contains(run, want) {
			t.Errorf("the ended re-read's line has no %q:\n%s", want, run)
		}
	}
	if strings.Contains(run, "günlük") || strings.Contains(page, `data-refresh="5"`) {
		t.Errorf("the ended re-read's line sends the owner to the log, or the page still refreshes sooner:\n%s", run)
	}
	_, page = e.do(c, "GET", "/", nil, "Cookie", "akc_lang=en")
	run = section(t, page, "reread-run")
	for _, want := range []string{"The last read all again from Wolvox: the &#34;A wrong phone number&#34; group (ended ",
		"2 handled: 1 queued, 0 still skipped, 1 refused.", "<li>1: the record no longer makes the message"} {
		if !strings.Contains(run, want) {
			t.Errorf("the ended re-read's line in English has no %q:\n%s", want, run)
		}
	}
	if st := e.statusOf("112"); st != outbox.StatusPending {
		t.Errorf("invoice 112, corrected: %s, want pending", st)
	}
	if st := e.statusOf("107"); st != outbox.StatusSkipped {
		t.Errorf("invoice 107, cancelled: %s, want it left skipped", st)
	}
	if st := e.statusOf("108"); st != outbox.StatusSkipped {
		t.Errorf("invoice 108, corrected but of another group: %s, want it untouched", st)
	}
	if strings.Contains(page, `href="/?done=`) || strings.Contains(page, "kind=bad_phone") {
		t.Error("the page's links keep the action's flash")
	}
	if _, page := e.do(c, "GET", "/?done=reread_all&kind=nope", nil); strings.Contains(page, `id="flash"`) {
		t.Error("a forged kind makes a flash")
	}

	if err := status.SetViewerPassword(e.authFile, viewerPassword); err != nil {
		t.Fatal(err)
	}
	viewer, vtok := e.loginAs(viewerPassword)
	_, page = e.do(viewer, "GET", "/", nil)
	if strings.Contains(page, "/reread\"") {
		t.Error("the viewer's page has a re-read button")
	}
	if !strings.Contains(page, `id="reread-run"`) {
		t.Error("the viewer does not see what the last re-read did")
	}
	last, _ := e.daemon.RereadAllRun()
	if resp, _ := e.do(viewer, "POST", "/problems/no_mobile/reread", map[string]string{"csrf": vtok}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the viewer's read all: %s, want it refused", resp.Status)
	}
	if now, _ := e.daemon.RereadAllRun(); now.Kind != last.Kind || !now.Started.Equal(last.Started) {
		t.Errorf("the viewer's press started a bulk re-read: %+v", now)
	}
	if st := e.statusOf("108"); st != outbox.StatusSkipped {
		t.Errorf("invoice 108 after the viewer's press: %s, want it untouched", st)
	}
}

// On a phone the group's button fits the screen; after the press the flash
// says the re-read started, the page shows its progress and, as the page
// refreshes itself, what came of it; the page still fits, and the address
// keeps nothing of the action.
func TestBrowserRereadAllOnAPhone(t *testing.T) {
	h := newHoldRun()
	e := newEnv(t, envOpts{rereadStep: h.step})
	e.fixNumbers(true)
	ctx := browser(t)
	loginBrowser(t, ctx, e.srv.URL, password)
	viewport(t, ctx, e.srv.URL+"/", 390, 844)
	checkLayout(t, ctx, 390)
	if err := chromedp.Do(ctx, chromedp.ScrollIntoView(`#reread-all-bad_phone`)); err != nil {
		t.Fatal(err)
	}
	screen(t, ctx, "reread-all-390-button.png")
	if err := chromedp.Do(ctx, chromedp.ScrollIntoView(`#reread-all-bad_phone`), chromedp.Click(`#reread-all-bad_phone`), chromedp.WaitVisible(`#flash`)); err != nil {
		t.Fatalf("read all: %v", err)
	}
	if flash, _ := chromedp.Run(ctx, chromedp.Text(`#flash`)); !strings.Contains(flash, "arka planda Wolvox'tan yeniden okunuyor") {
		t.Errorf("flash after the press = %q", flash)
	}
	<-h.reached
	if err := chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(`#reread-run`)); err != nil {
		t.Fatal(err)
	}
	if line, _ := chromedp.Run(ctx, chromedp.Text(`#reread-run-line`)); !strings.Contains(line, "Şu ana dek 1 mesaj ele alındı") {
		t.Errorf("the running re-read's line = %q", line)
	}
	checkLayout(t, ctx, 390)
	screen(t, ctx, "reread-all-390-running.png")

	// The page refreshes itself every 5 s while the run is on: it shows
	// the result once the run has ended.
	close(h.release)
	e.waitRereadEnded()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`((document.querySelector('#reread-run-line') || {}).textContent || '').includes('Son toplu yeniden okuma')`,
		chromedp.WithPollingTimeout(15*time.Second))); err != nil {
		t.Fatalf("the page did not refresh to the run's result: %v", err)
	}
	if refused, _ := chromedp.Run(ctx, chromedp.Text(`#reread-run .refused`)); !strings.Contains(refused, "artık gerektirmiyor") {
		t.Errorf("the refusals of the ended run = %q", refused)
	}
	checkLayout(t, ctx, 390)
	if u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); strings.Contains(u, "done=") || strings.Contains(u, "kind=") {
		t.Errorf("the address after the read all keeps the action: %s", u)
	}
	screen(t, ctx, "reread-all-390-screen.png")
}
