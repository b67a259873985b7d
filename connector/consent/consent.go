// Package consent checks İYS consent before a commercial message
// (dispatch.ConsentChecker): İYS's answer about an address is read through
// NetGSM's İYS API, cached in the outbox with the consent's date and source
// as its proof, and refreshed on a schedule. Individuals (BIREYSEL) need a
// consent (ONAY); merchants (TACIR) need none but may have refused (RET).
package consent

import (
	"context"
	"log/slog"
	"slices"
	"time"

	"golang.org/x/time/rate"

	"github.com/akinsoft-connector/akinsoft-connector/connector/dispatch"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
	"github.com/akinsoft-connector/akinsoft-connector/notify/netgsm"
)

// IYS is what the checker asks (netgsm.IYS).
type IYS interface {
	Search(ctx context.Context, typ, recipient, recipientType string) (netgsm.IYSRecord, error)
	Refuse(ctx context.Context, typ, recipient, recipientType, source string, when time.Time) error
}

// Checker checks and caches İYS consent.
type Checker struct {
	store   *outbox.Store
	iys     IYS
	refresh time.Duration
	now     func() time.Time
	log     *slog.Logger
	// İYS's rate limit is not published [UNCONFIRMED]: a few queries a
	// second keep a campaign moving without hammering it.
	limit *rate.Limiter
}

// New returns a checker; answers older than refresh are asked again.
func New(store *outbox.Store, iys IYS, refresh time.Duration, now func() time.Time, log *slog.Logger) *Checker {
	if now == nil {
		now = time.Now
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Checker{store: store, iys: iys, refresh: refresh, now: now, log: log, limit: rate.NewLimiter(5, 10)}
}

// The reasons of consent decisions (their texts are in connector/catalog).
const (
	ReasonNone    = "consent.none"    // İYS holds no consent for the address
	ReasonRefused = "consent.refused" // date, source: İYS holds a refusal
)

// ReasonCodes lists them, for the catalog's completeness test.
var ReasonCodes = []string{ReasonNone, ReasonRefused}

// kinds are İYS's kinds of address by channel; a channel İYS does not
// cover (a webhook to the shop's own system) has none.
var kinds = map[string]string{
	notify.ChannelSMS:      netgsm.IYSMessage,
	notify.ChannelWhatsApp: netgsm.IYSMessage,
	notify.ChannelEmail:    netgsm.IYSEmail,
}

// Kind is İYS's kind of address for a channel ("" for none).
func Kind(channel string) string { return kinds[channel] }

// Channels are the channels a kind of İYS address covers, sorted.
func Channels(kind string) []string {
	var out []string
	for ch, k := range kinds {
		if k == kind {
			out = append(out, ch)
		}
	}
	slices.Sort(out)
	return out
}

// RecipientType is İYS's word for an individual or a merchant.
func RecipientType(merchant bool) string {
	if merchant {
		return netgsm.IYSMerchant
	}
	return netgsm.IYSIndividual
}

// Check says whether a commercial message to to on channel may go.
func (c *Checker) Check(ctx context.Context, to, channel string, merchant bool) (dispatch.ConsentDecision, error) {
	kind := Kind(channel)
	if kind == "" {
		return dispatch.ConsentDecision{Allowed: true}, nil
	}
	rtype := RecipientType(merchant)
	cached, ok, err := c.store.Consent(ctx, to, kind, rtype)
	if err != nil {
		return dispatch.ConsentDecision{}, err
	}
	if !ok || c.now().Sub(cached.Checked) >= c.refresh {
		if cached, err = c.ask(ctx, to, kind, rtype); err != nil {
			return dispatch.ConsentDecision{}, err
		}
	}
	return decide(cached, merchant), nil
}

// KnownRefusal says whether the outbox's copy of İYS's answers holds a
// refusal (RET) of to for channel, as an individual or as a merchant,
// without asking İYS: a message that needs no consent (send-test's) is
// still stopped by a refusal the connector knows of, as a merchant's is
// (decide). Why is İYS's answer, as the dispatcher gives it.
func KnownRefusal(ctx context.Context, store *outbox.Store, to, channel string) (why mapping.Reason, refused bool, err error) {
	kind := Kind(channel)
	if kind == "" {
		return mapping.Reason{}, false, nil
	}
	for _, merchant := range []bool{false, true} {
		cached, ok, err := store.Consent(ctx, to, kind, RecipientType(merchant))
		if err != nil {
			return mapping.Reason{}, false, err
		}
		if d := decide(cached, true); ok && !d.Allowed {
			return d.Why, true, nil
		}
	}
	return mapping.Reason{}, false, nil
}

func decide(c outbox.Consent, merchant bool) dispatch.ConsentDecision {
	switch {
	case c.Status == netgsm.IYSRefused:
		return dispatch.ConsentDecision{Why: mapping.R(ReasonRefused, "date", c.ConsentDate, "source", c.Source)}
	case c.Status == netgsm.IYSApproved || merchant:
		return dispatch.ConsentDecision{Allowed: true}
	}
	return dispatch.ConsentDecision{Why: mapping.R(ReasonNone)}
}

// ask reads İYS's answer and caches it.
func (c *Checker) ask(ctx context.Context, to, kind, rtype string) (outbox.Consent, error) {
	if err := c.limit.Wait(ctx); err != nil {
		return outbox.Consent{}, err
	}
	rec, err := c.iys.Search(ctx, kind, netgsm.IYSRecipient(to), rtype)
	if err != nil {
		return outbox.Consent{}, err
	}
	cons := outbox.Consent{Recipient: to, Type: kind, RecipientType: rtype, Checked: c.now()}
	if rec.Found {
		cons.Status, cons.ConsentDate, cons.Source = rec.Status, rec.ConsentDate, rec.Source
	}
	return cons, c.store.SaveConsent(ctx, cons)
}

// Refused records a refusal made to the shop (by reply) in İYS, and in the
// cache at once.
func (c *Checker) Refused(ctx context.Context, to, channel string, at time.Time) error {
	kind := Kind(channel)
	if kind == "" {
		return nil
	}
	if err := c.limit.Wait(ctx); err != nil {
		return err
	}
	err := c.iys.Refuse(ctx, kind, netgsm.IYSRecipient(to), netgsm.IYSIndividual, "HS_MESAJ", at)
	if err == nil {
		err = c.store.SaveConsent(ctx, outbox.Consent{Recipient: to, Type: kind, RecipientType: netgsm.IYSIndividual,
			Status: netgsm.IYSRefused, ConsentDate: at.Format("2006-01-02 15:04:05"), Source: "HS_MESAJ", Checked: c.now()})
	}
	return err
}

// RefreshStale asks İYS again about cached answers older than the refresh
// period, up to limit of them; a citizen may have refused at İYS itself
// (RET to 3338) since.
func (c *Checker) RefreshStale(ctx context.Context, limit int) (int, error) {
	stale, err := c.store.StaleConsents(ctx, c.now().Add(-c.refresh), limit)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range stale {
		if _, err := c.ask(ctx, s.Recipient, s.Type, s.RecipientType); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Run refreshes the cache every quarter of the refresh period until ctx
// ends.
func (c *Checker) Run(ctx context.Context) {
	t := time.NewTicker(max(c.refresh/4, time.Minute))
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if n, err := c.RefreshStale(ctx, 500); err != nil && ctx.Err() == nil {
			c.log.Warn("log.consent.refresh_failed", "refreshed", n, "err", err)
		} else if n > 0 {
			c.log.Info("log.consent.refreshed", "count", n)
		}
	}
}
