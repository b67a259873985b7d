//go:build genman

package main

import (
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/akinsoft-connector/akinsoft-connector/internal/buildinfo"
)

// newManCmd writes the man pages the .deb ships: one page per command, from
// the same help text the commands print. Hidden: people read the pages, they
// do not make them. Only scripts/dist.sh's build for this machine has it
// (-tags genman): the man page generator and its Markdown and YAML parsers
// are no part of what runs at a shop.
func newManCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:    "gen-man DIR",
		Short:  g.h("help.gen_man"),
		Hidden: true,
		Args:   exactArgs(g, 1, "gen-man DIR"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := os.MkdirAll(args[0], 0o755); err != nil {
				return err
			}
			b := buildinfo.Read()
			// The build's date, not today's: the same commit makes the same pages.
			date := time.Now()
			if t, err := time.Parse(time.RFC3339, b.Date); err == nil {
				date = t
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true
			return doc.GenManTree(root, &doc.GenManHeader{Title: "AKINSOFT-CONNECTOR", Section: "1", Date: &date,
				Source: "akinsoft-connector " + b.Version, Manual: "akinsoft-connector"}, args[0])
		},
	}
}
