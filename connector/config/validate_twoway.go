package config

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/installer"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

var brandCodePattern = regexp.MustCompile(`^[0-9]{1,12}$`)

// validateTwoWay checks the settings of twoway.go and what they ask of the
// jobs: a commercial template says who sends it and how to refuse, and
// "not delivered within" waits only for channels that report delivery.
func (c *Config) validateTwoWay(p *problems) {
	r := c.Replies
	for i, w := range r.RefusalWords {
		if len(mapping.FoldWords(w)) != 1 {
			p.add(fmt.Sprintf("replies.refusal_words[%d]", i), say("config.twoway.refusal_word", "word", quote(w)), say("config.hint.twoway.refusal_word"))
		}
	}
	if !r.Disabled && r.Overlap < r.Every {
		p.add("replies.overlap", say("config.twoway.overlap", "overlap", r.Overlap, "every", r.Every), say("config.hint.twoway.overlap"))
	}
	if r.Confirm && strings.TrimSpace(r.ConfirmText) == "" {
		p.add("replies.confirm_text", say("config.twoway.confirm_text"), noHint)
	}
	if r.Confirm && r.StopInformational {
		// The confirmation is an informational SMS to someone whose refusal
		// now stops those too: run would skip every one.
		p.add("replies.confirm", say("config.twoway.confirm_stops"), say("config.hint.twoway.confirm_stops"))
	}
	if w := c.WhatsAppWebhook; w != nil {
		c.validateWebhook(p, w)
	}
	if i := c.IYS; i != nil {
		c.validateIYS(p, i)
	}
	channels := c.Channels.ByName()
	for k := range c.Jobs {
		j := &c.Jobs[k]
		path := fmt.Sprintf("jobs[%d]", k)
		if j.Kind.Commercial() {
			c.validateCommercial(p, path, j)
		}
		if j.NotDeliveredWithin > 0 {
			for _, ch := range primaryChannels(j) {
				if channels[ch] != nil && !c.ReportsDelivery(ch) {
					p.add(path+".not_delivered_within", say("config.twoway.not_delivered", "channel", ch), notDeliveredHint(ch))
				}
			}
		}
	}
}

// primaryChannels are a job's channels that are not its fallbacks.
func primaryChannels(j *Job) []string {
	var out []string
	for _, ch := range channelNames {
		if j.Messages.ByName()[ch] != nil && !slices.Contains(j.Fallback, ch) {
			out = append(out, ch)
		}
	}
	return out
}

func notDeliveredHint(channel string) catalog.Msg {
	if channel == "whatsapp" {
		docs := installer.DefaultPaths().DocDir
		return say("config.hint.twoway.not_delivered_whatsapp",
			"guide_tr", filepath.Join(docs, "two-way.tr.md"), "guide_en", filepath.Join(docs, "README.md"))
	}
	return say("config.hint.twoway.not_delivered")
}

func (c *Config) validateWebhook(p *problems, w *WhatsAppWebhook) {
	if wa := c.Channels.WhatsApp; wa == nil || wa.Provider != "whatsapp_cloud" {
		p.add("whatsapp_webhook", say("config.twoway.webhook_channel"), say("config.hint.twoway.webhook_channel"))
	}
	if w.VerifyToken == "" {
		p.add("whatsapp_webhook.verify_token", say("config.required", "key", "verify_token"), say("config.hint.twoway.verify_token"))
	}
	if w.AppSecret == "" {
		p.add("whatsapp_webhook.app_secret", say("config.twoway.app_secret"), say("config.hint.twoway.app_secret"))
	}
	if !strings.HasPrefix(w.Path, "/") || strings.ContainsAny(w.Path, " ?#") {
		p.add("whatsapp_webhook.path", say("config.twoway.path", "path", quote(w.Path)), say("config.hint.twoway.path"))
	}
	if w.MaxBodyKB < 1 || w.MaxBodyKB > 10*1024 {
		p.add("whatsapp_webhook.max_body_kb", say("config.twoway.max_body"), say("config.hint.twoway.max_body"))
	}
	if (w.TLSCert == "") != (w.TLSKey == "") {
		p.add("whatsapp_webhook.tls_cert", say("config.twoway.tls_pair"), say("config.hint.twoway.tls_pair"))
	}
	if !w.Listen.Loopback() && !w.AllowRemote && w.TLSCert == "" && !c.hasProblemAt(p, "whatsapp_webhook.listen") {
		p.add("whatsapp_webhook.listen", say("config.twoway.listen_remote", "listen", quote(w.Listen.String())), say("config.hint.twoway.listen_remote"))
	}
	if !c.Status.Disabled && w.Listen == c.Status.Listen {
		p.add("whatsapp_webhook.listen", say("config.twoway.listen_status"), say("config.hint.twoway.listen_status"))
	}
}

