package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/consent"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

func newSendTestCmd(g *globals) *cobra.Command {
	var channel, to, text, subject, template, language string
	var checkOnly bool
	cmd := &cobra.Command{
		Use:   "send-test",
		Short: g.h("help.send_test"),
		Long:  g.h("help.send_test.long"),
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, err := loadConfig(g)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			ctx, cancel := context.WithTimeout(cmd.Context(), 2*time.Minute)
			defer cancel()
			if checkOnly {
				_, audit, done, err := sendTestOutbox(ctx, g, cfg, "", cmd.ErrOrStderr())
				if err != nil {
					return err
				}
				defer done()
				if n := checkProviders(ctx, cfg, channel, out, g.language(), audit); n > 0 {
					return g.sayErr("cmd.sendtest.check_failed", "n", n)
				}
				return nil
			}
			if channel == "" || to == "" {
				return &usageError{g.say("cmd.sendtest.needs_args")}
			}
			ch := cfg.Channels.ByName()[channel]
			if ch == nil {
				return &usageError{g.say("cmd.sendtest.no_channel", "name", fmt.Sprintf("%q", channel), "channels", fmt.Sprint(channelNames(cfg)))}
			}
			m, err := testMessage(cfg, channel, to, text, subject, template, language)
			if err != nil {
				return &usageError{g.say("cmd.sendtest.bad_to", "value", fmt.Sprintf("%q", to), "reason", addressReason(g, to, err))}
			}
			s, audit, done, err := sendTestOutbox(ctx, g, cfg, m.To, cmd.ErrOrStderr())
			if err != nil {
				return err
			}
			defer done()
			if err := checkRecipient(ctx, g, cfg, s, channel, m.To); err != nil {
				return err
			}
			p, err := connector.NewProvider(channel, ch, connector.ProviderOptions{Console: out, Audit: audit})
			if err != nil {
				return catalog.Errorf("cmd.sendtest.channel_error", "channel", channel, "err", err).Wrapping(err)
			}
			fmt.Fprintln(out, g.say("cmd.sendtest.sending", "channel", channel, "to", mapping.MaskRecipient(m.To), "provider", ch.Provider))
			res, err := p.Send(ctx, m)
			if err != nil {
				printOutcome(out, g.language(), err)
				return g.sayErr("cmd.sendtest.not_accepted")
			}
			fmt.Fprintln(out, g.say("cmd.sendtest.accepted", "id", res.ProviderID))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&channel, "channel", "", g.h("help.send_test.channel"))
	f.StringVar(&to, "to", "", g.h("help.send_test.to"))
	f.StringVar(&text, "text", "akinsoft-connector test message / deneme mesajı", g.h("help.send_test.text"))
	f.StringVar(&subject, "subject", "akinsoft-connector test", g.h("help.send_test.subject"))
	f.StringVar(&template, "template", "hello_world", g.h("help.send_test.template"))
	f.StringVar(&language, "language", "en_US", g.h("help.send_test.language"))
	f.BoolVar(&checkOnly, "check", false, g.h("help.send_test.check"))
	return cmd
}

// sendTestOutbox opens the service's outbox for send-test: its opt-out
// list is checked before the message goes, and each request it makes is
// written to its audit, the rows `audit` lists. Like optout and forget it
// works while the service runs (SQLite's write-ahead log lets both write;
// a commit waits for the other's, up to ten seconds); it takes no instance
// lock, which only keeps two services from sharing the folder. done closes
// the outbox and, for a command run as root on Linux, gives what it created
// in the service's state folder to the service account. to is the test
// message's recipient ("" for --check), whose keyed hash the audit rows keep
// so that forget finds them. An audit row that cannot be written is a
// warning on errOut: the request has left already.
func sendTestOutbox(ctx context.Context, g *globals, cfg *config.Config, to string, errOut io.Writer) (*outbox.Store, httpclient.AuditFunc, func(), error) {
	s, err := connector.OpenStore(ctx, cfg)
	if err != nil {
		return nil, nil, nil, err
	}
	done := func() {
		s.Close()
		handOverState(string(cfg.StateDir))
	}
	return s, connector.AuditTo(s, to, auditWarning(g, errOut)), done, nil
}

