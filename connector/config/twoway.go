package config

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// The settings of listening as well as speaking: reading customers'
// replies and refusals, WhatsApp's status webhook, and İYS consent for
// commercial jobs. Each is a field of Config (config.go).

// Replies configures reading what customers send back by SMS and what a
// refusal does. It is on wherever the SMS provider has an inbox to read
// (NetGSM; Mutlucell with its inbox_number).
type Replies struct {
	Disabled bool `yaml:"disabled"`
	// Every is how often the SMS inbox is read (default 5m).
	Every Duration `yaml:"every"`
	// Overlap is how far before the last read each read asks again (default
	// 2h), so a reply the provider lists late is still found; a reply read
	// twice is stored once.
	Overlap Duration `yaml:"overlap"`
	// RefusalWords are more words that refuse, besides RET, İPTAL, DUR and
	// STOP; case does not matter, Turkish letters neither ("iptal", "IPTAL").
	RefusalWords []string `yaml:"refusal_words"`
	// BrandNames may follow the refusal word ("RET MAGAZA"); the SMS sender
	// name always may.
	BrandNames []string `yaml:"brand_names"`
	// StopInformational makes a refusal stop informational messages
	// (invoices, reminders) on that channel too; by default it stops
	// commercial ones only, as the law allows.
	StopInformational bool `yaml:"stop_informational"`
	// ProviderBlacklist adds a refusing number to the SMS provider's own
	// blacklist too. The blacklist stops every message to the number, so
	// it defaults to stop_informational.
	ProviderBlacklist *bool `yaml:"provider_blacklist"`
	// Confirm answers a refusal with an SMS (off by default: it costs one).
	Confirm bool `yaml:"confirm"`
	// ConfirmText is that SMS (a default in Turkish).
	ConfirmText string `yaml:"confirm_text"`
}

// BlacklistAtProvider reports whether refusing numbers go to the SMS
// provider's blacklist.
func (r Replies) BlacklistAtProvider() bool {
	if r.ProviderBlacklist != nil {
		return *r.ProviderBlacklist
	}
	return r.StopInformational
}

// Words are every refusal word: the defaults and the file's own.
func (r Replies) Words() []string {
	out := slices.Clone(DefaultRefusalWords)
	for _, w := range r.RefusalWords {
		if w = strings.TrimSpace(w); w != "" {
			out = append(out, w)
		}
	}
	return out
}

// WhatsAppWebhook is the receiver of WhatsApp's status and message
// webhooks, on its own listener: opt-in, for shops that can expose an HTTPS
// address (a reverse proxy, Cloudflare Tunnel) in front of it.
type WhatsAppWebhook struct {
	// Listen is where the receiver listens (default 127.0.0.1:8751: the
	// proxy or tunnel runs on this machine).
	Listen ListenAddr `yaml:"listen"`
	// AllowRemote must be set to listen beyond loopback without TLS (a
	// proxy on another machine).
	AllowRemote bool `yaml:"allow_remote"`
	TLSCert     Path `yaml:"tls_cert"`
	TLSKey      Path `yaml:"tls_key"`
	// Path is the callback URL's path (default /whatsapp).
	Path string `yaml:"path"`
	// VerifyToken is the "Verify token" typed into Meta's webhook setup.
	VerifyToken Secret `yaml:"verify_token"`
	// AppSecret is the Meta app's secret: every POST must be signed with it.
	AppSecret Secret `yaml:"app_secret"`
	// MaxBodyKB refuses bodies larger than this (default 1024).
	MaxBodyKB int `yaml:"max_body_kb"`
}

// IYS is consent for commercial jobs through NetGSM's İYS API (NetİYS):
// checked before every commercial message to an individual, cached with the
// consent's date and source, and refreshed; refusals by reply are sent to
// İYS too.
type IYS struct {
	// BrandCode is the İYS brand code (marka kodu) of the shop.
	BrandCode string `yaml:"brand_code"`
	// URL, UserCode and Password default to the NetGSM SMS channel's.
	URL      string `yaml:"url"`
	UserCode string `yaml:"usercode"`
	Password Secret `yaml:"password"`
	// Refresh is how old a cached answer may be before İYS is asked again
	// (default 24h).
	Refresh Duration `yaml:"refresh"`
	// SendRefusals sends refusals by reply to İYS as RET (default true).
	SendRefusals *bool `yaml:"send_refusals"`
	// MerchantColumn is the column of a job's row that tells a merchant
	// (tacir) from an individual, e.g. TICARI_UNVANI or OZEL_KODU1; empty:
	// every recipient is an individual.
	MerchantColumn string `yaml:"merchant_column"`
	// MerchantValues are the column's values that mean a merchant; empty:
	// any value that is not empty does.
	MerchantValues []string `yaml:"merchant_values"`
}

