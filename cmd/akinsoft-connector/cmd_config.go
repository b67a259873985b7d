package main

import (
	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

func newConfigCmd(*globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Tools for the config file",
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "schema",
		Short: "Print the config file's JSON Schema, for editors that complete and check YAML",
		Long: `schema prints the JSON Schema of the config file. The packages install it as
config.schema.json beside config.example.yaml, whose first line
  # yaml-language-server: $schema=config.schema.json
makes VS Code (YAML extension), IntelliJ and Neovim complete keys and values and
mark mistakes as you type. check is still the full test: the schema knows the
shape and the formats, not which channels and columns your jobs use.`,
		Example: `  akinsoft-connector config schema > config.schema.json`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := cmd.OutOrStdout().Write(config.Schema())
			return err
		},
	})
	return cmd
}
