// Package faulttest runs the whole connector (config, ERP source, outbox,
// dispatcher, reconciliation) against the real provider fakes and a real
// Firebird server while faults are injected: the provider errors, the
// network failing at each point of a request, the ERP going away mid-poll,
// the state directory turning read-only and the clock jumping. Each case
// checks the outbox (nothing lost, nothing sent twice), what the fake saw,
// and the log line an operator would read.
package faulttest

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// clock is the daemon's injected clock; tests move it by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock    { return &clock{t: t} }
func (c *clock) now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }
func (c *clock) set(t time.Time)     { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// logs collects the daemon's JSON log lines.
type logs struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logs) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.buf.Write(p) }

func (l *logs) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func (l *logs) records() []map[string]any {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []map[string]any
	for _, line := range bytes.Split(l.buf.Bytes(), []byte("\n")) {
		var r map[string]any
		if json.Unmarshal(line, &r) == nil {
			out = append(out, r)
		}
	}
	return out
}

// want fails unless a log record's message contains msg and each attribute
// named in attrs contains the given text.
func (l *logs) want(t *testing.T, level, msg string, attrs map[string]string) {
	t.Helper()
	for _, r := range l.records() {
		if !strings.Contains(fmt.Sprint(r["msg"]), msg) || (level != "" && r["level"] != level) {
			continue
		}
		ok := true
		for k, v := range attrs {
			ok = ok && strings.Contains(fmt.Sprint(r[k]), v)
		}
		if ok {
			return
		}
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	t.Errorf("no %s log line %q with %v; the log was:\n%s", level, msg, attrs, l.buf.String())
}

// loadConfig writes y into dir and loads it with secrets resolved.
func loadConfig(t *testing.T, dir, y string) *config.Config {
	t.Helper()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(y), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := cfg.ResolveSecrets(nil); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// demoDir is a temp dir holding the demo Wolvox-shaped SQLite database.
func demoDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := demo.CreateDB(context.Background(), filepath.Join(dir, "demo.db")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func newDaemon(t *testing.T, cfg *config.Config, opts connector.Options) *connector.Daemon {
	t.Helper()
	d, err := connector.New(context.Background(), cfg, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// messages lists a channel's messages, oldest first.
func messages(t *testing.T, s *outbox.Store, channel string) []outbox.Message {
	t.Helper()
	ms, err := s.List(context.Background(), outbox.Filter{Channel: channel, Limit: 10000})
	if err != nil {
		t.Fatal(err)
	}
	for i, j := 0, len(ms)-1; i < j; i, j = i+1, j-1 {
		ms[i], ms[j] = ms[j], ms[i]
	}
	return ms
}

// only returns the one message of a channel, failing on any other count.
func only(t *testing.T, s *outbox.Store, channel string) outbox.Message {
	t.Helper()
	ms := messages(t, s, channel)
	if len(ms) != 1 {
		t.Fatalf("%d %s messages in the outbox, want 1: %+v", len(ms), channel, ms)
	}
	return ms[0]
}

// nextAt reads when a message may be claimed again; the outbox API does not
// show it, so the test reads the file like the status page's SQL would.
func nextAt(t *testing.T, cfg *config.Config, id int64) time.Time {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.ToSlash(connector.OutboxPath(cfg))+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int64
	if err := db.QueryRow(`SELECT next_at FROM messages WHERE id = ?`, id).Scan(&v); err != nil {
		t.Fatal(err)
	}
	return time.UnixMilli(v)
}

// cursor returns a job's saved cursor in a source.
func cursor(t *testing.T, s *outbox.Store, job, source string) string {
	t.Helper()
	v, _, err := s.Cursor(context.Background(), job, source)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func drain(t *testing.T, d *connector.Daemon) int {
	t.Helper()
	n, err := d.Drain(context.Background())
	if err != nil {
		t.Fatalf("Drain: %v", err)
	}
	return n
}

func runJob(t *testing.T, d *connector.Daemon, job string) []connector.RunResult {
	t.Helper()
	res, err := d.RunJob(context.Background(), job)
	if err != nil {
		t.Fatalf("RunJob: %v", err)
	}
	return res
}

// syncWriter serialises writes from concurrent sends.
type syncWriter struct {
	mu sync.Mutex
	w  interface{ Write([]byte) (int, error) }
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
