package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

func newCheckCmd(g *globals) *cobra.Command {
	var offline, providers bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Validate the config (every problem with file:line:col), render samples, count the rows each job's next run would read",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			out := cmd.OutOrStdout()
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
			if err := cfg.ResolveSecrets(&lazyVault{g: g, stateDir: cfg.StateDir}); err != nil {
				if errors.As(err, &cerrs) {
					for _, e := range cerrs {
						fmt.Fprintln(out, e.Error())
					}
				}
				return &configProblems{n: len(cerrs), file: g.configPath}
			}
			problems := 0
			for _, j := range cfg.Jobs {
				job, err := connector.BuildJob(cfg, j)
				if err != nil {
					fmt.Fprintf(out, "job %s: %v\n", j.Name, err)
					problems++
					continue
				}
				next := "-"
				if s, err := config.CronParser.Parse(j.Schedule); err == nil {
					next = s.Next(time.Now().In(cfg.Location())).Format("2006-01-02 15:04 MST")
				}
				fmt.Fprintf(out, "job %s: %s mode, sources %v, schedule %q (next %s)\n", job.Name, job.Mode, job.Sources, job.Schedule, next)
				if job.Sample != nil {
					problems += renderSample(out, job, job.Sample, "sample")
				}
			}
			if !offline {
				problems += checkPending(cmd.Context(), cfg, out)
			}
			if providers {
				problems += checkProviders(cmd.Context(), cfg, "", out)
			}
			if problems > 0 {
				return &configProblems{n: problems, file: g.configPath}
			}
			fmt.Fprintf(out, "%s: OK\n", g.configPath)
			return nil
		},
	}
	cmd.Flags().BoolVar(&offline, "offline", false, "do not connect to the ERP databases (syntax, templates and secrets only)")
	cmd.Flags().BoolVar(&providers, "providers", false, "also verify each provider's credentials (no message is sent)")
	return cmd
}

// checkPending connects to each source and prints, per job and database, how
// many rows the next run would read. It works on a copy of the outbox in a
// temporary folder: check is often run as root or an administrator, and must
// neither change the service's cursors nor create state files the service
// account then cannot write.
func checkPending(ctx context.Context, cfg *config.Config, out io.Writer) int {
	tmp, err := os.MkdirTemp("", "akinsoft-connector-check-")
	if err != nil {
		fmt.Fprintf(out, "cannot create a temporary folder: %v\n", err)
		return 1
	}
	defer os.RemoveAll(tmp)
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(connector.OutboxPath(cfg)+suffix, filepath.Join(tmp, "outbox.db"+suffix)); err != nil && !errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(out, "cannot read the outbox: %v\n", err)
			return 1
		}
	}
	copyCfg := *cfg
	copyCfg.StateDir = tmp
	d, err := connector.New(ctx, &copyCfg, connector.Options{Console: io.Discard})
	if err != nil {
		fmt.Fprintf(out, "cannot open the sources: %v\n", err)
		return 1
	}
	defer d.Close()
	problems := 0
	for _, j := range d.Jobs() {
		n, err := d.Pending(ctx, j.Name)
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
		absent, err := d.AbsentColumns(ctx, j.Name)
		if err != nil {
			fmt.Fprintf(out, "job %s: %v\n", j.Name, err)
			problems++
			continue
		}
		for _, s := range srcs {
			if a := absent[s]; len(a) > 0 {
				fmt.Fprintf(out, "job %s: %s: warning: %s\n", j.Name, s, connector.AbsentNote(a))
			}
		}
		if j.Sample != nil {
			continue // a preset: already rendered against its built-in sample
		}
		row, err := d.SampleRow(ctx, j.Name)
		if err != nil {
			fmt.Fprintf(out, "job %s: %v\n", j.Name, err)
			problems++
			continue
		}
		if row == nil {
			fmt.Fprintf(out, "job %s: the query returns no row yet; its templates are checked for syntax only\n", j.Name)
			continue
		}
		problems += renderSample(out, j, row, "newest row")
	}
	return problems
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}

// renderSample renders every channel of a job for one row, so a misspelled
// column fails here, not in front of a customer. Template failures are
// problems; a row that is simply not sendable (no mobile number) is shown.
func renderSample(out io.Writer, job *connector.Job, row map[string]any, what string) int {
	failed := job.Mapper.TemplateErrors(row)
	for _, r := range job.Mapper.Map(row) {
		switch {
		case failed[r.Channel] != nil:
			fmt.Fprintf(out, "  %s: the %s cannot be rendered: %v\n", r.Channel, what, failed[r.Channel])
		case r.Skip != "":
			fmt.Fprintf(out, "  %s %s: not sendable (%s); templates render fine\n", r.Channel, what, r.Skip)
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
