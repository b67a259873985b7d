package main

import (
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/statement"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// answerKeys are the words for each answer to a reconciliation.
var answerKeys = map[statement.Answer]catalog.Key{
	statement.Unanswered: "cmd.answers.none",
	statement.Confirmed:  "cmd.answers.confirmed",
	statement.Disputed:   "cmd.answers.disputed",
	statement.Unclear:    "cmd.answers.unclear",
}

// answerJSON is one reconciliation and its answer in --json.
type answerJSON struct {
	Customer  string     `json:"customer"`
	About     string     `json:"about,omitempty"`
	To        string     `json:"to"` // masked
	SentAt    time.Time  `json:"sent_at"`
	Answer    string     `json:"answer"` // "", confirm, dispute, unclear
	RepliedAt *time.Time `json:"replied_at,omitempty"`
	Reply     string     `json:"reply,omitempty"`
}

func newRepliesAnswersCmd(g *globals) *cobra.Command {
	var job string
	since := config.Duration(90 * 24 * time.Hour)
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "answers",
		Short:   g.h("help.replies.answers"),
		Example: `  akinsoft-connector replies answers --job mutabakat --since 30d`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			cfg, err := config.Load(g.configPath, config.Options{})
			if cfg == nil {
				return err
			}
			// The loader gives every reconciliation job its statement
			// settings, reply words included.
			words := map[string]config.ReplyWords{}
			var names []string
			for _, j := range cfg.Jobs {
				if j.Preset == "account_reconciliation" {
					names = append(names, j.Name)
					words[j.Name] = j.Statement.ReplyWords
				}
			}
			switch {
			case len(names) == 0:
				return g.sayErr("cmd.answers.no_job", "file", g.configPath)
			case job == "" && len(names) == 1:
				job = names[0]
			case !slices.Contains(names, job):
				return g.sayErr("cmd.answers.which_job", "jobs", strings.Join(names, ", "))
			}
			s, err := connector.OpenStore(ctx, cfg)
			if err != nil {
				return err
			}
			defer s.Close()
			asked, err := statement.AskedOf(ctx, s, job, time.Now().Add(-since.Std()))
			if err != nil {
				return err
			}
			results, err := statement.Answers(ctx, asked, statement.StoredReplies{Store: s}, statement.NewWords(words[job]))
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if asJSON {
				views := make([]answerJSON, 0, len(results))
				for _, r := range results {
					v := answerJSON{Customer: r.Customer, About: r.About, To: mapping.MaskRecipient(r.To), SentAt: r.SentAt,
						Answer: string(r.Answer), Reply: r.Reply.Text}
					if r.Answer != statement.Unanswered {
						at := r.Reply.At
						v.RepliedAt = &at
					}
					views = append(views, v)
				}
				return writeJSON(out, views)
			}
			counts := map[statement.Answer]int{}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0) // columns as wide as their longest address
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", g.say("cmd.col.customer"), g.say("cmd.col.recipient"),
				g.say("cmd.col.sent"), g.say("cmd.col.answer"), g.say("cmd.col.received"), g.say("cmd.col.text"))
			for _, r := range results {
				counts[r.Answer]++
				who := r.Customer
				if r.About != "" {
					who = r.About
				}
				replied := ""
				if r.Answer != statement.Unanswered {
					replied = stamp(r.Reply.At, g.zone())
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", oneLine(who, 40), mapping.MaskRecipient(r.To),
					stamp(r.SentAt, g.zone()), g.say(answerKeys[r.Answer]), replied, oneLine(r.Reply.Text, 80))
			}
			tw.Flush()
			fmt.Fprintln(out, g.say("cmd.answers.count", "n", len(results), "confirmed", counts[statement.Confirmed],
				"disputed", counts[statement.Disputed], "unclear", counts[statement.Unclear], "none", counts[statement.Unanswered]))
			return nil
		},
	}
	cmd.Flags().StringVar(&job, "job", "", g.h("help.replies.answers.job"))
	cmd.Flags().Var(&since, "since", g.h("help.replies.answers.since"))
	jsonFlag(g, cmd, &asJSON)
	return cmd
}
