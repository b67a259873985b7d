// Package config loads the connector's one YAML file. Every problem is reported
// with file:line:col and a hint, because the people reading these errors are IT
// staff alone at a shop's server: unknown keys are errors, not silently ignored.
package config

import "time"

// Config is the whole file. Relative paths are resolved against the directory
// of the config file, never the working directory (a Windows service starts in
// C:\Windows\System32).
type Config struct {
	StateDir Path `yaml:"state_dir"`
	// Language is what logs and reasons are written in: tr (default) or en.
	Language   Language    `yaml:"language"`
	Timezone   Location    `yaml:"timezone"`
	Retention  Duration    `yaml:"retention"`
	QuietHours *QuietHours `yaml:"quiet_hours"`
	DailyCap   int         `yaml:"daily_cap_per_recipient"`
	// Uncertain decides an uncertain send no provider report can settle.
	Uncertain UncertainPolicy `yaml:"uncertain_sends"`
	// UncertainGrace is how long after an uncertain send a provider's report
	// is trusted to show it: then a proven absence is sent again and an
	// unproven one held (default 45m).
	UncertainGrace Duration `yaml:"uncertain_grace"`
	// StartupJitter delays each job's first run by a random part of this,
	// so several services restarting together do not hit the ERP at once.
	StartupJitter Duration `yaml:"startup_jitter"`
	Log           Log      `yaml:"log"`
	Status        Status   `yaml:"status"`
	Formats       Formats  `yaml:"formats"`
	Sources       []Source `yaml:"sources"`
	Channels      Channels `yaml:"channels"`
	Jobs          []Job    `yaml:"jobs"`
	// Listening as well as speaking (twoway.go).
	Replies         Replies          `yaml:"replies"`
	WhatsAppWebhook *WhatsAppWebhook `yaml:"whatsapp_webhook"`
	IYS             *IYS             `yaml:"iys"`
	Commercial      Commercial       `yaml:"commercial"`
	// DailySummary sends the shop owner the day's summary (shops.go).
	DailySummary  *DailySummary  `yaml:"daily_summary"`
	file          string         // the file it was loaded from
	positions     positionLookup // for errors found after loading
	decodeErrs    Errors         // values that could not be read (types.go)
	languageGiven bool           // the file names its language (else the reader's locale may choose)
}

// LanguageGiven reports whether the file sets language: itself; when it
// does not, the command line follows the system locale and the service
// writes Turkish.
func (c *Config) LanguageGiven() bool { return c.languageGiven }

// QuietHours is the daily window in which no SMS or WhatsApp is sent.
type QuietHours struct {
	Start    Clock    `yaml:"start"` // "21:00"
	End      Clock    `yaml:"end"`   // "09:00"
	Channels []string `yaml:"channels"`
	Disabled bool     `yaml:"disabled"`
}

// Log configures where logs go.
type Log struct {
	Level      LogLevel `yaml:"level"`
	Dir        Path     `yaml:"dir"`
	MaxSizeMB  int      `yaml:"max_size_mb"`
	MaxAgeDays int      `yaml:"max_age_days"`
	MaxBackups int      `yaml:"max_backups"`
}

// Status configures the local status page.
type Status struct {
	Listen   ListenAddr `yaml:"listen"`
	Disabled bool       `yaml:"disabled"`
	// AllowRemote must be set to listen beyond loopback; auth is then required.
	AllowRemote bool   `yaml:"allow_remote"`
	TLSCert     Path   `yaml:"tls_cert"`
	TLSKey      Path   `yaml:"tls_key"`
	Language    string `yaml:"language"`
	// Hosts are more names the page is opened by (a DNS alias such as
	// magaza-sunucu.local); its addresses, localhost, this computer's name
	// and the names in tls_cert need no entry.
	Hosts []string `yaml:"hosts"`
}

// Formats are the shop's money and date conventions.
type Formats struct {
	Currency       string `yaml:"currency"`
	CurrencyPrefix bool   `yaml:"currency_prefix"`
	PhoneRegion    string `yaml:"phone_region"`
}

// Source is one ERP database.
type Source struct {
	Name     string `yaml:"name"`
	Driver   string `yaml:"driver"` // firebird, mssql, sqlite
	Host     string `yaml:"host"`
	Port     int    `yaml:"port"`
	Database Path   `yaml:"database"` // path (Firebird, may hold {year}), name (SQL Server) or file (SQLite)
	User     string `yaml:"user"`
	Password Secret `yaml:"password"`
	Charset  string `yaml:"charset"` // Firebird: WIN1254 (default) or UTF8
	// YearGrace keeps polling last year's database this long into January (and
	// past it while this year's does not exist: the year not opened in Wolvox).
	YearGrace Duration `yaml:"year_grace"`
	Timeout   Duration `yaml:"timeout"`
	// Firebird wire options.
	AuthPlugin string `yaml:"auth_plugin"` // Srp, Legacy_Auth
	WireCrypt  *bool  `yaml:"wire_crypt"`
	// SQL Server TLS options.
	Encrypt                string `yaml:"encrypt"` // true, false, strict, disable
	TrustServerCertificate bool   `yaml:"trust_server_certificate"`
	Instance               string `yaml:"instance"`
}

