package config

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
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
			p.add(fmt.Sprintf("replies.refusal_words[%d]", i), "one word each, e.g. IPTAL", "refusal word %q is not one word", w)
		}
	}
	if !r.Disabled && r.Overlap < r.Every {
		p.add("replies.overlap", "ask again for at least as long as between two reads", "overlap %s is shorter than every %s", r.Overlap, r.Every)
	}
	if r.Confirm && strings.TrimSpace(r.ConfirmText) == "" {
		p.add("replies.confirm_text", "", "confirm_text is empty")
	}
	if r.Confirm && r.StopInformational {
		// The confirmation is an informational SMS to someone whose refusal
		// now stops those too: run would skip every one.
		p.add("replies.confirm", "drop confirm, or stop_informational", "a confirmation cannot be sent: with stop_informational the refusal stops it too")
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
					p.add(path+".not_delivered_within", notDeliveredHint(ch),
						"not_delivered_within cannot work on %s: it never learns that a message was delivered, so every message would also go by the fallback once the time has passed", ch)
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

func notDeliveredHint(channel string) string {
	if channel == "whatsapp" {
		return "WhatsApp reports delivery only to a status webhook: set up whatsapp_webhook (README: WhatsApp statuses), or remove not_delivered_within (a refused or failed message still falls back)"
	}
	return "remove not_delivered_within: a refused or failed message still falls back"
}

func (c *Config) validateWebhook(p *problems, w *WhatsAppWebhook) {
	if wa := c.Channels.WhatsApp; wa == nil || wa.Provider != "whatsapp_cloud" {
		p.add("whatsapp_webhook", "configure channels.whatsapp with provider whatsapp_cloud, or remove whatsapp_webhook", "whatsapp_webhook needs the WhatsApp Cloud API channel")
	}
	if w.VerifyToken == "" {
		p.add("whatsapp_webhook.verify_token", "make up a long random text, store it with `akinsoft-connector secrets set wa_verify_token`, and type the same in Meta's webhook setup",
			"verify_token is required")
	}
	if w.AppSecret == "" {
		p.add("whatsapp_webhook.app_secret", "the app secret from Meta's App Dashboard (App settings > Basic), stored with `akinsoft-connector secrets set wa_app_secret`",
			"app_secret is required: without it no status could be trusted")
	}
	if !strings.HasPrefix(w.Path, "/") || strings.ContainsAny(w.Path, " ?#") {
		p.add("whatsapp_webhook.path", "e.g. /whatsapp", "path %q is not a URL path", w.Path)
	}
	if w.MaxBodyKB < 1 || w.MaxBodyKB > 10*1024 {
		p.add("whatsapp_webhook.max_body_kb", "Meta's webhooks are a few KB; 1024 is plenty", "max_body_kb must be between 1 and 10240")
	}
	if (w.TLSCert == "") != (w.TLSKey == "") {
		p.add("whatsapp_webhook.tls_cert", "give both tls_cert and tls_key, or neither", "tls_cert and tls_key go together")
	}
	if !w.Listen.Loopback() && !w.AllowRemote && w.TLSCert == "" && !c.hasProblemAt(p, "whatsapp_webhook.listen") {
		p.add("whatsapp_webhook.listen", "listen on 127.0.0.1 behind the reverse proxy or tunnel, or set tls_cert and tls_key, or allow_remote: true for a proxy on another machine",
			"whatsapp_webhook.listen %q is reachable from other computers without TLS", w.Listen.String())
	}
	if !c.Status.Disabled && w.Listen == c.Status.Listen {
		p.add("whatsapp_webhook.listen", "the receiver has its own listener: give it another port, e.g. 127.0.0.1:8751", "whatsapp_webhook.listen is the status page's address")
	}
}

func (c *Config) validateIYS(p *problems, i *IYS) {
	if !brandCodePattern.MatchString(i.BrandCode) {
		p.add("iys.brand_code", "the İYS brand code (marka kodu) from the İYS or NetGSM panel, digits only", "brand_code %q is not valid", i.BrandCode)
	}
	if sms := c.Channels.SMS; i.UserCode == "" && (sms == nil || sms.NetGSM == nil) {
		p.add("iys.usercode", "İYS is read through NetGSM: give the NetGSM account's usercode and password here, or use NetGSM for SMS", "usercode is required")
	}
	if i.UserCode != "" && i.Password == "" {
		p.add("iys.password", "write ${secret:NAME} and store it with `akinsoft-connector secrets set NAME`", "password is required with usercode")
	}
	if i.MerchantColumn != "" && !columnPattern.MatchString(i.MerchantColumn) {
		p.add("iys.merchant_column", "a column of the jobs' rows, e.g. TICARI_UNVANI", "merchant_column %q is not a column name", i.MerchantColumn)
	}
	if i.Refresh < Duration(5*60e9) {
		p.add("iys.refresh", "İYS answers change rarely; 24h is the default", "refresh %s is too short", i.Refresh)
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
		p.add(path+".kind", "write the trade name (or MERSİS number) under commercial.sender_identity and put it in the job's texts",
			"a commercial message must say who sends it: commercial.sender_identity is not set")
	}
	if c.IYS != nil && c.IYS.MerchantColumn != "" {
		if cols := presetColumns(preset); len(cols) > 0 && !slices.Contains(cols, c.IYS.MerchantColumn) {
			p.add(path+".preset", "the preset "+preset.Name+" gives "+strings.Join(cols, ", "),
				"iys.merchant_column %q is not in the preset's result%s", c.IYS.MerchantColumn, didYouMean(c.IYS.MerchantColumn, cols))
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
			p.add(at, `add how to refuse, e.g. "RET yazıp 0850 123 45 67'ye gönderin" (any of: `+strings.Join(markers, ", ")+`)`,
				"a commercial message must say how to refuse it, free of charge")
		}
		if len(c.Commercial.SenderIdentity) > 0 && !has(c.Commercial.SenderIdentity, false) {
			p.add(at, "add one of commercial.sender_identity: "+strings.Join(c.Commercial.SenderIdentity, ", "),
				"a commercial message must say who sends it")
		}
	}
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
