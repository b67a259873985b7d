package outbox

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Mehmet's number and address as the shop typed them in different places.
const (
	mehmetE164  = "+905332345678"
	mehmetEmail = "mehmet@ozturk.example.com"
)

var mehmetSpellings = []string{"+905332345678", "905332345678", "05332345678", "5332345678", "0533 234 56 78",
	"0533 234-5678", "+90 533 234 56 78", "+90 (533) 234-5678", "0 533 234-5678", "533 234 56 78", "0090 533 234 56 78",
	"mehmet@ozturk.example.com", "Mehmet@Ozturk.Example.COM", "mehmet%40ozturk.example.com"}

// traces returns what of Mehmet the files hold: any spelling of the number
// (mapping.Matcher over the raw bytes) or of the address, in any case.
func traces(t *testing.T, files ...string) []string {
	t.Helper()
	var found []string
	phone, email := mapping.NewMatcher(mehmetE164), mapping.NewMatcher(mehmetEmail)
	for _, f := range files {
		b, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		lower := bytes.ToLower(b)
		for _, sp := range mehmetSpellings {
			if bytes.Contains(lower, bytes.ToLower([]byte(sp))) {
				found = append(found, filepath.Base(f)+": "+sp)
			}
		}
		if phone.Match(string(b)) {
			found = append(found, filepath.Base(f)+": the number in some spelling")
		}
		if email.Match(string(b)) {
			found = append(found, filepath.Base(f)+": the e-mail address")
		}
	}
	return found
}

