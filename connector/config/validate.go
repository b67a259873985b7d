package config

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
	"golang.org/x/net/idna"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

var (
	namePattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,39}$`)
	columnPattern = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_$]*$`)
)

var providersByChannel = map[string][]string{
	"sms":      {"console", "netgsm", "mutlucell"},
	"whatsapp": {"console", "whatsapp_cloud"},
	"email":    {"console", "smtp"},
	"webhook":  {"console", "webhook"},
}

// channelNames are the channels in the order people read them.
var channelNames = []string{"sms", "whatsapp", "email", "webhook"}

// validate reports every problem of the decoded, defaulted config. It never
// changes the config: what check validates is exactly what run uses.
func (c *Config) validate() Errors {
	p := &problems{file: c.file, pos: c.positions}
	for _, e := range c.decodeErrs {
		e.File = c.file
		p.errs = append(p.errs, e)
	}
	if c.Retention != 0 && c.Retention < MinRetention {
		p.add("retention", say("config.retention_short", "value", c.Retention), say("config.hint.retention"))
	}
	if q := c.QuietHours; q != nil && !q.Disabled {
		for _, f := range []struct {
			path string
			v    Clock
		}{{"quiet_hours.start", q.Start}, {"quiet_hours.end", q.End}} {
			if !f.v.IsSet() && !c.hasProblemAt(p, f.path) {
				p.add(f.path, say("config.quiet_end_missing", "path", f.path), say("config.hint.quiet_both"))
			}
		}
		// An empty window would let night messages out while the file seems
		// to hold them back; "disabled: true" says that plainly.
		if q.Start.IsSet() && q.End.IsSet() && q.Start.Minutes() == q.End.Minutes() {
			p.add("quiet_hours.end", say("config.quiet_empty", "value", q.End), say("config.hint.quiet_empty"))
		}
		for i, ch := range q.Channels {
			if !slices.Contains(channelNames, ch) {
				p.add(fmt.Sprintf("quiet_hours.channels[%d]", i), say("config.not_channel", "name", quote(ch), "suggest", didYouMean(ch, channelNames)),
					say("config.hint.channels", "names", strings.Join(channelNames, ", ")))
			}
		}
	}
	if c.DailyCap < 0 {
		p.add("daily_cap_per_recipient", say("config.daily_cap_negative"), noHint)
	}
	c.validateStatus(p)
	c.validateSources(p)
	c.validateChannels(p)
	c.validateJobs(p)
	c.validateTwoWay(p)
	c.validateFiles(p)
	c.validateShops(p)
	c.checkSecretRefs(p)
	return p.errs.sorted()
}

// hasProblemAt reports whether decoding already refused the value at path.
func (c *Config) hasProblemAt(p *problems, path string) bool {
	for _, e := range p.errs {
		if e.Path == path {
			return true
		}
	}
	return false
}

// validateStatus refuses what would keep the status page from starting.
func (c *Config) validateStatus(p *problems) {
	s := c.Status
	if s.Disabled {
		return
	}
	if (s.TLSCert == "") != (s.TLSKey == "") {
		p.add("status.tls_cert", say("config.tls_pair"), say("config.hint.tls_pair"))
	}
	if !s.Listen.Loopback() && !s.AllowRemote && s.TLSCert == "" && !c.hasProblemAt(p, "status.listen") {
		p.add("status.listen", say("config.listen_remote", "value", quote(s.Listen.String())), say("config.hint.listen_remote"))
	}
	switch s.Language {
	case "tr", "en":
	default:
		p.add("status.language", say("config.language", "value", quote(s.Language)), noHint)
	}
	for i, h := range s.Hosts {
		if !isHostName(h) {
			p.add(fmt.Sprintf("status.hosts[%d]", i), say("config.status_host", "value", quote(h)), say("config.hint.status_host"))
		}
	}
}

// isHostName reports whether h is a computer's name a browser can send in
// Host: a DNS name, Turkish letters too (mağaza-sunucu.local, which it
// sends as punycode), without a scheme or a port.
func isHostName(h string) bool {
	a, err := idna.Lookup.ToASCII(h)
	return err == nil && hostName.MatchString(a)
}

