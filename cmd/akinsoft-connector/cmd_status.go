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
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
)

// statusTokenEnv holds an API token for asking a service whose status page
// listens beyond loopback.
const statusTokenEnv = "AKINSOFT_STATUS_TOKEN"

func newStatusCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status",
		Short: g.h("help.status"),
		Long:  g.h("help.status.long"),
		Args:  cobra.NoArgs,
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
			live := askService(ctx, cfg.Status, g.language())
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
	cmd.Flags().BoolVar(&asJSON, "json", false, g.h("help.status.json"))
	cmd.AddCommand(newStatusOpenCmd(g))
	return cmd
}

// liveState is what the running service says about itself.
type liveState struct {
	Reached bool
	Note    string            // why it could not be asked
	Ready   bool              `json:"ready"`
	Checks  map[string]string `json:"checks"`
	Told    map[string]string `json:"told"` // Checks in the language asked (a service older than this binary gives none)
	// NotOpened: each {year} source reading last year's database past
	// January, the year not opened in Wolvox, said in the language asked.
	NotOpened []string              `json:"not_opened"`
	Channels  []status.ChannelState `json:"channels"`
}

// askService reads /readyz of the running service, over loopback.
func askService(ctx context.Context, cfg config.Status, lang catalog.Lang) liveState {
	note := func(key catalog.Key, args ...any) liveState { return liveState{Note: catalog.M(key, args...).In(lang)} }
	if cfg.Disabled {
		return note("cmd.status.page_disabled")
	}
	if cfg.TLSCert != "" {
		return note("cmd.status.page_tls")
	}
	url := "http://" + net.JoinHostPort("127.0.0.1", cfg.Listen.Port) + "/readyz"
	ctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	// The failed checks' words come in the language the command speaks.
	req.AddCookie(&http.Cookie{Name: "akc_lang", Value: string(lang)})
	if tok := os.Getenv(statusTokenEnv); tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := (&http.Client{Timeout: 20 * time.Second}).Do(req)
	if err != nil {
		return note("cmd.status.no_answer", "url", url)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusUnauthorized {
		return note("cmd.status.needs_token", "url", url, "env", statusTokenEnv)
	}
	var l liveState
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&l); err != nil {
		return note("cmd.status.bad_answer", "url", url, "err", err)
	}
	l.Reached = true
	return l
}