// mehmetOutbox fills an outbox with Mehmet's messages on every channel, in
// every state, with attempts and audit rows, plus one message to the shop's
// own system that quotes his number and one to another customer.
func mehmetOutbox(t *testing.T, path string) *Store {
	t.Helper()
	ctx := context.Background()
	s := open(t, path)
	big := strings.Repeat("<p>Fatura ayrıntıları, satır satır.</p>", 300) // overflow pages
	b := Batch{Job: "new-invoices", Source: "merkez", Cursor: "102", Messages: []NewMessage{
		{Message: mapping.Message{Channel: "sms", To: "+90 (533) 234-5678", Text: "Sayın Mehmet Öztürk, faturanız hazır."}, DedupeKey: "inv:102", About: "2024-102 · Mehmet Öztürk"},
		{Message: mapping.Message{Channel: "whatsapp", To: "0533 234 56 78", Text: "fatura", Payload: []byte(`{"name":"fatura","components":[{"type":"body","parameters":[{"type":"text", "text":"0533 234 56 78"}]}]}`)}, DedupeKey: "inv:102"},
		{Message: mapping.Message{Channel: "email", To: "Mehmet@Ozturk.Example.COM", Subject: "Faturanız", Text: "Merhaba", HTML: big + "<p>mehmet@ozturk.example.com</p>"}, DedupeKey: "inv:102"},
		{Message: mapping.Message{Channel: "webhook", To: "0 533 234-5678", Text: `{"musteri":"Mehmet Öztürk", "tel":"0 533 234-5678"}`}, DedupeKey: "inv:102"},
		{Message: mapping.Message{Channel: "sms", To: "5332345678", Text: "ikinci fatura"}, DedupeKey: "inv:121", About: "2024-121 · Mehmet Öztürk"},
		{Message: mapping.Message{Channel: "webhook", To: "CARI 120.01.002", Text: "Müşteri tel: +90 533 234 56 78, e-posta MEHMET@ozturk.example.com"}, DedupeKey: "inv:121", About: "2024-121 · Mehmet Öztürk"},
		{Message: mapping.Message{Channel: "sms", To: "0532 123 45 67", Text: "Sayın Ayşe Yılmaz, faturanız hazır."}, DedupeKey: "inv:101", About: "2024-101 · Ayşe Yılmaz"},
	}}
	if _, err := s.Enqueue(ctx, b); err != nil {
		t.Fatal(err)
	}
	for _, ch := range []string{"sms", "whatsapp", "email", "webhook"} {
		claimed, err := s.Claim(ctx, ch, 1)
		if err != nil || len(claimed) != 1 {
			t.Fatalf("claim %s: %v %v", ch, claimed, err)
		}
		m := claimed[0]
		if err := s.Finish(ctx, m, Outcome{Status: StatusSent, ProviderID: "p-" + ch}); err != nil {
			t.Fatal(err)
		}
		if err := s.RecordAudit(ctx, AuditEntry{Host: ch + ".example", Channel: ch, Recipient: m.To, BytesOut: 100, Outcome: "200", MessageIDs: []int64{m.ID}}); err != nil {
			t.Fatal(err)
		}
	}
	// A provider error that quotes the number, on someone else's message.
	claimed, _ := s.Claim(ctx, "webhook", 1)
	if err := s.Finish(ctx, claimed[0], Outcome{Status: StatusPending, Reason: mapping.Reason{Detail: "retry: receiver said unknown phone 0533 234 56 78"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordJobRun(ctx, JobRun{Job: "new-invoices", LastRun: time.Now(), Err: "row 102: CEP_TEL 05332345678 rejected",
		ErrTR: "satır 102: CEP_TEL 05332345678 reddedildi"}); err != nil {
		t.Fatal(err)
	}
	if err := s.OptOut(ctx, "0533 234 56 78", "telefonla istedi: 0533 234 56 78"); err != nil {
		t.Fatal(err)
	}
	// His refusal by reply (with its opt-out of SMS), another customer's
	// reply that quotes his number, and İYS's answer about him.
	refuse := func(r NewReply) *Refusal {
		if r.Text != "RET" {
			return nil
		}
		return &Refusal{OptOut: OptOutEntry{Scope: ScopeCommercial}}
	}
	if _, err := s.StoreReplies(ctx, ReplyBatch{Classify: refuse, Replies: []NewReply{
		{Channel: "sms", Provider: "netgsm", From: "905332345678", Text: "RET", At: time.Now(), Key: "25.11.2026 10:00:02"},
		{Channel: "sms", Provider: "netgsm", From: "+905321234567", Text: "eşimin numarası 0533 234 56 78, ona yazmayın", At: time.Now(), Key: "25.11.2026 10:01:00"},
	}}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveConsent(ctx, Consent{Recipient: mehmetE164, Type: "MESAJ", RecipientType: "BIREYSEL", Status: "ONAY", ConsentDate: "2025-01-01 10:00:00", Source: "HS_WEB"}); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestForgetAcceptsEverySpelling(t *testing.T) {
	for _, spelling := range []string{"+90 533 234 56 78", "0533 234-5678", "5332345678", "905332345678", "+905332345678"} {
		t.Run(spelling, func(t *testing.T) {
			ctx := context.Background()
			s := mehmetOutbox(t, filepath.Join(t.TempDir(), "outbox.db"))
			f, err := s.Forget(ctx, spelling)
			if err != nil {
				t.Fatal(err)
			}
			// sms ×2, whatsapp, webhook to his number; not the e-mail (another address).
			if len(f.Messages) != 4 || f.Attempts != 3 || f.Audit != 3 || !f.OptOut || len(f.JobRuns) != 1 || f.AttemptTexts != 1 ||
				f.Replies != 1 || f.ReplyTexts != 1 || f.Consents != 1 {
				t.Errorf("forgot %+v", f)
			}
			if len(f.Mentioned) != 1 || f.Mentioned[0].Channel != "webhook" { // the webhook to the shop's system quotes him
				t.Errorf("mentioned: %+v", f.Mentioned)
			}
			left, _ := s.List(ctx, Filter{Limit: 100})
			for _, m := range left {
				if m.To == mehmetE164 {
					t.Errorf("message %d to him is still there", m.ID)
				}
				if strings.Contains(m.Text, "533") {
					t.Errorf("message %d still quotes the number: %q", m.ID, m.Text)
				}
			}
		})
	}
}

// A webhook message, an e-mail that quotes the number, a WhatsApp payload,
// an attempt's error, a job's last error and the opt-out note all go; the
// bytes are gone from outbox.db and its WAL, also while the store stays open
// (the service running beside the forget command).
func TestForgetLeavesNoTraceInTheFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "outbox.db")
	s := mehmetOutbox(t, path)
	files := []string{path, path + "-wal", path + "-shm"}
	if len(traces(t, files...)) == 0 {
		t.Fatal("the scan finds nothing before forget: it cannot show anything")
	}
	var all Forgotten
	for _, addr := range []string{"0533 234-5678", "MEHMET@Ozturk.example.com"} {
		f, err := s.Forget(ctx, addr)
		if err != nil {
			t.Fatal(err)
		}
		if f.WALBusy {
			t.Error("the WAL could not be emptied with no other reader")
		}
		all.Messages = append(all.Messages, f.Messages...)
		all.Mentioned = append(all.Mentioned, f.Mentioned...)
	}
	if len(all.Messages) != 5 {
		t.Errorf("forgot %d messages to him, want 5 (sms ×2, whatsapp, email, webhook)", len(all.Messages))
	}
	if found := traces(t, files...); len(found) > 0 {
		t.Errorf("after forget, with the store open: %v", found)
	}
	if fi, err := os.Stat(path + "-wal"); err == nil && fi.Size() != 0 {
		t.Errorf("the WAL still holds %d bytes", fi.Size())
	}
	// Ayşe's message is untouched, the webhook to the shop was emptied
	// and, still waiting, cancelled.
	left, _ := s.List(ctx, Filter{Limit: 100})
	if len(left) != 2 {
		t.Fatalf("left %d messages, want Ayşe's and the emptied webhook: %+v", len(left), left)
	}
	for _, m := range left {
		switch m.Channel {
		case "sms":
			if m.Text != "Sayın Ayşe Yılmaz, faturanız hazır." || m.Status != StatusPending {
				t.Errorf("another person's message changed: %+v", m)
			}
		case "webhook":
			if m.Text != "" || m.Status != StatusCancelled || !strings.Contains(m.Reason.String(), "forget") {
				t.Errorf("the webhook quoting him = %s %q %q; want emptied and cancelled", m.Status, m.Text, m.Reason)
			}
		}
	}
	s.Close()
	if found := traces(t, files...); len(found) > 0 {
		t.Errorf("after forget and close: %v", found)
	}
	// The page's labels name him too ("2024-121 · Mehmet Öztürk"), on the
	// webhook that stays as well.
	for _, f := range files {
		if b, err := os.ReadFile(f); err == nil && bytes.Contains(b, []byte("Öztürk")) {
			t.Errorf("%s still holds his name", filepath.Base(f))
		}
	}
}

func TestForgetDryRunChangesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "outbox.db")
	s := mehmetOutbox(t, path)
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	keyFile := filepath.Join(filepath.Dir(path), "suppression.key")
	_, keyErr := os.Stat(keyFile) // storing replies made it already
	keyBefore, _ := os.ReadFile(keyFile)
	f, err := s.ForgetDryRun(ctx, "0533 234 56 78")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Messages) != 4 || !f.OptOut || f.Total() == 0 {
		t.Errorf("dry run found %+v", f)
	}
	after, _ := os.ReadFile(path)
	wal, _ := os.ReadFile(path + "-wal")
	if !bytes.Equal(before, after) || len(wal) != 0 {
		t.Error("the dry run wrote to the outbox")
	}
	if keyAfter, err := os.ReadFile(keyFile); (keyErr != nil && err == nil) || !bytes.Equal(keyBefore, keyAfter) {
		t.Error("the dry run made or changed the key")
	}
	if again, _ := s.ForgetDryRun(ctx, "+905332345678"); len(again.Messages) != 4 {
		t.Errorf("second dry run found %d messages", len(again.Messages))
	}
	// An outbox that has no key yet gets none from a dry run.
	fresh := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	if _, err := fresh.Enqueue(ctx, batch("1", "invoice:1")); err != nil {
		t.Fatal(err)
	}
	if _, err := fresh.ForgetDryRun(ctx, "+905321234567"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(fresh.keyDir, "suppression.key")); err == nil {
		t.Error("the dry run made the key")
	}
}

