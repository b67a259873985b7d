package status

import (
	"time"
)

// Login throttling. Failed passwords are counted per client in a sliding
// window, and past a few free ones each failure doubles the wait before
// that client may try again; nobody is locked out. Clients the page does
// not know (no trusted-device cookie) share a second, global count, so many
// addresses cannot guess faster than one. A browser the admin logged in
// from before has a count of its own: a flood from anyone else never keeps
// it out. At the server, `admin unlock` clears every count and `admin
// login-link` opens a session without the password.
const (
	failWindow = 15 * time.Minute
	// A client may fail this often in the window before it waits.
	clientFree = 4
	// The longest a client waits between two attempts.
	clientMaxWait = 5 * time.Minute
	// Untrusted clients together may fail this often before they wait.
	globalFree = 10
	// The longest the untrusted clients together wait.
	globalMaxWait = 30 * time.Second
	// Clients remembered at most; past it, unknown addresses share one
	// count, so a flood of addresses cannot grow the map without bound.
	maxClients = 1000
)

// client is who tries to log in: a trusted browser by its device id, anyone
// else by address.
type client struct {
	key     string
	trusted bool
}

// failures are the times of one count's failed attempts in the window.
type failures []time.Time

// prune drops the failures older than the window.
func (f failures) prune(now time.Time) failures {
	i := 0
	for i < len(f) && now.Sub(f[i]) >= failWindow {
		i++
	}
	return f[i:]
}

// wait is how long after the last failure the next attempt must come:
// nothing after the free ones, then 1 s, 2 s, 4 s … up to limit.
func (f failures) wait(free int, limit time.Duration) time.Duration {
	n := len(f) - free - 1
	if n < 0 {
		return 0
	}
	if n > 20 {
		return limit
	}
	return min(limit, time.Second<<n)
}

// next is when the next attempt is allowed.
func (f failures) next(free int, limit time.Duration) time.Time {
	if len(f) == 0 {
		return time.Time{}
	}
	return f[len(f)-1].Add(f.wait(free, limit))
}

// throttle holds the counts; guard's mutex guards it.
type throttle struct {
	clients map[string]failures
	global  failures
}

// allowed returns the time before which c may not try, or zero.
func (t *throttle) allowed(c client, now time.Time) (until time.Time) {
	if t.clients == nil {
		t.clients = map[string]failures{}
	}
	f := t.clients[t.keyOf(c)].prune(now)
	if until = f.next(clientFree, clientMaxWait); now.Before(until) {
		return until
	}
	if !c.trusted {
		t.global = t.global.prune(now)
		if g := t.global.next(globalFree, globalMaxWait); now.Before(g) {
			return g
		}
	}
	return time.Time{}
}

func (t *throttle) failed(c client, now time.Time) {
	k := t.keyOf(c)
	t.clients[k] = append(t.clients[k].prune(now), now)
	if !c.trusted {
		t.global = append(t.global.prune(now), now)
	}
	if len(t.clients) > maxClients {
		for k, f := range t.clients {
			if len(f.prune(now)) == 0 {
				delete(t.clients, k)
			}
		}
	}
}

func (t *throttle) succeeded(c client) { delete(t.clients, t.keyOf(c)) }

// keyOf is c's count, or the shared one for a new client once the map is
// full.
func (t *throttle) keyOf(c client) string {
	if _, ok := t.clients[c.key]; ok || len(t.clients) < maxClients {
		return c.key
	}
	return "overflow"
}

func (t *throttle) reset() { t.clients, t.global = nil, nil }