// hostName is a DNS name in ASCII as a browser sends it in Host.
var hostName = regexp.MustCompile(`^(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$`)

func (c *Config) validateSources(p *problems) {
	if len(c.Sources) == 0 {
		p.add("sources", say("config.no_source"), say("config.hint.no_source"))
	}
	seen := map[string]bool{}
	for i, s := range c.Sources {
		path := fmt.Sprintf("sources[%d]", i)
		if !namePattern.MatchString(s.Name) {
			p.add(path+".name", say("config.source_name", "name", quote(s.Name)), say("config.hint.name"))
		} else if seen[s.Name] {
			p.add(path+".name", say("config.source_name_twice", "name", quote(s.Name)), noHint)
		}
		seen[s.Name] = true
		switch s.Driver {
		case "firebird", "mssql", "sqlite":
		default:
			p.add(path+".driver", say("config.driver", "value", quote(s.Driver), "suggest", didYouMean(s.Driver, []string{"firebird", "mssql", "sqlite"})), noHint)
		}
		if s.Database == "" {
			p.add(path+".database", say("config.required", "key", "database"),
				say("config.hint.database", "example", "'C:/AKINSOFT/Wolvox8/Database_FB/01/{year}/WOLVOX.FDB'"))
		}
		if s.Driver == "firebird" || s.Driver == "mssql" {
			if s.User == "" {
				p.add(path+".user", say("config.required", "key", "user"), say("config.hint.readonly_user"))
			}
			if s.Password == "" {
				p.add(path+".password", say("config.required", "key", "password"), say("config.hint.password_ref"))
			}
		}
		if s.Driver == "firebird" {
			switch strings.ToUpper(s.Charset) {
			case "WIN1254", "UTF8", "NONE":
			default:
				p.add(path+".charset", say("config.charset", "value", quote(s.Charset)), say("config.hint.charset"))
			}
		}
	}
}

func (c *Config) validateChannels(p *problems) {
	for name, ch := range c.Channels.ByName() {
		path := "channels." + name
		allowed := providersByChannel[name]
		if !slices.Contains(allowed, ch.Provider) {
			p.add(path+".provider", say("config.provider", "channel", name, "allowed", strings.Join(allowed, ", "), "value", quote(ch.Provider),
				"suggest", didYouMean(ch.Provider, allowed)), noHint)
			continue
		}
		blocks := map[string]bool{"netgsm": ch.NetGSM != nil, "mutlucell": ch.Mutlucell != nil,
			"whatsapp_cloud": ch.WhatsApp != nil, "smtp": ch.SMTP != nil, "webhook": ch.Webhook != nil}
		if ch.Provider != "console" && !blocks[ch.Provider] {
			p.add(path, say("config.provider_settings_missing", "provider", ch.Provider, "path", path+"."+ch.Provider), noHint)
		}
		for b, set := range blocks {
			if set && b != ch.Provider {
				p.add(path+"."+b, say("config.provider_settings_other", "block", b, "provider", ch.Provider), say("config.hint.remove_or_set_provider", "block", b))
			}
		}
		if n := int(ch.InFlight); n > ch.Rate.Burst() {
			p.add(path+".in_flight", say("config.in_flight_over_rate", "n", n, "rate", ch.Rate),
				say("config.hint.in_flight_over_rate", "burst", ch.Rate.Burst()))
		}
		if ch.NetGSM != nil && ch.NetGSM.IYSFilter != "" && ch.NetGSM.IYSFilter != "11" && ch.NetGSM.IYSFilter != "12" {
			p.add(path+".netgsm.iysfilter", say("config.iysfilter", "value", quote(ch.NetGSM.IYSFilter)), say("config.hint.iysfilter"))
		}
		if ch.NetGSM != nil {
			if ch.NetGSM.UserCode == "" {
				p.add(path+".netgsm.usercode", say("config.required", "key", "usercode"), noHint)
			}
			if msg, hint := MsgHeaderProblem(ch.NetGSM.MsgHeader); !msg.IsZero() {
				p.add(path+".netgsm.msgheader", msg, hint)
			}
		}
		if ch.Mutlucell != nil && ch.Mutlucell.Originator == "" {
			p.add(path+".mutlucell.originator", say("config.required", "key", "originator"), noHint)
		}
		if ch.WhatsApp != nil && ch.WhatsApp.PhoneNumberID == "" {
			p.add(path+".whatsapp_cloud.phone_number_id", say("config.required", "key", "phone_number_id"), noHint)
		}
		if ch.SMTP != nil {
			if ch.SMTP.Host == "" {
				p.add(path+".smtp.host", say("config.required", "key", "host"), noHint)
			}
			if ch.SMTP.Port != 0 && ch.SMTP.Port != 587 && ch.SMTP.Port != 465 {
				p.add(path+".smtp.port", say("config.smtp_port", "port", ch.SMTP.Port), say("config.hint.smtp_port"))
			}
			if _, err := mapping.NormalizeEmail(ch.SMTP.From); err != nil {
				p.add(path+".smtp.from", say("config.smtp_from", "value", quote(ch.SMTP.From)), noHint)
			}
		}
		if ch.Webhook != nil {
			if _, err := httpclient.CheckURL(ch.Webhook.URL); err != nil {
				p.add(path+".webhook.url", say("config.webhook_url_refused", "value", quote(ch.Webhook.URL), "why", urlMsg(err)), noHint)
			}
		}
	}
}

