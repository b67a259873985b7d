// Package erp reads the shop's ERP database, and only reads it: every query is a
// single SELECT run inside a read-only transaction, in short pages, so the shop's
// own users never wait on the connector.
package erp

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/akinsoft-connector/akinsoft-connector/connector/catalog"
)

// Record is one row: column name (upper case, as Wolvox names them) → value.
// Values are nil, string (valid UTF-8), int64, float64, bool,
// decimal.Decimal (exact NUMERIC money) or time.Time.
type Record = map[string]any

// Options are the connection settings of one source.
type Options struct {
	Name     string
	Driver   string // firebird, mssql, sqlite
	Host     string
	Port     int
	Database string
	User     string
	Password string
	Charset  string
	Timeout  time.Duration
	// Location is the config's timezone: the shop's wall clock, which the
	// database's zone-less times are in (see Zone). Required.
	Location *time.Location
	// YearGrace keeps last year's database polled this long into January
	// when Database holds {year} (see Group).
	YearGrace time.Duration
	// Firebird
	AuthPlugin string
	WireCrypt  *bool
	// SQL Server
	Encrypt                string
	TrustServerCertificate bool
	Instance               string
}

// Source is one read-only ERP database connection pool.
type Source struct {
	name        string
	database    string
	user        string // whom a GRANT is for (see permissionErr)
	byteColumns bool   // see pool
	db          *sql.DB
	dialect     Dialect
	txOpts      sql.TxOptions
	timeout     time.Duration
	zone        Zone
	// missing is set, and db nil, for a database file that does not exist
	// (SQLite): every use returns it, as a server's missing database fails
	// every query, and Group opens it again next time (see Group.Sources).
	missing error

	mu       sync.Mutex
	cols     map[string]map[string]bool // table → its columns, read once (see Columns)
	routines *routines                  // the database's stored routines, read once (see refuseRoutines)
}

// pool is what a driver's opener returns.
type pool struct {
	db      *sql.DB
	dialect Dialect
	// tx are the options of every transaction: read-only where the driver
	// can say so (Firebird, SQLite); SQL Server's driver refuses ReadOnly, so
	// there the read-only intent is in the connection string instead.
	tx sql.TxOptions
	// byteColumns: the server counts an error's column in UTF-8 bytes
	// (Firebird on a UTF8 connection), not in characters (see SQLError).
	byteColumns bool
}

// opener builds the pool for one driver; drivers register here.
type opener func(o Options) (pool, error)

var openers = map[string]opener{
	"sqlite":   openSQLite,
	"firebird": openFirebird,
	"mssql":    openMSSQL,
}

// Open connects lazily (database/sql): the first query establishes the
// connection, and a broken connection is replaced on the next query, so a
// server restart heals by itself. A {year} in the database path becomes the
// current year; Group follows the year across New Year instead.
func Open(o Options) (*Source, error) {
	zone, err := NewZone(o.Location)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w", o.Name, err)
	}
	// The year is the shop's: its database for 2027 is the one in use from
	// midnight in Istanbul, not three hours later on a UTC machine.
	o.Database = strings.ReplaceAll(o.Database, YearPlaceholder, strconv.Itoa(time.Now().In(zone.Location()).Year()))
	open, ok := openers[o.Driver]
	if !ok {
		return nil, catalog.Errorf("erp.driver_unsupported", "source", o.Name, "driver", strconv.Quote(o.Driver))
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	p, err := open(o)
	if err != nil {
		err := catalog.Errorf("erp.source", "source", o.Name, "err", err).Wrapping(err)
		if errors.Is(err, ErrDatabaseMissing) && p.dialect != nil {
			return &Source{name: o.Name, database: o.Database, dialect: p.dialect, txOpts: p.tx, timeout: o.Timeout, zone: zone, missing: err}, nil
		}
		return nil, err
	}
	p.db.SetMaxOpenConns(2)
	p.db.SetMaxIdleConns(1)
	// Shop servers and routers drop idle connections silently; a fresh one
	// is cheaper than a failed poll.
	p.db.SetConnMaxIdleTime(5 * time.Minute)
	p.db.SetConnMaxLifetime(time.Hour)
	return &Source{name: o.Name, database: o.Database, user: o.User, byteColumns: p.byteColumns, db: p.db, dialect: p.dialect, txOpts: p.tx,
		timeout: o.Timeout, zone: zone}, nil
}

// Name is the source's name: the configured name, or name@year for a
// database resolved from a {year} path. Cursors and dedupe keys use it, so
// each database keeps its own.
func (s *Source) Name() string { return s.name }

// Database is the resolved database path or name.
func (s *Source) Database() string { return s.database }

// Dialect is the source's SQL dialect.
func (s *Source) Dialect() Dialect { return s.dialect }

