package erp

import (
	"path/filepath"
	"testing"
	"time"

	mssql "github.com/microsoft/go-mssqldb"
)

func istanbul(t *testing.T) *time.Location {
	t.Helper()
	l, err := time.LoadLocation("Europe/Istanbul")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// The drivers put their own zone on a zone-less value: firebirdsql
// time.Local (here a UTC machine's, and a far-off one), go-mssqldb and
// modernc's sqlite UTC. Whichever it is, the value is the shop's wall clock.
func TestZoneReadsTheDriversWallClockInTheShopsZone(t *testing.T) {
	ist := istanbul(t)
	z, err := NewZone(ist)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2026, 12, 31, 20, 59, 59, 500, time.UTC) // 23:59:59 in Istanbul
	for name, driver := range map[string]*time.Location{
		"firebird on a UTC machine": time.UTC, "sql server and sqlite": time.UTC,
		"firebird on a Tokyo machine": time.FixedZone("JST", 9*3600), "firebird on an Istanbul machine": ist,
	} {
		got := z.Read(time.Date(2026, 12, 31, 23, 59, 59, 500, driver))
		if !got.Equal(want) || got.Location() != ist {
			t.Errorf("%s: %v, want %v in Istanbul", name, got, want)
		}
	}
}

// Every time.Time argument is bound as the shop's wall clock, in each
// dialect's type; nothing else is touched, nor the caller's slice.
func TestZoneBindsTheShopsWallClock(t *testing.T) {
	z, _ := NewZone(istanbul(t))
	upper := time.Date(2026, 12, 31, 21, 0, 0, 0, time.UTC) // midnight in Istanbul
	const want = "2027-01-01 00:00:00"
	wall := func(v any) string {
		switch x := v.(type) {
		case time.Time: // firebirdsql writes its own wall clock
			return x.Format(time.DateTime)
		case mssql.DateTime1: // so does go-mssqldb (encodeDateTime)
			return time.Time(x).Format(time.DateTime)
		case string: // SQLite compares the text
			return x
		}
		return ""
	}
	for _, d := range []Dialect{firebirdDialect{}, mssqlDialect{}, sqliteDialect{}} {
		in := []any{upper, int64(7), "x"}
		got := z.args(d, in)
		if wall(got[0]) != want {
			t.Errorf("%s: bound %#v, want the wall clock %s", d.Name(), got[0], want)
		}
		if got[1] != int64(7) || got[2] != "x" || in[0] != upper {
			t.Errorf("%s: other arguments or the caller's slice changed: %v %v", d.Name(), got, in)
		}
	}
	if _, ok := z.args(mssqlDialect{}, []any{upper})[0].(mssql.DateTime1); !ok {
		t.Error("SQL Server: not bound as datetime")
	}
}

func TestZonelessColumnTypes(t *testing.T) {
	for typ, want := range map[string]bool{
		"TIMESTAMP": true, "DATE": true, "TIME": true, "DATETIME": true, "DATETIME2": true, "SMALLDATETIME": true,
		"TIMESTAMP WITH TIMEZONE": false, "TIME WITH TIMEZONE": false, "DATETIMEOFFSET": false,
	} {
		if zoneless(typ) != want {
			t.Errorf("%s: zoneless %v, want %v", typ, !want, want)
		}
	}
}

// The scanner reads a zone-less column's time in the shop's zone and leaves
// a zoned one (Firebird 4's WITH TIME ZONE, datetimeoffset) as it came.
func TestScannerReadsZonelessColumnsInTheShopsZone(t *testing.T) {
	ist := istanbul(t)
	z, _ := NewZone(ist)
	s := &scanner{zone: z, wall: []bool{true, false}, decimal: []bool{false, false}, dialect: mssqlDialect{}}
	v := time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC)
	if got := s.convert(0, v).(time.Time); !got.Equal(time.Date(2026, 12, 31, 23, 59, 59, 0, ist)) {
		t.Errorf("zone-less: %v", got)
	}
	if got := s.convert(1, v).(time.Time); !got.Equal(v) {
		t.Errorf("zoned: %v", got)
	}
}

// No source is opened without the zone of its times: a silent time.Local
// was the defect.
func TestOpenNeedsTheConfigsTimezone(t *testing.T) {
	o := Options{Name: "demo", Driver: "sqlite", Database: filepath.Join(t.TempDir(), "x.db")}
	if _, err := OpenGroup(o, nil); err == nil {
		t.Error("OpenGroup without Location")
	}
	if _, err := Open(o); err == nil {
		t.Error("Open without Location")
	}
}

// The year database is chosen by the shop's calendar: at 00:30 on New
// Year's Day in Istanbul (21:30 UTC on the 31st) the new year's is polled,
// with last year's in its grace.
func TestGroupFollowsTheShopsYear(t *testing.T) {
	dir := t.TempDir()
	for _, y := range []string{"2026", "2027"} {
		writeCari(t, filepath.Join(dir, "wolvox_"+y+".db"), y)
	}
	now := func() time.Time { return time.Date(2026, 12, 31, 21, 30, 0, 0, time.UTC) }
	g, err := OpenGroup(Options{Name: "merkez", Driver: "sqlite", Database: filepath.Join(dir, "wolvox_{year}.db"), Location: istanbul(t)}, now)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	srcs, err := g.Sources()
	if err != nil {
		t.Fatal(err)
	}
	if len(srcs) != 2 || srcs[0].Name() != "merkez@2026" || srcs[1].Name() != "merkez@2027" {
		var names []string
		for _, s := range srcs {
			names = append(names, s.Name())
		}
		t.Errorf("sources %v, want merkez@2026 and merkez@2027", names)
	}
}
