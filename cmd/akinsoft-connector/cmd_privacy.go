package main

import (
	"context"
	"fmt"
	"io"
	"maps"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// openStore opens the outbox named by the config. It works while the
// service runs (SQLite WAL lets both read and write).
func openStore(ctx context.Context, g *globals) (*outbox.Store, error) {
	cfg, err := config.Load(g.configPath, config.Options{})
	if cfg == nil {
		return nil, err
	}
	return connector.OpenStore(ctx, cfg)
}

// normalizeRecipient accepts a phone number as people write it or an e-mail
// address in any case, and returns the form stored in the outbox.
func normalizeRecipient(s string) (string, error) { return mapping.ParseAddress(s) }

func newAuditCmd(g *globals) *cobra.Command {
	var since config.Duration
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "audit",
		Short: g.h("help.audit"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			rows, err := s.Audit(cmd.Context(), time.Now().Add(-since.Std()), 100000)
			if err != nil {
				return err
			}
			out, loc := cmd.OutOrStdout(), g.zone()
			if asJSON {
				list := make([]auditJSON, 0, len(rows))
				for _, r := range rows {
					list = append(list, auditJSON{Time: r.At, Channel: r.Channel, Host: r.Host, Recipient: r.Recipient,
						BytesOut: r.BytesOut, BytesIn: r.BytesIn, Outcome: r.Outcome})
				}
				return writeJSON(out, list)
			}
			h := func(key catalog.Key) string { return g.language().Text(key, nil) }
			fmt.Fprintf(out, "%-26s  %-8s  %-28s  %-18s  %8s  %8s  %s\n", h("cmd.col.time"), h("cmd.col.channel"), h("cmd.col.host"),
				h("cmd.col.recipient"), h("cmd.col.bytes_out"), h("cmd.col.bytes_in"), h("cmd.col.outcome"))
			for _, r := range rows {
				fmt.Fprintf(out, "%-26s  %-8s  %-28s  %-18s  %8d  %8d  %s\n", stamp(r.At, loc),
					r.Channel, r.Host, r.Recipient, r.BytesOut, r.BytesIn, r.Outcome)
			}
			fmt.Fprintln(out, g.say("cmd.audit.count", "n", len(rows), "since", spanText(g, since.Std())))
			return nil
		},
	}
	since = config.Duration(24 * time.Hour)
	cmd.Flags().Var(&since, "since", g.h("help.audit.since"))
	jsonFlag(g, cmd, &asJSON)
	return cmd
}

func newForgetCmd(g *globals) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "forget " + g.h("help.arg.recipient"),
		Short: g.h("help.forget"),
		Long:  g.h("help.forget.long"),
		Args:  minArgs(g, 1, "forget [--dry-run] +90 532 123 45 67 | name@example.com"),
		RunE: func(cmd *cobra.Command, args []string) error {
			to, err := forgetTarget(g, args)
			if err != nil {
				return err
			}
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			forget := s.Forget
			if dryRun {
				forget = s.ForgetDryRun
			}
			f, err := forget(cmd.Context(), to)
			if err != nil {
				return err
			}
			printForgotten(cmd.OutOrStdout(), g.language(), g.zone(), mapping.MaskRecipient(to), f, dryRun)
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, g.h("help.forget.dry_run"))
	return cmd
}

// forgetTarget is the one person forget's arguments name. A number typed
// as people write it, unquoted (forget +90 532 123 45 67), reaches the
// command split by the shell into several arguments: they are joined when
// together they are one phone number. An e-mail address is one argument.
// Anything else is refused rather than guessed at: erasing the wrong
// person's records cannot be undone, and two numbers side by side are two
// people, not one.
func forgetTarget(g *globals, args []string) (string, error) {
	if len(args) == 1 {
		to, err := normalizeRecipient(args[0])
		if err != nil {
			return "", &usageError{g.say("cmd.privacy.not_address", "value", fmt.Sprintf("%q", args[0]), "reason", addressReason(g, args[0], err))}
		}
		return to, nil
	}
	quoted := make([]string, len(args))
	for i, a := range args {
		quoted[i] = fmt.Sprintf("%q", a)
	}
	shown := strings.Join(quoted, " ")
	for _, a := range args {
		if strings.Contains(a, "@") {
			return "", &usageError{g.say("cmd.forget.email_alone", "args", shown)}
		}
	}
	alone := map[string]bool{} // the arguments that are a whole number by themselves
	for _, a := range args {
		if to, err := normalizeRecipient(a); err == nil {
			alone[to] = true
		}
	}
	if len(alone) > 1 {
		return "", &usageError{g.say("cmd.forget.several", "args", shown)}
	}
	for i, a := range args {
		if strings.TrimLeft(a, "0123456789+()-./ ") != "" {
			return "", &usageError{g.say("cmd.forget.not_one_number", "args", shown,
				"reason", g.say("cmd.forget.not_digits", "arg", quoted[i]))}
		}
	}
	joined := strings.Join(args, " ")
	to, err := normalizeRecipient(joined)
	if err != nil {
		return "", &usageError{g.say("cmd.forget.not_one_number", "args", shown, "reason", addressReason(g, joined, err))}
	}
	if len(alone) == 1 && !alone[to] {
		// One argument is a number of its own and the whole is another.
		return "", &usageError{g.say("cmd.forget.several", "args", shown)}
	}
	return to, nil
}

