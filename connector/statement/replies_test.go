package statement

import (
	"context"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

func TestClassifyReplies(t *testing.T) {
	w := NewWords(config.ReplyWords{Confirm: config.DefaultConfirmWords, Dispute: config.DefaultDisputeWords})
	for text, want := range map[string]Answer{
		"EVET": Confirmed, "evet": Confirmed, " Evet, doğrudur.": Confirmed, "Onaylıyorum": Confirmed, "ONAYLIYORUM!": Confirmed,
		"tamam": Confirmed, "HAYIR": Disputed, "hayır 1.200 TL olmalı": Disputed, "Hayir": Disputed, "itiraz": Disputed,
		"İTİRAZ ediyorum": Disputed, "ITIRAZ": Disputed, "red": Disputed, "": Unclear, "Merhaba, bakiye nedir?": Unclear,
		"evetnot": Unclear,
	} {
		if got := w.Classify(text); got != want {
			t.Errorf("Classify(%q) = %q, want %q", text, got, want)
		}
	}
}

// replies is an in-memory Replies: the outbox's replies table is another
// part's; this is the interface Answers reads it through.
type replies []Reply

func (r replies) RepliesSince(_ context.Context, since time.Time) ([]Reply, error) {
	var out []Reply
	for _, x := range r {
		if !x.At.Before(since) {
			out = append(out, x)
		}
	}
	return out, nil
}

// Each reconciliation takes the first reply from its address after it
// went out that confirms or disputes; an unclear reply is shown when there
// is nothing better, and a later reconciliation takes the replies after it.
func TestAnswersPerReconciliation(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	asked := []Asked{
		{Customer: "1", To: "+905321234567", SentAt: t0},
		{Customer: "2", To: "+905332345678", SentAt: t0},
		{Customer: "3", To: "muhasebe@caglargida.example.com", SentAt: t0},
		{Customer: "4", To: "+905353456789", SentAt: t0},
		{Customer: "1", To: "+905321234567", SentAt: t0.Add(30 * 24 * time.Hour)}, // next month's
	}
	src := replies{
		{From: "+905321234567", At: t0.Add(-time.Hour), Text: "HAYIR"}, // before it was asked
		{From: "+905321234567", At: t0.Add(time.Hour), Text: "bakiye ne?"},
		{From: "+905321234567", At: t0.Add(2 * time.Hour), Text: "Evet"},
		{From: "+905332345678", At: t0.Add(time.Hour), Text: "İtiraz, 600.000 TL ödedim"},
		{From: "muhasebe@caglargida.example.com", At: t0.Add(time.Hour), Text: "teşekkürler"},
		{From: "+905321234567", At: t0.Add(31 * 24 * time.Hour), Text: "hayır"},
	}
	got, err := Answers(context.Background(), asked, src, NewWords(config.ReplyWords{Confirm: config.DefaultConfirmWords, Dispute: config.DefaultDisputeWords}))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		customer string
		answer   Answer
		text     string
	}{{"1", Confirmed, "Evet"}, {"1", Disputed, "hayır"}, {"2", Disputed, "İtiraz, 600.000 TL ödedim"}, {"3", Unclear, "teşekkürler"}, {"4", Unanswered, ""}}
	if len(got) != len(want) {
		t.Fatalf("got %d results: %+v", len(got), got)
	}
	for i, w := range want {
		if got[i].Customer != w.customer || got[i].Answer != w.answer || got[i].Reply.Text != w.text {
			t.Errorf("%d: %s %s %q, want %s %s %q", i, got[i].Customer, got[i].Answer, got[i].Reply.Text, w.customer, w.answer, w.text)
		}
	}
}

// The reconciliations that went out are read from the outbox.
func TestAskedOfReadsTheOutbox(t *testing.T) {
	ctx := context.Background()
	s, err := outbox.Open(ctx, t.TempDir()+"/outbox.db")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Enqueue(ctx, outbox.Batch{Job: "mutabakat", Source: "merkez", Messages: []outbox.NewMessage{
		{Message: mapping.Message{Channel: "sms", To: "+905321234567", Text: "EVET/HAYIR"}, DedupeKey: "r:1", RecordKey: "1"},
		{Message: mapping.Message{Channel: "sms", To: "+905332345678", Text: "EVET/HAYIR"}, DedupeKey: "r:2", RecordKey: "2"},
	}}); err != nil {
		t.Fatal(err)
	}
	ms, err := s.Claim(ctx, "sms", 1)
	if err != nil || len(ms) != 1 {
		t.Fatal(ms, err)
	}
	if err := s.Finish(ctx, ms[0], outbox.Outcome{Status: outbox.StatusSent, ProviderID: "j1"}); err != nil {
		t.Fatal(err)
	}
	asked, err := AskedOf(ctx, s, "mutabakat", time.Time{})
	if err != nil || len(asked) != 1 || asked[0].Customer != "1" || asked[0].To != "+905321234567" || asked[0].SentAt.IsZero() {
		t.Errorf("asked = %+v, %v; want customer 1 only (2 is still pending)", asked, err)
	}
}
