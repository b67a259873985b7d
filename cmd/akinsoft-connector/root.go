package main

import (
	"log/slog"
	"runtime"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/installer"
)

// globals are flags every command shares.
type globals struct {
	configPath string
	logLevel   string
}

func newRootCmd() *cobra.Command {
	g := &globals{}
	root := &cobra.Command{
		Use:           "akinsoft-connector",
		Short:         "Send customers SMS, WhatsApp and e-mail notifications from an AKINSOFT Wolvox database",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err.Error()} })
	root.PersistentFlags().StringVar(&g.configPath, "config", defaultConfigPath(), "path of the config file")
	root.PersistentFlags().StringVar(&g.logLevel, "log-level", "info", "debug, info, warn or error")
	root.AddCommand(newDemoCmd(g), newRunCmd(g), newCheckCmd(g), newVersionCmd(), newSecretsCmd(g), newAuditCmd(g), newForgetCmd(g), newOptOutCmd(g), newRenderCmd(g),
		newStatusCmd(g), newMessagesCmd(g), newAdminCmd(g), newSendTestCmd(g), newServiceCmd(g), newConfigCmd(g))
	return root
}

func (g *globals) logger(cmd *cobra.Command) *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(g.logLevel)); err != nil {
		level = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(cmd.ErrOrStderr(), &slog.HandlerOptions{Level: level}))
}

func defaultConfigPath() string { return installer.DefaultPaths().ConfigFile }

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Run: func(cmd *cobra.Command, _ []string) {
			cmd.Printf("akinsoft-connector %s (%s/%s, %s)\n", version, runtime.GOOS, runtime.GOARCH, runtime.Version())
		},
	}
}
