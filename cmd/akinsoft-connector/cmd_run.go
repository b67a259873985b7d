package main

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/logging"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
)

func newRunCmd(g *globals) *cobra.Command {
	var once bool
	var jobs []string
	var accept connector.Options // AcceptOutbox, AcceptBackfill
	cmd := &cobra.Command{
		Use:   "run",
		Short: g.h("help.run"),
		Long:  g.h("help.run.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			log, closer := g.runLogger(cmd)
			defer closer.Close()
			if accept.AcceptBackfill && !accept.AcceptOutbox {
				return g.sayErr("cmd.run.accept_backfill_alone", "flag", connector.AcceptBackfillFlag, "with", connector.AcceptFlag)
			}
			if once {
				return runOnce(cmd.Context(), g, jobs, accept, cmd.OutOrStdout(), cmd.ErrOrStderr(), log)
			}
			if len(jobs) > 0 {
				return g.sayErr("cmd.run.job_needs_once")
			}
			load := func() (*config.Config, error) {
				cfg, err := loadConfig(g)
				if err == nil {
					// Secret values are masked wherever they might appear in a log line.
					logging.Redact(log, cfg.SecretValues()...)
				}
				return cfg, err
			}
			opts := installer.Options{ConfigFile: g.configPath, Logger: log, Folders: privateFolders(g), Lang: g.language()}
			return heldError(g, installer.Run(cmd.Context(), opts, func(ctx context.Context) error {
				return connector.RunWithReload(ctx, load, reloadSignals(ctx),
					connector.Options{Logger: log, Console: cmd.OutOrStdout(), AcceptOutbox: accept.AcceptOutbox, AcceptBackfill: accept.AcceptBackfill})
			}))
		},
	}
	cmd.Flags().BoolVar(&once, "once", false, g.h("help.run.once"))
	cmd.Flags().StringSliceVar(&jobs, "job", nil, g.h("help.run.job"))
	cmd.Flags().BoolVar(&accept.AcceptOutbox, strings.TrimPrefix(connector.AcceptFlag, "--"), false, g.h("help.run.accept_outbox"))
	cmd.Flags().BoolVar(&accept.AcceptBackfill, strings.TrimPrefix(connector.AcceptBackfillFlag, "--"), false, g.help.Text("help.run.accept_backfill", map[string]string{"flag": connector.AcceptFlag}))
	return cmd
}

// runLogger logs text to the console and JSON lines to the config's log.dir.
// The config is read once here for its log settings only. When it cannot be
// read, a service still logs to the OS default log directory, so the error
// that stops it is on disk as well as in the Event Log / journal.
func (g *globals) runLogger(cmd *cobra.Command) (*slog.Logger, io.Closer) {
	level := new(slog.LevelVar)
	_ = level.UnmarshalText([]byte(g.logLevel))
	opts := logging.Options{Level: level, Console: cmd.ErrOrStderr()}
	if !installer.Interactive() {
		opts.Dir = installer.DefaultPaths().LogDir
	}
	if cfg, err := config.Load(g.configPath, config.Options{}); err == nil {
		if cfg.Log.Dir != "" {
			opts.Dir = string(cfg.Log.Dir)
		}
		opts.MaxSizeMB, opts.MaxAgeDays, opts.MaxBackups = cfg.Log.MaxSizeMB, cfg.Log.MaxAgeDays, cfg.Log.MaxBackups
		opts.Location = cfg.Location()
		if cfg.Log.Level.IsSet() && !cmd.Flags().Changed("log-level") {
			level.Set(cfg.Log.Level.Level())
		}
	}
	log, closer, err := logging.New(opts)
	if err != nil {
		// An unwritable log directory must not stop the connector: log to the console and say so.
		opts.Dir = ""
		log, closer, _ = logging.New(opts)
		log = g.language().Logger(log)
		log.Warn("log.cli.console_only", "err", err)
	}
	return g.language().Logger(log), closer
}

// privateFolders are the folders whose rights the service checks at start:
// the config's, the state folder and the log folder (installer/folders.go).
func privateFolders(g *globals) []string {
	folders := []string{filepath.Dir(absPath(g.configPath))}
	logDir := ""
	if !installer.Interactive() {
		logDir = installer.DefaultPaths().LogDir
	}
	if cfg, _ := config.Load(g.configPath, config.Options{}); cfg != nil {
		folders = append(folders, string(cfg.StateDir))
		if cfg.Log.Dir != "" {
			logDir = string(cfg.Log.Dir)
		}
	}
	return append(folders, logDir)
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// loadConfig loads and validates the config and resolves its secrets.
func loadConfig(g *globals) (*config.Config, error) {
	cfg, err := config.Load(g.configPath, config.Options{})
	if err != nil {
		return nil, err
	}
	if err := cfg.ResolveSecrets(&lazyVault{g: g, stateDir: string(cfg.StateDir)}); err != nil {
		return nil, err
	}
	return cfg, nil
}
