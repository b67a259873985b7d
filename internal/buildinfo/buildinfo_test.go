package buildinfo

import (
	"runtime/debug"
	"testing"
)

// Without -ldflags, the toolchain's record fills what it can.
func TestFallbackToTheToolchainsRecord(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Version: "v1.4.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-03-04T05:06:07Z"},
		{Key: "vcs.modified", Value: "true"},
	}}
	got := Info{Version: "dev"}.withFallback(bi)
	if got.Version != "v1.4.0" || got.Commit != "0123456789abcdef0123456789abcdef01234567-dirty" || got.Date != "2026-03-04T05:06:07Z" {
		t.Errorf("fallback: %+v", got)
	}
	if s := got.ShortCommit(); s != "0123456789ab-dirty" {
		t.Errorf("short commit %q", s)
	}
	// What -ldflags stamped wins.
	stamped := Info{Version: "1.2.3", Commit: "abc", Date: "2026-01-01"}.withFallback(bi)
	if stamped.Version != "1.2.3" || stamped.Commit != "abc" || stamped.Date != "2026-01-01" {
		t.Errorf("stamped: %+v", stamped)
	}
	if dev := (Info{Version: "dev"}).withFallback(&debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}); dev.Version != "dev" {
		t.Errorf("(devel): %+v", dev)
	}
}
