package status_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// A message NetGSM can never take (a foreign number) is a problem of its
// own: the to-do says what works instead of "correct it and press Retry",
// its row says why with the hint and has no Retry button, and its link
// lists it alone.
func TestForeignNumberIsItsOwnProblem(t *testing.T) {
	e := newOwnerEnv(t)
	ctx := context.Background()
	e.at(ownerNow.Add(-time.Hour))
	if _, err := e.store.Enqueue(ctx, outbox.Batch{Job: "yeni-faturalar", Source: "demo", Messages: []outbox.NewMessage{{
		Message:   mapping.Message{Channel: "sms", To: "+4915112345678", Text: "Sayın Hans Müller"},
		DedupeKey: "invoice:demo:abroad:created", RecordKey: "900", About: "2026-900 · Hans Müller"}}}); err != nil {
		t.Fatal(err)
	}
	due, err := e.store.Due(ctx, "sms", 1000)
	if err != nil {
		t.Fatal(err)
	}
	var plan outbox.Plan
	for _, m := range due {
		if m.DedupeKey == "invoice:demo:abroad:created" {
			plan.Send = append(plan.Send, m.ID)
		}
	}
	claimed, err := e.store.Start(ctx, plan)
	if err != nil || len(claimed) != 1 || claimed[0].To != "+4915112345678" {
		t.Fatalf("start: %+v %v", claimed, err)
	}
	if err := e.store.Finish(ctx, claimed[0], outbox.Outcome{Status: outbox.StatusFailed,
		Reason: notify.Why(notify.ReasonAbroad, "provider", "NetGSM", "country", "+49")}); err != nil {
		t.Fatal(err)
	}
	e.store.SetClock(e.clock.now)
	id := claimed[0].ID

	c, _ := e.login()
	_, page := e.do(c, "GET", "/", nil)
	todo := section(t, page, "todo")
	for _, want := range []string{`data-kind="abroad"`, "1 mesaj: numara yurt dışı, SMS ulaşamaz", "Tekrar dene işe yaramaz",
		"fallback: [email]", "Fatura 2026-900 · Hans Müller",
		// The six NetGSM or the mail server did refuse keep their own fix.
		"6 mesajı sağlayıcı kabul etmedi"} {
		if !strings.Contains(todo, want) {
			t.Errorf("the to-do list lacks %q:\n%s", want, todo)
		}
	}
	if ex := examplesOf(todo, "6 mesajı sağlayıcı kabul etmedi"); strings.Contains(ex, "Hans Müller") {
		t.Error("the foreign number is counted among the refused ones too")
	}
	_, list := e.do(c, "GET", "/?fix=abroad", nil)
	msgs := section(t, list, "messages")
	ids, _ := rows(msgs)
	if len(ids) != 1 || ids[0] != fmt.Sprint(id) {
		t.Fatalf("the abroad link lists %v, want message %d alone", ids, id)
	}
	for _, want := range []string{"yurt dışı numara (&#43;49)", "tekrar denemek işe yaramaz", "ipucu: göreve e-posta ya da WhatsApp yedek kanalı ekleyin"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("the message's row lacks %q:\n%s", want, msgs)
		}
	}
	if strings.Contains(page, fmt.Sprintf(`id="retry-%d"`, id)) || strings.Contains(list, fmt.Sprintf(`id="retry-%d"`, id)) {
		t.Error("the page offers Retry for a number the channel can never reach")
	}
}
