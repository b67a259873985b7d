package main

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// After a provider's outage leaves more failed messages than one page of
// the outbox (outbox.RetryFailed goes 200 at a time), retry --all-failed
// queues every one of them again and says so in one count, as it does for
// a few; run again, it finds none.
func TestRetryAllFailedPastOnePage(t *testing.T) {
	cfg, d := opsSetup(t, "127.0.0.1:1")
	ctx := context.Background()
	s := d.Store()
	const n = 450
	b := outbox.Batch{Job: "new-invoices", Source: "demo", Cursor: "outage"}
	for i := range n {
		k := fmt.Sprintf("outage:%d", i+1)
		b.Messages = append(b.Messages, outbox.NewMessage{Message: mapping.Message{Channel: "sms", To: "+905321234567", Text: "Fatura " + k},
			DedupeKey: k, RecordKey: k, About: "Fatura " + k})
	}
	if _, err := s.Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}
	claimed, err := s.Claim(ctx, "sms", n)
	if err != nil || len(claimed) != n {
		t.Fatalf("claim: %d of %d, %v", len(claimed), n, err)
	}
	done := make([]outbox.Done, n)
	for i, m := range claimed {
		done[i] = outbox.Done{Message: m, Outcome: outbox.Outcome{Status: outbox.StatusFailed, Code: "503", Reason: mapping.Reason{Detail: "service unavailable"}}}
	}
	if err := s.FinishAll(ctx, done); err != nil {
		t.Fatal(err)
	}

	if code, out, _ := runCLI(t, "--lang", "tr", "messages", "retry", "--all-failed", "--channel", "email", "--config", cfg); code != exitOK ||
		!strings.Contains(out, "yeniden denenecek mesaj yok") {
		t.Errorf("retry --all-failed --channel email: exit %d:\n%s", code, out)
	}
	code, out, errOut := runCLI(t, "--lang", "tr", "messages", "retry", "--all-failed", "--since", "24h", "--config", cfg)
	if code != exitOK || !strings.Contains(out, fmt.Sprintf("%d mesaj yeniden kuyruğa alındı\n", n)) ||
		!strings.Contains(errOut, fmt.Sprintf("yeniden deneniyor: %d/%d\n", n, n)) || strings.Contains(errOut, "numaralı mesaj") {
		t.Fatalf("retry --all-failed: exit %d\n%s%s", code, out, errOut)
	}
	if left, _ := s.Count(ctx, outbox.Filter{Status: outbox.StatusFailed}); left != 0 {
		t.Errorf("%d still failed", left)
	}
	if queued, _ := s.Count(ctx, outbox.Filter{Status: outbox.StatusPending, Channel: "sms"}); queued != n {
		t.Errorf("%d pending, want %d", queued, n)
	}
	if code, out, _ := runEN(t, "messages", "retry", "--all-failed", "--config", cfg); code != exitOK || !strings.Contains(out, "no messages to retry") {
		t.Errorf("retry --all-failed again: exit %d:\n%s", code, out)
	}
}
