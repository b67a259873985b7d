package connector

import (
	"context"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// BalanceEvery is how often each provider account with a balance API is
// asked what it holds: often enough to warn a day before the credit runs
// out, rare enough to be noise in the provider's logs. It is a schedule of
// its own, never a scrape: Prometheus may scrape every 15 seconds.
const BalanceEvery = 30 * time.Minute

// balancer is a provider that can say what its account holds.
type balancer interface {
	Balance(ctx context.Context) ([]notify.Balance, error)
}

// balanceLoop checks the balance of every channel whose provider has a
// balance API, at start and then every BalanceEvery, into the metrics. A
// failed check is logged and leaves the last good value (and its
// timestamp, which alert rules use to see a stale balance).
func (d *Daemon) balanceLoop(ctx context.Context) {
	if !d.CheckBalances(ctx) {
		return // no provider has a balance API
	}
	t := time.NewTicker(BalanceEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			d.CheckBalances(ctx)
		}
	}
}

// CheckBalances reads each balance once; it reports whether any channel's
// provider has a balance API.
func (d *Daemon) CheckBalances(ctx context.Context) bool {
	found := false
	for _, name := range d.channelNames() {
		b, ok := d.channels[name].Provider.(balancer)
		if !ok {
			continue
		}
		found = true
		cctx, cancel := context.WithTimeout(ctx, time.Minute)
		bs, err := b.Balance(cctx)
		cancel()
		if err != nil {
			if ctx.Err() == nil {
				d.log.Warn("log.balance.unreadable", "channel", name, "err", err)
			}
			continue
		}
		ch := d.cfg.Channels.ByName()[name]
		var lc config.LowCredit // none: no alert
		if ch.LowCredit != nil {
			lc = *ch.LowCredit
		}
		c := status.NewCredit(name, ch.Provider, bs, lc, d.now())
		d.metrics.SetCredit(c)
		if c.Low {
			// What the account holds as the page says it ("39 TL"), in
			// the log's language: not the program's structure.
			d.log.Warn("log.balance.low",
				"channel", name, "low_credit", lc, "balances", c.Amounts(d.cfg.Language.Lang()))
		}
	}
	return found
}
