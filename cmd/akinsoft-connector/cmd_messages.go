package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

func newMessagesCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "messages",
		Short: "List, retry or cancel messages in the outbox (works while the service runs)",
	}
	cmd.AddCommand(newMessagesListCmd(g), newMessagesRetryCmd(g), newMessagesCancelCmd(g))
	return cmd
}

func newMessagesListCmd(g *globals) *cobra.Command {
	var f outbox.Filter
	var since config.Duration
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List messages, newest first, recipients masked",
		Example: `  akinsoft-connector messages list --status failed --since 24h
  akinsoft-connector messages list --channel sms --job new-invoices`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.Status != "" && !slices.Contains(outbox.Statuses, f.Status) {
				return &usageError{fmt.Sprintf("--status %q: use one of %v", f.Status, outbox.Statuses)}
			}
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			if since > 0 {
				f.Since = time.Now().Add(-since.Std())
			}
			ms, err := s.List(cmd.Context(), f)
			if err != nil {
				return err
			}
			loc := g.zone()
			out := cmd.OutOrStdout()
			if asJSON {
				views := make([]status.MessageView, 0, len(ms))
				for _, m := range ms {
					views = append(views, status.View(m))
				}
				return writeJSON(out, views)
			}
			fmt.Fprintf(out, "%-7s  %-26s  %-8s  %-16s  %-16s  %-9s  %3s  %s\n", "ID", "CREATED", "CHANNEL", "JOB", "RECIPIENT", "STATUS", "TRY", "REASON")
			for _, m := range ms {
				v := status.View(m)
				fmt.Fprintf(out, "%-7d  %-26s  %-8s  %-16s  %-16s  %-9s  %3d  %s\n", v.ID, stamp(v.Created, loc),
					v.Channel, v.Job, v.To, v.Status, v.Attempts, oneLine(v.Reason, 120))
			}
			fmt.Fprintf(out, "%d message(s)", len(ms))
			if len(ms) == f.Limit {
				fmt.Fprintf(out, " (limit reached: use --limit for more)")
			}
			fmt.Fprintln(out)
			return nil
		},
	}
	cmd.Flags().StringVar((*string)(&f.Status), "status", "", "only messages in this state (pending, sent, delivered, read, failed, skipped, uncertain, held, cancelled)")
	cmd.Flags().StringVar(&f.Channel, "channel", "", "only this channel")
	cmd.Flags().StringVar(&f.Job, "job", "", "only this job")
	cmd.Flags().Var(&since, "since", "only messages created in this period, e.g. 24h, 7d (default: all)")
	cmd.Flags().IntVar(&f.Limit, "limit", 100, "at most this many")
	jsonFlag(cmd, &asJSON)
	return cmd
}

func newMessagesRetryCmd(g *globals) *cobra.Command {
	var all bool
	var since config.Duration
	var channel string
	cmd := &cobra.Command{
		Use:   "retry ID... | retry --all-failed [--since 24h] [--channel sms]",
		Short: "Queue failed (or operator-held) messages again",
		Long: `Queue failed or held messages again. The running service sends them at its next
look at the queue (within 15 seconds). A held message may already have reached
the customer: retry it only when you know it did not.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if all == (len(args) > 0) {
				return &usageError{"give message IDs or --all-failed, not both"}
			}
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			ids, err := parseIDs(args)
			if err != nil {
				return err
			}
			if all {
				f := outbox.Filter{Status: outbox.StatusFailed, Channel: channel, Limit: 1 << 30}
				if since > 0 {
					f.Since = time.Now().Add(-since.Std())
				}
				ms, err := s.List(cmd.Context(), f)
				if err != nil {
					return err
				}
				for _, m := range ms {
					ids = append(ids, m.ID)
				}
			}
			return applyAll(cmd, "retry", "queued again", ids, s.Retry)
		},
	}
	cmd.Flags().BoolVar(&all, "all-failed", false, "retry every failed message (narrow with --since and --channel)")
	cmd.Flags().Var(&since, "since", "with --all-failed: only messages created in this period")
	cmd.Flags().StringVar(&channel, "channel", "", "with --all-failed: only this channel")
	return cmd
}

func newMessagesCancelCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "cancel ID...",
		Short: "Cancel pending (or operator-held) messages so they are never sent",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := parseIDs(args)
			if err != nil {
				return err
			}
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			return applyAll(cmd, "cancel", "cancelled", ids, s.Cancel)
		},
	}
}

func parseIDs(args []string) ([]int64, error) {
	ids := make([]int64, 0, len(args))
	for _, a := range args {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			return nil, &usageError{fmt.Sprintf("%q is not a message ID (see: akinsoft-connector messages list)", a)}
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// applyAll runs an operator action on each message, reporting each refusal
// and showing progress when there are many.
func applyAll(cmd *cobra.Command, verb, done string, ids []int64, fn func(context.Context, int64) error) error {
	out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
	if len(ids) == 0 {
		fmt.Fprintln(out, "no messages to "+verb)
		return nil
	}
	var p progressView = noProgress{}
	if len(ids) > 1 {
		p = newProgress(errOut, len(ids), verb)
	}
	failed := 0
	for _, id := range ids {
		if err := fn(cmd.Context(), id); err != nil {
			failed++
			p.clear()
			fmt.Fprintf(errOut, "message %d: %v\n", id, err)
		}
		p.add()
	}
	p.finish()
	fmt.Fprintf(out, "%d message(s) %s", len(ids)-failed, done)
	if failed > 0 {
		fmt.Fprintf(out, ", %d refused (see above)\n", failed)
		return fmt.Errorf("%d of %d message(s) could not %s", failed, len(ids), verb)
	}
	fmt.Fprintln(out)
	return nil
}

// progressView shows a long operation: a bar on a terminal, plain lines
// otherwise (service logs, pipes, CI).
type progressView interface {
	add()
	addN(n int)
	clear()
	finish()
}

type noProgress struct{}

func (noProgress) add()     {}
func (noProgress) addN(int) {}
func (noProgress) clear()   {}
func (noProgress) finish()  {}

func newProgress(w io.Writer, total int, what string) progressView {
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		return &barProgress{progressbar.NewOptions(total, progressbar.OptionSetWriter(w),
			progressbar.OptionSetDescription(what), progressbar.OptionShowCount(), progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())}
	}
	return &lineProgress{w: w, total: total, what: what}
}

type barProgress struct{ b *progressbar.ProgressBar }

func (p *barProgress) add()       { _ = p.b.Add(1) }
func (p *barProgress) addN(n int) { _ = p.b.Add(n) }
func (p *barProgress) clear()     { _ = p.b.Clear() }
func (p *barProgress) finish()    { _ = p.b.Finish() }

// lineProgress prints a line at every tenth of the way.
type lineProgress struct {
	w         io.Writer
	total, n  int
	what      string
	lastTenth int
}

func (p *lineProgress) add() { p.addN(1) }

func (p *lineProgress) addN(n int) {
	p.n += n
	if p.total <= 0 {
		return
	}
	if tenth := p.n * 10 / p.total; tenth > p.lastTenth || p.n == p.total {
		p.lastTenth = tenth
		fmt.Fprintf(p.w, "%s: %d/%d\n", p.what, p.n, p.total)
	}
}
func (p *lineProgress) clear()  {}
func (p *lineProgress) finish() {}
