package status_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// failOne enqueues one SMS about about and has it fail with why, as the
// dispatcher records a provider's refusal or a failed report.
func (e *ownerEnv) failOne(ctx context.Context, key, to, about string, why mapping.Reason) int64 {
	t := e.t
	t.Helper()
	e.at(ownerNow.Add(-time.Hour))
	defer e.store.SetClock(e.clock.now)
	if _, err := e.store.Enqueue(ctx, outbox.Batch{Job: "yeni-faturalar", Source: "demo", Messages: []outbox.NewMessage{{
		Message: mapping.Message{Channel: "sms", To: to, Text: "Sayın müşterimiz"}, DedupeKey: key, RecordKey: key, About: about}}}); err != nil {
		t.Fatal(err)
	}
	due, err := e.store.Due(ctx, "sms", 1000)
	if err != nil {
		t.Fatal(err)
	}
	var plan outbox.Plan
	for _, m := range due {
		if m.DedupeKey == key {
			plan.Send = append(plan.Send, m.ID)
		}
	}
	claimed, err := e.store.Start(ctx, plan)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("start %s: %+v %v", key, claimed, err)
	}
	if err := e.store.Finish(ctx, claimed[0], outbox.Outcome{Status: outbox.StatusFailed, Reason: why}); err != nil {
		t.Fatal(err)
	}
	return claimed[0].ID
}

// A failed message is grouped by what fixes its provider's reason: a
// number the provider cannot deliver to is corrected in Wolvox and read
// again, a text it refused is fixed in the job's template; each group has
// its own title, fix and link, lists only its own, and its rows can be
// read again. A reason that says neither stays in the generic group,
// which says the list tells why.
func TestFailuresAreGroupedByTheirFix(t *testing.T) {
	e := newOwnerEnv(t)
	ctx := context.Background()
	blacklisted := e.failOne(ctx, "invoice:demo:black:created", "+905329990001", "2026-901 · Kara Liste",
		mapping.Reason{Code: dispatch.ReasonNotDelivered, Parts: []mapping.Reason{notify.Why("netgsm.report.15")}})
	tooLong := e.failOne(ctx, "invoice:demo:long:created", "+905329990002", "2026-902 · Uzun Metin", notify.Why("netgsm.20"))

	c, _ := e.login()
	for _, tc := range []struct {
		lang   string
		wants  []string
		absent string
	}{
		{"tr", []string{`data-kind="refused_recipient"`, "1 mesaj: numaraya ya da adrese ulaşılamıyor", "numara geçersiz ya da kara listede",
			"Fatura 2026-901 · Kara Liste", `data-kind="refused_content"`, "1 mesajın metnini sağlayıcı kabul etmedi",
			"görevin şablonunu ya da kanalın ayarını düzeltin", "Fatura 2026-902 · Uzun Metin",
			// The six the owner's history has, with no code that says why, keep the generic fix.
			"6 mesajı sağlayıcı kabul etmedi", "Nedeni listede yazıyor."}, "Nedeni listede yazıyor. Sağlayıcı bu numaraya"},
		{"en", []string{"The number or address cannot be reached (1)", "an invalid or blacklisted number",
			"The provider refused the text (1)", "fix the job&#39;s template or the channel&#39;s setting in config.yaml",
			"Refused by the provider (6)", "The list says why."}, "The list says why. The provider says"},
	} {
		e.do(c, "GET", "/?lang="+tc.lang, nil)
		_, page := e.do(c, "GET", "/", nil)
		todo := section(t, page, "todo")
		for _, want := range tc.wants {
			if !strings.Contains(todo, want) {
				t.Errorf("%s: the to-do list lacks %q:\n%s", tc.lang, want, todo)
			}
		}
		if strings.Contains(todo, tc.absent) {
			t.Errorf("%s: the to-do list says %q: a group with a fix of its own says the list tells why", tc.lang, tc.absent)
		}
	}
	e.do(c, "GET", "/?lang=tr", nil)
	_, page := e.do(c, "GET", "/", nil)
	todo := section(t, page, "todo")
	for _, named := range []string{"Kara Liste", "Uzun Metin"} {
		if ex := examplesOf(todo, "6 mesajı sağlayıcı kabul etmedi"); strings.Contains(ex, named) {
			t.Errorf("%s is counted among the generic refusals too", named)
		}
	}
	for kind, id := range map[string]int64{"refused_recipient": blacklisted, "refused_content": tooLong} {
		_, list := e.do(c, "GET", "/?fix="+kind, nil)
		msgs := section(t, list, "messages")
		if ids, _ := rows(msgs); len(ids) != 1 || ids[0] != fmt.Sprint(id) {
			t.Errorf("the %s link lists %v, want message %d alone", kind, ids, id)
		}
		if !strings.Contains(msgs, fmt.Sprintf(`id="reread-%d"`, id)) {
			t.Errorf("the %s message has no \"Read again from Wolvox\":\n%s", kind, msgs)
		}
	}
	_, list := e.do(c, "GET", "/?fix=refused", nil)
	if ids, _ := rows(section(t, list, "messages")); len(ids) != 6 || slices.Contains(ids, fmt.Sprint(blacklisted)) || slices.Contains(ids, fmt.Sprint(tooLong)) {
		t.Errorf("the generic group's link lists %v, want the six others", ids)
	}
}
