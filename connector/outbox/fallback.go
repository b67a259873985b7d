package outbox

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// fallbackChains are the fallback chains of the events one Enqueue added:
// per dedupe key, how many of its channels were skipped as they were
// stored, and its standby messages. A skipped channel is a channel that
// failed before it was tried (a customer with an e-mail address and no
// mobile, a WhatsApp template without the link it needs), so it starts the
// next standby as a failed send does in the dispatcher: one for each.
type fallbackChains map[string]*chain

type chain struct {
	failed  int
	standby []ranked
}

type ranked struct {
	id   int64
	rank int
}

func (c fallbackChains) add(key string, id int64, status Status, rank int, notified bool) {
	ch := c[key]
	if ch == nil {
		ch = &chain{}
		c[key] = ch
	}
	switch {
	case status == StatusStandby:
		ch.standby = append(ch.standby, ranked{id, rank})
	case status == StatusSkipped && rank == 0 && !notified:
		ch.failed++
	}
}

// start makes pending the standbys that the skipped channels start, the
// first in the job's order first.
func (c fallbackChains) start(ctx context.Context, tx *sql.Tx) error {
	if err := checkMove(StatusPending, StatusStandby); err != nil {
		return err
	}
	for key, ch := range c {
		if ch.failed == 0 || len(ch.standby) == 0 {
			continue
		}
		slices.SortStableFunc(ch.standby, func(a, b ranked) int { return a.rank - b.rank })
		for _, m := range ch.standby[:min(ch.failed, len(ch.standby))] {
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET status = ? WHERE id = ? AND status = ?`, StatusPending, m.id, StatusStandby); err != nil {
				return fmt.Errorf("start the fallback of %s: %w", key, err)
			}
		}
	}
	return nil
}

// underWay are the states of a message that reached, or may yet reach, its
// customer.
var underWay = []Status{StatusPending, StatusSending, StatusUncertain, StatusHeld, StatusSent, StatusDelivered, StatusRead}

// eventUnderWay finds the first message of event key, other than id, on a
// channel counts accepts, that reached or may yet reach the customer: what
// a retried standby or a re-read message would repeat.
func eventUnderWay(ctx context.Context, q interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}, key string, id int64, counts func(channel string) bool) (channel string, st Status, found bool, err error) {
	args := []any{key, id}
	for _, u := range underWay {
		args = append(args, u)
	}
	rows, err := q.QueryContext(ctx, `SELECT channel, status FROM messages WHERE dedupe_key = ? AND id != ?
		AND status IN (?`+strings.Repeat(", ?", len(underWay)-1)+`) ORDER BY id`, args...)
	if err != nil {
		return "", "", false, catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&channel, &st); err != nil {
			return "", "", false, catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
		}
		if counts(channel) {
			return channel, st, true, nil
		}
	}
	if err := rows.Err(); err != nil {
		return "", "", false, catalog.Errorf("outbox.update_failed", "err", err).Wrapping(err)
	}
	return "", "", false, nil
}
