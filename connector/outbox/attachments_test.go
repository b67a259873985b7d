package outbox

import (
	"bytes"
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// marker stands for a statement PDF's bytes: a person's account, which the
// purge and forget must take out of the outbox like the text.
var marker = []byte("%PDF-1.4 EKSTRE Mehmet Öztürk 1.200.000,50 TL")

func attached(key, to string) NewMessage {
	return NewMessage{Message: mapping.Message{Channel: "email", To: to, Subject: "Hesap ekstreniz", Text: "Ekte.",
		Attachments: []mapping.Attachment{{Name: "Ekstre 2026-11.pdf", ContentType: "application/pdf", Data: marker}}},
		DedupeKey: key, RecordKey: key}
}

func TestAttachmentsAreClaimedPurgedAndForgotten(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "outbox.db")
	s := open(t, path)
	if _, err := s.Enqueue(ctx, Batch{Job: "ekstre", Source: "merkez", Messages: []NewMessage{
		attached("statement:1", "mehmet@ozturk.example.com"), attached("statement:2", "ayse@example.com")}}); err != nil {
		t.Fatal(err)
	}
	claimed := mustClaim(t, s, "email", 2)
	for _, m := range claimed {
		if len(m.Attachments) != 1 || !bytes.Equal(m.Attachments[0].Data, marker) || m.Attachments[0].Name != "Ekstre 2026-11.pdf" ||
			m.Attachments[0].ContentType != "application/pdf" {
			t.Fatalf("claimed message %d carries %+v", m.ID, m.Attachments)
		}
		if err := s.Finish(ctx, m, Outcome{Status: StatusSent, ProviderID: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	// Lists never load attachments: a status page of recent e-mails
	// would otherwise read every PDF.
	list, err := s.List(ctx, Filter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range list {
		if m.Attachments != nil {
			t.Errorf("List loaded the attachments of message %d", m.ID)
		}
	}

	if _, err := s.Forget(ctx, "Mehmet@Ozturk.Example.com"); err != nil {
		t.Fatal(err)
	}
	// Stored as base64 inside JSON: look for that.
	stored := []byte(base64.StdEncoding.EncodeToString(marker))
	b, _ := os.ReadFile(path)
	if n := bytes.Count(b, stored); n != 1 {
		t.Errorf("after forgetting Mehmet the file holds the attachment %d times, want 1 (Ayşe's)", n)
	}

	s.SetClock(func() time.Time { return time.Now().Add(365 * 24 * time.Hour) })
	if n, err := s.Purge(ctx, time.Now().Add(24*time.Hour)); err != nil || n != 1 {
		t.Fatalf("purge = %d, %v", n, err)
	}
	as, err := s.Attachments(ctx, claimed[1].ID)
	if err != nil || as != nil {
		t.Errorf("after the purge message %d keeps attachments %+v (%v)", claimed[1].ID, as, err)
	}
	if _, err := s.checkpoint(ctx); err != nil {
		t.Fatal(err)
	}
	b, _ = os.ReadFile(path)
	if bytes.Contains(b, stored) {
		t.Error("after the purge the file still holds the attachment's bytes")
	}
}
