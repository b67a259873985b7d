package main

import (
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

// zone is the time zone every time a person reads is shown in: the config's
// (the one its schedules run in), or the default when the config cannot be
// read. The host's own zone is never used: a Windows server set to UTC
// would otherwise show 13:00 for a 10:00 job.
func (g *globals) zone() *time.Location {
	if cfg, _ := config.Load(g.configPath, config.Options{}); cfg != nil && cfg.Location() != nil {
		return cfg.Location()
	}
	return config.DefaultLocation()
}

// stamp writes a time for a person, in loc with its offset:
// "2026-11-25 10:00:00 +03:00"; "-" for no time.
func stamp(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	return t.In(loc).Format("2006-01-02 15:04:05 -07:00")
}
