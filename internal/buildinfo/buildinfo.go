// Package buildinfo is what a binary knows about its build: the version,
// commit and date scripts/dist.sh stamps into it, for --version, the
// version command and the build_info metric.
package buildinfo

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Stamped by scripts/dist.sh with -ldflags "-X <this package>.version=…"
// (and .commit, .date). An unstamped build (go build, go install) falls
// back to what the Go toolchain recorded: the module version and, when
// built in a git checkout with VCS stamping on, the revision and its time.
var (
	version = "dev"
	commit  = ""
	date    = ""
)

// Info is what this binary knows about its build.
type Info struct {
	Version   string `json:"version"`
	Commit    string `json:"commit"`
	Date      string `json:"date"`
	GoVersion string `json:"go_version"`
	Platform  string `json:"platform"`
}

// Read returns the build's facts; what nobody recorded is "unknown".
func Read() Info {
	b := Info{Version: version, Commit: commit, Date: date, GoVersion: runtime.Version(), Platform: runtime.GOOS + "/" + runtime.GOARCH}
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
func (b Info) withFallback(bi *debug.BuildInfo) Info {
	if b.Version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		b.Version = bi.Main.Version
	}
	dirty, fromVCS := false, false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			if b.Commit == "" {
				b.Commit, fromVCS = s.Value, true
			}
		case "vcs.time":
			if b.Date == "" {
				b.Date = s.Value
			}
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if dirty && fromVCS {
		b.Commit += "-dirty"
	}
	return b
}

// String is the one line `--version` and `version` print.
func (b Info) String() string {
	return fmt.Sprintf("akinsoft-connector %s (commit %s, built %s, %s, %s)", b.Version, b.ShortCommit(), b.Date, b.Platform, b.GoVersion)
}

// ShortCommit is the commit cut to 12 hex digits.
func (b Info) ShortCommit() string { return short(b.Commit) }

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
