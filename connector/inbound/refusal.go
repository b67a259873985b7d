// Package inbound listens: it reads the SMS customers send back from the
// provider's inbox on a schedule, receives WhatsApp's status and message
// webhooks on a listener of its own, turns a refusal ("RET") into an
// opt-out of that channel, and copies refusals to the provider's blacklist
// and to İYS.
package inbound

import (
	"slices"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Classifier tells a refusal from any other reply: a refusal word alone
// ("RET", "İptal", "stop."), or followed by the brand's name ("RET
// MAGAZA", as a citizen writes to İYS's 3338). Case and Turkish letters do
// not matter: "ret", "Ret", "İPTAL", "iptal" and "IPTAL" all count.
type Classifier struct {
	words  []string   // folded
	brands [][]string // each a folded name, in words
}

// NewClassifier builds a classifier of refusal words and brand names.
func NewClassifier(words, brands []string) *Classifier {
	c := &Classifier{}
	for _, w := range words {
		if f := mapping.FoldWords(w); len(f) == 1 && !slices.Contains(c.words, f[0]) {
			c.words = append(c.words, f[0])
		}
	}
	for _, b := range brands {
		if f := mapping.FoldWords(b); len(f) > 0 {
			c.brands = append(c.brands, f)
		}
	}
	return c
}

// Refuses reports whether a reply's text is a refusal.
func (c *Classifier) Refuses(text string) bool {
	w := mapping.FoldWords(text)
	if len(w) == 0 || !slices.Contains(c.words, w[0]) {
		return false
	}
	if len(w) == 1 {
		return true
	}
	return slices.ContainsFunc(c.brands, func(b []string) bool { return slices.Equal(w[1:], b) })
}