// auditWarning is what a command that makes requests outside the service
// (send-test, check --providers, init) does with an audit row it could not
// write: a warning on w, never a failure of the command, the request having
// left already.
func auditWarning(g *globals, w io.Writer) func(httpclient.AuditRecord, error) {
	return func(r httpclient.AuditRecord, err error) {
		fmt.Fprintln(w, g.say("cmd.audit.write_failed", "host", r.Host, "err", g.errText(err)))
	}
}

// checkRecipient refuses a test message to a recipient who must not get it:
// the check is the dispatcher's (outbox.Store.Refused reads the opt-out
// list and forget's suppressions as a take does, and dispatch.RefusalReason
// says why), with every refusal of the channel counting, a refusal of
// commercial messages too: a test message is no invoice or reminder, which
// the law lets go on. A refusal the outbox knows İYS holds stops it as well;
// İYS itself is not asked, the message needing no consent. A refusal is a
// usage error (exit 2): the same command fails again until the recipient
// or the list changes. A list that cannot be read sends nothing either,
// as in the service, and is a runtime failure (exit 1).
func checkRecipient(ctx context.Context, g *globals, cfg *config.Config, s *outbox.Store, channel, to string) error {
	unreadable := func(err error) error {
		return catalog.Errorf("cmd.sendtest.refusal_unreadable", "err", g.errText(err)).Wrapping(err)
	}
	e, refused, err := s.Refused(ctx, to, channel, true)
	if err != nil {
		return unreadable(err)
	}
	lang, loc := g.language(), cfg.Location()
	if loc == nil {
		loc = config.DefaultLocation()
	}
	var why string
	var hint catalog.Msg
	remove := optOutRemoveCmd(g, to)
	switch {
	case refused && e.Recipient == "": // a suppression: forget erased the address
		why, hint = g.say("cmd.sendtest.forgotten"), catalog.M("cmd.sendtest.hint.forgotten", "cmd", remove)
	case refused:
		why, hint = lang.Reason(dispatch.RefusalReason(e, loc)), catalog.M("cmd.sendtest.hint.optout", "cmd", remove)
		if e.Source == outbox.SourceReply || e.Source == outbox.SourceProvider {
			hint = catalog.M("cmd.sendtest.hint.refused", "cmd", remove)
		}
	default:
		r, iys, err := consent.KnownRefusal(ctx, s, to, channel)
		if err != nil {
			return unreadable(err)
		}
		if !iys {
			return nil
		}
		why, hint = lang.Reason(r), catalog.M("cmd.sendtest.hint.iys")
	}
	return &usageError{g.say("cmd.sendtest.refused", "to", mapping.MaskRecipient(to), "channel", channel, "why", why, "hint", hint)}
}

// optOutRemoveCmd is the command that lifts to's refusals (and a
// suppression left by forget), as the operator would type it: with
// --config when another file than the default was used.
func optOutRemoveCmd(g *globals, to string) string {
	if n := mapping.NormalizeAddress(to, ""); n != "" {
		to = n
	}
	return commandLine(g, "optout", "remove", to)
}

// commandLine is a command of the connector as the operator would type it:
// with --config when another file than the default was used, and the words
// a shell would split or expand quoted.
func commandLine(g *globals, words ...string) string {
	args := append([]string{"akinsoft-connector"}, words...)
	if g.configPath != "" && g.configPath != defaultConfigPath() {
		args = append(args, "--config", g.configPath)
	}
	for i, a := range args {
		if strings.ContainsAny(a, " \t'\"&|;<>()$`*?") {
			args[i] = `"` + a + `"`
		}
	}
	return strings.Join(args, " ")
}

