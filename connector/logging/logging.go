// Package logging builds the connector's slog.Logger: readable text on the
// console, JSON lines in size-rotated files, and a Handler in front of both
// that keeps phone numbers, e-mail addresses and secrets out of the output.
package logging

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"gopkg.in/natefinch/lumberjack.v2"
)

// DefaultFileName is the log file's name inside Options.Dir.
const DefaultFileName = "akinsoft-connector.log"

// Options says where logs go. With neither Console nor Dir set, New fails:
// a logger that writes nowhere hides the very errors it exists to show.
type Options struct {
	// Level is the minimum level written; nil means Info. A *slog.LevelVar
	// lets a config reload change it.
	Level slog.Leveler
	// Console receives human-readable text (usually os.Stderr); nil for none.
	Console io.Writer
	// Dir receives JSON lines in FileName, rotated by size; "" for none.
	Dir      string
	FileName string
	// MaxSizeMB rotates the file when it would grow beyond this (default 20).
	MaxSizeMB int
	// MaxAgeDays and MaxBackups bound the rotated files kept (0 keeps all).
	MaxAgeDays int
	MaxBackups int
	// Secrets are redacted from the start; more can be added with Redact.
	Secrets []string
	// Location is the time zone the lines' times are written in: the
	// config's, as the command line and the status page show times (nil:
	// the host's, which a service often has as UTC).
	Location *time.Location
}

// New returns a logger whose handler is a *Handler (see Redact) and a Closer
// for the log file (a no-op without one).
func New(opts Options) (*slog.Logger, io.Closer, error) {
	level := opts.Level
	if level == nil {
		level = slog.LevelInfo
	}
	hopts := &slog.HandlerOptions{Level: level, ReplaceAttr: readable(opts.Location)}
	var handlers []slog.Handler
	var closer io.Closer = nopCloser{}
	if opts.Console != nil {
		handlers = append(handlers, slog.NewTextHandler(opts.Console, hopts))
	}
	if opts.Dir != "" {
		f, err := openFile(opts)
		if err != nil {
			return nil, nil, err
		}
		closer = f
		handlers = append(handlers, slog.NewJSONHandler(f, hopts))
	}
	var inner slog.Handler
	switch len(handlers) {
	case 0:
		return nil, nil, errors.New("logging: neither a console nor a log directory was given; set log.dir in the config or run in a console")
	case 1:
		inner = handlers[0]
	default:
		inner = slog.NewMultiHandler(handlers...)
	}
	h := NewHandler(inner)
	h.RedactValues(opts.Secrets...)
	return slog.New(h), closer, nil
}

// openFile creates the directory and opens the file now, so that a log
// directory the service account cannot write to is reported at start-up
// instead of every log line vanishing later.
func openFile(opts Options) (*lumberjack.Logger, error) {
	name := opts.FileName
	if name == "" {
		name = DefaultFileName
	}
	size := opts.MaxSizeMB
	if size <= 0 {
		size = 20
	}
	if err := os.MkdirAll(opts.Dir, 0o750); err != nil {
		return nil, fmt.Errorf("logging: create the log directory: %w; check log.dir in the config and that the service account may write there", err)
	}
	f := &lumberjack.Logger{
		Filename:   filepath.Join(opts.Dir, name),
		MaxSize:    size,
		MaxAge:     opts.MaxAgeDays,
		MaxBackups: opts.MaxBackups,
		LocalTime:  true,
	}
	// lumberjack opens the file on the first write; an empty write opens it.
	if _, err := f.Write(nil); err != nil {
		return nil, fmt.Errorf("logging: open the log file: %w; check log.dir in the config and that the service account may write there", err)
	}
	return f, nil
}

type nopCloser struct{}

func (nopCloser) Close() error { return nil }

// readable writes a line's time, and every time it tells (when a send is
// retried), in loc, and a duration as people read it ("3ms"): the JSON
// handler would write its nanoseconds (3000000).
func readable(loc *time.Location) func([]string, slog.Attr) slog.Attr {
	return func(groups []string, a slog.Attr) slog.Attr {
		switch {
		case loc != nil && a.Value.Kind() == slog.KindTime:
			a.Value = slog.TimeValue(a.Value.Time().In(loc))
		case a.Value.Kind() == slog.KindDuration:
			a.Value = slog.StringValue(a.Value.Duration().String())
		}
		return a
	}
}
