package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
)

// rereadAllOptions are `messages reread --skipped` and what narrows it.
type rereadAllOptions struct {
	skipped, dryRun       bool
	job, channel, problem string
}

func (o rereadAllOptions) filter() status.RereadFilter {
	return status.RereadFilter{Job: o.job, Channel: o.channel, Problem: o.problem}
}

// checkJob refuses a --job or --channel the config does not have: a typing
// error would read nothing and say only that there is nothing to read.
func (o rereadAllOptions) checkJob(g *globals, cfg *config.Config) error {
	if jobs := jobNames(cfg); o.job != "" && !slices.Contains(jobs, o.job) {
		return &usageError{g.say("cmd.messages.reread.bad_job", "value", strconv.Quote(o.job), "jobs", strings.Join(jobs, ", "))}
	}
	channels := slices.Sorted(maps.Keys(cfg.Channels.ByName()))
	if o.channel != "" && !slices.Contains(channels, o.channel) {
		return &usageError{g.say("cmd.messages.reread.bad_channel", "value", strconv.Quote(o.channel), "channels", strings.Join(channels, ", "))}
	}
	return nil
}

// rereadDryRun lists the messages `reread --skipped` would read again, as
// `messages list` shows them; it reads no Wolvox and changes nothing.
func rereadDryRun(cmd *cobra.Command, g *globals, s *outbox.Store, f status.RereadFilter) error {
	out := cmd.OutOrStdout()
	lang := g.language()
	loc := g.zone()
	n := 0
	err := status.EachRereadable(cmd.Context(), s, f, func(m outbox.Message) error {
		if n == 0 {
			h := func(key catalog.Key) string { return lang.Text(key, nil) }
			fmt.Fprintf(out, "%-7s  %-26s  %-8s  %-16s  %-*s  %s\n", h("cmd.col.id"), h("cmd.col.created"), h("cmd.col.channel"),
				h("cmd.col.job"), aboutWidth, h("cmd.col.about"), h("cmd.col.reason"))
		}
		n++
		v := status.View(m)
		fmt.Fprintf(out, "%-7d  %-26s  %-8s  %-16s  %-*s  %s\n", v.ID, stamp(v.Created, loc), v.Channel, v.Job,
			aboutWidth, aboutCell(lang, v), oneLine(v.ReasonIn(string(lang)), 120))
		return nil
	})
	if err != nil {
		return err
	}
	if n == 0 {
		fmt.Fprintln(out, g.say("cmd.messages.reread.none"))
		return nil
	}
	fmt.Fprintln(out, g.say("cmd.messages.reread.dry_total", "n", n))
	return nil
}

// rereadAll reads again every message f chooses, a page of the outbox at a
// time, each refusal said on its own line and the rest going on; the
// summary says how many are queued, how many stay skipped and for what,
// how many were refused and why. Any refusal fails the command, as in the
// form with IDs and by the same rule: exit 2 when every refusal is the
// message's own (refusedAsGiven: the same command is refused again until
// Wolvox, the message or the config changes), 1 when any is not (a
// database that could not be read: the next try may pass).
func rereadAll(cmd *cobra.Command, g *globals, s *outbox.Store, r *connector.Rereader, f status.RereadFilter) error {
	ctx := cmd.Context()
	out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
	// Counted first, a page at a time, for the bar and for "none".
	total := 0
	if err := status.EachRereadable(ctx, s, f, func(outbox.Message) error { total++; return nil }); err != nil {
		return err
	}
	if total == 0 {
		fmt.Fprintln(out, g.say("cmd.messages.reread.none"))
		return nil
	}
	var p progressView = noProgress{}
	if total > 1 {
		p = newProgress(errOut, total, g.say("cmd.messages.reread.progress"))
	}
	asGiven := 0
	t, err := r.RereadAll(ctx, f, func(o connector.RereadOutcome) {
		if o.Err != nil {
			if refusedAsGiven(o.Err) {
				asGiven++
			}
			p.clear()
			fmt.Fprintln(errOut, g.say("cmd.messages.refused_one", "id", o.Message.ID, "err", o.Err))
		}
		p.add()
	})
	p.finish()
	writeRereadTally(g, out, t)
	if err != nil {
		fmt.Fprintln(errOut, g.say("cmd.messages.reread.stopped"))
		return err
	}
	if n := t.RefusedCount(); n > 0 {
		if asGiven == n {
			return &usageError{g.say("cmd.messages.reread.failed", "failed", n, "n", t.Read())}
		}
		return g.sayErr("cmd.messages.reread.failed", "failed", n, "n", t.Read())
	}
	return nil
}

// writeRereadTally is the summary of a bulk re-read.
func writeRereadTally(g *globals, out io.Writer, t status.RereadTally) {
	fmt.Fprintln(out, g.say("cmd.messages.reread.summary", "n", t.Read()))
	fmt.Fprintln(out, "  "+g.say("cmd.messages.reread.sum_pending", "n", t.Pending))
	if n := t.StillCount(); n > 0 {
		fmt.Fprintln(out, "  "+g.say("cmd.messages.reread.sum_still", "n", n))
		for _, kind := range t.StillKinds() {
			fmt.Fprintln(out, "    "+g.say(catalog.Key("statuspage.fix."+kind+".title"), "n", t.Still[kind]))
		}
	}
	if n := t.RefusedCount(); n > 0 {
		fmt.Fprintln(out, "  "+g.say("cmd.messages.reread.sum_refused", "n", n))
		for _, why := range t.RefusedWhys() {
			fmt.Fprintln(out, "    "+g.say(catalog.Key("cmd.messages.reread.why."+why), "n", t.Refused[why]))
		}
	}
}