func printForgotten(out io.Writer, lang catalog.Lang, loc *time.Location, who string, f outbox.Forgotten, dry bool) {
	say := func(key catalog.Key, args ...any) string { return catalog.M(key, args...).In(lang) }
	mode := "done"
	if dry {
		mode = "dry"
	}
	deleted, emptied := say(catalog.Key("cmd.forget.deleted."+mode)), say(catalog.Key("cmd.forget.emptied."+mode))
	optout := ""
	if f.OptOut {
		optout = say("cmd.forget.and_optout")
	}
	fmt.Fprintln(out, say(catalog.Key("cmd.forget.summary."+mode), "who", who, "messages", len(f.Messages), "attempts", f.Attempts,
		"audit", f.Audit, "optout", optout))
	row := func(what string, m outbox.ForgottenMessage, note string) {
		fmt.Fprintf(out, "  %-12s #%-6d %s  %-16s %-8s %-9s%s\n", what, m.ID, stamp(m.Created, loc),
			m.Job, m.Channel, stateName(lang, m.Status), note)
	}
	for _, m := range f.Messages {
		note := ""
		if m.Purged {
			note = "  " + say("cmd.forget.purged")
		}
		row(deleted, m, note)
	}
	for _, m := range f.Mentioned {
		note := "  " + say("cmd.forget.mentioned")
		switch m.Status {
		case outbox.StatusPending, outbox.StatusStandby, outbox.StatusUncertain, outbox.StatusHeld:
			note = "  " + say("cmd.forget.mentioned_cancelled")
		}
		row(emptied, m, note)
	}
	var also []string
	if f.AttemptTexts > 0 {
		also = append(also, say("cmd.forget.attempt_texts", "n", f.AttemptTexts))
	}
	for _, job := range f.JobRuns {
		also = append(also, say("cmd.forget.job_error", "job", job))
	}
	if f.OptOutNotes > 0 {
		also = append(also, say("cmd.forget.optout_notes", "n", f.OptOutNotes))
	}
	if f.ReplyTexts > 0 {
		also = append(also, say("cmd.forget.reply_texts", "n", f.ReplyTexts))
	}
	if len(also) > 0 {
		fmt.Fprintf(out, "  %s: %s\n", emptied, strings.Join(also, ", "))
	}
	if f.Replies > 0 || f.Consents > 0 {
		fmt.Fprintln(out, "  "+say("cmd.forget.replies", "what", deleted, "replies", f.Replies, "consents", f.Consents))
	}
	for _, l := range f.Left {
		fmt.Fprintln(out, "  "+say("cmd.forget.kept", "what", lang.Reason(l)))
	}
	switch {
	case dry:
		fmt.Fprintln(out, say("cmd.forget.dry_run"))
		return
	case f.AlreadySuppressed:
		fmt.Fprintln(out, say("cmd.forget.already"))
	default:
		fmt.Fprintln(out, say("cmd.forget.hashed"))
	}
	fmt.Fprintln(out, say("cmd.forget.allow_again"))
	if f.Vacuumed {
		fmt.Fprintln(out, say("cmd.forget.vacuumed"))
	}
	if f.WALBusy {
		fmt.Fprintln(out, say("cmd.forget.wal_busy"))
	}
}

func newOptOutCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "optout",
		Short: g.h("help.optout"),
	}
	var note string
	var listJSON bool
	add := &cobra.Command{
		Use:   "add " + g.h("help.arg.recipient"),
		Short: g.h("help.optout.add"),
		Args:  exactArgs(g, 1, "optout add +905321234567 | name@example.com"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withRecipient(cmd, g, args[0], func(s *outbox.Store, to string) error {
				if err := s.OptOut(cmd.Context(), to, note); err != nil {
					return err
				}
				fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.optout.added", "who", mapping.MaskRecipient(to)))
				return nil
			})
		},
	}
	add.Flags().StringVar(&note, "note", "", g.h("help.optout.add.note"))
	remove := &cobra.Command{
		Use:   "remove " + g.h("help.arg.recipient"),
		Short: g.h("help.optout.remove"),
		Args:  exactArgs(g, 1, "optout remove +905321234567 | name@example.com"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withRecipient(cmd, g, args[0], func(s *outbox.Store, to string) error {
				removed, err := s.OptIn(cmd.Context(), to)
				if err != nil {
					return err
				}
				if !removed {
					return &usageError{g.say("cmd.optout.not_listed", "who", mapping.MaskRecipient(to))}
				}
				fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.optout.removed", "who", mapping.MaskRecipient(to)))
				return nil
			})
		},
	}
	list := &cobra.Command{
		Use:   "list",
		Short: g.h("help.optout.list"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			entries, err := s.OptOuts(cmd.Context())
			if err != nil {
				return err
			}
			if listJSON {
				l := optOutListJSON{OptedOut: []optOutJSON{}}
				for _, e := range entries {
					l.OptedOut = append(l.OptedOut, optOutJSON{Recipient: e.Recipient, Channel: e.Channel, Scope: string(e.Scope),
						Source: string(e.Source), Added: e.Added, Note: e.Note})
				}
				if l.Forgotten, err = s.Suppressions(cmd.Context()); err != nil {
					return err
				}
				return writeJSON(cmd.OutOrStdout(), l)
			}
			printOptOuts(cmd.OutOrStdout(), g, entries)
			fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.optout.count", "n", len(entries)))
			if n, err := s.Suppressions(cmd.Context()); err == nil && n > 0 {
				fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.optout.forgotten", "n", n))
			}
			return nil
		},
	}
	jsonFlag(g, list, &listJSON)
	var yes bool
	reset := &cobra.Command{
		Use:   "reset-forgotten --yes",
		Short: g.h("help.optout.reset"),
		Long:  g.h("help.optout.reset.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !yes {
				return &usageError{g.say("cmd.optout.reset_needs_yes")}
			}
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			n, err := s.ResetSuppressions(cmd.Context())
			if err != nil {
				return err
			}
			fmt.Fprintln(cmd.OutOrStdout(), g.say("cmd.optout.reset_done", "n", n))
			return nil
		},
	}
	reset.Flags().BoolVar(&yes, "yes", false, g.h("help.optout.reset.yes"))
	cmd.AddCommand(add, remove, list, reset)
	return cmd
}

// printOptOuts writes the opt-out list, one entry a line: who, on which
// channel, which messages, from where, since when, and the note. The
// columns are as wide as their longest word in the reader's language.
func printOptOuts(out io.Writer, g *globals, entries []outbox.OptOutEntry) {
	if len(entries) == 0 {
		return
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", g.say("cmd.col.recipient"), g.say("cmd.col.channel"), g.say("cmd.col.scope"),
		g.say("cmd.col.source"), g.say("cmd.col.added"), g.say("cmd.col.note"))
	for _, e := range entries {
		r := struct{ ch, scope, source string }{ch: e.Channel, scope: string(e.Scope), source: string(e.Source)}
		if r.ch == outbox.EveryChannel {
			r.ch = g.say("cmd.optout.every_channel")
		}
		if k := catalog.Key("cmd.optout.scope." + r.scope); catalog.Has(k) {
			r.scope = g.say(k)
		}
		if k := catalog.Key("cmd.optout.source." + r.source); catalog.Has(k) {
			r.source = g.say(k)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.Recipient, r.ch, r.scope, r.source, stamp(e.Added, g.zone()), oneLine(e.Note, 80))
	}
	tw.Flush()
}

func withRecipient(cmd *cobra.Command, g *globals, raw string, fn func(*outbox.Store, string) error) error {
	to, err := normalizeRecipient(raw)
	if err != nil {
		return &usageError{g.say("cmd.privacy.not_address", "value", fmt.Sprintf("%q", raw), "reason", addressReason(g, raw, err))}
	}
	s, err := openStore(cmd.Context(), g)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s, to)
}

// addressReason says in the reader's language why what the dealer typed is not an address. The
// reason names the number masked, as it does in logs; here it is the
// dealer's own input on their own terminal, so it is shown as typed.
func addressReason(g *globals, raw string, err error) string {
	if r := mapping.SkipReason(err); !r.IsZero() {
		if _, ok := r.Args["number"]; ok {
			args := maps.Clone(r.Args)
			args["number"] = strings.TrimSpace(raw)
			r.Args = args
		}
		return g.language().Reason(r)
	}
	return err.Error()
}

// spanText says a span as a reader does ("1 gün", "36 saat", "90 dakika"),
// not as the --since flag takes it ("1d").
func spanText(g *globals, d time.Duration) string {
	switch {
	case d >= 24*time.Hour && d%(24*time.Hour) == 0:
		return g.say("cmd.span.days", "n", int64(d/(24*time.Hour)))
	case d >= time.Hour && d%time.Hour == 0:
		return g.say("cmd.span.hours", "n", int64(d/time.Hour))
	}
	return g.say("cmd.span.minutes", "n", int64(d.Round(time.Minute)/time.Minute))
}
