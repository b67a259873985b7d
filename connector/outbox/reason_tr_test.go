package outbox

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// createAt builds an outbox as an older binary left it: only the first
// version migrations ran, and (from version 1 on) one message and one
// cursor were written with the columns of that time.
func createAt(t *testing.T, path string, version int) {
	t.Helper()
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := range version {
		if _, err := db.ExecContext(ctx, migrations[i]); err != nil {
			t.Fatalf("migration %d: %v", i+1, err)
		}
	}
	if _, err := db.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, version)); err != nil {
		t.Fatal(err)
	}
	if version == 0 {
		return
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO messages (id, dedupe_key, channel, job, source, record_key, recipient, body, status, reason, code, attempts, created_at, updated_at)
		VALUES (7, 'invoice:7', 'sms', 'new-invoices', 'merkez', '7', '+905321234567', 'Merhaba', 'failed', 'refused permanently (code 70): invalid number', '70', 1, 1000, 2000)`); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO cursors (job, source, value, updated_at) VALUES ('new-invoices', 'merkez', '7', 2000)`); err != nil {
		t.Fatal(err)
	}
}

func TestMigrationAddsReasonTR(t *testing.T) {
	ctx := context.Background()
	last := len(migrations)
	for _, tc := range []struct {
		name string
		from int // schema version the outbox was left at
	}{
		{"new outbox", 0},
		{"first release", 1},
		{"with audit and opt-out", 2},
		{"previous version (job runs)", last - 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "outbox.db")
			createAt(t, path, tc.from)
			s, err := Open(ctx, path)
			if err != nil {
				t.Fatalf("open an outbox at schema %d: %v", tc.from, err)
			}
			var version int
			if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&version); err != nil || version != last {
				t.Fatalf("schema after upgrade = %d, %v; want %d", version, err, last)
			}
			if cols := columns(t, s, "messages"); !slices.Contains(cols, "reason_tr") {
				t.Fatalf("messages columns after upgrade = %v, no reason_tr", cols)
			}
			if tc.from > 0 {
				m, err := s.Get(ctx, 7)
				if err != nil {
					t.Fatal(err)
				}
				if m.DedupeKey != "invoice:7" || m.Status != StatusFailed || m.Reason != "refused permanently (code 70): invalid number" ||
					m.ReasonTR != "" || m.Code != "70" || m.Text != "Merhaba" || m.Attempts != 1 || m.UpdatedAt.UnixMilli() != 2000 {
					t.Errorf("old message after upgrade = %+v", m)
				}
				if v, ok, err := s.Cursor(ctx, "new-invoices", "merkez"); v != "7" || !ok || err != nil {
					t.Errorf("old cursor after upgrade = %q, %v, %v", v, ok, err)
				}
			}
			s.Close()
			// Opening again migrates nothing twice.
			s = open(t, path)
			if _, err := s.Enqueue(ctx, Batch{Job: "j", Source: "s", Messages: []NewMessage{
				{DedupeKey: "k", Channel: "sms", Skip: "no phone number", SkipTR: "telefon numarası yok"},
			}}); err != nil {
				t.Fatal(err)
			}
			if ms, err := s.List(ctx, Filter{Job: "j"}); err != nil || len(ms) != 1 || ms[0].ReasonTR != "telefon numarası yok" {
				t.Errorf("skipped message after reopening = %+v, %v", ms, err)
			}
		})
	}
}

