package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/connector/statement"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

func newCheckCmd(g *globals) *cobra.Command {
	var offline, providers bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: g.h("help.check"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return checkConfig(cmd.Context(), g, cmd.OutOrStdout(), offline, providers)
		},
	}
	cmd.Flags().BoolVar(&offline, "offline", false, g.h("help.check.offline"))
	cmd.Flags().BoolVar(&providers, "providers", false, g.h("help.check.providers"))
	return cmd
}

// checkConfig is the check command: every problem of the config at
// g.configPath printed to out, one a line, and an error counting them.
// init runs it too, on the file it wrote.
func checkConfig(ctx context.Context, g *globals, out io.Writer, offline, providers bool) error {
	lang := g.language()
	cfg, err := config.Load(g.configPath, config.Options{})
	var cerrs config.Errors
	if errors.As(err, &cerrs) {
		for _, e := range cerrs {
			fmt.Fprintln(out, e.In(lang))
		}
		return &configProblems{n: len(cerrs), file: g.configPath, lang: lang}
	} else if err != nil {
		return err
	}
	if err := cfg.ResolveSecrets(&lazyVault{g: g, stateDir: string(cfg.StateDir)}); err != nil {
		if errors.As(err, &cerrs) {
			for _, e := range cerrs {
				fmt.Fprintln(out, e.In(lang))
			}
		}
		return &configProblems{n: len(cerrs), file: g.configPath, lang: lang}
	}
	problems := 0
	rp := &recordProblems{cfg: cfg, seen: map[string]bool{}}
	for _, j := range cfg.Jobs {
		job, err := poll.Build(cfg, j)
		if err != nil {
			fmt.Fprintln(out, g.say("cmd.check.job_error", "job", j.Name, "err", err))
			problems++
			continue
		}
		next := j.Schedule.Next(time.Now().In(cfg.Location())).Format("2006-01-02 15:04 -07:00")
		if j.Disabled {
			next = g.say("cmd.check.job_disabled")
		}
		fmt.Fprintln(out, g.say("cmd.check.job", "job", job.Name, "mode", job.Mode, "sources", fmt.Sprint(job.Sources),
			"schedule", fmt.Sprintf("%q", job.Schedule), "next", next))
		if job.Sample == nil && offline {
			fmt.Fprintln(out, g.say("cmd.check.offline_columns"))
		}
		if job.Sample != nil {
			for i, v := range job.Variants() {
				if !v.Label.IsZero() {
					fmt.Fprintf(out, "  %s:\n", v.Label.In(lang))
				}
				problems += renderWith(out, lang, rp, v.Mapper, v.Sample, catalog.M("cmd.check.what.sample"))
				problems += renderNull(out, lang, rp, v.Mapper, v.Sample, job.Nullable())
				// A statement's contacts get the customer's statement:
				// its lines are shown with the first variant alone.
				problems += renderMovements(out, lang, rp, v.Mapper, v.Sample, job.MovementVariants(v.Sample), i == 0)
			}
		}
	}
	outboxProblems := checkOutbox(ctx, g, cfg, out)
	problems += outboxProblems
	problems += checkStatusPage(g, cfg, out)
	down := 0
	if !offline {
		n, d := checkPending(ctx, cfg, out, lang, rp)
		problems, down = problems+n, d
	}
	if providers {
		problems += checkProvidersAudited(ctx, g, cfg, out, outboxProblems == 0)
	}
	// A database that does not answer is not the file's fault: exit 1, as
	// run's, and say so instead of counting it as a problem of the file.
	if down > 0 && problems == down {
		return catalog.Errorf("cmd.check.sources_down", "n", down)
	}
	if problems > 0 {
		return &configProblems{n: problems, file: g.configPath, lang: lang}
	}
	fmt.Fprintln(out, g.say("cmd.check.ok", "file", g.configPath))
	return nil
}

