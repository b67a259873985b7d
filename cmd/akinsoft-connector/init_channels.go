package main

import (
	"context"
	"errors"
	"io"
	"strconv"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector"
	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// providerNames are how people know the providers.
var providerNames = map[string]string{"netgsm": "NetGSM", "mutlucell": "Mutlucell", "whatsapp_cloud": "WhatsApp Cloud API", "smtp": "SMTP"}

// channels asks for each channel's provider and credentials, stores the
// passwords in the vault and checks them with the provider without
// sending anything.
func (s *setup) channels(ctx context.Context) error {
	sms, err := s.p.choice("sms", "netgsm", "netgsm", "mutlucell", "yok", "none")
	if err != nil {
		return err
	}
	caFile, _ := s.p.ask("ca-file", "")
	switch sms {
	case "netgsm":
		url, _ := s.p.ask("netgsm-url", "")
		ch := &config.StarterChannel{Provider: "netgsm", URL: url, CAFile: caFile, Secret: "netgsm"}
		err = s.provider(ctx, "sms", ch, []field{{key: "netgsm-user", dst: &ch.User}, {key: "netgsm-password"},
			{key: "netgsm-header", dst: &ch.Sender, check: s.msgHeader}})
	case "mutlucell":
		url, _ := s.p.ask("mutlucell-url", "")
		ch := &config.StarterChannel{Provider: "mutlucell", URL: url, CAFile: caFile, Secret: "mutlucell"}
		err = s.provider(ctx, "sms", ch, []field{{key: "mutlucell-user", dst: &ch.User}, {key: "mutlucell-password"},
			{key: "mutlucell-originator", dst: &ch.Sender}})
	}
	if err != nil {
		return err
	}
	if ok, err := s.p.yes("whatsapp", false); err != nil {
		return err
	} else if ok {
		url, _ := s.p.ask("whatsapp-url", "")
		ch := &config.StarterChannel{Provider: "whatsapp_cloud", URL: url, CAFile: caFile, Secret: "whatsapp_token"}
		if err := s.provider(ctx, "whatsapp", ch, []field{{key: "whatsapp-phone-id", dst: &ch.PhoneID}, {key: "whatsapp-token"}}); err != nil {
			return err
		}
	}
	if ok, err := s.p.yes("email", s.starter.SMS == nil); err != nil {
		return err
	} else if ok {
		ch := &config.StarterChannel{Provider: "smtp", CAFile: caFile, Secret: "smtp", Port: 587}
		port := "587"
		fields := []field{{key: "smtp-host", dst: &ch.Host}, {key: "smtp-port", dst: &port, def: "587"}, {key: "smtp-user", dst: &ch.User},
			{key: "smtp-password"}, {key: "smtp-from", dst: &ch.Sender}}
		if err := s.provider(ctx, "email", ch, fields, func() { ch.Port, _ = strconv.Atoi(port) }); err != nil {
			return err
		}
	}
	if s.starter.SMS == nil && s.starter.WhatsApp == nil && s.starter.Email == nil {
		return s.p.errorf("init.no_channel")
	}
	return nil
}

// field is one answer a provider needs: into dst, or into the vault (a
// nil dst is the secret).
type field struct {
	key   string
	dst   *string
	def   string
	check func(string) error // what the config would refuse, asked again at once
}

// msgHeader refuses a NetGSM sender title check would refuse (a Turkish
// letter, more than 11 characters) when it is typed, in check's words: it
// went into the config unchecked, and came back as an unclassified NetGSM
// error in English, naming a line of a file not yet written.
func (s *setup) msgHeader(h string) error {
	if msg, hint := config.MsgHeaderProblem(h); !msg.IsZero() {
		return errors.New(catalog.M("config.with_hint", "msg", msg, "hint", hint).In(s.l))
	}
	return nil
}

// provider asks for a channel's fields until its provider accepts them
// (on a terminal) or once (from a script).
func (s *setup) provider(ctx context.Context, channel string, ch *config.StarterChannel, fields []field, after ...func()) error {
	name := providerNames[ch.Provider]
	for {
		for _, f := range fields {
			def := f.def
			if f.dst != nil && *f.dst != "" {
				def = *f.dst
			}
			if f.key == "smtp-from" && def == "" {
				def = ch.User // the mailbox logged in to, most often
			}
			var v string
			var err error
			if f.dst == nil {
				v, err = s.p.ask(f.key, "")
			} else if f.key == "smtp-port" {
				var n int
				n, err = s.port(def)
				v = strconv.Itoa(n)
			} else if f.check != nil {
				v, err = s.p.askValid(f.key, def, func(a string) (string, error) {
					if a == "" {
						return "", s.p.errorf("init.empty")
					}
					return a, f.check(a)
				})
			} else {
				v, err = s.p.required(f.key, def)
			}
			if err != nil {
				return err
			}
			if f.dst == nil {
				if err := s.storeSecret(ch.Secret, v); err != nil {
					return err
				}
			} else {
				*f.dst = v
			}
		}
		for _, a := range after {
			a()
		}
		s.setChannel(channel, ch)
		s.p.say("init.checking", "provider", name)
		err := s.checkProvider(ctx, channel)
		if err == nil {
			return nil
		}
		s.p.say("init.check_failed", "provider", name, "reason", s.l.ProviderError(notify.AsError(err)))
		if !s.p.interactive {
			return s.p.errorf("init.stopped_provider", "provider", name)
		}
		if again, err := s.p.yes("retry", true); err != nil || !again {
			if err == nil {
				err = s.p.errorf("init.stopped_provider", "provider", name)
			}
			return err
		}
	}
}

func (s *setup) setChannel(channel string, ch *config.StarterChannel) {
	switch channel {
	case "sms":
		s.starter.SMS = ch
	case "whatsapp":
		s.starter.WhatsApp = ch
	case "email":
		s.starter.Email = ch
	}
}

// newProvider builds a channel's provider from the config the answers
// make, as the service will; to is the recipient of what it sends ("" for
// a check of the account).
func (s *setup) newProvider(ctx context.Context, channel, to string) (notify.Provider, *config.Config, error) {
	cfg, err := s.config()
	if err != nil {
		return nil, nil, err
	}
	p, err := s.providerFor(ctx, cfg, channel, to)
	return p, cfg, err
}

// providerFor is cfg's provider of channel, whose requests go to the
// audit of the service's outbox (s.audit).
func (s *setup) providerFor(ctx context.Context, cfg *config.Config, channel, to string) (notify.Provider, error) {
	return connector.NewProvider(channel, cfg.Channels.ByName()[channel],
		connector.ProviderOptions{Console: io.Discard, Audit: s.audit(ctx, cfg, to)})
}

// audit is the hook that writes each request init makes to a provider
// (the account checks, the test messages, the WhatsApp templates tried on
// the owner's phone) to the audit of the outbox the service will use, as
// send-test does: the rows `audit` lists, a test message's with the
// recipient's keyed hash for forget to find. The outbox is the one in the
// state folder of the config the answers make, which is the folder the
// config init writes names (paths decides it before the first question,
// and nothing changes it afterwards); it is made there if it is not there
// yet, beside the vault, and like the vault given to the service's
// account at the end (handOver). It is opened at the first request and
// kept until the service step. An outbox that cannot be opened (the state
// folder's marker says it was lost, say) is said once and the set-up goes
// on unrecorded; a row that cannot be written is a warning: the request
// has left already.
func (s *setup) audit(ctx context.Context, cfg *config.Config, to string) httpclient.AuditFunc {
	if s.store == nil && !s.storeTried {
		s.storeTried = true
		store, err := connector.OpenStore(ctx, cfg)
		if err != nil {
			s.p.say("init.audit_unopened", "err", s.g.errText(err))
		}
		s.store = store
	}
	if s.store == nil {
		return nil
	}
	return connector.AuditTo(s.store, to, auditWarning(s.g, s.out))
}

// closeOutbox closes the outbox init's requests were written to, once
// they are all made: before the service, which may be started now, uses it.
func (s *setup) closeOutbox() {
	if s.store != nil {
		s.store.Close()
		s.store = nil
	}
}

func (s *setup) checkProvider(ctx context.Context, channel string) error {
	p, _, err := s.newProvider(ctx, channel, "")
	if err != nil {
		return err
	}
	c, ok := p.(connector.Checker)
	if !ok {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	r, err := c.Check(ctx)
	if err != nil {
		return err
	}
	s.p.say("init.check_ok", "provider", providerNames[s.providerOf(channel)], "result", s.l.Reason(r))
	return nil
}

func (s *setup) providerOf(channel string) string {
	switch channel {
	case "sms":
		return s.starter.SMS.Provider
	case "whatsapp":
		return s.starter.WhatsApp.Provider
	}
	return s.starter.Email.Provider
}

// testMessages sends one real message on each channel to the person
// setting up: the last proof that the provider, the sender name and the
// number format all work, before any customer is messaged.
func (s *setup) testMessages(ctx context.Context) error {
	if s.starter.SMS != nil || s.starter.WhatsApp != nil {
		phone, err := s.p.askValid("owner-phone", "", func(a string) (string, error) {
			if _, err := mapping.NormalizeMobile(a, "TR"); err != nil {
				return "", errors.New(s.l.Reason(mapping.SkipReason(err)))
			}
			return a, nil
		})
		if err != nil {
			return err
		}
		s.ownerPhone = phone
		if s.starter.SMS != nil {
			if err := s.sendTest(ctx, "sms", phone); err != nil {
				return err
			}
		}
		if s.starter.WhatsApp != nil {
			s.p.say("init.whatsapp_test_note")
			if err := s.sendTest(ctx, "whatsapp", phone); err != nil {
				return err
			}
		}
	}
	if s.starter.Email != nil {
		to, err := s.p.askValid("owner-email", "", func(a string) (string, error) {
			if _, err := mapping.NormalizeEmail(a); err != nil {
				return "", errors.New(s.l.Reason(mapping.SkipReason(err)))
			}
			return a, nil
		})
		if err != nil {
			return err
		}
		return s.sendTest(ctx, "email", to)
	}
	return nil
}

func (s *setup) sendTest(ctx context.Context, channel, to string) error {
	cfg, err := s.config()
	if err != nil {
		return err
	}
	m, err := testMessage(cfg, channel, to, s.l.Text("init.test_text", nil), s.l.Text("init.test_subject", nil), "hello_world", "en_US")
	if err != nil {
		return err
	}
	p, err := s.providerFor(ctx, cfg, channel, m.To)
	if err != nil {
		return err
	}
	s.p.say(catalog.Key("init.sending_test_"+channel), "to", mapping.MaskRecipient(m.To))
	return s.trySend(ctx, p, m, nil)
}

// trySend sends one of init's tests until the provider takes it: on a
// refusal a terminal is asked whether to try again and a script stops.
// stop, when set, may turn a refusal into the error to stop with at once.
// Meta's hold-back of messages to one number in quick succession is waited
// out once: the test before may have just gone to the same phone.
func (s *setup) trySend(ctx context.Context, p notify.Provider, m notify.Message, stop func(error) error) error {
	waited := false
	for {
		sctx, cancel := context.WithTimeout(ctx, time.Minute)
		res, err := p.Send(sctx, m)
		cancel()
		if err == nil {
			s.p.say("init.test_sent", "id", res.ProviderID)
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		e := notify.AsError(err)
		if e.Code == pairRateLimited && !waited {
			waited = true
			s.p.say("init.waiting_pair_rate")
			select {
			case <-time.After(pairRateWait):
				continue
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if stop != nil {
			if err := stop(err); err != nil {
				return err
			}
		}
		s.p.say("init.test_refused", "reason", s.l.ProviderError(e))
		if !s.p.interactive {
			return s.p.errorf("init.stopped_test")
		}
		if again, err := s.p.yes("retry", true); err != nil || !again {
			if err == nil {
				err = s.p.errorf("init.stopped_test")
			}
			return err
		}
	}
}

// pairRateLimited is Meta's answer to too many messages to one number in a
// short time; pairRateWait is a little over the time it asks between two.
const (
	pairRateLimited = "131056"
	pairRateWait    = 7 * time.Second
)
