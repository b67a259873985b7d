package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Reconciliations that went out, and the replies the inbox stored: each
// customer's answer is listed, in the reader's language, from the replies
// store the SMS inbox fills.
func TestRepliesAnswersListsEachReconciliation(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	if err := demo.CreateDB(ctx, filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, demo.ConfigYAML(), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := connector.OpenStore(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	customers := []struct{ key, about, to, reply string }{
		{"120.01.001", "120.01.001 · Ayşe Yılmaz", "+905321110001", "Evet, doğrudur."},
		{"120.01.002", "120.01.002 · Mehmet Demir", "+905321110002", "HAYIR 1.200 TL olmalı"},
		{"120.01.003", "120.01.003 · Zeynep Kaya", "+905321110003", "kim bu?"},
		{"120.01.004", "120.01.004 · Ali Can", "+905321110004", ""},
	}
	b := outbox.Batch{Job: "reconciliation", Source: "demo"}
	for i, c := range customers {
		b.Messages = append(b.Messages, outbox.NewMessage{Message: mapping.Message{Channel: "sms", To: c.to, Text: "Mutabakat"},
			DedupeKey: fmt.Sprintf("reconciliation:demo:%d", i), RecordKey: c.key, About: c.about})
	}
	if _, err := s.Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}
	started, err := s.Claim(ctx, "sms", 10)
	if err != nil || len(started) != len(customers) {
		t.Fatalf("claim: %d %v", len(started), err)
	}
	for _, m := range started {
		if err := s.Finish(ctx, m, outbox.Outcome{Status: outbox.StatusSent, ProviderID: "1"}); err != nil {
			t.Fatal(err)
		}
	}
	var replies []outbox.NewReply
	for i, c := range customers {
		if c.reply != "" {
			replies = append(replies, outbox.NewReply{Channel: "sms", Provider: "netgsm", From: "0" + c.to[3:], Text: c.reply,
				At: time.Now().Add(time.Duration(i+1) * time.Minute), Key: fmt.Sprint(i)})
		}
	}
	// A reply from before the reconciliation answers nothing.
	replies = append(replies, outbox.NewReply{Channel: "sms", Provider: "netgsm", From: customers[3].to, Text: "EVET",
		At: time.Now().Add(-time.Hour), Key: "old"})
	if _, err := s.StoreReplies(ctx, outbox.ReplyBatch{Replies: replies}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	code, out, errOut := runCLI(t, "--lang", "en", "replies", "answers", "--config", path)
	if code != exitOK {
		t.Fatalf("exit %d:\n%s\n%s", code, out, errOut)
	}
	for _, want := range [][]string{
		{"120.01.001 · Ayşe Yılmaz", "confirmed", "Evet, doğrudur."},
		{"120.01.002 · Mehmet Demir", "disputed", "HAYIR 1.200 TL olmalı"},
		{"120.01.003 · Zeynep Kaya", "unclear", "kim bu?"},
		{"120.01.004 · Ali Can", "no answer"},
		{"4 reconciliation(s): 1 confirmed, 1 disputed, 1 unclear, 1 unanswered"},
	} {
		found := false
		for line := range strings.Lines(out) {
			all := true
			for _, w := range want {
				all = all && strings.Contains(line, w)
			}
			found = found || all
		}
		if !found {
			t.Errorf("no line with %q:\n%s", want, out)
		}
	}
	outputs := out
	code, out, _ = runCLI(t, "--lang", "tr", "replies", "answers", "--config", path)
	outputs += out
	if code != exitOK || !strings.Contains(out, "onayladı") || !strings.Contains(out, "itiraz etti") || !strings.Contains(out, "yanıt yok") {
		t.Errorf("Turkish (exit %d):\n%s", code, out)
	}
	code, out, _ = runCLI(t, "replies", "answers", "--config", path, "--json")
	outputs += out
	var got []answerJSON
	if err := json.Unmarshal([]byte(out), &got); code != exitOK || err != nil || len(got) != 4 {
		t.Fatalf("--json (exit %d, %v): %s", code, err, out)
	}
	// Sorted by customer, as the table.
	for i, want := range []string{"confirm", "dispute", "unclear", ""} {
		if g := got[i]; g.Customer != customers[i].key || g.Answer != want || (g.RepliedAt == nil) != (want == "") || g.Reply != customers[i].reply {
			t.Errorf("--json row %d = %+v, want %s's answer %q", i, g, customers[i].key, want)
		}
	}
	for _, c := range customers {
		if national := c.to[3:]; strings.Contains(outputs, national) {
			t.Errorf("the number %s is not masked in the output:\n%s", c.to, outputs)
		}
	}
	code, out, errOut = runCLI(t, "--lang", "en", "replies", "answers", "--config", path, "--job", "statements")
	if code == exitOK || !strings.Contains(out+errOut, "which reconciliation job? Name one with --job: reconciliation") {
		t.Errorf("--job of a statement job (exit %d):\n%s\n%s", code, out, errOut)
	}
}
