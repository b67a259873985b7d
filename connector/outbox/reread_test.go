package outbox

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Reaim writes a skipped or failed message again as its record makes it
// now, and refuses whatever the provider may have taken, a purged message,
// and an event another channel told or is telling.
func TestReaim(t *testing.T) {
	ctx := context.Background()
	noPhone := mapping.R(mapping.ReasonNoPhone)
	now := NewMessage{Message: mapping.Message{Channel: "sms", To: "0532 999 88 77", Text: "Fatura 2024-108 hazır"}, About: "2024-108 · Özlem Aydın"}
	for _, tc := range []struct {
		name    string
		stored  []NewMessage // the event's messages; the first is re-read
		prepare func(s *Store, id int64)
		with    NewMessage
		want    Status
		refused bool
		// fallback are the job's fallback channels ("": each channel on
		// its own, as a job sending SMS and e-mail both)
		fallback []string
	}{
		{name: "skipped, now sendable", stored: []NewMessage{{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone}}, with: now, want: StatusPending},
		{name: "skipped, still not", stored: []NewMessage{{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone}},
			with: NewMessage{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone}, want: StatusSkipped},
		{name: "failed, now sendable", stored: []NewMessage{{Message: mapping.Message{Channel: "sms", To: "+905321110000", Text: "eski"}}},
			prepare: func(s *Store, id int64) { fail(t, s, id) }, with: now, want: StatusPending},
		{name: "sent, then not delivered", stored: []NewMessage{{Message: mapping.Message{Channel: "sms", To: "+905321110000", Text: "eski"}}},
			prepare: func(s *Store, id int64) {
				send(t, s, id)
				if err := s.SetStatus(ctx, id, StatusFailed, StatusSent); err != nil {
					t.Fatal(err)
				}
			}, with: now, want: StatusPending},
		{name: "failed, now not", stored: []NewMessage{{Message: mapping.Message{Channel: "sms", To: "+905321110000", Text: "eski"}}},
			prepare: func(s *Store, id int64) { fail(t, s, id) }, with: NewMessage{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone}, want: StatusSkipped},
		{name: "pending", stored: []NewMessage{{Message: mapping.Message{Channel: "sms", To: "+905321110000", Text: "eski"}}}, with: now, refused: true},
		{name: "sent", stored: []NewMessage{{Message: mapping.Message{Channel: "sms", To: "+905321110000", Text: "eski"}}},
			prepare: func(s *Store, id int64) { send(t, s, id) }, with: now, refused: true},
		{name: "the e-mail told it", stored: []NewMessage{{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone},
			{Message: mapping.Message{Channel: "email", To: "ozlem@example.com", Text: "x"}}},
			prepare: func(s *Store, id int64) { send(t, s, id+1) }, with: now, refused: true, fallback: []string{"email"}},
		{name: "the e-mail is on its way", stored: []NewMessage{{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone},
			{Message: mapping.Message{Channel: "email", To: "ozlem@example.com", Text: "x"}}}, with: now, refused: true, fallback: []string{"email"}},
		{name: "the e-mail failed too", stored: []NewMessage{{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone},
			{Message: mapping.Message{Channel: "email", To: "ozlem@example.com", Text: "x"}}},
			prepare: func(s *Store, id int64) { fail(t, s, id+1) }, with: now, want: StatusPending, fallback: []string{"email"}},
		{name: "a job sending both: the e-mail went", stored: []NewMessage{{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone},
			{Message: mapping.Message{Channel: "email", To: "ozlem@example.com", Text: "x"}}},
			prepare: func(s *Store, id int64) { send(t, s, id+1) }, with: now, want: StatusPending},
		{name: "a skipped fallback: its SMS went", stored: []NewMessage{{Message: mapping.Message{Channel: "email"}, Skip: &noPhone, Standby: 1},
			{Message: mapping.Message{Channel: "sms", To: "+905321110000", Text: "x"}}},
			prepare: func(s *Store, id int64) { send(t, s, id+1) }, with: NewMessage{Message: mapping.Message{Channel: "email", To: "ozlem@example.com", Text: "y"}, Standby: 1},
			refused: true, fallback: []string{"email"}},
		{name: "a skipped fallback: an operator cancelled its SMS", stored: []NewMessage{{Message: mapping.Message{Channel: "email"}, Skip: &noPhone, Standby: 1},
			{Message: mapping.Message{Channel: "sms", To: "+905321110000", Text: "x"}}},
			prepare: func(s *Store, id int64) {
				if err := s.Cancel(ctx, id+1); err != nil {
					t.Fatal(err)
				}
			}, with: NewMessage{Message: mapping.Message{Channel: "email", To: "ozlem@example.com", Text: "y"}, Standby: 1},
			refused: true, fallback: []string{"email"}},
		{name: "a job sending both: an operator cancelled the e-mail", stored: []NewMessage{{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone},
			{Message: mapping.Message{Channel: "email", To: "ozlem@example.com", Text: "x"}}},
			prepare: func(s *Store, id int64) {
				if err := s.Cancel(ctx, id+1); err != nil {
					t.Fatal(err)
				}
			}, with: now, want: StatusPending},
		{name: "purged", stored: []NewMessage{{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone}},
			prepare: func(s *Store, id int64) {
				if _, err := s.db.Exec(`UPDATE messages SET purged_at = 1 WHERE id = ?`, id); err != nil {
					t.Fatal(err)
				}
			}, with: now, refused: true},
		{name: "the new number was forgotten", stored: []NewMessage{{Message: mapping.Message{Channel: "sms"}, Skip: &noPhone}},
			prepare: func(s *Store, id int64) {
				if _, err := s.Forget(ctx, "+905329998877"); err != nil {
					t.Fatal(err)
				}
			}, with: now, want: StatusSkipped},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
			b := Batch{Job: "new-invoices", Source: "merkez"}
			for _, m := range tc.stored {
				m.DedupeKey, m.RecordKey = "invoice:merkez:108:created", "108"
				b.Messages = append(b.Messages, m)
			}
			if _, err := s.Enqueue(ctx, b); err != nil {
				t.Fatal(err)
			}
			ms, _ := s.List(ctx, Filter{Channel: tc.stored[0].Channel})
			id := ms[0].ID
			if tc.prepare != nil {
				tc.prepare(s, id)
			}
			before, _ := s.Get(ctx, id)
			with := tc.with
			with.DedupeKey, with.RecordKey = "invoice:merkez:108:created", "108"
			st, why, err := s.Reaim(ctx, before, with, tc.fallback)
			after, _ := s.Get(ctx, id)
			if tc.refused {
				if !errors.Is(err, ErrWrongState) {
					t.Fatalf("Reaim = %s, %v; want it refused", st, err)
				}
				if after.Status != before.Status || after.Text != before.Text || after.To != before.To {
					t.Errorf("a refused re-read changed the message: %+v → %+v", before, after)
				}
				return
			}
			if err != nil || st != tc.want || after.Status != tc.want {
				t.Fatalf("Reaim = %s, %+v, %v (stored %s); want %s", st, why, err, after.Status, tc.want)
			}
			switch tc.want {
			case StatusPending:
				if after.To != "+905329998877" || after.Text != now.Text || after.About != now.About || after.Attempts != 0 || after.Reason.Code != "" || after.ProviderID != "" || !after.SentAt.IsZero() {
					t.Errorf("re-read message: %+v", after)
				}
			case StatusSkipped:
				if why.Code == "" || after.Reason.Code != why.Code || after.To != before.To {
					t.Errorf("still skipped: why %+v, stored %+v", why, after)
				}
			}
		})
	}
}

