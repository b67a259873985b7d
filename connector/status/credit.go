package status

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// Credit is what a channel's provider account held at its last balance
// check, and whether that is under the channel's low_credit. Threshold is
// low_credit's one number (the line of every balance; 0: no alert);
// Thresholds are its lines per unit instead ({"TL": 50, "sms": 500}), and
// only the balances of those units are compared.
type Credit struct {
	Channel    string                        `json:"channel"`
	Provider   string                        `json:"provider"`
	Balances   []notify.Balance              `json:"balances"`
	Threshold  float64                       `json:"threshold"`
	Thresholds map[config.CreditUnit]float64 `json:"thresholds,omitempty"`
	Low        bool                          `json:"low"`
	CheckedAt  time.Time                     `json:"checked_at"`
}

// NewCredit says whether bs is low under lc: every balance that has a line
// is under its own line, and there is at least one. With one number that
// is every balance, whatever its unit (a TL credit of 50 beside a package
// of 10,000 messages left is not low); with lines per unit only the units
// given count ({TL: 50} says nothing of SMS credits). A line of 0 never
// alerts.
func NewCredit(channel, provider string, bs []notify.Balance, lc config.LowCredit, at time.Time) Credit {
	c := Credit{Channel: channel, Provider: provider, Balances: slices.Clone(bs), Threshold: lc.Uniform(),
		Thresholds: lc.Lines(), CheckedAt: at}
	compared := false
	c.Low = true
	for _, b := range bs {
		line, ok := lc.Line(UnitOf(b))
		if !ok {
			continue
		}
		compared = true
		if b.Amount >= line {
			c.Low = false
		}
	}
	c.Low = c.Low && compared
	return c
}

// UnitOf is the low_credit unit b is compared in: TL, sms, or packages for
// a balance the provider names itself.
func UnitOf(b notify.Balance) config.CreditUnit {
	switch b.Unit {
	case notify.UnitTL:
		return config.CreditTL
	case notify.UnitSMS:
		return config.CreditSMS
	}
	return config.CreditPackages
}

// line is the line b was compared with, and whether it was.
func (c Credit) line(b notify.Balance) (float64, bool) {
	if c.Thresholds == nil {
		return c.Threshold, c.Threshold > 0
	}
	v, ok := c.Thresholds[UnitOf(b)]
	return v, ok
}

// Amounts is what the account holds as people read it, in l: "39,50 TL",
// "1.986 SMS kredisi", and a balance the provider names by its name
// ("Sms Hizmeti - Giden: 215"), never the program's word "credit".
func (c Credit) Amounts(l catalog.Lang) string {
	parts := make([]string, len(c.Balances))
	for i, b := range c.Balances {
		parts[i] = BalanceText(l, b)
	}
	return strings.Join(parts, ", ")
}

// Lines are the balances that were compared, each with its own line, in
// l: "39,50 TL, sınır 50; Sms Hizmeti - Giden: 150, sınır 200".
func (c Credit) Lines(l catalog.Lang) string {
	var parts []string
	for _, b := range c.Balances {
		if v, ok := c.line(b); ok {
			parts = append(parts, catalog.M("balance.with_line", "balance", BalanceText(l, b), "threshold", Amount(l, v)).In(l))
		}
	}
	return strings.Join(parts, "; ")
}

// Warning is what the page and the status command say of a low balance,
// in l, with what the account holds and the channel's low_credit: "Sağlayıcı
// bakiyesi düşük (39,50 TL; sınır 100): …", or with lines per unit each
// balance compared with its own line: "(39,50 TL, sınır 50; …)".
func (c Credit) Warning(l catalog.Lang) string {
	if c.Thresholds != nil {
		return catalog.M("page.low_credit_each", "lines", c.Lines(l)).In(l)
	}
	return catalog.M("page.low_credit", "balances", c.Amounts(l), "threshold", Amount(l, c.Threshold)).In(l)
}

// BalanceText is one balance as people read it, in l.
func BalanceText(l catalog.Lang, b notify.Balance) string {
	n := Amount(l, b.Amount)
	switch {
	case b.Unit == notify.UnitTL:
		return catalog.M("balance.tl", "amount", n).In(l)
	case b.Unit == notify.UnitSMS:
		return catalog.M("balance.sms", "amount", n).In(l)
	case b.Name == "" || b.Name == "credit":
		return n // an old answer, from before balances had units
	}
	return catalog.M("balance.named", "name", b.Name, "amount", n).In(l)
}

// Amount writes a balance or a threshold as l writes numbers: "1.234,50"
// in Turkish, "1,234.50" in English, whole numbers without decimals.
func Amount(l catalog.Lang, v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	d, err := mapping.Decimal(s)
	if err != nil {
		return s
	}
	g, err := mapping.Money(d, mapping.Formats{})
	if err != nil {
		return s
	}
	g = strings.TrimSuffix(g, ",00")
	if l == catalog.EN {
		g = strings.Map(func(r rune) rune {
			switch r {
			case '.':
				return ','
			case ',':
				return '.'
			}
			return r
		}, g)
	}
	return g
}

// credits keeps each channel's last Credit for the status page, and the
// low-credit gauge.
type credits struct {
	mu   sync.Mutex
	last map[string]Credit
	low  *prometheus.GaugeVec
}

func newCredits() *credits {
	return &credits{last: map[string]Credit{}, low: prometheus.NewGaugeVec(prometheus.GaugeOpts{
		Name: "akinsoft_connector_provider_balance_low",
		Help: "1 while the channel's provider balance is under its low_credit (NetGSM, Mutlucell): every balance with a line is under its own line; 0 otherwise. Set at each successful balance check.",
	}, []string{"channel", "provider"})}
}

// SetCredit records a channel's balance check with its threshold.
func (m *Metrics) SetCredit(c Credit) {
	m.SetBalance(c.Channel, c.Provider, c.Balances, c.CheckedAt)
	m.credits.mu.Lock()
	m.credits.last[c.Channel] = c
	m.credits.mu.Unlock()
	v := 0.0
	if c.Low {
		v = 1
	}
	m.credits.low.WithLabelValues(c.Channel, c.Provider).Set(v)
}

// Credit is the channel's last balance check; nil before the first or for
// a provider without a balance API.
func (m *Metrics) Credit(channel string) *Credit {
	m.credits.mu.Lock()
	defer m.credits.mu.Unlock()
	c, ok := m.credits.last[channel]
	if !ok {
		return nil
	}
	return &c
}

// Credits are every channel's last balance checks, by channel name.
func (m *Metrics) Credits() []Credit {
	m.credits.mu.Lock()
	defer m.credits.mu.Unlock()
	out := make([]Credit, 0, len(m.credits.last))
	for _, c := range m.credits.last {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b Credit) int {
		if a.Channel < b.Channel {
			return -1
		}
		if a.Channel > b.Channel {
			return 1
		}
		return 0
	})
	return out
}