// checkOutbox says what run would say of the outbox: one the state folder's
// marker does not name (missing, another, an older copy) is refused.
func checkOutbox(ctx context.Context, g *globals, cfg *config.Config, out io.Writer) int {
	path := connector.OutboxPath(cfg)
	_, statErr := os.Stat(path)
	store, err := outbox.OpenReadOnly(ctx, path)
	if err != nil {
		fmt.Fprintln(out, g.say("cmd.check.outbox_unreadable", "err", g.errText(err)))
		return 1
	}
	defer store.Close()
	id, err := store.Identity(ctx)
	if err == nil {
		_, err = connector.MatchOutbox(string(cfg.StateDir), path, id, statErr == nil)
	}
	if err != nil {
		fmt.Fprintln(out, g.say("cmd.check.outbox_refused", "err", g.errText(err)))
		return 1
	}
	return 0
}

// checkProvidersAudited is check --providers: each provider is asked, as
// send-test --check asks it, and each request is written to the audit of
// the service's outbox, the rows `audit` lists, so that the shop's record
// of what left the machine has these requests too. It works while the
// service runs (SQLite's write-ahead log lets both write). An audit row
// that cannot be written is a warning: the request has left already.
//
// check records into an outbox that is there and that run would start
// with (usable: checkOutbox found no problem), and never creates one.
// check is what one runs to learn whether run will start, before the
// first start, as root or an administrator, often before the service and
// its account are installed: an outbox it made then would be root's, in a
// folder handOverState can give to the service's account only when it is
// the default one and the account exists, and run would fail on it; and
// it would make run's first start the adoption of an outbox it did not
// make. Where the state folder's marker says the outbox was lost, a new
// one would also hide what happened from run's refusal. Creating nothing
// keeps check's promise whatever the account and the folder: it leaves
// the state folder as run will find it, but for the rows. Where there is
// no such outbox (the service has not started yet, and neither init nor
// send-test made one), check says in one line how many of its requests
// went unrecorded, and why, so that the gap is known rather than silent.
// An outbox run would refuse is left as it is: it may be the wrong file,
// about to be replaced by the right one.
func checkProvidersAudited(ctx context.Context, g *globals, cfg *config.Config, out io.Writer, usable bool) int {
	path := connector.OutboxPath(cfg)
	var why catalog.Msg
	var store *outbox.Store
	switch _, err := os.Stat(path); {
	case !usable:
		why = catalog.M("cmd.check.audit_why.unusable")
	case errors.Is(err, fs.ErrNotExist):
		why = catalog.M("cmd.check.audit_why.no_outbox", "path", path)
	default:
		s, err := outbox.OpenExisting(ctx, path)
		if errors.Is(err, fs.ErrNotExist) {
			why = catalog.M("cmd.check.audit_why.no_outbox", "path", path)
		} else if err != nil {
			why = catalog.M("cmd.check.audit_why.unopened", "err", g.errText(err))
		} else {
			store = s
			defer s.Close()
		}
	}
	unrecorded := 0
	audit := func(httpclient.AuditRecord) { unrecorded++ }
	if store != nil {
		audit = connector.AuditTo(store, "", auditWarning(g, out))
	}
	failed := checkProviders(ctx, cfg, "", out, g.language(), audit)
	if unrecorded > 0 {
		fmt.Fprintln(out, g.say("cmd.check.audit_not_recorded", "n", unrecorded, "why", why))
	}
	return failed
}

// checkStatusPage says what would keep run's status page off: run starts
// without it and only logs why, so check is where a dealer learns it.
func checkStatusPage(g *globals, cfg *config.Config, out io.Writer) int {
	if cfg.Status.Disabled {
		return 0
	}
	if err := status.MayListen(cfg.Status, status.AuthPath(string(cfg.StateDir))); err != nil {
		fmt.Fprintln(out, g.say("cmd.check.status_off", "err", g.errText(err)))
		return 1
	}
	return 0
}