// Refusals reports whether refusals by reply go to İYS.
func (i *IYS) Refusals() bool { return i != nil && (i.SendRefusals == nil || *i.SendRefusals) }

// Merchant reports whether a row's value of MerchantColumn names a merchant.
func (i *IYS) Merchant(v any) bool {
	if i == nil || i.MerchantColumn == "" || v == nil {
		return false
	}
	s := strings.TrimSpace(stringOf(v))
	if s == "" {
		return false
	}
	if len(i.MerchantValues) == 0 {
		return true
	}
	return slices.ContainsFunc(i.MerchantValues, func(m string) bool { return strings.EqualFold(strings.TrimSpace(m), s) })
}

func stringOf(v any) string {
	if b, ok := v.([]byte); ok {
		return string(b)
	}
	return fmt.Sprint(v)
}

// Commercial is what every commercial message must say (Law 6563 and its
// regulation): who sends it and how to refuse. check refuses a commercial
// job whose template leaves either out.
type Commercial struct {
	// SenderIdentity lists the names the sender is known by in the text:
	// the trade name, the MERSİS number, a tradesman's name. One must appear
	// in each commercial template.
	SenderIdentity []string `yaml:"sender_identity"`
	// RefusalInstruction lists the words that show a text says how to
	// refuse (default: the refusal words, and "abonelik" and "unsubscribe"
	// for e-mail). One must appear in each commercial template.
	RefusalInstruction []string `yaml:"refusal_instruction"`
}

// Markers are the words a commercial template's refusal instruction is
// recognised by.
func (c Commercial) Markers(r Replies) []string {
	if len(c.RefusalInstruction) > 0 {
		return c.RefusalInstruction
	}
	return append(r.Words(), DefaultRefusalMarkers...)
}

// applyTwoWayDefaults fills in this file's settings.
func (c *Config) applyTwoWayDefaults() {
	setDefault(&c.Replies.Every, DefaultRepliesEvery)
	setDefault(&c.Replies.Overlap, DefaultRepliesOverlap)
	if c.Replies.ConfirmText == "" {
		c.Replies.ConfirmText = DefaultConfirmText
	}
	if w := c.WhatsAppWebhook; w != nil {
		if w.Listen == (ListenAddr{}) {
			w.Listen = DefaultWebhookListen
		}
		if w.Path == "" {
			w.Path = DefaultWebhookPath
		}
		if w.MaxBodyKB == 0 {
			w.MaxBodyKB = DefaultWebhookMaxBodyKB
		}
	}
	if i := c.IYS; i != nil {
		setDefault(&i.Refresh, DefaultIYSRefresh)
		i.MerchantColumn = strings.ToUpper(strings.TrimSpace(i.MerchantColumn))
	}
}

// ReportsDelivery reports whether a channel learns that its messages were
// delivered: NetGSM's and Mutlucell's reports, WhatsApp only through the
// status webhook. Without that, "not delivered within" cannot tell a
// delivered message from a lost one.
func (c *Config) ReportsDelivery(channel string) bool {
	ch := c.Channels.ByName()[channel]
	if ch == nil {
		return false
	}
	switch ch.Provider {
	case "netgsm", "mutlucell":
		return true
	case "whatsapp_cloud":
		return c.WhatsAppWebhook != nil
	}
	return false
}

// ReadsReplies reports whether the SMS channel's inbox is read.
func (c *Config) ReadsReplies() bool {
	ch := c.Channels.SMS
	if c.Replies.Disabled || ch == nil {
		return false
	}
	switch ch.Provider {
	case "netgsm":
		return ch.NetGSM != nil
	case "mutlucell":
		return ch.Mutlucell != nil && ch.Mutlucell.InboxNumber != ""
	}
	return false
}

// The defaults of this file.
const (
	DefaultRepliesEvery     = Duration(5 * time.Minute)
	DefaultRepliesOverlap   = Duration(2 * time.Hour)
	DefaultWebhookPath      = "/whatsapp"
	DefaultWebhookMaxBodyKB = 1024
	DefaultIYSRefresh       = Duration(24 * time.Hour)
	// DefaultConfirmText answers a refusal by SMS when replies.confirm is
	// set: a message to the customer, so in Turkish.
	DefaultConfirmText = "Ret talebiniz alınmıştır; bu kanaldan ticari ileti gönderilmeyecektir."
)

var (
	// DefaultRefusalWords refuse by reply; İYS's own word is RET.
	DefaultRefusalWords = []string{"RET", "İPTAL", "DUR", "STOP"}
	// DefaultRefusalMarkers also show an e-mail says how to refuse.
	DefaultRefusalMarkers = []string{"abonelik", "unsubscribe"}
	DefaultWebhookListen  = ListenAddr{Host: "127.0.0.1", Port: "8751"}
)
