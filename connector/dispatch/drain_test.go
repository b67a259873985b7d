package dispatch

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// gate is a provider whose requests wait until the test lets them go, so
// that the outbox can be read while they are on the wire.
type gate struct {
	arrived chan int // the number of messages each request carries
	release chan struct{}
}

func newGate() *gate { return &gate{arrived: make(chan int, 100), release: make(chan struct{})} }

// openGate is a gate that lets every request through at once.
func openGate() *gate {
	g := newGate()
	close(g.release)
	go func() {
		for range g.arrived {
		}
	}()
	return g
}

func (g *gate) Send(ctx context.Context, m notify.Message) (notify.Result, error) {
	g.arrived <- 1
	<-g.release
	return notify.Result{ProviderID: fmt.Sprint("p-", m.ID)}, nil
}

// batchGate is gate for a provider that takes many messages per request.
type batchGate struct{ *gate }

func (g batchGate) SendBatch(ctx context.Context, ms []notify.Message) ([]notify.Result, []error) {
	g.arrived <- len(ms)
	<-g.release
	res := make([]notify.Result, len(ms))
	for i, m := range ms {
		res[i] = notify.Result{ProviderID: fmt.Sprint("p-", m.ID)}
	}
	return res, make([]error, len(ms))
}

func openStore(t *testing.T, n int) *outbox.Store {
	t.Helper()
	s, err := outbox.Open(context.Background(), filepath.Join(t.TempDir(), "outbox.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	var ms []outbox.NewMessage
	for i := range n {
		ms = append(ms, outbox.NewMessage{Message: mapping.Message{Channel: "sms", To: fmt.Sprintf("+90532%07d", i), Text: "Fatura"},
			DedupeKey: fmt.Sprintf("invoice:%d", i), RecordKey: fmt.Sprint(i)})
	}
	if _, err := s.Enqueue(context.Background(), outbox.Batch{Job: "j", Source: "s", Messages: ms}); err != nil {
		t.Fatal(err)
	}
	return s
}

func count(t *testing.T, s *outbox.Store) map[outbox.Status]int {
	t.Helper()
	c, err := s.Counts(context.Background(), time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	return c["sms"]
}

// A message is sending only once its request may be on the wire: while
// the first requests wait at the provider, everything else is pending, so
// that a crash then leaves in doubt only what may have gone out.
func TestOnlyMessagesOfRequestsUnderWayAreSending(t *testing.T) {
	for _, tc := range []struct {
		name            string
		batch, inFlight int
		provider        func(*gate) notify.Provider
	}{
		{"one message per request, 3 in flight", 1, 3, func(g *gate) notify.Provider { return g }},
		{"batches of 5, one request at a time", 5, 1, func(g *gate) notify.Provider { return batchGate{g} }},
		{"batches of 5, 2 requests in flight", 5, 2, func(g *gate) notify.Provider { return batchGate{g} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const n = 40
			s := openStore(t, n)
			g := newGate()
			c := New(Settings{Name: "sms", Provider: tc.provider(g), Rate: config.Rate(1000), Batch: tc.batch, InFlight: tc.inFlight},
				Deps{Store: s})
			done := make(chan Tally, 1)
			go func() {
				tally, err := c.Drain(context.Background())
				if err != nil {
					t.Error(err)
				}
				done <- tally
			}()
			carried := 0
			for range tc.inFlight {
				select {
				case k := <-g.arrived:
					carried += k
				case <-time.After(10 * time.Second):
					t.Fatal("the requests did not reach the provider")
				}
			}
			time.Sleep(50 * time.Millisecond) // nothing else may start meanwhile
			got := count(t, s)
			if got[outbox.StatusSending] != carried || got[outbox.StatusPending] != n-carried {
				t.Errorf("with %d message(s) on the wire: %d sending and %d pending, want %d and %d",
					carried, got[outbox.StatusSending], got[outbox.StatusPending], carried, n-carried)
			}
			close(g.release)
			tally := <-done
			if got := count(t, s); got[outbox.StatusSent] != n || tally.Sent != n {
				t.Errorf("after the drain: %v, tally %+v; want all %d sent", got, tally, n)
			}
		})
	}
}

// The rate is the limit, whatever in_flight says: requests in flight never
// start faster than the limiter lets them.
func TestInFlightStaysWithinTheRate(t *testing.T) {
	s := openStore(t, 30)
	g := openGate()
	c := New(Settings{Name: "sms", Provider: g, Rate: config.Rate(10), InFlight: 8}, Deps{Store: s})
	start := time.Now()
	tally, err := c.Drain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// A burst of 10 (one second's worth), then 20 more at 10/s.
	if took := time.Since(start); took < 1800*time.Millisecond || tally.Sent != 30 {
		t.Errorf("30 messages at 10/s took %s (tally %+v): faster than the rate", took, tally)
	}
}

// A one-off run sends while its jobs still enqueue: DrainUntil drains each
// time the channel is woken, and once stop closes it starts nothing more.
func TestDrainUntilSendsWhatIsEnqueuedMeanwhile(t *testing.T) {
	ctx := context.Background()
	s := openStore(t, 5)
	g := openGate()
	c := New(Settings{Name: "sms", Provider: g, Rate: config.Rate(1000), InFlight: 2}, Deps{Store: s})
	stop := make(chan struct{})
	done := make(chan Tally, 1)
	go func() { done <- c.DrainUntil(ctx, stop) }()
	waitSent := func(n int) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for count(t, s)[outbox.StatusSent] < n {
			if time.Now().After(deadline) {
				t.Fatalf("%v, want %d sent", count(t, s), n)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	enqueue := func(from, n int) {
		t.Helper()
		var ms []outbox.NewMessage
		for i := from; i < from+n; i++ {
			ms = append(ms, outbox.NewMessage{Message: mapping.Message{Channel: "sms", To: fmt.Sprintf("+90533%07d", i), Text: "Fatura"},
				DedupeKey: fmt.Sprintf("later:%d", i), RecordKey: fmt.Sprint(i)})
		}
		if _, err := s.Enqueue(ctx, outbox.Batch{Job: "j", Source: "s", Messages: ms}); err != nil {
			t.Fatal(err)
		}
		c.Wake()
	}
	c.Wake()
	waitSent(5)
	enqueue(0, 3) // a job's next page
	waitSent(8)
	close(stop)
	select {
	case tally := <-done:
		if tally.Sent != 8 {
			t.Errorf("tally %+v, want 8 sent", tally)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("DrainUntil did not return once stopped")
	}
	enqueue(3, 2) // after the stop: for the drain that follows
	time.Sleep(50 * time.Millisecond)
	if got := count(t, s); got[outbox.StatusPending] != 2 || got[outbox.StatusSent] != 8 {
		t.Errorf("after the stop: %v, want 8 sent and 2 pending", got)
	}
}

// A drain of many one-message requests says what it sent in a line a
// second, not a line a message.
func TestSentRequestsAreSummedIntoFewLines(t *testing.T) {
	s := openStore(t, 40)
	g := openGate()
	var logs bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&logs, nil))
	c := New(Settings{Name: "sms", Provider: g, Rate: config.Rate(1000), InFlight: 4}, Deps{Store: s, Log: log})
	if tally, err := c.Drain(context.Background()); err != nil || tally.Sent != 40 {
		t.Fatalf("drain: %+v, %v", tally, err)
	}
	var lines, messages, requests int
	for _, line := range strings.Split(strings.TrimSpace(logs.String()), "\n") {
		var rec struct {
			Msg                string
			Messages, Requests int
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		if rec.Msg == "log.dispatch.sent" {
			lines++
			messages += rec.Messages
			requests += rec.Requests
		}
	}
	if lines < 1 || lines > 3 || messages != 40 || requests != 40 {
		t.Errorf("%d sent line(s) for %d messages in %d requests, want one or two for all 40:\n%s", lines, messages, requests, logs.String())
	}
}
