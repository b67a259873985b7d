package connector

import (
	"context"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// auditTo returns the hook every provider client calls once per outbound
// request: it queues the audit row (no message body, masked recipient) and
// then calls next, if any. Failing to write the row is logged, never allowed
// to fail or hold up the send it describes: the row goes with the outbox's
// next commit, at the latest with the outcome of the request it describes.
func (d *Daemon) auditTo(next httpclient.AuditFunc) httpclient.AuditFunc {
	return func(r httpclient.AuditRecord) {
		d.store.QueueAudit(context.Background(), outbox.AuditEntry{At: r.Time, Host: r.Host, Channel: r.Channel,
			Recipient: r.Recipient, BytesOut: r.BytesOut, BytesIn: r.BytesIn, Outcome: r.Outcome, MessageIDs: r.MessageIDs},
			func(err error) {
				d.log.Warn("log.audit.write_failed", "host", r.Host, "channel", r.Channel, "err", err)
			})
		if next != nil {
			next(r)
		}
	}
}
