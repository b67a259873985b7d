package connector

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/consent"
	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/inbound"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
)

// The daemon's listening side (connector/inbound, connector/consent): the
// SMS inbox poller, the copies of refusals to the blacklist and İYS, İYS
// consent for commercial messages, and WhatsApp's webhook receiver.

type twoWay struct {
	consent  *consent.Checker // nil: no iys: setting
	poller   *inbound.Poller  // nil: no inbox is read
	syncer   *inbound.Syncer
	receiver *inbound.Receiver // nil: no whatsapp_webhook: setting
	classify *inbound.Classifier
}

// openConsent builds the İYS consent checker, before the channels that
// use it (opts' Audit is already the daemon's).
func (d *Daemon) openConsent(opts Options) error {
	cfg := d.cfg
	d.tw = &twoWay{classify: inbound.NewClassifier(cfg.Replies.Words(), brandNames(cfg))}
	i := cfg.IYS
	if i == nil {
		return nil
	}
	ic := netgsm.IYSConfig{URL: i.URL, UserCode: i.UserCode, Password: i.Password.Reveal(), BrandCode: i.BrandCode}
	if n := smsNetGSM(cfg); n != nil {
		if ic.UserCode == "" {
			ic.UserCode, ic.Password = n.UserCode, n.Password.Reveal()
		}
		if ic.URL == "" {
			ic.URL = n.URL
		}
	}
	if ic.URL == "" {
		ic.URL = netgsm.DefaultURL
	}
	// İYS is asked through the NetGSM account of the SMS channel, so the
	// certificates that channel trusts (a shop's TLS-inspecting proxy)
	// are trusted for it too.
	roots := opts.RootCAs
	if smsNetGSM(cfg) != nil {
		var err error
		if roots, err = withCAFile(roots, string(cfg.Channels.SMS.CAFile), "channels.sms.ca_file"); err != nil {
			return err
		}
	}
	client := httpclient.New(httpclient.WithChannel("iys"), httpclient.WithAllowedHosts(ic.URL), httpclient.WithRootCAs(roots),
		httpclient.WithTimeout(config.DefaultChannelTimeout.Std()), httpclient.WithAudit(opts.Audit))
	d.tw.consent = consent.New(d.store, netgsm.NewIYS(ic, client), i.Refresh.Std(), d.now, d.log)
	return nil
}

func smsNetGSM(cfg *config.Config) *config.NetGSM {
	if sms := cfg.Channels.SMS; sms != nil && sms.Provider == "netgsm" {
		return sms.NetGSM
	}
	return nil
}

// brandNames may follow a refusal word: the file's, and the SMS sender name.
func brandNames(cfg *config.Config) []string {
	out := append([]string(nil), cfg.Replies.BrandNames...)
	if sms := cfg.Channels.SMS; sms != nil {
		switch {
		case sms.NetGSM != nil:
			out = append(out, sms.NetGSM.MsgHeader)
		case sms.Mutlucell != nil:
			out = append(out, sms.Mutlucell.Originator)
		}
	}
	return out
}

// twoWaySettings gives a channel what listening adds to it.
func (d *Daemon) twoWaySettings(name string, s *dispatch.Settings) {
	if d.tw.consent != nil {
		s.Consent = d.tw.consent
	}
	s.StatusWebhook = name == notify.ChannelWhatsApp && d.cfg.WhatsAppWebhook != nil
}

// openListening builds the inbox poller, the syncer and the webhook
// receiver, once the channels and their providers exist.
func (d *Daemon) openListening(providers map[string]notify.Provider) {
	cfg := d.cfg
	smsProvider := providers[notify.ChannelSMS]
	bl, _ := smsProvider.(notify.Blacklister)
	var refuser inbound.Refuser
	if d.tw.consent != nil && cfg.IYS.Refusals() {
		refuser = d.tw.consent
	}
	d.tw.syncer = inbound.NewSyncer(d.store, bl, refuser, d.log)
	stored := func(channel string) func(outbox.StoredReplies) {
		return func(st outbox.StoredReplies) {
			if st.Refusals > 0 {
				d.tw.syncer.Wake()
				d.Wake(channel)
			}
		}
	}
	if sms := cfg.Channels.SMS; sms != nil && sms.Mutlucell != nil && !cfg.Replies.Disabled && sms.Mutlucell.InboxNumber == "" {
		d.log.Warn("log.twoway.mutlucell_no_inbox")
	}
	if inbox, ok := smsProvider.(notify.Inbox); ok && cfg.ReadsReplies() {
		d.tw.poller = &inbound.Poller{Store: d.store, Inbox: inbox, Channel: notify.ChannelSMS, Provider: cfg.Channels.SMS.Provider,
			Every: cfg.Replies.Every.Std(), Overlap: cfg.Replies.Overlap.Std(), Refusal: d.refusal(notify.ChannelSMS, bl != nil), StopsAll: cfg.Replies.StopInformational,
			Stored: stored(notify.ChannelSMS), Now: d.now, Log: d.log}
	}
	if w := cfg.WhatsAppWebhook; w != nil {
		if ch, ok := d.channels[notify.ChannelWhatsApp]; ok {
			d.tw.receiver = &inbound.Receiver{Path: w.Path, VerifyToken: w.VerifyToken.Reveal(), AppSecret: w.AppSecret.Reveal(),
				MaxBody: int64(w.MaxBodyKB) << 10, Store: d.store, Settler: ch, Refusal: d.refusal(notify.ChannelWhatsApp, false),
				Stored: stored(notify.ChannelWhatsApp), Log: d.log}
		}
	}
}

