package main

import (
	"log/slog"
	"os"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/demo"
)

func newDemoCmd(g *globals) *cobra.Command {
	var dir string
	var keep, verbose bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Run the pipeline on an embedded demo Wolvox database; needs no server, network or config",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" {
				tmp, err := os.MkdirTemp("", "akinsoft-connector-demo-")
				if err != nil {
					return err
				}
				dir = tmp
				if !keep {
					defer os.RemoveAll(tmp)
				}
			}
			logger := slog.New(slog.DiscardHandler)
			if verbose {
				logger = g.logger(cmd)
			}
			_, err := demo.Run(cmd.Context(), demo.Options{Dir: dir, Out: cmd.OutOrStdout(), Logger: logger})
			return err
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "folder for the demo database and outbox (default: a temporary folder, removed afterwards)")
	cmd.Flags().BoolVar(&keep, "keep", false, "keep the temporary folder to inspect the outbox")
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, "show the daemon's logs")
	return cmd
}