func columns(t *testing.T, s *Store, table string) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT name FROM pragma_table_info(?)`, table)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// Every write of a message's reason writes its Turkish reason too, so the
// two always describe the same event: an outcome without a Turkish reason
// clears the older one instead of leaving it beside a newer English reason.
func TestReasonTRFollowsReason(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	if _, err := s.Enqueue(ctx, Batch{Job: "j", Source: "s", Messages: []NewMessage{
		{DedupeKey: "k", Channel: "sms", To: "+905321234567", Text: "x"},
		{DedupeKey: "k", Channel: "email", To: "a@example.com", Text: "x", Standby: true},
		{DedupeKey: "bad", Channel: "sms", Skip: "phone number is a landline", SkipTR: "telefon numarası sabit hat"},
		{DedupeKey: "standby-skip", Channel: "sms", Standby: true, SkipTR: "not a skip: ignored"},
	}}); err != nil {
		t.Fatal(err)
	}
	claim := func(t *testing.T) Message {
		t.Helper()
		c, err := s.Claim(ctx, "sms", 1)
		if err != nil || len(c) != 1 {
			t.Fatalf("claim: %d messages, %v", len(c), err)
		}
		return c[0]
	}
	finish := func(o Outcome) func(t *testing.T) int64 {
		return func(t *testing.T) int64 {
			m := claim(t)
			if err := s.Finish(ctx, m, o); err != nil {
				t.Fatal(err)
			}
			return m.ID
		}
	}
	report := func(r Report) func(t *testing.T) int64 {
		return func(t *testing.T) int64 {
			m := claim(t)
			if err := s.Finish(ctx, m, Outcome{Status: StatusSent, ProviderID: "p1"}); err != nil {
				t.Fatal(err)
			}
			if ok, err := s.RecordReport(ctx, m.ID, r, StatusSent); err != nil || !ok {
				t.Fatalf("record report: %v, %v", ok, err)
			}
			return m.ID
		}
	}
	byKey := func(key, channel string) int64 {
		ms, err := s.List(ctx, Filter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.DedupeKey == key && m.Channel == channel {
				return m.ID
			}
		}
		t.Fatalf("no message %s/%s", key, channel)
		return 0
	}
	operatorRetry := func(t *testing.T, id int64) {
		t.Helper()
		if err := s.Retry(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	id := byKey("k", "sms") // the message the steps act on, unless a step says otherwise
	for _, tc := range []struct {
		name       string
		do         func(t *testing.T) int64 // returns the message to look at
		status     Status
		reason, tr string
	}{
		{"skipped at enqueue", func(*testing.T) int64 { return byKey("bad", "sms") },
			StatusSkipped, "phone number is a landline", "telefon numarası sabit hat"},
		{"SkipTR without Skip is not stored", func(*testing.T) int64 { return byKey("standby-skip", "sms") },
			StatusStandby, "", ""},
		{"retry without a Turkish reason", finish(Outcome{Status: StatusPending, Reason: "not sent, retry later: busy"}),
			StatusPending, "not sent, retry later: busy", ""},
		{"permanent with a Turkish reason",
			finish(Outcome{Status: StatusFailed, Code: "70", Reason: "refused permanently (code 70): invalid number", ReasonTR: "geçersiz numara"}),
			StatusFailed, "refused permanently (code 70): invalid number", "geçersiz numara"},
		{"operator retry keeps both until the next outcome", func(t *testing.T) int64 { operatorRetry(t, id); return id },
			StatusPending, "refused permanently (code 70): invalid number", "geçersiz numara"},
		{"an outcome without reasons clears both", finish(Outcome{Status: StatusSent, ProviderID: "p1"}),
			StatusSent, "", ""},
		{"delivery report failure", func(t *testing.T) int64 {
			if ok, err := s.RecordReport(ctx, id, Report{Status: StatusFailed, Code: "3", Reason: "not delivered: no such number",
				ReasonTR: "iletilemedi: no such number"}, StatusSent); err != nil || !ok {
				t.Fatalf("record report: %v, %v", ok, err)
			}
			return id
		}, StatusFailed, "not delivered: no such number", "iletilemedi: no such number"},
		{"a report without a Turkish reason clears it", func(t *testing.T) int64 {
			operatorRetry(t, id)
			return report(Report{Status: StatusDelivered, Reason: "delivered"})(t)
		}, StatusDelivered, "delivered", ""},
		{"deferred", func(t *testing.T) int64 {
			// A delivered message never goes back to pending: defer a new one.
			if _, err := s.Enqueue(ctx, Batch{Job: "j", Source: "s", Messages: []NewMessage{{DedupeKey: "k2", Channel: "sms",
				To: "+905321234567", Text: "x"}}}); err != nil {
				t.Fatal(err)
			}
			m := claim(t)
			if err := s.Defer(ctx, m, now, "daily limit reached", "günlük sınıra ulaşıldı"); err != nil {
				t.Fatal(err)
			}
			return m.ID
		}, StatusPending, "daily limit reached", "günlük sınıra ulaşıldı"},
		{"recovered after a crash", func(t *testing.T) int64 {
			m := claim(t)
			if n, err := s.RecoverInFlight(ctx); err != nil || n != 1 {
				t.Fatalf("recovered %d, %v", n, err)
			}
			return m.ID
		}, StatusUncertain, "the connector stopped during the send; checking with the provider before any resend",
			"gönderim sırasında program durdu; yeniden göndermeden önce sağlayıcıyla kontrol ediliyor"},
		{"fallback no longer needed", func(t *testing.T) int64 {
			if err := s.DropStandby(ctx, "k"); err != nil {
				t.Fatal(err)
			}
			return byKey("k", "email")
		}, StatusCancelled, "not needed: an earlier channel succeeded", "gerek kalmadı: önceki kanaldan gönderildi"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.do(t)
			m, err := s.Get(ctx, got)
			if err != nil {
				t.Fatal(err)
			}
			if m.Status != tc.status || m.Reason != tc.reason || m.ReasonTR != tc.tr {
				t.Errorf("message = %s, %q, %q; want %s, %q, %q", m.Status, m.Reason, m.ReasonTR, tc.status, tc.reason, tc.tr)
			}
		})
	}
}

// Every reader that returns messages carries the Turkish reason.
func TestReadersCarryReasonTR(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	if _, err := s.Enqueue(ctx, batch("1", "a")); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Claim(ctx, "sms", 1)
	if err := s.Finish(ctx, c[0], Outcome{Status: StatusUncertain, Reason: "outcome unknown", ReasonTR: "sonuç bilinmiyor"}); err != nil {
		t.Fatal(err)
	}
	read := map[string]func() ([]Message, error){
		"Get":      func() ([]Message, error) { m, err := s.Get(ctx, c[0].ID); return []Message{m}, err },
		"List":     func() ([]Message, error) { return s.List(ctx, Filter{}) },
		"ByStatus": func() ([]Message, error) { return s.ByStatus(ctx, "sms", StatusUncertain, 10) },
		"ListStatuses": func() ([]Message, error) {
			return s.ListStatuses(ctx, []Status{StatusUncertain}, time.Time{}, 10)
		},
		"Recent": func() ([]Message, error) { return s.Recent(ctx, 10) },
		"Awaiting": func() ([]Message, error) {
			as, err := s.Awaiting(ctx, "sms", StatusUncertain, time.Time{}, 10)
			var out []Message
			for _, a := range as {
				out = append(out, a.Message)
			}
			return out, err
		},
	}
	for name, fn := range read {
		ms, err := fn()
		if err != nil || len(ms) != 1 || ms[0].Reason != "outcome unknown" || ms[0].ReasonTR != "sonuç bilinmiyor" {
			t.Errorf("%s = %+v, %v", name, ms, err)
		}
	}
}
