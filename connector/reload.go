package connector

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/instance"
)

// LoadFunc loads and validates the config and resolves its secrets.
type LoadFunc func() (*config.Config, error)

// RunWithReload runs the daemon until ctx ends. Each signal on reload loads
// the config again: a valid new config replaces the running daemon (which
// first finishes its sends; queued messages wait in the outbox), an invalid
// one is logged and the running daemon carries on untouched. The status
// page's logins pass to the new daemon (handover.go); a channel's pause is
// in the outbox, where the new daemon finds it.
func RunWithReload(ctx context.Context, load LoadFunc, reload <-chan struct{}, opts Options) error {
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	var carry handover
	for {
		lang := cfg.Language.Lang()
		log := lang.Logger(log)
		lock, err := instance.Acquire(string(cfg.StateDir))
		if err != nil {
			return err
		}
		d, err := New(ctx, cfg, opts)
		if err != nil {
			lock.Release()
			return err
		}
		d.takeOver(carry)
		runCtx, stop := context.WithCancel(ctx)
		done := make(chan error, 1)
		go func() { done <- d.Run(runCtx) }()

		var next *config.Config
	wait:
		for {
			select {
			case err := <-done:
				stop()
				d.Close()
				lock.Release()
				return err
			case <-reload:
				c, err := load()
				if err != nil {
					log.Error("log.reload.refused", "err", config.Describe(err, lang))
					continue
				}
				next = c
				break wait
			}
		}
		log.Info("log.reload.done")
		d.reloading.Store(true)
		stop()
		err = <-done
		carry = d.handOver()
		d.Close()
		lock.Release()
		if err != nil {
			return fmt.Errorf("stop for reload: %w", err)
		}
		if ctx.Err() != nil {
			return nil
		}
		cfg = next
	}
}