// refusal is what a refusal by reply on channel brings: the opt-out of
// that channel (commercial messages only, unless stop_informational), its
// copies at the provider's blacklist and in İYS where those are wanted,
// and the confirmation when asked for.
func (d *Daemon) refusal(channel string, blacklist bool) func(outbox.NewReply) *outbox.Refusal {
	cfg := d.cfg
	return func(r outbox.NewReply) *outbox.Refusal {
		if !d.tw.classify.Refuses(r.Text) {
			return nil
		}
		e := outbox.OptOutEntry{Channel: channel, Scope: outbox.ScopeCommercial, Source: outbox.SourceReply}
		if cfg.Replies.StopInformational {
			e.Scope = outbox.ScopeAll
		}
		if channel == notify.ChannelSMS {
			if blacklist && cfg.Replies.BlacklistAtProvider() {
				e.Blacklist = outbox.SyncPending
			}
			// İYS's MESAJ is every message channel; a WhatsApp refusal
			// stays WhatsApp's.
			if d.tw.consent != nil && cfg.IYS.Refusals() {
				e.IYS = outbox.SyncPending
			}
		}
		ref := &outbox.Refusal{OptOut: e}
		if cfg.Replies.Confirm && channel == notify.ChannelSMS {
			ref.Confirm = &outbox.NewMessage{Message: mapping.Message{Channel: channel, Text: strings.TrimSpace(cfg.Replies.ConfirmText)},
				RecordKey: "reply"}
		}
		return ref
	}
}

// runListening starts the listening loops; a webhook receiver that cannot
// listen is logged, not fatal: the notifications matter more.
func (d *Daemon) runListening(ctx context.Context, wg *sync.WaitGroup) {
	if d.tw == nil {
		return
	}
	if p := d.tw.poller; p != nil {
		wg.Go(func() { p.Run(ctx) })
	}
	if s := d.tw.syncer; s != nil {
		wg.Go(func() { s.Run(ctx) })
	}
	if c := d.tw.consent; c != nil {
		wg.Go(func() { c.Run(ctx) })
	}
	if r := d.tw.receiver; r != nil {
		w := d.cfg.WhatsAppWebhook
		l, err := inbound.Listen(w.Listen.String(), string(w.TLSCert), string(w.TLSKey))
		if err != nil {
			d.log.Error("log.webhook.not_started", "err", err)
			return
		}
		d.log.Info("log.webhook.listening", "addr", l.Addr().String(), "path", w.Path)
		wg.Go(func() {
			if err := inbound.Serve(ctx, l, r); err != nil {
				d.log.Error("log.webhook.stopped", "err", err)
			}
		})
	}
}

// PollReplies reads the SMS inbox once (tests, a one-off run).
func (d *Daemon) PollReplies(ctx context.Context) (inbound.Read, error) {
	if d.tw == nil || d.tw.poller == nil {
		return inbound.Read{}, fmt.Errorf("no SMS inbox is read (replies.disabled, or the SMS provider has none)")
	}
	return d.tw.poller.Poll(ctx)
}

// SyncRefusals copies pending refusals to the blacklist and İYS once.
func (d *Daemon) SyncRefusals(ctx context.Context) (int, error) {
	if d.tw == nil || d.tw.syncer == nil {
		return 0, nil
	}
	return d.tw.syncer.Sync(ctx)
}

// WebhookReceiver is the WhatsApp webhook handler (nil without
// whatsapp_webhook), for a test or an embedding program to serve.
func (d *Daemon) WebhookReceiver() *inbound.Receiver {
	if d.tw == nil {
		return nil
	}
	return d.tw.receiver
}

// reportsDelivery says, per channel, whether it learns of deliveries.
func (d *Daemon) reportsDelivery(channel string) bool { return d.cfg.ReportsDelivery(channel) }