// A person put on the opt-out list and then forgotten stays refused, on
// every channel and in any spelling, though no readable address is left;
// optout remove lifts it.
func TestSuppressionSurvivesForget(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "outbox.db")
	s := mehmetOutbox(t, path)
	for _, addr := range []string{"+90 533 234 56 78", mehmetEmail} {
		if _, err := s.Forget(ctx, addr); err != nil {
			t.Fatal(err)
		}
	}
	for _, sp := range []string{mehmetE164, "0533 234 56 78", "905332345678"} {
		if out, err := s.OptedOut(ctx, sp); err != nil || !out {
			t.Errorf("OptedOut(%q) after forget = %v, %v; want true", sp, out, err)
		}
	}
	if list, _ := s.OptOuts(ctx); len(list) != 0 {
		t.Errorf("the opt-out list keeps a readable entry: %+v", list)
	}
	if n, _ := s.Suppressions(ctx); n != 2 {
		t.Errorf("suppressions = %d, want 2", n)
	}
	// The next invoice: every channel's message is stored skipped, with
	// neither his number nor the text.
	n, err := s.Enqueue(ctx, Batch{Job: "new-invoices", Source: "merkez", Messages: []NewMessage{
		{Message: mapping.Message{Channel: "sms", To: "0533 234 56 78", Text: "yeni fatura"}, DedupeKey: "inv:140"},
		{Message: mapping.Message{Channel: "whatsapp", To: "+905332345678", Text: "yeni fatura"}, DedupeKey: "inv:140"},
		{Message: mapping.Message{Channel: "webhook", To: "0 533 234-5678", Text: "yeni fatura 0533 234 56 78"}, DedupeKey: "inv:140"},
	}})
	if err != nil || n.New != 3 {
		t.Fatalf("enqueue: %d, %v", n.New, err)
	}
	for _, ch := range []string{"sms", "whatsapp", "webhook"} {
		ms, _ := s.List(ctx, Filter{Channel: ch, Job: "new-invoices", Limit: 100})
		m := ms[0]
		if m.DedupeKey != "inv:140" || m.Status != StatusSkipped || m.To != "" || m.Text != "" || !strings.Contains(m.Reason.String(), "forgotten") {
			t.Errorf("%s message after forget = %+v; want skipped without recipient or text", ch, m)
		}
	}
	if found := traces(t, path, path+"-wal"); len(found) > 0 {
		t.Errorf("the new messages brought him back: %v", found)
	}
	if lifted, err := s.OptIn(ctx, "0533-234-56-78"); err != nil || !lifted {
		t.Fatalf("optout remove: %v, %v", lifted, err)
	}
	if out, _ := s.OptedOut(ctx, mehmetE164); out {
		t.Error("still suppressed after optout remove")
	}
}