// jobDrivers are the database kinds a job's SELECT runs on: its SQL is
// checked as each of them reads it.
func (c *Config) jobDrivers(j *Job) []string {
	var out []string
	for _, s := range c.Sources {
		if (len(j.Sources) == 0 || slices.Contains(j.Sources, s.Name)) && !slices.Contains(out, s.Driver) {
			out = append(out, s.Driver)
		}
	}
	return out
}

func (c *Config) validateJobs(p *problems) {
	if len(c.Jobs) == 0 {
		p.add("jobs", say("config.no_job"), say("config.hint.no_job"))
	}
	var sources []string
	for _, s := range c.Sources {
		sources = append(sources, s.Name)
	}
	channels := c.Channels.ByName()
	seen := map[string]bool{}
	for i := range c.Jobs {
		j := &c.Jobs[i]
		path := fmt.Sprintf("jobs[%d]", i)
		if !namePattern.MatchString(j.Name) {
			p.add(path+".name", say("config.job_name", "name", quote(j.Name)), say("config.hint.name"))
		} else if seen[j.Name] {
			p.add(path+".name", say("config.job_name_twice", "name", quote(j.Name)), noHint)
		}
		seen[j.Name] = true
		var preset erp.Preset
		switch {
		case j.Preset != "" && j.SQL != "":
			p.add(path+".sql", say("config.preset_and_sql"), noHint)
		case j.Preset != "":
			var ok bool
			if preset, ok = erp.LookupPreset(j.Preset); !ok {
				p.add(path+".preset", say("config.unknown_preset", "name", quote(j.Preset), "suggest", didYouMean(j.Preset, erp.PresetNames())),
					say("config.hint.presets", "names", strings.Join(erp.PresetNames(), ", ")))
			} else if _, err := preset.SQL(erp.Params(j.Params)); err != nil {
				p.add(path+".params", erpMsg(err), noHint)
			}
		case j.SQL != "":
			if err := erp.CheckSelect(j.SQL, c.jobDrivers(j)...); err != nil {
				p.add(path+".sql", erpMsg(err), noHint)
			}
			if j.Key == "" {
				p.add(path+".key", say("config.key_required"), say("config.hint.key"))
			}
		default:
			p.add(path, say("config.job_needs_query"), say("config.hint.job_needs_query"))
		}
		if j.Key != "" && !columnPattern.MatchString(j.Key) {
			p.add(path+".key", say("config.not_column", "key", "key", "name", quote(j.Key)), noHint)
		}
		if !j.Schedule.IsSet() && !c.hasProblemAt(p, path+".schedule") {
			p.add(path+".schedule", say("config.required", "key", "schedule"), say("config.hint.schedule_example"))
		}
		c.validateBackfill(p, path, j, preset)
		if sms := channels["sms"]; j.Kind.Commercial() && j.Messages.SMS != nil && sms != nil && sms.Provider == "mutlucell" && c.IYS == nil {
			// Commercial SMS may only go to people whose consent İYS holds;
			// Mutlucell's API has no İYS check, NetGSM's has (iysfilter),
			// and so has the connector with iys: set.
			p.add(path+".kind", say("config.commercial_mutlucell"), say("config.hint.commercial_mutlucell"))
		}
		for k, s := range j.Sources {
			if !slices.Contains(sources, s) {
				p.add(fmt.Sprintf("%s.sources[%d]", path, k), say("config.unknown_source", "name", quote(s), "suggest", didYouMean(s, sources)), noHint)
			}
		}
		if len(j.Sources) == 0 && len(c.Sources) > 1 {
			p.add(path+".sources", say("config.sources_ambiguous"), noHint)
		}
		if j.PageSize < 1 || j.PageSize > 10000 {
			p.add(path+".page_size", say("config.page_size"), noHint)
		}
		if j.MaxSegments < 1 || j.MaxSegments > 10 {
			p.add(path+".max_segments", say("config.max_segments"), say("config.hint.max_segments", "default", DefaultMaxSegments))
		}
		if j.Preset != "" && preset.Name == "" {
			continue // unknown preset: its recipient defaults are unknown too
		}
		c.validateMessages(p, path, j, preset, channels)
		c.validateMessaging(p, path, j, preset, channels)
	}
}

