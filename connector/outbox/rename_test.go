package outbox

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// A source's messages are filed under the new name with their dedupe keys
// renamed in both forms (the entity's and a job's own dedupe_key), so that
// the next run, which makes the keys with the new name, sends nothing
// again; cursors move along; a name with a history of its own is refused.
func TestRenameSource(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, b := range []Batch{
		{Job: "overdue", Source: "merkez", Cursor: "2026-12-24", Messages: []NewMessage{
			{Message: sms(), DedupeKey: "overdue:merkez:105:due:20261204:3", RecordKey: "105"}}},
		{Job: "own", Source: "merkez", Cursor: "7", Messages: []NewMessage{
			{Message: sms(), DedupeKey: "merkez:siparis-7", RecordKey: "7"}}},
		{Job: "other", Source: "sube", Cursor: "3", Messages: []NewMessage{
			{Message: sms(), DedupeKey: "invoice:sube:3:created", RecordKey: "3"}}},
	} {
		if _, err := s.Enqueue(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetSourceDatabase(ctx, "merkez", "firebird|127.0.0.1|3050||c:/akinsoft/2026/wolvox.fdb"); err != nil {
		t.Fatal(err)
	}
	r, err := s.RenameSource(ctx, "merkez", "merkez@2026")
	if err != nil || r.Cursors != 2 || r.Messages != 2 {
		t.Fatalf("rename: %+v %v", r, err)
	}
	if _, ok, _ := s.Cursor(ctx, "overdue", "merkez@2026"); !ok {
		t.Error("the cursor did not move")
	}
	if _, ok, _ := s.SourceDatabase(ctx, "merkez"); ok {
		t.Error("the old name's database is still recorded")
	}
	for _, b := range []Batch{
		{Job: "overdue", Source: "merkez@2026", Cursor: "2026-12-25", Messages: []NewMessage{
			{Message: sms(), DedupeKey: "overdue:merkez@2026:105:due:20261204:3", RecordKey: "105"}}},
		{Job: "own", Source: "merkez@2026", Cursor: "8", Messages: []NewMessage{
			{Message: sms(), DedupeKey: "merkez@2026:siparis-7", RecordKey: "7"}}},
	} {
		if n, err := s.Enqueue(ctx, b); err != nil || n.New != 0 {
			t.Errorf("%s after the rename: %+v %v, want the message known", b.Job, n, err)
		}
	}
	if n, _ := s.Enqueue(ctx, Batch{Job: "other", Source: "sube", Cursor: "3", Messages: []NewMessage{
		{Message: sms(), DedupeKey: "invoice:sube:3:created", RecordKey: "3"}}}); n.New != 0 {
		t.Error("another source's message was renamed")
	}
	if _, err := s.RenameSource(ctx, "sube", "merkez@2026"); err == nil {
		t.Error("a rename onto a name with a history was not refused")
	}
}

func sms() mapping.Message {
	return mapping.Message{Channel: "sms", To: "+905321234567", Text: "Sayın Ayşe Yılmaz"}
}
