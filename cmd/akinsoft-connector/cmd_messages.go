package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

func newMessagesCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "messages",
		Short: g.h("help.messages"),
	}
	cmd.AddCommand(newMessagesListCmd(g), newMessagesRetryCmd(g), newMessagesRereadCmd(g), newMessagesCancelCmd(g))
	return cmd
}

func newMessagesListCmd(g *globals) *cobra.Command {
	var f outbox.Filter
	var since config.Duration
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: g.h("help.messages.list"),
		Example: `  akinsoft-connector messages list --status ` + g.h("help.messages.list.example_status") + ` --since 24h
  akinsoft-connector messages list --channel sms --job new-invoices`,
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
			lang := g.language()
			h := func(key catalog.Key) string { return lang.Text(key, nil) }
			fmt.Fprintf(out, "%-7s  %-26s  %-8s  %-16s  %-*s  %-16s  %-17s  %3s  %s\n", h("cmd.col.id"), h("cmd.col.created"), h("cmd.col.channel"),
				h("cmd.col.job"), aboutWidth, h("cmd.col.about"), h("cmd.col.recipient"), h("cmd.col.status"), h("cmd.col.try"), h("cmd.col.reason"))
			for _, m := range ms {
				v := status.View(m)
				fmt.Fprintf(out, "%-7d  %-26s  %-8s  %-16s  %-*s  %-16s  %-17s  %3d  %s\n", v.ID, stamp(v.Created, loc),
					v.Channel, v.Job, aboutWidth, aboutCell(lang, v), v.To, stateName(lang, v.Status), v.Attempts, oneLine(v.ReasonIn(string(lang)), 120))
			}
			if len(ms) == outbox.ListLimit(f.Limit) {
				fmt.Fprintln(out, g.say("cmd.messages.count_limit", "n", len(ms)))
			} else {
				fmt.Fprintln(out, g.say("cmd.messages.count", "n", len(ms)))
			}
			return nil
		},
	}
	cmd.Flags().Var(statusValue{&f.Status}, "status", catalog.M("help.messages.list.status", "names", stateNames()).In(g.help))
	cmd.Flags().StringVar(&f.Channel, "channel", "", g.h("help.messages.channel"))
	cmd.Flags().StringVar(&f.Job, "job", "", g.h("help.messages.job"))
	cmd.Flags().Var(&since, "since", g.h("help.messages.list.since"))
	countVar(cmd.Flags(), &f.Limit, "limit", 100, 1, g.h("help.messages.list.limit"))
	jsonFlag(g, cmd, &asJSON)
	return cmd
}

// aboutWidth is the widest the tables' ABOUT column gets, in characters:
// an invoice number and a customer's name ("2024-117 · Ayşe Yılmaz") fit;
// a longer name is cut between words, ending in "…" (--json has it whole).
const aboutWidth = 30

// aboutCell is what a message is about, as the status page names it
// without the kind of record (the job says it): its invoice number and
// customer ("2024-117 · Ayşe Yılmaz"), or its record key for one stored
// before labels existed or emptied by the retention purge ("Kayıt 4711"),
// on one line of at most aboutWidth characters.
func aboutCell(lang catalog.Lang, v status.MessageView) string {
	s := v.About
	if s == "" {
		s = catalog.M("statuspage.record", "key", v.Record).In(lang)
	}
	r := []rune(s)
	for i, c := range r {
		if unicode.IsControl(c) { // a tab or a line break in an ERP name would break the table
			r[i] = ' '
		}
	}
	if len(r) > aboutWidth {
		// Cut between words where a word would be cut, unless that leaves
		// too little.
		r = r[:aboutWidth-1]
		if i := lastIndex(r, ' '); i > aboutWidth/2 && r[len(r)-1] != ' ' {
			r = r[:i]
		}
		r = append([]rune(strings.TrimRight(string(r), " ·")), '…')
	}
	return string(r)
}

