package config

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/akinsoft-connector/akinsoft-connector/connector/erp"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
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
		p.add("retention", "keep at least 1d so reports can be reconciled", "retention %s is too short", c.Retention)
	}
	if q := c.QuietHours; q != nil && !q.Disabled {
		for _, f := range []struct {
			path string
			v    Clock
		}{{"quiet_hours.start", q.Start}, {"quiet_hours.end", q.End}} {
			if !f.v.IsSet() && !c.hasProblemAt(p, f.path) {
				p.add(f.path, "write both start and end as HH:MM, e.g. \"21:00\" (in quotes)", "%s is required with the other end of the window", f.path)
			}
		}
		for i, ch := range q.Channels {
			if !slices.Contains(channelNames, ch) {
				p.add(fmt.Sprintf("quiet_hours.channels[%d]", i), "", "%q is not a channel%s", ch, didYouMean(ch, channelNames))
			}
		}
	}
	if c.DailyCap < 0 {
		p.add("daily_cap_per_recipient", "", "must be 0 (no cap) or more")
	}
	c.validateStatus(p)
	c.validateSources(p)
	c.validateChannels(p)
	c.validateJobs(p)
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
		p.add("status.tls_cert", "give both tls_cert and tls_key, or neither", "tls_cert and tls_key go together")
	}
	if !s.Listen.Loopback() && !s.AllowRemote && s.TLSCert == "" && !c.hasProblemAt(p, "status.listen") {
		p.add("status.listen", "set status.tls_cert and status.tls_key, or status.allow_remote: true, or listen on 127.0.0.1",
			"status.listen %q is reachable from other computers", s.Listen.String())
	}
	switch s.Language {
	case "tr", "en":
	default:
		p.add("status.language", "", "language must be tr or en, not %q", s.Language)
	}
}

func (c *Config) validateSources(p *problems) {
	if len(c.Sources) == 0 {
		p.add("sources", "add the ERP database under sources:", "no source is configured")
	}
	seen := map[string]bool{}
	for i, s := range c.Sources {
		path := fmt.Sprintf("sources[%d]", i)
		if !namePattern.MatchString(s.Name) {
			p.add(path+".name", "use lower-case letters, digits, - and _", "source name %q is not valid", s.Name)
		} else if seen[s.Name] {
			p.add(path+".name", "", "source name %q is used twice", s.Name)
		}
		seen[s.Name] = true
		switch s.Driver {
		case "firebird", "mssql", "sqlite":
		default:
			p.add(path+".driver", "", "driver must be firebird, mssql or sqlite, not %q%s", s.Driver, didYouMean(s.Driver, []string{"firebird", "mssql", "sqlite"}))
		}
		if s.Database == "" {
			p.add(path+".database", "for Firebird the .FDB path on the server, e.g. 'C:/AKINSOFT/Wolvox8/Database_FB/01/{year}/WOLVOX.FDB'", "database is required")
		}
		if s.Driver == "firebird" || s.Driver == "mssql" {
			if s.User == "" {
				p.add(path+".user", "use a read-only database user", "user is required")
			}
			if s.Password == "" {
				p.add(path+".password", "write ${secret:NAME} and store it with `akinsoft-connector secrets set NAME`", "password is required")
			}
		}
		if s.Driver == "firebird" {
			switch strings.ToUpper(s.Charset) {
			case "WIN1254", "UTF8", "NONE":
			default:
				p.add(path+".charset", "Wolvox databases use WIN1254", "charset must be WIN1254, UTF8 or NONE, not %q", s.Charset)
			}
		}
	}
}

