package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
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
	return outbox.Open(ctx, connector.OutboxPath(cfg))
}

// normalizeRecipient accepts a phone number as people write it or an e-mail
// address in any case, and returns the form stored in the outbox.
func normalizeRecipient(s string) (string, error) { return mapping.ParseAddress(s) }

func newAuditCmd(g *globals) *cobra.Command {
	var since config.Duration
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "audit",
		Short: "List every request that left this machine: time, host, channel, masked recipient, bytes, outcome",
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
			fmt.Fprintf(out, "%-26s  %-8s  %-28s  %-18s  %8s  %8s  %s\n", "TIME", "CHANNEL", "HOST", "RECIPIENT", "BYTES↑", "BYTES↓", "OUTCOME")
			for _, r := range rows {
				fmt.Fprintf(out, "%-26s  %-8s  %-28s  %-18s  %8d  %8d  %s\n", stamp(r.At, loc),
					r.Channel, r.Host, r.Recipient, r.BytesOut, r.BytesIn, r.Outcome)
			}
			fmt.Fprintf(out, "%d request(s) in the last %s\n", len(rows), since)
			return nil
		},
	}
	since = config.Duration(24 * time.Hour)
	cmd.Flags().Var(&since, "since", "how far back, e.g. 24h, 7d")
	jsonFlag(cmd, &asJSON)
	return cmd
}