// Channels maps each channel to its provider.
type Channels struct {
	SMS      *Channel `yaml:"sms"`
	WhatsApp *Channel `yaml:"whatsapp"`
	Email    *Channel `yaml:"email"`
	Webhook  *Channel `yaml:"webhook"`
}

// ByName returns the configured channels by their names.
func (c Channels) ByName() map[string]*Channel {
	out := map[string]*Channel{}
	for name, ch := range map[string]*Channel{"sms": c.SMS, "whatsapp": c.WhatsApp, "email": c.Email, "webhook": c.Webhook} {
		if ch != nil {
			out[name] = ch
		}
	}
	return out
}

// Channel is one channel's provider and limits.
type Channel struct {
	Provider string `yaml:"provider"` // console, netgsm, mutlucell, whatsapp_cloud, smtp, webhook
	// Rate is the most messages per second sent through this channel, e.g. "10/s" or "600/m".
	Rate    Rate     `yaml:"rate"`
	Timeout Duration `yaml:"timeout"`
	// Batch is messages per request for NetGSM and Mutlucell (default 100).
	Batch int `yaml:"batch"`
	// InFlight is how many requests may be under way at once (default 8
	// for providers that take one message per request, 1 for batches),
	// never more than the rate starts in a second.
	InFlight InFlight `yaml:"in_flight"`
	// CAFile trusts an extra CA for this channel's HTTPS provider (a
	// firewall that inspects TLS with its own certificate authority).
	CAFile Path `yaml:"ca_file"`
	// ReportEvery is how often delivery reports are polled (default 2m;
	// providers keep their own stricter limits, e.g. Mutlucell's 15 minutes).
	ReportEvery Duration `yaml:"report_every"`
	// LowCredit alerts when the provider's balance falls under it (NetGSM,
	// Mutlucell; default 100, 0 turns it off): the status page, the metrics
	// and the daily summary say so. One number is the line of every balance
	// whatever its unit; a line per unit is {TL: 50, sms: 500, packages:
	// 200}, where a unit not given is not compared.
	LowCredit *LowCredit `yaml:"low_credit"`
	NetGSM    *NetGSM    `yaml:"netgsm"`
	Mutlucell *Mutlucell `yaml:"mutlucell"`
	WhatsApp  *WhatsApp  `yaml:"whatsapp_cloud"`
	SMTP      *SMTP      `yaml:"smtp"`
	Webhook   *Webhook   `yaml:"webhook"`
}

// NetGSM settings (REST v2).
type NetGSM struct {
	URL       string      `yaml:"url"`
	UserCode  string      `yaml:"usercode"`
	Password  Secret      `yaml:"password"`
	MsgHeader string      `yaml:"msgheader"`
	Encoding  SMSEncoding `yaml:"encoding"` // "TR" (default) or "GSM"
	AppName   string      `yaml:"appname"`
	// IYSFilter is sent with commercial messages: 11 (individuals, default)
	// or 12 (merchants).
	IYSFilter string `yaml:"iysfilter"`
	// OperatorReserve is how many characters the operator's code appended to
	// bulk SMS takes from the first segment.
	OperatorReserve *int `yaml:"operator_reserve"`
}

// Mutlucell settings (XML API).
type Mutlucell struct {
	URL        string      `yaml:"url"`
	User       string      `yaml:"user"`
	Password   Secret      `yaml:"password"`
	Originator string      `yaml:"originator"`
	Charset    SMSEncoding `yaml:"charset"` // turkish (default), unicode, default
	// OperatorReserve: see NetGSM.
	OperatorReserve *int `yaml:"operator_reserve"`
	// InboxNumber is the account's number that receives replies (abone
	// no, e.g. 908505505555): replies are read only when it is set.
	InboxNumber string `yaml:"inbox_number"`
}

// WhatsApp is the WhatsApp Cloud API.
type WhatsApp struct {
	URL           string `yaml:"url"`
	APIVersion    string `yaml:"api_version"`
	PhoneNumberID string `yaml:"phone_number_id"`
	Token         Secret `yaml:"token"`
}

// SMTP is an e-mail submission server. TLS is always required.
type SMTP struct {
	Host     string `yaml:"host"`
	Port     int    `yaml:"port"` // 587 STARTTLS (default) or 465 implicit TLS
	User     string `yaml:"user"`
	Password Secret `yaml:"password"`
	From     string `yaml:"from"`
	// CAFile trusts an extra CA (a shop's own mail server).
	CAFile Path `yaml:"ca_file"`
}