// Without its key a suppression cannot be checked: nothing is sent rather
// than everything, and the error says how to get out.
func TestLostSuppressionKeyFailsClosed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "outbox.db")
	s := mehmetOutbox(t, path)
	if _, err := s.Forget(ctx, mehmetE164); err != nil {
		t.Fatal(err)
	}
	s.Close()
	os.Remove(filepath.Join(dir, "suppression.key"))
	s = open(t, path)
	if out, err := s.OptedOut(ctx, "+905321234567"); !errors.Is(err, ErrSuppressionKey) || out || !strings.Contains(err.Error(), "reset-forgotten") {
		t.Errorf("OptedOut without the key = %v, %v; want ErrSuppressionKey with the way out", out, err)
	}
	if _, err := s.Enqueue(ctx, batch("", "inv:150")); !errors.Is(err, ErrSuppressionKey) {
		t.Errorf("Enqueue without the key: %v", err)
	}
	// A lost key is not replaced by a new one that would match nothing, not
	// even by the retention purge, which makes the key on first use.
	if _, err := s.Forget(ctx, "+905321234567"); !errors.Is(err, ErrSuppressionKey) {
		t.Errorf("Forget without the key: %v", err)
	}
	if _, err := s.Purge(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "suppression.key")); err == nil {
		t.Fatal("a new key was made over the old hashes")
	}
	// Another key file (copied from elsewhere) is refused too.
	other := t.TempDir()
	o := open(t, filepath.Join(other, "outbox.db"))
	if _, err := o.Forget(ctx, "+905321234567"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(other, "suppression.key"))
	os.WriteFile(filepath.Join(dir, "suppression.key"), b, 0o600)
	if _, err := s.OptedOut(ctx, "+905321234567"); !errors.Is(err, ErrSuppressionKey) || !strings.Contains(err.Error(), "not the key") {
		t.Errorf("OptedOut with another outbox's key: %v", err)
	}
	if n, err := s.ResetSuppressions(ctx); err != nil || n != 1 {
		t.Fatalf("reset: %d, %v", n, err)
	}
	if out, err := s.OptedOut(ctx, "+905321234567"); err != nil || out {
		t.Errorf("after reset: %v, %v", out, err)
	}
}

// A purged message keeps only a masked recipient; forget still finds it by
// its keyed hash.
func TestForgetFindsPurgedMessages(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now.AddDate(0, 0, -100) })
	s.Enqueue(ctx, Batch{Job: "j", Source: "m", Messages: []NewMessage{
		{Message: mapping.Message{Channel: "sms", To: mehmetE164, Text: "eski"}, DedupeKey: "old"},
		{Message: mapping.Message{Channel: "sms", To: "+905332345978", Text: "başka"}, DedupeKey: "other"}, // same masked form
	}})
	for _, m := range mustClaim(t, s, "sms", 2) {
		s.Finish(ctx, m, Outcome{Status: StatusSent})
	}
	s.SetClock(func() time.Time { return now })
	if n, err := s.Purge(ctx, now.AddDate(0, 0, -90)); err != nil || n != 2 {
		t.Fatalf("purge: %d, %v", n, err)
	}
	f, err := s.Forget(ctx, "0533 234 56 78")
	if err != nil || len(f.Messages) != 1 || !f.Messages[0].Purged {
		t.Fatalf("forget of a purged message: %+v, %v", f, err)
	}
	if left, _ := s.List(ctx, Filter{}); len(left) != 1 || left[0].DedupeKey != "other" {
		t.Errorf("left %+v; want only the other person's purged row", left)
	}
}

