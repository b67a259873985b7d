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
		Short: g.h("help.demo"),
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
			_, err := demo.Run(cmd.Context(), demo.Options{Dir: dir, Out: cmd.OutOrStdout(), Logger: logger, Lang: g.language()})
			return err
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", g.h("help.demo.dir"))
	cmd.Flags().BoolVar(&keep, "keep", false, g.h("help.demo.keep"))
	cmd.Flags().BoolVarP(&verbose, "verbose", "v", false, g.h("help.demo.verbose"))
	return cmd
}
