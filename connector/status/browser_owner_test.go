package status_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// browser starts headless Chromium for one test and returns a context for
// its steps (90 s each test at most).
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	profile, err := os.MkdirTemp("", "akc-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(profile) })
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.UserDataDir(profile),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-extensions", true),
		chromedp.Flag("hide-scrollbars", true))
	t.Cleanup(cancelAlloc)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(cancelBrowser)
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1440, 900)); err != nil { // starts the browser; no timeout, that would stop it
		t.Fatalf("start chromium: %v", err)
	}
	step, cancel := context.WithTimeout(bctx, 120*time.Second)
	t.Cleanup(cancel)
	return step
}

// loginBrowser opens the page and logs in with pw.
func loginBrowser(t *testing.T, ctx context.Context, url, pw string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"/"), chromedp.WaitVisible(`#password`),
		chromedp.SendKeys(`#password`, pw), chromedp.Click(`#login`), chromedp.WaitVisible(`#verdict`)); err != nil {
		t.Fatalf("log in: %v", err)
	}
}

// The checks every width must pass: the verdict is seen without
// scrolling, nothing sticks out sideways, and the Turkish page holds no
// English.
func checkLayout(t *testing.T, ctx context.Context, width int) {
	t.Helper()
	visible, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(() => {
		const r = document.querySelector('#verdict').getBoundingClientRect();
		return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0;
	})()`))
	if err != nil || !visible {
		t.Errorf("%d px: the verdict is not on the first screen (%v)", width, err)
	}
	overflow, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const w = document.documentElement.clientWidth, bad = [];
		if (document.documentElement.scrollWidth > w) bad.push('the document is ' + document.documentElement.scrollWidth + ' px wide');
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) {
				bad.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + '.' + (el.getAttribute('class') || '') + ' at ' + Math.round(r.left) + '..' + Math.round(r.right));
			}
		}
		for (const s of document.querySelectorAll('section, table, figure, svg')) {
			if (s.scrollWidth > s.clientWidth + 1) bad.push((s.id || s.tagName) + ' scrolls sideways: ' + s.scrollWidth + ' > ' + s.clientWidth);
		}
		return bad.slice(0, 15);
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if len(overflow) > 0 {
		t.Errorf("%d px: overflows sideways:\n  %s", width, strings.Join(overflow, "\n  "))
	}
	// What is marked as English (a database driver's own words under a
	// job's failure) is the page saying so, not English slipping in.
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => {
		const en = [...document.querySelectorAll('body [lang="en"]')];
		en.forEach(e => e.style.display = 'none');
		const text = document.body.innerText;
		en.forEach(e => e.style.display = '');
		return text;
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if found := englishIn(text); len(found) > 0 {
		t.Errorf("%d px: English on the Turkish page: %q", width, found)
	}
	for _, bad := range []string{"template error", "ZgotmplZ", "<no value>", "%!"} {
		if strings.Contains(text, bad) {
			t.Errorf("%d px: the page shows %q", width, bad)
		}
	}
}

// englishWords are words of the page's English version that have no place
// on the Turkish one.
var englishWords = regexp.MustCompile(`(?i)\b(the|and|of|to|is|are|was|not|message|messages|failed|sent|delivered|pending|retry|cancel|channel|channels|job|jobs|queue|status|reason|error|paused|pause|resume|today|tomorrow|week|never|refresh|log ?out|updated|waiting|customer|invoice|none|page|next|previous|show|all|held|skipped|uncertain|record|recipient|created|attempts|total|quiet|hours|limit|well|problems?)\b`)

// englishIn returns the English words and catalog phrases found in text.
func englishIn(text string) []string {
	var found []string
	for _, m := range englishWords.FindAllString(text, -1) {
		found = append(found, m)
	}
	// Every English phrase of the page's texts (the parts between their
	// {arguments}) that the Turkish text does not share.
	holes := regexp.MustCompile(`\{[a-z_]+\}`)
	for _, k := range catalog.Keys() {
		if !strings.HasPrefix(string(k), "statuspage.") && !strings.HasPrefix(string(k), "state.") {
			continue
		}
		tr := catalog.TR.Text(k, nil)
		for _, part := range holes.Split(catalog.EN.Text(k, nil), -1) {
			part = strings.TrimSpace(part)
			if len(part) >= 8 && !strings.Contains(tr, part) && strings.Contains(text, part) {
				found = append(found, part)
			}
		}
	}
	return found
}

// viewport makes the window the given size; the page is loaded again at it.
func viewport(t *testing.T, ctx context.Context, url string, w, h int64) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h), chromedp.Navigate(url), chromedp.WaitVisible(`#verdict`)); err != nil {
		t.Fatal(err)
	}
}

