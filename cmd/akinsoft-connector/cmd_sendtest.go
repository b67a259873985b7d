package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/spf13/cobra"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
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
				if n := checkProviders(ctx, cfg, channel, out, g.language()); n > 0 {
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
			p, err := connector.NewProvider(channel, ch, connector.ProviderOptions{Console: out})
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
// sending, and returns how many failed. The check command can call it too.
func checkProviders(ctx context.Context, cfg *config.Config, only string, out io.Writer, lang catalog.Lang) int {
	failed := 0
	for _, name := range channelNames(cfg) {
		if only != "" && name != only {
			continue
		}
		ch := cfg.Channels.ByName()[name]
		p, err := connector.NewProvider(name, ch, connector.ProviderOptions{Console: io.Discard})
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
