package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/connector/poll"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

type renderFlags struct {
	job, source, key string
	limit            int
	showRecipients   bool
	lang             catalog.Lang
}

func newRenderCmd(g *globals) *cobra.Command {
	var f renderFlags
	cmd := &cobra.Command{
		Use:   "render",
		Short: "Render a job's messages for real rows, without writing the outbox or sending anything",
		Long: "render reads rows of a job's query (the newest --limit rows, or the row whose key is --key) and prints\n" +
			"each channel's message, recipient (masked unless --show-recipients), SMS encoding and segment count.\n" +
			"It opens the ERP read-only and touches neither the outbox nor any provider.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.lang = g.language()
			if f.job == "" {
				return &usageError{"render needs --job NAME"}
			}
			if f.key != "" && cmd.Flags().Changed("limit") {
				return &usageError{"use either --key or --limit, not both"}
			}
			if f.limit < 1 {
				return &usageError{"--limit must be at least 1"}
			}
			cfg, err := loadConfig(g)
			if err != nil {
				return err
			}
			return renderJob(cmd, cfg, f)
		},
	}
	cmd.Flags().StringVar(&f.job, "job", "", "name of the job to render (required)")
	cmd.Flags().StringVar(&f.source, "source", "", "source to read (default: the job's first source)")
	cmd.Flags().StringVar(&f.key, "key", "", "render only the row with this key (e.g. the invoice's BLKODU)")
	cmd.Flags().IntVar(&f.limit, "limit", 3, "render the newest N rows")
	cmd.Flags().BoolVar(&f.showRecipients, "show-recipients", false, "print phone numbers and e-mail addresses in full")
	return cmd
}

func renderJob(cmd *cobra.Command, cfg *config.Config, f renderFlags) error {
	var jc *config.Job
	var names []string
	for i := range cfg.Jobs {
		names = append(names, cfg.Jobs[i].Name)
		if cfg.Jobs[i].Name == f.job {
			jc = &cfg.Jobs[i]
		}
	}
	if jc == nil {
		return &usageError{fmt.Sprintf("job %q is not in %s; jobs: %s", f.job, g2file(cfg), strings.Join(names, ", "))}
	}
	job, err := poll.Build(cfg, *jc)
	if err != nil {
		return err
	}
	srcName := f.source
	if srcName == "" && len(job.Sources) > 0 {
		srcName = job.Sources[0]
	}
	var sc *config.Source
	for i := range cfg.Sources {
		if cfg.Sources[i].Name == srcName {
			sc = &cfg.Sources[i]
		}
	}
	if sc == nil {
		return &usageError{fmt.Sprintf("source %q is not configured", srcName)}
	}
	src, err := erp.Open(connector.SourceOptions(*sc))
	if err != nil {
		return err
	}
	defer src.Close()

	if err := src.Verify(cmd.Context(), job.Needs); err != nil {
		return fmt.Errorf("job %s: %w", job.Name, err)
	}
	base, absent, err := job.SQLFor(cmd.Context(), src)
	if err != nil {
		return err
	}
	base = strings.TrimRight(strings.TrimSpace(base), ";")
	d := src.Dialect()
	var q string
	var args []any
	if f.key != "" {
		q = fmt.Sprintf("SELECT * FROM (%s) q WHERE q.%s = %s", base, job.Key, d.Placeholder(1))
		if n, err := strconv.ParseInt(f.key, 10, 64); err == nil {
			args = []any{n}
		} else {
			args = []any{f.key}
		}
	} else {
		q = d.Limit(fmt.Sprintf("SELECT * FROM (%s) q ORDER BY q.%s DESC", base, job.Key), f.limit)
	}
	out := cmd.OutOrStdout()
	if len(absent) > 0 {
		fmt.Fprintf(out, "warning: source %s: %s\n", srcName, poll.AbsentNote(absent))
	}
	rows := 0
	var recs []erp.Record
	err = src.Query(cmd.Context(), q, args, func(rec erp.Record) error {
		rows++
		recs = append(recs, rec)
		return nil
	})
	if err == nil {
		// Rendered after the read: a row's contacts and Wolvox's log are
		// read with queries of their own.
		for _, rec := range recs {
			planned, perr := job.Preview(cmd.Context(), src, rec, time.Now())
			if perr != nil {
				return perr
			}
			printRendered(out, f.lang, job, srcName, rec, planned, f.showRecipients)
		}
	}
	if err != nil {
		return fmt.Errorf("job %s: %w", job.Name, err)
	}
	if rows == 0 {
		if f.key != "" {
			return fmt.Errorf("job %s: source %s has no row with %s = %s (deleted, cancelled or filtered out by the job's query?)", job.Name, srcName, job.Key, f.key)
		}
		fmt.Fprintf(out, "job %s: source %s returned no rows\n", job.Name, srcName)
	}
	fmt.Fprintf(out, "Nothing was sent and nothing was written to the outbox.\n")
	return nil
}

func g2file(cfg *config.Config) string {
	if cfg.File() == "" {
		return "the config"
	}
	return cfg.File()
}

// printRendered shows one record as the customer would receive it.
func printRendered(w io.Writer, lang catalog.Lang, job *poll.Job, source string, rec erp.Record, planned []poll.Planned, show bool) {
	fmt.Fprintf(w, "── %s %s=%v (source %s) ──\n", job.Name, job.Key, rec[strings.ToUpper(job.Key)], source)
	if len(planned) == 0 && len(job.Steps()) > 0 {
		fmt.Fprintf(w, "no reminder step is due today for this row\n")
	}
	for _, r := range planned {
		label := r.Channel
		if r.Label != "" {
			label = r.Label + " " + r.Channel
		}
		if r.Skip != nil {
			fmt.Fprintf(w, "%s: SKIPPED: %s\n", label, lang.Reason(*r.Skip))
			continue
		}
		to := r.To
		if !show {
			to = mapping.MaskRecipient(to)
		}
		fmt.Fprintf(w, "%s → %s\n", label, to)
		if !r.NotBefore.IsZero() {
			fmt.Fprintf(w, "  waits until: %s (a quiet day)\n", stamp(r.NotBefore, job.Location()))
		}
		if r.SMS != nil {
			fmt.Fprintf(w, "  encoding: %s (%d units, %d per segment)\n", r.SMS, r.SMS.Units, r.SMS.PerSegment)
		}
		if r.Subject != "" {
			fmt.Fprintf(w, "  subject: %s\n", r.Subject)
		}
		if r.Text != "" {
			fmt.Fprintf(w, "  text:\n%s\n", indent(r.Text))
		}
		if r.HTML != "" {
			fmt.Fprintf(w, "  html:\n%s\n", indent(r.HTML))
		}
		if len(r.Payload) > 0 {
			fmt.Fprintf(w, "  template: %s\n", r.Payload)
		}
		for _, a := range r.Attachments {
			fmt.Fprintf(w, "  attachment: %s (%s, %d bytes)\n", a.Name, a.ContentType, len(a.Data))
		}
	}
	fmt.Fprintln(w)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}
