package main

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

func newRepliesCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "replies",
		Short: g.h("help.replies"),
	}
	cmd.AddCommand(newRepliesListCmd(g), newRepliesAnswersCmd(g))
	return cmd
}

func newRepliesListCmd(g *globals) *cobra.Command {
	var f outbox.ReplyFilter
	var since config.Duration
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: g.h("help.replies.list"),
		Example: `  akinsoft-connector replies list --since 7d
  akinsoft-connector replies list --refusals --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			if since > 0 {
				f.Since = time.Now().Add(-since.Std())
			}
			rs, err := s.Replies(cmd.Context(), f)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				views := make([]status.ReplyView, 0, len(rs))
				for _, r := range rs {
					views = append(views, status.ReplyOf(r))
				}
				return writeJSON(out, views)
			}
			fmt.Fprintf(out, "%-7s  %-26s  %-8s  %-16s  %-7s  %s\n", g.say("cmd.col.id"), g.say("cmd.col.received"), g.say("cmd.col.channel"),
				g.say("cmd.col.sender"), g.say("cmd.col.refusal"), g.say("cmd.col.text"))
			for _, r := range rs {
				v := status.ReplyOf(r)
				refusal := ""
				if v.Refusal {
					refusal = g.say("cmd.replies.refusal")
				}
				fmt.Fprintf(out, "%-7d  %-26s  %-8s  %-16s  %-7s  %s\n", v.ID, stamp(v.At, g.zone()), v.Channel, v.From, refusal, oneLine(v.Text, 120))
			}
			if len(rs) == outbox.ListLimit(f.Limit) {
				fmt.Fprintln(out, g.say("cmd.replies.count_limit", "n", len(rs)))
			} else {
				fmt.Fprintln(out, g.say("cmd.replies.count", "n", len(rs)))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&f.Channel, "channel", "", g.h("help.replies.channel"))
	cmd.Flags().BoolVar(&f.Refusals, "refusals", false, g.h("help.replies.refusals"))
	cmd.Flags().Var(&since, "since", g.h("help.replies.since"))
	countVar(cmd.Flags(), &f.Limit, "limit", 100, 1, g.h("help.messages.list.limit"))
	jsonFlag(g, cmd, &asJSON)
	return cmd
}