// Webhook posts JSON to a shop's own system.
type Webhook struct {
	URL    string `yaml:"url"`
	Secret Secret `yaml:"secret"` // HMAC-SHA256 key
}

// Job is one scheduled notification.
type Job struct {
	Name     string   `yaml:"name"`
	Preset   string   `yaml:"preset"`
	SQL      string   `yaml:"sql"`
	Key      string   `yaml:"key"`  // monotonic key column ("created") or row key
	Mode     Mode     `yaml:"mode"` // created, changed, condition; default: the preset's, else created
	Sources  []string `yaml:"sources"`
	Schedule Schedule `yaml:"schedule"`
	// Backfill reads past rows on the first run: "7d" (by date), "key:4711" or "all".
	Backfill Backfill `yaml:"backfill"`
	// Kind is informational (default) or commercial (needs İYS consent).
	Kind Kind `yaml:"kind"`
	// DedupeKey is a template for the event's identity; defaults per mode.
	DedupeKey string `yaml:"dedupe_key"`
	// Renotify is how long after a condition job notifies before it may again.
	// invoices_due and invoices_overdue count it from each invoice's due date,
	// in whole days; other condition jobs in fixed periods, and a row
	// notified less than renotify ago in the period before waits for it.
	Renotify    Duration          `yaml:"renotify"`
	Timestamp   string            `yaml:"timestamp"` // changed mode: timestamp column
	Lag         Duration          `yaml:"lag"`       // changed mode: lag window
	PageSize    int               `yaml:"page_size"`
	Params      map[string]string `yaml:"params"` // preset parameters
	MaxSegments int               `yaml:"max_segments"`
	Fallback    []string          `yaml:"fallback"`
	// NotDeliveredWithin starts the next fallback channel when a sent
	// message has no delivery report this long after sending, e.g. "2h".
	NotDeliveredWithin Duration `yaml:"not_delivered_within"`
	Disabled           bool     `yaml:"disabled"`
	Messages           Messages `yaml:"messages"`
	// What shops send beyond one message per row (messaging.go).
	Sequence         []ReminderStep `yaml:"sequence"`     // invoice_reminders' steps
	Recipients       Addressees     `yaml:"recipients"`   // account (default), contacts or both
	ContactsKey      string         `yaml:"contacts_key"` // the row's customer key for contacts (default CARI_BLKODU)
	QuietDays        []QuietDay     `yaml:"quiet_days"`   // days its messages wait for the next working day
	SkipIfWolvoxSent *WolvoxLog     `yaml:"skip_if_wolvox_sent"`
	// Statement sets a statement preset's period and reply words (shops.go).
	Statement *Statement `yaml:"statement"`
}

// Messages holds a job's templates per channel.
type Messages struct {
	SMS      *TextMessage     `yaml:"sms"`
	WhatsApp *WhatsAppMessage `yaml:"whatsapp"`
	Email    *EmailMessage    `yaml:"email"`
	Webhook  *TextMessage     `yaml:"webhook"`
}

// TextMessage is an SMS or webhook message.
type TextMessage struct {
	To   []string `yaml:"to"` // columns tried in order
	Text string   `yaml:"text"`
	// Transliterate (SMS only) writes ç ğ ı İ ş Ş as c g i I s S so the
	// message fits GSM-7's 160 characters per segment.
	Transliterate bool `yaml:"transliterate"`
}

// EmailMessage is an e-mail.
type EmailMessage struct {
	To      []string `yaml:"to"`
	Subject string   `yaml:"subject"`
	Text    string   `yaml:"text"`
	HTML    string   `yaml:"html"`
}

// WhatsAppMessage maps record fields to an approved WhatsApp template.
type WhatsAppMessage struct {
	To       []string   `yaml:"to"`
	Template string     `yaml:"template"`
	Language string     `yaml:"language"`
	Header   []WAParam  `yaml:"header"`
	Body     []WAParam  `yaml:"body"`
	Text     string     `yaml:"text"` // shown in the outbox and the status page
	Buttons  []WAButton `yaml:"buttons"`
}

// WAParam is one template parameter.
type WAParam struct {
	Type   string `yaml:"type"` // text, currency, date_time
	Value  string `yaml:"value"`
	Name   string `yaml:"name"` // named parameter (parameter_name)
	Code   string `yaml:"code"` // currency code, default TRY
	Amount string `yaml:"amount"`
	// Filename names a header document, e.g. "Fatura {{.FATURA_NO}}.pdf".
	Filename string `yaml:"filename"`
}

// WAButton is one URL or quick-reply button parameter.
type WAButton struct {
	SubType string `yaml:"sub_type"`
	Index   int    `yaml:"index"`
	Value   string `yaml:"value"`
}

// File is the path the config was loaded from.
func (c *Config) File() string { return c.file }

// Location is the config's time zone: every time a person reads and every
// schedule is in it.
func (c *Config) Location() *time.Location { return c.Timezone.Get() }