// checkPending connects to each source and prints, per job and database, how
// many rows the next run would read. It reads the service's cursors from the
// outbox opened read-only: check is often run as root or an administrator,
// and must neither change the service's cursors nor create state files the
// service account then cannot write.
// It returns the problems and, of them, the reads that failed because a
// database did not answer (unreachable, or no answer in time).
func checkPending(ctx context.Context, cfg *config.Config, out io.Writer, lang catalog.Lang, rp *recordProblems) (problems, down int) {
	say := func(key catalog.Key, args ...any) { fmt.Fprintln(out, catalog.M(key, args...).In(lang)) }
	store, err := outbox.OpenReadOnly(ctx, connector.OutboxPath(cfg))
	if err != nil {
		say("cmd.check.outbox_unreadable", "err", err)
		return 1, 0
	}
	defer store.Close()
	sources, err := connector.OpenSources(cfg, time.Now)
	if err != nil {
		say("cmd.check.sources_unopened", "err", erp.Explain(err))
		return 1, 0
	}
	defer func() {
		for _, s := range sources {
			s.Close()
		}
	}()
	if n, err := store.CheckSuppressionKey(ctx, string(cfg.StateDir)); err != nil {
		say("cmd.check.outbox_error", "err", err)
		problems++
	} else if n > 0 {
		say("cmd.check.forgotten", "n", n)
	}
	shared := sharedFailures{file: cfg.File()}
	defer func() {
		n, d := shared.say(say)
		problems, down = problems+n, down+d
	}()
	failed := func(job string, err error) {
		// A sql: job's SELECT the database refused: said where the file
		// has it, as the file's other problems are.
		if e, ok := cfg.SQLProblem(job, err); ok {
			fmt.Fprintln(out, e.In(lang))
			problems++
			return
		}
		if !shared.add(job, err, lang) {
			say("cmd.check.job_error", "job", job, "err", erp.Explain(err))
			problems++
		}
	}
	// A fixed path changed to {year}: the history run files under the
	// database's new name, which check counts from as run will.
	renamed := renamedCursors{Store: store, from: map[string]string{}}
	for _, s := range cfg.Sources {
		if !strings.Contains(string(s.Database), erp.YearPlaceholder) {
			// run refuses a fixed path whose year was changed by hand.
			was, now, tmpl, changed, err := connector.SourceYearChanged(ctx, store, s)
			if err == nil && changed {
				err = connector.YearChangedError(s.Name, was, now, tmpl)
			}
			if err != nil {
				fmt.Fprintln(out, catalog.ErrorText(lang, err))
				problems++
			}
			continue
		}
		to, ok, err := connector.SourceRenamed(ctx, store, s, time.Now(), cfg.Location())
		if err != nil {
			say("cmd.check.outbox_error", "err", err)
			problems++
			continue
		}
		if ok {
			renamed.from[to] = s.Name
			say("cmd.check.source_renamed", "source", s.Name, "as", to)
		} else if historyLeft(ctx, store, s.Name, time.Now().In(cfg.Location()).Year()) {
			say("cmd.check.source_history_left", "source", s.Name)
		}
	}
	answered := map[string]bool{} // the databases a job read from
	defer func() { checkAccess(ctx, sources, answered, say) }()
	years := missingYears{}
	defer func() { years.say(cfg, time.Now(), say) }()
	for _, jc := range cfg.Jobs {
		if jc.Disabled {
			continue
		}
		j, err := poll.Build(cfg, jc)
		if err != nil {
			continue // already reported above
		}
		n, err := poll.Pending(ctx, renamed, sources, j, time.Now())
		if err != nil {
			failed(j.Name, err)
			continue
		}
		srcs := make([]string, 0, len(n))
		for s := range n {
			srcs = append(srcs, s)
		}
		sort.Strings(srcs)
		for _, s := range srcs {
			say("cmd.check.pending", "job", j.Name, "source", s, "n", n[s])
			answered[s] = true
		}
		// Not a problem while the job reads the source's other year: the
		// year not opened in Wolvox yet (last year's is read until it is),
		// or last year's, when the shop began with this one; nor in
		// January's window. Said once per database, after the jobs. With
		// no database of the source to read past January's window, the
		// path is wrong: runs would read nothing all year.
		missing := poll.MissingDatabases(ctx, sources, j)
		for _, s := range slices.Sorted(maps.Keys(missing)) {
			kept := otherYear(s, n)
			base, _, _ := strings.Cut(s, "@")
			switch {
			case kept == "" && !yearMayBeMissing(cfg, s, time.Now()):
				failed(j.Name, missing[s].Err)
				continue
			case kept == "" && !inYearWindow(cfg, base, time.Now()):
				continue // last year's, read for want of this year's: that one's refusal says it
			}
			years.add(s, kept, missing[s])
		}
		// Not a problem: the preset runs without them, and run warns too.
		absent, err := poll.AbsentColumns(ctx, sources, j)
		if err != nil {
			failed(j.Name, err)
			continue
		}
		for _, s := range srcs {
			if a := absent[s]; len(a) > 0 {
				say("cmd.check.absent", "job", j.Name, "source", s, "note", lang.Reason(poll.AbsentNote(a)))
			}
		}
		if j.Sample != nil {
			continue // a preset: already rendered against its built-in sample
		}
		// A sql: job has no sample, nor a table of which of its columns may
		// be NULL: its columns are whatever the dealer's SELECT names, and
		// nothing tells a column that is never NULL from one that is NULL
		// in some rows (NULLing every one would refuse {{money .TUTAR}} on
		// a NOT NULL amount). So it renders its newest real row as it is,
		// and a NULL there shows as that row's problem.
		row, err := poll.SampleRow(ctx, sources, j)
		if err != nil {
			failed(j.Name, err)
			continue
		}
		if row == nil {
			say("cmd.check.no_row", "job", j.Name)
			continue
		}
		problems += renderWith(out, lang, rp, j.Mapper, row, catalog.M("cmd.check.what.newest"))
	}
	return problems, down
}

