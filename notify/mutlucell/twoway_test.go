package mutlucell_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell"
	"github.com/akinsoft-connector/akinsoft-connector/notify/mutlucell/mutlucelltest"
)

// Incoming SMS are read by window however the answer writes their time,
// each time they are asked, the same key on every read.
func TestInbox(t *testing.T) {
	ist, _ := time.LoadLocation("Europe/Istanbul")
	at := time.Date(2026, 11, 25, 10, 0, 2, 0, ist)
	for _, style := range []mutlucelltest.IncomingTimes{mutlucelltest.IncomingISO, mutlucelltest.IncomingDotted} {
		p, fake := start(t, 5*time.Second, func(c *mutlucell.Config) { c.InboxNumber = "908505505555" })
		fake.IncomingTimes = style
		fake.Receive("905321234567", "İptal", at)
		fake.Receive("905320000000", "eski", at.Add(-48*time.Hour))
		for read := 0; read < 2; read++ {
			got, err := p.Inbox(context.Background(), at.Add(-time.Hour), at)
			if err != nil || len(got) != 1 || got[0].From != "+905321234567" || got[0].Text != "İptal" || !got[0].At.Equal(at) || got[0].Key == "" {
				t.Fatalf("style %d read %d: %+v, %v", style, read, got, err)
			}
		}
	}
	p, _ := start(t, 5*time.Second, func(c *mutlucell.Config) { c.InboxNumber = "908505500000" })
	if _, err := p.Inbox(context.Background(), at.Add(-time.Hour), at); !errors.Is(err, notify.ErrConfig) {
		t.Errorf("another number (23): %v, want a config error", err)
	}
	p, _ = start(t, 5*time.Second, nil)
	if _, err := p.Inbox(context.Background(), at.Add(-time.Hour), at); !errors.Is(err, notify.ErrConfig) {
		t.Errorf("no inbox number: %v, want a config error", err)
	}
}

func TestBlacklist(t *testing.T) {
	for _, answer := range []mutlucelltest.BlacklistAnswer{mutlucelltest.BlacklistCount, mutlucelltest.BlacklistOK} {
		p, fake := start(t, 5*time.Second, nil)
		fake.BlacklistAnswer = answer
		if err := p.Blacklist(context.Background(), "+905321234567"); err != nil || !fake.Blacklisted("905321234567") {
			t.Fatalf("answer %d: %v, blacklisted %v", answer, err, fake.Blacklisted("905321234567"))
		}
	}
	p, _ := start(t, 5*time.Second, func(c *mutlucell.Config) { c.Password = "wrong" })
	if err := p.Blacklist(context.Background(), "+905321234567"); !errors.Is(err, notify.ErrConfig) {
		t.Errorf("bad credentials: %v", err)
	}
}