func (c *Config) validateChannels(p *problems) {
	for name, ch := range c.Channels.ByName() {
		path := "channels." + name
		allowed := providersByChannel[name]
		if !slices.Contains(allowed, ch.Provider) {
			p.add(path+".provider", "", "provider for %s must be one of %s, not %q%s", name, strings.Join(allowed, ", "), ch.Provider, didYouMean(ch.Provider, allowed))
			continue
		}
		blocks := map[string]bool{"netgsm": ch.NetGSM != nil, "mutlucell": ch.Mutlucell != nil,
			"whatsapp_cloud": ch.WhatsApp != nil, "smtp": ch.SMTP != nil, "webhook": ch.Webhook != nil}
		if ch.Provider != "console" && !blocks[ch.Provider] {
			p.add(path, "", "provider %s needs its settings under %s.%s", ch.Provider, path, ch.Provider)
		}
		for b, set := range blocks {
			if set && b != ch.Provider {
				p.add(path+"."+b, "remove it or set provider: "+b, "settings for %s are given but the provider is %s", b, ch.Provider)
			}
		}
		if n := int(ch.InFlight); n > ch.Rate.Burst() {
			p.add(path+".in_flight", fmt.Sprintf("lower it to %d or raise rate", ch.Rate.Burst()),
				"in_flight %d is more requests at once than rate %s starts in a second", n, ch.Rate)
		}
		if ch.NetGSM != nil && ch.NetGSM.IYSFilter != "" && ch.NetGSM.IYSFilter != "11" && ch.NetGSM.IYSFilter != "12" {
			p.add(path+".netgsm.iysfilter", "11 checks consent of individuals (bireysel), 12 of merchants (tacir)", "iysfilter must be 11 or 12, not %q", ch.NetGSM.IYSFilter)
		}
		if ch.NetGSM != nil {
			if ch.NetGSM.UserCode == "" {
				p.add(path+".netgsm.usercode", "", "usercode is required")
			}
			if h := ch.NetGSM.MsgHeader; h == "" || len(h) > 11 || !isASCII(h) {
				p.add(path+".netgsm.msgheader", "the approved sender title: 3-11 characters, no Turkish letters", "msgheader %q is not valid", h)
			}
		}
		if ch.Mutlucell != nil && ch.Mutlucell.Originator == "" {
			p.add(path+".mutlucell.originator", "", "originator is required")
		}
		if ch.WhatsApp != nil && ch.WhatsApp.PhoneNumberID == "" {
			p.add(path+".whatsapp_cloud.phone_number_id", "", "phone_number_id is required")
		}
		if ch.SMTP != nil {
			if ch.SMTP.Host == "" {
				p.add(path+".smtp.host", "", "host is required")
			}
			if ch.SMTP.Port != 0 && ch.SMTP.Port != 587 && ch.SMTP.Port != 465 {
				p.add(path+".smtp.port", "TLS is required: 587 (STARTTLS) or 465 (implicit TLS)", "port %d is not allowed", ch.SMTP.Port)
			}
			if _, err := mapping.NormalizeEmail(ch.SMTP.From); err != nil {
				p.add(path+".smtp.from", "", "from address %q is not valid", ch.SMTP.From)
			}
		}
		if ch.Webhook != nil && !strings.HasPrefix(ch.Webhook.URL, "https://") && !strings.HasPrefix(ch.Webhook.URL, "http://127.0.0.1") && !strings.HasPrefix(ch.Webhook.URL, "http://localhost") {
			p.add(path+".webhook.url", "use https:// (plain http only to this machine)", "webhook url %q is not allowed", ch.Webhook.URL)
		}
	}
}