func lastIndex(r []rune, c rune) int {
	for i := len(r) - 1; i >= 0; i-- {
		if r[i] == c {
			return i
		}
	}
	return -1
}

// statusValue is --status, a message state by the outbox's name for it
// (what scripts and --json use) or by the name the listing shows, in
// Turkish or English, in any case and typed on any keyboard:
// "gönderildi", "GÖNDERİLDİ", "gonderildi", "Sent", "iptal edildi".
type statusValue struct{ to *outbox.Status }

func (v statusValue) String() string { return string(*v.to) }
func (v statusValue) Type() string   { return "string" }

func (v statusValue) Set(s string) error {
	st, ok := parseStatus(s)
	if !ok {
		return catalog.Errorf("cmd.messages.bad_status", "names", stateNames())
	}
	*v.to = st
	return nil
}

// parseStatus is the state s names; an empty s is none (every state).
func parseStatus(s string) (outbox.Status, bool) {
	if strings.TrimSpace(s) == "" {
		return "", true
	}
	// Folded by Turkish rules (I is ı, İ is i) and to plain letters, so
	// BAŞARISIZ, Başarısız and basarisiz are one name; words are compared,
	// not the spaces, dashes or underscores between them.
	fold := func(s string) string { return strings.Join(mapping.FoldWords(s), " ") }
	want := fold(s)
	for _, st := range outbox.Statuses {
		k := stateKey(st)
		for _, name := range []string{string(st), catalog.TR.Text(k, nil), catalog.EN.Text(k, nil)} {
			if fold(name) == want {
				return st, true
			}
		}
	}
	return "", false
}

// stateNames are the names of the states as the listing shows them, in the
// reader's language.
func stateNames() catalog.Msg {
	names := make([]catalog.Msg, len(outbox.Statuses))
	for i, st := range outbox.Statuses {
		names[i] = catalog.M(stateKey(st))
	}
	return catalog.Join(", ", names...)
}

func newMessagesRetryCmd(g *globals) *cobra.Command {
	var all bool
	var since config.Duration
	var channel string
	cmd := &cobra.Command{
		Use:   "retry " + g.h("help.arg.ids") + " | retry --all-failed [--since 24h] [--channel sms]",
		Short: g.h("help.messages.retry"),
		Long:  g.h("help.messages.retry.long"),
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case all && len(args) > 0:
				return &usageError{g.say("cmd.messages.ids_or_all")}
			case !all && len(args) == 0:
				return &usageError{g.say("cmd.messages.ids_needed")}
			}
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			ids, err := parseIDs(g, args)
			if err != nil {
				return err
			}
			if all {
				f := outbox.Filter{Status: outbox.StatusFailed, Channel: channel}
				if since > 0 {
					f.Since = time.Now().Add(-since.Std())
				}
				return retryAllFailed(cmd, g, s, f)
			}
			return applyAll(cmd, g, "retry", ids, s.Retry)
		},
	}
	cmd.Flags().BoolVar(&all, "all-failed", false, g.h("help.messages.retry.all"))
	cmd.Flags().Var(&since, "since", g.h("help.messages.retry.since"))
	cmd.Flags().StringVar(&channel, "channel", "", g.h("help.messages.retry.channel"))
	return cmd
}