func send(t *testing.T, s *Store, id int64) {
	t.Helper()
	finish(t, s, id, Outcome{Status: StatusSent, ProviderID: "p1"})
}

func fail(t *testing.T, s *Store, id int64) {
	t.Helper()
	finish(t, s, id, Outcome{Status: StatusFailed, Code: "70", Reason: mapping.R("netgsm.70")})
}

// finish sends message id through sending to its outcome, as a dispatcher
// does.
func finish(t *testing.T, s *Store, id int64, o Outcome) {
	t.Helper()
	m, err := s.Get(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	claimed, err := s.Claim(context.Background(), m.Channel, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range claimed {
		if c.ID == id {
			if err := s.Finish(context.Background(), c, o); err != nil {
				t.Fatal(err)
			}
			return
		}
	}
	t.Fatalf("message %d could not be claimed", id)
}

// A re-read message goes out as the record and the job make it today, İYS
// standing included: the dispatcher asks İYS for consent by the stored
// flags, so a card no longer marked a merchant (tacir), or a job made
// commercial since, must not keep the old message's exemption.
func TestReaimTakesTodaysCommercialStanding(t *testing.T) {
	ctx := context.Background()
	noPhone := mapping.R(mapping.ReasonNoPhone)
	for _, tc := range []struct {
		name                 string
		stored, now          NewMessage
		commercial, merchant bool
	}{
		{name: "no longer a merchant",
			stored: NewMessage{Commercial: true, Merchant: true}, now: NewMessage{Commercial: true}, commercial: true},
		{name: "the job is commercial now",
			stored: NewMessage{}, now: NewMessage{Commercial: true}, commercial: true},
		{name: "a merchant now",
			stored: NewMessage{Commercial: true}, now: NewMessage{Commercial: true, Merchant: true}, commercial: true, merchant: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
			stored := tc.stored
			stored.Message, stored.Skip = mapping.Message{Channel: "sms"}, &noPhone
			stored.DedupeKey, stored.RecordKey = "invoice:merkez:108:created", "108"
			if _, err := s.Enqueue(ctx, Batch{Job: "kampanya", Source: "merkez", Messages: []NewMessage{stored}}); err != nil {
				t.Fatal(err)
			}
			ms, _ := s.List(ctx, Filter{Channel: "sms"})
			with := tc.now
			with.Message = mapping.Message{Channel: "sms", To: "+905329998877", Text: "Kampanya"}
			with.DedupeKey, with.RecordKey = stored.DedupeKey, stored.RecordKey
			if st, _, err := s.Reaim(ctx, ms[0], with, nil); err != nil || st != StatusPending {
				t.Fatalf("Reaim = %s, %v", st, err)
			}
			after, _ := s.Get(ctx, ms[0].ID)
			if after.Commercial != tc.commercial || after.Merchant != tc.merchant {
				t.Errorf("re-read message: commercial %v merchant %v, want %v %v", after.Commercial, after.Merchant, tc.commercial, tc.merchant)
			}
		})
	}
}

// The daemon decides that a message may be read again, then reads Wolvox,
// which takes a while; meanwhile another press of Retry sent it again and
// the provider refused it for the customer's own refusal. Reaim writes only
// the message as it was seen: one changed since is left as it is.
func TestReaimRefusesAMessageChangedSinceItWasSeen(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	if _, err := s.Enqueue(ctx, Batch{Job: "new-invoices", Source: "merkez", Messages: []NewMessage{{
		Message:   mapping.Message{Channel: "sms", To: "+905321110000", Text: "eski"},
		DedupeKey: "invoice:merkez:108:created", RecordKey: "108"}}}); err != nil {
		t.Fatal(err)
	}
	ms, _ := s.List(ctx, Filter{Channel: "sms"})
	id := ms[0].ID
	fail(t, s, id)
	seen, _ := s.Get(ctx, id)
	if err := s.Retry(ctx, id); err != nil {
		t.Fatal(err)
	}
	finish(t, s, id, Outcome{Status: StatusFailed, Code: "ret", Reason: mapping.R("dispatch.refused_by_provider")})
	with := NewMessage{Message: mapping.Message{Channel: "sms", To: "+905329998877", Text: "yeni"},
		DedupeKey: "invoice:merkez:108:created", RecordKey: "108"}
	if st, _, err := s.Reaim(ctx, seen, with, nil); !errors.Is(err, ErrWrongState) {
		t.Errorf("Reaim of a message changed since it was seen = %s, %v; want it refused", st, err)
	}
	if m, _ := s.Get(ctx, id); m.Status != StatusFailed || m.To != "+905321110000" || m.Reason.Code != "dispatch.refused_by_provider" {
		t.Errorf("the refused message became %s to %s (%s)", m.Status, m.To, m.Reason.Code)
	}
}