// validateBackfill refuses a first-run start the job's mode cannot use: run
// would otherwise fail on the first poll, or silently ignore it.
func (c *Config) validateBackfill(p *problems, path string, j *Job, preset erp.Preset) {
	b := j.Backfill
	if c.hasProblemAt(p, path+".backfill") {
		return
	}
	dateCol := j.Timestamp
	if dateCol == "" {
		dateCol = preset.DateColumn
	}
	switch j.Mode {
	case ModeChanged:
		if dateCol == "" {
			p.add(path+".timestamp", say("config.changed_needs_timestamp"), say("config.hint.timestamp_changed"))
		}
		if b.Kind == BackfillKey {
			p.add(path+".backfill", say("config.backfill_key_changed", "value", b), say("config.hint.backfill_changed"))
		}
	case ModeCondition:
		if b.Set() {
			p.add(path+".backfill", say("config.backfill_condition"), say("config.hint.backfill_condition"))
		}
	case ModeCreated:
		if b.Kind == BackfillPeriod && dateCol == "" {
			p.add(path+".backfill", say("config.backfill_needs_date", "value", b), say("config.hint.timestamp_created"))
		}
	}
}

func (c *Config) validateMessages(p *problems, path string, j *Job, preset erp.Preset, channels map[string]*Channel) {
	msgs := j.Messages.ByName()
	if len(msgs) == 0 {
		p.add(path+".messages", say("config.no_message"), say("config.hint.no_message"))
	}
	for ch, m := range msgs {
		mpath := path + ".messages." + ch
		if channels[ch] == nil {
			p.add(mpath, say("config.channel_no_provider", "channel", ch), say("config.hint.configure_channel", "channel", ch))
		}
		if len(m.to) == 0 && len(preset.Recipients[ch]) == 0 {
			p.add(mpath+".to", say("config.required", "key", "to"), say("config.hint.to"))
		}
		if cols := presetColumns(preset); len(cols) > 0 {
			// A preset's columns are known without a database: a misspelled
			// recipient column would skip every message as "empty".
			for k, col := range m.to {
				if !slices.Contains(cols, strings.ToUpper(col)) {
					p.add(fmt.Sprintf("%s.to[%d]", mpath, k), say("config.column_not_in_preset", "name", quote(col), "suggest", didYouMean(strings.ToUpper(col), cols)),
						presetColumnsHint(preset, cols))
				}
			}
		}
		for _, t := range m.templates {
			if t.src == "" {
				if t.required && !presetDefault(preset, ch, t.key) {
					p.add(mpath+"."+t.key, say("config.required", "key", t.key), noHint)
				}
				continue
			}
			var err error
			name := j.Name + "." + ch + "." + t.key
			if t.html {
				_, err = mapping.ParseHTML(name, t.src, mapping.Formats{})
			} else {
				_, err = mapping.ParseText(name, t.src, mapping.Formats{})
			}
			if err != nil {
				c.templateProblem(p, mpath+"."+t.key, err)
			}
		}
	}
	for k, f := range j.Fallback {
		if msgs[f] == nil {
			have := make([]string, 0, len(msgs))
			for ch := range msgs {
				have = append(have, ch)
			}
			p.add(fmt.Sprintf("%s.fallback[%d]", path, k), say("config.fallback_no_message", "channel", f, "suggest", didYouMean(f, have)), noHint)
		}
	}
}

