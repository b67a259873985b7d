package status_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// chromiumPath finds Debian's chromium, or fails the test: a missing browser
// must not pass silently.
func chromiumPath(t *testing.T) string {
	t.Helper()
	if os.Getenv("AKINSOFT_SKIP_BROWSER") == "1" {
		t.Skip("AKINSOFT_SKIP_BROWSER=1: browser test not run")
	}
	p := os.Getenv("CHROMIUM_PATH")
	if p == "" {
		p = "/usr/bin/chromium"
	}
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("chromium not found at %s: run scripts/chromium/setup.sh (or set CHROMIUM_PATH, or AKINSOFT_SKIP_BROWSER=1 to skip)", p)
	}
	return p
}

// TestBrowserRetryFailedMessage logs in with a real browser, finds the
// message the provider refused, retries it and sees it sent.
func TestBrowserRetryFailedMessage(t *testing.T) {
	exe := chromiumPath(t)
	sent := make(chan int64, 64)
	e := newEnv(t, envOpts{errs: []error{refused}, sent: sent})
	if e.failed.ID == 0 {
		t.Fatal("no failed message to retry")
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- e.daemon.Run(ctx) }()
	t.Cleanup(func() { stop(); <-done })

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
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-extensions", true))
	defer cancelAlloc()
	bctx, cancelBrowser := chromedp.NewContext(actx)
	defer cancelBrowser()
	// The first Run starts the browser; it has no timeout (that would stop
	// the browser), the steps after it do.
	if err := chromedp.Do(bctx, chromedp.EmulateViewport(1400, 1100)); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	step, cancel := context.WithTimeout(bctx, 90*time.Second)
	defer cancel()

	id := strconv.FormatInt(e.failed.ID, 10)
	failedRow := `#problems tr#msg-` + id + `[data-status="failed"]`
	if err := chromedp.Do(step, chromedp.Navigate(e.srv.URL+"/"), chromedp.WaitVisible(`#password`)); err != nil {
		t.Fatalf("open the page: %v", err)
	}
	shot(t, step, "login.png")
	if err := chromedp.Do(step,
		chromedp.SendKeys(`#password`, password),
		chromedp.Click(`#login`),
		chromedp.WaitVisible(failedRow),
	); err != nil {
		t.Fatalf("log in and find the failed message: %v", err)
	}
	checkPage(t, step, "after login")
	shot(t, step, "failed.png")

	if err := chromedp.Do(step, chromedp.Click(`#retry-`+id), chromedp.WaitVisible(`#flash`)); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if flash, _ := chromedp.Run(step, chromedp.Text(`#flash`)); !strings.Contains(flash, "tekrar kuyruğa alındı") {
		t.Errorf("flash after retry = %q", flash)
	}
	// The retry wakes the dispatcher; wait for the provider to get the message.
	for got := int64(0); got != e.failed.ID; {
		select {
		case got = <-sent:
		case <-step.Done():
			t.Fatal("the retried message never reached the provider")
		}
	}
	// The outcome is recorded just after the provider answers: reload until
	// the page shows it (a handful of reloads at most).
	sentRow := `#recent tr#msg-` + id + `[data-status="sent"]`
	for i := 0; ; i++ {
		if err := chromedp.Do(step, chromedp.Navigate(e.srv.URL+"/")); err != nil {
			t.Fatal(err)
		}
		ok, err := chromedp.Run(step, chromedp.Evaluate[bool](`document.querySelector('`+sentRow+`') !== null`))
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			break
		}
		if i == 50 {
			m, _ := e.store.Get(context.Background(), e.failed.ID)
			t.Fatalf("the page never showed message %s as sent; it is %s", id, m.Status)
		}
	}
	checkPage(t, step, "after the retry")
	shot(t, step, "sent.png")
	// The English switch, remembered for the next page.
	if err := chromedp.Do(step, chromedp.Click(`#lang-en`), chromedp.WaitVisible(`#lang-tr`), chromedp.Navigate(e.srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if text, _ := chromedp.Run(step, chromedp.Text(`body`)); !strings.Contains(text, "Notification status") || !strings.Contains(text, "Latest activity") {
		t.Errorf("the English page reads:\n%s", text)
	}
	shot(t, step, "english.png")
	if m, _ := e.store.Get(context.Background(), e.failed.ID); m.Status != outbox.StatusSent {
		t.Errorf("message is %s, want sent", m.Status)
	}
}

// checkPage fails on a template error or a value html/template refused.
func checkPage(t *testing.T, ctx context.Context, when string) {
	t.Helper()
	text, err := chromedp.Run(ctx, chromedp.Text(`body`))
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"template error", "ZgotmplZ", "<no value>"} {
		if strings.Contains(text, bad) {
			t.Fatalf("%s the page shows %q:\n%s", when, bad, text)
		}
	}
	for _, want := range []string{"Bildirim durumu", "Görevler", "Kuyruk"} {
		if !strings.Contains(text, want) {
			t.Errorf("%s the page lacks %q", when, want)
		}
	}
}

// shot saves a full-page screenshot in the test's temp dir, and also in
// AKINSOFT_SCREENSHOT_DIR when set (to look at it after the run).
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	dirs := []string{t.TempDir()}
	if d := os.Getenv("AKINSOFT_SCREENSHOT_DIR"); d != "" {
		dirs = append(dirs, d)
	}
	for _, d := range dirs {
		p := filepath.Join(d, name)
		if err := os.WriteFile(p, png, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", p)
	}
}
