package main

import "context"

// reloadSignals: Windows has no SIGHUP; `service restart` reloads the config.
func reloadSignals(context.Context) <-chan struct{} { return nil }