// templateProblem places a template error at its line and column inside the
// YAML file: a block scalar (| or >) starts on the line after its indicator
// and is indented; an inline value starts at its token, after any quote.
func (c *Config) templateProblem(p *problems, path string, err error) {
	line, col := c.positions.at(path)
	var te *mapping.TemplateError
	if !errors.As(err, &te) || te.Line == 0 {
		p.addAt(path, line, col, msgOf(err), noHint)
		return
	}
	n := c.positions.node(path)
	switch n.(type) {
	case *ast.LiteralNode:
		line += te.Line
		col = 1 + indentOf(c.positions.line(line))
		if te.Col > 0 {
			col += te.Col - 1
		}
	default:
		if te.Line > 1 {
			line += te.Line - 1
			col = 1 + indentOf(c.positions.line(line))
		}
		if sn, ok := n.(*ast.StringNode); ok && te.Line == 1 && sn.Token != nil && (sn.Token.Type == token.DoubleQuoteType || sn.Token.Type == token.SingleQuoteType) {
			col++ // the opening quote
		}
		if te.Col > 0 {
			col += te.Col - 1
		}
	}
	p.addAt(path, line, col, templateMsg(te.Msg), say("config.hint.template", "syntax", "{{…}}"))
}

func indentOf(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }

type templateSrc struct {
	key      string
	src      string
	html     bool
	required bool
}

type channelMessage struct {
	to        []string
	templates []templateSrc
}

// ByName returns the job's messages keyed by channel.
func (m Messages) ByName() map[string]*channelMessage {
	out := map[string]*channelMessage{}
	if m.SMS != nil {
		out["sms"] = &channelMessage{to: m.SMS.To, templates: []templateSrc{{key: "text", src: m.SMS.Text, required: true}}}
	}
	if m.Webhook != nil {
		out["webhook"] = &channelMessage{to: m.Webhook.To, templates: []templateSrc{{key: "text", src: m.Webhook.Text}}}
	}
	if m.Email != nil {
		out["email"] = &channelMessage{to: m.Email.To, templates: []templateSrc{
			{key: "subject", src: m.Email.Subject, required: true}, {key: "text", src: m.Email.Text, required: m.Email.HTML == ""},
			{key: "html", src: m.Email.HTML, html: true}}}
	}
	if m.WhatsApp != nil {
		ts := []templateSrc{{key: "template", src: m.WhatsApp.Template, required: true}, {key: "text", src: m.WhatsApp.Text}}
		for i, b := range m.WhatsApp.Body {
			ts = append(ts, templateSrc{key: fmt.Sprintf("body[%d].value", i), src: b.Value, required: b.Type != "currency"})
		}
		out["whatsapp"] = &channelMessage{to: m.WhatsApp.To, templates: ts}
	}
	return out
}

// presetColumns are the columns a preset's query yields, upper case, sorted.
func presetColumns(p erp.Preset) []string {
	cols := make([]string, 0, len(p.Sample))
	for k := range p.Sample {
		cols = append(cols, k)
	}
	slices.Sort(cols)
	return cols
}

// MsgHeaderProblem says what is wrong with h as a NetGSM sender title
// (msgheader), and the hint; both are zero when NetGSM can take it. check
// and init's question share it.
func MsgHeaderProblem(h string) (msg, hint catalog.Msg) {
	if h == "" || len(h) > 11 || !isASCII(h) {
		return say("config.msgheader", "value", quote(h)), say("config.hint.msgheader")
	}
	return noHint, noHint
}

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}
