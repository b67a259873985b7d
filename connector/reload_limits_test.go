package connector_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A live reload of a hostile config (60 KB of nested brackets, which grew
// the service from 30 MB to 1.4 GB) is refused with little memory, and the
// running daemon carries on.
func TestHostileReloadIsRefusedInBoundedMemory(t *testing.T) {
	dir, _ := setup(t, "")
	path := filepath.Join(dir, "config.yaml")
	first, err := config.Load(path, config.Options{})
	if err != nil {
		t.Fatal(err)
	}
	first.Status.Disabled = true
	first.Language = "en" // the test reads the English log
	var loads sync.Mutex
	loaded := false
	load := func() (*config.Config, error) {
		loads.Lock()
		defer loads.Unlock()
		if !loaded { // the start, before the test writes the hostile file
			loaded = true
			return first, nil
		}
		return config.Load(path, config.Options{})
	}
	logs := &syncBuffer{}
	ctx, cancel := context.WithCancel(context.Background())
	reload := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- connector.RunWithReload(ctx, load, reload,
			connector.Options{Console: &bytes.Buffer{}, Logger: slog.New(slog.NewTextHandler(logs, nil))})
	}()
	for _, hostile := range []string{
		"jobs: " + strings.Repeat("[", 60<<10) + "\n",
		"jobs: " + strings.Repeat("[", 200<<10) + "\n",
	} {
		if err := os.WriteFile(path, []byte(hostile), 0o600); err != nil {
			t.Fatal(err)
		}
		refusals := strings.Count(logs.String(), "config reload refused")
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		select {
		case reload <- struct{}{}:
		case err := <-done:
			t.Fatalf("the daemon stopped before the reload: %v", err)
		}
		for deadline := time.Now().Add(30 * time.Second); strings.Count(logs.String(), "config reload refused") == refusals; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("no refusal logged:\n%s", logs.String())
			}
		}
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
			t.Errorf("%d KB reload: %d MB allocated", len(hostile)>>10, alloc>>20)
		}
		if !strings.Contains(logs.String(), "nested more than") {
			t.Errorf("the refusal does not say why:\n%s", logs.String())
		}
	}
	select {
	case err := <-done:
		t.Fatalf("the daemon stopped: %v", err)
	default:
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}
