package status

import (
	"context"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// What the page shows of listening: the refusals customers made (by reply,
// or at the provider) with the time each took effect, the latest replies,
// and which channels learn of deliveries.

// RefusalView is one refusal, its recipient masked.
type RefusalView struct {
	To        string       `json:"to"`      // masked
	Channel   string       `json:"channel"` // "" every channel
	Scope     outbox.Scope `json:"scope"`   // all, or commercial only
	Source    string       `json:"source"`  // reply, provider
	At        time.Time    `json:"at"`      // when it took effect
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
	replies, err := store.Replies(ctx, outbox.ReplyFilter{Limit: recentLimit})
	if err != nil {
		return err
	}
	for _, r := range replies {
		o.Replies = append(o.Replies, ReplyOf(r))
	}
	return nil
}
