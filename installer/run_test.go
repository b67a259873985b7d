package installer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/logging"
)

// eventLog records what would go to the Windows Event Log.
type eventLog struct {
	mu   sync.Mutex
	msgs []string
}

func (l *eventLog) add(kind string, v ...any) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.msgs = append(l.msgs, kind+": "+fmt.Sprint(v...))
	return nil
}
func (l *eventLog) Error(v ...any) error              { return l.add("error", v...) }
func (l *eventLog) Warning(v ...any) error            { return l.add("warning", v...) }
func (l *eventLog) Info(v ...any) error               { return l.add("info", v...) }
func (l *eventLog) Errorf(f string, a ...any) error   { return l.add("error", fmt.Sprintf(f, a...)) }
func (l *eventLog) Warningf(f string, a ...any) error { return l.add("warning", fmt.Sprintf(f, a...)) }
func (l *eventLog) Infof(f string, a ...any) error    { return l.add("info", fmt.Sprintf(f, a...)) }
func (l *eventLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.msgs, "\n")
}

type harness struct {
	p      *program
	ev     *eventLog
	logBuf *syncBuffer
	exits  chan int
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}
func (b *syncBuffer) String() string { b.mu.Lock(); defer b.mu.Unlock(); return b.b.String() }

func newHarness(ctx context.Context, stopTimeout time.Duration, daemon func(context.Context) error) *harness {
	h := &harness{ev: &eventLog{}, logBuf: &syncBuffer{}, exits: make(chan int, 1)}
	log := slog.New(logging.NewHandler(slog.NewTextHandler(h.logBuf, nil)))
	h.p = newProgram(ctx, Options{Logger: log, StopTimeout: stopTimeout, Lang: catalog.EN}, daemon, func(code int) { h.exits <- code })
	h.p.svcLog = h.ev
	return h
}

func TestStartReturnsBeforeTheDaemonIsReady(t *testing.T) {
	release := make(chan struct{})
	h := newHarness(context.Background(), 0, func(ctx context.Context) error {
		<-release // slow start-up: connecting to the ERP, migrations
		<-ctx.Done()
		return ctx.Err()
	})
	if err := h.p.Start(nil); err != nil { // would block forever if Start waited
		t.Fatal(err)
	}
	close(release)
	if err := h.p.Stop(nil); err != nil {
		t.Fatalf("Stop: %v", err)
	}
	if got := h.ev.String(); got != "info: akinsoft-connector service started\ninfo: akinsoft-connector service stopped" {
		t.Errorf("event log:\n%s", got)
	}
	select {
	case code := <-h.exits:
		t.Errorf("a requested stop exited with %d", code)
	default:
	}
}

func TestStopReturnsTheDaemonsError(t *testing.T) {
	h := newHarness(context.Background(), 0, func(ctx context.Context) error {
		<-ctx.Done()
		return errors.New("outbox flush failed")
	})
	h.p.Start(nil)
	if err := h.p.Stop(nil); err == nil || err.Error() != "outbox flush failed" {
		t.Fatalf("Stop = %v", err)
	}
	if !strings.Contains(h.ev.String(), "error: akinsoft-connector stopped with an error: outbox flush failed") {
		t.Errorf("event log:\n%s", h.ev)
	}
}

func TestStopGivesUpAfterTheTimeout(t *testing.T) {
	stuck := make(chan struct{})
	defer close(stuck)
	h := newHarness(context.Background(), time.Millisecond, func(ctx context.Context) error {
		<-stuck // ignores cancellation
		return nil
	})
	h.p.Start(nil)
	err := h.p.Stop(nil)
	if err == nil || !strings.Contains(err.Error(), "did not stop within 1ms") {
		t.Fatalf("Stop = %v", err)
	}
	if !strings.Contains(h.ev.String(), "stop timed out") {
		t.Errorf("event log:\n%s", h.ev)
	}
}

// A daemon that fails on its own (a bad config at start-up) must say why in
// the Event Log and the log file, then exit non-zero so the service manager
// restarts it. The error's secrets and phone numbers stay hidden.
func TestFatalDaemonErrorIsLoggedAndExits(t *testing.T) {
	h := newHarness(context.Background(), 0, func(ctx context.Context) error {
		return errors.New(`config.yaml:12:3: unknown field "pasword" near s3cretPassw0rd for +905321234567`)
	})
	logging.Redact(h.p.log, "s3cretPassw0rd")
	h.p.Start(nil)
	if code := <-h.exits; code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for name, out := range map[string]string{"event log": h.ev.String(), "log": h.logBuf.String()} {
		if !strings.Contains(out, `config.yaml:12:3: unknown field \"pasword\"`) && !strings.Contains(out, `config.yaml:12:3: unknown field "pasword"`) {
			t.Errorf("%s lacks the config error:\n%s", name, out)
		}
		if strings.Contains(out, "s3cretPassw0rd") || strings.Contains(out, "5321234567") {
			t.Errorf("%s leaks a secret or phone:\n%s", name, out)
		}
	}
}

// SIGTERM cancels the parent context (main's signal handling) at the same
// time as the service manager's stop: that is a normal stop, not a crash.
func TestParentCancelIsNotAFailure(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	h := newHarness(ctx, 0, func(ctx context.Context) error {
		<-ctx.Done()
		return nil
	})
	h.p.Start(nil)
	cancel()
	<-h.p.done
	if err := h.p.Stop(nil); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-h.exits:
		t.Errorf("exited with %d on a normal stop", code)
	default:
	}
}

func TestRunInteractiveCancelsOnContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	ran := make(chan struct{})
	go func() { <-ran; cancel() }()
	err := Run(ctx, Options{}, func(ctx context.Context) error {
		close(ran)
		<-ctx.Done()
		return ctx.Err()
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Run = %v", err)
	}
}
