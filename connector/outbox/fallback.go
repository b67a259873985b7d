package outbox

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
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
