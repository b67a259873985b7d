package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Stamped by scripts/dist.sh with -ldflags "-X main.version=… -X main.commit=…
// -X main.date=…". An unstamped build (go build, go install) falls back to
// what the Go toolchain recorded: the module version and, when built in a
// git checkout with VCS stamping on, the revision and its time.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// buildInfo is what this binary knows about its build.
type buildInfo struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	Date      string `json:"date"`
	GoVersion string `json:"go_version"`
	Platform  string `json:"platform"`
}

func currentBuild() buildInfo {
	b := buildInfo{Version: version, Commit: commit, Date: date, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
	if bi, ok := debug.ReadBuildInfo(); ok {
		b = b.withFallback(bi)
	}
	if b.Commit == "" {
		b.Commit = "unknown"
	}
	if b.Date == "" {
		b.Date = "unknown"
	}
	return b
}

// withFallback fills what -ldflags did not stamp from the toolchain's record.
func (b buildInfo) withFallback(bi *debug.BuildInfo) buildInfo {
	if b.Version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		b.Version = bi.Main.Version
	}
	dirty := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit = s.Value
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty && b.Commit != "" && commit == "" {
		b.Commit += "-dirty"
	}
	return b
}

// String is the one line `--version` and `version` print.
func (b buildInfo) String() string {
	return fmt.Sprintf("akinsoft-connector %s (commit %s, built %s, %s, %s)", b.Version, short(b.Commit), b.Date, b.Platform, b.GoVersion)
}

// short cuts a full revision to 12 hex digits, as git log --abbrev does.
func short(rev string) string {
	hash, dirty := strings.CutSuffix(rev, "-dirty")
	if len(hash) > 12 && hash != "unknown" {
		hash = hash[:12]
	}
	if dirty {
		return hash + "-dirty"
	}
	return hash
}
