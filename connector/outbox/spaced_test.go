package outbox

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

func TestInSeries(t *testing.T) {
	const p = "overdue:merkez:12:due:20261120:"
	for _, tc := range []struct {
		key, suffix string
		want        bool
	}{
		{p + "3", "", true},
		{p + "3.20270102", "", true},
		{p + "12", "", true},
		{p + "3:contact:31", "", false}, // a contact's is not the account's
		{p + "3:contact:31", ":contact:31", true},
		{p + "3", ":contact:31", false},
		{p, "", false},
		{p + "x", "", false},
		{"overdue:merkez:12:due:20261121:3", "", false}, // another due date
		{"overdue:merkez:120:due:20261120:3", "", false},
	} {
		if got := inSeries(tc.key, p, tc.suffix); got != tc.want {
			t.Errorf("inSeries(%q, suffix %q) = %v, want %v", tc.key, tc.suffix, got, tc.want)
		}
	}
}

// A message of a series is held back by one of the same series stored on
// its channel since Spaced.Since, and takes its renumbered key where its
// own was stored before its interval began; the channels of one key move
// together, so a fallback chain stays one.
func TestEnqueueSpacesASeries(t *testing.T) {
	ctx := context.Background()
	const p = "overdue:merkez:12:due:20261120:"
	day := func(d int) time.Time { return time.Date(2026, 11, 20+d, 10, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name   string
		stored []NewMessage // on day 15
		add    NewMessage   // on day 16
		want   string       // the key stored, "" for none
	}{
		{name: "a reminder yesterday holds it back",
			stored: []NewMessage{msg(p+"2", "sms")}, add: spaced(p+"3", "sms", "", day(10), day(16)), want: ""},
		{name: "on another channel it does not",
			stored: []NewMessage{msg(p+"2", "email")}, add: spaced(p+"3", "sms", "", day(10), day(16)), want: p + "3"},
		{name: "nor a contact's",
			stored: []NewMessage{msg(p+"2:contact:31", "sms")}, add: spaced(p+"3", "sms", "", day(10), day(16)), want: p + "3"},
		{name: "nor one before the window",
			stored: []NewMessage{msg(p+"2", "sms")}, add: spaced(p+"3", "sms", "", day(16), day(16)), want: p + "3"},
		{name: "its own number stored before the interval: renumbered",
			stored: []NewMessage{msg(p+"3", "sms")}, add: spaced(p+"3", "sms", p+"3.20261206", day(16), day(16)), want: p + "3.20261206"},
		{name: "another channel's old number renumbers it too",
			stored: []NewMessage{msg(p+"3", "email")}, add: spaced(p+"3", "sms", p+"3.20261206", day(16), day(16)), want: p + "3.20261206"},
		{name: "its own number stored in the interval: nothing new",
			stored: []NewMessage{msg(p+"3", "sms")}, add: spaced(p+"3", "sms", p+"3.20261206", day(16), day(15)), want: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
			now := day(15)
			s.SetClock(func() time.Time { return now })
			if n, err := s.Enqueue(ctx, Batch{Job: "overdue", Source: "merkez", Messages: tc.stored}); err != nil || n.New != len(tc.stored) {
				t.Fatalf("stored %+v, %v", n, err)
			}
			now = day(16)
			n, err := s.Enqueue(ctx, Batch{Job: "overdue", Source: "merkez", Messages: []NewMessage{tc.add}})
			if err != nil {
				t.Fatal(err)
			}
			if tc.want == "" {
				if n.New != 0 {
					t.Fatalf("added %d, want none", n.New)
				}
				return
			}
			ms, err := s.List(ctx, Filter{Job: "overdue", Channel: tc.add.Channel, Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if n.New != 1 || len(ms) == 0 || ms[0].DedupeKey != tc.want {
				t.Fatalf("added %d, newest %+v; want %s", n.New, ms, tc.want)
			}
		})
	}
}

func msg(key, channel string) NewMessage {
	to := map[string]string{"sms": "+905321234567", "email": "ayse@example.com"}[channel]
	return NewMessage{Message: mapping.Message{Channel: channel, To: to, Text: "hatırlatma"}, DedupeKey: key, RecordKey: "12"}
}

func spaced(key, channel, renumbered string, since, began time.Time) NewMessage {
	m := msg(key, channel)
	m.Spaced = &Spaced{Prefix: "overdue:merkez:12:due:20261120:", Since: since, Began: began, Renumbered: renumbered}
	return m
}

// The look-ups made once per message, per provider status or per page view
// read an index, never every message of a channel or of the outbox
// (SQLite's planner prefers the index on channel when both could serve,
// which scans them all).
func TestLookupsUseAnIndex(t *testing.T) {
	s := open(t, filepath.Join(t.TempDir(), "outbox.db"))
	for _, tc := range []struct {
		name, q string
		args    []any
		want    string
	}{
		{"a provider's status", byProviderIDQuery, []any{"wamid.1", "whatsapp"}, "messages_provider"},
		{"a reminder's series", seriesQuery,
			[]any{"overdue:merkez:12:due:20261120:", "overdue:merkez:12:due:20261120:\U0010FFFF"}, "sqlite_autoindex_messages_1"},
		{"a message's former keys", formerQuery(2), []any{"sms", 0, "a", "b"}, "sqlite_autoindex_messages_1"},
		// A page view and a metrics scrape read the unfinished part of
		// the index, not every message the outbox ever held.
		{"the queues", queuesQuery, []any{"pending", 0, "pending", 0, "sending", "uncertain", "held", "pending", "sending", "uncertain", "held"},
			"messages_due (channel=? AND status=?)"},
		{"the oldest waiting", oldestQuery, []any{"pending", "sending"}, "messages_due (channel=? AND status=?)"},
	} {
		rows, err := s.db.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+tc.q, tc.args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if got := strings.Join(plan, "; "); !strings.Contains(got, "INDEX "+tc.want) {
			t.Errorf("%s: plan %q, want the index %s", tc.name, got, tc.want)
		}
	}
}
