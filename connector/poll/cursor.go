package poll

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
	"github.com/akinsoft-connector/akinsoft-connector/connector/config"
)

// Cursors are stored as text in the outbox (one per job and database); these
// types are the only code that writes or reads that text. The forms are
// those of earlier versions, so an upgraded connector carries on where it
// stopped.

// minKey is below every key: Wolvox keys are positive, and the parameter
// must fit the key column's type (INTEGER in older Wolvox databases, where
// math.MinInt64 overflows).
const minKey = math.MinInt32

// keyCursor is a created job's position: the last key read, and the key
// it started after (its floor), below which it never reads again: rows
// that existed when the job began are not its to send. Stored as "4711",
// or "4720|4711" once the last key moved past the floor; a cursor saved
// before floors were kept is its own floor.
type keyCursor struct{ after, floor int64 }

// startingAfter is the cursor of a job that begins after key.
func startingAfter(key int64) keyCursor { return keyCursor{after: key, floor: key} }

func (c keyCursor) String() string {
	if c.floor == c.after {
		return strconv.FormatInt(c.after, 10)
	}
	return strconv.FormatInt(c.after, 10) + "|" + strconv.FormatInt(c.floor, 10)
}

func parseKeyCursor(s, keyColumn string) (keyCursor, error) {
	after, floor, two := strings.Cut(s, "|")
	n, err := strconv.ParseInt(after, 10, 64)
	f := n
	if err == nil && two {
		f, err = strconv.ParseInt(floor, 10, 64)
	}
	if err != nil || f > n {
		if _, err := parseChangedCursor(s); err == nil {
			return keyCursor{}, otherMode(s, config.ModeChanged, config.ModeCreated)
		}
		if err == nil {
			err = fmt.Errorf("floor %d above key %d", f, n)
		}
		return keyCursor{}, catalog.Errorf("poll.cursor_damaged", "cursor", s, "key", keyColumn).Wrapping(err)
	}
	return keyCursor{after: n, floor: f}, nil
}

// otherMode is the error of a job whose mode was changed under the same
// name: the position it saved is of the other mode's kind, and reading on
// from it is not possible.
func otherMode(cursor string, saved, now config.Mode) error {
	return catalog.Errorf("poll.cursor_other_mode", "cursor", cursor, "saved", string(saved), "mode", string(now))
}

// position is a place in (timestamp, key) order.
type position struct {
	ts  time.Time
	key int64
}

func (p position) less(o position) bool {
	return p.ts.Before(o.ts) || (p.ts.Equal(o.ts) && p.key < o.key)
}

// changedCursor is a changed job's position plus a floor: the position the
// job started at, below which it never re-reads (so the overlap re-read
// cannot resend rows that existed before the job began). Timestamps are the
// exact values read from the database. Stored as
// "timestamp|key|floor timestamp|floor key".
type changedCursor struct {
	at, floor position
}

func (c changedCursor) String() string {
	return strings.Join([]string{c.at.ts.Format(time.RFC3339Nano), strconv.FormatInt(c.at.key, 10),
		c.floor.ts.Format(time.RFC3339Nano), strconv.FormatInt(c.floor.key, 10)}, "|")
}

func parseChangedCursor(s string) (changedCursor, error) {
	parts := strings.Split(s, "|")
	if len(parts) != 4 {
		if _, err := strconv.ParseInt(s, 10, 64); err == nil {
			return changedCursor{}, otherMode(s, config.ModeCreated, config.ModeChanged)
		}
		return changedCursor{}, catalog.Errorf("poll.cursor_damaged_changed", "cursor", s)
	}
	var c changedCursor
	var errs [4]error
	c.at.ts, errs[0] = time.Parse(time.RFC3339Nano, parts[0])
	c.at.key, errs[1] = strconv.ParseInt(parts[1], 10, 64)
	c.floor.ts, errs[2] = time.Parse(time.RFC3339Nano, parts[2])
	c.floor.key, errs[3] = strconv.ParseInt(parts[3], 10, 64)
	if err := errors.Join(errs[:]...); err != nil {
		return changedCursor{}, catalog.Errorf("poll.cursor_damaged_changed", "cursor", s).Wrapping(err)
	}
	return c, nil
}

// readFrom is where a run starts reading: one lag before the saved
// position, but never below the floor.
func (c changedCursor) readFrom(lag time.Duration) position {
	p := position{ts: c.at.ts.Add(-lag), key: minKey}
	if p.less(c.floor) {
		return c.floor
	}
	return p
}

// periodCursor is a condition job's period label ("2026-11"): such a job
// reads what matches now on every run; the label only records the last run.
type periodCursor struct{ label string }

func (c periodCursor) String() string { return c.label }

// periodLabel names the re-notify period now falls in: the calendar month
// without an interval, else the first day of the interval's bucket, counted
// in whole local days so a bucket never changes in the middle of a day.
func periodLabel(now time.Time, every time.Duration) string {
	if every <= 0 {
		return now.Format("2006-01")
	}
	days := int64(every / (24 * time.Hour))
	if days < 1 {
		// Intervals under a day: buckets of that length since the epoch.
		n := now.UnixNano() / int64(every)
		return time.Unix(0, n*int64(every)).In(now.Location()).Format("2006-01-02T15:04")
	}
	y, m, d := now.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	start := day - day%days
	return time.Unix(start*86400, 0).UTC().Format("2006-01-02")
}
