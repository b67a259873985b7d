//go:build egressprobe

package main

// This file is only in a binary built with -tags egressprobe, which only the
// egress test (connector/egresstest) builds: it makes the connector do what it
// must never do, so the test can show that its capture catches it. A release
// build has no such code.

import (
	"net"
	"os"
	"strings"
	"time"
)

// ProbeEnv lists host:port addresses (comma-separated) the probe build dials
// once at start, as stray telemetry or an update check would.
const probeEnv = "AKINSOFT_EGRESS_PROBE"

func init() {
	for _, addr := range strings.Split(os.Getenv(probeEnv), ",") {
		if addr = strings.TrimSpace(addr); addr != "" {
			go func() {
				if c, err := net.DialTimeout("tcp", addr, 3*time.Second); err == nil {
					c.Write([]byte("probe\n"))
					c.Close()
				}
			}()
		}
	}
}