func mustClaim(t *testing.T, s *Store, ch string, n int) []Message {
	t.Helper()
	ms, err := s.Claim(context.Background(), ch, n)
	if err != nil || len(ms) != n {
		t.Fatalf("claim: %v, %v", ms, err)
	}
	return ms
}

// forget must know every table of the outbox: a new table that can hold a
// person has to say what forget does with it.
func TestForgetKnowsEveryTable(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	rows, err := s.db.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		rows.Scan(&name)
		if forgetCovers[name] == "" {
			t.Errorf("table %s is not in forgetCovers: say what forget does with it", name)
		}
	}
}

// An outbox from before: recipients stored as typed are normalised, the
// opt-out list merged, and the first forget rewrites the file (its free
// pages were never zeroed).
func TestMigrationNormalisesStoredRecipients(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "outbox.db")
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migrations[:4] {
		if _, err := db.Exec(m); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`PRAGMA user_version = 4`,
		`INSERT INTO messages (dedupe_key, channel, job, source, record_key, recipient, body, status, created_at, updated_at)
			VALUES ('a', 'webhook', 'j', 's', '1', '0 533 234-5678', 'x', 'sent', 1, 1),
			       ('a', 'email', 'j', 's', '1', 'Mehmet@ozturk.example.com', 'x', 'sent', 1, 1),
			       ('b', 'webhook', 'j', 's', '2', 'CARI 7 ', 'x', 'sent', 1, 1)`,
		`INSERT INTO messages (dedupe_key, channel, job, source, record_key, recipient, body, status, created_at, updated_at)
			VALUES ('c', 'sms', 'j', 's', '3', '+905332345678', 'sil beni', 'sent', 1, 1)`,
		`DELETE FROM messages WHERE dedupe_key = 'c'`, // deleted before secure_delete: the text stays in a free page
		`INSERT INTO optout (recipient, added_at) VALUES ('Mehmet@Ozturk.example.com', 1), ('mehmet@ozturk.example.com', 2), ('0533 234 56 78', 3)`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s := open(t, path)
	ms, _ := s.List(ctx, Filter{})
	got := map[string]bool{}
	for _, m := range ms {
		got[m.To] = true
	}
	if !got[mehmetE164] || !got[mehmetEmail] || !got["CARI 7"] || len(ms) != 3 {
		t.Errorf("recipients after migration: %v", got)
	}
	list, _ := s.OptOuts(ctx)
	if len(list) != 2 || list[0].Recipient != mehmetEmail || list[1].Recipient != mehmetE164 {
		t.Errorf("opt-out list after migration: %+v", list)
	}
	f, err := s.Forget(ctx, mehmetE164)
	if err != nil || !f.Vacuumed {
		t.Fatalf("first forget on an old outbox: %+v, %v; want it vacuumed", f, err)
	}
	if b, _ := os.ReadFile(path); bytes.Contains(b, []byte("sil beni")) {
		t.Error("text deleted before the upgrade is still in the file")
	}
	if f, _ := s.Forget(ctx, mehmetEmail); f.Vacuumed {
		t.Error("vacuumed again")
	}
}

