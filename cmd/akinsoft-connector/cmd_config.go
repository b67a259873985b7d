package main

import (
	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

func newConfigCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: g.h("help.config"),
	}
	cmd.AddCommand(&cobra.Command{
		Use:     "schema",
		Short:   g.h("help.config.schema"),
		Long:    g.h("help.config.schema.long"),
		Example: `  akinsoft-connector config schema > config.schema.json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(config.Schema())
			return err
		},
	})
	return cmd
}
