package statement

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
)

// A reconciliation asks the customer to reply one word: a word of Words
// confirms the balance or disputes it. The words are the config's
// (statement.reply_words) and are compared the way people type them on a
// phone: any case, Turkish letters or their plain look-alikes (İTİRAZ,
// itiraz, ITIRAZ), punctuation around them ignored. Only the first word
// counts: "Evet, doğrudur" confirms; "Hayır, 1.200 TL olmalı" disputes
// and keeps the rest as the customer's note.

// Answer is what a reply says about the balance.
type Answer string

const (
	Unanswered Answer = ""        // no reply yet
	Confirmed  Answer = "confirm" // the balance is right
	Disputed   Answer = "dispute" // the customer does not agree
	Unclear    Answer = "unclear" // a reply whose first word is neither
)

// Words are the reply words, normalised.
type Words struct{ confirm, dispute map[string]bool }

// NewWords reads the config's reply words.
func NewWords(rw config.ReplyWords) Words {
	w := Words{confirm: map[string]bool{}, dispute: map[string]bool{}}
	for _, c := range rw.Confirm {
		w.confirm[config.NormalizeReplyWord(c)] = true
	}
	for _, d := range rw.Dispute {
		w.dispute[config.NormalizeReplyWord(d)] = true
	}
	return w
}

// Classify says what a reply's text answers.
func (w Words) Classify(text string) Answer {
	f := strings.Fields(text)
	if len(f) == 0 {
		return Unclear
	}
	first := config.NormalizeReplyWord(f[0])
	switch {
	case w.confirm[first]:
		return Confirmed
	case w.dispute[first]:
		return Disputed
	}
	return Unclear
}

// Reply is one incoming message, as the replies store keeps it.
type Reply struct {
	From string // normalised like outbox recipients (E.164, lower-case e-mail)
	At   time.Time
	Text string
}

// Replies is where incoming messages are read from: the outbox's replies
// store (StoredReplies).
type Replies interface {
	RepliesSince(ctx context.Context, since time.Time) ([]Reply, error)
}

// Asked is a reconciliation that went out.
type Asked struct {
	Customer string // record key (CARI BLKODU)
	About    string // the customer as people read it, when the message says
	To       string
	SentAt   time.Time
}

// Result is a customer's answer to a reconciliation.
type Result struct {
	Asked
	Answer Answer
	Reply  Reply // the reply the answer is from; zero when unanswered
}

// Answers lists each reconciliation with its answer: the first reply from
// the same address after it was sent that confirms or disputes; else the
// first reply (Unclear); else Unanswered. A later reconciliation to the
// same address takes the replies after it. Sorted by customer.
func Answers(ctx context.Context, asked []Asked, src Replies, w Words) ([]Result, error) {
	if len(asked) == 0 {
		return nil, nil
	}
	since := asked[0].SentAt
	for _, a := range asked {
		if a.SentAt.Before(since) {
			since = a.SentAt
		}
	}
	replies, err := src.RepliesSince(ctx, since)
	if err != nil {
		return nil, err
	}
	sort.SliceStable(replies, func(i, j int) bool { return replies[i].At.Before(replies[j].At) })
	// The next reconciliation to each address bounds the replies of the one
	// before it.
	next := map[int]time.Time{}
	for i, a := range asked {
		for _, b := range asked {
			if b.To == a.To && b.SentAt.After(a.SentAt) && (next[i].IsZero() || b.SentAt.Before(next[i])) {
				next[i] = b.SentAt
			}
		}
	}
	out := make([]Result, len(asked))
	for i, a := range asked {
		out[i] = Result{Asked: a}
		for _, r := range replies {
			if r.From != a.To || r.At.Before(a.SentAt) || (!next[i].IsZero() && !r.At.Before(next[i])) {
				continue
			}
			ans := w.Classify(r.Text)
			if ans != Unclear {
				out[i].Answer, out[i].Reply = ans, r
				break
			}
			if out[i].Answer == Unanswered {
				out[i].Answer, out[i].Reply = Unclear, r
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Customer < out[j].Customer })
	return out, nil
}

// Sent is the outbox as AskedOf reads it.
type Sent interface {
	List(ctx context.Context, f outbox.Filter) ([]outbox.Message, error)
}

// AskedOf lists a reconciliation job's messages that went out since t
// (sent or delivered), the ones replies can answer.
func AskedOf(ctx context.Context, store Sent, job string, since time.Time) ([]Asked, error) {
	var out []Asked
	for _, st := range []outbox.Status{outbox.StatusSent, outbox.StatusDelivered} {
		ms, err := store.List(ctx, outbox.Filter{Job: job, Status: st, Since: since, Limit: 100000})
		if err != nil {
			return nil, err
		}
		for _, m := range ms {
			at := m.SentAt
			if at.IsZero() {
				at = m.CreatedAt
			}
			out = append(out, Asked{Customer: m.RecordKey, About: m.About, To: m.To, SentAt: at})
		}
	}
	return out, nil
}

// StoredReplies reads the replies the connector stored (SMS inbox,
// WhatsApp) for Answers.
type StoredReplies struct {
	Store interface {
		Replies(ctx context.Context, f outbox.ReplyFilter) ([]outbox.Reply, error)
	}
}

// maxReplies bounds one listing: far more than a shop's customers answer
// in a reconciliation's period.
const maxReplies = 1_000_000

// RepliesSince returns the stored replies received since t; purged ones
// (their sender masked) can answer nothing and are left out.
func (r StoredReplies) RepliesSince(ctx context.Context, since time.Time) ([]Reply, error) {
	rs, err := r.Store.Replies(ctx, outbox.ReplyFilter{Since: since, Limit: maxReplies})
	if err != nil {
		return nil, err
	}
	out := make([]Reply, 0, len(rs))
	for _, x := range rs {
		if !x.Purged {
			out = append(out, Reply{From: x.From, At: x.At, Text: x.Text})
		}
	}
	return out, nil
}
