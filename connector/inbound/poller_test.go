package inbound

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// inbox is a provider's inbox that lists, for every window asked, the
// messages received in it (as NetGSM does when asked with a window).
type inbox struct {
	mu   sync.Mutex
	msgs []notify.Incoming
	asks [][2]time.Time
}

func (b *inbox) Inbox(_ context.Context, from, to time.Time) ([]notify.Incoming, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.asks = append(b.asks, [2]time.Time{from, to})
	var out []notify.Incoming
	for _, m := range b.msgs {
		if !m.At.Before(from) && !m.At.After(to) {
			out = append(out, m)
		}
	}
	return out, nil
}

func (b *inbox) receive(from, text string, at time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = append(b.msgs, notify.Incoming{From: from, Text: text, At: at, Key: at.Format("02.01.2006 15:04:05")})
}

func poller(store *outbox.Store, b *inbox, now func() time.Time) *Poller {
	c := NewClassifier([]string{"RET"}, nil)
	return &Poller{Store: store, Inbox: b, Channel: "sms", Provider: "netgsm", Every: time.Minute, Overlap: 2 * time.Hour, Now: now,
		Log: slog.New(slog.DiscardHandler), Refusal: func(r outbox.NewReply) *outbox.Refusal {
			if !c.Refuses(r.Text) {
				return nil
			}
			return &outbox.Refusal{OptOut: outbox.OptOutEntry{Scope: outbox.ScopeCommercial}}
		}}
}

// A crash between reading the inbox and storing what it read loses no
// reply (the read position did not move: the next read asks again) and a
// reply read again is stored once. The crash is a store that goes away
// right after the read, as a killed process's would.
func TestCrashBetweenReadAndStoreLosesNothing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "outbox.db")
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	b := &inbox{}
	for i := 0; i < 5; i++ {
		b.receive(fmt.Sprintf("+90532000000%d", i), []string{"RET", "teşekkürler"}[i%2], now.Add(-time.Duration(30-i)*time.Minute))
	}
	store, err := outbox.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	p := poller(store, b, clock)
	p.afterRead = func() { store.Close() } // the process dies here
	if _, err := p.Poll(ctx); err == nil {
		t.Fatal("the poll stored its replies into a closed outbox")
	}

	store, err = outbox.Open(ctx, path) // the restart
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now = now.Add(time.Minute)
	p = poller(store, b, clock)
	r, err := p.Poll(ctx)
	if err != nil || r.New != 5 || r.Refusals != 3 {
		t.Fatalf("after the restart: %+v, %v; want 5 replies, 3 refusals", r, err)
	}
	// Later reads overlap: the same replies again, nothing stored twice,
	// and a new reply found.
	b.receive("+905320000009", "RET", now.Add(30*time.Second))
	now = now.Add(time.Minute)
	if r, err = p.Poll(ctx); err != nil || r.New != 1 || r.Duplicate != 5 {
		t.Fatalf("next read: %+v, %v; want 1 new, 5 again", r, err)
	}
	all, _ := store.Replies(ctx, outbox.ReplyFilter{Limit: 100})
	refusals, _ := store.Refusals(ctx, 100)
	if len(all) != 6 || len(refusals) != 4 {
		t.Errorf("%d replies and %d refusals stored, want 6 and 4", len(all), len(refusals))
	}
	for _, a := range b.asks {
		if a[0].IsZero() || !a[1].After(a[0]) {
			t.Errorf("a read asked without a window: %v", a)
		}
	}
}

// After a long stop the backlog is read a day at a time, from the saved
// position, and a first start reads only the overlap before now.
func TestWindows(t *testing.T) {
	ctx := context.Background()
	store, err := outbox.Open(ctx, filepath.Join(t.TempDir(), "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	b := &inbox{}
	p := poller(store, b, func() time.Time { return now })
	if _, err := p.Poll(ctx); err != nil {
		t.Fatal(err)
	}
	if len(b.asks) != 1 || !b.asks[0][0].Equal(now.Add(-2*time.Hour)) || !b.asks[0][1].Equal(now) {
		t.Fatalf("first start asked %v", b.asks)
	}
	b.receive("+905320000001", "RET", now.Add(60*time.Hour))
	now = now.Add(72 * time.Hour)
	b.asks = nil
	r, err := p.Poll(ctx)
	if err != nil || r.Windows != 4 || r.New != 1 {
		t.Fatalf("after 3 days: %+v, %v (asks %v)", r, err, b.asks)
	}
	if _, err := (&Poller{Store: store, Inbox: failing{}, Provider: "netgsm", Now: func() time.Time { return now }}).Poll(ctx); err == nil {
		t.Error("an inbox error was not returned")
	}
}

type failing struct{}

func (failing) Inbox(context.Context, time.Time, time.Time) ([]notify.Incoming, error) {
	return nil, errors.New("down")
}
