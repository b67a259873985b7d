package main

import (
	"errors"
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
	g                *globals
}

func newRenderCmd(g *globals) *cobra.Command {
	var f renderFlags
	cmd := &cobra.Command{
		Use:   "render",
		Short: g.h("help.render"),
		Long:  g.h("help.render.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.lang, f.g = g.language(), g
			if f.job == "" {
				return &usageError{g.say("cmd.render.needs_job")}
			}
			if f.key != "" && cmd.Flags().Changed("limit") {
				return &usageError{g.say("cmd.render.key_or_limit")}
			}
			cfg, err := loadConfig(g)
			if err != nil {
				return err
			}
			return renderJob(cmd, cfg, f)
		},
	}
	cmd.Flags().StringVar(&f.job, "job", "", g.h("help.render.job"))
	cmd.Flags().StringVar(&f.source, "source", "", g.h("help.render.source"))
	cmd.Flags().StringVar(&f.key, "key", "", g.h("help.render.key"))
	countVar(cmd.Flags(), &f.limit, "limit", 3, 1, g.h("help.render.limit"))
	cmd.Flags().BoolVar(&f.showRecipients, "show-recipients", false, g.h("help.render.show_recipients"))
	return cmd
}

func renderJob(cmd *cobra.Command, cfg *config.Config, f renderFlags) error {
	say := func(key catalog.Key, args ...any) string { return catalog.M(key, args...).In(f.lang) }
	var jc *config.Job
	var names []string
	for i := range cfg.Jobs {
		names = append(names, cfg.Jobs[i].Name)
		if cfg.Jobs[i].Name == f.job {
			jc = &cfg.Jobs[i]
		}
	}
	if jc == nil {
		return &usageError{say("cmd.render.no_job", "name", fmt.Sprintf("%q", f.job), "file", cfg.File(), "jobs", strings.Join(names, ", "))}
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
		return &usageError{say("cmd.render.no_source", "name", fmt.Sprintf("%q", srcName))}
	}
	// A {year} source's newest database that exists: the new year's is
	// not there until the shop opens it in Wolvox, and last year's is read.
	group, err := erp.OpenGroup(connector.SourceOptions(*sc, cfg.Location()), time.Now)
	if err != nil {
		return err
	}
	defer group.Close()
	src, err := group.Newest(cmd.Context())
	if err != nil {
		return err
	}
	srcName = src.Name()

	if err := src.Verify(cmd.Context(), job.Needs); err != nil {
		return catalog.Errorf("cmd.render.job_error", "job", job.Name, "err", err).Wrapping(err)
	}
	base, absent, err := job.SQLFor(cmd.Context(), src)
	if err != nil {
		return err
	}
	d := src.Dialect()
	var q string
	var args []any
	if f.key != "" {
		q = erp.KeyQuery(d, base, job.Key)
		if n, err := strconv.ParseInt(f.key, 10, 64); err == nil {
			args = []any{n}
		} else {
			args = []any{f.key}
		}
	} else {
		q = erp.NewestQuery(d, base, job.Key, f.limit)
	}
	out := cmd.OutOrStdout()
	if len(absent) > 0 {
		fmt.Fprintln(out, say("cmd.render.absent", "source", srcName, "note", f.lang.Reason(poll.AbsentNote(absent))))
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
		return catalog.Errorf("cmd.render.job_error", "job", job.Name, "err", err).Wrapping(err)
	}
	if rows == 0 {
		if f.key != "" {
			return errors.New(say("cmd.render.no_row", "job", job.Name, "source", srcName, "key", job.Key, "value", f.key))
		}
		fmt.Fprintln(out, say("cmd.render.no_rows", "job", job.Name, "source", srcName))
	}
	fmt.Fprintln(out, say("cmd.render.nothing_sent"))
	return nil
}

// printRendered shows one record as the customer would receive it.
func printRendered(w io.Writer, lang catalog.Lang, job *poll.Job, source string, rec erp.Record, planned []poll.Planned, show bool) {
	say := func(key catalog.Key, args ...any) string { return catalog.M(key, args...).In(lang) }
	fmt.Fprintln(w, say("cmd.render.header", "job", job.Name, "key", job.Key, "value", fmt.Sprint(rec[strings.ToUpper(job.Key)]), "source", source))
	if len(planned) == 0 && len(job.Steps()) > 0 {
		fmt.Fprintln(w, say("cmd.render.no_step"))
	}
	for _, r := range planned {
		label := r.Channel
		if !r.Label.IsZero() {
			label = r.Label.In(lang) + " " + r.Channel
		}
		if r.Skip != nil {
			fmt.Fprintln(w, say("cmd.render.skipped", "label", label, "reason", lang.Reason(*r.Skip)))
			continue
		}
		to := r.To
		if !show {
			to = mapping.MaskRecipient(to)
		}
		fmt.Fprintf(w, "%s → %s\n", label, to)
		if !r.NotBefore.IsZero() {
			fmt.Fprintln(w, "  "+say("cmd.render.waits", "at", stamp(r.NotBefore, job.Location())))
		}
		if r.SMS != nil {
			size := catalog.Key("cmd.render.sms_size")
			if r.SMS.Segments == 1 {
				size = "cmd.render.sms_size_one"
			}
			fmt.Fprintln(w, "  "+say("cmd.render.encoding", "encoding", catalog.M(size, "encoding", r.SMS.Encoding, "chars", r.SMS.Chars,
				"segments", r.SMS.Segments), "units", r.SMS.Units, "per", r.SMS.PerSegment))
		}
		if r.Subject != "" {
			fmt.Fprintf(w, "  %s: %s\n", say("cmd.render.subject"), r.Subject)
		}
		if r.Text != "" {
			fmt.Fprintf(w, "  %s:\n%s\n", say("cmd.render.text"), indent(r.Text))
		}
		if r.HTML != "" {
			fmt.Fprintf(w, "  html:\n%s\n", indent(r.HTML))
		}
		if len(r.Payload) > 0 {
			fmt.Fprintf(w, "  %s: %s\n", say("cmd.render.template"), r.Payload)
		}
		for _, a := range r.Attachments {
			fmt.Fprintln(w, "  "+say("cmd.render.attachment", "name", a.Name, "type", a.ContentType, "size", len(a.Data)))
		}
	}
	fmt.Fprintln(w)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n    ")
}
