package connector

import (
	"context"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/notify/httpclient"
)

// auditTo returns the hook every provider client calls once per outbound
// request: it writes the audit row (no message body, masked recipient) and
// then calls next, if any. Failing to write the row is logged, never allowed
// to fail or hold up the send it describes.
func (d *Daemon) auditTo(next httpclient.AuditFunc) httpclient.AuditFunc {
	return func(r httpclient.AuditRecord) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err := d.store.RecordAudit(ctx, outbox.AuditEntry{At: r.Time, Host: r.Host, Channel: r.Channel,
			Recipient: r.Recipient, BytesOut: r.BytesOut, BytesIn: r.BytesIn, Outcome: r.Outcome, MessageIDs: r.MessageIDs})
		if err != nil {
			d.log.Warn("log.audit.write_failed", "host", r.Host, "channel", r.Channel, "err", err)
		}
		if next != nil {
			next(r)
		}
	}
}