// checkAccess warns of each source whose user could write, and says how to
// create a read-only one, as init does. It is a warning, not a problem:
// every read runs in a read-only transaction whoever the user is. Only the
// databases a job read from are asked (a server that did not answer is
// told already, and is not waited for twice); a source's years share
// one warning.
func checkAccess(ctx context.Context, groups map[string]*erp.Group, answered map[string]bool, say func(catalog.Key, ...any)) {
	for _, name := range slices.Sorted(maps.Keys(groups)) {
		srcs, err := groups[name].Sources()
		if err != nil {
			continue
		}
		for _, src := range srcs {
			if !answered[src.Name()] {
				continue
			}
			a, err := src.Access(ctx)
			if err != nil || a.ReadOnly() {
				continue // a read that fails is told by the job that makes it
			}
			say("cmd.check.not_read_only", "source", name, "warning", catalog.M("init.not_read_only", "user", a.User, "why", whyWritable(a)))
			say(howToReadOnly(src.Dialect().Name()), "user", "CONNECTOR_RO", "database", src.Database())
			break
		}
	}
}

// sharedFailures are the reads that failed for the source's trouble, not
// the job's (a refused password, a server that does not answer, a missing
// database, a table the user may not read), by their words: one cause that
// stops five jobs is said once, with the jobs it stops, and counted once.
type sharedFailures struct {
	file  string // the config, for the command a hint tells to run
	order []string
	jobs  map[string][]string
	down  map[string]bool        // the database did not answer: not the file's fault
	hints map[string]catalog.Msg // what to do about it, as the status page tells it
}

// add keeps a job's failed read if it is the source's trouble; it reports
// whether it did.
func (s *sharedFailures) add(job string, err error, lang catalog.Lang) bool {
	f := erp.FailureOf(err)
	switch f {
	case erp.FailureUnreachable, erp.FailureTimeout, erp.FailureDropped, erp.FailureLogin, erp.FailureMissing, erp.FailurePermission:
	default:
		return false
	}
	text := catalog.ErrorText(lang, erp.Explain(err))
	if s.jobs == nil {
		s.jobs, s.down, s.hints = map[string][]string{}, map[string]bool{}, map[string]catalog.Msg{}
	}
	if _, seen := s.jobs[text]; !seen {
		s.order = append(s.order, text)
		s.down[text] = f == erp.FailureUnreachable || f == erp.FailureTimeout || f == erp.FailureDropped
		s.hints[text] = s.hint(f)
	}
	if !slices.Contains(s.jobs[text], job) {
		s.jobs[text] = append(s.jobs[text], job)
	}
	return true
}

