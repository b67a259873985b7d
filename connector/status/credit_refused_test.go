package status_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell/mutlucelltest"
)

// An account out of credit stops every SMS: Mutlucell answers code 22 and
// the messages wait for their retry. The top of the page says so, with
// the fix (top up) and the messages it holds back, instead of "all is
// well" with the reason only in the waiting list; the to-do goes once a
// send goes through after the top-up. The real Mutlucell client and fake.
func TestOutOfCreditIsAToDo(t *testing.T) {
	cases := []struct {
		name, language, title, fix, answer, verdictOK, waits string
	}{
		{"Turkish", "", "SMS kredisi bitti: ", "Sağlayıcı, hesapta kredi kalmadığı için mesajları almıyor (yanıtı aşağıda). Hesaba kredi yükleyin",
			"Mutlucell kredisi yetersiz: hesaba kredi yükleyin (kod 22)", "Her şey yolunda", "Hesapta kredi kalmadı; kredi yüklenince gider"},
		{"English", "language: en\n", "SMS is out of credit (", "The provider takes no messages because the account has no credit left (its answer is below). Top the account up",
			"insufficient Mutlucell credit: top up the account (code 22)", "All is well", "The account has no credit left; it goes once the account is topped up"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			fake := mutlucelltest.New()
			t.Cleanup(fake.Close)
			fake.SetCredit("0")
			dir := t.TempDir()
			if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
				t.Fatal(err)
			}
			t.Setenv("CREDIT_TEST_PASSWORD", fake.Password)
			y := tc.language + `state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms:
    provider: mutlucell
    low_credit: 0
    mutlucell: {url: "` + fake.URL() + `", user: "` + fake.User + `", password: "${env:CREDIT_TEST_PASSWORD}", originator: MAGAZA}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1h"
    backfill: "key:129"
    messages: {sms: {text: "Fatura {{.FATURA_NO}}"}}
`
			e := newProviderEnv(t, dir, y, fake.Server.Certificate())
			d, c := e.daemon, e.clock
			if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
				t.Fatal(err)
			}
			if _, err := d.Drain(ctx); err != nil {
				t.Fatal(err)
			}

			cl, _ := e.login()
			_, page := e.do(cl, "GET", "/", nil)
			verdict, todo := section(t, page, "verdict"), section(t, page, "todo")
			if strings.Contains(verdict, tc.verdictOK) || !strings.Contains(verdict, tc.title) {
				t.Errorf("with every SMS refused for no credit the verdict is:\n%s", verdict)
			}
			if !strings.Contains(todo, `data-kind="no_credit"`) || !strings.Contains(todo, tc.fix) || !strings.Contains(todo, tc.answer) || !strings.Contains(examplesOf(todo, tc.title), " 2024-") {
				t.Errorf("the to-do list lacks the top-up, its reason or the invoices it holds back:\n%s", todo)
			}

			// A weekend without credit: the channel tries one request every
			// 30 minutes, and no message gives up (10 tries each made them
			// all fail by Saturday noon, to be queued again by hand).
			for range 2 * 24 * 2 {
				c.add(31 * time.Minute)
				if _, err := d.Drain(ctx); err != nil {
					t.Fatal(err)
				}
			}
			if failed, _ := e.store.List(ctx, outbox.Filter{Status: outbox.StatusFailed}); len(failed) > 0 {
				t.Fatalf("after two days without credit %d messages failed: %s", len(failed), failed[0].Reason)
			}
			cl, _ = e.login() // two days on, the session is over
			_, page = e.do(cl, "GET", "/", nil)
			if !strings.Contains(section(t, page, "todo"), tc.title) || !strings.Contains(page, tc.waits) {
				t.Errorf("two days on, the page no longer says the channel waits for credit:\n%s", section(t, page, "todo"))
			}

			fake.SetCredit("1986.0") // the shop tops the account up
			c.add(31 * time.Minute)  // Mutlucell's code 22 is retried after 30 minutes
			if n, err := d.Drain(ctx); err != nil || n == 0 {
				t.Fatalf("after the top-up the drain sent %d (%v)", n, err)
			}
			if pending, _ := e.store.List(ctx, outbox.Filter{Status: outbox.StatusPending}); len(pending) > 0 {
				t.Errorf("after the top-up %d messages still wait", len(pending))
			}
			_, page = e.do(cl, "GET", "/", nil)
			if todo := section(t, page, "verdict"); strings.Contains(todo, tc.title) {
				t.Errorf("the out-of-credit to-do stays after the messages went:\n%s", todo)
			}
		})
	}
}
