package main

import (
	"context"
	"encoding/json"
	"errors"
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
		Short: "Send one real test message through a configured channel and print the provider's answer",
		Long: `send-test sends ONE real message through the channel's configured provider and prints
exactly what the provider answered. It does not touch the outbox.

  akinsoft-connector send-test --config FILE --channel sms --to 05321234567
  akinsoft-connector send-test --channel whatsapp --to 05321234567 --template hello_world --language en_US
  akinsoft-connector send-test --check        (verify every provider's credentials without sending)`,
		Args: cobra.NoArgs,
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
					return fmt.Errorf("%d provider(s) failed the check", n)
				}
				return nil
			}
			if channel == "" || to == "" {
				return &usageError{"send-test needs --channel and --to (or --check)"}
			}
			ch := cfg.Channels.ByName()[channel]
			if ch == nil {
				return &usageError{fmt.Sprintf("channel %q is not configured (configured: %v)", channel, channelNames(cfg))}
			}
			m, err := testMessage(cfg, channel, to, text, subject, template, language)
			if err != nil {
				return &usageError{err.Error()}
			}
			p, err := connector.NewProvider(channel, ch, connector.ProviderOptions{Console: out})
			if err != nil {
				return fmt.Errorf("channel %s: %w", channel, err)
			}
			fmt.Fprintf(out, "sending a test %s message to %s through %s…\n", channel, mapping.MaskRecipient(m.To), ch.Provider)
			res, err := p.Send(ctx, m)
			if err != nil {
				printOutcome(out, g.language(), err)
				return errors.New("the provider did not accept the test message")
			}
			fmt.Fprintf(out, "accepted: provider id %s\n", res.ProviderID)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&channel, "channel", "", "channel to test: sms, whatsapp, email or webhook")
	f.StringVar(&to, "to", "", "recipient: a mobile number (0532…, +90532…) or an e-mail address")
	f.StringVar(&text, "text", "akinsoft-connector test message / deneme mesajı", "message text (sms, email, webhook)")
	f.StringVar(&subject, "subject", "akinsoft-connector test", "e-mail subject")
	f.StringVar(&template, "template", "hello_world", "WhatsApp: an approved template without parameters")
	f.StringVar(&language, "language", "en_US", "WhatsApp: the template's language code")
	f.BoolVar(&checkOnly, "check", false, "verify credentials (balance, sender names, login) without sending")
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
		return m, fmt.Errorf("--to %q: %v", to, err)
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
	what := map[error]string{
		notify.ErrRetry:     "NOT SENT (temporary; the daemon would retry later)",
		notify.ErrPermanent: "REFUSED (permanent for this message)",
		notify.ErrConfig:    "REFUSED: credentials or account settings (the daemon would pause this channel)",
		notify.ErrUnknown:   "UNKNOWN: the provider may have taken it; check before sending again",
	}[notify.Classify(err)]
	fmt.Fprintln(w, what)
	if e.Code != "" {
		fmt.Fprintf(w, "  code:   %s\n", e.Code)
	}
	if !e.Why.IsZero() {
		fmt.Fprintf(w, "  reason: %s\n", lang.Reason(e.Why))
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(w, "  retry after: %s\n", e.RetryAfter)
	}
	if e.Err != nil {
		fmt.Fprintf(w, "  detail: %v\n", e.Err)
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
			fmt.Fprintf(out, "channel %s (%s): %v\n", name, ch.Provider, err)
			failed++
			continue
		}
		c, ok := p.(connector.Checker)
		if !ok {
			fmt.Fprintf(out, "channel %s (%s): nothing to check\n", name, ch.Provider)
			continue
		}
		msg, err := c.Check(ctx)
		if err != nil {
			fmt.Fprintf(out, "channel %s (%s): ", name, ch.Provider)
			printOutcome(out, lang, err)
			failed++
			continue
		}
		fmt.Fprintf(out, "channel %s (%s): %s\n", name, ch.Provider, lang.Reason(msg))
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