// The inbox is read in overlapping windows and a webhook may be delivered
// twice: a forgotten person's replies, brought again, stay forgotten. One
// they send after being forgotten is new, and is stored.
func TestForgottenRepliesAreNotStoredAgain(t *testing.T) {
	ctx := context.Background()
	s := mehmetOutbox(t, filepath.Join(t.TempDir(), "outbox.db"))
	if _, err := s.Forget(ctx, "0533 234 56 78"); err != nil {
		t.Fatal(err)
	}
	before := time.Now().Add(-time.Minute)
	again, err := s.StoreReplies(ctx, ReplyBatch{Replies: []NewReply{
		{Channel: "sms", Provider: "netgsm", From: "905332345678", Text: "RET", At: before, Key: "25.11.2026 10:00:02"},
		{Channel: "sms", Provider: "netgsm", From: "+905321234567", Text: "eşimin numarası 0533 234 56 78, ona yazmayın", At: before, Key: "25.11.2026 10:01:00"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if again.Forgotten != 1 || again.Duplicate != 1 || len(again.New) != 0 {
		t.Fatalf("read again after forget: %+v, want his reply left forgotten and the other one a duplicate", again)
	}
	replies, err := s.Replies(ctx, ReplyFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range replies {
		if r.From == mehmetE164 || strings.Contains(r.Text, "533") {
			t.Errorf("reply %d is back: %+v", r.ID, r)
		}
	}
	later, err := s.StoreReplies(ctx, ReplyBatch{Replies: []NewReply{
		{Channel: "sms", Provider: "netgsm", From: "905332345678", Text: "Merhaba, yeni faturam?", At: time.Now().Add(time.Second), Key: "04.12.2026 09:00:00"},
	}})
	if err != nil || len(later.New) != 1 || later.Forgotten != 0 {
		t.Fatalf("a reply sent after forget: %+v %v, want it stored", later, err)
	}
}

// A forgotten message's id is not given again: old log lines and a late
// WhatsApp status carrying it must not name another customer's message.
func TestForgottenMessageIDsAreNotReused(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	enqueue := func(to, key string) int64 {
		t.Helper()
		if _, err := s.Enqueue(ctx, Batch{Job: "j", Source: "s", Messages: []NewMessage{
			{Message: mapping.Message{Channel: "sms", To: to, Text: "fatura"}, DedupeKey: key}}}); err != nil {
			t.Fatal(err)
		}
		ms, err := s.List(ctx, Filter{Limit: 1})
		if err != nil || len(ms) == 0 {
			t.Fatal(ms, err)
		}
		return ms[0].ID // newest first
	}
	enqueue("0532 123 45 67", "a")
	last := enqueue("0533 234 56 78", "b")
	if _, err := s.Forget(ctx, "0533 234 56 78"); err != nil {
		t.Fatal(err)
	}
	if id := enqueue("0544 567 89 01", "c"); id <= last {
		t.Fatalf("the next message took id %d; the forgotten one had %d", id, last)
	}
	if id := enqueue("0544 567 89 02", "d"); id <= last+1 {
		t.Fatalf("the one after took id %d", id)
	}
}

// A test message (send-test) is no outbox message, so its audit row carries
// none for forget to find it by: it keeps the recipient's keyed hash, and a
// row written before the hash was is matched by its masked recipient.
func TestForgetErasesTestMessagesAudit(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	test := func(to string) AuditEntry {
		return AuditEntry{Host: "api.netgsm.com.tr", Channel: "sms", Recipient: mapping.MaskRecipient(to), Address: to, BytesOut: 90, Outcome: "http 200"}
	}
	for _, e := range []AuditEntry{test(mehmetE164), test(mehmetEmail), test("+905321234567"),
		// A balance check: no recipient at all.
		{Host: "api.netgsm.com.tr", Channel: "sms", Outcome: "http 200"}} {
		if err := s.RecordAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	// As an older version wrote it: masked, no hash.
	if _, err := s.db.ExecContext(ctx, `INSERT INTO audit (at, host, channel, recipient, outcome) VALUES (1, 'api.netgsm.com.tr', 'sms', ?, 'http 200')`,
		mapping.MaskRecipient(mehmetE164)); err != nil {
		t.Fatal(err)
	}
	var hashed int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit WHERE recipient_mac IS NOT NULL`).Scan(&hashed); err != nil || hashed != 3 {
		t.Fatalf("rows with a keyed hash: %d, %v; want the three test messages'", hashed, err)
	}
	var full int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM audit WHERE recipient LIKE '%2345678%' OR recipient LIKE 'mehmet%'`).Scan(&full); err != nil || full != 0 {
		t.Fatalf("audit rows holding a full recipient: %d, %v", full, err)
	}
	for _, to := range []string{"0533 234 56 78", "Mehmet@Ozturk.Example.COM"} {
		if _, err := s.Forget(ctx, to); err != nil {
			t.Fatal(err)
		}
	}
	left, err := s.Audit(ctx, time.Time{}, 10)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range left {
		got = append(got, e.Recipient)
	}
	if want := []string{mapping.MaskRecipient("+905321234567"), ""}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("audit rows left after forget: %q; want only Ayşe's test and the balance check %q", got, want)
	}
}
