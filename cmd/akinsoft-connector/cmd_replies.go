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
		Short: "What customers sent back: SMS replies and WhatsApp messages, refusals marked (works while the service runs)",
	}
	cmd.AddCommand(newRepliesListCmd(g))
	return cmd
}

func newRepliesListCmd(g *globals) *cobra.Command {
	var f outbox.ReplyFilter
	var since config.Duration
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List replies, newest first, senders masked",
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
			fmt.Fprintf(out, "%-7s  %-26s  %-8s  %-16s  %-7s  %s\n", "ID", "RECEIVED", "CHANNEL", "SENDER", "REFUSAL", "TEXT")
			for _, r := range rs {
				v := status.ReplyOf(r)
				refusal := ""
				if v.Refusal {
					refusal = "yes"
				}
				fmt.Fprintf(out, "%-7d  %-26s  %-8s  %-16s  %-7s  %s\n", v.ID, stamp(v.At, g.zone()), v.Channel, v.From, refusal, oneLine(v.Text, 120))
			}
			fmt.Fprintf(out, "%d reply(ies)", len(rs))
			if f.Limit > 0 && len(rs) == f.Limit {
				fmt.Fprintf(out, " (limit reached: use --limit for more)")
			}
			fmt.Fprintln(out)
			return nil
		},
	}
	cmd.Flags().StringVar(&f.Channel, "channel", "", "only this channel (sms, whatsapp)")
	cmd.Flags().BoolVar(&f.Refusals, "refusals", false, "only refusals")
	cmd.Flags().Var(&since, "since", "only replies received in this period, e.g. 24h, 7d (default: all)")
	cmd.Flags().IntVar(&f.Limit, "limit", 100, "at most this many")
	jsonFlag(g, cmd, &asJSON)
	return cmd
}
