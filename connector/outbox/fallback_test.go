package outbox

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// A channel skipped as its message is stored (no mobile number, a WhatsApp
// template without its link) has failed before it was tried: the event's
// next standby starts at once, in the job's fallback order, as after a
// failed send. One that was notified another way (Wolvox sent the SMS
// itself) starts none, and an event stored again changes nothing.
func TestSkippedChannelStartsItsFallback(t *testing.T) {
	why := mapping.R("recipient.no_phone")
	wolvox := mapping.R("poll.wolvox_sent")
	type msg struct {
		channel  string
		skip     *mapping.Reason
		rank     int // 0: not a fallback
		notified bool
	}
	for _, tc := range []struct {
		name string
		msgs []msg
		want map[string]Status
	}{
		{"no mobile: the SMS fallback is skipped too, the e-mail goes",
			[]msg{{"whatsapp", &why, 0, false}, {"sms", &why, 1, false}, {"email", nil, 2, false}},
			map[string]Status{"whatsapp": StatusSkipped, "sms": StatusSkipped, "email": StatusPending}},
		{"no WhatsApp link: the SMS goes, the e-mail waits behind it",
			[]msg{{"whatsapp", &why, 0, false}, {"sms", nil, 1, false}, {"email", nil, 2, false}},
			map[string]Status{"whatsapp": StatusSkipped, "sms": StatusPending, "email": StatusStandby}},
		{"the first channel is pending: its fallbacks wait",
			[]msg{{"whatsapp", nil, 0, false}, {"sms", nil, 1, false}, {"email", nil, 2, false}},
			map[string]Status{"whatsapp": StatusPending, "sms": StatusStandby, "email": StatusStandby}},
		{"Wolvox sent it: no fallback",
			[]msg{{"sms", &wolvox, 0, true}, {"email", nil, 1, false}},
			map[string]Status{"sms": StatusSkipped, "email": StatusStandby}},
		{"two channels skipped, two fallbacks started",
			[]msg{{"whatsapp", &why, 0, false}, {"webhook", &why, 0, false}, {"email", nil, 2, false}, {"sms", nil, 1, false}},
			map[string]Status{"whatsapp": StatusSkipped, "webhook": StatusSkipped, "sms": StatusPending, "email": StatusPending}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
			b := Batch{Job: "j", Source: "s"}
			for _, m := range tc.msgs {
				to := "+905321234567"
				if m.channel == "email" {
					to = "ayse@example.com"
				}
				b.Messages = append(b.Messages, NewMessage{Message: mapping.Message{Channel: m.channel, To: to, Text: "fatura"},
					DedupeKey: "invoice:s:108:created", Skip: m.skip, Standby: m.rank, Notified: m.notified})
			}
			for run := range 2 { // the second run finds every message stored
				if _, err := s.Enqueue(ctx, b); err != nil {
					t.Fatal(err)
				}
				ms, err := s.List(ctx, Filter{Limit: 10})
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]Status{}
				for _, m := range ms {
					got[m.Channel] = m.Status
				}
				for ch, want := range tc.want {
					if got[ch] != want {
						t.Errorf("run %d: %s is %s, want %s", run+1, ch, got[ch], want)
					}
				}
			}
		})
	}
}

// A standby left waiting behind a skipped channel by an earlier version is
// sent when the operator retries it, and can be cancelled; one behind a
// channel still under way, or sent, is refused with why.
func TestOperatorReleasesAStuckStandby(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	why := mapping.R("recipient.no_phone")
	enqueue := func(key string, skipFirst bool) (first, standby int64) {
		t.Helper()
		var skip *mapping.Reason
		if skipFirst {
			skip = &why
		}
		if _, err := s.Enqueue(ctx, Batch{Job: "j", Source: "s", Messages: []NewMessage{
			{Message: mapping.Message{Channel: "whatsapp", To: "+905321234567", Text: "fatura"}, DedupeKey: key, Skip: skip},
			{Message: mapping.Message{Channel: "email", To: "ayse@example.com", Text: "fatura"}, DedupeKey: key, Standby: 1},
		}}); err != nil {
			t.Fatal(err)
		}
		ms, err := s.List(ctx, Filter{Limit: 2})
		if err != nil || len(ms) != 2 {
			t.Fatal(ms, err)
		}
		return ms[1].ID, ms[0].ID // newest first
	}
	// As an earlier version left it: the first channel skipped, the e-mail
	// still a standby.
	_, stuck := enqueue("invoice:s:108:created", true)
	if _, err := s.db.ExecContext(ctx, `UPDATE messages SET status = 'standby' WHERE id = ?`, stuck); err != nil {
		t.Fatal(err)
	}
	if err := s.Retry(ctx, stuck); err != nil {
		t.Fatalf("retry of a stuck standby: %v", err)
	}
	if m, _ := s.Get(ctx, stuck); m.Status != StatusPending {
		t.Errorf("after retry it is %s, want pending", m.Status)
	}

	_, waiting := enqueue("invoice:s:101:created", false)
	err := s.Retry(ctx, waiting)
	if !errors.Is(err, ErrWrongState) || !strings.Contains(err.Error(), "standby; its event's whatsapp message is Pending") {
		t.Errorf("retry of a standby behind a pending message: %v", err)
	}
	if err := s.Cancel(ctx, waiting); err != nil {
		t.Fatalf("cancel of a standby: %v", err)
	}
	if m, _ := s.Get(ctx, waiting); m.Status != StatusCancelled {
		t.Errorf("after cancel it is %s", m.Status)
	}
}
