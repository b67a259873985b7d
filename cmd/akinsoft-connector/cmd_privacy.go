package main

import (
	"context"
	"fmt"
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
// address, and returns the form stored in the outbox.
func normalizeRecipient(s string) (string, error) {
	if strings.Contains(s, "@") {
		return mapping.NormalizeEmail(s)
	}
	return mapping.NormalizeMobile(s, mapping.DefaultRegion)
}

func newAuditCmd(g *globals) *cobra.Command {
	var since config.Duration
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
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "%-19s  %-8s  %-28s  %-18s  %8s  %8s  %s\n", "TIME", "CHANNEL", "HOST", "RECIPIENT", "BYTES↑", "BYTES↓", "OUTCOME")
			for _, r := range rows {
				fmt.Fprintf(out, "%-19s  %-8s  %-28s  %-18s  %8d  %8d  %s\n", r.At.Local().Format("2006-01-02 15:04:05"),
					r.Channel, r.Host, r.Recipient, r.BytesOut, r.BytesIn, r.Outcome)
			}
			fmt.Fprintf(out, "%d request(s) in the last %s\n", len(rows), since)
			return nil
		},
	}
	since = config.Duration(24 * time.Hour)
	cmd.Flags().Var(&since, "since", "how far back, e.g. 24h, 7d")
	return cmd
}

func newForgetCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "forget PHONE|EMAIL",
		Short: "Erase a person's messages, attempts and audit rows from this machine",
		Args:  exactArgs(1, "forget +905321234567 | name@example.com"),
		RunE: func(cmd *cobra.Command, args []string) error {
			to, err := normalizeRecipient(args[0])
			if err != nil {
				return &usageError{fmt.Sprintf("%q is neither a mobile number nor an e-mail address: %v", args[0], err)}
			}
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			f, err := s.Forget(cmd.Context(), to)
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "forgot %s: %d message(s), %d send attempt(s), %d audit row(s)%s\n",
				mapping.MaskRecipient(to), f.Messages, f.Attempts, f.Audit, map[bool]string{true: ", and the opt-out entry", false: ""}[f.OptOut])
			fmt.Fprintln(cmd.OutOrStdout(), "Note: new rows in the ERP database can create new messages; add them to the opt-out list to stop that.")
			return nil
		},
	}
}

func newOptOutCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "optout",
		Short: "Manage the list of people who must not be messaged (checked before every send)",
	}
	var note string
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
					return fmt.Errorf("%s is not on the opt-out list", mapping.MaskRecipient(to))
				}
				fmt.Fprintf(cmd.OutOrStdout(), "%s removed from the opt-out list\n", mapping.MaskRecipient(to))
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
			for _, e := range entries {
				fmt.Fprintf(cmd.OutOrStdout(), "%-32s %s  %s\n", e.Recipient, e.Added.Local().Format("2006-01-02"), e.Note)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "%d recipient(s) opted out\n", len(entries))
			return nil
		},
	}
	cmd.AddCommand(add, remove, list)
	return cmd
}

func withRecipient(cmd *cobra.Command, g *globals, raw string, fn func(*outbox.Store, string) error) error {
	to, err := normalizeRecipient(raw)
	if err != nil {
		return &usageError{fmt.Sprintf("%q is neither a mobile number nor an e-mail address: %v", raw, err)}
	}
	s, err := openStore(cmd.Context(), g)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s, to)
}
