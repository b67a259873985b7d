package installer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"

	"github.com/kardianos/service"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/logging"
)

// DefaultStopTimeout is how long a stop request waits for the daemon.
const DefaultStopTimeout = 20 * time.Second

// Run runs daemon until it returns or is stopped.
//
// From a console it cancels daemon's context on Ctrl+C or SIGTERM and
// returns daemon's error. Under the service manager it reports the service
// running at once (slow work such as connecting to the ERP belongs inside
// daemon; Windows kills a start that takes 30 s), cancels the context on a
// stop request and waits up to Options.StopTimeout. Start, stop and fatal
// errors go to Options.Logger and to the service manager's log (the Windows
// Event Log), so a service that dies on a bad config says why somewhere an
// administrator looks. If daemon fails on its own the process exits with
// status 1, which is what makes Windows' recovery actions and systemd's
// Restart=on-failure start it again.
func Run(ctx context.Context, opts Options, daemon func(ctx context.Context) error) error {
	if service.Interactive() {
		ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
		defer stop()
		newProgram(ctx, opts, daemon, os.Exit).protectFolders(opts.Folders)
		return daemon(ctx)
	}
	p := newProgram(ctx, opts, daemon, os.Exit)
	s, err := service.New(p, &service.Config{Name: Name})
	if err != nil {
		return fmt.Errorf("installer: %w", err)
	}
	if l, err := s.Logger(nil); err == nil {
		p.svcLog = l
	} else {
		p.log.Warn("log.service.no_event_log", "err", err)
	}
	p.protectFolders(opts.Folders)
	return s.Run()
}

// protectFolders checks, and inside the data folder sets, the rights of
// the connector's folders before anything is written to them. A folder
// that stays readable by others is logged, not fatal: the notifications
// still go, and the log says what to fix.
func (p *program) protectFolders(folders []string) {
	for _, f := range ProtectOwnFolders(folders...) {
		switch {
		case f.Problem != "":
			p.warn("log.service.folder_not_private", "folder", f.Path, "problem", f.Problem)
		case f.Changed:
			p.log.Info("log.service.folder_private", "folder", f.Path)
		}
	}
}

// program adapts daemon to kardianos' Start/Stop.
type program struct {
	parent      context.Context
	daemon      func(context.Context) error
	log         *slog.Logger
	lang        catalog.Lang
	svcLog      service.Logger
	stopTimeout time.Duration
	exit        func(code int)

	mu       sync.Mutex
	cancel   context.CancelFunc
	done     chan struct{}
	err      error // daemon's result, set before done is closed
	stopping bool
}

func newProgram(ctx context.Context, opts Options, daemon func(context.Context) error, exit func(int)) *program {
	p := &program{parent: ctx, daemon: daemon, log: opts.Logger, lang: opts.Lang, stopTimeout: opts.StopTimeout, exit: exit}
	if p.log == nil {
		p.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if p.lang == "" {
		p.lang = catalog.TR
	}
	p.log = p.lang.Logger(p.log)
	if p.stopTimeout <= 0 {
		p.stopTimeout = DefaultStopTimeout
	}
	return p
}

// Start returns at once; the daemon runs in its own goroutine.
func (p *program) Start(service.Service) error {
	ctx, cancel := context.WithCancel(p.parent)
	p.mu.Lock()
	p.cancel, p.done = cancel, make(chan struct{})
	p.mu.Unlock()
	go p.serve(ctx)
	p.info("log.service.started")
	return nil
}

func (p *program) serve(ctx context.Context) {
	err := p.daemon(ctx)
	p.mu.Lock()
	p.err = err
	stopping := p.stopping
	close(p.done)
	p.mu.Unlock()
	// A stop request, or a signal that cancelled the parent context, is a
	// normal end: Stop reports it.
	if stopping || ctx.Err() != nil {
		return
	}
	if err == nil {
		err = errors.New("the connector stopped on its own without an error")
	}
	p.error("log.service.failed", err)
	p.exit(1)
}

// Stop cancels the daemon and waits for it, at most stopTimeout.
func (p *program) Stop(service.Service) error {
	p.mu.Lock()
	p.stopping = true
	cancel, done := p.cancel, p.done
	p.mu.Unlock()
	if cancel == nil {
		return nil
	}
	cancel()
	timer := time.NewTimer(p.stopTimeout)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		err := fmt.Errorf("the connector did not stop within %s", p.stopTimeout)
		p.error("log.service.stop_timeout", err)
		return err
	}
	p.mu.Lock()
	err := p.err
	p.mu.Unlock()
	if err != nil && !errors.Is(err, context.Canceled) {
		p.error("log.service.stopped_error", err)
		return err
	}
	p.info("log.service.stopped")
	return nil
}

// clean keeps secrets and contact data out of the Event Log as the log
// handler keeps them out of the log file: errors quote configs and rows.
func (p *program) clean(s string) string {
	if h, ok := logging.Find(p.log.Handler()); ok {
		return h.Clean(s)
	}
	return logging.MaskText(s)
}

// info, warn and error log a message (a catalog key, see catalog.Logger)
// to the log and to the service manager's log, there in p's language.
func (p *program) info(key string) {
	p.log.Info(key)
	if p.svcLog != nil {
		_ = p.svcLog.Info(p.lang.LogText(key))
	}
}

func (p *program) warn(key string, kv ...any) {
	p.log.Warn(key, kv...)
	if p.svcLog != nil {
		_ = p.svcLog.Warning(p.clean(p.lang.LogText(key, kv...)))
	}
}

func (p *program) error(key string, err error) {
	p.log.Error(key, "err", err)
	if p.svcLog != nil {
		_ = p.svcLog.Error(p.clean(p.lang.LogText(key) + ": " + err.Error()))
	}
}

// Interactive reports whether this process was started from a console
// rather than by the service manager.
func Interactive() bool { return service.Interactive() }