func newForgetCmd(g *globals) *cobra.Command {
	var dryRun bool
	cmd := &cobra.Command{
		Use:   "forget PHONE|EMAIL",
		Short: "Erase everything stored about a person on this machine; their refusal is kept as a keyed hash",
		Long: `Erase everything stored about a person on this machine: messages to them (on every channel,
also those still waiting), their send attempts and audit rows, their opt-out entry, and the text of
any other message or error that names them (a webhook body, an e-mail quoting the number). The
deleted bytes are overwritten in the outbox file and its write-ahead log.

The number may be written in any spelling (+90 533 234 56 78, 0533 234-5678, 5332345678, ...) and
the e-mail address in any case. What the law needs is kept without a readable address: a keyed hash
that keeps the person from being messaged again when the ERP names them. ` + "`optout remove`" + ` lifts it.

--dry-run lists what would go and changes nothing.`,
		Args: exactArgs(1, "forget [--dry-run] +905321234567 | name@example.com"),
		RunE: func(cmd *cobra.Command, args []string) error {
			to, err := normalizeRecipient(args[0])
			if err != nil {
				return &usageError{fmt.Sprintf("%q is neither a phone number nor an e-mail address: %v", args[0], err)}
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
			printForgotten(cmd.OutOrStdout(), g.zone(), mapping.MaskRecipient(to), f, dryRun)
			return nil
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "list what would be erased, change nothing")
	return cmd
}

func printForgotten(out io.Writer, loc *time.Location, who string, f outbox.Forgotten, dry bool) {
	verb, deleted, emptied := "forgot", "deleted", "emptied"
	if dry {
		verb, deleted, emptied = "would forget", "would delete", "would empty"
	}
	optout := ""
	if f.OptOut {
		optout = ", and the opt-out entry"
	}
	fmt.Fprintf(out, "%s %s: %d message(s), %d send attempt(s), %d audit row(s)%s\n",
		verb, who, len(f.Messages), f.Attempts, f.Audit, optout)
	row := func(what string, m outbox.ForgottenMessage, note string) {
		fmt.Fprintf(out, "  %-12s #%-6d %s  %-16s %-8s %-9s%s\n", what, m.ID, stamp(m.Created, loc),
			m.Job, m.Channel, m.Status, note)
	}
	for _, m := range f.Messages {
		note := ""
		if m.Purged {
			note = "  (text already purged)"
		}
		row(deleted, m, note)
	}
	for _, m := range f.Mentioned {
		note := "  (to another address; its text names this person"
		switch m.Status {
		case outbox.StatusPending, outbox.StatusStandby, outbox.StatusUncertain, outbox.StatusHeld:
			note += "; not sent yet: cancelled)"
		default:
			note += ")"
		}
		row(emptied, m, note)
	}
	var also []string
	if f.AttemptTexts > 0 {
		also = append(also, fmt.Sprintf("%d error text(s) of other messages' send attempts", f.AttemptTexts))
	}
	for _, job := range f.JobRuns {
		also = append(also, "the last error of job "+job)
	}
	if f.OptOutNotes > 0 {
		also = append(also, fmt.Sprintf("%d note(s) of other opt-out entries", f.OptOutNotes))
	}
	if f.ReplyTexts > 0 {
		also = append(also, fmt.Sprintf("%d other customers' replies that name this person", f.ReplyTexts))
	}
	if len(also) > 0 {
		fmt.Fprintf(out, "  %s: %s\n", emptied, strings.Join(also, ", "))
	}
	if f.Replies > 0 || f.Consents > 0 {
		fmt.Fprintf(out, "  %s: %d of their replies, %d cached İYS answer(s) about them\n", deleted, f.Replies, f.Consents)
	}
	for _, l := range f.Left {
		fmt.Fprintf(out, "  kept: %s\n", l)
	}
	switch {
	case dry:
		fmt.Fprintln(out, "Dry run: nothing was changed. Without --dry-run the address is then kept only as a keyed hash, so it is not messaged again on any channel.")
		return
	case f.AlreadySuppressed:
		fmt.Fprintln(out, "This address had been forgotten before; it stays refused on every channel.")
	default:
		fmt.Fprintln(out, "The address is kept only as a keyed hash, so it is not messaged again on any channel, even when the ERP names it again.")
	}
	fmt.Fprintln(out, "To allow messages to it again: akinsoft-connector optout remove ADDRESS")
	if f.Vacuumed {
		fmt.Fprintln(out, "The outbox file was rewritten once, to clear space freed before this version.")
	}
	if f.WALBusy {
		fmt.Fprintln(out, "Warning: another process (the service?) was reading the outbox, so its write-ahead log "+
			"(outbox.db-wal) may still hold the old pages. Run the same forget again in a minute, or with the service stopped.")
	}
}

func newOptOutCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "optout",
		Short: "Manage the list of people who must not be messaged (checked before every send)",
	}
	var note string
	var listJSON bool
	add := &cobra.Command{
		Use:   "add PHONE|EMAIL",
		Short: "Never message this recipient again",
		Args:  exactArgs(1, "optout add +905321234567 | name@example.com"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withRecipient(cmd, g, args[0], func(s *outbox.Store, to string) error {
				if err := s.OptOut(cmd.Context(), to, note); err != nil {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s added to the opt-out list\n", mapping.MaskRecipient(to))
				return nil
			})
		},
	}
	add.Flags().StringVar(&note, "note", "", "why (e.g. \"asked by phone on 25.11.2026\")")
	remove := &cobra.Command{
		Use:   "remove PHONE|EMAIL",
		Short: "Allow messages to this recipient again",
		Args:  exactArgs(1, "optout remove +905321234567 | name@example.com"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return withRecipient(cmd, g, args[0], func(s *outbox.Store, to string) error {
				removed, err := s.OptIn(cmd.Context(), to)
				if err != nil {
					return err
				}
				if !removed {
					return fmt.Errorf("%s is not on the opt-out list and was not forgotten", mapping.MaskRecipient(to))
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s removed from the opt-out list: messages to it are allowed again\n", mapping.MaskRecipient(to))
				return nil
			})
		},
	}
	list := &cobra.Command{
		Use:   "list",
		Short: "Show the opt-out list",
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
			for _, e := range entries {
				ch := e.Channel
				if ch == outbox.EveryChannel {
					ch = "all"
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%-32s %-8s %-10s %-8s %s  %s\n", e.Recipient, ch, e.Scope, e.Source, stamp(e.Added, g.zone()), e.Note)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d recipient(s) opted out\n", len(entries))
			if n, err := s.Suppressions(cmd.Context()); err == nil && n > 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "%d forgotten address(es) refused too, kept only as keyed hashes (not shown)\n", n)
			}
			return nil
		},
	}
	jsonFlag(list, &listJSON)
	var yes bool
	reset := &cobra.Command{
		Use:   "reset-forgotten --yes",
		Short: "Drop the refusals of forgotten people, when the key file suppression.key is lost for good",
		Long: `Forgotten people are refused by a keyed hash of their address; its key is suppression.key in the
state folder. Without that file no hash can be checked, so nothing is sent at all. Restore it from a
backup of the state folder if you can. If it is lost for good, this drops the hashes: the people who
were forgotten can then be messaged again when the ERP names them (add them with optout add if you
know their addresses).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if !yes {
				return &usageError{"reset-forgotten drops every forgotten person's refusal; run it with --yes if that is what you want"}
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
			fmt.Fprintf(cmd.OutOrStdout(), "dropped %d forgotten address(es); sending resumes\n", n)
			return nil
		},
	}
	reset.Flags().BoolVar(&yes, "yes", false, "confirm")
	cmd.AddCommand(add, remove, list, reset)
	return cmd
}

func withRecipient(cmd *cobra.Command, g *globals, raw string, fn func(*outbox.Store, string) error) error {
	to, err := normalizeRecipient(raw)
	if err != nil {
		return &usageError{fmt.Sprintf("%q is neither a phone number nor an e-mail address: %v", raw, err)}
	}
	s, err := openStore(cmd.Context(), g)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s, to)
}
