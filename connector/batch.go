package connector

import (
	"context"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify"
)

// collect takes a claimed message that passed the checks. For a provider that
// can batch it is queued for the next request; any other provider gets it at
// once, with up to d.batch requests in flight: one at a time, a provider
// answering in 50 ms caps a channel at 20 messages/s whatever its rate says.
func (d *dispatcher) collect(ctx context.Context, ready []outbox.Message, m outbox.Message) []outbox.Message {
	if _, ok := d.provider.(notify.BatchProvider); ok {
		return append(ready, m)
	}
	if d.inflight == nil {
		d.inflight = make(chan struct{}, d.batch)
	}
	d.inflight <- struct{}{}
	d.started++
	d.sending.Go(func() {
		defer func() { <-d.inflight }()
		d.send(ctx, m)
	})
	return ready
}

// flush waits for concurrent sends, sends the queued batch, and returns how
// many messages went to the provider since the last flush.
func (d *dispatcher) flush(ctx context.Context, ready []outbox.Message) int {
	d.sending.Wait()
	n := d.started
	d.started = 0
	return n + d.sendBatch(ctx, ready)
}

// sendBatch hands claimed messages to a BatchProvider, d.batch per request
// (NetGSM n:n), and records each message's own outcome. It returns how many
// it handed over.
func (d *dispatcher) sendBatch(ctx context.Context, ms []outbox.Message) int {
	bp, ok := d.provider.(notify.BatchProvider)
	n := len(ms)
	for len(ms) > 0 {
		chunk := ms[:min(len(ms), max(1, d.batch))]
		ms = ms[len(chunk):]
		if !ok {
			for _, m := range chunk {
				d.send(ctx, m)
			}
			continue
		}
		batch := make([]notify.Message, len(chunk))
		for i, m := range chunk {
			batch[i] = notify.Message{ID: m.ID, Channel: m.Channel, DedupeKey: m.DedupeKey, To: m.To, Subject: m.Subject,
				Text: m.Text, HTML: m.HTML, Template: m.Payload, Commercial: m.Commercial}
		}
		// Like single sends, a batch in flight is not cut short by shutdown.
		callCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendTimeout)
		start := time.Now()
		res, errs := bp.SendBatch(callCtx, batch)
		cancel()
		took := time.Since(start)
		for i, m := range chunk {
			d.record(ctx, m, res[i], errs[i], took)
		}
	}
	return n
}

// awaitsDelivery reports whether a sent message keeps its standby fallbacks
// until a delivery report (or the job's "not delivered within" delay)
// decides, instead of dropping them as soon as the provider accepted it.
func (d *dispatcher) awaitsDelivery(job string) bool {
	if _, ok := d.notDelivered[job]; ok {
		return true
	}
	_, ok := d.provider.(notify.Reporter)
	return ok
}
