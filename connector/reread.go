package connector

import (
	"context"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/outbox"
	"github.com/akinsoft-connector/akinsoft-connector/connector/status"
	"github.com/akinsoft-connector/akinsoft-connector/mapping"
)

// Reread reads a skipped or failed message's record again from Wolvox and
// writes the message as the record makes it now (the status page's "Read
// again from Wolvox"): a customer's mobile number added to the account card
// reaches the invoice message that was skipped without it. Retry cannot do
// that: it sends the message as it was stored.
//
// Only a message whose problem a correction in Wolvox can mend is read
// again (status.Rereadable): never one a customer refused, or one Wolvox
// itself sent. It returns the state the message is left in and, when that
// is not pending, why.
func (d *Daemon) Reread(ctx context.Context, id int64) (outbox.Status, mapping.Reason, error) {
	m, err := d.store.Get(ctx, id)
	if err != nil {
		return "", mapping.Reason{}, err
	}
	if err := outbox.RereadState(m.Status); err != nil {
		return "", mapping.Reason{}, err
	}
	if !status.Rereadable(m.Status, m.Channel, m.Reason) {
		return "", mapping.Reason{}, catalog.Errorf("connector.reread_not_mendable").Wrapping(outbox.ErrWrongState)
	}
	j, err := d.job(m.Job)
	if err != nil {
		return "", mapping.Reason{}, catalog.Errorf("connector.reread_no_job", "job", m.Job)
	}
	planned, err := d.poller.Reread(ctx, j, m)
	if err != nil {
		return "", mapping.Reason{}, err
	}
	st, why, err := d.store.Reaim(ctx, m, planned.NewMessage)
	if err != nil {
		return "", mapping.Reason{}, err
	}
	d.log.Info("log.page.reread", "message", id, "job", m.Job, "status", string(st))
	if st == outbox.StatusPending {
		d.Wake(m.Channel)
	}
	return st, why, nil
}