func testMessage(cfg *config.Config, channel, to, text, subject, template, language string) (notify.Message, error) {
	m := notify.Message{DedupeKey: "send-test", Message: mapping.Message{Channel: channel, Text: text, Subject: subject}}
	var err error
	switch channel {
	case notify.ChannelEmail:
		m.To, err = mapping.NormalizeEmail(to)
	case notify.ChannelWebhook:
		m.To = to
	default:
		region := cfg.Formats.PhoneRegion
		if region == "" {
			region = "TR"
		}
		m.To, err = mapping.NormalizeMobile(to, region)
	}
	if err != nil {
		return m, err
	}
	if channel == notify.ChannelWhatsApp {
		m.Payload, _ = json.Marshal(map[string]any{"name": template,
			"language": map[string]string{"code": language, "policy": "deterministic"}})
	}
	return m, nil
}

// printOutcome shows a refusal the way IT staff need it: the class, the
// provider's code, and its reason in the reader's language with the
// provider's own words.
func printOutcome(w io.Writer, lang catalog.Lang, err error) {
	e := notify.AsError(err)
	what := map[error]catalog.Key{
		notify.ErrRetry:     "cmd.sendtest.outcome.retry",
		notify.ErrPermanent: "cmd.sendtest.outcome.permanent",
		notify.ErrConfig:    "cmd.sendtest.outcome.config",
		notify.ErrUnknown:   "cmd.sendtest.outcome.unknown",
	}[notify.Classify(err)]
	fmt.Fprintln(w, lang.Text(what, nil))
	field := func(key catalog.Key, v any) { fmt.Fprintf(w, "  %s %v\n", lang.Text(key, nil), v) }
	if e.Code != "" {
		field("cmd.sendtest.code", e.Code)
	}
	if !e.Why.IsZero() {
		field("cmd.sendtest.reason", lang.Reason(e.Why))
	}
	if e.RetryAfter > 0 {
		field("cmd.sendtest.retry_after", e.RetryAfter)
	}
	if e.Err != nil {
		field("cmd.sendtest.detail", e.Err)
	}
}

// checkProviders verifies each configured provider (or only channel) without
// sending, and returns how many failed: send-test --check and check
// --providers. audit receives its requests (both record them in the
// outbox's audit; see checkProvidersAudited for check's).
func checkProviders(ctx context.Context, cfg *config.Config, only string, out io.Writer, lang catalog.Lang, audit httpclient.AuditFunc) int {
	failed := 0
	for _, name := range channelNames(cfg) {
		if only != "" && name != only {
			continue
		}
		ch := cfg.Channels.ByName()[name]
		p, err := connector.NewProvider(name, ch, connector.ProviderOptions{Console: io.Discard, Audit: audit})
		if err != nil {
			fmt.Fprintf(out, "%s: %v\n", lang.Text("cmd.sendtest.channel", map[string]string{"channel": name, "provider": ch.Provider}), err)
			failed++
			continue
		}
		c, ok := p.(connector.Checker)
		if !ok {
			fmt.Fprintf(out, "%s: %s\n", lang.Text("cmd.sendtest.channel", map[string]string{"channel": name, "provider": ch.Provider}), lang.Text("cmd.sendtest.nothing_to_check", nil))
			continue
		}
		msg, err := c.Check(ctx)
		if err != nil {
			fmt.Fprintf(out, "%s: ", lang.Text("cmd.sendtest.channel", map[string]string{"channel": name, "provider": ch.Provider}))
			printOutcome(out, lang, err)
			failed++
			continue
		}
		fmt.Fprintf(out, "%s: %s\n", lang.Text("cmd.sendtest.channel", map[string]string{"channel": name, "provider": ch.Provider}), lang.Reason(msg))
	}
	return failed
}

func channelNames(cfg *config.Config) []string {
	var names []string
	for n := range cfg.Channels.ByName() {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
