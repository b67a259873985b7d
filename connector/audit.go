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
		d.store.QueueAudit(context.Background(), auditEntry(r), func(err error) {
			d.log.Warn("log.audit.write_failed", "host", r.Host, "channel", r.Channel, "err", err)
		})
		if next != nil {
			next(r)
		}
	}
}

// AuditTo returns the hook for a command that sends outside the service
// (send-test): each request gets the row the service would write for it,
// in the same table of the same outbox, so `audit` lists it too. The row is
// written before the request's answer is handed back, with the outbox's
// own writer: beside a running service SQLite's write-ahead log lets both
// write, and a busy outbox is waited for as by every other command. A row
// that cannot be written goes to onErr and never fails the send. to is the
// recipient the command sends to ("" for requests to none, such as a
// balance check): its rows carry no outbox message, so they keep its keyed
// hash for forget to find them by.
func AuditTo(store *outbox.Store, to string, onErr func(httpclient.AuditRecord, error)) httpclient.AuditFunc {
	return func(r httpclient.AuditRecord) {
		e := auditEntry(r)
		if r.Recipient != "" {
			e.Address = to
		}
		if err := store.RecordAudit(context.Background(), e); err != nil && onErr != nil {
			onErr(r, err)
		}
	}
}

// auditEntry is what the audit keeps of a request: when, the host, the
// channel, the recipient masked (the outbox masks it again), the sizes and
// the outcome, and the outbox messages it carried; never what it said. A
// request outside the outbox (send-test) carries none.
func auditEntry(r httpclient.AuditRecord) outbox.AuditEntry {
	var ids []int64
	for _, id := range r.MessageIDs {
		if id > 0 {
			ids = append(ids, id)
		}
	}
	return outbox.AuditEntry{At: r.Time, Host: r.Host, Channel: r.Channel, Recipient: r.Recipient,
		BytesOut: r.BytesOut, BytesIn: r.BytesIn, Outcome: r.Outcome, MessageIDs: ids}
}
