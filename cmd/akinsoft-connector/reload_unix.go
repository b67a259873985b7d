//go:build !windows

package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// reloadSignals delivers SIGHUP (systemd's ExecReload sends it) until ctx ends.
func reloadSignals(ctx context.Context) <-chan struct{} {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGHUP)
	out := make(chan struct{}, 1)
	go func() {
		defer signal.Stop(sig)
		for {
			select {
			case <-ctx.Done():
				return
			case <-sig:
				select {
				case out <- struct{}{}:
				default:
				}
			}
		}
	}()
	return out
}
