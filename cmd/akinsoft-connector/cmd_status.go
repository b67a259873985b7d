package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// statusTokenEnv holds an API token for asking a service whose status page
// listens beyond loopback.
const statusTokenEnv = "AKINSOFT_STATUS_TOKEN"

func newStatusCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show jobs, the queue, channels and the last errors (works while the service runs)",
		Long: `Show what the status page shows, without a browser: each job's last and next run,
the queue per channel, today's messages, the last failures with their reasons,
and whether a channel is paused. Job and message facts come from the outbox
file; pause states come from the running service's /readyz.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			cfg, err := config.Load(g.configPath, config.Options{})
			if cfg == nil {
				return err
			}
			s, err := connector.OpenStore(ctx, cfg)
			if err != nil {
				return err
			}
			defer s.Close()
			o, err := status.CollectOverview(ctx, s, time.Now(), cfg.Location())
			if err != nil {
				return err
			}
			live := askService(ctx, cfg.Status)
			o.Channels = live.Channels
			if asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				return enc.Encode(o)
			}
			printStatus(cmd.OutOrStdout(), g.language(), cfg, o, live)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (the same as the page's /api/status)")
	cmd.AddCommand(newStatusOpenCmd(g))
	return cmd
}

// liveState is what the running service says about itself.
type liveState struct {
	Reached  bool
	Note     string                // why it could not be asked
	Ready    bool                  `json:"ready"`
	Checks   map[string]string     `json:"checks"`
	Channels []status.ChannelState `json:"channels"`
}

// askService reads /readyz of the running service, over loopback.
func askService(ctx context.Context, cfg config.Status) liveState {
	if cfg.Disabled {
		return liveState{Note: "the status page is disabled in the config, so pause states are unknown"}
	}
	if cfg.TLSCert != "" {
		return liveState{Note: "the status page speaks TLS; open it in a browser for pause states"}
	}
	url := "http://" + net.JoinHostPort("127.0.0.1", cfg.Listen.Port) + "/readyz"
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if tok := os.Getenv(statusTokenEnv); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := (&http.Client{Timeout: 20 * time.Second}).Do(req)
	if err != nil {
		return liveState{Note: "the service does not answer at " + url + ": is it running? (akinsoft-connector service status)"}
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		return liveState{Note: url + " needs an API token: set " + statusTokenEnv}
	}
	var l liveState
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&l); err != nil {
		return liveState{Note: fmt.Sprintf("unexpected answer from %s: %v", url, err)}
	}
	l.Reached = true
	return l
}

func printStatus(w io.Writer, lang catalog.Lang, cfg *config.Config, o status.Overview, live liveState) {
	loc := cfg.Location()
	when := func(t time.Time) string { return stamp(t, loc) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	defer tw.Flush()

	fmt.Fprintln(tw, "JOBS")
	fmt.Fprintln(tw, "  JOB\tLAST RUN\tTOOK\tROWS\tNEW\tSKIPPED\tOUTCOME\tNEXT RUN")
	runs := map[string]outbox.JobRun{}
	for _, r := range o.Jobs {
		runs[r.Job] = r
	}
	for _, j := range cfg.Jobs {
		if _, ok := runs[j.Name]; !ok {
			runs[j.Name] = outbox.JobRun{Job: j.Name}
		}
	}
	names := make([]string, 0, len(runs))
	for n := range runs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		r := runs[n]
		outcome := "ok"
		switch {
		case r.LastRun.IsZero():
			outcome = "never ran"
		case r.Err != "":
			outcome = "FAILED: " + oneLine(r.Err, 100)
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", n, when(r.LastRun), r.Duration.Round(time.Millisecond),
			r.Rows, r.New, r.Skipped, outcome, when(r.Next))
	}

	fmt.Fprintln(tw, "\nQUEUE")
	if len(o.Queues) == 0 {
		fmt.Fprintln(tw, "  empty")
	} else {
		fmt.Fprintln(tw, "  CHANNEL\tDUE NOW\tWAITING\tSENDING\tUNCERTAIN\tHELD")
		for _, q := range o.Queues {
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\t%d\n", q.Channel, q.Due, q.Later, q.Sending, q.Uncertain, q.Held)
		}
	}

	fmt.Fprintln(tw, "\nCHANNELS")
	if !live.Reached {
		fmt.Fprintf(tw, "  %s\n", live.Note)
	}
	for _, c := range live.Channels {
		if c.Paused {
			fmt.Fprintf(tw, "  %s\tPAUSED: %s\n", c.Name, oneLine(lang.Reason(c.Alert), 160))
		} else {
			fmt.Fprintf(tw, "  %s\trunning\n", c.Name)
		}
	}
	if live.Reached {
		for _, k := range []string{"erp", "outbox"} {
			if v := live.Checks[k]; v != "ok" {
				fmt.Fprintf(tw, "  %s\tPROBLEM: %s\n", k, oneLine(v, 160))
			}
		}
	}

	fmt.Fprintln(tw, "\nTODAY")
	printCounts(tw, o.Today)

	fmt.Fprintln(tw, "\nLAST ERRORS (failed, held, uncertain, skipped; 7 days)")
	if len(o.Problems) == 0 {
		fmt.Fprintln(tw, "  none")
	} else {
		fmt.Fprintln(tw, "  ID\tCREATED\tCHANNEL\tJOB\tRECIPIENT\tSTATUS\tREASON")
		for i, m := range o.Problems {
			if i == 10 {
				fmt.Fprintf(tw, "  … %d more: akinsoft-connector messages list --status failed\n", len(o.Problems)-i)
				break
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\n", m.ID, when(m.Created), m.Channel, m.Job, m.To, m.Status, oneLine(m.Reason, 100))
		}
	}
}

func printCounts(tw io.Writer, c map[string]map[outbox.Status]int) {
	if len(c) == 0 {
		fmt.Fprintln(tw, "  no messages")
		return
	}
	chans := make([]string, 0, len(c))
	for ch := range c {
		chans = append(chans, ch)
	}
	sort.Strings(chans)
	for _, ch := range chans {
		var parts []string
		sts := make([]outbox.Status, 0, len(c[ch]))
		for st := range c[ch] {
			sts = append(sts, st)
		}
		slices.Sort(sts)
		for _, st := range sts {
			parts = append(parts, fmt.Sprintf("%s %d", st, c[ch][st]))
		}
		fmt.Fprintf(tw, "  %s\t%s\n", ch, strings.Join(parts, ", "))
	}
}
