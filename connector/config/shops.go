package config

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// The settings of account statements (cari ekstre) and reconciliations
// (mutabakat), and of the shop owner's daily summary. Each is a field of
// Job or Config (config.go); defaults are in defaults.go.

// Statement configures a job of preset account_statements or
// account_reconciliation.
type Statement struct {
	// Period is how many whole months before the month the job runs in the
	// statement covers: month (default), quarter, half_year or year.
	Period StatementPeriod `yaml:"period"`
	// ReplyWords are what a customer replies to a reconciliation to confirm
	// or dispute the balance (the first of each list is the one the message
	// asks for).
	ReplyWords ReplyWords `yaml:"reply_words"`
}

// ReplyWords are the words of a reconciliation's answers.
type ReplyWords struct {
	Confirm []string `yaml:"confirm"`
	Dispute []string `yaml:"dispute"`
}

// StatementPeriod is a statement's length in whole calendar months.
type StatementPeriod struct{ months int }

var statementPeriods = map[string]int{"month": 1, "quarter": 3, "half_year": 6, "year": 12}

// ParseStatementPeriod reads month, quarter, half_year or year.
func ParseStatementPeriod(s string) (StatementPeriod, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if n, ok := statementPeriods[s]; ok {
		return StatementPeriod{months: n}, nil
	}
	return StatementPeriod{}, bad("config.shops.period", "value", quote(s), "suggest", didYouMean(s, []string{"month", "quarter", "half_year", "year"}))
}

// Months is the period's length; 0 when the file does not say.
func (p StatementPeriod) Months() int { return p.months }

func (p StatementPeriod) String() string {
	for name, n := range statementPeriods {
		if n == p.months {
			return name
		}
	}
	return ""
}

func (p *StatementPeriod) UnmarshalYAML(ctx context.Context, n ast.Node) error {
	return decodeScalar(ctx, n, say("config.hint.shops.period"), func(s string) error {
		v, err := ParseStatementPeriod(s)
		*p = v
		return err
	})
}

func (p StatementPeriod) MarshalYAML() (any, error) { return p.String(), nil }

// DailySummary is the shop owner's summary of the day: what went out and
// was delivered, what failed and what to do, refusals, the credit left.
type DailySummary struct {
	// To is the owner's address on Channel: an e-mail address, or a mobile
	// number for sms or whatsapp.
	To string `yaml:"to"`
	// Channel is email (default), sms or whatsapp.
	Channel string `yaml:"channel"`
	// At is when it is sent, in the config's time zone (default 19:00); it
	// covers the day up to then.
	At       Clock `yaml:"at"`
	Disabled bool  `yaml:"disabled"`
	// Language is the summary's language: tr (default) or en.
	Language Language `yaml:"language"`
}

// applyShopDefaults fills in this file's settings.
func (c *Config) applyShopDefaults() {
	for i := range c.Jobs {
		s := c.Jobs[i].Statement
		if s == nil {
			continue
		}
		if s.Period.Months() == 0 {
			s.Period = StatementPeriod{months: DefaultStatementMonths}
		}
		if len(s.ReplyWords.Confirm) == 0 {
			s.ReplyWords.Confirm = slices.Clone(DefaultConfirmWords)
		}
		if len(s.ReplyWords.Dispute) == 0 {
			s.ReplyWords.Dispute = slices.Clone(DefaultDisputeWords)
		}
	}
	if d := c.DailySummary; d != nil {
		if d.Channel == "" {
			d.Channel = "email"
		}
		if !d.At.IsSet() {
			d.At = DefaultSummaryAt
		}
		if d.Language == "" {
			d.Language = c.Language
		}
	}
	for _, ch := range c.Channels.ByName() {
		if ch.LowCredit == nil && (ch.NetGSM != nil || ch.Mutlucell != nil) {
			ch.LowCredit = &LowCredit{every: DefaultLowCredit}
		}
	}
}

// reportedUnits are the units of the balances each provider reports
// (notify/netgsm, notify/mutlucell balance.go): a low_credit line in
// another one would never be compared.
var providerNames = map[string]string{"netgsm": "NetGSM", "mutlucell": "Mutlucell"}

var reportedUnits = map[string][]CreditUnit{
	"netgsm":    {CreditTL, CreditPackages},
	"mutlucell": {CreditSMS},
}

