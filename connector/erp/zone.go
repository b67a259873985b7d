package erp

import (
	"fmt"
	"strings"
	"time"
)

// Zone is the time zone of a database's zone-less times. Firebird's
// TIMESTAMP and DATE, SQL Server's datetime and the demo's SQLite text hold
// no zone: Wolvox writes the shop's wall clock, so they are wall-clock times
// in the config's timezone, whatever zone the connector's machine is set to.
// The drivers pick a zone of their own for such a value (firebirdsql
// time.Local, go-mssqldb and modernc's sqlite UTC) and send a time.Time's
// own wall clock; Zone is the one place that turns theirs into the shop's
// and back. A Source applies it at its edge: to every time it reads (the
// scanner) and every time.Time passed as a query argument (Source.Query).
type Zone struct{ loc *time.Location }

// NewZone is the zone of a database whose wall clock is loc's.
func NewZone(loc *time.Location) (Zone, error) {
	if loc == nil {
		// A silent fallback to time.Local is the defect this type exists
		// to end; every caller has the config's timezone to give.
		return Zone{}, fmt.Errorf("no time zone for the database's times (erp.Options.Location)")
	}
	return Zone{loc: loc}, nil
}

// Location is the shop's zone.
func (z Zone) Location() *time.Location { return z.loc }

// Read is the instant a zone-less value meant: the driver's wall clock
// (year to nanosecond) read in the shop's zone, whatever zone the driver put
// on it.
func (z Zone) Read(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), z.loc)
}

// Write is t in the shop's zone, so a driver that sends a time's own wall
// clock sends the shop's: what compares equal to the values Read returns.
func (z Zone) Write(t time.Time) time.Time { return t.In(z.loc) }

// zoneless reports whether a column of this database type holds a wall
// clock without zone. Firebird 4's TIMESTAMP WITH TIME ZONE and SQL Server's
// datetimeoffset carry their own and are left as the driver read them.
func zoneless(databaseType string) bool {
	t := strings.ToUpper(databaseType)
	return !strings.Contains(t, "ZONE") && !strings.Contains(t, "OFFSET")
}

// args returns args with every time.Time bound as the dialect binds the
// shop's wall clock; other values pass through. The caller's slice is not
// changed.
func (z Zone) args(d Dialect, args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if t, ok := a.(time.Time); ok {
			a = d.bindTime(z.Write(t))
		}
		out[i] = a
	}
	return out
}
