package outbox

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// metaHeld+channel marks a channel an operator paused (the status page's
// Pause). It is kept here, not only in memory, because on Windows the config
// is read again by restarting the service: a pause that a restart lifted
// would send, right after the fix, the very messages it was holding back.
const metaHeld = "held:"

// SetHeld records that an operator paused the channel, or (held false) that
// it was resumed.
func (s *Store) SetHeld(ctx context.Context, channel string, held bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		if held {
			_, err = tx.ExecContext(ctx, `INSERT OR IGNORE INTO meta (name, value) VALUES (?, 1)`, metaHeld+channel)
		} else {
			_, err = tx.ExecContext(ctx, `DELETE FROM meta WHERE name = ?`, metaHeld+channel)
		}
		if err != nil {
			return fmt.Errorf("record the pause of channel %s: %w", channel, err)
		}
		return nil
	})
}

// HeldChannels are the channels an operator paused and did not resume,
// sorted.
func (s *Store) HeldChannels(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name FROM meta WHERE name LIKE ? ORDER BY name`, metaHeld+"%")
	if err != nil {
		return nil, fmt.Errorf("read the paused channels: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, fmt.Errorf("read the paused channels: %w", err)
		}
		out = append(out, strings.TrimPrefix(name, metaHeld))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read the paused channels: %w", err)
	}
	return out, nil
}