func (c *Config) validateIYS(p *problems, i *IYS) {
	if !brandCodePattern.MatchString(i.BrandCode) {
		p.add("iys.brand_code", say("config.twoway.brand_code", "value", quote(i.BrandCode)), say("config.hint.twoway.brand_code"))
	}
	if sms := c.Channels.SMS; i.UserCode == "" && (sms == nil || sms.NetGSM == nil) {
		p.add("iys.usercode", say("config.required", "key", "usercode"), say("config.hint.twoway.iys_usercode"))
	}
	if i.UserCode != "" && i.Password == "" {
		p.add("iys.password", say("config.twoway.iys_password"), say("config.hint.twoway.iys_password"))
	}
	if i.MerchantColumn != "" && !columnPattern.MatchString(i.MerchantColumn) {
		p.add("iys.merchant_column", say("config.not_column", "key", "merchant_column", "name", quote(i.MerchantColumn)), say("config.hint.twoway.merchant_column"))
	}
	if i.Refresh < Duration(5*60e9) {
		p.add("iys.refresh", say("config.twoway.iys_refresh", "value", i.Refresh), say("config.hint.twoway.iys_refresh"))
	}
}

// validateCommercial refuses a commercial job whose text leaves out who
// sends it or how to refuse (Law 6563's regulation, art. 9). WhatsApp
// templates are approved by Meta, whose marketing templates carry their
// own opt-out; webhooks go to the shop's own system.
func (c *Config) validateCommercial(p *problems, path string, j *Job) {
	var preset erp.Preset
	if j.Preset != "" {
		preset, _ = erp.LookupPreset(j.Preset)
	}
	markers := c.Commercial.Markers(c.Replies)
	if len(c.Commercial.SenderIdentity) == 0 && (j.Messages.SMS != nil || j.Messages.Email != nil) {
		p.add(path+".kind", say("config.twoway.no_sender_identity"), say("config.hint.twoway.no_sender_identity"))
	}
	if c.IYS != nil && c.IYS.MerchantColumn != "" {
		if cols := presetColumns(preset); len(cols) > 0 && !slices.Contains(cols, c.IYS.MerchantColumn) {
			p.add(path+".preset", say("config.twoway.merchant_not_in_preset", "column", quote(c.IYS.MerchantColumn), "suggest", didYouMean(c.IYS.MerchantColumn, cols)),
				presetColumnsHint(preset, cols))
		}
	}
	type text struct{ path, src string }
	var texts [][]text // per message: the templates that may carry the words
	if m := j.Messages.SMS; m != nil {
		src := m.Text
		if src == "" {
			src = preset.Templates["sms"].Text
		}
		texts = append(texts, []text{{path + ".messages.sms.text", src}})
	}
	if m := j.Messages.Email; m != nil {
		src := m.Text
		if src == "" && m.HTML == "" {
			src = preset.Templates["email"].Text
		}
		texts = append(texts, []text{{path + ".messages.email.text", src}, {path + ".messages.email.html", m.HTML}})
	}
	for _, ts := range texts {
		at := ts[0].path
		if ts[0].src == "" && len(ts) > 1 {
			at = ts[1].path
		}
		has := func(words []string, stem bool) bool {
			return slices.ContainsFunc(ts, func(t text) bool {
				return slices.ContainsFunc(words, func(w string) bool { return containsMarker(t.src, w, stem) })
			})
		}
		if !has(markers, true) {
			p.add(at, say("config.twoway.no_refusal"), say("config.hint.twoway.no_refusal", "markers", strings.Join(markers, ", ")))
		}
		if len(c.Commercial.SenderIdentity) > 0 && !has(c.Commercial.SenderIdentity, false) {
			p.add(at, say("config.twoway.no_sender"), say("config.hint.twoway.no_sender", "names", strings.Join(c.Commercial.SenderIdentity, ", ")))
		}
	}
	if m := j.Messages.SMS; m != nil {
		src := m.Text
		if src == "" {
			src = preset.Templates["sms"].Text
		}
		c.refusalUnread(p, path+".messages.sms.text", src)
	}
}

// refusalUnread refuses a commercial SMS that asks for a refusal by reply
// (RET) when SMS replies are not read: each refusal would be lost, and run
// can only warn once it has started sending. Refusals sent to another
// number (İYS's) are said with commercial.refusal_instruction instead.
func (c *Config) refusalUnread(p *problems, path, src string) {
	sms := c.Channels.SMS
	if sms == nil || sms.Provider == "console" || len(c.Commercial.RefusalInstruction) > 0 || c.ReadsReplies() {
		return
	}
	i := slices.IndexFunc(c.Replies.Words(), func(w string) bool { return containsMarker(src, w, true) })
	if i < 0 {
		return
	}
	hint := say("config.hint.twoway.refusal_unread_provider", "provider", sms.Provider)
	switch {
	case c.Replies.Disabled:
		hint = say("config.hint.twoway.refusal_unread_disabled")
	case sms.Mutlucell != nil:
		hint = say("config.hint.twoway.refusal_unread_mutlucell")
	}
	p.add(path, say("config.twoway.refusal_unread", "word", quote(c.Replies.Words()[i])), hint)
}

// containsMarker reports whether text holds the phrase as words; with stem,
// a long one-word marker may carry a Turkish suffix ("abonelikten" holds
// "abonelik"), a short one (RET) must stand alone ("şirket" does not hold it).
func containsMarker(text, phrase string, stem bool) bool {
	if mapping.ContainsWord(text, phrase) {
		return true
	}
	want := mapping.FoldWords(phrase)
	if !stem || len(want) != 1 || len([]rune(want[0])) < 5 {
		return false
	}
	return slices.ContainsFunc(mapping.FoldWords(text), func(w string) bool { return strings.HasPrefix(w, want[0]) })
}