// validateShops checks this file's settings.
func (c *Config) validateShops(p *problems) {
	for name, ch := range c.Channels.ByName() {
		units, known := reportedUnits[ch.Provider]
		if ch.LowCredit == nil || !ch.LowCredit.ByUnit() || !known {
			continue
		}
		names := make([]string, len(units))
		for i, u := range units {
			names[i] = string(u)
		}
		for _, u := range CreditUnits {
			if _, given := ch.LowCredit.Lines()[u]; given && !slices.Contains(units, u) {
				p.add("channels."+name+".low_credit."+string(u),
					say("config.shops.low_credit_not_reported", "unit", string(u), "provider", providerNames[ch.Provider], "units", strings.Join(names, ", ")),
					say("config.hint.shops.low_credit_not_reported", "units", strings.Join(names, ", ")))
			}
		}
	}
	for i, j := range c.Jobs {
		path := fmt.Sprintf("jobs[%d]", i)
		statement := j.Preset == "account_statements" || j.Preset == "account_reconciliation"
		if j.Statement != nil && !statement {
			p.add(path+".statement", say("config.shops.statement_preset"), say("config.hint.shops.statement_preset"))
			continue
		}
		if j.Statement == nil {
			continue
		}
		seen := map[string]string{}
		for _, l := range []struct {
			key   string
			words []string
		}{{"confirm", j.Statement.ReplyWords.Confirm}, {"dispute", j.Statement.ReplyWords.Dispute}} {
			for k, w := range l.words {
				wpath := fmt.Sprintf("%s.statement.reply_words.%s[%d]", path, l.key, k)
				norm := NormalizeReplyWord(w)
				switch {
				case norm == "" || strings.ContainsAny(norm, " \t"):
					p.add(wpath, say("config.shops.reply_word", "word", quote(w)), say("config.hint.shops.reply_word"))
				case seen[norm] != "" && seen[norm] != l.key:
					p.add(wpath, say("config.shops.reply_word_both", "word", quote(w)), say("config.hint.shops.reply_word_both"))
				}
				seen[norm] = l.key
			}
		}
	}
	if d := c.DailySummary; d != nil && !d.Disabled {
		switch d.Channel {
		case "email", "sms", "whatsapp":
		default:
			p.add("daily_summary.channel", say("config.shops.summary_channel", "value", quote(d.Channel), "suggest", didYouMean(d.Channel, []string{"email", "sms", "whatsapp"})), noHint)
			return
		}
		if c.Channels.ByName()[d.Channel] == nil {
			p.add("daily_summary.channel", say("config.shops.summary_channel_missing", "channel", d.Channel), say("config.hint.shops.summary_channel_missing"))
		}
		if q := c.QuietHours; q != nil && !q.Disabled && slices.Contains(q.Channels, d.Channel) && d.At.Within(q.Start, q.End) {
			// It would wait for the morning: a summary of the day after it.
			p.add("daily_summary.at", say("config.shops.summary_quiet", "at", d.At, "channel", d.Channel, "start", q.Start, "end", q.End),
				say("config.hint.shops.summary_quiet", "start", q.Start))
		}
		if strings.TrimSpace(d.To) == "" {
			p.add("daily_summary.to", say("config.required", "key", "to"), say("config.hint.shops.summary_to"))
		} else if _, err := mapping.NormalizeRecipient(d.Channel, d.To, c.Formats.PhoneRegion); err != nil {
			p.add("daily_summary.to", say("config.staff_unreachable", "value", quote(d.To), "channel", d.Channel, "reason", catalog.ReasonMsg(mapping.SkipReason(err))), noHint)
		}
	}
}

// NormalizeReplyWord is a reply word as replies are compared: upper case
// the Turkish way, Turkish letters as their plain look-alikes (a phone
// without Turkish letters writes ITIRAZ for İTİRAZ), without spaces and
// punctuation around it.
func NormalizeReplyWord(s string) string {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, ".,;:!?\"'()[]-*")
	s = strings.NewReplacer("i", "İ", "ı", "I").Replace(s)
	s = strings.ToUpper(s)
	return strings.NewReplacer("İ", "I", "Ş", "S", "Ğ", "G", "Ü", "U", "Ö", "O", "Ç", "C", "Â", "A", "Î", "I", "Û", "U").Replace(s)
}
