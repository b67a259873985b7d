package status

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"
)

// Each failure past the free ones doubles the client's wait, up to the
// limit; failures leave the count when they leave the window.
func TestProgressiveDelay(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	var th throttle
	c := client{key: "ip:192.0.2.1"}
	var waits []time.Duration
	for range 14 {
		if until := th.allowed(c, now); !until.IsZero() {
			now = until // the client waits as told
		}
		th.failed(c, now)
		waits = append(waits, th.clients[c.key].wait(clientFree, clientMaxWait))
	}
	want := []time.Duration{0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 300}
	for i := range want {
		if waits[i] != want[i]*time.Second {
			t.Fatalf("waits %v, want %v seconds", waits, want)
		}
	}
	// Within the window the wait stays; past it the failures are gone.
	if until := th.allowed(c, now.Add(time.Minute)); until.IsZero() {
		t.Error("a client with 14 failures may try again a minute later")
	}
	if until := th.allowed(c, now.Add(failWindow)); !until.IsZero() {
		t.Errorf("failures older than the window still count: wait until %v", until)
	}
}

func guardFor(t *testing.T, now *time.Time) *guard {
	t.Helper()
	path := filepath.Join(t.TempDir(), AuthFileName)
	if err := SetPassword(path, "dogru-parola-123"); err != nil {
		t.Fatal(err)
	}
	return newGuard(path, func() time.Time { return *now })
}

// A flood of wrong passwords from one address never keeps another address
// with the right password out, nor a trusted browser; addresses together
// are slowed, a trusted browser is not.
func TestFloodFromOneClientDoesNotLockOutAnother(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	g := guardFor(t, &now)
	attacker := client{key: "ip:203.0.113.9"}
	for range 200 {
		g.login(attacker, "yanlis")
		now = now.Add(100 * time.Millisecond)
	}
	if _, _, err := g.login(attacker, "dogru-parola-123"); !errors.As(err, new(errThrottled)) {
		t.Fatalf("the flooding address itself: %v, want it made to wait", err)
	}
	if _, _, err := g.login(client{key: "ip:192.0.2.7"}, "dogru-parola-123"); err != nil {
		t.Fatalf("another address with the right password: %v", err)
	}

	// Many addresses, a few failures each: the global count slows them
	// all, a browser the admin logged in from before is not slowed.
	for i := range 100 {
		g.login(client{key: fmt.Sprintf("ip:198.51.100.%d", i)}, "yanlis")
	}
	if _, _, err := g.login(client{key: "ip:192.0.2.8"}, "yanlis"); !errors.As(err, new(errThrottled)) {
		t.Errorf("untrusted addresses together are not slowed: %v", err)
	}
	_, _, err := g.login(client{key: "ip:192.0.2.9"}, "dogru-parola-123")
	var e errThrottled
	if errors.As(err, &e) && e.until.Sub(now) > globalMaxWait {
		t.Errorf("the global wait is %v, more than %v", e.until.Sub(now), globalMaxWait)
	}
	if _, _, err := g.login(client{key: "device:admin", trusted: true}, "dogru-parola-123"); err != nil {
		t.Fatalf("a trusted browser during the flood: %v", err)
	}
}

// A flood of new addresses cannot grow the counts without bound.
func TestThrottleMemoryIsBounded(t *testing.T) {
	now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	var th throttle
	for i := range 5 * maxClients {
		c := client{key: fmt.Sprintf("ip:2001:db8::%x", i)}
		th.allowed(c, now)
		th.failed(c, now)
	}
	if len(th.clients) > maxClients+1 {
		t.Fatalf("%d clients remembered", len(th.clients))
	}
}
