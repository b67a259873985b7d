package demo

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/internal/sqlitefile"
)

//go:embed demo.yaml
var demoConfig []byte

// Options for a demo run.
type Options struct {
	Dir    string       // where to create the database and state; must be empty or new
	Out    io.Writer    // the story and the console provider's messages
	Logger *slog.Logger // daemon logs; nil discards them
	Lang   catalog.Lang // the language of the story (Turkish when empty)
}

// Summary is what the demo did, for tests.
type Summary struct {
	Runs []RunSummary
}

// RunSummary is one run of the demo job.
type RunSummary struct {
	Rows, Sent, Skipped int
}

// Run creates the demo database in opts.Dir and runs the new-invoice job
// three times: the existing invoices, then after three new invoices, then
// once more to show nothing is sent twice.
func Run(ctx context.Context, opts Options) (Summary, error) {
	var sum Summary
	out := opts.Out
	lang := opts.Lang
	if lang == "" {
		lang = catalog.TR
	}
	say := func(key catalog.Key, args ...any) { fmt.Fprintln(out, catalog.M(key, args...).In(lang)) }
	dbPath := filepath.Join(opts.Dir, "demo.db")
	cfgPath := filepath.Join(opts.Dir, "config.yaml")
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return sum, err
	}
	if err := CreateDB(ctx, dbPath); err != nil {
		return sum, err
	}
	if err := os.WriteFile(cfgPath, demoConfig, 0o600); err != nil {
		return sum, err
	}
	cfg, err := config.Load(cfgPath, config.Options{})
	if err != nil {
		return sum, fmt.Errorf("demo config: %w", err)
	}
	d, err := connector.New(ctx, cfg, connector.Options{Logger: opts.Logger, Console: out})
	if err != nil {
		return sum, err
	}
	defer d.Close()

	say("demo.title")
	say("demo.database", "path", dbPath, "customers", len(Customers), "invoices", len(Invoices))
	say("demo.files", "config", cfgPath, "outbox", connector.OutboxPath(cfg))
	fmt.Fprintln(out)

	run := func(title catalog.Msg) error {
		fmt.Fprintf(out, "── %s ──\n", title.In(lang))
		before, err := lastID(ctx, d.Store())
		if err != nil {
			return err
		}
		results, err := d.RunJob(ctx, "new-invoices")
		if err != nil {
			return err
		}
		sent, err := d.Drain(ctx)
		if err != nil {
			return err
		}
		rs := RunSummary{Sent: sent}
		for _, r := range results {
			rs.Rows += r.Rows
			rs.Skipped += r.Skipped
		}
		skipped, err := d.Store().List(ctx, outbox.Filter{Status: outbox.StatusSkipped, Limit: 1000})
		if err != nil {
			return err
		}
		var lines []string
		for i := len(skipped) - 1; i >= 0; i-- {
			m := skipped[i]
			if m.ID > before {
				lines = append(lines, "  ✗ "+catalog.M("demo.skipped_row", "key", m.RecordKey, "channel", m.Channel, "reason", lang.Reason(m.Reason)).In(lang))
			}
		}
		if len(lines) > 0 {
			say("demo.skipped")
			fmt.Fprintln(out, strings.Join(lines, "\n"))
		}
		say("demo.run_summary", "rows", rs.Rows, "sent", rs.Sent, "skipped", rs.Skipped)
		fmt.Fprintln(out)
		sum.Runs = append(sum.Runs, rs)
		return nil
	}

	if err := run(catalog.M("demo.run1")); err != nil {
		return sum, err
	}
	uri, err := sqlitefile.URI(dbPath, nil)
	if err != nil {
		return sum, err
	}
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return sum, err
	}
	defer db.Close()
	var nos []string
	for _, f := range LaterInvoices {
		nos = append(nos, f.No)
	}
	fmt.Fprintf(out, "── %s ──\n\n", catalog.M("demo.new_invoices", "n", len(nos), "invoices", strings.Join(nos, ", ")).In(lang))
	if err := InsertInvoices(ctx, db, LaterInvoices); err != nil {
		return sum, err
	}
	if err := run(catalog.M("demo.run2")); err != nil {
		return sum, err
	}
	if err := run(catalog.M("demo.run3")); err != nil {
		return sum, err
	}
	counts, err := d.Store().Counts(ctx, time.Time{})
	if err != nil {
		return sum, err
	}
	var totals []string
	for _, st := range []outbox.Status{outbox.StatusSent, outbox.StatusDelivered, outbox.StatusSkipped, outbox.StatusFailed, outbox.StatusPending} {
		if n := counts["sms"][st]; n > 0 {
			totals = append(totals, catalog.M("demo.total", "n", n, "state", catalog.M(catalog.Key("demo.state."+string(st)))).In(lang))
		}
	}
	say("demo.totals", "totals", strings.Join(totals, ", "))
	say("demo.done")
	return sum, nil
}

func lastID(ctx context.Context, s *outbox.Store) (int64, error) {
	ms, err := s.List(ctx, outbox.Filter{Limit: 1})
	if err != nil || len(ms) == 0 {
		return 0, err
	}
	return ms[0].ID, nil
}

// ConfigYAML is the demo's config file, to render its jobs on a database
// CreateDB wrote beside it.
func ConfigYAML() []byte { return append([]byte(nil), demoConfig...) }
