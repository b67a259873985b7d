package outbox

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// DayCount is how many messages made on one day of a channel are in one
// state now.
type DayCount struct {
	Day     int // index into the days DailyCounts was given
	Channel string
	Status  Status
	N       int
}

// DailyCounts counts the messages created in each of the periods that
// days' consecutive times bound (the local midnights of a chart's days and
// the end of the last), per channel and current state. The bounds come
// from the caller so that "a day" is the shop's day, in its time zone,
// whatever the zone's changes of offset.
func (s *Store) DailyCounts(ctx context.Context, days []time.Time) ([]DayCount, error) {
	if len(days) < 2 {
		return nil, nil
	}
	var b strings.Builder
	args := []any{}
	b.WriteString("CASE")
	for i := 1; i < len(days); i++ {
		b.WriteString(" WHEN created_at < ? THEN ")
		fmt.Fprint(&b, i-1)
		args = append(args, ms(days[i]))
	}
	b.WriteString(" END")
	q := `SELECT ` + b.String() + ` AS day, channel, status, COUNT(*) FROM messages
		WHERE created_at >= ? AND created_at < ? GROUP BY day, channel, status ORDER BY day, channel, status`
	args = append(args, ms(days[0]), ms(days[len(days)-1]))
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("count messages per day: %w", err)
	}
	defer rows.Close()
	var out []DayCount
	for rows.Next() {
		var c DayCount
		if err := rows.Scan(&c.Day, &c.Channel, &c.Status, &c.N); err != nil {
			return nil, fmt.Errorf("count messages per day: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