// hint is what to do about a failure of kind f. A table the user may not
// read has none here: its text already holds the GRANT to run.
func (s *sharedFailures) hint(f erp.Failure) catalog.Msg {
	switch f {
	case erp.FailureLogin:
		file := s.file
		if strings.ContainsAny(file, " \t&()'") {
			file = `"` + file + `"` // as cmd.exe and a shell both take it
		}
		return catalog.M("cmd.check.fix.login", "file", file)
	case erp.FailureUnreachable:
		return catalog.M("cmd.check.fix.unreachable")
	case erp.FailureMissing:
		return catalog.M("cmd.check.fix.missing")
	case erp.FailureTimeout:
		return catalog.M("cmd.check.fix.timeout")
	case erp.FailureDropped:
		return catalog.M("cmd.check.fix.dropped")
	}
	return catalog.Msg{}
}

// say prints each cause once and returns the problems and, of them, the
// databases that did not answer.
func (s *sharedFailures) say(say func(catalog.Key, ...any)) (problems, down int) {
	for _, text := range s.order {
		var told any = text
		if h := s.hints[text]; !h.IsZero() {
			told = catalog.M("config.with_hint", "msg", text, "hint", h)
		}
		if jobs := s.jobs[text]; len(jobs) == 1 {
			say("cmd.check.job_error", "job", jobs[0], "err", told)
		} else {
			say("cmd.check.jobs_error", "n", len(jobs), "jobs", strings.Join(jobs, ", "), "err", told)
		}
		problems++
		if s.down[text] {
			down++
		}
	}
	return problems, down
}

// recordProblems are the template errors check placed in the file; a
// sequence's steps share the job's text, and its error is said once.
type recordProblems struct {
	cfg  *config.Config
	seen map[string]bool
}

// renderWith renders every channel of a mapper for one row, so a misspelled
// column fails here, not in front of a customer. Template failures are
// problems, said at their place in the file; a row that is simply not
// sendable (no mobile number) is shown.
func renderWith(out io.Writer, lang catalog.Lang, rp *recordProblems, m *mapping.Mapper, row map[string]any, what catalog.Msg) int {
	failed := m.TemplateErrors(row)
	problems := 0
	for _, r := range m.Map(row) {
		switch {
		case failed[r.Channel] != nil:
			e, placed := rp.cfg.RecordProblem(failed[r.Channel], slices.Collect(maps.Keys(row)))
			if !placed {
				fmt.Fprintln(out, catalog.M("cmd.check.render_failed", "channel", r.Channel, "what", what, "err", failed[r.Channel]).In(lang))
				problems++
				continue
			}
			if text := e.In(lang); !rp.seen[text] {
				rp.seen[text] = true
				fmt.Fprintln(out, text)
				problems++
			}
		case r.Skip != nil && (tooBig(*r.Skip) || r.Skip.Code == mapping.ReasonWhatsAppEmpty):
			// A warning, not a problem: the template works, but a row like
			// this one (too long, or without the optional column a WhatsApp
			// parameter shows) would be skipped rather than sent.
			fmt.Fprintln(out, catalog.M("cmd.check.render_warning", "channel", r.Channel, "what", what, "reason", lang.Reason(*r.Skip)).In(lang))
		case r.Skip != nil:
			fmt.Fprintln(out, catalog.M("cmd.check.not_sendable", "channel", r.Channel, "what", what, "reason", lang.Reason(*r.Skip)).In(lang))
		default:
			fmt.Fprintf(out, "  %s %s: %s\n", r.Channel, what.In(lang), oneLine(r.Text, 160))
			// The file the e-mail carries (a statement's PDF), made as
			// run makes it: the text says it is attached.
			for _, a := range r.Attachments {
				fmt.Fprintln(out, "    "+catalog.M("cmd.render.attachment", "name", a.Name, "type", a.ContentType, "size", len(a.Data)).In(lang))
			}
		}
	}
	return problems
}