// newMessagesRereadCmd reads messages' records again from Wolvox
// (connector.Rereader), beside a running service as retry works beside it:
// the messages named, or with --skipped every one a correction in Wolvox
// can mend (cmd_reread.go).
func newMessagesRereadCmd(g *globals) *cobra.Command {
	var o rereadAllOptions
	cmd := &cobra.Command{
		Use:   "reread " + g.h("help.arg.ids") + " | reread " + g.h("help.arg.reread_skipped"),
		Short: g.h("help.messages.reread"),
		Long:  g.h("help.messages.reread.long"),
		Example: `  akinsoft-connector messages reread 4711
  akinsoft-connector messages reread --skipped --problem no_mobile --dry-run
  akinsoft-connector messages reread --skipped --job new-invoices --channel sms`,
		RunE: func(cmd *cobra.Command, args []string) error {
			narrowed := o.job != "" || o.channel != "" || o.problem != "" || o.dryRun
			switch {
			case len(args) > 0 && (o.skipped || narrowed):
				return &usageError{g.say("cmd.messages.reread.ids_or_skipped")}
			case len(args) == 0 && !o.skipped && narrowed:
				return &usageError{g.say("cmd.messages.reread.needs_skipped")}
			case len(args) == 0 && !o.skipped:
				return &usageError{g.say("cmd.messages.reread.ids_needed")}
			case o.problem != "" && !status.IsRereadKind(o.problem):
				return &usageError{g.say("cmd.messages.reread.bad_problem", "value", strconv.Quote(o.problem), "kinds", strings.Join(status.RereadKinds(), ", "))}
			}
			ids, err := parseIDs(g, args)
			if err != nil {
				return err
			}
			cfg, err := loadConfig(g)
			if err != nil {
				return err
			}
			if o.skipped {
				if err := o.checkJob(g, cfg); err != nil {
					return err
				}
			}
			s, err := connector.OpenStore(cmd.Context(), cfg)
			if err != nil {
				return err
			}
			defer s.Close()
			if o.dryRun {
				return rereadDryRun(cmd, g, s, o.filter())
			}
			r, closeSources, err := connector.OpenRereader(cfg, s, nil)
			if err != nil {
				return err
			}
			defer closeSources()
			if o.skipped {
				return rereadAll(cmd, g, s, r, o.filter())
			}
			out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
			failed, refused := 0, 0
			for _, id := range ids {
				st, why, err := r.Reread(cmd.Context(), id)
				switch {
				case err != nil:
					failed++
					if refusedAsGiven(err) {
						refused++
					}
					fmt.Fprintln(errOut, g.say("cmd.messages.refused_one", "id", id, "err", err))
				case st == outbox.StatusPending:
					fmt.Fprintln(out, g.say("cmd.messages.reread.queued", "id", id))
				default:
					fmt.Fprintln(out, g.say("cmd.messages.reread.still", "id", id, "reason", g.language().Reason(why)))
				}
			}
			switch {
			case failed > 0 && refused == failed:
				return &usageError{g.say("cmd.messages.reread.failed", "failed", failed, "n", len(ids))}
			case failed > 0:
				return g.sayErr("cmd.messages.reread.failed", "failed", failed, "n", len(ids))
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.BoolVar(&o.skipped, "skipped", false, g.h("help.messages.reread.skipped"))
	fl.StringVar(&o.job, "job", "", g.h("help.messages.reread.job"))
	fl.StringVar(&o.channel, "channel", "", g.h("help.messages.reread.channel"))
	fl.StringVar(&o.problem, "problem", "", catalog.M("help.messages.reread.problem", "kinds", strings.Join(status.RereadKinds(), ", ")).In(g.help))
	fl.BoolVar(&o.dryRun, "dry-run", false, g.h("help.messages.reread.dry_run"))
	return cmd
}

func newMessagesCancelCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "cancel " + g.h("help.arg.ids"),
		Short: g.h("help.messages.cancel"),
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ids, err := parseIDs(g, args)
			if err != nil {
				return err
			}
			s, err := openStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer s.Close()
			return applyAll(cmd, g, "cancel", ids, s.Cancel)
		},
	}
}

