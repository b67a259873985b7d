package outbox

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"
)

// An opt-out from before migration 7 applies to every channel and message,
// as it did; a refusal by reply applies to its channel and scope only.
func TestOptOutPerChannel(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "outbox.db")
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range migrations[:6] {
		if _, err := db.Exec(m); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{`PRAGMA user_version = 6`, `INSERT INTO optout (recipient, added_at, note) VALUES ('+905321234567', 1, 'telefonla')`} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	s := open(t, path)
	for _, ch := range []string{"sms", "whatsapp", "email"} {
		for _, commercial := range []bool{true, false} {
			if _, out, err := s.Refused(ctx, "0532 123 45 67", ch, commercial); err != nil || !out {
				t.Errorf("the old opt-out on %s (commercial %v): %v, %v", ch, commercial, out, err)
			}
		}
	}
	if list, _ := s.OptOuts(ctx); len(list) != 1 || list[0].Channel != EveryChannel || list[0].Scope != ScopeAll || list[0].Note != "telefonla" {
		t.Errorf("migrated list: %+v", list)
	}

	at := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	if err := s.AddOptOut(ctx, OptOutEntry{Recipient: "05339876543", Channel: "sms", Scope: ScopeCommercial, Source: SourceReply, Added: at}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		channel    string
		commercial bool
		want       bool
	}{{"sms", true, true}, {"sms", false, false}, {"email", true, false}, {"whatsapp", true, false}} {
		e, out, err := s.Refused(ctx, "+905339876543", tc.channel, tc.commercial)
		if err != nil || out != tc.want || (out && (!e.Added.Equal(at) || e.Source != SourceReply)) {
			t.Errorf("%s commercial %v: %v %+v %v, want %v", tc.channel, tc.commercial, out, e, err, tc.want)
		}
	}
	// Widened, never narrowed; the time it first took effect is kept.
	s.AddOptOut(ctx, OptOutEntry{Recipient: "+905339876543", Channel: "sms", Scope: ScopeAll, Added: at.Add(time.Hour)})
	s.AddOptOut(ctx, OptOutEntry{Recipient: "+905339876543", Channel: "sms", Scope: ScopeCommercial, Added: at.Add(2 * time.Hour)})
	if e, out, _ := s.Refused(ctx, "+905339876543", "sms", false); !out || e.Scope != ScopeAll || !e.Added.Equal(at) {
		t.Errorf("after widening: %v %+v", out, e)
	}
	if ok, _ := s.OptInChannel(ctx, "+905339876543", "email"); ok {
		t.Error("removed an opt-out of a channel it never had")
	}
	if ok, _ := s.OptInChannel(ctx, "+905339876543", "sms"); !ok {
		t.Error("the SMS opt-out was not removed")
	}
	if _, out, _ := s.Refused(ctx, "+905339876543", "sms", true); out {
		t.Error("still refused after optout remove")
	}
}

// Replies are stored once per provider key, a refusal's opt-out comes with
// its reply, the purge keeps a refusal's proof and empties the rest.
func TestRepliesAndPurge(t *testing.T) {
	ctx := context.Background()
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	refuse := func(r NewReply) *Refusal {
		if r.Text != "RET" {
			return nil
		}
		return &Refusal{OptOut: OptOutEntry{Scope: ScopeCommercial, IYS: SyncPending},
			Confirm: &NewMessage{}}
	}
	b := ReplyBatch{Classify: refuse, Job: "inbox", Source: "netgsm", Cursor: "x", Replies: []NewReply{
		{Channel: "sms", Provider: "netgsm", From: "905321234567", Text: "RET", At: now.Add(-time.Hour), Key: "25.11.2026 14:00:00"},
		{Channel: "sms", Provider: "netgsm", From: "905321234567", Text: "teşekkürler", At: now.Add(-time.Hour), Key: "25.11.2026 14:00:00"},
		{Channel: "sms", Provider: "netgsm", From: "905330000000", Text: "merhaba", At: now.Add(-time.Hour), Key: "25.11.2026 14:00:00"},
	}}
	st, err := s.StoreReplies(ctx, b)
	if err != nil || len(st.New) != 3 || st.Refusals != 1 {
		t.Fatalf("first store: %+v, %v", st, err)
	}
	if st, _ = s.StoreReplies(ctx, b); len(st.New) != 0 || st.Duplicate != 3 {
		t.Fatalf("second store: %+v", st)
	}
	if v, ok, _ := s.Cursor(ctx, "inbox", "netgsm"); !ok || v != "x" {
		t.Errorf("position %q %v", v, ok)
	}
	pending, _ := s.PendingSync(ctx, "iys", 10)
	if len(pending) != 1 || pending[0].ReplyID == 0 || pending[0].Recipient != "+905321234567" {
		t.Fatalf("pending İYS copies: %+v", pending)
	}
	if err := s.SetSync(ctx, pending[0], "iys", SyncDone); err != nil {
		t.Fatal(err)
	}
	if p, _ := s.PendingSync(ctx, "iys", 10); len(p) != 0 {
		t.Errorf("still pending: %+v", p)
	}
	// The confirmation is queued with the refusal; the opt-out is of
	// commercial messages, so the (informational) confirmation may go.
	if ms, _ := s.List(ctx, Filter{Job: "refusal-confirmation"}); len(ms) != 1 || ms[0].To != "+905321234567" || ms[0].Status != StatusPending {
		t.Errorf("confirmation: %+v", ms)
	}
	if err := s.SaveConsent(ctx, Consent{Recipient: "+905330000000", Type: "MESAJ", RecipientType: "BIREYSEL", Status: "ONAY", Checked: now.Add(-100 * 24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	now = now.Add(100 * 24 * time.Hour)
	if _, err := s.Purge(ctx, now.Add(-90*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	rs, _ := s.Replies(ctx, ReplyFilter{})
	for _, r := range rs {
		switch {
		case r.Refusal && (r.Purged || r.Text != "RET" || r.From != "+905321234567"):
			t.Errorf("the refusal's proof was purged: %+v", r)
		case !r.Refusal && (!r.Purged || r.Text != "" || r.From == "+905330000000"):
			t.Errorf("reply not purged: %+v", r)
		}
	}
	if _, ok, _ := s.Consent(ctx, "+905330000000", "MESAJ", "BIREYSEL"); ok {
		t.Error("an İYS answer older than the retention was kept")
	}
}