// renderNull renders a preset job's templates again for variants of the
// sample row with the preset's optional columns NULL, as real rows have
// them (an invoice without a due date, a cash sale): each column alone, so
// the problem names it, then all of them at once for the channels none of
// those failed. A channel the sample itself fails is left out: it is said
// already.
//
// A template that fails on such a row is a problem (exit 3), not a
// warning, as a misspelled column is: run would skip every row without the
// value, with no message sent and nobody told but the outbox, and the fix
// is always in the template ({{with .VADESI}}…{{end}}, default). A
// template that handles NULL says nothing. An empty WhatsApp parameter stays a warning, as for
// the sample (mapping.ReasonWhatsAppEmpty): the row is skipped or falls
// back, and the template is not wrong. Other skips of a NULL variant (its
// recipient NULLed) are the variant's, not the template's, and not said.
func renderNull(out io.Writer, lang catalog.Lang, rp *recordProblems, m *mapping.Mapper, sample map[string]any, nullable []string) int {
	said := map[string]bool{} // by channel: the sample's own failure
	for ch := range m.TemplateErrors(sample) {
		said[ch] = true
	}
	alone := map[string]bool{} // by channel: failed with one column NULL
	problems := 0
	render := func(nulled []string, what catalog.Msg) {
		row := maps.Clone(sample)
		for _, c := range nulled {
			row[c] = nil
		}
		failed := m.TemplateErrors(row)
		for _, r := range m.Map(row) { // in the job's order of channels
			err := failed[r.Channel]
			switch {
			case said[r.Channel] || (len(nulled) > 1 && alone[r.Channel]):
			case err != nil:
				alone[r.Channel] = alone[r.Channel] || len(nulled) == 1
				problems += rp.nullProblem(out, lang, r.Channel, what, err, nulled)
			case r.Skip != nil && r.Skip.Code == mapping.ReasonWhatsAppEmpty && len(nulled) == 1:
				text := catalog.M("cmd.check.render_warning", "channel", r.Channel, "what", what, "reason", lang.Reason(*r.Skip)).In(lang)
				if !rp.seen[text] {
					rp.seen[text] = true
					fmt.Fprintln(out, text)
				}
			}
		}
	}
	for _, c := range nullable {
		render([]string{c}, catalog.M("cmd.check.what.sample_null", "column", c))
	}
	if len(nullable) > 1 {
		render(nullable, catalog.M("cmd.check.what.sample_null_all"))
	}
	return problems
}

// nullProblem says a template's failure on a row with nulled NULL once, at
// its place in the file, and counts it.
func (rp *recordProblems) nullProblem(out io.Writer, lang catalog.Lang, channel string, what catalog.Msg, err error, nulled []string) int {
	e, placed := rp.cfg.NullProblem(err, nulled)
	if !placed {
		fmt.Fprintln(out, catalog.M("cmd.check.render_failed", "channel", channel, "what", what, "err", err).In(lang))
		return 1
	}
	if text := e.In(lang); !rp.seen[text] {
		rp.seen[text] = true
		fmt.Fprintln(out, text)
		return 1
	}
	return 0
}

