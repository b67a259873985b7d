package status_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm/netgsmtest"
	"github.com/akinsoft-connector/akinsoft-connector/notify/providertest"
)

// A provider that takes none of the sends (NetGSM's system error, code
// 100, to every request) leaves each message waiting for its retry: none
// is lost, but nothing goes, and the top of the page said "all is well".
// After a few minutes of it the page says the provider takes no messages,
// with its last answer; a send that goes through ends it. One error is a
// retry, not yet a problem. The real NetGSM client and fake.
func TestAProviderTakingNothingIsAToDo(t *testing.T) {
	for _, tc := range []struct {
		name, language, title, fix, answer, verdictOK string
	}{
		{"Turkish", "", "SMS sağlayıcısı mesajları almıyor", "art arda 21 gönderimin hiçbirini kabul etmedi", "NetGSM sistem hatası", "Her şey yolunda"},
		{"English", "language: en\n", "The SMS provider takes no messages", "it took none of 21 sends in a row", "NetGSM system error", "All is well"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			fake := netgsmtest.New()
			t.Cleanup(fake.Close)
			dir := t.TempDir()
			if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
				t.Fatal(err)
			}
			t.Setenv("FAILING_TEST_PASSWORD", fake.Password)
			y := tc.language + `state_dir: state
quiet_hours: {disabled: true}
status: {disabled: true}
sources: [{name: demo, driver: sqlite, database: demo.db}]
channels:
  sms:
    provider: netgsm
    netgsm: {url: "` + fake.URL() + `", usercode: "` + fake.User + `", password: "${env:FAILING_TEST_PASSWORD}", msgheader: MAGAZA}
jobs:
  - name: new-invoices
    preset: new_invoices
    schedule: "@every 1h"
    backfill: all
    messages: {sms: {text: "Fatura {{.FATURA_NO}}"}}
`
			e := newProviderEnv(t, dir, y, fake.Server.Certificate())
			d, c := e.daemon, e.clock

			fake.Inject(providertest.FaultServer, 1) // the one request of 21 messages
			if _, err := d.RunJob(ctx, "new-invoices"); err != nil {
				t.Fatal(err)
			}
			if _, err := d.Drain(ctx); err != nil {
				t.Fatal(err)
			}
			cl, _ := e.login()
			_, page := e.do(cl, "GET", "/", nil)
			if strings.Contains(section(t, page, "todo"), tc.title) {
				t.Errorf("a single refused request is already a problem:\n%s", section(t, page, "todo"))
			}

			c.add(6 * time.Minute)
			cl, _ = e.login()
			_, page = e.do(cl, "GET", "/", nil)
			verdict, todo := section(t, page, "verdict"), section(t, page, "todo")
			if strings.Contains(verdict, tc.verdictOK) || !strings.Contains(verdict, tc.title) {
				t.Errorf("with every send refused for 6 minutes the verdict is:\n%s", verdict)
			}
			if !strings.Contains(todo, `data-kind="channel_failing"`) || !strings.Contains(todo, tc.fix) || !strings.Contains(todo, tc.answer) {
				t.Errorf("the to-do list lacks the failing provider, the count or its answer:\n%s", todo)
			}

			c.add(time.Hour) // past every retry's wait; the provider answers again
			if n, err := d.Drain(ctx); err != nil || n == 0 {
				t.Fatalf("once the provider answers the drain sent %d (%v)", n, err)
			}
			cl, _ = e.login()
			_, page = e.do(cl, "GET", "/", nil)
			if strings.Contains(section(t, page, "todo"), tc.title) {
				t.Errorf("the to-do stays after a send went through:\n%s", section(t, page, "todo"))
			}
		})
	}
}
