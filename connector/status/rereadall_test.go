package status_test

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

// fixNumbers corrects two of the demo's skipped invoices in Wolvox: 112's
// bad number and 108's missing one; 107's garbage number stays.
func (e *env) fixNumbers() {
	e.t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(e.dir, "demo.db"))
	if err != nil {
		e.t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		`UPDATE CARI SET CEP_TEL = '0533 111 22 44' WHERE BLKODU = 12`,
		`UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 8`,
	} {
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

// The admin corrected the numbers of a group's customers in Wolvox and
// presses the group's one button: the group's messages are read again, the
// flash counts what came of it, the other groups are not touched, and the
// viewer has no button and cannot press one by a forged form.
func TestRereadAllButton(t *testing.T) {
	e := newEnv(t, envOpts{})
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
	if resp, _ := e.do(c, "POST", "/problems/bad_phone/reread", nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("without the form's CSRF token: %s, want it refused", resp.Status)
	}
	if resp, _ := e.do(c, "POST", "/problems/held/reread", map[string]string{"csrf": tok}); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a kind that cannot be read again: %s, want a bad request", resp.Status)
	}

	e.fixNumbers()
	resp, _ := e.do(c, "POST", "/problems/bad_phone/reread", map[string]string{"csrf": tok})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("read all: %s", resp.Status)
	}
	_, page = e.do(c, "GET", resp.Header.Get("Location"), nil)
	if !strings.Contains(page, "1 mesaj bugünkü bilgilerle gönderilmek üzere kuyrukta. 1 mesaj hâlâ gönderilemiyor") {
		t.Errorf("the flash does not count the group's outcome:\n%s", page)
	}
	if st := e.statusOf("112"); st != outbox.StatusPending {
		t.Errorf("invoice 112, corrected: %s, want pending", st)
	}
	if st := e.statusOf("107"); st != outbox.StatusSkipped {
		t.Errorf("invoice 107, still garbage: %s, want skipped", st)
	}
	if st := e.statusOf("108"); st != outbox.StatusSkipped {
		t.Errorf("invoice 108, corrected but of another group: %s, want it untouched", st)
	}
	if strings.Contains(page, `href="/?done=`) || strings.Contains(page, "pending=1") {
		t.Error("the page's links keep the action's flash")
	}

	// Stopped half way (the page's time ran out): the flash says to press
	// again; a forged kind says nothing.
	if _, page := e.do(c, "GET", "/?done=reread_all&kind=no_mobile&pending=3&stopped=1", nil); !strings.Contains(page, "düğmeye yeniden basın") {
		t.Error("the flash of a read all stopped half way does not say to press again")
	}
	if _, page := e.do(c, "GET", "/?done=reread_all&kind=nope&pending=3", nil); strings.Contains(page, `id="flash"`) {
		t.Error("a forged kind makes a flash")
	}

	if err := status.SetViewerPassword(e.authFile, viewerPassword); err != nil {
		t.Fatal(err)
	}
	viewer, vtok := e.loginAs(viewerPassword)
	if _, page := e.do(viewer, "GET", "/", nil); strings.Contains(page, "/reread\"") {
		t.Error("the viewer's page has a re-read button")
	}
	if resp, _ := e.do(viewer, "POST", "/problems/no_mobile/reread", map[string]string{"csrf": vtok}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("the viewer's read all: %s, want it refused", resp.Status)
	}
	if st := e.statusOf("108"); st != outbox.StatusSkipped {
		t.Errorf("invoice 108 after the viewer's press: %s, want it untouched", st)
	}
}

// On a phone the group's button fits the screen, and after the press the
// flash says what came of it, the page still fits, and the address keeps
// nothing of the action.
func TestBrowserRereadAllOnAPhone(t *testing.T) {
	e := newEnv(t, envOpts{})
	e.fixNumbers()
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
	if flash, _ := chromedp.Run(ctx, chromedp.Text(`#flash`)); !strings.Contains(flash, "Wolvox'tan yeniden okundu: 1 mesaj") {
		t.Errorf("flash after the read all = %q", flash)
	}
	checkLayout(t, ctx, 390)
	if u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); strings.Contains(u, "done=") || strings.Contains(u, "pending=") || strings.Contains(u, "kind=") {
		t.Errorf("the address after the read all keeps the action: %s", u)
	}
	screen(t, ctx, "reread-all-390-screen.png")
}
