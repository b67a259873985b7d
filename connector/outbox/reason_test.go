package outbox

import (
	"context"
	"database/sql"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Reasons are stored as keys with their arguments, parts and the provider's
// words, and read back the same from every reader.
func TestReasonsRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	skip := mapping.Reason{Code: mapping.ReasonNoUsableRecipient, Parts: []mapping.Reason{
		{Code: mapping.ReasonRecipientField, Args: map[string]string{"field": "CEP_TEL"}, Parts: []mapping.Reason{mapping.R(mapping.ReasonLandline, "number", "0212 1** ** 67")}}}}
	b := batch("2", "a", "b")
	b.Messages[1].Skip = &skip
	if _, err := s.Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}
	got, err := s.List(ctx, Filter{Status: StatusSkipped})
	if err != nil || len(got) != 1 || !reflect.DeepEqual(got[0].Reason, skip) {
		t.Fatalf("skip reason read back as %+v (%v), want %+v", got, err, skip)
	}
	c, _ := s.Claim(ctx, "sms", 1)
	refused := mapping.R("netgsm.20").WithDetail("Message text problem")
	if err := s.Finish(ctx, c[0], Outcome{Status: StatusFailed, Code: "20", Reason: refused}); err != nil {
		t.Fatal(err)
	}
	m, err := s.Get(ctx, c[0].ID)
	if err != nil || !reflect.DeepEqual(m.Reason, refused) || m.Code != "20" {
		t.Fatalf("outcome reason = %+v %q (%v), want %+v", m.Reason, m.Code, err, refused)
	}
}

// An outbox written before reasons had keys keeps its old sentences: the
// English one as the detail, the Turkish one as the "tr" argument, which the
// catalog shows as they were.
func TestReasonMigrationKeepsOldSentences(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "outbox.db")
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ { // the schema of the version before
		if _, err := db.Exec(migrations[i]); err != nil {
			t.Fatalf("migration %d: %v", i+1, err)
		}
	}
	for _, q := range []string{
		`PRAGMA user_version = 5`,
		`INSERT INTO messages (dedupe_key, channel, job, source, record_key, recipient, status, reason, reason_tr, created_at, updated_at)
			VALUES ('k1', 'sms', 'j', 's', '1', '+905321234567', 'failed', 'gave up after 10 attempts: limit', '10 denemeden sonra vazgeçildi: sınır', 1, 1),
			       ('k2', 'sms', 'j', 's', '2', '+905321234568', 'skipped', 'the invoice''s customer (BLCRKODU=7) does not exist in CARI', '', 1, 1),
			       ('k3', 'sms', 'j', 's', '3', '+905321234569', 'sent', '', '', 1, 1)`,
		`INSERT INTO attempts (message_id, n, started_at, outcome, detail) VALUES (1, 1, 1, 'failed', 'refused permanently (code 70)')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s := open(t, path)
	want := map[string]mapping.Reason{
		"k1": {Detail: "gave up after 10 attempts: limit", Args: map[string]string{"tr": "10 denemeden sonra vazgeçildi: sınır"}},
		"k2": {Detail: "the invoice's customer (BLCRKODU=7) does not exist in CARI"},
		"k3": {},
	}
	ms, err := s.List(ctx, Filter{})
	if err != nil || len(ms) != 3 {
		t.Fatalf("list: %v %v", ms, err)
	}
	for _, m := range ms {
		if !reflect.DeepEqual(m.Reason, want[m.DedupeKey]) {
			t.Errorf("%s: migrated reason %+v, want %+v", m.DedupeKey, m.Reason, want[m.DedupeKey])
		}
	}
	var detail string
	if err := s.db.QueryRowContext(ctx, `SELECT detail FROM attempts`).Scan(&detail); err != nil || decodeReason(detail).Detail != "refused permanently (code 70)" {
		t.Errorf("attempt detail migrated to %q (%v)", detail, err)
	}
}