// screen saves what the first screen shows (shot saves the full page).
func screen(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	if d := os.Getenv("AKINSOFT_SCREENSHOT_DIR"); d != "" {
		if err := os.WriteFile(d+"/"+name, png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// The owner's page in a real browser at a desktop's 1440 px and a phone's
// 390 px: the verdict on the first screen, nothing sideways, no English;
// then, on the desktop, the refresh without a reload, the pager and the
// admin's Pause and Resume.
func TestBrowserOwnerPage(t *testing.T) {
	e := newOwnerEnv(t)
	ctx := browser(t)
	loginBrowser(t, ctx, e.srv.URL, password)
	for _, size := range []struct{ w, h int64 }{{1440, 900}, {390, 844}} {
		viewport(t, ctx, e.srv.URL+"/", size.w, size.h)
		checkLayout(t, ctx, int(size.w))
		name := "owner-" + strconv.FormatInt(size.w, 10)
		screen(t, ctx, name+"-screen.png")
		shot(t, ctx, name+"-full.png")
	}
	viewport(t, ctx, e.srv.URL+"/", 1440, 900)
	if text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#todo').innerText`)); !strings.Contains(text, "Bu müşterinin cep telefonu Wolvox'ta kayıtlı değil: cari kartına ekleyin, sonra mesajın yanındaki \"Wolvox'tan yeniden oku\" düğmesine (birkaç mesaj için grubun \"Hepsini Wolvox'tan yeniden oku\" düğmesine) basın") ||
		!strings.Contains(text, "Fatura 2024-108 · Özlem Aydın") {
		t.Errorf("the to-do list reads:\n%s", text)
	}

	// Refresh without a reload: a message added meanwhile shows up while
	// the page (and this mark on it) stays.
	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/?refresh=2"), chromedp.WaitVisible(`#verdict`)); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.noReload = 42`)); err != nil {
		t.Fatal(err)
	}
	why := mapping.R(mapping.ReasonNoRecipient, "fields", "CEP_TEL")
	if _, err := e.store.Enqueue(context.Background(), outbox.Batch{Job: "yeni-faturalar", Source: "demo", Messages: []outbox.NewMessage{
		{Message: mapping.Message{Channel: "sms"}, DedupeKey: "invoice:demo:999:created", RecordKey: "999", About: "2026-999 · Yeni Müşteri", Skip: &why}}}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#todo').innerText`))
		if strings.Contains(text, "Fatura 2026-999 · Yeni Müşteri") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the new problem never appeared without a reload:\n%s", text)
		}
	}
	if mark, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.noReload || 0`)); err != nil || mark != 42 {
		t.Errorf("the page was reloaded (mark %d, %v)", mark, err)
	}

	// The pager.
	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/"), chromedp.Click(`#pending a.next`)); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); strings.Contains(u, "pending_page=2") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the pager's next link did not lead to page 2")
		}
	}

	// Pause and resume e-mail from the page.
	if err := chromedp.Do(ctx, chromedp.Navigate(e.srv.URL+"/"), chromedp.Click(`#pause-email`), chromedp.WaitVisible(`#resume-email`)); err != nil {
		t.Fatalf("pause: %v", err)
	}
	if flash, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#flash').innerText`)); !strings.Contains(flash, "E-posta kanalı duraklatıldı") {
		t.Errorf("flash after pause = %q", flash)
	}
	if paused, _ := e.daemon.ChannelPaused("email"); !paused {
		t.Error("e-mail not paused")
	}
	if err := chromedp.Do(ctx, chromedp.Click(`#resume-email`), chromedp.WaitVisible(`#pause-email`)); err != nil {
		t.Fatalf("resume: %v", err)
	}
	if paused, _ := e.daemon.ChannelPaused("email"); paused {
		t.Error("e-mail still paused")
	}
}

// The shop owner's read-only login on a phone: the same page without a
// button, and the same checks.
func TestBrowserViewerOnAPhone(t *testing.T) {
	e := newOwnerEnv(t)
	ctx := browser(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844)); err != nil {
		t.Fatal(err)
	}
	loginBrowser(t, ctx, e.srv.URL, viewerPassword)
	checkLayout(t, ctx, 390)
	buttons, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('main button').length`))
	if err != nil || buttons != 1 { // the filter's Göster
		t.Errorf("the viewer's page has %d buttons (%v)", buttons, err)
	}
	if role, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#role').innerText`)); role != "Salt okunur" {
		t.Errorf("role = %q", role)
	}
	screen(t, ctx, "viewer-390-screen.png")
	shot(t, ctx, "viewer-390-full.png")
}

// On a phone the admin corrects the customer's number in Wolvox and presses
// "Wolvox'tan yeniden oku" on the skipped message: the flash says it is
// queued, the page still fits the screen, and the address keeps nothing of
// the action, so that a refresh or a bookmark does not say it again.
func TestBrowserRereadOnAPhone(t *testing.T) {
	e := newEnv(t, envOpts{})
	skipped, _ := e.store.List(context.Background(), outbox.Filter{Status: outbox.StatusSkipped})
	var id string
	for _, m := range skipped {
		if m.RecordKey == "108" {
			id = strconv.FormatInt(m.ID, 10)
		}
	}
	if id == "" {
		t.Fatalf("invoice 108 (no phone) was not skipped: %v", skipped)
	}
	db, err := sql.Open("sqlite", "file:"+filepath.Join(e.dir, "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE CARI SET CEP_TEL = '0532 999 88 77' WHERE BLKODU = 8`); err != nil {
		t.Fatal(err)
	}
	ctx := browser(t)
	loginBrowser(t, ctx, e.srv.URL, password)
	viewport(t, ctx, e.srv.URL+"/?status=skipped", 390, 844)
	if err := chromedp.Do(ctx, chromedp.Click(`#reread-`+id), chromedp.WaitVisible(`#flash`)); err != nil {
		t.Fatalf("re-read: %v", err)
	}
	if flash, _ := chromedp.Run(ctx, chromedp.Text(`#flash`)); !strings.Contains(flash, "gönderilmek üzere kuyrukta") {
		t.Errorf("flash after the re-read = %q", flash)
	}
	checkLayout(t, ctx, 390)
	if u, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`)); strings.Contains(u, "reread") || strings.Contains(u, "left=") || strings.Contains(u, "why=") {
		t.Errorf("the address after the re-read keeps the action: %s", u)
	}
	screen(t, ctx, "reread-390-screen.png")
}
