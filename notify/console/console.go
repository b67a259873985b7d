// Package console is the provider used by the demo and for dry runs: it prints
// each message instead of sending it, with the recipient masked.
package console

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/akinsoft-connector/akinsoft-connector/mapping"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// Provider writes messages to W. It is safe for concurrent use.
type Provider struct {
	mu   sync.Mutex
	w    io.Writer
	n    int
	Name string // printed before each message, e.g. "sms"
}

// New returns a console provider writing to w.
func New(name string, w io.Writer) *Provider { return &Provider{w: w, Name: name} }

// Send prints the message and accepts it with a local id.
func (p *Provider) Send(ctx context.Context, m notify.Message) (notify.Result, error) {
	if err := ctx.Err(); err != nil {
		return notify.Result{}, notify.Retry("", notify.Why(ReasonShuttingDown), 0)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.n++
	id := fmt.Sprintf("console-%d", p.n)
	var b strings.Builder
	fmt.Fprintf(&b, "  → [%s] %s", m.Channel, mapping.MaskRecipient(m.To))
	if m.Subject != "" {
		fmt.Fprintf(&b, " | %s", m.Subject)
	}
	fmt.Fprintf(&b, "\n    %s\n", strings.ReplaceAll(strings.TrimSpace(m.Text), "\n", "\n    "))
	if _, err := io.WriteString(p.w, b.String()); err != nil {
		return notify.Result{}, notify.Retry("", notify.Why(ReasonWriteFailed).WithDetail(err.Error()), 0)
	}
	return notify.Result{ProviderID: id}, nil
}

// The reasons the console provider gives (their texts are in connector/catalog).
const (
	ReasonShuttingDown = "console.shutting_down"
	ReasonWriteFailed  = "console.write_failed"
)

// ReasonCodes lists them, for the catalog's completeness test.
var ReasonCodes = []string{ReasonShuttingDown, ReasonWriteFailed}
