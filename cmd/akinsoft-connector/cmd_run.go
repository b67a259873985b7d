package main

import (
	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

func newRunCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "run",
		Short: "Run the connector in the foreground until Ctrl+C / SIGTERM",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(g)
			if err != nil {
				return err
			}
			log := g.logger(cmd)
			d, err := connector.New(cmd.Context(), cfg, connector.Options{Logger: log, Console: cmd.OutOrStdout()})
			if err != nil {
				return err
			}
			defer d.Close()
			return d.Run(cmd.Context())
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