// renderMovements renders a statement job's templates again for its
// sample with each column a real movement may have NULL (an amount, the due
// date, the description…), NULL in every movement, then all of them
// (poll.MovementVariants), the row made as run makes it. For each column it
// shows the first statement line that changes, as the PDF writes it (those
// after it change only by their balance). A template that fails on such a
// row is a problem said as a NULL column's is (run would skip every such
// statement); a row run would skip for another reason is shown with the
// reason; a template that handles the NULL says nothing. A channel the
// sample itself fails is left out: it is said already. The statement
// lines, and a variant run would refuse, are the statement's whatever the
// recipient: shown only when lines is set (a job's first variant), so the
// contacts of recipients: both do not repeat them.
func renderMovements(out io.Writer, lang catalog.Lang, rp *recordProblems, m *mapping.Mapper, sample map[string]any, variants []poll.MovementVariant, lines bool) int {
	said := map[string]bool{}
	for ch := range m.TemplateErrors(sample) {
		said[ch] = true
	}
	alone := map[string]bool{} // by channel: failed with one column NULL
	problems := 0
	if lines && len(variants) > 0 {
		// The sample's own lines first, under the PDF's headers: what a
		// NULL changes is read against them.
		fmt.Fprintln(out, catalog.M("cmd.check.statement_columns", "columns", strings.Join(statement.Columns(lang), " | ")).In(lang))
		for i, line := range variants[0].Sample {
			fmt.Fprintln(out, catalog.M("cmd.check.statement_sample", "n", i+1, "line", statementCells(line)).In(lang))
		}
	}
	for _, v := range variants {
		what := catalog.M("cmd.check.what.movement_null", "column", strings.Join(v.Nulled, ", "))
		if len(v.Nulled) > 1 {
			what = catalog.M("cmd.check.what.movement_null_all")
		}
		if v.Refused != nil {
			if lines {
				fmt.Fprintln(out, catalog.M("cmd.check.statement_refused", "what", what, "reason", lang.Reason(*v.Refused)).In(lang))
			}
			continue
		}
		for i, line := range v.Lines {
			if !lines || len(v.Nulled) > 1 || i < len(v.Sample) && slices.Equal(line, v.Sample[i]) {
				continue
			}
			fmt.Fprintln(out, catalog.M("cmd.check.statement_line", "what", what, "n", i+1, "line", statementCells(line)).In(lang))
			break // the lines after it differ only by their balance
		}
		failed := m.TemplateErrors(v.Row)
		for _, r := range m.Map(v.Row) {
			err := failed[r.Channel]
			switch {
			case said[r.Channel] || (len(v.Nulled) > 1 && alone[r.Channel]):
			case err != nil:
				alone[r.Channel] = alone[r.Channel] || len(v.Nulled) == 1
				problems += rp.nullProblem(out, lang, r.Channel, what, err, v.Nulled)
			case r.Skip != nil && (tooBig(*r.Skip) || r.Skip.Code == mapping.ReasonWhatsAppEmpty):
				fmt.Fprintln(out, catalog.M("cmd.check.render_warning", "channel", r.Channel, "what", what, "reason", lang.Reason(*r.Skip)).In(lang))
			case r.Skip != nil:
				fmt.Fprintln(out, catalog.M("cmd.check.not_sendable", "channel", r.Channel, "what", what, "reason", lang.Reason(*r.Skip)).In(lang))
			}
		}
	}
	return problems
}

// statementCells is a statement line's cells as check shows them, an
// empty one as a dash.
func statementCells(line []string) string {
	cells := make([]string, len(line))
	for k, c := range line {
		if cells[k] = c; c == "" {
			cells[k] = "–"
		}
	}
	return strings.Join(cells, " | ")
}

// tooBig reports whether a sample was skipped for its size: more SMS
// segments than max_segments, or past a channel's limit.
func tooBig(r mapping.Reason) bool {
	switch r.Code {
	case mapping.ReasonTooManySegments, mapping.ReasonTooManySegmentsTL, mapping.ReasonTooLong, mapping.ReasonTooLongChars:
		return true
	}
	return false
}

// oneLine is s on one line of at most n characters: each run of line
// breaks (an e-mail's blank line between paragraphs) is one space.
func oneLine(s string, n int) string {
	r := make([]rune, 0, len(s))
	for _, c := range s {
		if c == '\n' || c == '\r' {
			if len(r) > 0 && r[len(r)-1] == ' ' {
				continue
			}
			c = ' '
		}
		r = append(r, c)
	}
	if len(r) > n {
		return string(r[:n]) + "…"
	}
	return string(r)
}

// configProblems is returned after the problems were printed one per line.
type configProblems struct {
	n    int
	file string
	lang catalog.Lang
}

func (e *configProblems) Error() string {
	return catalog.M("cmd.check.problems", "n", e.n, "file", e.file).In(e.lang)
}

