package main

import (
	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

func newRunCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "run",
		Short: "Run the connector in the foreground until Ctrl+C / SIGTERM (SIGHUP reloads the config)",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			log := g.logger(cmd)
			load := func() (*config.Config, error) { return loadConfig(g) }
			return connector.RunWithReload(cmd.Context(), load, reloadSignals(cmd.Context()),
				connector.Options{Logger: log, Console: cmd.OutOrStdout()})
		},
	}
}

// loadConfig loads and validates the config and resolves its secrets.
func loadConfig(g *globals) (*config.Config, error) {
	cfg, err := config.Load(g.configPath, config.Options{})
	if err != nil {
		return nil, err
	}
	if err := cfg.ResolveSecrets(&lazyVault{g: g, stateDir: cfg.StateDir}); err != nil {
		return nil, err
	}
	return cfg, nil
}