// Zone is the zone of the database's zone-less times.
func (s *Source) Zone() Zone { return s.zone }

// Close closes the pool.
func (s *Source) Close() error {
	if s.db == nil {
		return nil
	}
	return s.db.Close()
}

// Ping checks that the database answers.
func (s *Source) Ping(ctx context.Context) error {
	if s.missing != nil {
		return s.missing
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := s.db.PingContext(ctx); err != nil {
		return s.connectErr(err)
	}
	return nil
}

// Query runs one SELECT in a read-only transaction and calls fn for each row
// as it is read (rows are streamed, never collected). Date tokens such as
// {today} are written in the source's dialect first (see ExpandTokens). A
// time.Time in args is bound as the shop's wall clock, and zone-less times
// in the rows are read as one (see Zone).
func (s *Source) Query(ctx context.Context, query string, args []any, fn func(Record) error) error {
	if s.missing != nil {
		return s.missing
	}
	st, err := syntaxOf(s.dialect).parse(query)
	if err != nil {
		return catalog.Errorf("erp.source", "source", s.name, "err", err).Wrapping(err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	if err := s.refuseRoutines(ctx, st); err != nil {
		return err
	}
	// What is sent is the checked text: comments the check skipped cannot
	// hide anything from it.
	query = ExpandTokens(s.dialect, st.text)
	args = s.zone.args(s.dialect, args)
	delivered := false
	err = s.query(ctx, query, args, func(r Record) error {
		delivered = true
		return fn(r)
	})
	if err != nil && !delivered && ctx.Err() == nil {
		// After a server restart the pooled connection is dead, and not
		// every driver says so in a way database/sql recognises. A ping
		// discards the broken connection; one retry on a fresh one turns a
		// restart into a non-event. Never retried once rows were handed out.
		// database/sql may hand the dead connection to the first ping too,
		// hence two.
		var pingErr error
		for range 2 {
			if pingErr = s.db.PingContext(ctx); pingErr == nil {
				err = s.query(ctx, query, args, fn)
				break
			}
		}
		// A connection cut under the query, and no new one to be had: the
		// server is down or out of reach now, and that is what to tell.
		if pingErr != nil && ctx.Err() == nil && FailureOf(err) == FailureDropped {
			err = s.connectErr(pingErr)
		}
	}
	return err
}

func (s *Source) query(ctx context.Context, query string, args []any, fn func(Record) error) error {
	if s.missing != nil {
		return s.missing
	}
	tx, err := s.db.BeginTx(ctx, &s.txOpts)
	if err != nil {
		return s.connectErr(err)
	}
	// A read-only transaction has nothing to commit; rolling back ends it
	// without any chance of writing.
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		if FailureOf(err) == FailurePermission {
			return s.permissionErr(err)
		}
		return catalog.Errorf("erp.query_failed", "source", s.name, "err", driverWords(err)).Wrapping(s.sqlError(err, query))
	}
	defer rows.Close()
	sc, err := newScanner(rows, s.dialect, s.zone)
	if err != nil {
		return catalog.Errorf("erp.source", "source", s.name, "err", err).Wrapping(err)
	}
	for rows.Next() {
		rec, err := sc.scan(rows)
		if err != nil {
			return catalog.Errorf("erp.read_row", "source", s.name, "err", err).Wrapping(err)
		}
		if err := fn(rec); err != nil {
			return err // the caller's own error, unwrapped
		}
	}
	if err := rows.Err(); err != nil {
		return catalog.Errorf("erp.read_rows", "source", s.name, "err", driverWords(err)).Wrapping(err)
	}
	return nil
}

// connectErr says which database could not be used and, when the server
// says it does not exist, that Wolvox may not have created it yet: only a
// year's database (merkez@2027) may be one not opened yet; a fixed path
// that stopped answering was moved or mistyped.
func (s *Source) connectErr(err error) error {
	if missingDatabase(err) {
		key := "erp.database_missing"
		if strings.Contains(s.name, "@") {
			key = "erp.database_missing_year"
		}
		return catalog.Errorf(catalog.Key(key), "source", s.name, "database", s.database, "err", driverWords(err)).Wrapping(ErrDatabaseMissing)
	}
	return catalog.Errorf("erp.unreachable", "source", s.name, "driver", s.dialect.Name(), "database", s.database, "err", driverWords(err)).Wrapping(err)
}

// driverWords is a driver's error on one line: Firebird's end with a line
// break and give each of their parts a line of its own, which would break
// the line check, status and the logs write.
func driverWords(err error) string {
	var parts []string
	for _, l := range strings.Split(err.Error(), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			parts = append(parts, l)
		}
	}
	return strings.Join(parts, ": ")
}

// ErrStop can be returned by a Query callback to stop reading early.
var ErrStop = errors.New("stop reading")
