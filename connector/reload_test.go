package connector_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/instance"
)

// A second connector on the same state directory (a console `run` while the
// service runs) is refused before it touches the outbox; once the first one
// stops, it may start. A reload keeps the directory: the daemon it replaces
// gives it up first.
func TestSecondRunOnOneStateDirIsRefused(t *testing.T) {
	_, cfg := setup(t, "")
	cfg.Status.Disabled = true
	load := func() (*config.Config, error) { return cfg, nil }
	ctx, cancel := context.WithCancel(context.Background())
	reload := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- connector.RunWithReload(ctx, load, reload, connector.Options{Console: &bytes.Buffer{}})
	}()

	// The first run holds the directory once its outbox exists.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(connector.OutboxPath(cfg)); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first run did not open its outbox")
		}
	}
	other, cancelOther := context.WithCancel(context.Background())
	cancelOther()
	err := connector.RunWithReload(other, load, nil, connector.Options{Console: &bytes.Buffer{}})
	if !errors.Is(err, instance.ErrHeld) {
		t.Fatalf("second run on the same state_dir = %v, want it refused with ErrHeld", err)
	}
	reload <- struct{}{} // the replacement daemon takes the directory over
	reload <- struct{}{}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("first run: %v", err)
	}
	lock, err := instance.Acquire(string(cfg.StateDir))
	if err != nil {
		t.Fatalf("the state directory is still held after the first run stopped: %v", err)
	}
	lock.Release()
}