func parseIDs(g *globals, args []string) ([]int64, error) {
	ids := make([]int64, 0, len(args))
	for _, a := range args {
		id, err := strconv.ParseInt(a, 10, 64)
		if err != nil || id <= 0 {
			return nil, &usageError{g.say("cmd.messages.bad_id", "value", fmt.Sprintf("%q", a))}
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// applyAll runs an operator action (retry, cancel) on each message,
// reporting each refusal and showing progress when there are many.
func applyAll(cmd *cobra.Command, g *globals, action string, ids []int64, fn func(context.Context, int64) error) error {
	out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
	t := actionTally{g: g, action: action}
	if len(ids) == 0 {
		fmt.Fprintln(out, g.say(t.key("none")))
		return nil
	}
	var p progressView = noProgress{}
	if len(ids) > 1 {
		p = newProgress(errOut, len(ids), g.say(t.key("progress")))
	}
	for _, id := range ids {
		err := fn(cmd.Context(), id)
		if err != nil {
			p.clear()
			fmt.Fprintln(errOut, g.say("cmd.messages.refused_one", "id", id, "err", err))
		}
		t.add(err)
		p.add()
	}
	p.finish()
	t.summary(out)
	return t.exit()
}

// retryAllFailed is retry --all-failed: every failed message f chooses,
// queued again a page of the outbox at a time, each page in one
// transaction (outbox.RetryFailed), in ascending ID order. Only a page's
// IDs are in memory, not a list of the whole outbox (hundreds of thousands
// after a provider's outage); it is told as applyAll tells a list of IDs.
func retryAllFailed(cmd *cobra.Command, g *globals, s *outbox.Store, f outbox.Filter) error {
	out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
	t := actionTally{g: g, action: "retry"}
	total, err := s.Count(cmd.Context(), f)
	if err != nil {
		return err
	}
	if total == 0 {
		fmt.Fprintln(out, g.say(t.key("none")))
		return nil
	}
	var p progressView = noProgress{}
	if total > 1 {
		p = newProgress(errOut, total, g.say(t.key("progress")))
	}
	err = s.RetryFailed(cmd.Context(), f, func(id int64, refused error) {
		if refused != nil {
			p.clear()
			fmt.Fprintln(errOut, g.say("cmd.messages.refused_one", "id", id, "err", refused))
		}
		t.add(refused)
		p.add()
	})
	p.finish()
	if err != nil {
		if t.n > 0 {
			t.summary(out)
		}
		fmt.Fprintln(errOut, g.say("cmd.messages.retry.stopped"))
		return err
	}
	t.summary(out)
	return t.exit()
}

// actionTally counts what came of an operator action on many messages.
type actionTally struct {
	g      *globals
	action string // retry, cancel
	// n were handled; failed of them were refused, refused of those as
	// the command named them (refusedAsGiven).
	n, failed, refused int
}

func (t *actionTally) key(what string) catalog.Key {
	return catalog.Key("cmd.messages." + t.action + "." + what)
}

func (t *actionTally) add(err error) {
	t.n++
	if err != nil {
		t.failed++
		if refusedAsGiven(err) {
			t.refused++
		}
	}
}

// summary says how many the action took and how many it refused.
func (t *actionTally) summary(out io.Writer) {
	if t.failed > 0 {
		fmt.Fprintln(out, t.g.say(t.key("done_some"), "n", t.n-t.failed, "failed", t.failed))
		return
	}
	fmt.Fprintln(out, t.g.say(t.key("done"), "n", t.n))
}

// exit is the command's error: none when nothing was refused, a usage
// error (2) when every refusal was as given, else a runtime failure (1).
func (t *actionTally) exit() error {
	switch {
	case t.failed == 0:
		return nil
	case t.refused == t.failed:
		return &usageError{t.g.say(t.key("failed"), "failed", t.failed, "n", t.n)}
	}
	return t.g.sayErr(t.key("failed"), "failed", t.failed, "n", t.n)
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

// refusedAsGiven reports whether err refuses a message as the command named
// it (no such message, one in a state the action does not take, a record
// that no longer makes it, a job or database the config no longer has):
// the same command fails again until something changes, which README's
// exit codes tell apart from a runtime failure (2, not 1), such as a
// database that could not be read. A bulk re-read's refusals are told
// apart by it too.
func refusedAsGiven(err error) bool {
	return errors.Is(err, outbox.ErrNoMessage) || errors.Is(err, outbox.ErrWrongState) || errors.Is(err, poll.ErrNoLongerDue) ||
		status.RereadRefusedAsGiven(err)
}
