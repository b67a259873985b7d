package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

func newCheckCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "check",
		Short: "Validate the config and report every problem with file:line:col",
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
				if job.Sample == nil {
					continue
				}
				// Render against a realistic sample row so a misspelled column
				// fails here, not in front of a customer.
				for _, r := range job.Mapper.Map(job.Sample) {
					if r.Skip != "" {
						fmt.Fprintf(out, "  %s: the sample record cannot be rendered: %s\n", r.Channel, r.Skip)
						problems++
						continue
					}
					fmt.Fprintf(out, "  %s sample: %s\n", r.Channel, oneLine(r.Text, 160))
				}
			}
			if problems > 0 {
				return &configProblems{n: problems, file: g.configPath}
			}
			fmt.Fprintf(out, "%s: OK\n", g.configPath)
			return nil
		},
	}
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
