// Package progress carries the advance of a long one-off run (a backfill, a
// queue drain) from the poller and the dispatcher to a terminal progress bar.
package progress

import "context"

// Progress receives the advance of a long run (a backfill, a queue drain)
// for a terminal progress bar. Both funcs may be called from several
// goroutines at once; either may be nil.
type Progress struct {
	Rows func(n int) // rows read from the ERP
	Sent func(n int) // messages whose send ended (sent, failed, uncertain, retry later)
}

type progressKey struct{}

// With returns a context whose job runs and drains report to p.
// It rides on the context, as net/http/httptrace does, because only the
// CLI's one-off runs watch it; the daemon's own runs carry none.
func With(ctx context.Context, p Progress) context.Context {
	return context.WithValue(ctx, progressKey{}, p)
}

// Of returns the context's Progress (zero: nobody watches).
func Of(ctx context.Context) Progress {
	p, _ := ctx.Value(progressKey{}).(Progress)
	return p
}

// AddRows reports n more rows read.
func (p Progress) AddRows(n int) {
	if p.Rows != nil && n > 0 {
		p.Rows(n)
	}
}

// AddSent reports n more sends ended.
func (p Progress) AddSent(n int) {
	if p.Sent != nil && n > 0 {
		p.Sent(n)
	}
}