func printStatus(w io.Writer, lang catalog.Lang, cfg *config.Config, o status.Overview, live liveState) {
	loc := cfg.Location()
	when := func(t time.Time) string { return stamp(t, loc) }
	say := func(key catalog.Key, args ...any) string { return catalog.M(key, args...).In(lang) }
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	defer tw.Flush()

	fmt.Fprintln(tw, say("cmd.status.jobs"))
	fmt.Fprintln(tw, say("cmd.status.jobs_header"))
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
	var grants []string // the fix of a read the database refused, whole: the outcome is cut short
	for _, n := range names {
		r := runs[n]
		outcome := say("cmd.status.ok")
		switch {
		case r.LastRun.IsZero():
			outcome = say("cmd.status.never_ran")
		case r.Err != "":
			words, _ := status.JobError(lang, r.Err, r.ErrTR)
			outcome = say("cmd.status.failed", "err", erp.Failure(r.Failure).Told(oneLine(words, 100)))
			if g := erp.GrantIn(r.Err); g != "" && erp.Failure(r.Failure) == erp.FailurePermission {
				grants = append(grants, say("cmd.status.grant", "job", n, "grant", g))
			}
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", n, when(r.LastRun), r.Duration.Round(time.Millisecond),
			r.Rows, r.New, r.Skipped, outcome, when(r.Next))
	}
	for _, g := range grants {
		fmt.Fprintln(tw, g)
	}

	fmt.Fprintln(tw, "\n"+say("cmd.status.queue"))
	if len(o.Queues) == 0 {
		fmt.Fprintln(tw, "  "+say("cmd.status.empty"))
	} else {
		fmt.Fprintln(tw, say("cmd.status.queue_header"))
		var quiet []string
		for _, q := range o.Queues {
			if until := heldByQuietHours(cfg, &q, time.Now()); !until.IsZero() && q.Later > 0 {
				quiet = append(quiet, say("cmd.once.quiet", "channel", q.Channel, "at", stamp(until, loc)))
			}
			fmt.Fprintf(tw, "  %s\t%d\t%d\t%d\t%d\t%d\n", q.Channel, q.Due, q.Later, q.Sending, q.Uncertain, q.Held)
		}
		for _, line := range quiet {
			fmt.Fprintln(tw, "  "+line)
		}
	}

	fmt.Fprintln(tw, "\n"+say("cmd.status.channels"))
	if !live.Reached {
		fmt.Fprintf(tw, "  %s\n", live.Note)
	}
	for _, c := range live.Channels {
		fmt.Fprintf(tw, "  %s\t%s\n", c.Name, channelState(lang, c, loc))
	}
	if live.Reached {
		// The Wolvox database and the outbox are no channels: their own
		// heading, in words, and only when there is something to say.
		var lines []string
		label := map[string]catalog.Key{"erp": "cmd.status.check.erp", "outbox": "cmd.status.check.outbox"}
		for _, k := range []string{"erp", "outbox"} {
			if v := live.Checks[k]; v != "ok" {
				if told := live.Told[k]; told != "" {
					v = told
				}
				lines = append(lines, fmt.Sprintf("  %s\t%s", say(label[k]), say("cmd.status.problem", "err", oneLine(v, 160))))
			}
		}
		for _, n := range live.NotOpened {
			lines = append(lines, fmt.Sprintf("  %s\t%s", say("cmd.status.check.erp"), oneLine(n, 200)))
		}
		if len(lines) > 0 {
			fmt.Fprintln(tw, "\n"+say("cmd.status.checks"))
			for _, l := range lines {
				fmt.Fprintln(tw, l)
			}
		}
	}

	fmt.Fprintln(tw, "\n"+say("cmd.status.today"))
	printCounts(tw, lang, o.Today)

	fmt.Fprintln(tw, "\n"+say("cmd.status.problems"))
	if len(o.Problems) == 0 {
		fmt.Fprintln(tw, "  "+say("cmd.status.none"))
	} else {
		fmt.Fprintln(tw, say("cmd.status.problems_header"))
		for i, m := range o.Problems {
			if i == 10 {
				fmt.Fprintln(tw, say("cmd.status.more", "n", len(o.Problems)-i))
				break
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.ID, when(m.Created), m.Channel, m.Job, aboutCell(lang, m), m.To, stateName(lang, m.Status),
				oneLine(m.ReasonIn(string(lang)), 100))
		}
	}
}

// channelState says what the status page says of a channel: paused and
// why, or running (in quiet hours until when); and a balance under the
// channel's low_credit with what the account holds.
func channelState(lang catalog.Lang, c status.ChannelState, loc *time.Location) string {
	say := func(key catalog.Key, args ...any) string { return catalog.M(key, args...).In(lang) }
	s := say("cmd.status.running")
	switch {
	case c.Paused:
		s = say("cmd.status.paused", "reason", oneLine(lang.Reason(c.Alert), 160))
	case !c.QuietUntil.IsZero():
		s = say("cmd.status.running_quiet", "at", stamp(c.QuietUntil, loc))
	}
	if c.Credit != nil && c.Credit.Low {
		s += "; " + c.Credit.Warning(lang)
	}
	return s
}

// stateName is a message state as people read it ("Gönderildi", "Sent").
func stateName(lang catalog.Lang, st outbox.Status) string { return lang.Text(stateKey(st), nil) }

// stateKey is the catalog's name of st as people read it.
func stateKey(st outbox.Status) catalog.Key { return catalog.Key("state." + string(st)) }

func printCounts(tw io.Writer, lang catalog.Lang, c map[string]map[outbox.Status]int) {
	if len(c) == 0 {
		fmt.Fprintln(tw, "  "+lang.Text("cmd.status.no_messages", nil))
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
			parts = append(parts, fmt.Sprintf("%s %d", stateName(lang, st), c[ch][st]))
		}
		fmt.Fprintf(tw, "  %s\t%s\n", ch, strings.Join(parts, ", "))
	}
}
