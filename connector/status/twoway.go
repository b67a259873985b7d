package status

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/consent"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// What the page shows of listening: every refusal, with where it came from
// (a reply, the provider, an operator's optout add, a bounce, İYS) and the
// time it took effect, the latest replies, and which channels learn of
// deliveries.

// SourceIYS is the source of a refusal İYS holds (the connector's cache of
// İYS's answers), beside the opt-out list's own sources.
const SourceIYS = "iys"

// RefusalView is one refusal, its recipient masked.
type RefusalView struct {
	To string `json:"to"` // masked
	// Channel is "" for every channel; for an İYS refusal it is the
	// channels İYS's kind of address covers ("sms, whatsapp", "email").
	Channel   string       `json:"channel"`
	Scope     outbox.Scope `json:"scope"`  // all, or commercial only
	Source    string       `json:"source"` // reply, provider, operator, bounce, iys
	At        time.Time    `json:"at"`     // when it took effect
	ReplyID   int64        `json:"reply_id,omitempty"`
	Blacklist string       `json:"blacklist,omitempty"` // its copy at the provider: pending, done, or why not
	IYS       string       `json:"iys,omitempty"`       // its copy in İYS
}

// ReplyView is one reply, its sender masked.
type ReplyView struct {
	ID      int64     `json:"id"`
	Channel string    `json:"channel"`
	From    string    `json:"from"` // masked
	Text    string    `json:"text"`
	At      time.Time `json:"at"`
	Refusal bool      `json:"refusal"`
}

// RefusalOf masks a refusal for display.
func RefusalOf(e outbox.OptOutEntry) RefusalView {
	return RefusalView{To: mapping.MaskRecipient(e.Recipient), Channel: e.Channel, Scope: e.Scope, Source: string(e.Source), At: e.Added,
		ReplyID: e.ReplyID, Blacklist: e.Blacklist, IYS: e.IYS}
}

// IYSRefusalOf masks a refusal İYS holds for display. It stops commercial
// messages only, from İYS's date on (the time it was read when İYS gave
// none).
func IYSRefusalOf(c outbox.Consent) RefusalView {
	at, err := time.ParseInLocation(time.DateTime, c.ConsentDate, mapping.DefaultFormats().Location)
	if err != nil {
		at = c.Checked
	}
	ch := strings.Join(consent.Channels(c.Type), ", ")
	if ch == "" {
		ch = c.Type
	}
	return RefusalView{To: mapping.MaskRecipient(c.Recipient), Channel: ch, Scope: outbox.ScopeCommercial, Source: SourceIYS, At: at}
}

// ReplyOf masks a reply for display.
func ReplyOf(r outbox.Reply) ReplyView {
	from := r.From
	if !r.Purged {
		from = mapping.MaskRecipient(r.From)
	}
	return ReplyView{ID: r.ID, Channel: r.Channel, From: from, Text: r.Text, At: r.At, Refusal: r.Refusal}
}

// collectTwoWay adds the refusals and the latest replies to o.
func collectTwoWay(ctx context.Context, store *outbox.Store, o *Overview) error {
	refusals, err := store.Refusals(ctx, listLimit)
	if err != nil {
		return err
	}
	for _, e := range refusals {
		o.Refusals = append(o.Refusals, RefusalOf(e))
	}
	iys, err := store.IYSRefusals(ctx, listLimit)
	if err != nil {
		return err
	}
	for _, c := range iys {
		o.Refusals = append(o.Refusals, IYSRefusalOf(c))
	}
	// Newest first, both lists together, as many as one list holds.
	slices.SortStableFunc(o.Refusals, func(a, b RefusalView) int { return b.At.Compare(a.At) })
	if len(o.Refusals) > listLimit {
		o.Refusals = o.Refusals[:listLimit]
	}
	replies, err := store.Replies(ctx, outbox.ReplyFilter{Limit: recentLimit})
	if err != nil {
		return err
	}
	for _, r := range replies {
		o.Replies = append(o.Replies, ReplyOf(r))
	}
	return nil
}
