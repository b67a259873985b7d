package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

func newCheckCmd(g *globals) *cobra.Command {
	var offline, providers bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate the config (every problem with file:line:col), render samples, count the rows each job's next run would read",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return checkConfig(cmd.Context(), g, cmd.OutOrStdout(), offline, providers)
		},
	}
	cmd.Flags().BoolVar(&offline, "offline", false, "do not connect to the ERP databases (syntax, templates and secrets only)")
	cmd.Flags().BoolVar(&providers, "providers", false, "also verify each provider's credentials (no message is sent)")
	return cmd
}

// checkConfig is the check command: every problem of the config at
// g.configPath printed to out, one a line, and an error counting them.
// init runs it too, on the file it wrote.
func checkConfig(ctx context.Context, g *globals, out io.Writer, offline, providers bool) error {
	cfg, err := config.Load(g.configPath, config.Options{})
	var cerrs config.Errors
	if errors.As(err, &cerrs) {
		for _, e := range cerrs {
			fmt.Fprintln(out, e.Error())
		}
		return &configProblems{n: len(cerrs), file: g.configPath}
	} else if err != nil {
		return err
	}
	if err := cfg.ResolveSecrets(&lazyVault{g: g, stateDir: string(cfg.StateDir)}); err != nil {
		if errors.As(err, &cerrs) {
			for _, e := range cerrs {
				fmt.Fprintln(out, e.Error())
			}
		}
		return &configProblems{n: len(cerrs), file: g.configPath}
	}
	problems := 0
	for _, j := range cfg.Jobs {
		job, err := poll.Build(cfg, j)
		if err != nil {
			fmt.Fprintf(out, "job %s: %v\n", j.Name, err)
			problems++
			continue
		}
		next := j.Schedule.Next(time.Now().In(cfg.Location())).Format("2006-01-02 15:04 -07:00")
		fmt.Fprintf(out, "job %s: %s mode, sources %v, schedule %q (next %s)\n", job.Name, job.Mode, job.Sources, job.Schedule, next)
		if job.Sample != nil {
			for _, v := range job.Variants() {
				if v.Label != "" {
					fmt.Fprintf(out, "  %s:\n", v.Label)
				}
				problems += renderWith(out, g.language(), v.Mapper, v.Sample, "sample")
			}
		}
	}
	if !offline {
		problems += checkPending(ctx, cfg, out, g.language())
	}
	if providers {
		problems += checkProviders(ctx, cfg, "", out, g.language())
	}
	if problems > 0 {
		return &configProblems{n: problems, file: g.configPath}
	}
	fmt.Fprintf(out, "%s: OK\n", g.configPath)
	return nil
}

// checkPending connects to each source and prints, per job and database, how
// many rows the next run would read. It reads the service's cursors from the
// outbox opened read-only: check is often run as root or an administrator,
// and must neither change the service's cursors nor create state files the
// service account then cannot write.
func checkPending(ctx context.Context, cfg *config.Config, out io.Writer, lang catalog.Lang) int {
	store, err := outbox.OpenReadOnly(ctx, connector.OutboxPath(cfg))
	if err != nil {
		fmt.Fprintf(out, "cannot read the outbox: %v\n", err)
		return 1
	}
	defer store.Close()
	sources, err := connector.OpenSources(cfg, time.Now)
	if err != nil {
		fmt.Fprintf(out, "cannot open the sources: %v\n", err)
		return 1
	}
	defer func() {
		for _, s := range sources {
			s.Close()
		}
	}()
	problems := 0
	if n, err := store.CheckSuppressionKey(ctx, string(cfg.StateDir)); err != nil {
		fmt.Fprintf(out, "outbox: %v\n", err)
		problems++
	} else if n > 0 {
		fmt.Fprintf(out, "outbox: %d forgotten address(es), refused on every channel; their key is in place\n", n)
	}
	for _, jc := range cfg.Jobs {
		if jc.Disabled {
			continue
		}
		j, err := poll.Build(cfg, jc)
		if err != nil {
			continue // already reported above
		}
		n, err := poll.Pending(ctx, store, sources, j, time.Now())
		if err != nil {
			fmt.Fprintf(out, "job %s: %v\n", j.Name, err)
			problems++
			continue
		}
		srcs := make([]string, 0, len(n))
		for s := range n {
			srcs = append(srcs, s)
		}
		sort.Strings(srcs)
		for _, s := range srcs {
			fmt.Fprintf(out, "job %s: %s: %d row(s) for the next run\n", j.Name, s, n[s])
		}
		// Not a problem: the preset runs without them, and run warns too.
		absent, err := poll.AbsentColumns(ctx, sources, j)
		if err != nil {
			fmt.Fprintf(out, "job %s: %v\n", j.Name, err)
			problems++
			continue
		}
		for _, s := range srcs {
			if a := absent[s]; len(a) > 0 {
				fmt.Fprintf(out, "job %s: %s: warning: %s\n", j.Name, s, poll.AbsentNote(a))
			}
		}
		if j.Sample != nil {
			continue // a preset: already rendered against its built-in sample
		}
		row, err := poll.SampleRow(ctx, sources, j)
		if err != nil {
			fmt.Fprintf(out, "job %s: %v\n", j.Name, err)
			problems++
			continue
		}
		if row == nil {
			fmt.Fprintf(out, "job %s: the query returns no row yet; its templates are checked for syntax only\n", j.Name)
			continue
		}
		problems += renderSample(out, lang, j, row, "newest row")
	}
	return problems
}

// renderSample renders every channel of a job for one row, so a misspelled
// column fails here, not in front of a customer. Template failures are
// problems; a row that is simply not sendable (no mobile number) is shown.
func renderSample(out io.Writer, lang catalog.Lang, job *poll.Job, row map[string]any, what string) int {
	return renderWith(out, lang, job.Mapper, row, what)
}

func renderWith(out io.Writer, lang catalog.Lang, m *mapping.Mapper, row map[string]any, what string) int {
	failed := m.TemplateErrors(row)
	for _, r := range m.Map(row) {
		switch {
		case failed[r.Channel] != nil:
			fmt.Fprintf(out, "  %s: the %s cannot be rendered: %v\n", r.Channel, what, failed[r.Channel])
		case r.Skip != nil:
			fmt.Fprintf(out, "  %s %s: not sendable (%s); templates render fine\n", r.Channel, what, lang.Reason(*r.Skip))
		default:
			fmt.Fprintf(out, "  %s %s: %s\n", r.Channel, what, oneLine(r.Text, 160))
		}
	}
	return len(failed)
}

func oneLine(s string, n int) string {
	r := []rune(s)
	for i, c := range r {
		if c == '\n' {
			r[i] = ' '
		}
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
}

func (e *configProblems) Error() string { return fmt.Sprintf("%d problem(s) in %s", e.n, e.file) }