// historyLeft says whether the outbox holds a history read under a {year}
// source's own name (its fixed path's) that no run on the {year} path has
// followed yet: once one has, what the warning foretells is done.
func historyLeft(ctx context.Context, store *outbox.Store, source string, year int) bool {
	if has, err := store.HasSource(ctx, source); err != nil || !has {
		return false
	}
	for _, y := range []int{year, year - 1} {
		if has, err := store.HasSource(ctx, source+"@"+strconv.Itoa(y)); err != nil || has {
			return false
		}
	}
	return true
}

// renamedCursors are the service's cursors as run will find them once it
// files a source's history under its year database's name (merkez →
// merkez@2026, connector.SourceRenamed): from maps the new name to the old.
type renamedCursors struct {
	*outbox.Store
	from map[string]string
}

func (r renamedCursors) Cursor(ctx context.Context, job, source string) (string, bool, error) {
	if old, ok := r.from[source]; ok {
		source = old
	}
	return r.Store.Cursor(ctx, job, source)
}

// missingYears are the year databases check names as not read, each with
// the database its jobs read instead ("" when none).
type missingYears map[string]missingYear

type missingYear struct {
	poll.Missing
	kept string
}

func (m missingYears) add(source, kept string, d poll.Missing) {
	if y, ok := m[source]; ok && y.kept != "" {
		return
	}
	m[source] = missingYear{Missing: d, kept: kept}
}

// say names each database once: this year's as the year not opened in
// Wolvox yet (past January's window, with what to look at if it was),
// last year's as not there, any other as skipped until it exists.
func (m missingYears) say(cfg *config.Config, now time.Time, say func(catalog.Key, ...any)) {
	for _, s := range slices.Sorted(maps.Keys(m)) {
		d := m[s]
		base, year, _ := strings.Cut(s, "@")
		y, _ := strconv.Atoi(year)
		this := now.In(cfg.Location()).Year()
		switch {
		case d.kept != "" && y == this && inYearWindow(cfg, base, now):
			say("cmd.check.year_not_opened", "source", s, "year", y, "database", d.Database, "kept", d.kept)
		case d.kept != "" && y == this:
			say("cmd.check.year_not_opened_late", "source", s, "year", y, "database", d.Database, "kept", d.kept)
		case d.kept != "" && y < this:
			say("cmd.check.last_year_missing", "source", s, "database", d.Database, "kept", d.kept)
		default:
			say("cmd.check.database_missing", "source", s, "err", d.Err)
		}
	}
}

// otherYear is the database of source's {year} source (merkez@2027) that
// the job reads instead of it, from the job's pending counts: its other
// year ("" when it reads none).
func otherYear(source string, pending map[string]int) string {
	base, _, _ := strings.Cut(source, "@")
	for _, s := range slices.Sorted(maps.Keys(pending)) {
		if b, _, ok := strings.Cut(s, "@"); ok && b == base && s != source {
			return s
		}
	}
	return ""
}

// inYearWindow says whether now is in the source's January window, when
// last year's database is read beside this year's whatever happens.
func inYearWindow(cfg *config.Config, base string, now time.Time) bool {
	return len(erp.Years(now.In(cfg.Location()), yearGrace(cfg, base))) > 1
}

func yearGrace(cfg *config.Config, base string) time.Duration {
	grace := config.DefaultYearGrace.Std()
	for _, src := range cfg.Sources {
		if src.Name == base && src.YearGrace > 0 {
			grace = src.YearGrace.Std()
		}
	}
	return grace
}

// yearMayBeMissing says whether the year's database source (merkez@2026)
// may not exist yet at now: last year's (the shop began with this year), or
// this year's in January's grace window (the year not opened in Wolvox).
func yearMayBeMissing(cfg *config.Config, source string, now time.Time) bool {
	base, year, _ := strings.Cut(source, "@")
	y, err := strconv.Atoi(year)
	if err != nil {
		return false
	}
	years := erp.Years(now.In(cfg.Location()), yearGrace(cfg, base))
	return y < years[len(years)-1] || len(years) > 1
}
