package outbox

import (
	"context"
	"fmt"
	"time"
)

const oldestQuery = channelsCTE + `SELECT m.channel, MIN(m.created_at)
	FROM channels JOIN messages m ON m.channel = channels.name WHERE m.status IN (?, ?) GROUP BY m.channel`

// OldestWaiting returns, per channel, how long ago the oldest message still
// waiting to leave (pending, or claimed for a send) was created, by the
// store's clock: the age a dealer alerts on when a channel stops moving.
// Messages held back by quiet hours or a retry delay are waiting too.
func (s *Store) OldestWaiting(ctx context.Context) (map[string]time.Duration, error) {
	rows, err := s.db.QueryContext(ctx, oldestQuery,
		StatusPending, StatusSending)
	if err != nil {
		return nil, fmt.Errorf("read the oldest waiting messages: %w", err)
	}
	defer rows.Close()
	out := map[string]time.Duration{}
	for rows.Next() {
		var ch string
		var at int64
		if err := rows.Scan(&ch, &at); err != nil {
			return nil, fmt.Errorf("read the oldest waiting messages: %w", err)
		}
		out[ch] = max(0, s.now().Sub(time.UnixMilli(at)))
	}
	return out, rows.Err()
}