func (c *Config) validateJobs(p *problems) {
	if len(c.Jobs) == 0 {
		p.add("jobs", "see config.example.yaml for a new-invoice job", "no job is configured")
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
			p.add(path+".name", "use lower-case letters, digits, - and _", "job name %q is not valid", j.Name)
		} else if seen[j.Name] {
			p.add(path+".name", "", "job name %q is used twice", j.Name)
		}
		seen[j.Name] = true
		var preset erp.Preset
		switch {
		case j.Preset != "" && j.SQL != "":
			p.add(path+".sql", "", "give either preset or sql, not both")
		case j.Preset != "":
			var ok bool
			if preset, ok = erp.LookupPreset(j.Preset); !ok {
				p.add(path+".preset", "known presets: "+strings.Join(erp.PresetNames(), ", "), "unknown preset %q%s", j.Preset, didYouMean(j.Preset, erp.PresetNames()))
			} else if _, err := preset.SQL(erp.Params(j.Params)); err != nil {
				p.add(path+".params", "", "%v", err)
			}
		case j.SQL != "":
			if err := erp.CheckSelect(j.SQL); err != nil {
				p.add(path+".sql", "", "%v", err)
			}
			if j.Key == "" {
				p.add(path+".key", "name the column that identifies a row, e.g. BLKODU", "key is required with sql")
			}
		default:
			p.add(path, "add preset: new_invoices, or sql: SELECT …", "job needs a preset or sql")
		}
		if j.Key != "" && !columnPattern.MatchString(j.Key) {
			p.add(path+".key", "", "key %q is not a column name", j.Key)
		}
		if !j.Schedule.IsSet() && !c.hasProblemAt(p, path+".schedule") {
			p.add(path+".schedule", "e.g. \"@every 5m\" or \"*/10 9-18 * * 1-6\"", "schedule is required")
		}
		c.validateBackfill(p, path, j, preset)
		if sms := channels["sms"]; j.Kind.Commercial() && j.Messages.SMS != nil && sms != nil && sms.Provider == "mutlucell" {
			// Commercial SMS may only go to people whose consent İYS holds;
			// Mutlucell's API has no İYS check, NetGSM's has (iysfilter).
			p.add(path+".kind", "send commercial SMS through NetGSM (iysfilter checks İYS consent), or drop the sms message from this job",
				"a commercial job cannot send SMS through mutlucell: it has no İYS consent check")
		}
		for k, s := range j.Sources {
			if !slices.Contains(sources, s) {
				p.add(fmt.Sprintf("%s.sources[%d]", path, k), "", "source %q is not defined under sources%s", s, didYouMean(s, sources))
			}
		}
		if len(j.Sources) == 0 && len(c.Sources) > 1 {
			p.add(path+".sources", "", "several sources exist: say which this job reads")
		}
		if j.PageSize < 1 || j.PageSize > 10000 {
			p.add(path+".page_size", "", "page_size must be between 1 and 10000")
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
			p.add(path+".timestamp", "name the column that changes with the row, e.g. DEGISTIRME_TARIHI", "changed mode needs timestamp:")
		}
		if b.Kind == BackfillKey {
			p.add(path+".backfill", "a changed job backfills by a period (e.g. 7d) or all", "backfill %s cannot be used in changed mode: rows are followed by time, not by key", b)
		}
	case ModeCondition:
		if b.Set() {
			p.add(path+".backfill", "remove backfill: a condition job reads what matches now on every run", "backfill does not apply to a condition job")
		}
	case ModeCreated:
		if b.Kind == BackfillPeriod && dateCol == "" {
			p.add(path+".backfill", "set timestamp: to the column that holds the creation time, e.g. KAYIT_TARIHI", "backfill %s needs the column that holds the creation time", b)
		}
	}
}

func (c *Config) validateMessages(p *problems, path string, j *Job, preset erp.Preset, channels map[string]*Channel) {
	msgs := j.Messages.ByName()
	if len(msgs) == 0 {
		p.add(path+".messages", "add at least one of sms, whatsapp, email, webhook", "the job sends no message")
	}
	for ch, m := range msgs {
		mpath := path + ".messages." + ch
		if channels[ch] == nil {
			p.add(mpath, "configure the channel under channels."+ch, "channel %s has no provider", ch)
		}
		if len(m.to) == 0 && len(preset.Recipients[ch]) == 0 {
			p.add(mpath+".to", "list the columns holding the recipient, e.g. [CEP_TEL]", "to is required")
		}
		if cols := presetColumns(preset); len(cols) > 0 {
			// A preset's columns are known without a database: a misspelled
			// recipient column would skip every message as "empty".
			for k, col := range m.to {
				if !slices.Contains(cols, strings.ToUpper(col)) {
					p.add(fmt.Sprintf("%s.to[%d]", mpath, k), "the preset "+preset.Name+" gives "+strings.Join(cols, ", "),
						"column %q is not in the preset's result%s", col, didYouMean(strings.ToUpper(col), cols))
				}
			}
		}
		for _, t := range m.templates {
			if t.src == "" {
				if t.required && !presetDefault(preset, ch, t.key) {
					p.add(mpath+"."+t.key, "", "%s is required", t.key)
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
			p.add(fmt.Sprintf("%s.fallback[%d]", path, k), "", "fallback channel %s has no message in this job%s", f, didYouMean(f, have))
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
		p.addAt(path, line, col, "", "%v", err)
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
	p.addAt(path, line, col, "check the {{…}} syntax and column names", "%s", te.Msg)
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

func isASCII(s string) bool {
	for _, r := range s {
		if r > 127 {
			return false
		}
	}
	return true
}
